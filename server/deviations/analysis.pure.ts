/**
 * The year's sammanställning and analysis of deviations (Bilaga 6), computed from the cases. Pure:
 * the caller loads the cases and passes "today" for the deadlines.
 *
 * Rules: a case counts once in the total and once for each party (and each unit) it concerns, so
 * the parties add up to more than the total when a case concerns two parties. Cases that were
 * avvisade (not a deviation in samverkan) are left out and counted on their own. Deviation counts
 * are case counts, not anonymous answers: small numbers are shown, as Bilaga 6 shows "Försäkringskassan 1".
 */
import { answeredInTime, type Frequency, type RequestDates, type Severity, type Status } from "./cases.pure.js";
import { daysBetween } from "../dates.js";

export type AnalysisCase = {
  severity: Severity;
  frequency: Frequency | null;
  status: Status;
  area: string | null;
  concerned: { party: string; unit: string | null }[];
  causes: string[];
  consequences: string[];
  proposal: string | null;
  actionTaken: string | null;
  lifted: boolean;
  requests: RequestDates[];
};

export type Tally = Record<string, number>;

export type Analysis = {
  total: number;
  rejected: number;
  bySeverity: { allvarlig: number; mindreAllvarlig: number };
  byFrequency: { forstaGangen: number; hantForut: number; aterkommande: number; okand: number };
  byParty: Tally;
  /** party name → unit name → cases ("Region 5 varav Psykiatri 3 och Annan specialistvård 1") */
  byUnit: Record<string, Tally>;
  byArea: Tally;
  byCause: Tally;
  byConsequence: Tally;
  proposals: string[];
  actions: string[];
  /** requests whose answer came or whose deadline has passed */
  requestsDue: number;
  /** share (0–1) of those answered on or before the deadline; null when there are none */
  answeredWithinDeadline: number | null;
  medianAnswerDays: number | null;
  lifted: number;
  previousYear: number;
};

export const UNKNOWN_AREA = "Okänt kommunområde";

/** Middle value, or the mean of the two middle values; null for no values. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Largest first, then by name in Swedish order. */
function sorted(t: Tally): Tally {
  return Object.fromEntries(Object.entries(t).sort(([a, x], [b, y]) => y - x || a.localeCompare(b, "sv")));
}

function count(t: Tally, keys: Iterable<string>) {
  for (const k of keys) t[k] = (t[k] ?? 0) + 1;
}

const counted = (c: AnalysisCase) => c.status !== "avvisad";

export type TextGroup = { text: string; cases: number };
/**
 * Texts that say the same thing (case, spaces and a final full stop aside) once,
 * with how many cases said it: most first, then alphabetically; the first spelling is kept. For the
 * proposals and actions of the analysis page and Bilaga 6, where one line per case repeats itself.
 */
export function groupTexts(texts: string[]): TextGroup[] {
  const key = (t: string) => t.trim().toLocaleLowerCase("sv").replace(/\s+/g, " ").replace(/[.!\s]+$/, "");
  const groups = new Map<string, TextGroup>();
  for (const t of texts) {
    const k = key(t);
    if (!k) continue;
    const g = groups.get(k);
    if (g) g.cases++;
    else groups.set(k, { text: t.trim(), cases: 1 });
  }
  return [...groups.values()].sort((a, b) => b.cases - a.cases || a.text.localeCompare(b.text, "sv"));
}

/** The analysis of one year's cases against the previous year's. */
export function analyse(cases: AnalysisCase[], previousYearCases: AnalysisCase[], today: string): Analysis {
  const inScope = cases.filter(counted);
  const byParty: Tally = {}, byArea: Tally = {}, byCause: Tally = {}, byConsequence: Tally = {};
  const byUnit: Record<string, Tally> = {};
  const bySeverity = { allvarlig: 0, mindreAllvarlig: 0 };
  const byFrequency = { forstaGangen: 0, hantForut: 0, aterkommande: 0, okand: 0 };
  const proposals: string[] = [], actions: string[] = [];
  const answerDays: number[] = [];
  let requestsDue = 0, inTime = 0, lifted = 0;

  for (const c of inScope) {
    if (c.severity === "allvarlig") bySeverity.allvarlig++;
    else bySeverity.mindreAllvarlig++;
    if (c.frequency === "forsta_gangen") byFrequency.forstaGangen++;
    else if (c.frequency === "hant_forut") byFrequency.hantForut++;
    else if (c.frequency === "aterkommande") byFrequency.aterkommande++;
    else byFrequency.okand++;

    count(byParty, new Set(c.concerned.map((x) => x.party)));
    for (const [party, units] of groupUnits(c.concerned)) count((byUnit[party] ??= {}), units);
    count(byArea, [c.area ?? UNKNOWN_AREA]);
    count(byCause, new Set(c.causes));
    count(byConsequence, new Set(c.consequences));
    if (c.proposal?.trim()) proposals.push(c.proposal.trim());
    if (c.actionTaken?.trim()) actions.push(c.actionTaken.trim());
    if (c.lifted) lifted++;

    for (const r of c.requests) {
      if (r.answeredOn !== null) answerDays.push(daysBetween(r.requestedOn, r.answeredOn));
      if (r.answeredOn !== null || r.deadline < today) {
        requestsDue++;
        if (answeredInTime(r)) inTime++;
      }
    }
  }

  return {
    total: inScope.length,
    rejected: cases.length - inScope.length,
    bySeverity,
    byFrequency,
    byParty: sorted(byParty),
    byUnit: Object.fromEntries(Object.entries(byUnit).map(([p, t]) => [p, sorted(t)])),
    byArea: sorted(byArea),
    byCause: sorted(byCause),
    byConsequence: sorted(byConsequence),
    proposals,
    actions,
    requestsDue,
    answeredWithinDeadline: requestsDue ? inTime / requestsDue : null,
    medianAnswerDays: median(answerDays),
    lifted,
    previousYear: previousYearCases.filter(counted).length,
  };
}

/** The distinct units a case names per party (a party without a unit adds none). */
function groupUnits(concerned: AnalysisCase["concerned"]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const x of concerned) if (x.unit) (m.get(x.party) ?? m.set(x.party, new Set()).get(x.party)!).add(x.unit);
  return m;
}

/** The contract of GET /api/v1/deviations/analysis: exactly the fields the issue names. */
export function analysisJson(a: Analysis) {
  return {
    total: a.total,
    bySeverity: a.bySeverity,
    byParty: a.byParty,
    byUnit: a.byUnit,
    byArea: a.byArea,
    byCause: a.byCause,
    byConsequence: a.byConsequence,
    answeredWithinDeadline: a.answeredWithinDeadline,
    medianAnswerDays: a.medianAnswerDays,
    lifted: a.lifted,
    previousYear: a.previousYear,
  };
}
