/**
 * Närvaro: meetings of the förbund's grupper with each party's attendance, and the year's summary
 * (which the goals feature checks against the year's närvaro goal, goals/service.ts attendanceSummary). A koordinator records for the grupper of their kommunområden and for the
 * förbund-wide grupper (styrelse, beredningsgrupp: no kommunområde); an admin for every grupp.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import type { Done, FieldErrors } from "../result.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import { groupAttendance, type NamedGroupAttendance } from "./attendance.pure.js";
import type { MeetingInput } from "./schema.js";

export type Group = organisation.Organisation["groups"][number];
export type Meeting = repo.MeetingWithAttendance;
export type Saved = Done<{ id: string; year: number }>;


/** Whether the user may record meetings of the grupp. */
export function mayRecord(user: ForbundUser, group: Pick<Group, "areaId">): boolean {
  if (atLeast(user.role, "admin")) return true;
  return user.role === "koordinator" && (group.areaId === null || user.areaIds.includes(group.areaId));
}

/** The förbund's organisation with the grupper the user may record for. */
export async function recordable(ctx: Ctx, user: ForbundUser) {
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  return { org, groups: org.groups.filter((g) => mayRecord(user, g)) };
}

/** A grupp of the user's förbund that the user may record for: 404 for another förbund's, 403 outside the user's kommunområden. */
export async function recordableGroup(ctx: Ctx, user: ForbundUser, groupId: string) {
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  const group = org.groups.find((g) => g.id === groupId);
  if (!group) throw new NotFoundError("Gruppen finns inte.");
  if (!mayRecord(user, group)) throw new ForbiddenError("Gruppen hör till ett annat kommunområde.");
  return { org, group };
}

/** A meeting the user may change; 404 for another förbund's, 403 for a grupp outside the user's kommunområden. */
export async function getManaged(ctx: Ctx, user: ForbundUser, id: string) {
  const meeting = await repo.findMeeting(ctx.db, user.forbundId, id);
  if (!meeting) throw new NotFoundError("Mötet finns inte.");
  const { org, group } = await recordableGroup(ctx, user, meeting.groupId);
  return { meeting, org, group };
}

const dayTaken = "Gruppen har redan ett möte registrerat den dagen. Öppna det mötet i listan för att ändra det.";

/**
 * Checks that the attendance names exactly the grupp's parties (for a new meeting) or the parties
 * the meeting was recorded with (when editing); messages keyed attendance.<partyId>.
 */
function checkAttendance(input: MeetingInput, partyIds: string[], partyNames: Map<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const id of partyIds) {
    if (!input.attendance[id]) errors[`attendance.${id}`] = `Välj om ${partyNames.get(id) ?? "parten"} var där som ordinarie, ersättare eller var frånvarande.`;
  }
  for (const id of Object.keys(input.attendance)) {
    if (!partyIds.includes(id)) errors[`attendance.${id}`] = "Parten ingår inte i gruppen.";
  }
  if (!partyIds.length) errors.groupId = "Gruppen har inga parter. Lägg till parter under Organisation → Grupper först.";
  return errors;
}

const names = (org: organisation.Organisation) => new Map(org.parties.map((p) => [p.id, p.name]));

async function unlessDayTaken(write: () => Promise<string>): Promise<Done<{ id: string }>> {
  try {
    return { ok: true, id: await write() };
  } catch (err) {
    if (repo.isUniqueViolation(err)) return { ok: false, errors: { date: dayTaken } };
    throw err;
  }
}

/** Records a meeting; messages by field when the attendance is incomplete or the grupp already met that day. */
export async function createMeeting(ctx: Ctx, user: ForbundUser, input: MeetingInput): Promise<Saved> {
  const { org, group } = await recordableGroup(ctx, user, input.groupId);
  const errors = checkAttendance(input, group.partyIds, names(org));
  if (await repo.meetingOnDay(ctx.db, group.id, input.date)) errors.date = dayTaken;
  if (Object.keys(errors).length) return { ok: false, errors };
  const r = await unlessDayTaken(async () => (await repo.insertMeeting(ctx.db, {
    forbundId: user.forbundId, groupId: group.id, heldOn: input.date, note: input.note, createdBy: user.id,
  }, input.attendance)).id);
  return r.ok ? { ...r, year: Number(input.date.slice(0, 4)) } : r;
}

/** Changes date, note and attendance of a meeting; the grupp stays. */
export async function updateMeeting(ctx: Ctx, user: ForbundUser, id: string, input: Omit<MeetingInput, "groupId">): Promise<Saved> {
  const { meeting, org } = await getManaged(ctx, user, id);
  const partyIds = meetingPartyIds(meeting, org);
  const errors = checkAttendance({ ...input, groupId: meeting.groupId }, partyIds, names(org));
  if (await repo.meetingOnDay(ctx.db, meeting.groupId, input.date, id)) errors.date = dayTaken;
  if (Object.keys(errors).length) return { ok: false, errors };
  const r = await unlessDayTaken(async () => {
    await repo.updateMeeting(ctx.db, id, { heldOn: input.date, note: input.note, updatedAt: ctx.clock.now() }, input.attendance);
    return id;
  });
  return r.ok ? { ...r, year: Number(input.date.slice(0, 4)) } : r;
}

export async function deleteMeeting(ctx: Ctx, user: ForbundUser, id: string) {
  const { meeting } = await getManaged(ctx, user, id);
  await repo.deleteMeeting(ctx.db, user.forbundId, id);
  return meeting;
}

/** The parties a meeting is edited with: those it was recorded with (in the förbund's order), or the grupp's when it has none. */
export function meetingPartyIds(meeting: Meeting, org: organisation.Organisation): string[] {
  const recorded = new Set(meeting.attendance.map((a) => a.partyId));
  if (!recorded.size) return org.groups.find((g) => g.id === meeting.groupId)?.partyIds ?? [];
  return org.parties.map((p) => p.id).filter((id) => recorded.has(id));
}

/** The grupp's parties in the förbund's order of parties. */
export function orderedPartyIds(group: Pick<Group, "partyIds">, org: organisation.Organisation): string[] {
  return org.parties.map((p) => p.id).filter((id) => group.partyIds.includes(id));
}

export const listMeetings = (ctx: Ctx, forbundId: string, year: number) => repo.listMeetings(ctx.db, forbundId, `${year}-01-01`, `${year}-12-31`);

export type Summary = { year: number; groups: (NamedGroupAttendance & { kind: Group["kind"]; areaId: string | null })[] };

/** Every grupp's närvaro over the year (from `meetings` when the caller has read them already). */
export async function summary(ctx: Ctx, forbundId: string, year: number, meetings?: Meeting[]): Promise<Summary> {
  const [org, list] = await Promise.all([organisation.getOrganisation(ctx, forbundId), meetings ?? listMeetings(ctx, forbundId, year)]);
  const partyNames = Object.fromEntries(org.parties.map((p) => [p.id, p.name]));
  const groups = org.groups.map((g) => {
    const own = list.filter((m) => m.groupId === g.id);
    return { groupId: g.id, name: g.name, kind: g.kind, areaId: g.areaId, partyNames, ...groupAttendance(own, orderedPartyIds(g, org)) };
  });
  return { year, groups };
}
