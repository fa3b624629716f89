/**
 * Närvaro, pure. A meeting has one row per party the grupp had when it met: ordinarie, ersättare
 * or frånvarande. A party is represented when it came as ordinarie or ersättare.
 *
 * - A party's närvaro in a grupp = meetings where it was represented / meetings it was expected at
 *   (= the meetings held, while the grupp's parties stay the same).
 * - A grupp's närvaro = represented party-meetings / all party-meetings (= parties × meetings).
 * - Goal (002: "god representation i samtliga samverkansgrupper, minst 75 % närvaro på helår"):
 *   every grupp that met during the year has närvaro ≥ the threshold → Uppfyllt, otherwise Ej
 *   uppfyllt. A grupp without recorded meetings has no figure and is left out of the rule (it is
 *   listed as such); when no grupp met at all there is nothing to judge (För få svar). The
 *   threshold and comparison come from the year's närvaro goal (metric "attendance"); 75 % when
 *   the year has none.
 * The comparison is on the exact share; the printed figures are rounded as everywhere (with more
 * decimals when rounding would put a grupp on the wrong side of the line).
 */
import { formatPercent } from "../results/format.js";
import { figureText, meets, ruleText, verdictLabels, type Comparison, type ComputedVerdict } from "../results/goals.js";

export const attendanceStatuses = ["ordinarie", "ersattare", "franvarande"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceLabels: Record<AttendanceStatus, string> = {
  ordinarie: "Ordinarie", ersattare: "Ersättare", franvarande: "Frånvarande",
};

/** The threshold when the year has no närvaro goal (and the default goal's): 75 % närvaro on helår. */
export const ATTENDANCE_THRESHOLD = 0.75;

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

export type AttendanceGoal = {
  threshold: number;
  comparison: Comparison;
  verdict: ComputedVerdict;
  label: string;
  /** "Närvaro ≥ 75 % i varje grupp över året". */
  ruleText: string;
  /** Each grupp's figure with the range over its parties: "Styrelse 93 % (86–100 %), Beredningsgrupp 96 % (83–100 %)". */
  figuresText: string;
  /**
   * What the goal row prints beside its verdict: figuresText, then the parties below the line —
   * "Styrelse 93 % (86–100 %), Samverk Eksjö styrgrupp 63 % (25–100 %); under gränsen: Region i Samverk Eksjö styrgrupp 25 %".
   */
  goalFiguresText: string;
  /** The deciding figure: the lowest grupp's närvaro; null when no grupp met. */
  value: number | null;
  groupsBelow: { groupId: string; name: string; share: number }[];
  partiesBelow: { groupId: string; group: string; partyId: string; party: string; share: number }[];
  groupsWithoutMeetings: string[];
};

/** "86–100 %", or "100 %" when every party has the same figure; "–" without meetings. */
export function partyRangeText(g: GroupAttendance): string {
  const shares = g.parties.map((p) => p.share).filter((s): s is number => s !== null);
  if (!shares.length) return formatPercent(null);
  const lo = formatPercent(Math.min(...shares)), hi = formatPercent(Math.max(...shares));
  return lo === hi ? lo : `${lo.replace(/\u00A0%$/, "")}–${hi}`;
}

/** The goal check over every grupp of the förbund for a year: each grupp's närvaro compared with the threshold. */
export function attendanceGoal(groups: readonly NamedGroupAttendance[], threshold = ATTENDANCE_THRESHOLD, comparison: Comparison = ">="): AttendanceGoal {
  const below = (share: number) => !meets(share, comparison, threshold);
  const met = groups.filter((g) => g.share !== null);
  const groupsBelow = met.filter((g) => below(g.share!)).map((g) => ({ groupId: g.groupId, name: g.name, share: g.share! }));
  const partiesBelow = met.flatMap((g) => g.parties
    .filter((p) => p.share !== null && below(p.share))
    .map((p) => ({ groupId: g.groupId, group: g.name, partyId: p.partyId, party: g.partyNames[p.partyId] ?? "Okänd part", share: p.share! })));
  const verdict: ComputedVerdict = !met.length ? "for_fa_svar" : groupsBelow.length ? "ej_uppfyllt" : "uppfyllt";
  const figures = met.map((g) => `${g.name} ${figureText("attendance", g.share!, threshold)} (${partyRangeText(g)})`).join(", ");
  const partiesText = partiesBelow.map((p) => `${p.party} i ${p.group} ${figureText("attendance", p.share, threshold)}`).join(", ");
  return {
    threshold, comparison, verdict, label: verdictLabels[verdict],
    ruleText: ruleText({ metric: "attendance", comparison, threshold }),
    figuresText: met.length ? figures : "Inga möten registrerade",
    goalFiguresText: met.length ? `${figures}${partiesText ? `; under gränsen: ${partiesText}` : ""}` : "Inga möten registrerade",
    value: met.length ? Math.min(...met.map((g) => g.share!)) : null,
    groupsBelow, partiesBelow,
    groupsWithoutMeetings: groups.filter((g) => g.share === null).map((g) => g.name),
  };
}
