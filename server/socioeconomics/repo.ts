/** SQL for the socioekonomisk schablon per förbund and year and the money put into each insats per year. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { interventionFunding, interventionMovements, nyckeltal, socioeconomicRates, type MovementMatrix, type StoredNyckeltal } from "../../models/schema.js";
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

// ——— Stegförflyttning: matrices and nyckeltal ———

export async function findMatrix(db: Db, forbundId: string, interventionId: string, year: number): Promise<MovementMatrix | undefined> {
  const [row] = await db.select({ matrix: interventionMovements.matrix }).from(interventionMovements).where(and(
    eq(interventionMovements.forbundId, forbundId), eq(interventionMovements.interventionId, interventionId), eq(interventionMovements.year, year)));
  return row?.matrix;
}

/** The year's matrices by insats id. */
export async function matricesOf(db: Db, forbundId: string, year: number): Promise<Map<string, MovementMatrix>> {
  const rows = await db.select({ interventionId: interventionMovements.interventionId, matrix: interventionMovements.matrix })
    .from(interventionMovements).where(and(eq(interventionMovements.forbundId, forbundId), eq(interventionMovements.year, year)));
  return new Map(rows.map((r) => [r.interventionId, r.matrix]));
}

export async function upsertMatrix(db: Db, forbundId: string, interventionId: string, year: number, matrix: MovementMatrix, now: Date) {
  await db.insert(interventionMovements).values({ forbundId, interventionId, year, matrix, updatedAt: now })
    .onConflictDoUpdate({ target: [interventionMovements.interventionId, interventionMovements.year], set: { matrix, updatedAt: now } });
}

export async function findNyckeltal(db: Db, forbundId: string, year: number): Promise<StoredNyckeltal | undefined> {
  const [row] = await db.select({ data: nyckeltal.data }).from(nyckeltal).where(and(eq(nyckeltal.forbundId, forbundId), eq(nyckeltal.year, year)));
  return row?.data;
}

export async function upsertNyckeltal(db: Db, forbundId: string, year: number, data: StoredNyckeltal, now: Date) {
  await db.insert(nyckeltal).values({ forbundId, year, data, updatedAt: now })
    .onConflictDoUpdate({ target: [nyckeltal.forbundId, nyckeltal.year], set: { data, updatedAt: now } });
}
