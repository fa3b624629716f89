/**
 * The checks of the two report metrics (reportMetrics in rules.pure.ts), pure. Their figures come
 * from the features that own them — närvaro from attendance, the year's outcomes from
 * interventionreports — and are judged here with the same comparison, threshold and verdicts as the
 * enkät goals.
 *
 * Närvaro (002: "god representation i samtliga samverkansgrupper, minst 75 % närvaro på helår"):
 * the goal is about every grupp, so every grupp is judged: a grupp that met below the threshold →
 * Ej uppfyllt (a failure is a failure, whatever the others would show); otherwise a grupp without
 * recorded meetings → Underlag saknas, naming each such grupp (002 reported Uppfyllt with 12 of 14
 * groups never recorded); every grupp met and reached the threshold → Uppfyllt. The threshold and
 * comparison come from the year's närvaro goal (metric "attendance"); 75 % when the year has none.
 *
 * Share to arbete or studier ≥ threshold (002: SE-Höglandet 35 %), on the insats's year figure: no
 * report for the year, or nobody finished, gives Underlag saknas with what is missing; otherwise the
 * exact share decides. These are counts of people reported by the insats, not anonymous answers, so
 * the reporting threshold k does not apply (the Statistik bilaga prints the same counts).
 *
 * The comparison is on the exact share; the printed figures are rounded as everywhere (with more
 * decimals when rounding would put a figure on the wrong side of the line).
 */
import { formatInteger } from "../results/format.js";
import { partyRangeText, type NamedGroupAttendance } from "../attendance/attendance.pure.js";
import { summarise, type InterventionYear } from "../interventionreports/outcomes.pure.js";
import { figureText, meets, ruleText, verdictLabels, type Comparison, type ComputedVerdict, type MissingBasis } from "./rules.pure.js";
import { ATTENDANCE_THRESHOLD } from "./defaults.js";

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
  /** "Inga möten registrerade för <grupp>" per grupp without meetings (or that the förbund has no grupp), with where to register them. */
  missing: MissingBasis[];
};

/** Where meetings and their närvaro are registered. */
export const ATTENDANCE_HREF = "/narvaro";
/** Where insatsrapporter are registered. */
export const REPORTS_HREF = "/insatsrapporter";

/** "A, B och C". */
const namesText = (names: readonly string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} och ${names[names.length - 1]}`);

/**
 * The grupper without meetings in one sentence, however many they are: "Inga möten registrerade för Styrelse",
 * "Inga möten registrerade för 12 av 14 grupper: A, B … och L"; "" when every grupp met.
 */
export function withoutMeetingsText(names: readonly string[], groups: number): string {
  if (!names.length) return "";
  if (names.length === 1) return `Inga möten registrerade för ${names[0]}`;
  return `Inga möten registrerade för ${names.length === groups ? `någon av de ${groups} grupperna` : `${names.length} av ${groups} grupper`}: ${namesText(names)}`;
}

/** The goal check over every grupp of the förbund for a year: each grupp's närvaro compared with the threshold. */
export function attendanceGoal(groups: readonly NamedGroupAttendance[], threshold = ATTENDANCE_THRESHOLD, comparison: Comparison = ">="): AttendanceGoal {
  const below = (share: number) => !meets(share, comparison, threshold);
  const met = groups.filter((g) => g.share !== null);
  const groupsBelow = met.filter((g) => below(g.share!)).map((g) => ({ groupId: g.groupId, name: g.name, share: g.share! }));
  const partiesBelow = met.flatMap((g) => g.parties
    .filter((p) => p.share !== null && below(p.share))
    .map((p) => ({ groupId: g.groupId, group: g.name, partyId: p.partyId, party: g.partyNames[p.partyId] ?? "Okänd part", share: p.share! })));
  const without = groups.filter((g) => g.share === null);
  const missing: MissingBasis[] = groups.length
    ? without.map((g) => ({ text: `Inga möten registrerade för ${g.name}`, href: ATTENDANCE_HREF }))
    : [{ text: "Inga grupper registrerade", href: ATTENDANCE_HREF }];
  const verdict: ComputedVerdict = groupsBelow.length ? "ej_uppfyllt" : missing.length ? "underlag_saknas" : "uppfyllt";
  const missingText = withoutMeetingsText(without.map((g) => g.name), groups.length);
  const figures = met.map((g) => `${g.name} ${figureText("attendance", g.share!, threshold)} (${partyRangeText(g)})`).join(", ");
  const partiesText = partiesBelow.map((p) => `${p.party} i ${p.group} ${figureText("attendance", p.share, threshold)}`).join(", ");
  return {
    threshold, comparison, verdict, label: verdictLabels[verdict],
    ruleText: ruleText({ metric: "attendance", comparison, threshold }),
    figuresText: met.length ? figures : "Inga möten registrerade",
    goalFiguresText: met.length
      ? `${figures}${partiesText ? `; under gränsen: ${partiesText}` : ""}${missingText ? `. ${missingText}` : ""}`
      : missingText || missing.map((m) => m.text).join("; ") || "Inga möten registrerade",
    value: met.length ? Math.min(...met.map((g) => g.share!)) : null,
    groupsBelow, partiesBelow,
    groupsWithoutMeetings: without.map((g) => g.name),
    missing,
  };
}

export type WorkOrStudiesGoal = {
  verdict: ComputedVerdict;
  label: string;
  /** "Andel avslutade deltagare till arbete eller studier ≥ 35 % enligt insatsrapporten". */
  ruleText: string;
  /** (arbete + studier) / finished; null without a report or without finished participants. */
  value: number | null;
  threshold: number;
  /** "42 av 74 avslutade till arbete (40) eller studier (2): 57 %", or why there is no figure. */
  figuresText: string;
  /** What is missing when there is no figure ("Ingen insatsrapport för SE-Höglandet 2024"). */
  missing: MissingBasis[];
};

/** The goal check on an insats's year figure (see the file comment); `figure` undefined = no report for the year. */
export function workOrStudiesGoal(
  figure: Pick<InterventionYear, "counts" | "source" | "reports"> | undefined,
  rule: { comparison: Comparison; threshold: number },
  year: number,
  insats?: string,
): WorkOrStudiesGoal {
  const head = { ruleText: ruleText({ metric: "shareToWorkOrStudies", ...rule }), threshold: rule.threshold };
  const tooFew = (figuresText: string): WorkOrStudiesGoal => ({
    ...head, verdict: "underlag_saknas", label: verdictLabels.underlag_saknas, value: null, figuresText, missing: [{ text: figuresText, href: REPORTS_HREF }],
  });
  if (!figure) return tooFew(`Ingen insatsrapport för ${insats ? `${insats} ` : ""}${year}`);
  const s = summarise(figure.counts);
  const source = figure.source === "kommunomraden" && figure.reports > 1 ? ` (summan av ${figure.reports} kommunområdens rapporter)` : "";
  if (s.shareToWorkOrStudies === null) return tooFew(`Ingen deltagare avslutad enligt rapporten för ${year}${source}`);
  const verdict: ComputedVerdict = meets(s.shareToWorkOrStudies, rule.comparison, rule.threshold) ? "uppfyllt" : "ej_uppfyllt";
  return {
    ...head, verdict, label: verdictLabels[verdict], value: s.shareToWorkOrStudies, missing: [],
    figuresText: `${formatInteger(s.toWorkOrStudies)} av ${formatInteger(s.finished)} avslutade till arbete (${formatInteger(s.arbete)}) eller studier (${formatInteger(s.studier)}): ${figureText("shareToWorkOrStudies", s.shareToWorkOrStudies, rule.threshold)}${source}`,
  };
}

/** Where deviations are reported and analysed. */
export const DEVIATIONS_HREF = "/avvikelser";

/**
 * Antal rapporter under året ≥ N (004: "minst 12 rapporter om avvikelser i samverkan"): the year's
 * counted cases (rejected ones aside, as in Bilaga 6) against the threshold. Counts of reports, not
 * answers, so k does not apply; none reported is a figure (0), not missing underlag — the form is
 * there all year — so the goal is Ej uppfyllt then.
 */
export function deviationReportsGoal(reported: number, rule: { comparison: Comparison; threshold: number }, year: number): {
  verdict: ComputedVerdict; label: string; ruleText: string; value: number; threshold: number; figuresText: string; missing: MissingBasis[];
} {
  const verdict: ComputedVerdict = meets(reported, rule.comparison, rule.threshold) ? "uppfyllt" : "ej_uppfyllt";
  return {
    verdict, label: verdictLabels[verdict], ruleText: ruleText({ metric: "deviationReports", ...rule }),
    value: reported, threshold: rule.threshold, missing: [],
    figuresText: `${formatInteger(reported)} ${reported === 1 ? "avvikelse" : "avvikelser"} rapporterade ${year}`,
  };
}

/** Where movement matrices are registered. */
export const MOVEMENTS_HREF = "/stegforflyttning";

/**
 * Antal deltagare med positiv förflyttning ≥ N (issue 19), on the year's movement matrices: the
 * goal's insats's matrix, or without an insats every insats's matrix of the year added up. A
 * positive movement is RISE's step towards self-support (movements.pure.ts isPositiveMovement, its
 * rule printed with the figure). No matrix registered → Underlag saknas with where to register it.
 * Counts of people reported by the insats, not answers, so k does not apply; under the förbund's
 * outcome threshold a small count is printed as "färre än N" (the verdict still stands: it says no
 * more than the threshold does).
 */
export function positiveMovementsGoal(
  matrices: readonly { name: string; positive: number; people: number }[],
  rule: { comparison: Comparison; threshold: number },
  year: number,
  opts: { insats?: string; outcomeThreshold?: number | null; positiveRule: string } = { positiveRule: "" },
): { verdict: ComputedVerdict; label: string; ruleText: string; value: number | null; threshold: number; figuresText: string; missing: MissingBasis[] } {
  const head = { ruleText: ruleText({ metric: "positiveMovements", ...rule }), threshold: rule.threshold };
  if (!matrices.length) {
    const text = `Ingen förflyttningsmatris för ${opts.insats ? `${opts.insats} ` : ""}${year}`;
    return { ...head, verdict: "underlag_saknas", label: verdictLabels.underlag_saknas, value: null, figuresText: text, missing: [{ text, href: `${MOVEMENTS_HREF}?year=${year}` }] };
  }
  const positive = matrices.reduce((a, m) => a + m.positive, 0), people = matrices.reduce((a, m) => a + m.people, 0);
  const verdict: ComputedVerdict = meets(positive, rule.comparison, rule.threshold) ? "uppfyllt" : "ej_uppfyllt";
  const small = (n: number) => !!opts.outcomeThreshold && n > 0 && n < opts.outcomeThreshold;
  const count = (n: number) => (small(n) ? `färre än ${formatInteger(opts.outcomeThreshold!)}` : formatInteger(n));
  const where = opts.insats ?? (matrices.length === 1 ? matrices[0].name : `${matrices.length} insatser`);
  return {
    ...head, verdict, label: verdictLabels[verdict], value: small(positive) ? null : positive, missing: [],
    figuresText: `${count(positive)} av ${count(people)} deltagare i förflyttningsmatrisen för ${where} ${year} med positiv förflyttning. ${opts.positiveRule}`.trim(),
  };
}
