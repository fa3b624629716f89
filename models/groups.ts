/**
 * The layer above the förbund: groups of förbund (a län, a network) that compare their figures, and
 * what each förbund has chosen to share — with a group, or nationally — per questionnaire and year.
 * Only the choice is stored: the figures are read live from the förbund's own results, so a withdrawn
 * share is gone from every page, API answer and export at once.
 */
import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { forbund } from "./organisation.js";

export const forbundGroups = pgTable("forbund_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("forbund_groups_name").on(sql`lower(${t.name})`)]);

/** A förbund invited to a group by the platform's superadmin; it shares nothing until its admin opts in. */
export const forbundGroupMembers = pgTable("forbund_group_members", {
  groupId: uuid("group_id").notNull().references(() => forbundGroups.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "forbund_group_members_pk", columns: [t.groupId, t.forbundId] }),
  index("forbund_group_members_forbund").on(t.forbundId),
]);

/** A förbund's opt-in: its figures of one questionnaire and year are shown to the group. */
export const groupSharing = pgTable("group_sharing", {
  groupId: uuid("group_id").notNull(),
  forbundId: uuid("forbund_id").notNull(),
  questionnaireId: text("questionnaire_id").notNull(),
  year: integer("year").notNull(),
  sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "group_sharing_pk", columns: [t.groupId, t.forbundId, t.questionnaireId, t.year] }),
  foreignKey({ name: "group_sharing_member_fk", columns: [t.groupId, t.forbundId], foreignColumns: [forbundGroupMembers.groupId, forbundGroupMembers.forbundId] }).onDelete("cascade"),
]);

/** A förbund's opt-in to the national view (the nationell läsare) for one questionnaire and year. */
export const nationalSharing = pgTable("national_sharing", {
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  questionnaireId: text("questionnaire_id").notNull(),
  year: integer("year").notNull(),
  sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ name: "national_sharing_pk", columns: [t.forbundId, t.questionnaireId, t.year] }),
  index("national_sharing_year").on(t.questionnaireId, t.year),
]);
