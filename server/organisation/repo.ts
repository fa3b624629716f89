/** SQL for förbund, kommunområden, parter, enheter, insatser and grupper. */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { areas, forbund, groupParties, groups, interventionAreas, interventions, parties, units } from "../../models/schema.js";

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
export async function insertIntervention(db: Db, v: typeof interventions.$inferInsert, areaIds: string[]) {
  const [row] = await db.insert(interventions).values(v).returning();
  if (areaIds.length) await db.insert(interventionAreas).values(areaIds.map((areaId) => ({ interventionId: row.id, areaId })));
  return row;
}
export async function insertGroup(db: Db, v: typeof groups.$inferInsert, partyIds: string[]) {
  const [row] = await db.insert(groups).values(v).returning();
  if (partyIds.length) await db.insert(groupParties).values(partyIds.map((partyId) => ({ groupId: row.id, partyId })));
  return row;
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
