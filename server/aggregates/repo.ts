/** SQL of imported aggregate files: plain objects out. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { importedAggregates } from "../../models/schema.js";

export type ImportedRow = typeof importedAggregates.$inferSelect;

/** Stores one questionnaire version of a file, replacing what the same förbund, year, questionnaire and version had. */
export async function upsertImported(db: Db, v: Omit<ImportedRow, "id" | "importedAt">, at: Date) {
  await db.insert(importedAggregates).values({ ...v, importedAt: at })
    .onConflictDoUpdate({
      target: [importedAggregates.forbundId, importedAggregates.year, importedAggregates.questionnaireId, importedAggregates.version],
      set: { forbundName: v.forbundName, k: v.k, content: v.content, checksum: v.checksum, importedAt: at, importedBy: v.importedBy },
    });
}

/** Removes what a förbund's earlier file of a year brought in (every questionnaire and version of it). */
export async function deleteImported(db: Db, forbundId: string, year: number): Promise<void> {
  await db.delete(importedAggregates).where(and(eq(importedAggregates.forbundId, forbundId), eq(importedAggregates.year, year)));
}

/** The imported files of one questionnaire and year, by förbund name. */
export async function importedOf(db: Db, questionnaireId: string, year: number): Promise<ImportedRow[]> {
  return db.select().from(importedAggregates)
    .where(and(eq(importedAggregates.questionnaireId, questionnaireId), eq(importedAggregates.year, year)))
    .orderBy(asc(importedAggregates.forbundName), asc(importedAggregates.version));
}

/** The number of förbund with an imported file per questionnaire for a year. */
export async function importedCounts(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db.select({ questionnaireId: importedAggregates.questionnaireId, n: sql<number>`count(distinct ${importedAggregates.forbundId})` })
    .from(importedAggregates).where(eq(importedAggregates.year, year)).groupBy(importedAggregates.questionnaireId);
  return new Map(rows.map((r) => [r.questionnaireId, Number(r.n)]));
}

/** The years any file is imported for. */
export async function importedYears(db: Db): Promise<number[]> {
  const rows = await db.selectDistinct({ year: importedAggregates.year }).from(importedAggregates);
  return rows.map((r) => r.year);
}
