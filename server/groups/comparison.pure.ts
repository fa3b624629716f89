/**
 * Förbund side by side — a group's comparison and the national view — and the total over them. Pure: figures in,
 * figures out.
 *
 * The threshold per column: each förbund's column is decided by that förbund's own reporting threshold k (the promise
 * it made to its respondents travels with its figures): a column whose year n < k shows nothing, and a question whose
 * n < k is hidden in that column (so is one the förbund's own results hide, e.g. by complementary suppression there).
 *
 * The total, and why nothing hidden can be worked out from it. Of the two rules the issue offers — leave a hidden cell
 * out of the total, or suppress a second cell — this takes the first: the total of a question is the sum of that
 * question's *shown* cells (their counts per value added, the figures computed from the sum), and the total's n is the
 * sum of the shown columns' n. Every figure on the page is then a sum of figures that are shown anyway, so "the total
 * minus the others" is 0 for every hidden cell, whatever a reader subtracts, in every group and in the national view
 * (they apply the same per-column rule to the same förbund figures). A second suppressed cell would hide a förbund's
 * shown figures to protect another's; leaving out hides nothing more than the threshold already hides. The total says
 * how many förbund it counts (`forbundCount`), per question too, so a reader sees when one is left out.
 */
import { isReportable, suppressedResult, type QuestionResult } from "../results/threshold.js";
import { questionStats, type StatsQuestion } from "../results/stats.js";
import { cells as outcomeCells, type Cell as OutcomeCell } from "../sharedinterventions/split.pure.js";

/** A question the comparison is about: its id and what the statistics need. */
export type ComparedQuestion = StatsQuestion & { id: string };

/** One förbund's figures as its own results give them (through its threshold), with its k. */
export type ColumnInput = {
  id: string;
  name: string;
  /** The förbund's effective reporting threshold. */
  k: number;
  /** Finished answers of the year (the questionnaires the column is based on). */
  n: number;
  questions: Readonly<Record<string, QuestionResult | undefined>>;
};

export type Column = {
  id: string;
  name: string;
  k: number;
  /** null when the whole column is hidden (n < k). */
  n: number | null;
  suppressed: boolean;
  questions: Record<string, QuestionResult>;
};

export type TotalQuestion = QuestionResult & { forbundCount: number };
export type Total = { n: number; forbundCount: number; questions: Record<string, TotalQuestion> };
export type Comparison = { columns: Column[]; total: Total };

/** Whether a cell may be shown in its column: the column is shown, the förbund's results show it, and its n ≥ the column's k. */
const shown = (r: QuestionResult | undefined, k: number): r is QuestionResult & { suppressed: false } =>
  r !== undefined && !r.suppressed && isReportable(r.n, k);

/** Counts per value added over cells (multi adds the respondents who answered, for its shares). */
function addCounts(cells: readonly (QuestionResult & { suppressed: false })[]): { counts: Map<string, number>; n: number } {
  const counts = new Map<string, number>();
  let n = 0;
  for (const c of cells) {
    n += c.n;
    for (const [value, count] of Object.entries(c.counts ?? {})) counts.set(value, (counts.get(value) ?? 0) + count);
  }
  return { counts, n };
}

/**
 * The columns through each förbund's threshold and the total over the shown cells. `inTotal` names the questions that
 * may enter the total (nationally: only questions whose wording is national); the others are shown per förbund only.
 * A free-text question has no figures to compare and is left out.
 */
export function compare(questions: readonly ComparedQuestion[], inputs: readonly ColumnInput[], inTotal: (id: string) => boolean = () => true): Comparison {
  const figured = questions.filter((q) => q.kind !== "text");
  const columns: Column[] = inputs.map((c) => {
    const whole = isReportable(c.n, c.k);
    const qs: Record<string, QuestionResult> = {};
    for (const q of figured) {
      const r = c.questions[q.id];
      qs[q.id] = whole && shown(r, c.k) ? r : suppressedResult(q.kind);
    }
    return { id: c.id, name: c.name, k: c.k, n: whole ? c.n : null, suppressed: !whole, questions: qs };
  });
  const total: Total = { n: 0, forbundCount: 0, questions: {} };
  for (const c of columns) if (!c.suppressed) { total.n += c.n!; total.forbundCount++; }
  for (const q of figured) {
    if (!inTotal(q.id)) continue;
    const cells = columns.map((c) => c.questions[q.id]).filter((r): r is QuestionResult & { suppressed: false } => !r.suppressed);
    if (!cells.length) { total.questions[q.id] = { ...suppressedResult(q.kind), forbundCount: 0 }; continue; }
    const sum = addCounts(cells);
    total.questions[q.id] = { ...questionStats(q, sum.counts, sum.n), dontKnow: sumDontKnow(cells), suppressed: false, forbundCount: cells.length };
  }
  return { columns, total };
}

/** "Vet inte" added over the shown cells (null when the kind has none). */
function sumDontKnow(cells: readonly QuestionResult[]): number | null {
  const known = cells.map((c) => c.dontKnow).filter((d): d is number => typeof d === "number");
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

// ——— The participant outcome tables per förbund (from the insatsrapporter) ———

export { outcomeCells, type OutcomeCell };

/** One förbund's year from its own insatsrapporter: its own participants, a shared insats's included as its own part. */
export type OutcomeColumnInput = {
  id: string;
  name: string;
  /** The förbund's threshold for these counts across förbund: its k, or its outcome threshold where that is higher. */
  threshold: number;
  reported: boolean;
  counts: Record<OutcomeCell, number>;
};
export type OutcomeColumn = Omit<OutcomeColumnInput, "counts"> & { counts: Record<OutcomeCell, number | null> };
export type OutcomeTotal = { counts: Record<OutcomeCell, number>; forbundCount: Record<OutcomeCell, number> };
export type OutcomeComparison = { columns: OutcomeColumn[]; total: OutcomeTotal };

/**
 * The outcome table side by side, by the same rule as the questions: a count from 1 to the column's threshold − 1 is
 * hidden in that column (0 and counts at or above it are shown), and the total of a row is the sum of its shown cells
 * only, with the number of förbund it counts. So the total minus the other columns gives 0 for a hidden cell, never
 * its count. The five counts of a column are not parts of one another's sums (avslutade to other reasons are not
 * printed), so no second cell in a column needs hiding.
 */
export function compareOutcomes(inputs: readonly OutcomeColumnInput[]): OutcomeComparison {
  const columns = inputs.map((c): OutcomeColumn => ({
    ...c, counts: Object.fromEntries(outcomeCells.map((k) => [k, c.counts[k] === 0 || c.counts[k] >= c.threshold ? c.counts[k] : null])) as Record<OutcomeCell, number | null>,
  }));
  const total: OutcomeTotal = { counts: {} as Record<OutcomeCell, number>, forbundCount: {} as Record<OutcomeCell, number> };
  for (const k of outcomeCells) {
    const shown = columns.filter((c) => c.reported && c.counts[k] !== null);
    total.counts[k] = shown.reduce((a, c) => a + c.counts[k]!, 0);
    total.forbundCount[k] = shown.length;
  }
  return { columns, total };
}
