/**
 * Shared insatser (issue 20): an insats owned by one förbund and co-funded by others in a common group.
 * The owner invites; the co-funder's admin accepts. Each förbund's part lives where it always does —
 * its own rows in intervention_reports (counts) and intervention_funding (money) for the owner's insats —
 * so this table only says who co-funds what.
 */
import { index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund, interventions } from "./organisation.js";

export const interventionCofunders = pgTable("intervention_cofunders", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  /** null while the invitation waits for the co-funder's admin. */
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  /** When the owner's or the co-funder's admin ended an accepted co-funding (null: running). */
  endedAt: timestamp("ended_at", { withTimezone: true }),
  /**
   * The last year the co-funding covers (the year it was ended in): the co-funder's reports, funding and movements
   * of that year and before stay and count; later years are closed to it.
   */
  lastYear: integer("last_year"),
}, (t) => [
  primaryKey({ name: "intervention_cofunders_pk", columns: [t.interventionId, t.forbundId] }),
  index("intervention_cofunders_forbund").on(t.forbundId),
]);
