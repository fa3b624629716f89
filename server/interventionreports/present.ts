/** What the insatsrapport pages and the API show: Swedish figures, period names and the form's values. */
import { HIDDEN, maskCounts, maskSummary } from "./outcome-threshold.pure.js";
import { formatInteger, formatPercent } from "../results/format.js";
import { maskPii } from "../privacy/pii.js";
import {
  ageBands, completeCounts, genderLabels, genders, hasAges, reasons, referrers, reportQuestionKeys, reportQuestions, summarise,
  type GenderSplit, type ReportCounts,
} from "./outcomes.pure.js";
import { countFields, measureGroups, measures, plainCountFields } from "./schema.js";
import type { Report, YearFigure } from "./service.js";

/** "Helår 2024", or "Delår 2024-01-01 – 2024-08-31". */
export function periodLabel(start: string, end: string): string {
  const y = start.slice(0, 4);
  return start === `${y}-01-01` && end === `${y}-12-31` ? `Helår ${y}` : `Delår ${start} – ${end}`;
}

/** A report as the API gives it: the POST body's shape, with names, totals and masked free texts. */
export function reportJson(r: Report) {
  const s = summarise(r.counts);
  return {
    id: r.id, interventionId: r.interventionId, interventionName: r.interventionName, areaId: r.areaId, areaName: r.areaName,
    periodStart: r.periodStart, periodEnd: r.periodEnd,
    ...completeCounts(r.counts),
    answers: Object.fromEntries(Object.entries(r.answers).map(([k, a]) => [k, maskPii(a)])),
    totals: s,
  };
}

/** GET (and PUT) /api/v1/interventions/:id/outcomes/:year: every count by gender, the totals beside them. */
export function outcomesJson(f: YearFigure, year: number, threshold: { threshold: number; hidden: ReadonlySet<string> } | null = null) {
  const hidden = threshold?.hidden ?? new Set<string>();
  return {
    interventionId: f.interventionId, name: f.name, year, source: f.source, reports: f.reports, areaSumDiffers: f.areaSumDiffers,
    ...maskCounts(f.interventionId, completeCounts(f.counts), hidden), totals: maskSummary(f.interventionId, f.summary, hidden),
    // The förbund's threshold for small counts (null: none); a hidden count is null above.
    outcomeThreshold: threshold?.threshold ?? null,
  };
}

/** An insats's year figure as the API gives it. */
export function yearFigureJson(f: YearFigure) {
  return { interventionId: f.interventionId, name: f.name, source: f.source, reports: f.reports, areaSumDiffers: f.areaSumDiffers, ...f.summary };
}

/** A count as printed: "dolt" when hidden under the förbund's outcome threshold (null). */
const count = (n: number | null) => (n === null ? HIDDEN : formatInteger(n));
const split = (s: Record<keyof GenderSplit, number | null>, all: number | null) => `${count(all)} (${genders.map((g) => `${genderLabels[g].toLowerCase()} ${count(s[g])}`).join(", ")})`;

/**
 * The list page: the year's figure per insats and every report. Under the förbund's outcome
 * threshold the figures hide what every bilaga hides; a single report that the user may not change
 * hides its counts below the threshold (the user's own reports show what was typed).
 */
export function listPage(figures: YearFigure[], reports: Report[], mayEdit: (r: Report) => boolean, threshold: { threshold: number; hidden: ReadonlySet<string> } | null = null) {
  const hidden = threshold?.hidden ?? new Set<string>();
  const small = (n: number) => (threshold && n > 0 && n < threshold.threshold ? null : n);
  return {
    figures: figures.map((f) => {
      const m = maskSummary(f.interventionId, f.summary, hidden);
      return {
        name: f.name, participants: count(m.participants), finished: count(m.finished),
        arbete: count(m.arbete), studier: count(m.studier), annat: count(m.annat),
        toWorkOrStudies: `${count(m.toWorkOrStudies)} (${m.shareToWorkOrStudies === null && m.toWorkOrStudies === null ? HIDDEN : formatPercent(m.shareToWorkOrStudies)})`,
        efterstod: count(m.efterstod),
        source: f.source === "insats" ? "insatsens rapport" : `summan av ${f.reports} ${f.reports === 1 ? "kommunområdes rapport" : "kommunområdens rapporter"}`,
        warning: f.areaSumDiffers ? "Kommunområdenas rapporter summerar inte till insatsens rapport." : null,
      };
    }),
    reports: reports.map((r) => {
      const s = summarise(r.counts);
      const own = mayEdit(r);
      const n = (x: number) => (own ? x : small(x));
      const p = r.counts.participants;
      const anyHidden = !own && [p.women, p.men, p.other, s.finished, s.toWorkOrStudies].some((x) => n(x) === null);
      return {
        id: r.id, intervention: r.interventionName, area: r.areaName ?? "Hela insatsen", period: periodLabel(r.periodStart, r.periodEnd),
        participants: split({ women: n(p.women), men: n(p.men), other: n(p.other) }, anyHidden ? null : n(s.participants)), finished: count(n(s.finished)),
        toWorkOrStudies: `${count(n(s.toWorkOrStudies))} (${anyHidden ? HIDDEN : formatPercent(s.shareToWorkOrStudies)})`, editable: own,
      };
    }),
  };
}

/** The form's grids: one per group of measures, a row per measure with women / men / other. */
export const formGroups = Object.entries(measureGroups).map(([group, legend]) => ({
  key: group, legend,
  rows: measures.filter((m) => m.group === group).map((m) => ({
    key: m.key, label: m.label,
    fields: countFields.filter((f) => f.name.startsWith(`${m.key}.`)).map((f) => ({ name: f.name, label: `${m.label}, ${f.gender.toLowerCase()}`, column: f.gender })),
  })),
}));
export const formColumns = genders.map((g) => genderLabels[g]);
export const formPlainFields = plainCountFields;
export const formQuestions = reportQuestionKeys.map((q) => ({ name: `answers.${q}`, label: reportQuestions[q] }));

const months = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(Math.round(n * 10) / 10).replace(".", ","));

/** The form's values from a stored report (Avslutade blank when it was not typed; age bands blank when none was given). */
export function reportValues(r: Pick<Report, "interventionId" | "areaId" | "periodStart" | "periodEnd" | "counts" | "answers">): Record<string, string> {
  const c: ReportCounts = r.counts;
  const full = completeCounts(c);
  const values: Record<string, string> = {
    interventionId: r.interventionId, areaId: r.areaId ?? "", periodStart: r.periodStart, periodEnd: r.periodEnd,
    averageMonths: months(c.averageMonths), aterremisser: String(full.aterremisser),
  };
  const splits: Record<string, GenderSplit> = { participants: c.participants, newParticipants: c.newParticipants, efterstod: c.efterstod };
  for (const reason of reasons) splits[`finished.${reason}`] = full.finished[reason];
  if (c.finishedTotal) splits.finishedTotal = c.finishedTotal;
  if (hasAges(c)) for (const b of ageBands) splits[`ages.${b}`] = full.ages[b];
  for (const [key, s] of Object.entries(splits)) for (const g of genders) values[`${key}.${g}`] = String(s[g]);
  for (const ref of referrers) values[`referrals.${ref}`] = String(full.referrals[ref]);
  for (const q of reportQuestionKeys) values[`answers.${q}`] = r.answers[q] ?? "";
  return values;
}

/** Empty form for a new report: the whole of this year, no counts. */
export const newValues = (year: number, interventionId = ""): Record<string, string> =>
  ({ interventionId, areaId: "", periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
