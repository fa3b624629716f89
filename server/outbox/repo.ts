/** SQL for the mail outbox. */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { mailOutbox, type MailRow } from "../../models/schema.js";

export type { MailRow };
export type NewMail = { forbundId: string | null; recipient: string; subject: string; body: string; state: "queued" | "unsent"; createdAt: Date };

/** Whose rows: a förbund's, or the platform's own (null). */
const ofScope = (forbundId: string | null): SQL => (forbundId ? eq(mailOutbox.forbundId, forbundId) : isNull(mailOutbox.forbundId));

export async function insertMail(db: Db, m: NewMail) {
  await db.insert(mailOutbox).values(m);
}

/**
 * Claims up to `limit` due messages for one worker: counts the attempt and pushes the next attempt
 * to `leaseUntil`, in one statement. `for update skip locked` lets several workers (or processes)
 * claim at once without taking the same row; the lease keeps a claimed row from being taken again
 * while it is being sent, and brings it back if the worker dies mid-send.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<MailRow[]> {
  const due = db.select({ id: mailOutbox.id }).from(mailOutbox)
    .where(and(eq(mailOutbox.state, "queued"), or(isNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, now))))
    .orderBy(asc(mailOutbox.createdAt)).limit(limit)
    .for("update", { skipLocked: true });
  return db.update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

/** How many messages are in each state, over every förbund (for /metrics). */
export async function countByState(db: Db): Promise<{ state: MailRow["state"]; n: number }[]> {
  const rows = await db.select({ state: mailOutbox.state, n: count() }).from(mailOutbox).groupBy(mailOutbox.state);
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

export async function markSent(db: Db, id: string, at: Date) {
  await db.update(mailOutbox).set({ state: "sent", sentAt: at, nextAttemptAt: null, lastError: null }).where(eq(mailOutbox.id, id));
}

export async function markRetry(db: Db, id: string, nextAttemptAt: Date, error: string) {
  await db.update(mailOutbox).set({ nextAttemptAt, lastError: error }).where(eq(mailOutbox.id, id));
}

export async function markFailed(db: Db, id: string, error: string) {
  await db.update(mailOutbox).set({ state: "failed", nextAttemptAt: null, lastError: error }).where(eq(mailOutbox.id, id));
}

/** One page of a scope's messages, newest first, without bodies. */
export async function listMail(db: Db, forbundId: string | null, limit: number, offset: number) {
  return db.select({
    id: mailOutbox.id, recipient: mailOutbox.recipient, subject: mailOutbox.subject, state: mailOutbox.state,
    attempts: mailOutbox.attempts, lastError: mailOutbox.lastError, createdAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt,
  }).from(mailOutbox).where(ofScope(forbundId)).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit).offset(offset);
}

export async function countMail(db: Db, forbundId: string | null): Promise<number> {
  const [row] = await db.select({ n: count() }).from(mailOutbox).where(ofScope(forbundId));
  return Number(row?.n ?? 0);
}

/** One message, only within its scope. */
export async function findMail(db: Db, forbundId: string | null, id: string): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mailOutbox).where(and(eq(mailOutbox.id, id), ofScope(forbundId)));
  return row;
}

/** Puts a failed or unsent message back in the queue as new; returns whether there was one to requeue. */
export async function requeue(db: Db, forbundId: string | null, id: string): Promise<boolean> {
  const rows = await db.update(mailOutbox)
    .set({ state: "queued", attempts: 0, nextAttemptAt: null, lastError: null })
    .where(and(eq(mailOutbox.id, id), ofScope(forbundId), inArray(mailOutbox.state, ["failed", "unsent"]), isNotNull(mailOutbox.body)))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/** Empties the bodies of messages that are done with: sent before `sentBefore`, or failed/unsent and created before `createdBefore`. */
export async function clearBodies(db: Db, sentBefore: Date, createdBefore: Date): Promise<number> {
  const rows = await db.update(mailOutbox).set({ body: null })
    .where(and(isNotNull(mailOutbox.body), or(
      and(eq(mailOutbox.state, "sent"), lt(mailOutbox.sentAt, sentBefore)),
      and(inArray(mailOutbox.state, ["failed", "unsent"]), lt(mailOutbox.createdAt, createdBefore)),
    )))
    .returning({ id: mailOutbox.id });
  return rows.length;
}

/** Deletes finished messages (not queued) created before `before`. */
export async function deleteOld(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(mailOutbox)
    .where(and(inArray(mailOutbox.state, ["sent", "failed", "unsent"]), lt(mailOutbox.createdAt, before)))
    .returning({ id: mailOutbox.id });
  return rows.length;
}
