/**
 * Stegförflyttning of a shared insats (issue 20): the whole, as one förbund may see it. Each förbund records the
 * movements of its own participants; the whole is the sum of every förbund's matrix. The viewer knows its own matrix
 * exactly, so the whole tells it exactly the others' sum (whole − own): a cell of the whole is shown only where that
 * sum's cell is shown under the others' threshold, with the complementary cells of outcome-threshold.pure.ts (a row,
 * a column or the total that would tell a hidden cell is hidden too). Like split.pure.ts, the others' threshold is the
 * largest of theirs: each förbund's reporting threshold k, or its outcome threshold where that is higher.
 */
import { hiddenCounts, matrixCells } from "../interventionreports/outcome-threshold.pure.js";
import { categories, type Matrix } from "./movements.pure.js";

/** A matrix as shown: a hidden count is null. Row sums under `sum`, column sums and the total apart. */
export type ShownMatrix = {
  cells: Record<string, Record<string, number | null>>;
  rowSums: Record<string, number | null>;
  columnSums: Record<string, number | null>;
  total: number | null;
};

export type OtherPart = { matrix: Matrix | null; threshold: number };

const add = (ms: readonly (Matrix | null)[]): Matrix => {
  const out: Record<string, Record<string, number>> = {};
  for (const m of ms) {
    for (const from of categories) {
      for (const to of categories) {
        const n = m?.[from]?.[to] ?? 0;
        if (n) (out[from] ??= {})[to] = (out[from][to] ?? 0) + n;
      }
    }
  }
  return out as Matrix;
};

/** The sum of several matrices (cells over 0). */
export const sumMatrices = add;

/**
 * The whole of a shared insats's matrix for a viewer that knows `own`: every cell, row and column sum and the total,
 * null where the others' part of it is hidden. `hiddenAny` says whether anything is hidden (then the whole's effect,
 * a sum of count × amount, is hidden too).
 */
export function wholeMatrix(own: Matrix | null, others: readonly OtherPart[]): ShownMatrix & { hiddenAny: boolean } {
  const rest = add(others.map((o) => o.matrix));
  const threshold = Math.max(0, ...others.map((o) => o.threshold));
  const { values, lines } = matrixCells("o", rest, categories);
  const hidden = threshold ? hiddenCounts(values, lines, threshold) : new Set<string>();
  const whole = add([own, rest]);
  const v = (f: string, t: string) => whole[f as keyof Matrix]?.[t as keyof Matrix[keyof Matrix]] ?? 0;
  const show = (key: string, n: number) => (hidden.has(`o.${key}`) ? null : n);
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return {
    cells: Object.fromEntries(categories.map((f) => [f, Object.fromEntries(categories.map((t) => [t, show(`${f}.${t}`, v(f, t))]))])),
    rowSums: Object.fromEntries(categories.map((f) => [f, show(`${f}.sum`, sum(categories.map((t) => v(f, t))))])),
    columnSums: Object.fromEntries(categories.map((t) => [t, show(`col.${t}`, sum(categories.map((f) => v(f, t))))])),
    total: show("all", sum(categories.flatMap((f) => categories.map((t) => v(f, t))))),
    hiddenAny: hidden.size > 0,
  };
}
