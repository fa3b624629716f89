/**
 * Helårsrapporter per insats (002 Bilaga 3), pure: the counts of a report, their checks, their sums
 * and the outcome figures the goals and the Statistik bilaga use.
 *
 * - Every count is split women / men / other; a total is the sum of the three.
 * - Finished participants are split by outcome: arbete (med eller utan lönebidrag), studier, annat skäl.
 * - Share to arbete or studier = (arbete + studier) / all finished (002 SE-Höglandet: 42 of 74 = 57 %).
 * - Checks: no group may have more finished than participants, nor more new participants than participants.
 * - Which reports make a year's figure (yearFigures): per insats and kommunområde the report that
 *   covers the longest part of the year — the helårsrapport when there is one, else the latest
 *   delårsrapport. Delårsrapporter are not added to each other (a participant of both halves would
 *   count twice). For the insats, its own report (without kommunområde) when there is one; otherwise
 *   its kommunområden's reports added up.
 * - The goal "share to arbete or studier ≥ threshold" (002: SE-Höglandet 35 %) on that year figure
 *   is checked by the goals feature (goals/report-metrics.pure.ts), which reads the figures
 *   through service.ts yearFigures.
 */

/** Women / men / other, as every count of a report is split (the same shape as models/interventionreports.ts stores). */
export type GenderSplit = { women: number; men: number; other: number };
/** The figures of a helårs- or delårsrapport. */
export type ReportCounts = {
  participants: GenderSplit;
  newParticipants: GenderSplit;
  finished: { arbete: GenderSplit; studier: GenderSplit; annat: GenderSplit };
  efterstod: GenderSplit;
};

export const genders = ["women", "men", "other"] as const;
export type Gender = (typeof genders)[number];
export const genderLabels: Record<Gender, string> = { women: "Kvinnor", men: "Män", other: "Annat/vill inte ange" };

export const outcomes = ["arbete", "studier", "annat"] as const;
export type Outcome = (typeof outcomes)[number];

/** The report's free-text questions, in the order the form shows them. */
export const reportQuestions = {
  gatt_bra: "Vad har gått bra under perioden? Vad bedömer ni som framgångsfaktorer?",
  hinder: "Vilka hinder har ni mött?",
  forandringar: "Vilka förändringar har skett eller behövs (till exempel personal, lokaler, arbetssätt)?",
  ovrigt: "Övrigt",
} as const;
export type ReportQuestion = keyof typeof reportQuestions;
export const reportQuestionKeys = Object.keys(reportQuestions) as ReportQuestion[];

export const zeroSplit = (): GenderSplit => ({ women: 0, men: 0, other: 0 });
export const zeroCounts = (): ReportCounts => ({
  participants: zeroSplit(), newParticipants: zeroSplit(),
  finished: { arbete: zeroSplit(), studier: zeroSplit(), annat: zeroSplit() }, efterstod: zeroSplit(),
});

export const total = (s: GenderSplit): number => s.women + s.men + s.other;
export const addSplits = (...splits: GenderSplit[]): GenderSplit =>
  splits.reduce((a, s) => ({ women: a.women + s.women, men: a.men + s.men, other: a.other + s.other }), zeroSplit());

/** Finished participants of every outcome, by gender. */
export const finishedSplit = (c: ReportCounts): GenderSplit => addSplits(c.finished.arbete, c.finished.studier, c.finished.annat);
/** Finished to arbete or studier, by gender. */
export const workOrStudiesSplit = (c: ReportCounts): GenderSplit => addSplits(c.finished.arbete, c.finished.studier);

/** Several reports' counts added up (per-kommunområde reports to the insats). */
export function sumCounts(list: readonly ReportCounts[]): ReportCounts {
  return list.reduce<ReportCounts>((a, c) => ({
    participants: addSplits(a.participants, c.participants),
    newParticipants: addSplits(a.newParticipants, c.newParticipants),
    finished: {
      arbete: addSplits(a.finished.arbete, c.finished.arbete),
      studier: addSplits(a.finished.studier, c.finished.studier),
      annat: addSplits(a.finished.annat, c.finished.annat),
    },
    efterstod: addSplits(a.efterstod, c.efterstod),
  }), zeroCounts());
}

export type OutcomeSummary = {
  participants: number;
  newParticipants: number;
  finished: number;
  arbete: number;
  studier: number;
  annat: number;
  toWorkOrStudies: number;
  /** (arbete + studier) / finished; null when nobody finished. */
  shareToWorkOrStudies: number | null;
  efterstod: number;
};

/** The totals of a report's counts. */
export function summarise(c: ReportCounts): OutcomeSummary {
  const finished = total(finishedSplit(c));
  const toWorkOrStudies = total(workOrStudiesSplit(c));
  return {
    participants: total(c.participants), newParticipants: total(c.newParticipants), finished,
    arbete: total(c.finished.arbete), studier: total(c.finished.studier), annat: total(c.finished.annat),
    toWorkOrStudies, shareToWorkOrStudies: finished ? toWorkOrStudies / finished : null, efterstod: total(c.efterstod),
  };
}

export type CountIssue = { path: string; message: string };
const inGroup: Record<Gender, string> = { women: "kvinnor", men: "män", other: "med annat/ej angivet kön" };

/**
 * What does not add up in a report's counts, as Swedish messages by field (form field names:
 * finished.arbete.women …). Empty when the counts are consistent. Whole numbers ≥ 0 are the schema's job.
 */
export function checkCounts(c: ReportCounts): CountIssue[] {
  const issues: CountIssue[] = [];
  const finished = finishedSplit(c);
  for (const g of genders) {
    if (finished[g] > c.participants[g]) {
      issues.push({ path: `finished.arbete.${g}`, message: `Avslutade ${inGroup[g]} (${finished[g]}) kan inte vara fler än deltagande ${inGroup[g]} (${c.participants[g]}).` });
    }
    if (c.newParticipants[g] > c.participants[g]) {
      issues.push({ path: `newParticipants.${g}`, message: `Nya deltagare ${inGroup[g]} (${c.newParticipants[g]}) kan inte vara fler än deltagande ${inGroup[g]} (${c.participants[g]}).` });
    }
  }
  return issues;
}

export type DatedReport = { interventionId: string; areaId: string | null; periodStart: string; periodEnd: string; updatedAt?: Date | string; counts: ReportCounts };

/** Days of the period, inclusive (ISO dates). */
const days = (r: Pick<DatedReport, "periodStart" | "periodEnd">) => (Date.parse(r.periodEnd) - Date.parse(r.periodStart)) / 86_400_000 + 1;

/** Per insats and kommunområde, the report that stands for the year (see the file comment). */
export function pickYearReports<R extends DatedReport>(reports: readonly R[]): R[] {
  const best = new Map<string, R>();
  for (const r of reports) {
    const key = `${r.interventionId}|${r.areaId ?? ""}`;
    const b = best.get(key);
    const better = !b || days(r) > days(b) || (days(r) === days(b) && (r.periodEnd > b.periodEnd
      || (r.periodEnd === b.periodEnd && String(r.updatedAt ?? "") > String(b.updatedAt ?? ""))));
    if (better) best.set(key, r);
  }
  return [...best.values()];
}

export type InterventionYear = {
  interventionId: string;
  counts: ReportCounts;
  /** "insats": its own report; "kommunomraden": its kommunområden's reports added up. */
  source: "insats" | "kommunomraden";
  /** How many reports the figure rests on. */
  reports: number;
  /** The kommunområden's sum, when the insats has both its own report and kommunområde reports that disagree with it. */
  areaSumDiffers: boolean;
};

/** The year's figure per insats from its reports (see the file comment). */
export function yearFigures<R extends DatedReport>(reports: readonly R[]): InterventionYear[] {
  const chosen = pickYearReports(reports);
  const ids = [...new Set(chosen.map((r) => r.interventionId))];
  return ids.map((interventionId) => {
    const own = chosen.find((r) => r.interventionId === interventionId && r.areaId === null);
    const areaReports = chosen.filter((r) => r.interventionId === interventionId && r.areaId !== null);
    const areaSum = sumCounts(areaReports.map((r) => r.counts));
    if (own) {
      return {
        interventionId, counts: own.counts, source: "insats" as const, reports: 1,
        areaSumDiffers: areaReports.length > 0 && JSON.stringify(summarise(areaSum)) !== JSON.stringify(summarise(own.counts)),
      };
    }
    return { interventionId, counts: areaSum, source: "kommunomraden" as const, reports: areaReports.length, areaSumDiffers: false };
  });
}
