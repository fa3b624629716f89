/** Bilagor: the texts a förbund writes for its appendices, kept per year, bilaga and key. */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund } from "./organisation.js";
import { users } from "./accounts.js";

/** Texts the förbund writes for a bilaga (a summary per question, the analysis): per year, bilaga and key. */
export const reportTexts = pgTable("report_texts", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  bilaga: text("bilaga").notNull(),
  key: text("key").notNull(),
  text: text("text").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
}, (t) => [primaryKey({ columns: [t.forbundId, t.year, t.bilaga, t.key] }), index("report_texts_forbund_year").on(t.forbundId, t.year)]);
