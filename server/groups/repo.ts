/** SQL of groups and sharing: plain objects out, never a figure (the figures come from the results service). */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { forbund, forbundGroupMembers, forbundGroups, groupSharing, nationalSharing } from "../../models/schema.js";

export type GroupRow = { id: string; name: string };
export type Share = { forbundId: string; questionnaireId: string; year: number };

export async function insertGroup(db: Db, name: string): Promise<GroupRow> {
  const [row] = await db.insert(forbundGroups).values({ name }).returning({ id: forbundGroups.id, name: forbundGroups.name });
  return row;
}

export async function findGroupByName(db: Db, name: string): Promise<GroupRow | undefined> {
  const [row] = await db.select({ id: forbundGroups.id, name: forbundGroups.name }).from(forbundGroups)
    .where(sql`lower(${forbundGroups.name}) = lower(${name})`);
  return row;
}

export async function findGroup(db: Db, id: string): Promise<GroupRow | undefined> {
  const [row] = await db.select({ id: forbundGroups.id, name: forbundGroups.name }).from(forbundGroups).where(eq(forbundGroups.id, id));
  return row;
}

/** Every group with its number of members, by name. */
export async function listGroups(db: Db) {
  return db.select({ id: forbundGroups.id, name: forbundGroups.name, members: count(forbundGroupMembers.forbundId) })
    .from(forbundGroups).leftJoin(forbundGroupMembers, eq(forbundGroupMembers.groupId, forbundGroups.id))
    .groupBy(forbundGroups.id).orderBy(asc(forbundGroups.name));
}

/** Adds members (an invitation already made is left as it is); returns the ids that were new. */
export async function addMembers(db: Db, groupId: string, forbundIds: string[]): Promise<string[]> {
  if (!forbundIds.length) return [];
  const rows = await db.insert(forbundGroupMembers).values(forbundIds.map((forbundId) => ({ groupId, forbundId })))
    .onConflictDoNothing().returning({ forbundId: forbundGroupMembers.forbundId });
  return rows.map((r) => r.forbundId);
}

/** The members of a group with their names, by name. */
export async function listMembers(db: Db, groupId: string) {
  return db.select({ forbundId: forbund.id, name: forbund.name, reportingThreshold: forbund.reportingThreshold })
    .from(forbundGroupMembers).innerJoin(forbund, eq(forbund.id, forbundGroupMembers.forbundId))
    .where(eq(forbundGroupMembers.groupId, groupId)).orderBy(asc(forbund.name));
}

export async function isMember(db: Db, groupId: string, forbundId: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(forbundGroupMembers)
    .where(and(eq(forbundGroupMembers.groupId, groupId), eq(forbundGroupMembers.forbundId, forbundId)));
  return !!row;
}

/** The groups a förbund is invited to, by name. */
export async function groupsOf(db: Db, forbundId: string): Promise<GroupRow[]> {
  return db.select({ id: forbundGroups.id, name: forbundGroups.name }).from(forbundGroupMembers)
    .innerJoin(forbundGroups, eq(forbundGroups.id, forbundGroupMembers.groupId))
    .where(eq(forbundGroupMembers.forbundId, forbundId)).orderBy(asc(forbundGroups.name));
}

/** Opts in (share) or withdraws a förbund's figures of one questionnaire and year for a group. */
export async function setGroupSharing(db: Db, groupId: string, s: Share, share: boolean) {
  if (share) {
    await db.insert(groupSharing).values({ groupId, ...s }).onConflictDoNothing();
  } else {
    await db.delete(groupSharing).where(and(eq(groupSharing.groupId, groupId), eq(groupSharing.forbundId, s.forbundId),
      eq(groupSharing.questionnaireId, s.questionnaireId), eq(groupSharing.year, s.year)));
  }
}

/** What the members of groups share, newest year first. */
export async function listGroupSharing(db: Db, groupIds: string[]): Promise<(Share & { groupId: string })[]> {
  if (!groupIds.length) return [];
  return db.select({ groupId: groupSharing.groupId, forbundId: groupSharing.forbundId, questionnaireId: groupSharing.questionnaireId, year: groupSharing.year })
    .from(groupSharing).where(inArray(groupSharing.groupId, groupIds))
    .orderBy(sql`${groupSharing.year} desc`, asc(groupSharing.questionnaireId));
}

/** The förbund that share one questionnaire and year with a group, with their names. */
export async function sharingForbund(db: Db, groupId: string, questionnaireId: string, year: number) {
  return db.select({ forbundId: forbund.id, name: forbund.name, reportingThreshold: forbund.reportingThreshold }).from(groupSharing)
    .innerJoin(forbund, eq(forbund.id, groupSharing.forbundId))
    .where(and(eq(groupSharing.groupId, groupId), eq(groupSharing.questionnaireId, questionnaireId), eq(groupSharing.year, year)))
    .orderBy(asc(forbund.name));
}

export async function setNationalSharing(db: Db, s: Share, share: boolean) {
  if (share) {
    await db.insert(nationalSharing).values(s).onConflictDoNothing();
  } else {
    await db.delete(nationalSharing).where(and(eq(nationalSharing.forbundId, s.forbundId),
      eq(nationalSharing.questionnaireId, s.questionnaireId), eq(nationalSharing.year, s.year)));
  }
}

/** What one förbund shares nationally. */
export async function nationalSharingOf(db: Db, forbundId: string): Promise<Share[]> {
  return db.select({ forbundId: nationalSharing.forbundId, questionnaireId: nationalSharing.questionnaireId, year: nationalSharing.year })
    .from(nationalSharing).where(eq(nationalSharing.forbundId, forbundId))
    .orderBy(sql`${nationalSharing.year} desc`, asc(nationalSharing.questionnaireId));
}

/** The förbund that share one questionnaire and year nationally, with their names. */
export async function nationalForbund(db: Db, questionnaireId: string, year: number) {
  return db.select({ forbundId: forbund.id, name: forbund.name, reportingThreshold: forbund.reportingThreshold }).from(nationalSharing)
    .innerJoin(forbund, eq(forbund.id, nationalSharing.forbundId))
    .where(and(eq(nationalSharing.questionnaireId, questionnaireId), eq(nationalSharing.year, year)))
    .orderBy(asc(forbund.name));
}

/** The number of förbund sharing nationally per questionnaire for a year. */
export async function nationalCounts(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db.select({ questionnaireId: nationalSharing.questionnaireId, n: count() }).from(nationalSharing)
    .where(eq(nationalSharing.year, year)).groupBy(nationalSharing.questionnaireId);
  return new Map(rows.map((r) => [r.questionnaireId, Number(r.n)]));
}

/** The years anything is shared nationally, newest first. */
export async function nationalYears(db: Db): Promise<number[]> {
  const rows = await db.selectDistinct({ year: nationalSharing.year }).from(nationalSharing).orderBy(sql`${nationalSharing.year} desc`);
  return rows.map((r) => r.year);
}

/** Which of the ids are förbund on the instance. */
export async function existingForbund(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: forbund.id }).from(forbund).where(inArray(forbund.id, ids));
  return new Set(rows.map((r) => r.id));
}
