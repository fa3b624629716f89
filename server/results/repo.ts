/**
 * SQL for results. Answers are counted in PostgreSQL as they are written (response_tallies,
 * kept by triggers on responses: counts per insamling, question and value) and only the counts are
 * read: a hundred thousand responses give a few hundred rows, never the answers themselves. Free text is
 * read separately, counted per exact text, and only for questions the service has decided may be shown.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { invitations, responses, responseTallies } from "../../models/schema.js";

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
 * One count over the finished responses of an insamling: `question` null is the number of finished
 * responses; `value` null the number who answered (multi, text).
 */
export type TallyRow = { collectionId: string; question: string | null; value: string | null; n: number };

/**
 * Counts per insamling, question and value over the finished responses, read from response_tallies
 * (kept up to date by triggers on responses, see models/answering.ts): a few hundred rows per
 * insamling, however many responses it has. Every count the plan asks for comes back for each
 * insamling with any finished response (0 when there is no row); insamlingar without one are left out.
 */
export async function tallies(db: Db, plan: TallyPlan): Promise<TallyRow[]> {
  if (!plan.collectionIds.length) return [];
  // (question, value) in response_tallies → what it means here; '' '' is the number of finished responses.
  const meaning: { question: string; value: string; as: { question: string; value: string | null } }[] = [];
  for (const v of plan.values) for (const value of v.domain) meaning.push({ question: v.key, value, as: { question: v.key, value } });
  for (const m of plan.multi) {
    for (const code of m.codes) meaning.push({ question: m.key, value: code, as: { question: m.key, value: code } });
    meaning.push({ question: m.key, value: "", as: { question: m.key, value: null } });
  }
  for (const key of plan.texts) meaning.push({ question: key, value: "", as: { question: key, value: null } });
  const res = await db.execute(sql`select t.collection_id as c, t.question as q, t.value as v, t.n from ${responseTallies} t
    join unnest(${array(["", ...meaning.map((m) => m.question)], "text")}, ${array(["", ...meaning.map((m) => m.value)], "text")}) p(q, v)
      on t.question = p.q and t.value = p.v
    where t.collection_id = any(${array(plan.collectionIds, "uuid")})`);
  const found = new Map<string, Map<string, number>>();
  for (const r of rowsOf<{ c: string; q: string; v: string; n: string | number }>(res)) {
    if (!found.has(r.c)) found.set(r.c, new Map());
    found.get(r.c)!.set(JSON.stringify([r.q, r.v]), Number(r.n));
  }
  const out: TallyRow[] = [];
  for (const collectionId of plan.collectionIds) {
    const counts = found.get(collectionId);
    const finished = counts?.get(JSON.stringify(["", ""])) ?? 0;
    if (!counts || finished <= 0) continue;
    out.push({ collectionId, question: null, value: null, n: finished });
    for (const m of meaning) out.push({ collectionId, ...m.as, n: counts.get(JSON.stringify([m.question, m.value])) ?? 0 });
  }
  return out;
}

/** Unfinished (ej slutförda) responses per insamling (only those with any). */
export async function unfinishedCounts(db: Db, collectionIds: string[]): Promise<{ collectionId: string; n: number }[]> {
  if (!collectionIds.length) return [];
  const res = await db.execute(sql`select collection_id as c, count(*)::int as n from ${responses}
    where collection_id = any(${array(collectionIds, "uuid")}) and not finished group by 1`);
  return rowsOf<{ c: string; n: number | string }>(res).map((r) => ({ collectionId: r.c, n: Number(r.n) }));
}

/** Finished answers per insamling that wait for the next snapshot (only those with any). */
export async function waitingCounts(db: Db, collectionIds: string[]): Promise<Map<string, number>> {
  if (!collectionIds.length) return new Map();
  const res = await db.execute(sql`select collection_id as c, count(*)::int as n from ${responses}
    where collection_id = any(${array(collectionIds, "uuid")}) and finished and not released group by 1`);
  return new Map(rowsOf<{ c: string; n: number | string }>(res).map((r) => [r.c, Number(r.n)]));
}

/** How many personal invitations each insamling sent (counts only: the invitations name no response). */
export async function invitedCounts(db: Db, collectionIds: string[]): Promise<Map<string, number>> {
  if (!collectionIds.length) return new Map();
  const res = await db.execute(sql`select collection_id as c, count(*)::int as n from ${invitations}
    where collection_id = any(${array(collectionIds, "uuid")}) group by 1`);
  return new Map(rowsOf<{ c: string; n: number | string }>(res).map((r) => [r.c, Number(r.n)]));
}

/** A uuid at fraction i/parts of the uuid space (by its first 32 bits): the bounds of texts' parts. */
const uuidAt = (i: number, parts: number) => `${Math.floor((i * 2 ** 32) / parts).toString(16).padStart(8, "0")}-0000-0000-0000-000000000000`;

/**
 * The non-empty free-text answers per key (text questions, comments, "Annat") of the finished
 * responses in the released snapshot (as the counts), as counts per exact text: the texts only,
 * nothing else of the response, and nothing of their order. Grouping by meaning (case, punctuation,
 * masking) is text-groups.pure.ts's; the database only counts equal texts.
 *
 * This reads every released answer of the insamlingar. On the embedded database a statement blocks
 * the whole server while it runs, so with `perStatement` the answers are read in parts of about that
 * many (ranges of the response id, which is random; index responses_released), each part counted on
 * its own and the counts added here: the same counts as one statement, with other requests'
 * statements running between the parts. `released` is the insamlingar's number of released answers
 * (their tallies), which sizes the parts. Rows come by key, then text in code-unit order.
 */
export async function textCounts(
  db: Db, insamlingar: { id: string; released: number }[], keys: string[], perStatement = Infinity,
): Promise<{ key: string; text: string; n: number }[]> {
  if (!insamlingar.length || !keys.length) return [];
  const ids = array(insamlingar.map((c) => c.id), "uuid");
  const total = insamlingar.reduce((a, c) => a + c.released, 0);
  const parts = Math.max(1, Math.min(256, Math.ceil(total / perStatement)));
  const counts = new Map<string, Map<string, number>>(keys.map((k) => [k, new Map()]));
  for (let i = 0; i < parts; i++) {
    const from = i > 0 ? sql` and r.id >= ${uuidAt(i, parts)}::uuid` : sql``;
    const to = i < parts - 1 ? sql` and r.id < ${uuidAt(i + 1, parts)}::uuid` : sql``;
    const res = await db.execute(sql`select k.key, r.answers ->> k.key as text, count(*)::int as n
      from unnest(${array(keys, "text")}) k(key) join ${responses} r
        on r.collection_id = any(${ids}) and r.finished and r.released${from}${to} and coalesce(r.answers ->> k.key, '') <> ''
      group by 1, 2`);
    for (const r of rowsOf<{ key: string; text: string; n: number | string }>(res)) {
      const m = counts.get(r.key)!;
      m.set(r.text, (m.get(r.text) ?? 0) + Number(r.n));
    }
  }
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return keys.flatMap((key) => [...counts.get(key)!].sort(([a], [b]) => byCodeUnit(a, b)).map(([text, n]) => ({ key, text, n })));
}
