/** What the närvaro pages and the API show: Swedish figures, labels and the form's choices. */
import { formatPercent } from "../results/format.js";
import { groupKindLabels, type Organisation } from "../organisation/service.js";
import { attendanceLabels, attendanceStatuses, isRepresented, partyRangeText } from "./attendance.pure.js";
import type { AttendanceSummary as Summary } from "../goals/service.js";
import type { Meeting } from "./service.js";

/** GET /api/v1/attendance/summary. */
export function summaryJson(s: Summary) {
  return {
    groups: s.groups.map((g) => ({
      groupId: g.groupId, name: g.name, meetings: g.meetings, share: g.share,
      byParty: Object.fromEntries(g.parties.map((p) => [g.partyNames[p.partyId] ?? p.partyId, p.share])),
    })),
    goal: {
      threshold: s.goal.threshold, verdict: s.goal.verdict, label: s.goal.label, ruleText: s.goal.ruleText, figuresText: s.goal.figuresText,
      groupsBelow: s.goal.groupsBelow.map((g) => ({ groupId: g.groupId, name: g.name, share: g.share })),
      partiesBelow: s.goal.partiesBelow.map((p) => ({ groupId: p.groupId, group: p.group, party: p.party, share: p.share })),
      groupsWithoutMeetings: s.goal.groupsWithoutMeetings,
      // Added as in the goals API (issue 16): what is missing for an Underlag saknas, and where it is registered.
      missing: s.goal.missing,
    },
  };
}

/** The summary page: a row per grupp with a column per party of the förbund. */
export function summaryPage(s: Summary, org: Organisation) {
  const parties = org.parties.filter((p) => s.groups.some((g) => g.parties.some((x) => x.partyId === p.id)));
  return {
    parties: parties.map((p) => p.name),
    rows: s.groups.map((g) => ({
      name: g.name, kind: groupKindLabels[g.kind], meetings: g.meetings, share: formatPercent(g.share),
      below: g.share !== null && g.share < s.goal.threshold, range: partyRangeText(g),
      byParty: parties.map((p) => {
        const x = g.parties.find((q) => q.partyId === p.id);
        return x ? formatPercent(x.share) : "ingår inte";
      }),
    })),
    goal: {
      ...s.goal,
      partiesBelow: s.goal.partiesBelow.map((p) => `${p.party} i ${p.group}: ${formatPercent(p.share)}`),
    },
  };
}

/** The list of the year's meetings. */
export function meetingRows(list: Meeting[], mayEdit: (m: Meeting) => boolean) {
  return list.map((m) => {
    const represented = m.attendance.filter((a) => isRepresented(a.status)).length;
    return {
      id: m.id, date: m.heldOn, group: m.groupName, note: m.note,
      represented: `${represented} av ${m.attendance.length}`, editable: mayEdit(m),
    };
  });
}

export const statusChoices = attendanceStatuses.map((s) => ({ value: s, label: attendanceLabels[s] }));

/** The form's parties: one radio group each, with the value chosen (or typed before an error). */
export function partyFieldsets(partyIds: string[], org: Organisation, chosen: Record<string, string | undefined>) {
  return partyIds.map((id) => ({
    name: `attendance.${id}`, legend: org.parties.find((p) => p.id === id)?.name ?? "Okänd part",
    chosen: chosen[id] ? [chosen[id]] : [],
  }));
}

/** The form's values from a stored meeting. */
export function meetingValues(m: Meeting) {
  return {
    groupId: m.groupId, date: m.heldOn, note: m.note,
    ...Object.fromEntries(m.attendance.map((a) => [`attendance.${a.partyId}`, a.status])),
  } as Record<string, string>;
}

export const groupOptions = (groups: Organisation["groups"]) => groups.map((g) => ({ value: g.id, label: g.name }));
