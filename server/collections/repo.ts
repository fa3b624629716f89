/** SQL for insamlingar and their invitations. */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { collections, invitations, responses } from "../../models/schema.js";

export type CollectionRow = typeof collections.$inferSelect;
export type NewCollection = typeof collections.$inferInsert;

export async function insertCollection(db: Db, v: NewCollection): Promise<CollectionRow> {
  const [row] = await db.insert(collections).values(v).returning();
  return row;
}

export async function findCollection(db: Db, forbundId: string, id: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(and(eq(collections.forbundId, forbundId), eq(collections.id, id)));
  return row;
}

export async function findCollectionById(db: Db, id: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(eq(collections.id, id));
  return row;
}

export async function findBySlug(db: Db, slug: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(eq(collections.slug, slug));
  return row;
}

export async function listCollections(db: Db, forbundId: string): Promise<CollectionRow[]> {
  return db.select().from(collections).where(eq(collections.forbundId, forbundId)).orderBy(desc(collections.year), desc(collections.createdAt));
}

/** The insamlingar of many förbund for one year and questionnaire, newest first (the national view reads them at once). */
export async function listYearCollectionsOf(db: Db, forbundIds: string[], year: number, questionnaireId: string): Promise<CollectionRow[]> {
  if (!forbundIds.length) return [];
  return db.select().from(collections)
    .where(and(inArray(collections.forbundId, forbundIds), eq(collections.year, year), eq(collections.questionnaireId, questionnaireId)))
    .orderBy(desc(collections.year), desc(collections.createdAt));
}

/** The distinct definitions the instance's insamlingar of a questionnaire opened with (their snapshots), oldest version first. */
export async function snapshotDefinitions(db: Db, questionnaireId: string): Promise<unknown[]> {
  const rows = await db.selectDistinct({ version: collections.questionnaireVersion, definition: collections.definition }).from(collections)
    .where(eq(collections.questionnaireId, questionnaireId)).orderBy(asc(collections.questionnaireVersion));
  return rows.map((r) => r.definition);
}

export async function updateCollection(db: Db, id: string, v: Partial<NewCollection>) {
  const [row] = await db.update(collections).set(v).where(eq(collections.id, id)).returning();
  return row;
}

/** Finished and unfinished responses per insamling of a förbund (only those with any). */
export async function responseCounts(db: Db, forbundId: string, collectionIds?: string[]) {
  if (collectionIds && !collectionIds.length) return [];
  const where = collectionIds
    ? and(eq(responses.forbundId, forbundId), inArray(responses.collectionId, collectionIds))
    : eq(responses.forbundId, forbundId);
  return db.select({ collectionId: responses.collectionId, finished: responses.finished, n: count() })
    .from(responses).where(where).groupBy(responses.collectionId, responses.finished);
}

// ---------- Invitations ----------

export type InvitationRow = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;

const byToken = (collectionId: string, tokenHash: string) =>
  and(eq(invitations.collectionId, collectionId), or(eq(invitations.tokenHash, tokenHash), eq(invitations.reminderTokenHash, tokenHash)));

export async function findInvitationByHash(db: Db, collectionId: string, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(byToken(collectionId, tokenHash));
  return row;
}


/** The addresses still kept for an insamling, to leave out duplicates. */
export async function invitedAddresses(db: Db, collectionId: string): Promise<string[]> {
  const rows = await db.select({ email: invitations.email }).from(invitations)
    .where(and(eq(invitations.collectionId, collectionId), isNotNull(invitations.email)));
  return rows.map((r) => r.email!);
}

export async function insertInvitation(db: Db, v: NewInvitation): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(v).returning();
  return row;
}

/** Invitations to remind: not answered, address kept, not already reminded today. */
export async function toRemind(db: Db, collectionId: string, today: string) {
  return db.select({ id: invitations.id, email: invitations.email }).from(invitations).where(and(
    eq(invitations.collectionId, collectionId), eq(invitations.answered, false), isNotNull(invitations.email),
    or(isNull(invitations.remindedOn), ne(invitations.remindedOn, today)),
  ));
}

export async function setReminded(db: Db, id: string, reminderTokenHash: string, today: string) {
  await db.update(invitations).set({ reminderTokenHash, remindedOn: today }).where(eq(invitations.id, id));
}

/** Counts only: never who answered. */
export async function invitationCounts(db: Db, collectionId: string) {
  const [row] = await db.select({
    invited: count(),
    answered: sql<number>`count(*) filter (where ${invitations.answered})`.mapWith(Number),
    withAddress: sql<number>`count(*) filter (where ${invitations.email} is not null)`.mapWith(Number),
  }).from(invitations).where(eq(invitations.collectionId, collectionId));
  return row;
}

/** Deletes the address list of these insamlingar; the rows stay so that counts and answered marks remain. */
export async function clearAddresses(db: Db, collectionIds: string[]): Promise<number> {
  if (!collectionIds.length) return 0;
  const rows = await db.update(invitations).set({ email: null })
    .where(and(inArray(invitations.collectionId, collectionIds), isNotNull(invitations.email)))
    .returning({ id: invitations.id });
  return rows.length;
}

/** Insamlingar of every förbund that still keep invitation addresses, with what decides when they go. */
export async function collectionsWithAddresses(db: Db) {
  return db.selectDistinct({
    id: collections.id, forbundId: collections.forbundId, status: collections.status, closedOn: collections.closedOn, closesOn: collections.closesOn,
    invitationRetentionDays: collections.invitationRetentionDays,
  }).from(collections).innerJoin(invitations, eq(invitations.collectionId, collections.id)).where(isNotNull(invitations.email));
}

/** Every förbund with an open insamling that sends automatic reminders. */
export async function forbundWithAutoReminders(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: collections.forbundId }).from(collections)
    .where(and(eq(collections.status, "oppen"), sql`${collections.autoReminderDays} > 0`));
  return rows.map((r) => r.id);
}

/** The förbund's open insamlingar that send automatic reminders. */
export async function collectionsWithAutoReminders(db: Db, forbundId: string): Promise<CollectionRow[]> {
  return db.select().from(collections)
    .where(and(eq(collections.forbundId, forbundId), eq(collections.status, "oppen"), sql`${collections.autoReminderDays} > 0`));
}

/** Invitations not answered whose address is kept, with the dates that decide an automatic reminder. */
export async function unansweredWithAddress(db: Db, collectionId: string) {
  return db.select({ id: invitations.id, email: invitations.email, sentOn: invitations.sentOn, remindedOn: invitations.remindedOn }).from(invitations)
    .where(and(eq(invitations.collectionId, collectionId), eq(invitations.answered, false), isNotNull(invitations.email)));
}
