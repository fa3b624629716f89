/**
 * Närvaro (issue 8): the meetings of the groups and, per meeting, how each party was represented.
 * Counts only: no person is named or identified in these tables.
 */
import { date, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { forbund, groups, parties } from "./organisation.js";
import { users } from "./accounts.js";

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
