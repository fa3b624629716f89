/**
 * SQL for results. Answers are counted in PostgreSQL as they are written (response_tallies,
 * kept by triggers on responses: counts per insamling, question and value) and only the counts are
 * read: a hundred thousand responses give a few hundred rows, never the answers themselves. Free text is read separately, a bounded number per
 * question, and only for questions the service has decided may be shown.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { responses, responseTallies } from "../../models/schema.js";

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

/** A uuid at fraction i/parts of the uuid space (by its first 32 bits): the bounds of texts' parts. */
const uuidAt = (i: number, parts: number) => `${Math.floor((i * 2 ** 32) / parts).toString(16).padStart(8, "0")}-0000-0000-0000-000000000000`;

/**
 * Up to `limit` non-empty free-text answers per key (text questions, comments, "Annat") of the
 * finished responses in the released snapshot (as the counts); the texts only, nothing else of the response. Ordered by a hash of the text:
 * neither the order the answers came in nor the same position in two questions' lists tells which
 * answers one person gave, and a cut-off list is an even sample rather than the first answers.
 *
 * Finding the first `limit` by hash reads every released answer of the insamlingar. On the embedded
 * database a statement blocks the whole server while it runs, so with `perStatement` the answers are
 * read in parts of about that many (ranges of the response id, which is random; index
 * responses_released), each part's first `limit` by hash, merged here: the same texts in the same
 * order as one statement, with other requests' statements running between the parts. `released` is
 * the insamlingar's number of released answers (their tallies), which sizes the parts.
 */
export async function texts(
  db: Db, insamlingar: { id: string; released: number }[], keys: string[], limit: number, perStatement = Infinity,
): Promise<{ key: string; text: string }[]> {
  if (!insamlingar.length || !keys.length) return [];
  const ids = array(insamlingar.map((c) => c.id), "uuid");
  const total = insamlingar.reduce((a, c) => a + c.released, 0);
  const parts = Math.max(1, Math.min(256, Math.ceil(total / perStatement)));
  const found: { key: string; hash: string; text: string }[] = [];
  for (let i = 0; i < parts; i++) {
    const from = i > 0 ? sql` and r.id >= ${uuidAt(i, parts)}::uuid` : sql``;
    const to = i < parts - 1 ? sql` and r.id < ${uuidAt(i + 1, parts)}::uuid` : sql``;
    const res = await db.execute(sql`select k.key, t.hash, t.text from unnest(${array(keys, "text")}) k(key)
      cross join lateral (
        select md5(r.answers ->> k.key) as hash, r.answers ->> k.key as text from ${responses} r
        where r.collection_id = any(${ids}) and r.finished and r.released${from}${to} and coalesce(r.answers ->> k.key, '') <> ''
        order by 1, 2 limit ${limit}
      ) t`);
    found.push(...rowsOf<{ key: string; hash: string; text: string }>(res));
  }
  if (parts === 1) return found.map(({ key, text }) => ({ key, text }));
  // md5 is lowercase hex of one length, so code-unit order is the database's order; equal hashes are equal texts.
  const byHash = (a: { hash: string; text: string }, b: { hash: string; text: string }) =>
    a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  return keys.flatMap((key) => found.filter((r) => r.key === key).sort(byHash).slice(0, limit).map(({ text }) => ({ key, text })));
}
