/** SQL for the socioekonomisk schablon per förbund and year and the money put into each insats per year. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { interventionFunding, socioeconomicRates } from "../../models/schema.js";
import type { Schablon } from "./socioeconomics.pure.js";

export async function findRate(db: Db, forbundId: string, year: number): Promise<Schablon | undefined> {
  const [row] = await db.select({
    publicSupport: socioeconomicRates.publicSupport, adminCost: socioeconomicRates.adminCost, newRevenue: socioeconomicRates.newRevenue,
  }).from(socioeconomicRates).where(and(eq(socioeconomicRates.forbundId, forbundId), eq(socioeconomicRates.year, year)));
  return row;
}

export async function upsertRate(db: Db, forbundId: string, year: number, s: Schablon, now: Date) {
  await db.insert(socioeconomicRates).values({ forbundId, year, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: [socioeconomicRates.forbundId, socioeconomicRates.year], set: { ...s, updatedAt: now } });
}

/** The year's amounts by insats id. */
export async function fundingOf(db: Db, forbundId: string, year: number): Promise<Map<string, number>> {
  const rows = await db.select({ interventionId: interventionFunding.interventionId, amount: interventionFunding.amount })
    .from(interventionFunding).where(and(eq(interventionFunding.forbundId, forbundId), eq(interventionFunding.year, year)));
  return new Map(rows.map((r) => [r.interventionId, r.amount]));
}

export async function upsertFunding(db: Db, forbundId: string, interventionId: string, year: number, amount: number, now: Date) {
  await db.insert(interventionFunding).values({ forbundId, interventionId, year, amount, updatedAt: now })
    .onConflictDoUpdate({ target: [interventionFunding.interventionId, interventionFunding.year], set: { amount, updatedAt: now } });
}

export async function deleteFunding(db: Db, forbundId: string, interventionId: string, year: number) {
  await db.delete(interventionFunding).where(and(
    eq(interventionFunding.forbundId, forbundId), eq(interventionFunding.interventionId, interventionId), eq(interventionFunding.year, year)));
}
