/** SQL of shared insatser: who co-funds which insats (the parts' figures come through the insatsrapporter and funding services). */
import { and, asc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../models/db.js";
import { forbund, forbundGroupMembers, interventionCofunders, interventions } from "../../models/schema.js";

export type CofunderRow = { interventionId: string; forbundId: string; name: string; k: number; acceptedAt: Date | null; lastYear: number | null };

/** The co-funders of some insatser (invited and accepted), by name. */
export async function cofundersOf(db: Db, interventionIds: string[]): Promise<CofunderRow[]> {
  if (!interventionIds.length) return [];
  return db.select({
    interventionId: interventionCofunders.interventionId, forbundId: forbund.id, name: forbund.name, k: forbund.reportingThreshold,
    acceptedAt: interventionCofunders.acceptedAt, lastYear: interventionCofunders.lastYear,
  }).from(interventionCofunders).innerJoin(forbund, eq(forbund.id, interventionCofunders.forbundId))
    .where(inArray(interventionCofunders.interventionId, interventionIds)).orderBy(asc(forbund.name));
}

export type SharedRow = {
  id: string; name: string; kind: "individinriktad" | "strukturovergripande"; fromYear: number | null; toYear: number | null;
  ownerId: string; ownerName: string; ownerK: number; acceptedAt: Date | null;
  /** The last year of an ended co-funding; null while it runs. */
  lastYear: number | null;
};

const owner = alias(forbund, "owner");
const sharedColumns = {
  id: interventions.id, name: interventions.name, kind: interventions.kind, fromYear: interventions.fromYear, toYear: interventions.toYear,
  ownerId: owner.id, ownerName: owner.name, ownerK: owner.reportingThreshold, acceptedAt: interventionCofunders.acceptedAt,
  lastYear: interventionCofunders.lastYear,
};

/** The insatser another förbund invited this one to co-fund (accepted or not), by name. */
export async function invitationsTo(db: Db, forbundId: string, acceptedOnly = false): Promise<SharedRow[]> {
  return db.select(sharedColumns).from(interventionCofunders)
    .innerJoin(interventions, eq(interventions.id, interventionCofunders.interventionId))
    .innerJoin(owner, eq(owner.id, interventions.forbundId))
    .where(and(eq(interventionCofunders.forbundId, forbundId), acceptedOnly ? isNotNull(interventionCofunders.acceptedAt) : undefined))
    .orderBy(asc(interventions.name));
}

/** One insats this förbund is invited to co-fund. */
export async function findInvitation(db: Db, forbundId: string, interventionId: string): Promise<SharedRow | undefined> {
  const [row] = await db.select(sharedColumns).from(interventionCofunders)
    .innerJoin(interventions, eq(interventions.id, interventionCofunders.interventionId))
    .innerJoin(owner, eq(owner.id, interventions.forbundId))
    .where(and(eq(interventionCofunders.forbundId, forbundId), eq(interventionCofunders.interventionId, interventionId)));
  return row;
}

/** The förbund that share at least one group with this one (the only ones it may invite), by name. */
export async function groupNeighbours(db: Db, forbundId: string): Promise<{ id: string; name: string }[]> {
  const mine = alias(forbundGroupMembers, "mine");
  return db.selectDistinct({ id: forbund.id, name: forbund.name }).from(forbundGroupMembers)
    .innerJoin(mine, and(eq(mine.groupId, forbundGroupMembers.groupId), eq(mine.forbundId, forbundId)))
    .innerJoin(forbund, eq(forbund.id, forbundGroupMembers.forbundId))
    .where(ne(forbundGroupMembers.forbundId, forbundId)).orderBy(asc(forbund.name));
}

/** Invites (an invitation already made is left as it is); whether it was new. */
export async function invite(db: Db, interventionId: string, forbundId: string, now: Date): Promise<boolean> {
  const rows = await db.insert(interventionCofunders).values({ interventionId, forbundId, invitedAt: now })
    .onConflictDoNothing().returning({ forbundId: interventionCofunders.forbundId });
  return rows.length > 0;
}

export async function accept(db: Db, interventionId: string, forbundId: string, now: Date) {
  await db.update(interventionCofunders).set({ acceptedAt: now })
    .where(and(eq(interventionCofunders.interventionId, interventionId), eq(interventionCofunders.forbundId, forbundId)));
}

/** Removes an invitation that is not accepted yet; whether there was one. */
export async function withdrawPending(db: Db, interventionId: string, forbundId: string): Promise<boolean> {
  const rows = await db.delete(interventionCofunders).where(and(
    eq(interventionCofunders.interventionId, interventionId), eq(interventionCofunders.forbundId, forbundId),
    sql`${interventionCofunders.acceptedAt} is null`,
  )).returning({ forbundId: interventionCofunders.forbundId });
  return rows.length > 0;
}

/** Ends an accepted co-funding that runs; whether there was one. The row stays: it says which years the co-funder's part covers. */
export async function end(db: Db, interventionId: string, forbundId: string, now: Date, lastYear: number): Promise<boolean> {
  const rows = await db.update(interventionCofunders).set({ endedAt: now, lastYear }).where(and(
    eq(interventionCofunders.interventionId, interventionId), eq(interventionCofunders.forbundId, forbundId),
    isNotNull(interventionCofunders.acceptedAt), isNull(interventionCofunders.endedAt),
  )).returning({ forbundId: interventionCofunders.forbundId });
  return rows.length > 0;
}
