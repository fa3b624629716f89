/** SQL for förbund, kommunområden, parter, enheter, insatser and grupper. */
import { and, asc, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { areas, forbund, groupParties, groups, interventionAreas, interventions, parties, units, userAreas } from "../../models/schema.js";
// The database's own refusals, for the service to turn into a message.
export { isForeignKeyViolation, isUniqueViolation } from "../../models/db.js";

export type ForbundRow = typeof forbund.$inferSelect;

export async function findForbund(db: Db, id: string): Promise<ForbundRow | undefined> {
  const [row] = await db.select().from(forbund).where(eq(forbund.id, id));
  return row;
}

export async function listForbund(db: Db) {
  return db.select({
    id: forbund.id, name: forbund.name, isDemo: forbund.isDemo, createdAt: forbund.createdAt,
    areaCount: sql<number>`(select count(*)::int from ${areas} where ${areas.forbundId} = ${forbund.id})`,
  }).from(forbund).orderBy(asc(forbund.name));
}

export async function countForbund(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(forbund);
  return row.n;
}

export async function insertForbund(db: Db, v: { name: string; isDemo?: boolean }) {
  const [row] = await db.insert(forbund).values(v).returning();
  return row;
}

export async function insertArea(db: Db, forbundId: string, name: string) {
  const [row] = await db.insert(areas).values({ forbundId, name }).returning();
  return row;
}
export async function insertParty(db: Db, forbundId: string, name: string, sortOrder: number) {
  const [row] = await db.insert(parties).values({ forbundId, name, sortOrder }).returning();
  return row;
}
export async function insertUnit(db: Db, forbundId: string, partyId: string, name: string) {
  const [row] = await db.insert(units).values({ forbundId, partyId, name }).returning();
  return row;
}
/** An insats with its kommunområden, in one transaction so a failure leaves no half-made insats. */
export async function insertIntervention(db: Db, v: typeof interventions.$inferInsert, areaIds: string[]) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(interventions).values(v).returning();
    if (areaIds.length) await tx.insert(interventionAreas).values(areaIds.map((areaId) => ({ interventionId: row.id, areaId })));
    return row;
  });
}
/** A grupp with its represented parties, in one transaction. */
export async function insertGroup(db: Db, v: typeof groups.$inferInsert, partyIds: string[]) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(groups).values(v).returning();
    if (partyIds.length) await tx.insert(groupParties).values(partyIds.map((partyId) => ({ groupId: row.id, partyId })));
    return row;
  });
}

/** Everything of one förbund's organisation, as plain rows. */
export async function loadOrganisation(db: Db, forbundId: string) {
  const [areaRows, partyRows, unitRows, interventionRows, groupRows] = await Promise.all([
    db.select().from(areas).where(eq(areas.forbundId, forbundId)).orderBy(asc(areas.name)),
    db.select().from(parties).where(eq(parties.forbundId, forbundId)).orderBy(asc(parties.sortOrder), asc(parties.name)),
    db.select().from(units).where(eq(units.forbundId, forbundId)).orderBy(asc(units.name)),
    db.select().from(interventions).where(eq(interventions.forbundId, forbundId)).orderBy(asc(interventions.name)),
    db.select().from(groups).where(eq(groups.forbundId, forbundId)).orderBy(asc(groups.name)),
  ]);
  const interventionIds = interventionRows.map((i) => i.id);
  const groupIds = groupRows.map((g) => g.id);
  const [ia, gp] = await Promise.all([
    interventionIds.length ? db.select().from(interventionAreas).where(inArray(interventionAreas.interventionId, interventionIds)) : [],
    groupIds.length ? db.select().from(groupParties).where(inArray(groupParties.groupId, groupIds)) : [],
  ]);
  return { areaRows, partyRows, unitRows, interventionRows, groupRows, interventionAreas: ia, groupParties: gp };
}


const named = { area: areas, party: parties, intervention: interventions, group: groups };
export type Named = keyof typeof named;

/** Whether another row of the förbund already has this name, ignoring case ("Eksjö" and "eksjö" are one place). */
export async function nameTaken(db: Db, kind: Named, forbundId: string, name: string, exceptId?: string) {
  const table = named[kind];
  const rows = await db.select({ id: table.id }).from(table as typeof areas).where(and(
    eq(table.forbundId, forbundId), sql`lower(${table.name}) = lower(${name})`, exceptId ? ne(table.id, exceptId) : undefined,
  )).limit(1);
  return rows.length > 0;
}

export async function updateForbund(db: Db, id: string, v: { name: string; reportingThreshold: number; outcomeThreshold: number | null }) {
  await db.update(forbund).set(v).where(eq(forbund.id, id));
}

export async function findArea(db: Db, forbundId: string, id: string) {
  const [row] = await db.select().from(areas).where(and(eq(areas.id, id), eq(areas.forbundId, forbundId)));
  return row;
}
export async function updateAreaName(db: Db, id: string, name: string) {
  await db.update(areas).set({ name }).where(eq(areas.id, id));
}

/** What points at a kommunområde: insatser and grupper by name, and how many users have it in their scope. */
export async function areaUses(db: Db, areaId: string) {
  const [ints, grps, [u]] = await Promise.all([
    db.select({ name: interventions.name }).from(interventionAreas)
      .innerJoin(interventions, eq(interventions.id, interventionAreas.interventionId))
      .where(eq(interventionAreas.areaId, areaId)).orderBy(asc(interventions.name)),
    db.select({ name: groups.name }).from(groups).where(eq(groups.areaId, areaId)).orderBy(asc(groups.name)),
    db.select({ n: sql<number>`count(*)::int` }).from(userAreas).where(eq(userAreas.areaId, areaId)),
  ]);
  return { interventions: ints.map((r) => r.name), groups: grps.map((r) => r.name), users: u.n };
}

/**
 * Deletes the kommunområde only when nothing points at it, in one statement, so that a link made
 * meanwhile is never removed silently by the cascade. Returns whether a row was deleted.
 */
export async function deleteAreaIfUnused(db: Db, forbundId: string, id: string): Promise<boolean> {
  const rows = await db.delete(areas).where(and(
    eq(areas.id, id), eq(areas.forbundId, forbundId),
    notExists(db.select({ x: sql`1` }).from(interventionAreas).where(eq(interventionAreas.areaId, id))),
    notExists(db.select({ x: sql`1` }).from(groups).where(eq(groups.areaId, id))),
    notExists(db.select({ x: sql`1` }).from(userAreas).where(eq(userAreas.areaId, id))),
  )).returning({ id: areas.id });
  return rows.length > 0;
}

export async function findParty(db: Db, forbundId: string, id: string) {
  const [row] = await db.select().from(parties).where(and(eq(parties.id, id), eq(parties.forbundId, forbundId)));
  return row;
}
export async function nextPartySortOrder(db: Db, forbundId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${parties.sortOrder}) + 1, 0)::int` }).from(parties).where(eq(parties.forbundId, forbundId));
  return row.n;
}
export async function updatePartyName(db: Db, id: string, name: string) {
  await db.update(parties).set({ name }).where(eq(parties.id, id));
}

export async function listUnits(db: Db, partyId: string) {
  return db.select().from(units).where(eq(units.partyId, partyId)).orderBy(asc(units.name));
}
export async function findUnit(db: Db, forbundId: string, id: string) {
  const [row] = await db.select().from(units).where(and(eq(units.id, id), eq(units.forbundId, forbundId)));
  return row;
}
/** Unit names are unique per party (units_party_name), compared here ignoring case. */
export async function unitNameTaken(db: Db, partyId: string, name: string, exceptId?: string) {
  const rows = await db.select({ id: units.id }).from(units).where(and(
    eq(units.partyId, partyId), sql`lower(${units.name}) = lower(${name})`, exceptId ? ne(units.id, exceptId) : undefined,
  )).limit(1);
  return rows.length > 0;
}
export async function updateUnitName(db: Db, id: string, name: string) {
  await db.update(units).set({ name }).where(eq(units.id, id));
}
export async function deleteUnit(db: Db, id: string) {
  await db.delete(units).where(eq(units.id, id));
}

export async function findIntervention(db: Db, forbundId: string, id: string) {
  const [row] = await db.select().from(interventions).where(and(eq(interventions.id, id), eq(interventions.forbundId, forbundId)));
  if (!row) return undefined;
  const links = await db.select({ areaId: interventionAreas.areaId }).from(interventionAreas).where(eq(interventionAreas.interventionId, id));
  return { ...row, areaIds: links.map((l) => l.areaId) };
}
/** Replaces an insats's fields and kommunområden together. */
export async function updateIntervention(db: Db, id: string, v: Pick<typeof interventions.$inferInsert, "name" | "kind" | "fromYear" | "toYear">, areaIds: string[]) {
  await db.transaction(async (tx) => {
    await tx.update(interventions).set(v).where(eq(interventions.id, id));
    await tx.delete(interventionAreas).where(eq(interventionAreas.interventionId, id));
    if (areaIds.length) await tx.insert(interventionAreas).values(areaIds.map((areaId) => ({ interventionId: id, areaId })));
  });
}

export async function findGroup(db: Db, forbundId: string, id: string) {
  const [row] = await db.select().from(groups).where(and(eq(groups.id, id), eq(groups.forbundId, forbundId)));
  if (!row) return undefined;
  const links = await db.select({ partyId: groupParties.partyId }).from(groupParties).where(eq(groupParties.groupId, id));
  return { ...row, partyIds: links.map((l) => l.partyId) };
}
/** Replaces a grupp's fields and represented parties together. */
export async function updateGroup(db: Db, id: string, v: Pick<typeof groups.$inferInsert, "name" | "kind" | "areaId">, partyIds: string[]) {
  await db.transaction(async (tx) => {
    await tx.update(groups).set(v).where(eq(groups.id, id));
    await tx.delete(groupParties).where(eq(groupParties.groupId, id));
    if (partyIds.length) await tx.insert(groupParties).values(partyIds.map((partyId) => ({ groupId: id, partyId })));
  });
}

/** The ids of the förbund's kommunområden and parter, to check ids that come from a form. */
export async function areaIdsOf(db: Db, forbundId: string) {
  return (await db.select({ id: areas.id }).from(areas).where(eq(areas.forbundId, forbundId))).map((r) => r.id);
}
export async function partyIdsOf(db: Db, forbundId: string) {
  return (await db.select({ id: parties.id }).from(parties).where(eq(parties.forbundId, forbundId))).map((r) => r.id);
}
