/**
 * Aggregate files imported into the national view (issue 20): förbund on other Samspår instances send their counts per
 * answer value (docs/aggregat.schema.json); one row per förbund, year, questionnaire and version, and a förbund's new
 * file of a year replaces all its rows of that year. Only counts at or above the förbund's threshold are in a file; no
 * answer row is here.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";

export const importedAggregates = pgTable("imported_aggregates", {
  id: uuid("id").primaryKey().defaultRandom(),
  // The förbund's id on its own instance: not a förbund of this one.
  forbundId: uuid("forbund_id").notNull(),
  forbundName: text("forbund_name").notNull(),
  year: integer("year").notNull(),
  questionnaireId: text("questionnaire_id").notNull(),
  version: integer("version").notNull(),
  k: integer("k").notNull(),
  /** The file's entries of this questionnaire version (one per respondent group), as the file has them. */
  content: jsonb("content").notNull(),
  checksum: text("checksum").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  importedBy: uuid("imported_by").references(() => users.id, { onDelete: "set null" }),
}, (t) => [
  uniqueIndex("imported_aggregates_key").on(t.forbundId, t.year, t.questionnaireId, t.version),
  index("imported_aggregates_year").on(t.questionnaireId, t.year),
]);
