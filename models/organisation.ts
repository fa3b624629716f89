/** The organisation of a förbund: parties, kommunområden, units, insatser and Samverk groups. */
import { sql } from "drizzle-orm";
import { boolean, check, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const interventionKind = pgEnum("intervention_kind", ["individinriktad", "strukturovergripande"]);
export const groupKind = pgEnum("group_kind", [
  "styrelse", "beredningsgrupp", "samverk_styrgrupp", "samverk_arbetsgrupp", "annan",
]);

export const forbund = pgTable("forbund", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  reportingThreshold: integer("reporting_threshold").notNull().default(5),
  /**
   * The insatsrapporter's counts (outcomes, movements) are people counted by the insats, not anonymous
   * answers, so they are shown even when small — unless the förbund sets this threshold (issue 19).
   */
  outcomeThreshold: integer("outcome_threshold"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check("forbund_outcome_threshold_check", sql`${t.outcomeThreshold} IS NULL OR (${t.outcomeThreshold} >= 2 AND ${t.outcomeThreshold} <= 1000)`)]);

export const areas = pgTable("areas", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
}, (t) => [uniqueIndex("areas_forbund_name").on(t.forbundId, t.name)]);

export const parties = pgTable("parties", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
}, (t) => [uniqueIndex("parties_forbund_name").on(t.forbundId, t.name)]);

export const units = pgTable("units", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  partyId: uuid("party_id").notNull().references(() => parties.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
}, (t) => [uniqueIndex("units_party_name").on(t.partyId, t.name)]);

export const interventions = pgTable("interventions", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  kind: interventionKind("kind").notNull(),
  fromYear: integer("from_year"),
  toYear: integer("to_year"),
}, (t) => [uniqueIndex("interventions_forbund_name").on(t.forbundId, t.name)]);

export const interventionAreas = pgTable("intervention_areas", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  areaId: uuid("area_id").notNull().references(() => areas.id, { onDelete: "cascade" }),
}, (t) => [primaryKey({ columns: [t.interventionId, t.areaId] })]);

export const groups = pgTable("groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  kind: groupKind("kind").notNull(),
  areaId: uuid("area_id").references(() => areas.id, { onDelete: "set null" }),
}, (t) => [uniqueIndex("groups_forbund_name").on(t.forbundId, t.name)]);

export const groupParties = pgTable("group_parties", {
  groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  partyId: uuid("party_id").notNull().references(() => parties.id, { onDelete: "cascade" }),
}, (t) => [primaryKey({ columns: [t.groupId, t.partyId] })]);
