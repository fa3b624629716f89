/** SQL for insatsrapporter (helår and delår, per insats or kommunområde). */
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { areas, interventionReports, interventions } from "../../models/schema.js";

export type ReportRow = typeof interventionReports.$inferSelect;
export type ReportWithNames = ReportRow & { interventionName: string; areaName: string | null };

export async function insertReport(db: Db, v: typeof interventionReports.$inferInsert) {
  const [row] = await db.insert(interventionReports).values(v).returning();
  return row;
}

export async function updateReport(db: Db, id: string, v: Partial<typeof interventionReports.$inferInsert>) {
  await db.update(interventionReports).set(v).where(eq(interventionReports.id, id));
}

export async function deleteReport(db: Db, forbundId: string, id: string) {
  await db.delete(interventionReports).where(and(eq(interventionReports.forbundId, forbundId), eq(interventionReports.id, id)));
}

const withNames = { report: interventionReports, interventionName: interventions.name, areaName: areas.name };
const flat = (r: { report: ReportRow; interventionName: string; areaName: string | null }): ReportWithNames =>
  ({ ...r.report, interventionName: r.interventionName, areaName: r.areaName });

export async function findReport(db: Db, forbundId: string, id: string): Promise<ReportWithNames | undefined> {
  const [row] = await db.select(withNames).from(interventionReports)
    .innerJoin(interventions, eq(interventions.id, interventionReports.interventionId))
    .leftJoin(areas, eq(areas.id, interventionReports.areaId))
    .where(and(eq(interventionReports.forbundId, forbundId), eq(interventionReports.id, id)));
  return row && flat(row);
}

/** The förbund's reports of a year, by insats, kommunområde (the insats's own first) and period. */
export async function listReports(db: Db, forbundId: string, year: number): Promise<ReportWithNames[]> {
  const rows = await db.select(withNames).from(interventionReports)
    .innerJoin(interventions, eq(interventions.id, interventionReports.interventionId))
    .leftJoin(areas, eq(areas.id, interventionReports.areaId))
    .where(and(eq(interventionReports.forbundId, forbundId), eq(interventionReports.year, year)))
    .orderBy(asc(interventions.name), sql`${areas.name} asc nulls first`, asc(interventionReports.periodStart), asc(interventionReports.periodEnd));
  return rows.map(flat);
}

/** The insats's own report (no kommunområde) for exactly this period. */
export async function findOwnReport(db: Db, forbundId: string, interventionId: string, periodStart: string, periodEnd: string) {
  const [row] = await db.select().from(interventionReports).where(and(
    eq(interventionReports.forbundId, forbundId), eq(interventionReports.interventionId, interventionId), isNull(interventionReports.areaId),
    eq(interventionReports.periodStart, periodStart), eq(interventionReports.periodEnd, periodEnd),
  )).limit(1);
  return row;
}

/**
 * Whether the förbund already has a report of the insats (and kommunområde) for exactly this period (other than `exceptId`);
 * the förbund counts because each co-funder of a shared insats reports its own part for the same period.
 */
export async function samePeriodExists(db: Db, v: { forbundId: string; interventionId: string; areaId: string | null; periodStart: string; periodEnd: string }, exceptId?: string) {
  const found = await db.select({ id: interventionReports.id }).from(interventionReports).where(and(
    eq(interventionReports.forbundId, v.forbundId),
    eq(interventionReports.interventionId, v.interventionId),
    v.areaId ? eq(interventionReports.areaId, v.areaId) : isNull(interventionReports.areaId),
    eq(interventionReports.periodStart, v.periodStart), eq(interventionReports.periodEnd, v.periodEnd),
    exceptId ? ne(interventionReports.id, exceptId) : undefined,
  )).limit(1);
  return found.length > 0;
}
