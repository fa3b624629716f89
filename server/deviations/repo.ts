/** SQL for deviations: cases, parties concerned, history, answer requests, codes and settings. Returns plain objects. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import {
  deviationCodes, deviationConcerned, deviationEvents, deviationPartyRequests, deviations, deviationSettings,
} from "../../models/schema.js";
// The database's own refusals, for the service to turn into a message.
export { isUniqueViolation } from "../../models/db.js";

export type DeviationRow = typeof deviations.$inferSelect;
export type NewDeviation = Omit<typeof deviations.$inferInsert, "seq" | "caseNumber" | "id">;
export type ConcernedRow = typeof deviationConcerned.$inferSelect;
export type EventRow = typeof deviationEvents.$inferSelect;
export type NewEvent = Omit<typeof deviationEvents.$inferInsert, "id">;
export type RequestRow = typeof deviationPartyRequests.$inferSelect;
export type SettingsRow = typeof deviationSettings.$inferSelect;
export type CodeRow = typeof deviationCodes.$inferSelect;


// Settings

export async function findSettings(db: Db, forbundId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(deviationSettings).where(eq(deviationSettings.forbundId, forbundId));
  return row;
}

/** Creates the förbund's settings unless another request just did. */
export async function insertSettings(db: Db, forbundId: string, publicSlug: string) {
  await db.insert(deviationSettings).values({ forbundId, publicSlug }).onConflictDoNothing({ target: deviationSettings.forbundId });
}

export async function findSettingsBySlug(db: Db, slug: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(deviationSettings).where(eq(deviationSettings.publicSlug, slug));
  return row;
}

export async function updateSettings(db: Db, forbundId: string, v: Partial<Omit<SettingsRow, "forbundId">>) {
  await db.update(deviationSettings).set(v).where(eq(deviationSettings.forbundId, forbundId));
}

// Codes

export async function listCodes(db: Db, forbundId: string): Promise<CodeRow[]> {
  return db.select().from(deviationCodes).where(eq(deviationCodes.forbundId, forbundId))
    .orderBy(asc(deviationCodes.kind), asc(deviationCodes.sortOrder), asc(deviationCodes.label));
}

export async function insertCodes(db: Db, rows: (typeof deviationCodes.$inferInsert)[]) {
  if (rows.length) await db.insert(deviationCodes).values(rows).onConflictDoNothing();
}

// Cases

/**
 * Inserts a case with the next number of its förbund and year, its parties concerned and its first
 * event, in one transaction. Two reports at the same moment may pick the same number: the unique
 * index refuses the second, and the service tries again.
 */
export async function insertDeviation(
  db: Db, v: NewDeviation, concerned: { partyId: string; unitId: string | null }[], event: Omit<NewEvent, "deviationId">,
  numberFor: (year: number, seq: number) => string,
): Promise<DeviationRow> {
  return db.transaction(async (tx) => {
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${deviations.seq}), 0)::int + 1` })
      .from(deviations).where(and(eq(deviations.forbundId, v.forbundId), eq(deviations.year, v.year)));
    const [row] = await tx.insert(deviations).values({ ...v, seq: next, caseNumber: numberFor(v.year, next) }).returning();
    if (concerned.length) {
      await tx.insert(deviationConcerned).values(concerned.map((c, position) => ({ deviationId: row.id, partyId: c.partyId, unitId: c.unitId, position })));
    }
    await tx.insert(deviationEvents).values({ ...event, deviationId: row.id });
    return row;
  });
}

export async function findDeviation(db: Db, forbundId: string, id: string): Promise<DeviationRow | undefined> {
  const [row] = await db.select().from(deviations).where(and(eq(deviations.forbundId, forbundId), eq(deviations.id, id)));
  return row;
}

/** A case by id alone, for the token pages (the token has already proved the right to it). */
export async function findDeviationById(db: Db, id: string): Promise<DeviationRow | undefined> {
  const [row] = await db.select().from(deviations).where(eq(deviations.id, id));
  return row;
}

/** Marks that the receipt has shown the follow link; true only for the first call. */
export async function markReceiptShown(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db.update(deviations).set({ receiptShownAt: at })
    .where(and(eq(deviations.id, id), isNull(deviations.receiptShownAt))).returning({ id: deviations.id });
  return rows.length > 0;
}

export async function findByFollowHash(db: Db, hash: string): Promise<DeviationRow | undefined> {
  const [row] = await db.select().from(deviations).where(eq(deviations.followTokenHash, hash));
  return row;
}

export type ListFilter = { year?: number | null; status?: DeviationRow["status"] | null; areaIds?: string[] | null };

/** The förbund's cases, newest first; `areaIds` limits them to those kommunområden (a koordinator's scope). */
export async function listDeviations(db: Db, forbundId: string, f: ListFilter = {}): Promise<DeviationRow[]> {
  if (f.areaIds && !f.areaIds.length) return [];
  const where: (SQL | undefined)[] = [
    eq(deviations.forbundId, forbundId),
    f.year ? eq(deviations.year, f.year) : undefined,
    f.status ? eq(deviations.status, f.status) : undefined,
    f.areaIds ? inArray(deviations.areaId, f.areaIds) : undefined,
  ];
  return db.select().from(deviations).where(and(...where)).orderBy(desc(deviations.year), desc(deviations.seq));
}

export async function listYears(db: Db, forbundId: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: deviations.year }).from(deviations).where(eq(deviations.forbundId, forbundId)).orderBy(desc(deviations.year));
  return rows.map((r) => r.year);
}

export async function listConcerned(db: Db, deviationIds: string[]): Promise<ConcernedRow[]> {
  if (!deviationIds.length) return [];
  return db.select().from(deviationConcerned).where(inArray(deviationConcerned.deviationId, deviationIds)).orderBy(asc(deviationConcerned.position));
}

export async function updateDeviation(db: Db, id: string, v: Partial<NewDeviation>) {
  await db.update(deviations).set(v).where(eq(deviations.id, id));
}

/** Cases of the förbund that have a public summary approved for publication. */
export async function listPublished(db: Db, forbundId: string): Promise<DeviationRow[]> {
  return db.select().from(deviations)
    .where(and(eq(deviations.forbundId, forbundId), eq(deviations.publicSummaryApproved, true), isNotNull(deviations.publicSummary)))
    .orderBy(desc(deviations.year), desc(deviations.seq));
}

// History

/**
 * Adds an event. Its time is never before the case's latest event, so that the history keeps the
 * order in which things happened even when two events fall in the same millisecond.
 */
export async function insertEvent(db: Db, e: NewEvent) {
  const at = (e.at ?? new Date()).toISOString();
  await db.insert(deviationEvents).values({
    ...e,
    at: sql`greatest(${at}::timestamptz, (select max(${deviationEvents.at}) + interval '1 millisecond' from ${deviationEvents} where ${deviationEvents.deviationId} = ${e.deviationId}))`,
  });
}

export async function listEvents(db: Db, deviationId: string): Promise<EventRow[]> {
  return db.select().from(deviationEvents).where(eq(deviationEvents.deviationId, deviationId)).orderBy(asc(deviationEvents.at), asc(deviationEvents.id));
}

// Answer requests

/** A new id for a request, known before it is inserted (its answer token is derived from it). */
export async function newRequestId(db: Db): Promise<string> {
  const res = await db.execute(sql`select gen_random_uuid()::text as id`);
  return (res as unknown as { rows: { id: string }[] }).rows[0].id;
}

export async function insertRequest(db: Db, v: typeof deviationPartyRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await db.insert(deviationPartyRequests).values(v).returning();
  return row;
}

export async function listRequests(db: Db, deviationIds: string[]): Promise<RequestRow[]> {
  if (!deviationIds.length) return [];
  return db.select().from(deviationPartyRequests).where(inArray(deviationPartyRequests.deviationId, deviationIds))
    .orderBy(asc(deviationPartyRequests.requestedOn), asc(deviationPartyRequests.id));
}

export async function findRequestByHash(db: Db, hash: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(deviationPartyRequests).where(eq(deviationPartyRequests.tokenHash, hash));
  return row;
}

export async function findRequest(db: Db, deviationId: string, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(deviationPartyRequests)
    .where(and(eq(deviationPartyRequests.deviationId, deviationId), eq(deviationPartyRequests.id, id)));
  return row;
}

export async function updateRequest(db: Db, id: string, v: Partial<Omit<RequestRow, "id" | "deviationId">>) {
  await db.update(deviationPartyRequests).set(v).where(eq(deviationPartyRequests.id, id));
}

// Retention

/**
 * Removes every free text and the reporter's contact details of a closed case, and makes its
 * follow-up and answer links unusable; the codes, parties, dates and statuses stay for the statistics.
 */
export async function anonymise(db: Db, id: string, today: string, deadHash: (n: number) => string) {
  await db.transaction(async (tx) => {
    await tx.update(deviations).set({
      reporterName: null, reporterEmail: null, followSeed: null, reporterRole: null, description: "[Gallrad]",
      consequenceOther: null, causeOther: null, proposal: null, actionTaken: null, statusReason: null,
      liftNote: null, decision: null, effectNote: null, analysisNote: null,
      followTokenHash: deadHash(0), anonymisedOn: today,
    }).where(eq(deviations.id, id));
    await tx.update(deviationEvents).set({ note: null }).where(eq(deviationEvents.deviationId, id));
    const requests = await tx.select({ id: deviationPartyRequests.id }).from(deviationPartyRequests).where(eq(deviationPartyRequests.deviationId, id));
    for (const [i, r] of requests.entries()) {
      await tx.update(deviationPartyRequests).set({ answer: null, contactEmail: "", tokenHash: deadHash(i + 1) }).where(eq(deviationPartyRequests.id, r.id));
    }
  });
}

/** The förbund that have set up the deviation routine (their settings exist): the scheduled jobs' list. */
export async function listSettingsForbundIds(db: Db): Promise<string[]> {
  return (await db.select({ id: deviationSettings.forbundId }).from(deviationSettings)).map((r) => r.id);
}
