/** SQL for meetings and their attendance per party. */
import { and, asc, desc, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { groups, meetingAttendance, meetings } from "../../models/schema.js";
import type { AttendanceStatus } from "./attendance.pure.js";
// The database's own refusals, for the service to turn into a message.
export { isUniqueViolation } from "../../models/db.js";

export type MeetingRow = typeof meetings.$inferSelect;
export type AttendanceRow = { partyId: string; status: AttendanceStatus };
export type MeetingWithAttendance = MeetingRow & { groupName: string; attendance: AttendanceRow[] };

const rows = (meetingId: string, attendance: Record<string, AttendanceStatus>) =>
  Object.entries(attendance).map(([partyId, status]) => ({ meetingId, partyId, status }));

/** A meeting with its attendance, in one transaction. */
export async function insertMeeting(db: Db, v: typeof meetings.$inferInsert, attendance: Record<string, AttendanceStatus>) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(meetings).values(v).returning();
    const a = rows(row.id, attendance);
    if (a.length) await tx.insert(meetingAttendance).values(a);
    return row;
  });
}

/** Date, note and the whole attendance replaced, in one transaction. */
export async function updateMeeting(db: Db, id: string, v: { heldOn: string; note: string; updatedAt: Date }, attendance: Record<string, AttendanceStatus>) {
  await db.transaction(async (tx) => {
    await tx.update(meetings).set(v).where(eq(meetings.id, id));
    await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, id));
    const a = rows(id, attendance);
    if (a.length) await tx.insert(meetingAttendance).values(a);
  });
}

export async function deleteMeeting(db: Db, forbundId: string, id: string) {
  await db.delete(meetings).where(and(eq(meetings.forbundId, forbundId), eq(meetings.id, id)));
}

/** Whether the grupp already has a meeting that day (other than `exceptId`). */
export async function meetingOnDay(db: Db, groupId: string, heldOn: string, exceptId?: string): Promise<boolean> {
  const found = await db.select({ id: meetings.id }).from(meetings)
    .where(and(eq(meetings.groupId, groupId), eq(meetings.heldOn, heldOn), exceptId ? ne(meetings.id, exceptId) : undefined)).limit(1);
  return found.length > 0;
}

async function withAttendance(db: Db, list: (MeetingRow & { groupName: string })[]): Promise<MeetingWithAttendance[]> {
  if (!list.length) return [];
  const a = await db.select().from(meetingAttendance).where(inArray(meetingAttendance.meetingId, list.map((m) => m.id)));
  return list.map((m) => ({
    ...m, attendance: a.filter((x) => x.meetingId === m.id).map((x) => ({ partyId: x.partyId, status: x.status })),
  }));
}

const withGroupName = { meeting: meetings, groupName: groups.name };

export async function findMeeting(db: Db, forbundId: string, id: string): Promise<MeetingWithAttendance | undefined> {
  const found = await db.select(withGroupName).from(meetings).innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(eq(meetings.forbundId, forbundId), eq(meetings.id, id)));
  const [m] = await withAttendance(db, found.map((r) => ({ ...r.meeting, groupName: r.groupName })));
  return m;
}

/** The förbund's meetings between two days (inclusive), newest first. */
export async function listMeetings(db: Db, forbundId: string, from: string, to: string): Promise<MeetingWithAttendance[]> {
  const found = await db.select(withGroupName).from(meetings).innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(eq(meetings.forbundId, forbundId), gte(meetings.heldOn, from), lte(meetings.heldOn, to)))
    .orderBy(desc(meetings.heldOn), asc(groups.name));
  return withAttendance(db, found.map((r) => ({ ...r.meeting, groupName: r.groupName })));
}

