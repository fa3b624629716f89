/**
 * A förbund's own questionnaires (enkäter): a draft being edited and the published versions. The
 * standard questionnaires stay code in surveys/; a published version here is used exactly like one.
 */
import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { forbund } from "./organisation.js";
import { users } from "./accounts.js";

export const questionnaires = pgTable("questionnaires", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  // The definition's id (`lokal-strategidag`), unique in the förbund; a row keyed by a standard id holds the NNS versions
  // of that standard questionnaire the förbund imported (issue 17).
  key: text("key").notNull(),
  // The draft as the editor last saved it; it may be invalid (an invalid draft is kept, never lost). Null: no draft.
  draft: jsonb("draft"),
  draftUpdatedAt: timestamp("draft_updated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("questionnaires_forbund_key").on(t.forbundId, t.key)]);

/** A published version is frozen: never updated, only followed by a new version. */
export const questionnaireVersions = pgTable("questionnaire_versions", {
  questionnaireId: uuid("questionnaire_id").notNull().references(() => questionnaires.id, { onDelete: "cascade" }),
  version: integer("version").notNull(),
  definition: jsonb("definition").notNull(),
  // Question ids whose wording differs from the previous version (not compared across years).
  changed: jsonb("changed").$type<string[]>().notNull().default([]),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
}, (t) => [primaryKey({ columns: [t.questionnaireId, t.version] })]);

/**
 * A förbund's language version of a questionnaire version — the standard ones included: its texts in one
 * language by the keys of surveys/edit.ts textEntries. The Swedish is never here (it is the definition's);
 * answers given in the language belong to the same questionnaire and version. State granskad only when a
 * translator has checked the texts.
 */
export const questionnaireTranslations = pgTable("questionnaire_translations", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  questionnaireKey: text("questionnaire_key").notNull(),
  version: integer("version").notNull(),
  lang: text("lang").notNull(),
  texts: jsonb("texts").$type<Record<string, string>>().notNull().default({}),
  state: text("state").$type<"granskad" | "utkast">().notNull().default("utkast"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "questionnaire_translations_pk", columns: [t.forbundId, t.questionnaireKey, t.version, t.lang] }),
  check("questionnaire_translations_state", sql`${t.state} in ('granskad', 'utkast')`),
]);

/**
 * The languages a förbund offers its respondents, where its admin changed the default (sv, sv-lattlast
 * and en enabled, the others not): a language is enabled after its words have been reviewed.
 */
export const forbundLanguages = pgTable("forbund_languages", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  code: text("code").notNull(),
  enabled: boolean("enabled").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.forbundId, t.code] })]);

/**
 * A förbund's own wording of a respondent interface word (answering/words), per language: shown in
 * front of the catalog's text on the respondent pages and the public deviation form.
 */
export const forbundWords = pgTable("forbund_words", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  lang: text("lang").notNull(),
  key: text("key").notNull(),
  text: text("text").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.forbundId, t.lang, t.key] })]);
