/**
 * SQL for responses. A response row carries the insamling, the date, the language, finished or not
 * and the answers — nothing about who answered, from where or at what time.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { responses } from "../../models/schema.js";

export type ResponseRow = typeof responses.$inferSelect;
type Answers = Record<string, unknown>;
type Owner = { collectionId: string; forbundId: string };

/** The response carrying this resume token hash in this insamling. */
export async function findByToken(db: Db, collectionId: string, tokenHash: string) {
  const [row] = await db.select({ id: responses.id, finished: responses.finished, answers: responses.answers, language: responses.language })
    .from(responses).where(and(eq(responses.collectionId, collectionId), eq(responses.resumeTokenHash, tokenHash)));
  return row;
}

/** Whether a response was already stored with this submission key. */
export async function hasSubmission(db: Db, collectionId: string, submissionKey: string): Promise<boolean> {
  const [row] = await db.select({ id: responses.id }).from(responses)
    .where(and(eq(responses.collectionId, collectionId), eq(responses.submissionKey, submissionKey)));
  return !!row;
}

/**
 * Creates or updates the unfinished response of a resume token (a double click sends the same token
 * twice and lands on the same row). Returns false when the token's response is already finished.
 */
export async function saveUnfinished(db: Db, o: Owner & { tokenHash: string; answers: Answers; language: string; answeredOn: string }): Promise<boolean> {
  const rows = await db.insert(responses).values({
    collectionId: o.collectionId, forbundId: o.forbundId, answeredOn: o.answeredOn, language: o.language,
    finished: false, answers: o.answers, resumeTokenHash: o.tokenHash,
  }).onConflictDoUpdate({
    target: responses.resumeTokenHash,
    set: { answers: o.answers, language: o.language, answeredOn: o.answeredOn },
    setWhere: and(eq(responses.finished, false), eq(responses.collectionId, o.collectionId)),
  }).returning({ id: responses.id });
  return rows.length > 0;
}

/**
 * Finishes the response of a resume token, or stores it finished at once when there is no row yet.
 * A resent final page carries the same token and submission key: nothing changes and null comes back.
 */
export async function finish(db: Db, o: Owner & { tokenHash: string; submissionKey: string; answers: Answers; language: string; answeredOn: string }): Promise<string | null> {
  const set = { finished: true, answers: o.answers, language: o.language, answeredOn: o.answeredOn, submissionKey: o.submissionKey };
  const [updated] = await db.update(responses).set(set).where(and(
    eq(responses.collectionId, o.collectionId), eq(responses.resumeTokenHash, o.tokenHash), eq(responses.finished, false),
    sql`not exists (select 1 from ${responses} r2 where r2.submission_key = ${o.submissionKey})`,
  )).returning({ id: responses.id });
  if (updated) return updated.id;
  const [inserted] = await db.insert(responses)
    .values({ collectionId: o.collectionId, forbundId: o.forbundId, resumeTokenHash: o.tokenHash, ...set })
    .onConflictDoNothing().returning({ id: responses.id });
  return inserted?.id ?? null;
}

/** A finished response from the API: no token, no submission key. */
export async function insertFinished(db: Db, o: Owner & { answers: Answers; language: string; answeredOn: string }): Promise<string> {
  const [row] = await db.insert(responses).values({ ...o, finished: true }).returning({ id: responses.id });
  return row.id;
}

/** Finished and unfinished (ej slutförda) responses of an insamling, counted apart. */
export async function countResponses(db: Db, collectionId: string): Promise<{ finished: number; unfinished: number }> {
  const rows = await db.select({ finished: responses.finished, n: sql<number>`count(*)::int` })
    .from(responses).where(eq(responses.collectionId, collectionId)).groupBy(responses.finished);
  return { finished: rows.find((r) => r.finished)?.n ?? 0, unfinished: rows.find((r) => !r.finished)?.n ?? 0 };
}
