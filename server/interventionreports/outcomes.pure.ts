/**
 * Helårsrapporter per insats (002 Bilaga 3), pure: the counts of a report, their checks, their sums
 * and the outcome figures the goals and the Statistik bilaga use.
 *
 * - Every count is split women / men / other (annat/okänt); a total is the sum of the three.
 * - Finished participants are split by reason, after 004's table (Samverkansteamet 2023: 31 avslutade =
 *   arbete 2, studier 1, arbetslivsinriktad rehabilitering 6, sjukdom 7, egen begäran 6, åter till
 *   remittent 8, annat skäl 1). Arbete and studier are "arbete eller studier"; that is fixed, the other
 *   reasons are reported as they are. Reports written before issue 19 have only arbete, studier and
 *   annat: their other reasons read as 0 (what they had is in annat).
 * - The number finished is typed on its own (finishedTotal) and checked against the reasons; a report
 *   without it (older reports, or a blank cell) takes the sum of the reasons.
 * - Age bands (16–18 … 50–65) are optional; once any is filled in they must add up to participants.
 * - Share to arbete or studier = (arbete + studier) / all finished (002 SE-Höglandet: 42 of 74 = 57 %).
 * - Checks: per gender, finished ≤ participants, new ≤ participants, the reasons add up to finished,
 *   the age bands add up to participants; each message names the cell.
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

/** Why participants finished, after 004's table; arbete and studier count as "arbete eller studier". */
export const reasons = ["arbete", "studier", "rehabilitering", "sjukdom", "egen_begaran", "ater_remittent", "annat"] as const;
export type Reason = (typeof reasons)[number];
export const reasonLabels: Record<Reason, string> = {
  arbete: "Arbete (med eller utan lönebidrag)",
  studier: "Studier",
  rehabilitering: "Arbetslivsinriktad rehabilitering (inkl. förstärkt samarbete AF/FK)",
  sjukdom: "Sjukdom",
  egen_begaran: "Egen begäran",
  ater_remittent: "Åter till remittent",
  annat: "Annat skäl",
};
/** Short names for table heads. */
export const reasonShort: Record<Reason, string> = {
  arbete: "Arbete", studier: "Studier", rehabilitering: "Arb.livsinr. rehab.", sjukdom: "Sjukdom",
  egen_begaran: "Egen begäran", ater_remittent: "Åter till remittent", annat: "Annat skäl",
};
/** The reasons that are "arbete eller studier" (fixed, never configurable). */
export const workOrStudiesReasons: readonly Reason[] = ["arbete", "studier"];

export const ageBands = ["16-18", "19-24", "25-29", "30-39", "40-49", "50-65"] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageLabel = (b: AgeBand) => `${b.replace("-", "–")} år`;

/** Who sent the referrals (remisser) the insats received. */
export const referrers = ["kommun", "region", "arbetsformedlingen", "forsakringskassan", "annan"] as const;
export type Referrer = (typeof referrers)[number];
export const referrerLabels: Record<Referrer, string> = {
  kommun: "Kommun", region: "Region", arbetsformedlingen: "Arbetsförmedlingen", forsakringskassan: "Försäkringskassan", annan: "Annan remittent",
};

/**
 * The figures of a helårs- or delårsrapport. The fields marked optional came with issue 19; a report
 * stored before has none of them, and every function here reads a missing one as described above.
 */
export type ReportCounts = {
  participants: GenderSplit;
  newParticipants: GenderSplit;
  /** Finished by reason; the reasons after annat are optional for older reports. */
  finished: { arbete: GenderSplit; studier: GenderSplit; annat: GenderSplit } & Partial<Record<Reason, GenderSplit>>;
  /** Finished in all, as typed; missing = the sum of the reasons. */
  finishedTotal?: GenderSplit;
  ages?: Partial<Record<AgeBand, GenderSplit>>;
  /** Average time in the insats of those who finished, in months. */
  averageMonths?: number | null;
  referrals?: Partial<Record<Referrer, number>>;
  aterremisser?: number;
  efterstod: GenderSplit;
};

export const genders = ["women", "men", "other"] as const;
export type Gender = (typeof genders)[number];
export const genderLabels: Record<Gender, string> = { women: "Kvinnor", men: "Män", other: "Annat/okänt" };

/** The old three outcomes (the API's totals keep them). */
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

/** Finished for one reason, by gender (0 when an older report lacks the reason). */
export const reasonSplit = (c: ReportCounts, r: Reason): GenderSplit => c.finished[r] ?? zeroSplit();
/** The reasons added up, by gender. */
export const reasonsSplit = (c: ReportCounts): GenderSplit => addSplits(...reasons.map((r) => reasonSplit(c, r)));
/** Finished participants, by gender: as typed, else the reasons added up. */
export const finishedSplit = (c: ReportCounts): GenderSplit => c.finishedTotal ?? reasonsSplit(c);
/** Finished to arbete or studier, by gender. */
export const workOrStudiesSplit = (c: ReportCounts): GenderSplit => addSplits(...workOrStudiesReasons.map((r) => reasonSplit(c, r)));
/** An age band, by gender (0 when not given). */
export const ageSplit = (c: ReportCounts, b: AgeBand): GenderSplit => c.ages?.[b] ?? zeroSplit();
/** Whether the report gives any age band at all. */
export const hasAges = (c: ReportCounts): boolean => ageBands.some((b) => total(ageSplit(c, b)) > 0);
export const referralCount = (c: ReportCounts, r: Referrer): number => c.referrals?.[r] ?? 0;

/** Every field filled in: what the API gives and the Statistik bilaga reads. */
export function completeCounts(c: ReportCounts): Required<Omit<ReportCounts, "finished" | "ages" | "referrals">> & {
  finished: Record<Reason, GenderSplit>; ages: Record<AgeBand, GenderSplit>; referrals: Record<Referrer, number>;
} {
  return {
    participants: c.participants, newParticipants: c.newParticipants, finishedTotal: finishedSplit(c),
    finished: Object.fromEntries(reasons.map((r) => [r, reasonSplit(c, r)])) as Record<Reason, GenderSplit>,
    ages: Object.fromEntries(ageBands.map((b) => [b, ageSplit(c, b)])) as Record<AgeBand, GenderSplit>,
    averageMonths: c.averageMonths ?? null,
    referrals: Object.fromEntries(referrers.map((r) => [r, referralCount(c, r)])) as Record<Referrer, number>,
    aterremisser: c.aterremisser ?? 0, efterstod: c.efterstod,
  };
}

/**
 * Several reports' counts added up (per-kommunområde reports to the insats). The average time is the
 * average weighted by finished participants, over the reports that give one; null when none does.
 */
export function sumCounts(list: readonly ReportCounts[]): ReportCounts {
  const timed = list.filter((c) => c.averageMonths !== null && c.averageMonths !== undefined && total(finishedSplit(c)) > 0);
  const weight = timed.reduce((a, c) => a + total(finishedSplit(c)), 0);
  const averageMonths = weight ? timed.reduce((a, c) => a + c.averageMonths! * total(finishedSplit(c)), 0) / weight : null;
  return {
    participants: addSplits(...list.map((c) => c.participants)),
    newParticipants: addSplits(...list.map((c) => c.newParticipants)),
    finished: Object.fromEntries(reasons.map((r) => [r, addSplits(...list.map((c) => reasonSplit(c, r)))])) as ReportCounts["finished"],
    finishedTotal: addSplits(...list.map(finishedSplit)),
    ages: Object.fromEntries(ageBands.map((b) => [b, addSplits(...list.map((c) => ageSplit(c, b)))])),
    averageMonths,
    referrals: Object.fromEntries(referrers.map((r) => [r, list.reduce((a, c) => a + referralCount(c, r), 0)])),
    aterremisser: list.reduce((a, c) => a + (c.aterremisser ?? 0), 0),
    efterstod: addSplits(...list.map((c) => c.efterstod)),
  };
}

export type OutcomeSummary = {
  participants: number;
  newParticipants: number;
  finished: number;
  arbete: number;
  studier: number;
  annat: number;
  rehabilitering: number;
  sjukdom: number;
  egen_begaran: number;
  ater_remittent: number;
  toWorkOrStudies: number;
  /** (arbete + studier) / finished; null when nobody finished. */
  shareToWorkOrStudies: number | null;
  efterstod: number;
  averageMonths: number | null;
  referrals: number;
  aterremisser: number;
};

/** The totals of a report's counts. */
export function summarise(c: ReportCounts): OutcomeSummary {
  const finished = total(finishedSplit(c));
  const toWorkOrStudies = total(workOrStudiesSplit(c));
  const byReason = Object.fromEntries(reasons.map((r) => [r, total(reasonSplit(c, r))])) as Record<Reason, number>;
  return {
    participants: total(c.participants), newParticipants: total(c.newParticipants), finished, ...byReason,
    toWorkOrStudies, shareToWorkOrStudies: finished ? toWorkOrStudies / finished : null, efterstod: total(c.efterstod),
    averageMonths: c.averageMonths ?? null, referrals: referrers.reduce((a, r) => a + referralCount(c, r), 0), aterremisser: c.aterremisser ?? 0,
  };
}

export type CountIssue = { path: string; message: string };
const inGroup: Record<Gender, string> = { women: "kvinnor", men: "män", other: "med annat/okänt kön" };

/**
 * What does not add up in a report's counts, as Swedish messages by field (form field names:
 * finishedTotal.women, finished.arbete.women, ages.16-18.women …), each naming the cell. Empty when
 * the counts are consistent. Whole numbers ≥ 0 are the schema's job.
 */
export function checkCounts(c: ReportCounts): CountIssue[] {
  const issues: CountIssue[] = [];
  const finished = finishedSplit(c), byReasons = reasonsSplit(c);
  const agesGiven = hasAges(c);
  for (const g of genders) {
    if (finished[g] > c.participants[g]) {
      issues.push({ path: c.finishedTotal ? `finishedTotal.${g}` : `finished.arbete.${g}`, message: `Avslutade ${inGroup[g]} (${finished[g]}) kan inte vara fler än deltagande ${inGroup[g]} (${c.participants[g]}).` });
    }
    if (c.finishedTotal && byReasons[g] !== finished[g]) {
      issues.push({ path: `finished.arbete.${g}`, message: `Avslutade ${inGroup[g]} per orsak summerar till ${byReasons[g]}, men Avslutade ${inGroup[g]} är ${finished[g]}.` });
    }
    if (c.newParticipants[g] > c.participants[g]) {
      issues.push({ path: `newParticipants.${g}`, message: `Nya deltagare ${inGroup[g]} (${c.newParticipants[g]}) kan inte vara fler än deltagande ${inGroup[g]} (${c.participants[g]}).` });
    }
    const aged = ageBands.reduce((a, b) => a + ageSplit(c, b)[g], 0);
    if (agesGiven && aged !== c.participants[g]) {
      issues.push({ path: `ages.${ageBands[0]}.${g}`, message: `Åldersgrupperna för ${inGroup[g]} summerar till ${aged}, men deltagande ${inGroup[g]} är ${c.participants[g]}.` });
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

/** The counts compared between an insats's report and its kommunområden's (the average time is not a count). */
const countsOnly = (c: ReportCounts) => ({ ...summarise(c), averageMonths: null });

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
        areaSumDiffers: areaReports.length > 0 && JSON.stringify(countsOnly(areaSum)) !== JSON.stringify(countsOnly(own.counts)),
      };
    }
    return { interventionId, counts: areaSum, source: "kommunomraden" as const, reports: areaReports.length, areaSumDiffers: false };
  });
}
