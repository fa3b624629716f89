/**
 * What the comparison and the national view look like: the API's JSON (the contract of issue 20), the pages' rows
 * and the report model the shared renderers write as a bilaga (DOCX, XLSX, CSV, print HTML). Suppressed figures are
 * null in JSON and "För få svar för att redovisa" everywhere else.
 */
import type { QuestionResult } from "../results/threshold.js";
import { SUPPRESSED_TEXT } from "../results/threshold.js";
import { change, type Metric } from "../results/stats.js";
import { changeUnitOf, formatChange, formatDecimal, formatInteger, formatPercent, questionNumber } from "../results/format.js";
import { formatCell, type ReportModel, type ReportSection, type ReportTable, type Cell, type ColumnKind } from "../reports/service.js";
import { questionsOf, respondentGroups, tr, type Definition, type Question } from "../../surveys/define.js";
import { outcomeCells, type Column, type Comparison, type Total } from "./comparison.pure.js";
import type { GroupComparison, GroupOutcomes, NationalView } from "./service.js";
import { cellLabels } from "../sharedinterventions/split.pure.js";

// ——— JSON ———

/** A question's figures in the API: what the kind lacks and everything suppressed is null. */
const figuresJson = (r: QuestionResult) => ({
  kind: r.kind, n: r.n, sharePositive: r.sharePositive, shareYes: r.shareYes, mean: r.mean, median: r.median, suppressed: r.suppressed,
});
const columnJson = (c: Column) => ({
  id: c.id, name: c.name, n: c.n, suppressed: c.suppressed,
  questions: Object.fromEntries(Object.entries(c.questions).map(([id, r]) => [id, figuresJson(r)])),
});
const totalJson = (t: Total) => ({
  n: t.n, forbundCount: t.forbundCount,
  questions: Object.fromEntries(Object.entries(t.questions).map(([id, r]) => [id, { ...figuresJson(r), forbundCount: r.forbundCount }])),
});

/** The participant outcome table in the API: a hidden count is null; the total of a row is the sum of its shown cells. */
export const outcomesJson = (o: GroupOutcomes) => ({
  forbund: o.columns.map((c) => ({ id: c.id, name: c.name, reported: c.reported, threshold: c.threshold, ...c.counts, sharedInterventions: o.sharedInterventions[c.id] ?? [] })),
  total: { ...o.total.counts, forbundCount: o.total.forbundCount },
});

/** The contract of GET /api/v1/groups/:id/comparison (outcomes added to it: issue 20's participant outcome tables). */
export function comparisonJson(c: GroupComparison) {
  return {
    group: { id: c.group.id, name: c.group.name }, questionnaire: c.definition.id, year: c.year,
    forbund: c.columns.map((col) => ({ ...columnJson(col), goals: c.goals[col.id] ?? [] })), total: totalJson(c.total),
    outcomes: outcomesJson(c.outcomes),
  };
}

const OUTCOME_HIDDEN = "För få för att redovisa";

/** The outcome table for the page and the bilaga: a row per count, a column per förbund, then the total. */
export function outcomeTable(c: GroupComparison): ReportTable & { notes: string[] } {
  const o = c.outcomes;
  return {
    caption: `Deltagare i insatserna ${c.year}, förbund för förbund (ur insatsrapporterna)`,
    head: ["Uppgift", ...o.columns.map((col) => col.name), "Totalt"], kinds: ["text", ...o.columns.map((): ColumnKind => "integer"), "integer"],
    rows: outcomeCells.map((k): Cell[] => [
      cellLabels[k],
      ...o.columns.map((col): Cell => (!col.reported ? "Ingen rapport" : col.counts[k] === null ? OUTCOME_HIDDEN : col.counts[k])),
      o.total.counts[k],
    ]),
    notes: [
      ...o.columns.filter((col) => (o.sharedInterventions[col.id] ?? []).length)
        .map((col) => `${col.name}: ${o.sharedInterventions[col.id].join(", ")} är delade insatser; här ingår bara ${col.name}s egna deltagare, så att varje deltagare räknas en gång.`),
      "Ett antal under förbundets gräns visas inte, och totalen är summan av de antal som visas.",
    ],
  };
}

/** The main figures of a question, for a change from last year. */
const changeMetrics: Metric[] = ["sharePositive", "shareYes", "mean", "median"];

/** GET /api/v1/national/indicators: the förbund, the aggregate, last year's and the change (only between shown figures). */
export function nationalJson(v: NationalView) {
  const changes: Record<string, Partial<Record<Metric, number | null>>> = {};
  for (const [id, r] of Object.entries(v.total.questions)) {
    const p = v.previous?.questions[id];
    changes[id] = Object.fromEntries(changeMetrics.filter((m) => r[m] !== null || (p && p[m] !== null)).map((m) => [m, change(r[m], p?.[m])]));
  }
  return {
    questionnaire: v.definition.id, version: v.definition.version, respondentGroup: v.definition.respondentGroup, year: v.year,
    forbundCount: v.total.forbundCount, questionnaires: v.total.n,
    forbund: v.columns.map(columnJson), total: totalJson(v.total),
    previousYear: v.previous ? { year: v.year - 1, ...totalJson(v.previous) } : null,
    change: changes, localOnly: v.localOnly,
  };
}

// ——— Pages and the bilaga ———

/** The figure a question kind is summed up by. */
const mainMetric = (q: Question): Metric | null =>
  q.kind === "frequency6" ? "sharePositive" : q.kind === "yesno" ? "shareYes" : q.kind === "scale6" || q.kind === "scale10" ? "mean" : null;

function figureText(r: QuestionResult | undefined, metric: Metric | null): string {
  if (!r || r.suppressed) return SUPPRESSED_TEXT;
  const value = metric === null ? null : r[metric];
  const main = metric === "sharePositive" || metric === "shareYes" ? formatPercent(value) : metric === "mean" ? formatDecimal(value) : null;
  return main === null ? `n = ${formatInteger(r.n)}` : `${main} (n = ${formatInteger(r.n)})`;
}

const metricNames: Record<Metric, string> = { sharePositive: "andel positiva", shareYes: "andel ja", mean: "medelvärde", median: "median" };
const compared = (def: Definition) => questionsOf(def).filter((q) => q.kind !== "text");

/** The comparison as a table for a page: one row per question, one column per förbund and the total. */
export function comparisonRows(c: Comparison & { definition: Definition; previous?: Total | null }) {
  return compared(c.definition).map((q) => {
    const metric = mainMetric(q);
    const total = c.total.questions[q.id];
    const prev = c.previous?.questions[q.id];
    return {
      id: q.id, number: questionNumber(q.id), text: tr(q.text, "sv"), metric: metric ? metricNames[metric] : "antal svar",
      cells: c.columns.map((col) => figureText(col.questions[q.id], metric)),
      total: total ? figureText(total, metric) : "Bara per förbund",
      totalCount: total ? total.forbundCount : null,
      previous: c.previous === undefined ? null : prev ? figureText(prev, metric) : "–",
      change: metric && total && prev ? formatChange(change(total[metric], prev[metric]), changeUnitOf(metric)) : "–",
    };
  });
}

/** The förbund's columns as a page lists them: name and number of answers (or that there are too few). */
export const columnHeads = (c: Comparison) =>
  c.columns.map((col) => ({ name: col.name, nText: col.suppressed ? SUPPRESSED_TEXT : `${formatInteger(col.n)} svar` }));

const RULES = (c: Comparison) => [
  "Varje förbunds kolumn redovisas med förbundets egen rapporteringsgräns: en fråga med färre svar än gränsen visas inte (”För få svar för att redovisa”), och inte heller ett förbunds hela kolumn med färre svar än gränsen.",
  "Totalen är summan av de celler som visas: en dold cell ingår inte i totalen, så att inget dolt förbunds siffror kan räknas fram ur totalen minus de andra. Totalen säger hur många förbund den bygger på.",
  `Rapporteringsgränser i jämförelsen: ${[...new Set(c.columns.map((col) => col.k))].sort((a, b) => a - b).join(", ") || "–"} svar.`,
  "Andel positiva = (Ofta + För det mesta + Alltid) / (Aldrig … Alltid); ”Vet inte / ej aktuellt” ingår inte. Andel ja = ja / (ja + nej).",
];

/** One table per figure (share, mean, median, n): rows are questions, columns the förbund and the total. */
function figureTables(c: Comparison, def: Definition, caption: string, inTotal: (id: string) => boolean): ReportTable[] {
  const qs = compared(def);
  const head = ["Fråga", ...c.columns.map((col) => col.name), "Totalt"];
  const cellOf = (r: QuestionResult | undefined, pick: (r: QuestionResult) => number | null): Cell => (!r || r.suppressed ? SUPPRESSED_TEXT : pick(r));
  const table = (title: string, kind: ColumnKind, rows: Question[], pick: (r: QuestionResult) => number | null): ReportTable => ({
    caption: `${caption}: ${title}`, head, kinds: ["text", ...c.columns.map(() => kind), kind],
    rows: rows.map((q) => [
      `${questionNumber(q.id)}. ${tr(q.text, "sv")}`,
      ...c.columns.map((col) => cellOf(col.questions[q.id], pick)),
      inTotal(q.id) ? cellOf(c.total.questions[q.id], pick) : "Bara per förbund",
    ]),
  });
  const shares = qs.filter((q) => q.kind === "frequency6" || q.kind === "yesno");
  const scales = qs.filter((q) => q.kind === "frequency6" || q.kind === "scale6" || q.kind === "scale10");
  return [
    ...(shares.length ? [table("andel positiva (ja)", "percent", shares, (r) => r.sharePositive ?? r.shareYes)] : []),
    ...(scales.length ? [table("medelvärde", "decimal", scales, (r) => r.mean)] : []),
    ...(scales.length ? [table("median", "median", scales, (r) => r.median)] : []),
    table("antal svar", "integer", qs, (r) => r.n),
  ];
}

/**
 * The same figures turned: one row per förbund and the total, one column per question. The national view has some 75
 * förbund and ten questions; with the förbund as columns the Word pages held 77 columns a few millimetres wide, so
 * nationally each förbund is a row (the questions' words are in a key table above: a header holds only the number).
 */
function forbundRowTables(c: Comparison, def: Definition, caption: string, inTotal: (id: string) => boolean): ReportTable[] {
  const qs = compared(def);
  const cellOf = (r: QuestionResult | undefined, pick: (r: QuestionResult) => number | null): Cell => (!r || r.suppressed ? SUPPRESSED_TEXT : pick(r));
  const table = (title: string, kind: ColumnKind, cols: Question[], pick: (r: QuestionResult) => number | null): ReportTable => ({
    caption: `${caption}: ${title}`, head: ["Förbund", ...cols.map((q) => `Fråga ${questionNumber(q.id)}`)], kinds: ["text", ...cols.map(() => kind)],
    rows: [
      ...c.columns.map((col): Cell[] => [col.name, ...cols.map((q) => cellOf(col.questions[q.id], pick))]),
      ["Totalt", ...cols.map((q) => (inTotal(q.id) ? cellOf(c.total.questions[q.id], pick) : "Bara per förbund"))],
    ],
  });
  const shares = qs.filter((q) => q.kind === "frequency6" || q.kind === "yesno");
  const scales = qs.filter((q) => q.kind === "frequency6" || q.kind === "scale6" || q.kind === "scale10");
  const key: ReportTable = {
    caption: "Frågorna i tabellerna", head: ["Fråga", "Formulering", "I den nationella summan"],
    rows: qs.map((q) => [`Fråga ${questionNumber(q.id)}`, tr(q.text, "sv"), inTotal(q.id) ? "Ja" : "Nej, bara per förbund"]),
  };
  return [
    key,
    ...(shares.length ? [table("andel positiva (ja)", "percent", shares, (r) => r.sharePositive ?? r.shareYes)] : []),
    ...(scales.length ? [table("medelvärde", "decimal", scales, (r) => r.mean)] : []),
    ...(scales.length ? [table("median", "median", scales, (r) => r.median)] : []),
    table("antal svar", "integer", qs, (r) => r.n),
  ];
}

/**
 * The national page, turned as the national exports are (some 75 förbund would be 75 columns side by side): a key
 * of the questions with the national total, last year's and the change, then one table per figure with a row per
 * förbund (its number of answers, or that they are too few, in the row head) and the total as the last row. Cells are written as printed.
 */
export function nationalPage(v: NationalView) {
  const inTotal = (id: string) => id in v.total.questions;
  const key = comparisonRows(v).map((r) => ({ ...r, inTotal: inTotal(r.id) }));
  const figures = forbundRowTables(v, v.definition, `${tr(v.definition.title, "sv")} ${v.year}`, inTotal).slice(1).map((t) => ({
    caption: t.caption, head: t.head,
    rows: t.rows.map((row, i) => ({
      name: String(row[0]), answers: i >= v.columns.length ? `${formatInteger(v.total.n)} svar` : v.columns[i].suppressed ? SUPPRESSED_TEXT : `${formatInteger(v.columns[i].n)} svar`,
      cells: row.slice(1).map((cell, j) => formatCell(cell, t.kinds?.[j + 1] ?? "text")),
    })),
  }));
  return { key, figures };
}

const basisTable = (c: Comparison, caption: string): ReportTable => ({
  caption, head: ["Förbund", "Antal besvarade enkäter"], kinds: ["text", "integer"],
  rows: [...c.columns.map((col): Cell[] => [col.name, col.suppressed ? SUPPRESSED_TEXT : col.n]), ["Totalt", c.total.n]],
});

/** One row per förbund and goal; a förbund without such goals says so. */
export const goalRows = (c: GroupComparison): Cell[][] => c.columns.flatMap((col): Cell[][] => {
  const lines = c.goals[col.id] ?? [];
  if (col.suppressed) return [[col.name, "–", SUPPRESSED_TEXT]];
  return lines.length ? lines.map((g) => [col.name, g.rule ?? "Bedömt för hand", g.label]) : [[col.name, "Inga mål för enkäten", "–"]];
});

/** A group's comparison as a bilaga. */
export function comparisonModel(c: GroupComparison): ReportModel {
  const title = tr(c.definition.title, "sv");
  const basis = `Jämförelsen bygger på ${formatInteger(c.total.forbundCount)} förbund och ${formatInteger(c.total.n)} besvarade enkäter. ` +
    `${formatInteger(c.columns.length)} av gruppens ${formatInteger(c.members)} förbund delar ${title} ${c.year} med gruppen.`;
  const { notes, ...outcomes } = outcomeTable(c);
  const sections: ReportSection[] = [
    { heading: "Underlag", paragraphs: [basis], tables: [basisTable(c, `Besvarade enkäter per förbund ${c.year}`)] },
    { heading: "Frågorna förbund för förbund", paragraphs: [], tables: figureTables(c, c.definition, `${title} ${c.year}`, () => true) },
    { heading: "Deltagare i insatserna per förbund", paragraphs: ["Varje förbunds egna insatsrapporter för året, summerade över dess insatser."], tables: [outcomes], notes },
    {
      heading: "Måluppfyllelse",
      paragraphs: ["Varje förbunds egna mål för enkäten i hela förbundet, bedömda som på förbundets egen målsida."],
      tables: [{
        caption: `Mål för ${title} ${c.year} per förbund`, head: ["Förbund", "Mål", "Bedömning"],
        rows: goalRows(c),
      }],
    },
  ];
  return { title: `Jämförelse ${c.group.name}: ${title} ${c.year}`, subtitle: c.group.name, year: c.year, sections, rules: RULES(c) };
}

/** The national view as a report (NNS's yearly indicator report, live). */
export function nationalModel(v: NationalView): ReportModel {
  const title = tr(v.definition.title, "sv");
  const inTotal = (id: string) => id in v.total.questions;
  const qs = compared(v.definition).filter((q) => inTotal(q.id));
  const aggregate: ReportTable = {
    caption: `Nationellt ${v.year} jämfört med ${v.year - 1}`,
    head: ["Fråga", "Mått", `${v.year}`, `${v.year - 1}`, "Förändring", "Antal förbund", "Antal svar"],
    kinds: ["text", "text", "text", "text", "text", "integer", "integer"],
    rows: qs.map((q) => {
      const metric = mainMetric(q);
      const now = v.total.questions[q.id];
      const prev = v.previous?.questions[q.id];
      return [
        `${questionNumber(q.id)}. ${tr(q.text, "sv")}`, metric ? metricNames[metric] : "antal svar",
        figureText(now, metric), prev ? figureText(prev, metric) : "–",
        metric && prev ? formatChange(change(now[metric], prev[metric]), changeUnitOf(metric)) : "–",
        now.forbundCount, now.suppressed ? SUPPRESSED_TEXT : now.n,
      ];
    }),
  };
  const basis = `Sammanställningen bygger på ${formatInteger(v.total.forbundCount)} förbund och ${formatInteger(v.total.n)} besvarade enkäter ` +
    `(${respondentGroups[v.definition.respondentGroup]}, ${v.year})` +
    (v.previous ? `; ${v.year - 1}: ${formatInteger(v.previous.forbundCount)} förbund och ${formatInteger(v.previous.n)} besvarade enkäter.` : "; inget förbund delade året innan.");
  const notes = v.localOnly.length
    ? [`Frågorna ${v.localOnly.map(questionNumber).join(", ")} är helt eller delvis Samspårs formulering, inte NNS nationella text: de redovisas bara per förbund och ingår inte i den nationella summan.`]
    : [];
  return {
    title: `Indikatorer nationellt: ${title} ${v.year}`, subtitle: "Förbund som delar sina siffror nationellt", year: v.year,
    sections: [
      { heading: "Underlag", paragraphs: [basis], tables: [basisTable(v, `Besvarade enkäter per förbund ${v.year}`)] },
      { heading: "Nationellt", paragraphs: [], tables: [aggregate], notes },
      { heading: "Förbund för förbund", paragraphs: [], tables: forbundRowTables(v, v.definition, `${title} ${v.year}`, inTotal) },
    ],
    rules: RULES(v),
  };
}

