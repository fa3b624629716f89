/**
 * Socioekonomisk effekt (issue 8): the money put into each insats per year and the socioekonomisk
 * schablon per förbund and year.
 */
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund, interventions } from "./organisation.js";

/** The money a förbund put into an insats in a year, in whole kronor (a shared insats has one row per co-funder). */
export const interventionFunding = pgTable("intervention_funding", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  amount: integer("amount").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.interventionId, t.year, t.forbundId] })]);

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

/** Movement matrix: from a main support at the start to the state at the end, counts of people (never a person). */
export type MovementMatrix = Record<string, Record<string, number>>;
/** An insats's movements of a year: at the end, and one year after where known (null: not followed up). */
export type Movements = { matrix: MovementMatrix; oneYearAfter: MovementMatrix | null };
/** Nyckeltal of a year for RISE's model of stegförflyttning (server/socioeconomics/movements.pure.ts has the shape). */
export type StoredNyckeltal = {
  supports: Record<string, { amount: number; payer: "kommun" | "region" | "stat"; taxable: boolean; source: string }>;
  wage?: number; wageSubsidyShare?: number; taxKommun?: number; taxRegion?: number; employerContribution?: number;
  sources?: Record<string, string>;
};

/** Stegförflyttning (issue 19): one matrix per insats and year. */
export const interventionMovements = pgTable("intervention_movements", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  matrix: jsonb("matrix").$type<MovementMatrix>().notNull(),
  /** The same participants one year after the end, where known (null: not followed up). */
  oneYearAfter: jsonb("one_year_after").$type<MovementMatrix>(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  // One matrix per förbund: each förbund of a shared insats records its own participants' movements (issue 20).
}, (t) => [primaryKey({ columns: [t.interventionId, t.year, t.forbundId] }), index("intervention_movements_forbund_year").on(t.forbundId, t.year)]);

/** The förbund's nyckeltal per year, each with its source in words. */
export const nyckeltal = pgTable("nyckeltal", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  data: jsonb("data").$type<StoredNyckeltal>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.forbundId, t.year] })]);

/** "Resultat för finansierade insatser" (002 Bilaga 2): budget and utfall per line, kronor. */
export const economyLines = pgTable("economy_lines", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  category: text("category").$type<"individinriktad" | "strukturovergripande" | "administration">().notNull(),
  interventionId: uuid("intervention_id").references(() => interventions.id, { onDelete: "set null" }),
  label: text("label").notNull(),
  budget: bigint("budget", { mode: "number" }),
  utfall: bigint("utfall", { mode: "number" }),
  comment: text("comment").notNull().default(""),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("economy_lines_forbund_year").on(t.forbundId, t.year), check("economy_lines_category_check", sql`${t.category} in ('individinriktad', 'strukturovergripande', 'administration')`)]);

/** The förbund's year: eget kapital in and out, medlemsbidrag. */
export const economyYears = pgTable("economy_years", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  egetKapitalIn: bigint("eget_kapital_in", { mode: "number" }),
  egetKapitalUt: bigint("eget_kapital_ut", { mode: "number" }),
  medlemsbidrag: bigint("medlemsbidrag", { mode: "number" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.forbundId, t.year] })]);
