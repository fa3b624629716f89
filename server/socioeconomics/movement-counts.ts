/**
 * The year's movement matrices as counts for the goal checks (goals/service.ts). Its own small door
 * because socioeconomics/service.ts reads the goals' närvaro summary: goals importing that service
 * would make a cycle.
 */
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";
import { positiveMovements, type Matrix } from "./movements.pure.js";

/** Per insats with a matrix for the year: people in the matrix and those with a positive movement. */
export async function movementCounts(ctx: Ctx, forbundId: string, year: number): Promise<Map<string, { people: number; positive: number }>> {
  const matrices = await repo.matricesOf(ctx.db, forbundId, year);
  return new Map([...matrices].map(([id, { matrix }]) => {
    const m = matrix as Matrix;
    const people = Object.values(m).reduce((a, row) => a + Object.values(row ?? {}).reduce((b, n) => b + (n ?? 0), 0), 0);
    return [id, { people, positive: positiveMovements(m) }];
  }));
}
