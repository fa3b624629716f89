/**
 * Socioekonomisk effekt (issue 8): the money put into each insats per year and the socioekonomisk
 * schablon per förbund and year.
 */
import { integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund, interventions } from "./organisation.js";

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
