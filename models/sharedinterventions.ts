/**
 * Shared insatser (issue 20): an insats owned by one förbund and co-funded by others in a common group.
 * The owner invites; the co-funder's admin accepts. Each förbund's part lives where it always does —
 * its own rows in intervention_reports (counts) and intervention_funding (money) for the owner's insats —
 * so this table only says who co-funds what.
 */
import { index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund, interventions } from "./organisation.js";

export const interventionCofunders = pgTable("intervention_cofunders", {
  interventionId: uuid("intervention_id").notNull().references(() => interventions.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  /** null while the invitation waits for the co-funder's admin. */
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
}, (t) => [
  primaryKey({ name: "intervention_cofunders_pk", columns: [t.interventionId, t.forbundId] }),
  index("intervention_cofunders_forbund").on(t.forbundId),
]);
