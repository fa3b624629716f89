/**
 * SQL for responses. A response row carries the insamling, the date, the language, finished or not
 * and the answers — nothing about who answered, from where or at what time.
 *
 * The respondents' statements (read a token's answers, save, finish, store from the API) go through
 * batchers (./batch.ts): requests that arrive while one statement runs share the next one. Each batch
 * is a single statement over a JSON array of rows, so it costs about what one row used to.
 */
import crypto from "node:crypto";
import { and, eq, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { isUniqueViolation, type Db } from "../../models/db.js";
import { collections, heldInvitationMarks, heldResponses, invitations, responses } from "../../models/schema.js";
import { batcher, perDb } from "./batch.js";

export type ResponseRow = typeof responses.$inferSelect;
type Answers = Record<string, unknown>;
type Owner = { collectionId: string; forbundId: string };
type Saved = { id: string; finished: boolean; answers: Answers; language: string };

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/**
 * A statement with one parameter ($1), written with Drizzle and turned into SQL text once. It runs
 * through the driver's own query() (PGlite and node-postgres both have it): Drizzle's per-call work
 * (building the text, re-reading the driver's type parsers) cost more than the statement itself here.
 * A handle without a driver (a transaction) runs it through Drizzle.
 */
function statement<T>(build: (param: SQL | Placeholder) => SQL) {
  const text = dialect.sqlToQuery(build(sql.placeholder("p"))).sql;
  return async (db: Db, param: string): Promise<T[]> => {
    const client = (db as unknown as { $client?: { query?: (text: string, params: unknown[]) => Promise<{ rows: T[] }> } }).$client;
    if (typeof client?.query === "function") {
      try {
        return (await client.query(text, [param])).rows;
      } catch (err) {
        // As Drizzle would report it: the statement, not its parameter (which holds answers).
        throw new Error(`Failed query: ${text}`, { cause: err });
      }
    }
    return rowsOf<T>(await db.execute(build(sql`${param}`)));
  };
}
const dialect = new PgDialect();

/** The rows of a batch, sent as one JSON array and read back as columns. */
const recordset = (rows: SQL | Placeholder) => sql`jsonb_to_recordset(${rows}::jsonb) as r(${sql.raw(
  '"id" uuid, "collectionId" uuid, "forbundId" uuid, "answeredOn" date, "language" text, "answers" jsonb, "submissionKey" text, "tokenHash" text',
)})`;

/**
 * The insamling of the batch row r takes answers on r's day, as the database has it now: the same rule
 * as collections' isOpen (status öppen, within the open and close dates).
 */
const isOpen = sql`exists (select 1 from ${collections} c
  where c.id = r."collectionId" and c.status = 'oppen'
    and (c.opens_on is null or c.opens_on <= r."answeredOn") and (c.closes_on is null or c.closes_on >= r."answeredOn"))`;

const selectByHashes = statement<Saved & { collection_id: string; resume_token_hash: string }>((hashes) => sql`
  select id, finished, answers, language, collection_id, resume_token_hash from ${responses}
  where resume_token_hash = any(${hashes}::text[])`);

const findBatch = perDb((db: Db) => batcher(async (items: { collectionId: string; tokenHash: string }[]) => {
  // Only sha256 hashes in hex go into the array literal (anything else cannot be a stored hash anyway).
  const hashes = `{${[...new Set(items.map((i) => i.tokenHash).filter((h) => /^[0-9a-f]{64}$/.test(h)))].join(",")}}`;
  const byHash = new Map((await selectByHashes(db, hashes)).map((r) => [r.resume_token_hash, r]));
  return items.map((i) => {
    const r = byHash.get(i.tokenHash);
    return r && r.collection_id === i.collectionId ? { id: r.id, finished: r.finished, answers: r.answers, language: r.language } : undefined;
  });
}));

/** The response carrying this resume token hash in this insamling. */
export async function findByToken(db: Db, collectionId: string, tokenHash: string): Promise<Saved | undefined> {
  return findBatch(db, { collectionId, tokenHash });
}

type SaveRow = Owner & { tokenHash: string; answers: Answers; language: string; answeredOn: string };

const upsertUnfinished = statement<{ resume_token_hash: string }>((rows) => sql`
  insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers, resume_token_hash)
  select r."collectionId", r."forbundId", r."answeredOn", r.language, false, r.answers, r."tokenHash" from ${recordset(rows)}
  on conflict (resume_token_hash) do update set answers = excluded.answers, language = excluded.language, answered_on = excluded.answered_on
  where ${responses}.finished = false and ${responses}.collection_id = excluded.collection_id
  returning resume_token_hash`);

const saveBatch = perDb((db: Db) => batcher(async (items: SaveRow[]) => {
  const saved = new Set((await upsertUnfinished(db, JSON.stringify(items))).map((r) => r.resume_token_hash));
  return items.map((i) => saved.has(i.tokenHash));
}));

/**
 * Creates or updates the unfinished response of a resume token (a double click sends the same token
 * twice and lands on the same row). Returns false when the token's response is already finished.
 */
export async function saveUnfinished(db: Db, o: SaveRow): Promise<boolean> {
  return saveBatch(db, o);
}

type FinishRow = SaveRow & { submissionKey: string };

const upsertFinished = statement<{ id: string; resume_token_hash: string }>((rows) => sql`
  insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers, submission_key, resume_token_hash)
  select r."collectionId", r."forbundId", r."answeredOn", r.language, true, r.answers, r."submissionKey", r."tokenHash"
  from ${recordset(rows)} where ${isOpen}
  on conflict (resume_token_hash) do update set finished = true, answers = excluded.answers, language = excluded.language,
    answered_on = excluded.answered_on, submission_key = excluded.submission_key
  where ${responses}.finished = false and ${responses}.collection_id = excluded.collection_id
  returning id, resume_token_hash`);

const finishBatch = perDb((db: Db) => batcher(async (items: FinishRow[]) => {
  const ids = new Map((await upsertFinished(db, JSON.stringify(items))).map((r) => [r.resume_token_hash, r.id]));
  return items.map((i) => ids.get(i.tokenHash) ?? null);
}));

/**
 * Finishes the response of a resume token, or stores it finished at once when there is no row yet:
 * one statement, which stores nothing when the insamling is not open in the database. A resent final
 * page carries the same token (its response is finished already) and a reused submission key hits the
 * unique index: nothing changes and null comes back; null also when the insamling is not open.
 */
export async function finish(db: Db, o: FinishRow): Promise<string | null> {
  try {
    return await finishBatch(db, o);
  } catch (err) {
    if (isUniqueViolation(err)) return null; // the submission key was used already
    throw err;
  }
}

type ApiRow = Owner & { answers: Answers; language: string; answeredOn: string };

const insertFinishedRows = statement<{ id: string }>((rows) => sql`
  insert into ${responses} (id, collection_id, forbund_id, answered_on, language, finished, answers)
  select r.id, r."collectionId", r."forbundId", r."answeredOn", r.language, true, r.answers from ${recordset(rows)}
  where ${isOpen}
  returning id`);

const insertBatch = perDb((db: Db) => batcher(async (items: (ApiRow & { id: string })[]) => {
  const stored = new Set((await insertFinishedRows(db, JSON.stringify(items))).map((r) => r.id));
  return items.map((i) => (stored.has(i.id) ? i.id : null));
}));

/** A finished response from the API (no token, no submission key); null when the insamling is not open in the database. */
export async function insertFinished(db: Db, o: ApiRow): Promise<string | null> {
  return insertBatch(db, { ...o, id: crypto.randomUUID() });
}

/** Finished and unfinished (ej slutförda) responses of an insamling, counted apart. */
export async function countResponses(db: Db, collectionId: string): Promise<{ finished: number; unfinished: number }> {
  const rows = await db.select({ finished: responses.finished, n: sql<number>`count(*)::int` })
    .from(responses).where(eq(responses.collectionId, collectionId)).groupBy(responses.finished);
  return { finished: rows.find((r) => r.finished)?.n ?? 0, unfinished: rows.find((r) => !r.finished)?.n ?? 0 };
}

// ——— Answers through personal invitations, held until at least k wait (see models/answering.ts heldResponses) ———

type HoldRow = Owner & { tokenHash: string; answers: Answers; language: string; answeredOn: string; mark: string };

/**
 * Holds an invited respondent's finished answers apart from `responses`, with the opaque "answered" mark
 * of their invitation, in one transaction that also removes their unfinished response (its resume row).
 * "closed" when the insamling is not open in the database; "answered" when the mark exists already.
 */
export async function hold(db: Db, o: HoldRow): Promise<"held" | "closed" | "answered"> {
  return db.transaction(async (tx) => {
    const open = rowsOf(await tx.execute(sql`select 1 from ${collections} c where c.id = ${o.collectionId} and c.status = 'oppen'
      and (c.opens_on is null or c.opens_on <= ${o.answeredOn}::date) and (c.closes_on is null or c.closes_on >= ${o.answeredOn}::date)`));
    if (!open.length) return "closed";
    const marked = await tx.insert(heldInvitationMarks).values({ collectionId: o.collectionId, mark: o.mark })
      .onConflictDoNothing().returning({ mark: heldInvitationMarks.mark });
    if (!marked.length) return "answered";
    await tx.delete(responses).where(and(eq(responses.resumeTokenHash, o.tokenHash), eq(responses.collectionId, o.collectionId), eq(responses.finished, false)));
    await tx.insert(heldResponses).values({
      collectionId: o.collectionId, forbundId: o.forbundId, answeredOn: o.answeredOn, language: o.language, answers: o.answers,
    });
    return "held";
  });
}

/** Whether an opaque invitation mark is waiting in this insamling. */
export async function isMarked(db: Db, collectionId: string, mark: string): Promise<boolean> {
  const rows = await db.select({ mark: heldInvitationMarks.mark }).from(heldInvitationMarks)
    .where(and(eq(heldInvitationMarks.collectionId, collectionId), eq(heldInvitationMarks.mark, mark)));
  return rows.length > 0;
}

/** Held answers waiting per insamling (only those with any). */
export async function heldCounts(db: Db, collectionIds: string[]): Promise<Map<string, number>> {
  if (!collectionIds.length) return new Map();
  const rows = await db.select({ c: heldResponses.collectionId, n: sql<number>`count(*)::int` }).from(heldResponses)
    .where(inArray(heldResponses.collectionId, collectionIds)).groupBy(heldResponses.collectionId);
  return new Map(rows.map((r) => [r.c, Number(r.n)]));
}

export type Waiting = {
  /** The förbund's reporting threshold (never below 3). */
  k: number;
  held: { answeredOn: string; language: string; answers: Answers }[];
  marks: string[];
  /** The insamling's invitations not yet marked answered (ids only: the marks are computed from them). */
  unanswered: string[];
};

/**
 * The release of held answers, in one transaction under a lock per insamling: `decide` sees what waits and
 * returns the answers to move (in the order to insert them) and the invitations to mark, or null to wait.
 * The moved answers enter `responses` in one statement and the invitations are marked in one statement, so
 * every row of the release carries the same transaction id; the held rows and marks go.
 */
export async function release(
  db: Db, collectionId: string,
  decide: (w: Waiting) => { answers: Waiting["held"]; invitationIds: string[] } | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`samspar:held:${collectionId}`}))`);
    const held = await tx.select({ answeredOn: heldResponses.answeredOn, language: heldResponses.language, answers: heldResponses.answers, forbundId: heldResponses.forbundId })
      .from(heldResponses).where(eq(heldResponses.collectionId, collectionId));
    if (!held.length) return 0;
    const marks = (await tx.select({ mark: heldInvitationMarks.mark }).from(heldInvitationMarks)
      .where(eq(heldInvitationMarks.collectionId, collectionId))).map((r) => r.mark);
    const unanswered = (await tx.select({ id: invitations.id }).from(invitations)
      .where(and(eq(invitations.collectionId, collectionId), eq(invitations.answered, false)))).map((r) => r.id);
    const [f] = rowsOf<{ k: number }>(await tx.execute(sql`select greatest(f.reporting_threshold, 3)::int as k
      from ${collections} c join forbund f on f.id = c.forbund_id where c.id = ${collectionId}`));
    const plan = decide({ k: Number(f?.k ?? 5), held, marks, unanswered });
    if (!plan) return 0;
    const forbundId = held[0].forbundId;
    await tx.insert(responses).values(plan.answers.map((a) => ({
      collectionId, forbundId, answeredOn: a.answeredOn, language: a.language, answers: a.answers, finished: true,
    })));
    if (plan.invitationIds.length) await tx.update(invitations).set({ answered: true }).where(inArray(invitations.id, plan.invitationIds));
    await tx.delete(heldResponses).where(eq(heldResponses.collectionId, collectionId));
    await tx.delete(heldInvitationMarks).where(eq(heldInvitationMarks.collectionId, collectionId));
    return plan.answers.length;
  });
}

/** Insamlingar (every förbund) with held answers, with what decides whether they still take answers. */
export async function collectionsWithHeld(db: Db) {
  return db.selectDistinct({ id: collections.id, status: collections.status, closedOn: collections.closedOn, closesOn: collections.closesOn })
    .from(collections).innerJoin(heldResponses, eq(heldResponses.collectionId, collections.id));
}

