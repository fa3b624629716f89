/**
 * Insatsrapporter (issue 8): the helårs- and delårsrapporter per insats (002 Bilaga 3) with their
 * counts. Counts only: no person is named or identified in this table.
 */
import { date, index, integer, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { areas, forbund, interventions } from "./organisation.js";
import { users } from "./accounts.js";

/** Women / men / other, as every count of a report is split (server/interventionreports/outcomes.pure.ts has the same shape). */
export type GenderSplit = { women: number; men: number; other: number };
type Reason = "arbete" | "studier" | "rehabilitering" | "sjukdom" | "egen_begaran" | "ater_remittent" | "annat";
/**
 * The figures of a helårs- or delårsrapport. The optional fields came with issue 19 (reasons after 004,
 * age bands, time in the insats, referrals); a report stored before lacks them and reads them as
 * outcomes.pure.ts says.
 */
export type ReportCounts = {
  participants: GenderSplit;
  newParticipants: GenderSplit;
  finished: { arbete: GenderSplit; studier: GenderSplit; annat: GenderSplit } & Partial<Record<Reason, GenderSplit>>;
  finishedTotal?: GenderSplit;
  ages?: Partial<Record<"16-18" | "19-24" | "25-29" | "30-39" | "40-49" | "50-65", GenderSplit>>;
  averageMonths?: number | null;
  referrals?: Partial<Record<"kommun" | "region" | "arbetsformedlingen" | "forsakringskassan" | "annan", number>>;
  aterremisser?: number;
  efterstod: GenderSplit;
};

/**
 * A report for one insats — or one kommunområde of an insats — and a period (helår or delår) within
 * one calendar year. No cascade from insats or kommunområde: deleting one that has reports is refused.
 */
export const interventionReports = pgTable("intervention_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id),
  areaId: uuid("area_id").references(() => areas.id),
  year: integer("year").notNull(),
  periodStart: date("period_start", { mode: "string" }).notNull(),
  periodEnd: date("period_end", { mode: "string" }).notNull(),
  counts: jsonb("counts").$type<ReportCounts>().notNull(),
  // The report's free-text questions by key (gatt_bra, hinder, forandringar, ovrigt).
  answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("intervention_reports_forbund_year").on(t.forbundId, t.year),
  index("intervention_reports_intervention").on(t.interventionId, t.year),
]);
