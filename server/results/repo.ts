/**
 * SQL for results and goals. Answers are counted in PostgreSQL — `group by` insamling, question and
 * value over the JSONB answers — and only the counts come back: a hundred thousand responses give a
 * few hundred rows, never the answers themselves. Free text is read separately, a bounded number per
 * question, and only for questions the service has decided may be shown.
 */
import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { goals, responses } from "../../models/schema.js";

/** A literal array parameter: `array[$1, $2]::uuid[]` (drizzle would otherwise spread a JS array into a list). */
const array = (values: readonly string[], type: "uuid" | "text"): SQL =>
  values.length
    ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::${sql.raw(type)}[]`
    : sql`array[]::${sql.raw(type)}[]`;

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/**
 * What to count for a set of insamlingar that share one definition: `values` — questions counted
 * per stored value, with every value they can take (scales 0–max, ja/nej, option codes); `multi` —
 * multi-choice questions, counted per option code and per respondent; `texts` — keys whose
 * non-empty answers are only counted (free text, comments, "Annat").
 */
export type TallyPlan = {
  collectionIds: string[];
  values: { key: string; domain: string[] }[];
  multi: { key: string; codes: string[] }[];
  texts: string[];
};

/**
 * One count, of the responses answered before `day` (past) or on or after it: `question` null is
 * the number of finished responses; `value` null the number who answered (multi, text).
 */
export type TallyRow = { collectionId: string; past: boolean; question: string | null; value: string | null; n: number };

/**
 * Counts per insamling, question and value over the finished responses, apart for those answered
 * before `day` and on or after it; with `onlySince`, the answers before `day` are only counted as
 * responses, not read. One pass over the rows, each answer extracted once (the `offset 0` keeps
 * PostgreSQL from inlining the extraction into every count), then one `count(*) filter (…)` per
 * question and value. Grouping by question and value instead makes the planner expect a million
 * groups and sort; this is about twice as fast on PGlite and on a server. One statement, so one snapshot.
 */
export async function tallies(db: Db, plan: TallyPlan, day: string, onlySince: boolean): Promise<TallyRow[]> {
  if (!plan.collectionIds.length) return [];
  const columns: SQL[] = [];
  const counts: SQL[] = [];
  const meaning: { question: string; value: string | null }[] = [];
  const col = () => sql.raw(`c${columns.length}`);
  for (const v of plan.values) {
    const c = col();
    columns.push(sql`r.answers ->> ${v.key} as ${c}`);
    for (const value of v.domain) {
      counts.push(sql`count(*) filter (where ${c} = ${value})`);
      meaning.push({ question: v.key, value });
    }
  }
  for (const m of plan.multi) {
    const c = col();
    columns.push(sql`r.answers -> ${m.key} as ${c}`);
    for (const code of m.codes) {
      counts.push(sql`count(*) filter (where jsonb_typeof(${c}) = 'array' and ${c} @> jsonb_build_array(${code}::text))`);
      meaning.push({ question: m.key, value: code });
    }
    counts.push(sql`count(*) filter (where jsonb_typeof(${c}) = 'array' and ${c} <> '[]'::jsonb)`);
    meaning.push({ question: m.key, value: null });
  }
  for (const key of plan.texts) {
    const c = col();
    columns.push(sql`r.answers ->> ${key} as ${c}`);
    counts.push(sql`count(*) filter (where ${c} <> '')`);
    meaning.push({ question: key, value: null });
  }
  const selected = columns.length ? sql`, ${sql.join(columns, sql`, `)}` : sql``;
  const aggregates = counts.length ? sql`, ${sql.join(counts.map((c, i) => sql`${c} as ${sql.raw(`a${i}`)}`), sql`, `)}` : sql``;
  const own = sql`r.collection_id = any(${array(plan.collectionIds, "uuid")}) and r.finished`;
  const statement = onlySince
    // Today's answers are read; the earlier ones only counted (with null for every figure), in the same statement.
    ? sql`select s.collection_id as c, false as past, count(*) as n${aggregates}
        from (select r.collection_id${selected} from ${responses} r where ${own} and r.answered_on >= ${day}::date offset 0) s group by 1
        union all
        select r.collection_id, true, count(*)${sql.raw(counts.map((_, i) => `, null::bigint as a${i}`).join(""))}
        from ${responses} r where ${own} and r.answered_on < ${day}::date group by 1`
    : sql`select s.collection_id as c, s.past, count(*) as n${aggregates}
        from (select r.collection_id, r.answered_on < ${day}::date as past${selected} from ${responses} r where ${own} offset 0) s group by 1, 2`;
  // A hundred count expressions make PostgreSQL's JIT compile for longer than the query runs.
  const res = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(statement);
  });
  const out: TallyRow[] = [];
  for (const row of rowsOf<Record<string, string | number | boolean>>(res)) {
    const collectionId = String(row.c), past = row.past === true;
    out.push({ collectionId, past, question: null, value: null, n: Number(row.n) });
    if (onlySince && past) continue;
    meaning.forEach((m, i) => out.push({ collectionId, past, question: m.question, value: m.value, n: Number(row[`a${i}`]) }));
  }
  return out;
}

/** Finished and unfinished responses per insamling (only those with any). */
export async function responseCounts(db: Db, collectionIds: string[]) {
  if (!collectionIds.length) return [];
  const res = await db.execute(sql`select collection_id as c, finished as f, count(*)::int as n from ${responses}
    where collection_id = any(${array(collectionIds, "uuid")}) group by 1, 2`);
  return rowsOf<{ c: string; f: boolean; n: number | string }>(res).map((r) => ({ collectionId: r.c, finished: r.f, n: Number(r.n) }));
}

/**
 * Up to `limit` non-empty free-text answers per key (text questions, comments, "Annat") of the
 * finished responses; the texts only, nothing else of the response. Ordered by a hash of the text:
 * neither the order the answers came in nor the same position in two questions' lists tells which
 * answers one person gave, and a cut-off list is an even sample rather than the first answers.
 */
export async function texts(db: Db, collectionIds: string[], keys: string[], limit: number): Promise<{ key: string; text: string }[]> {
  if (!collectionIds.length || !keys.length) return [];
  const res = await db.execute(sql`select k.key, t.text from unnest(${array(keys, "text")}) k(key)
    cross join lateral (
      select r.answers ->> k.key as text from ${responses} r
      where r.collection_id = any(${array(collectionIds, "uuid")}) and r.finished and coalesce(r.answers ->> k.key, '') <> ''
      order by md5(r.answers ->> k.key), r.answers ->> k.key limit ${limit}
    ) t`);
  return rowsOf<{ key: string; text: string }>(res);
}

// ——— Goals ———

export type GoalRow = typeof goals.$inferSelect;
export type NewGoal = typeof goals.$inferInsert;

export async function listGoals(db: Db, forbundId: string, year?: number): Promise<GoalRow[]> {
  const where = year === undefined ? eq(goals.forbundId, forbundId) : and(eq(goals.forbundId, forbundId), eq(goals.year, year));
  return db.select().from(goals).where(where).orderBy(asc(goals.year), asc(goals.sortOrder), asc(goals.createdAt));
}

export async function countGoals(db: Db, forbundId: string, year: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.year, year)));
  return Number(row?.n ?? 0);
}

export async function findGoal(db: Db, forbundId: string, id: string): Promise<GoalRow | undefined> {
  const [row] = await db.select().from(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id)));
  return row;
}

export async function insertGoal(db: Db, v: NewGoal): Promise<GoalRow> {
  const [row] = await db.insert(goals).values(v).returning();
  return row;
}

/** Inserts the default goals; those already there (same förbund, year and default key) are left alone. */
export async function insertDefaultGoals(db: Db, rows: NewGoal[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db.insert(goals).values(rows).onConflictDoNothing().returning({ id: goals.id });
  return inserted.length;
}

export async function updateGoal(db: Db, forbundId: string, id: string, v: Partial<NewGoal>): Promise<GoalRow | undefined> {
  const [row] = await db.update(goals).set(v).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id))).returning();
  return row;
}

export async function deleteGoal(db: Db, forbundId: string, id: string): Promise<boolean> {
  const rows = await db.delete(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id))).returning({ id: goals.id });
  return rows.length > 0;
}
