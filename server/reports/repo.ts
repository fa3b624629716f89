/** SQL for the texts a förbund writes for its bilagor (report_texts): a summary per question, the analysis. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { reportTexts, users } from "../../models/schema.js";

export type TextRow = { bilaga: string; key: string; text: string; updatedAt: Date; updatedBy: string | null };

/** The förbund's texts of a year, for every bilaga or one; with the e-mail of whoever saved each last. */
export async function listTexts(db: Db, forbundId: string, year: number, bilaga?: string): Promise<TextRow[]> {
  return db.select({ bilaga: reportTexts.bilaga, key: reportTexts.key, text: reportTexts.text, updatedAt: reportTexts.updatedAt, updatedBy: users.email })
    .from(reportTexts)
    .leftJoin(users, eq(users.id, reportTexts.updatedBy))
    .where(and(eq(reportTexts.forbundId, forbundId), eq(reportTexts.year, year), ...(bilaga ? [eq(reportTexts.bilaga, bilaga)] : [])));
}

/**
 * Saves one bilaga's texts in one transaction: a text is written (insert or update), an empty one
 * is removed. Keys not given are left as they are.
 */
export async function saveTexts(db: Db, forbundId: string, year: number, bilaga: string, texts: Record<string, string>, userId: string, now: Date) {
  const keep = Object.entries(texts).filter(([, t]) => t !== "");
  const drop = Object.entries(texts).filter(([, t]) => t === "").map(([k]) => k);
  await db.transaction(async (tx) => {
    const old = new Map((await tx.select({ key: reportTexts.key, text: reportTexts.text }).from(reportTexts)
      .where(and(eq(reportTexts.forbundId, forbundId), eq(reportTexts.year, year), eq(reportTexts.bilaga, bilaga)))).map((r) => [r.key, r.text]));
    if (drop.length) {
      await tx.delete(reportTexts).where(and(eq(reportTexts.forbundId, forbundId), eq(reportTexts.year, year), eq(reportTexts.bilaga, bilaga), inArray(reportTexts.key, drop)));
    }
    for (const [key, text] of keep) {
      // Only a changed text gets a new time and author, so "senast ändrad" stays true.
      if (old.get(key) === text) continue;
      await tx.insert(reportTexts).values({ forbundId, year, bilaga, key, text, updatedAt: now, updatedBy: userId })
        .onConflictDoUpdate({ target: [reportTexts.forbundId, reportTexts.year, reportTexts.bilaga, reportTexts.key], set: { text, updatedAt: now, updatedBy: userId } });
    }
  });
}
