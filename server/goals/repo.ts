/** SQL for goals: a förbund's goals of a year, each with its rule or its verdict set by hand. */
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { goals, interventionMovements, type MovementMatrix } from "../../models/schema.js";

export type GoalRow = typeof goals.$inferSelect;
export type NewGoal = typeof goals.$inferInsert;

export async function listGoals(db: Db, forbundId: string, year?: number): Promise<GoalRow[]> {
  const where = year === undefined ? eq(goals.forbundId, forbundId) : and(eq(goals.forbundId, forbundId), eq(goals.year, year));
  return db.select().from(goals).where(where).orderBy(asc(goals.year), asc(goals.sortOrder), asc(goals.createdAt));
}

export async function countGoals(db: Db, forbundId: string, year: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.year, year)));
  return Number(row?.n ?? 0);
}

export async function findGoal(db: Db, forbundId: string, id: string): Promise<GoalRow | undefined> {
  const [row] = await db.select().from(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id)));
  return row;
}

export async function insertGoal(db: Db, v: NewGoal): Promise<GoalRow> {
  const [row] = await db.insert(goals).values(v).returning();
  return row;
}

/** Inserts the default goals; those already there (same förbund, year and default key) are left alone. */
export async function insertDefaultGoals(db: Db, rows: NewGoal[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db.insert(goals).values(rows).onConflictDoNothing().returning({ id: goals.id });
  return inserted.length;
}

export async function updateGoal(db: Db, forbundId: string, id: string, v: Partial<NewGoal>): Promise<GoalRow | undefined> {
  const [row] = await db.update(goals).set(v).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id))).returning();
  return row;
}

export async function deleteGoal(db: Db, forbundId: string, id: string): Promise<boolean> {
  const rows = await db.delete(goals).where(and(eq(goals.forbundId, forbundId), eq(goals.id, id))).returning({ id: goals.id });
  return rows.length > 0;
}

/**
 * The year's movement matrices (stegförflyttning) by insats, for the positive-movements goal. Read
 * here rather than through socioeconomics/service.ts, which itself reads the goals' närvaro summary:
 * the two services importing each other would be a cycle.
 */
export async function movementMatricesOf(db: Db, forbundId: string, year: number): Promise<Map<string, MovementMatrix>> {
  const rows = await db.select({ interventionId: interventionMovements.interventionId, matrix: interventionMovements.matrix })
    .from(interventionMovements).where(and(eq(interventionMovements.forbundId, forbundId), eq(interventionMovements.year, year)));
  return new Map(rows.map((r) => [r.interventionId, r.matrix]));
}
