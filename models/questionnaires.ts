/**
 * A förbund's own questionnaires (enkäter): a draft being edited and the published versions. The
 * standard questionnaires stay code in surveys/; a published version here is used exactly like one.
 */
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
