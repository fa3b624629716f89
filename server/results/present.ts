/**
 * What the results pages, the chart, the CSV and the API show, built from the service's views (whose
 * figures have already been through the threshold). Swedish number forms come from format.ts only.
 */
import { standardSurveys } from "../../surveys/index.js";
import { comparabilityNote, type Question, dontKnowLabel, questionsOf, respondentGroups, tr } from "../../surveys/define.js";
import { change, metricsOf, type Metric } from "./stats.js";
import { SUPPRESSED_TEXT, type QuestionResult } from "./threshold.js";
import {
  changeUnitOf, formatChange, formatDecimal, formatInteger, formatMedian, formatMetric, formatPercent, metricLabels, questionNumber,
} from "./format.js";
// eslint-disable-next-line no-restricted-syntax -- result pages show the goals that apply, drawn as the goal pages draw them
import { goalResultJson, goalView } from "../goals/present.js";
import type { ResultsWithGoals } from "../goals/service.js";
import type { Results, TextGroup, View, YearResults } from "./service.js";
import type { TextCount } from "./text-groups.pure.js";
import { distributionOf } from "./distribution.pure.js";
import { responseRateText, type ResponseRate } from "./response-rate.pure.js";
import type { Organisation } from "../organisation/service.js";
import type { Collection } from "../collections/service.js";
import { csvDocument, decimal, type CsvCell } from "../spreadsheet.js";

// ——— API ———

/** One question as the API gives it: null for what the kind lacks, and for everything when suppressed. */
export function questionJson(r: QuestionResult) {
  const figures = {
    kind: r.kind, n: r.n, dontKnow: r.dontKnow, counts: r.counts, mean: r.mean, median: r.median,
    sharePositive: r.sharePositive, shareYes: r.shareYes,
  };
  return r.kind === "single" || r.kind === "multi" ? { ...figures, options: r.options, suppressed: r.suppressed } : { ...figures, suppressed: r.suppressed };
}

const questionsJson = (v: View) => Object.fromEntries(Object.entries(v.results).map(([id, r]) => [id, questionJson(r)]));

/** The contract of GET /api/v1/collections/:id/results. */
export function resultsJson(r: ResultsWithGoals<Results>) {
  return {
    n: r.view.n, partial: r.view.partial, questions: questionsJson(r.view), goals: r.goals.map(goalResultJson),
    // Added: the figures move in steps of at least k answers (issue 12); these say where the steps stand.
    snapshot: { waiting: r.snapshot.waiting, nextUpdateAfter: r.snapshot.nextAfter, invitationsWaiting: r.snapshot.invitationsWaiting },
    // Added (issue 16): how many of those asked have answered, where the number asked is known; null otherwise or below k.
    responseRate: responseRateJson(r.responseRate),
  };
}

const responseRateJson = (x: ResponseRate | null) => (x ? { answered: x.answered, asked: x.asked, share: x.share, basis: x.basis, text: responseRateText(x) } : null);

/** The contract of GET /api/v1/results: the same, plus last year with the same filter (null when there was none). */
export function yearResultsJson(r: ResultsWithGoals<YearResults>) {
  return {
    ...resultsJson(r),
    previousYear: r.previous ? { year: r.previous.year, n: r.previous.n, partial: r.previous.partial, questions: questionsJson(r.previous) } : null,
  };
}

// ——— Pages ———

const kindLabels: Record<Question["kind"], string> = {
  frequency6: "Hur ofta, 1–6", scale6: "Skala 1–6", scale10: "Skala 1–10", yesno: "Ja eller nej", single: "Ett val", multi: "Flera val", text: "Fritext",
};

/** The figure a question is summed up by, and what it is called in the table. */
const mainMetric = (q: Question): Metric | null => (q.kind === "frequency6" ? "sharePositive" : q.kind === "yesno" ? "shareYes" : q.kind === "scale6" || q.kind === "scale10" ? "mean" : null);

/** Count and share of each value, formatted (distribution.pure.ts). */
function distribution(q: Question, r: QuestionResult) {
  return distributionOf(q, r).map((d) => ({ ...d, countText: formatInteger(d.count), shareText: formatPercent(d.share) }));
}

export type QuestionView = ReturnType<typeof questionView>;

/** A question's words for the summary table: whole, or cut after a word at about 60 characters with "…". */
export function shortText(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return `${text.slice(0, cut > 20 ? cut : max).replace(/[\s,.;:–-]+$/, "")} …`;
}

/** One question of a view, formatted, with last year's figure and the change when there is one. */
function questionView(q: Question, r: QuestionResult, prev: QuestionResult | undefined, prevYear: number | null) {
  const metric = mainMetric(q);
  const comparisons = metricsOf(q.kind).map((m) => {
    const now = r.suppressed ? null : r[m];
    const before = prev && !prev.suppressed ? prev[m] : null;
    return {
      label: metricLabels[m], now: r.suppressed ? SUPPRESSED_TEXT : formatMetric(m, now),
      before: !prev ? "–" : prev.suppressed ? SUPPRESSED_TEXT : formatMetric(m, before),
      change: formatChange(change(now, before), changeUnitOf(m)),
    };
  });
  return {
    id: q.id, number: questionNumber(q.id), text: tr(q.text, "sv"), shortText: shortText(tr(q.text, "sv")), kindLabel: kindLabels[q.kind], kind: q.kind,
    suppressed: r.suppressed, suppressedText: SUPPRESSED_TEXT,
    n: formatInteger(r.n), dontKnow: r.dontKnow === null ? null : formatInteger(r.dontKnow), dontKnowLabel: tr(dontKnowLabel, "sv"),
    mean: formatDecimal(r.mean), median: formatMedian(r.median),
    mainLabel: metric ? metricLabels[metric] : null,
    main: metric ? formatMetric(metric, r.suppressed ? null : r[metric]) : "–",
    previous: metric && prev ? (prev.suppressed ? SUPPRESSED_TEXT : formatMetric(metric, prev[metric])) : null,
    change: metric && prev ? formatChange(change(r.suppressed ? null : r[metric], prev.suppressed ? null : prev[metric]), changeUnitOf(metric)) : null,
    comparisons: prevYear === null ? [] : comparisons,
    distribution: distribution(q, r),
    isText: q.kind === "text",
    shareNote: q.kind === "multi" ? "Andel av dem som svarat på frågan; en person kan välja flera." : "Andel av dem som svarat (utan vet inte).",
  };
}

/** The data the chart script draws: only questions shown, only their counts per value. */
function chartData(questions: QuestionView[]) {
  return {
    charts: questions.filter((q) => !q.suppressed && !q.isText && q.distribution.length).map((q) => ({
      id: `chart-${q.id}`, title: `Fråga ${q.number}`, labels: q.distribution.map((d) => d.label), counts: q.distribution.map((d) => d.count),
    })),
  };
}

/** "24 svar, 6 olika." or, when the list is cut, which part of the answers it shows. */
function textCountText(lines: TextCount[], total: number): string {
  const shown = lines.reduce((a, t) => a + t.count, 0);
  const distinct = lines.length === 1 ? "1 formulering" : `${formatInteger(lines.length)} olika formuleringar`;
  if (shown < total) return `Visar de ${formatInteger(lines.length)} vanligaste formuleringarna: ${formatInteger(shown)} av ${formatInteger(total)} svar.`;
  return `${formatInteger(total)} svar, ${distinct}; likadana svar står en gång med antalet inom parentes.`;
}

function textGroupView(g: TextGroup) {
  const number = questionNumber(g.question.id);
  const heading = g.part === "answer" ? `Fråga ${number}: ${tr(g.question.text, "sv")}`
    : g.part === "comment" ? `Kommentarer till fråga ${number}` : `Fråga ${number}: ${tr(g.question.kind === "multi" ? g.question.other : undefined, "sv") || "Annat"}`;
  return {
    id: `fritext-${g.question.id}-${g.part}`, heading, suppressed: g.texts === null, suppressedText: SUPPRESSED_TEXT,
    texts: (g.texts ?? []).map((t) => ({ text: t.text, count: t.count > 1 ? `(${formatInteger(t.count)})` : "" })),
    countText: g.texts ? textCountText(g.texts, g.total) : "",
    someHidden: g.someHidden,
  };
}

type Names = { areas: Map<string, string>; interventions: Map<string, string> };
const namesOf = (org: Organisation): Names => ({ areas: new Map(org.areas.map((a) => [a.id, a.name])), interventions: new Map(org.interventions.map((i) => [i.id, i.name])) });
const groupLabel = (g: string | null | undefined) => (g ? respondentGroups[g as keyof typeof respondentGroups] ?? g : "");

/** Everything a results page shows below its heading. */
function resultsView(r: ResultsWithGoals<Results>) {
  const prev = r.previous;
  const questions = questionsOf(r.view.definition).map((q) => questionView(q, r.view.results[q.id], prev?.results[q.id], prev ? prev.year : null));
  return {
    k: r.k, n: formatInteger(r.view.n), partial: formatInteger(r.view.partial), nRaw: r.view.n,
    responseRate: r.responseRate ? { text: responseRateText(r.responseRate), basisText: r.responseRate.basisText } : null,
    snapshot: { released: formatInteger(r.snapshot.released), waiting: r.snapshot.waiting, nextAfter: formatInteger(r.snapshot.nextAfter), invitationsWaiting: r.snapshot.invitationsWaiting },
    questionnaireTitle: tr(r.view.definition.title, "sv"),
    // Which questions are Samspår's wording, not NNS's (issue 17): never presented as national figures.
    comparability: comparabilityNote(r.view.definition),
    previousYear: prev ? prev.year : null, previousN: prev ? formatInteger(prev.n) : null,
    questions,
    chartJson: JSON.stringify(chartData(questions)).replace(/</g, "\\u003c"),
    goals: r.goals.map(goalView),
    texts: r.texts.map(textGroupView),
    suppressedText: SUPPRESSED_TEXT,
  };
}

/** The page of one insamling. */
export function collectionResultsView(r: ResultsWithGoals<Results & { collection: Collection }>) {
  const c = r.collection, names = namesOf(r.org);
  return {
    ...resultsView(r),
    id: c.id, name: c.name, year: c.year,
    interventionName: c.interventionId ? names.interventions.get(c.interventionId) ?? "" : "",
    areaName: c.areaId ? names.areas.get(c.areaId) ?? "" : "",
    respondentGroup: groupLabel(c.respondentGroup),
    csvUrl: `/resultat/insamling/${c.id}.csv`,
  };
}

/** The year view's query string, for links (CSV) that keep the filter. */
export function filterQuery(f: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  return q.toString();
}

/** The year page. */
export function yearResultsView(r: ResultsWithGoals<YearResults>) {
  const names = namesOf(r.org), f = r.filter;
  return {
    ...resultsView(r),
    year: f.year,
    filterText: [
      f.interventionId ? `insats ${names.interventions.get(f.interventionId) ?? ""}` : "alla insatser",
      f.areaId ? `kommunområde ${names.areas.get(f.areaId) ?? ""}` : "alla kommunområden",
      f.respondentGroup ? `svarsgrupp ${groupLabel(f.respondentGroup)}` : "alla svarsgrupper",
    ].join(", "),
    collections: r.view.collections.map((c) => ({ id: c.id, name: c.name })),
    csvUrl: `/resultat/ar.csv?${filterQuery(f)}`,
  };
}

type Choice = { value: string; label: string };
const standardChoices = (): Choice[] => standardSurveys.map((d) => ({ value: d.id, label: tr(d.title, "sv") }));

/** The choices of the year view's filter form. */
export function filterChoices(o: { org: Organisation; areas: { id: string; name: string }[]; years: number[]; questionnaires?: Choice[] }, currentYear: number) {
  const years = [...new Set([...o.years, currentYear, currentYear - 1])].sort((a, b) => b - a);
  return {
    years: years.map((y) => ({ value: String(y), label: String(y) })),
    questionnaires: o.questionnaires ?? standardChoices(),
    interventions: o.org.interventions.map((i) => ({ value: i.id, label: i.name })),
    areas: o.areas.map((a) => ({ value: a.id, label: a.name })),
    respondentGroups: Object.entries(respondentGroups).map(([value, label]) => ({ value, label })),
  };
}

/** The list of insamlingar on /resultat, newest year first. */
export function overviewRows(list: Collection[], counts: Map<string, { finished: number; unfinished: number }>, org: Organisation) {
  const names = namesOf(org);
  return list.map((c) => ({
    id: c.id, name: c.name, year: c.year, questionnaireTitle: tr(c.definition.title, "sv"),
    interventionName: c.interventionId ? names.interventions.get(c.interventionId) ?? "" : "",
    areaName: c.areaId ? names.areas.get(c.areaId) ?? "" : "",
    finished: formatInteger(counts.get(c.id)?.finished ?? 0), unfinished: formatInteger(counts.get(c.id)?.unfinished ?? 0),
  }));
}

// ——— CSV (the one writer: reports/render/csv.ts) ———

/**
 * The figures of a view as CSV: a row per question (n, vet inte, mean, median, shares) followed by
 * a row per answer value (count and share). A suppressed question is one row saying so, nothing else.
 */
export function resultsCsv(view: View): string {
  const rows: CsvCell[][] = [[
    "Fråga", "Frågetext", "Svarsalternativ", "Antal", "Andel (%)", "Antal svar (n)", "Vet inte / ej aktuellt", "Medelvärde", "Median", "Andel ofta/för det mesta/alltid (%)", "Andel ja (%)",
  ]];
  for (const q of questionsOf(view.definition)) {
    const r = view.results[q.id], number = questionNumber(q.id), text = tr(q.text, "sv");
    if (r.suppressed) { rows.push([number, text, SUPPRESSED_TEXT, "", "", "", "", "", "", "", ""]); continue; }
    rows.push([number, text, "", "", "", r.n, r.dontKnow, decimal(r.mean, 2),
      decimal(r.median, 1), decimal(r.sharePositive === null ? null : r.sharePositive * 100, 1), decimal(r.shareYes === null ? null : r.shareYes * 100, 1)]);
    for (const d of distribution(q, r)) {
      rows.push([number, text, d.label, d.count, decimal(d.share === null ? null : d.share * 100, 1), "", "", "", "", "", ""]);
    }
  }
  return csvDocument(rows);
}
