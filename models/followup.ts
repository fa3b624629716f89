/**
 * Uppföljning beyond the questionnaires (issue 8): närvaro at the groups' meetings, helårsrapporter
 * per insats (002 Bilaga 3), the money put into each insats per year, and the socioekonomisk
 * schablon per förbund and year. Counts only: no person is named or identified in these tables.
 */
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas, forbund, groups, interventions, parties, users } from "./schema.js";

export const attendanceStatus = pgEnum("attendance_status", ["ordinarie", "ersattare", "franvarande"]);

/** One meeting of a grupp (styrelse, beredningsgrupp, Samverk styrgrupp/arbetsgrupp …). */
export const meetings = pgTable("meetings", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  heldOn: date("held_on", { mode: "string" }).notNull(),
  // "Digitalt via Teams", "hybrid" …
  note: text("note").notNull().default(""),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("meetings_group_day").on(t.groupId, t.heldOn),
  index("meetings_forbund_day").on(t.forbundId, t.heldOn),
]);

/**
 * Each party the grupp had when the meeting was recorded: ordinarie, ersättare or frånvarande. The
 * rows are the meeting's party-meetings, so a later change of the grupp's parties leaves old
 * meetings as they were.
 */
export const meetingAttendance = pgTable("meeting_attendance", {
  meetingId: uuid("meeting_id").notNull().references(() => meetings.id, { onDelete: "cascade" }),
  partyId: uuid("party_id").notNull().references(() => parties.id, { onDelete: "cascade" }),
  status: attendanceStatus("status").notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.partyId] })]);

/** Women / men / other, as every count of a report is split (server/interventionreports/outcomes.pure.ts has the same shape). */
export type GenderSplit = { women: number; men: number; other: number };
/** The figures of a helårs- or delårsrapport. */
export type ReportCounts = {
  participants: GenderSplit;
  newParticipants: GenderSplit;
  finished: { arbete: GenderSplit; studier: GenderSplit; annat: GenderSplit };
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

/** The money put into an insats in a year, in whole kronor. */
export const interventionFunding = pgTable("intervention_funding", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  amount: integer("amount").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.interventionId, t.year] })]);

/**
 * The socioekonomisk schablon (model of Samordningsförbundet Göteborg Centrum) per förbund and year,
 * in kronor per person and month. Without a row the defaults of 002 apply (10 000 + 500 + 5 700).
 */
export const socioeconomicRates = pgTable("socioeconomic_rates", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  publicSupport: integer("public_support").notNull(),
  adminCost: integer("admin_cost").notNull(),
  newRevenue: integer("new_revenue").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.forbundId, t.year] })]);
