/** SQL for the förbund's own questionnaires: the draft and the frozen published versions. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { forbundLanguages, forbundWords, questionnaires, questionnaireTranslations, questionnaireVersions } from "../../models/schema.js";

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type VersionRow = typeof questionnaireVersions.$inferSelect;

export async function list(db: Db, forbundId: string): Promise<QuestionnaireRow[]> {
  return db.select().from(questionnaires).where(eq(questionnaires.forbundId, forbundId)).orderBy(asc(questionnaires.key));
}

export async function find(db: Db, forbundId: string, key: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await db.select().from(questionnaires).where(and(eq(questionnaires.forbundId, forbundId), eq(questionnaires.key, key)));
  return row;
}

/** Inserts a questionnaire with its first draft; undefined when the key is taken in the förbund. */
export async function insert(db: Db, v: { forbundId: string; key: string; draft: unknown; at: Date }): Promise<QuestionnaireRow | undefined> {
  const [row] = await db.insert(questionnaires).values({ forbundId: v.forbundId, key: v.key, draft: v.draft, draftUpdatedAt: v.at })
    .onConflictDoNothing().returning();
  return row;
}

export async function saveDraft(db: Db, id: string, draft: unknown, at: Date): Promise<void> {
  await db.update(questionnaires).set({ draft, draftUpdatedAt: at }).where(eq(questionnaires.id, id));
}

/** The versions of the given questionnaires, newest first (without their definitions when only counts are needed). */
export async function versionsOf(db: Db, questionnaireIds: string[]): Promise<Omit<VersionRow, "definition">[]> {
  if (!questionnaireIds.length) return [];
  return db.select({
    questionnaireId: questionnaireVersions.questionnaireId, version: questionnaireVersions.version, changed: questionnaireVersions.changed,
    publishedAt: questionnaireVersions.publishedAt, publishedBy: questionnaireVersions.publishedBy,
  }).from(questionnaireVersions)
    .where(sql`${questionnaireVersions.questionnaireId} = any(array[${sql.join(questionnaireIds.map((i) => sql`${i}`), sql`, `)}]::uuid[])`)
    .orderBy(desc(questionnaireVersions.version));
}

/** Every published version stored under one key in any förbund of the instance (the NNS versions of a standard questionnaire). */
export async function versionsByKey(db: Db, key: string): Promise<VersionRow[]> {
  const rows = await db.select({ v: questionnaireVersions }).from(questionnaireVersions)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
    .where(eq(questionnaires.key, key)).orderBy(asc(questionnaireVersions.version));
  return rows.map((r) => r.v);
}

/** One version, or the newest when `version` is undefined. */
export async function version(db: Db, questionnaireId: string, v?: number): Promise<VersionRow | undefined> {
  const where = v === undefined ? eq(questionnaireVersions.questionnaireId, questionnaireId)
    : and(eq(questionnaireVersions.questionnaireId, questionnaireId), eq(questionnaireVersions.version, v));
  const [row] = await db.select().from(questionnaireVersions).where(where).orderBy(desc(questionnaireVersions.version)).limit(1);
  return row;
}

/** Publishes a version and clears the draft in one transaction; undefined when that version already exists (two clicks). */
export async function publish(db: Db, v: { questionnaireId: string; version: number; definition: unknown; changed: string[]; by: string | null; at: Date }): Promise<VersionRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(questionnaireVersions).values({
      questionnaireId: v.questionnaireId, version: v.version, definition: v.definition, changed: v.changed, publishedBy: v.by, publishedAt: v.at,
    }).onConflictDoNothing().returning();
    if (row) await tx.update(questionnaires).set({ draft: null, draftUpdatedAt: v.at }).where(eq(questionnaires.id, v.questionnaireId));
    return row;
  });
}

export type TranslationRow = typeof questionnaireTranslations.$inferSelect;

/** The förbund's language versions of one questionnaire version (every language, or one). */
export async function translations(db: Db, forbundId: string, key: string, version: number, lang?: string): Promise<TranslationRow[]> {
  const where = and(eq(questionnaireTranslations.forbundId, forbundId), eq(questionnaireTranslations.questionnaireKey, key), eq(questionnaireTranslations.version, version),
    lang === undefined ? undefined : eq(questionnaireTranslations.lang, lang));
  return db.select().from(questionnaireTranslations).where(where).orderBy(asc(questionnaireTranslations.lang));
}

/** Sets the förbund's texts of one language version (the whole set, as merged by the service) and its state. */
export async function saveTranslation(db: Db, v: { forbundId: string; key: string; version: number; lang: string; texts: Record<string, string>; state: "granskad" | "utkast"; at: Date }): Promise<void> {
  await db.insert(questionnaireTranslations).values({
    forbundId: v.forbundId, questionnaireKey: v.key, version: v.version, lang: v.lang, texts: v.texts, state: v.state, updatedAt: v.at,
  }).onConflictDoUpdate({
    target: [questionnaireTranslations.forbundId, questionnaireTranslations.questionnaireKey, questionnaireTranslations.version, questionnaireTranslations.lang],
    set: { texts: v.texts, state: v.state, updatedAt: v.at },
  });
}

/** The languages whose enabling the förbund's admin changed from the default. */
export async function forbundLanguageRows(db: Db, forbundId: string): Promise<{ code: string; enabled: boolean }[]> {
  return db.select({ code: forbundLanguages.code, enabled: forbundLanguages.enabled }).from(forbundLanguages).where(eq(forbundLanguages.forbundId, forbundId));
}

export async function setForbundLanguage(db: Db, forbundId: string, code: string, enabled: boolean, at: Date): Promise<void> {
  await db.insert(forbundLanguages).values({ forbundId, code, enabled, updatedAt: at })
    .onConflictDoUpdate({ target: [forbundLanguages.forbundId, forbundLanguages.code], set: { enabled, updatedAt: at } });
}

/** The förbund's own interface words, every language. */
export async function forbundWordRows(db: Db, forbundId: string): Promise<{ lang: string; key: string; text: string }[]> {
  return db.select({ lang: forbundWords.lang, key: forbundWords.key, text: forbundWords.text }).from(forbundWords)
    .where(eq(forbundWords.forbundId, forbundId)).orderBy(asc(forbundWords.lang), asc(forbundWords.key));
}

/** Sets (a text) or removes (null) the förbund's own words of one language, key by key. */
export async function setForbundWords(db: Db, forbundId: string, lang: string, words: Record<string, string | null>, at: Date): Promise<void> {
  const set = Object.entries(words).filter((e): e is [string, string] => e[1] !== null).map(([key, text]) => ({ forbundId, lang, key, text, updatedAt: at }));
  const removed = Object.keys(words).filter((k) => words[k] === null);
  if (removed.length) await db.delete(forbundWords).where(and(eq(forbundWords.forbundId, forbundId), eq(forbundWords.lang, lang), inArray(forbundWords.key, removed)));
  if (set.length) {
    await db.insert(forbundWords).values(set)
      .onConflictDoUpdate({ target: [forbundWords.forbundId, forbundWords.lang, forbundWords.key], set: { text: sql`excluded.text`, updatedAt: at } });
  }
}
