/**
 * Närvaro, pure. A meeting has one row per party the grupp had when it met: ordinarie, ersättare
 * or frånvarande. A party is represented when it came as ordinarie or ersättare.
 *
 * - A party's närvaro in a grupp = meetings where it was represented / meetings it was expected at
 *   (= the meetings held, while the grupp's parties stay the same).
 * - A grupp's närvaro = represented party-meetings / all party-meetings (= parties × meetings).
 * The goal on these figures (every grupp ≥ the year's närvaro threshold) is checked by the goals
 * feature (goals/report-metrics.pure.ts), which reads them through service.ts summary.
 */
import { formatPercent } from "../results/format.js";

export const attendanceStatuses = ["ordinarie", "ersattare", "franvarande"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceLabels: Record<AttendanceStatus, string> = {
  ordinarie: "Ordinarie", ersattare: "Ersättare", franvarande: "Frånvarande",
};

export const isRepresented = (s: AttendanceStatus) => s === "ordinarie" || s === "ersattare";

export type MeetingRecord = { attendance: readonly { partyId: string; status: AttendanceStatus }[] };

export type PartyAttendance = { partyId: string; meetings: number; represented: number; share: number | null };
export type GroupAttendance = {
  meetings: number;
  partyMeetings: number;
  represented: number;
  /** null when the grupp held no meeting. */
  share: number | null;
  parties: PartyAttendance[];
};

/**
 * A grupp's närvaro over the given meetings. `partyIds` orders the parties (the grupp's current
 * parties first, in that order); parties that only appear in older meetings follow.
 */
export function groupAttendance(meetings: readonly MeetingRecord[], partyIds: readonly string[] = []): GroupAttendance {
  const byParty = new Map<string, { meetings: number; represented: number }>(partyIds.map((id) => [id, { meetings: 0, represented: 0 }]));
  let partyMeetings = 0, represented = 0;
  for (const m of meetings) {
    for (const a of m.attendance) {
      const p = byParty.get(a.partyId) ?? { meetings: 0, represented: 0 };
      p.meetings++;
      partyMeetings++;
      if (isRepresented(a.status)) { p.represented++; represented++; }
      byParty.set(a.partyId, p);
    }
  }
  return {
    meetings: meetings.length, partyMeetings, represented,
    share: partyMeetings ? represented / partyMeetings : null,
    parties: [...byParty].map(([partyId, p]) => ({ partyId, ...p, share: p.meetings ? p.represented / p.meetings : null })),
  };
}

export type NamedGroupAttendance = GroupAttendance & { groupId: string; name: string; partyNames: Record<string, string> };

/** "86–100 %", or "100 %" when every party has the same figure; "–" without meetings. */
export function partyRangeText(g: GroupAttendance): string {
  const shares = g.parties.map((p) => p.share).filter((s): s is number => s !== null);
  if (!shares.length) return formatPercent(null);
  const lo = formatPercent(Math.min(...shares)), hi = formatPercent(Math.max(...shares));
  return lo === hi ? lo : `${lo.replace(/\u00A0%$/, "")}–${hi}`;
}
