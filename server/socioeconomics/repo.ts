/** SQL for the socioekonomisk schablon per förbund and year and the money put into each insats per year. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { economyLines, economyYears, interventionFunding, interventionMovements, nyckeltal, socioeconomicRates, type StoredNyckeltal } from "../../models/schema.js";
import type { Movements } from "../../models/socioeconomics.js";
import type { Schablon } from "./socioeconomics.pure.js";
import type { EconomyCategory } from "./economy.pure.js";

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
    .onConflictDoUpdate({ target: [interventionFunding.interventionId, interventionFunding.year, interventionFunding.forbundId], set: { amount, updatedAt: now } });
}

export async function deleteFunding(db: Db, forbundId: string, interventionId: string, year: number) {
  await db.delete(interventionFunding).where(and(
    eq(interventionFunding.forbundId, forbundId), eq(interventionFunding.interventionId, interventionId), eq(interventionFunding.year, year)));
}

/** Every förbund's amount for one insats and year (a shared insats: the owner's and each co-funder's). */
export async function fundingByForbund(db: Db, interventionId: string, year: number): Promise<Map<string, number>> {
  const rows = await db.select({ forbundId: interventionFunding.forbundId, amount: interventionFunding.amount })
    .from(interventionFunding).where(and(eq(interventionFunding.interventionId, interventionId), eq(interventionFunding.year, year)));
  return new Map(rows.map((r) => [r.forbundId, r.amount]));
}

// ——— Stegförflyttning: matrices and nyckeltal ———

/** The insats's movements of the year: the matrix at the end and one year after (null when not followed up). */
export async function findMovements(db: Db, forbundId: string, interventionId: string, year: number): Promise<Movements | undefined> {
  const [row] = await db.select({ matrix: interventionMovements.matrix, oneYearAfter: interventionMovements.oneYearAfter }).from(interventionMovements).where(and(
    eq(interventionMovements.forbundId, forbundId), eq(interventionMovements.interventionId, interventionId), eq(interventionMovements.year, year)));
  return row;
}

/** The year's movements by insats id. */
export async function matricesOf(db: Db, forbundId: string, year: number): Promise<Map<string, Movements>> {
  const rows = await db.select({ interventionId: interventionMovements.interventionId, matrix: interventionMovements.matrix, oneYearAfter: interventionMovements.oneYearAfter })
    .from(interventionMovements).where(and(eq(interventionMovements.forbundId, forbundId), eq(interventionMovements.year, year)));
  return new Map(rows.map((r) => [r.interventionId, { matrix: r.matrix, oneYearAfter: r.oneYearAfter }]));
}

export async function upsertMatrix(db: Db, forbundId: string, interventionId: string, year: number, v: Movements, now: Date) {
  await db.insert(interventionMovements).values({ forbundId, interventionId, year, ...v, updatedAt: now })
    .onConflictDoUpdate({ target: [interventionMovements.interventionId, interventionMovements.year, interventionMovements.forbundId], set: { ...v, updatedAt: now } });
}

export async function findNyckeltal(db: Db, forbundId: string, year: number): Promise<StoredNyckeltal | undefined> {
  const [row] = await db.select({ data: nyckeltal.data }).from(nyckeltal).where(and(eq(nyckeltal.forbundId, forbundId), eq(nyckeltal.year, year)));
  return row?.data;
}

export async function upsertNyckeltal(db: Db, forbundId: string, year: number, data: StoredNyckeltal, now: Date) {
  await db.insert(nyckeltal).values({ forbundId, year, data, updatedAt: now })
    .onConflictDoUpdate({ target: [nyckeltal.forbundId, nyckeltal.year], set: { data, updatedAt: now } });
}

// ——— The insatser's economy ———

export async function economyLinesOf(db: Db, forbundId: string, year: number) {
  return db.select({ category: economyLines.category, label: economyLines.label, budget: economyLines.budget, utfall: economyLines.utfall, comment: economyLines.comment, interventionId: economyLines.interventionId })
    .from(economyLines).where(and(eq(economyLines.forbundId, forbundId), eq(economyLines.year, year))).orderBy(asc(economyLines.updatedAt), asc(economyLines.id));
}

/** The year's lines replaced by these, in this order (one statement each, inside the caller's transaction). */
export async function replaceEconomyLines(db: Db, forbundId: string, year: number, lines: { category: EconomyCategory; label: string; budget: number | null; utfall: number | null; comment: string }[], now: Date) {
  await db.delete(economyLines).where(and(eq(economyLines.forbundId, forbundId), eq(economyLines.year, year)));
  // updatedAt grows by a millisecond per line so that the order typed is the order read back.
  if (lines.length) await db.insert(economyLines).values(lines.map((l, i) => ({ ...l, forbundId, year, updatedAt: new Date(now.getTime() + i) })));
}

export async function findEconomyYear(db: Db, forbundId: string, year: number) {
  const [row] = await db.select({ egetKapitalIn: economyYears.egetKapitalIn, egetKapitalUt: economyYears.egetKapitalUt, medlemsbidrag: economyYears.medlemsbidrag })
    .from(economyYears).where(and(eq(economyYears.forbundId, forbundId), eq(economyYears.year, year)));
  return row;
}

export async function upsertEconomyYear(db: Db, forbundId: string, year: number, v: { egetKapitalIn: number | null; egetKapitalUt: number | null; medlemsbidrag: number | null }, now: Date) {
  await db.insert(economyYears).values({ forbundId, year, ...v, updatedAt: now })
    .onConflictDoUpdate({ target: [economyYears.forbundId, economyYears.year], set: { ...v, updatedAt: now } });
}
