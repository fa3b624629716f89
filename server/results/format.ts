/**
 * Swedish presentation of figures, in one place: `7,9`, `94 %`, `6,5`, `12 345`, `−5 procentenheter`.
 *
 * - Decimal comma; thousands grouped with U+202F NARROW NO-BREAK SPACE (the "thin space", which
 *   also keeps a number on one line); every group, four-digit numbers too, so tables align.
 * - Percent: U+00A0 NO-BREAK SPACE before "%" (Swedish writes a space, and it must not wrap).
 * - Negative numbers with the real minus sign U+2212 "−"; changes carry "+" or "−", zero none.
 * - Rounding half away from zero (half-up for positive figures: 94,5 % → "95 %", 7,85 → "7,9").
 *   Figures are quotients of integers computed in floating point (189/200 is 0.94499999… in
 *   binary); scaling then normalising to 12 significant digits before rounding recovers the exact
 *   decimal, so a half is always rounded up. This is exact for a figure p/q with q ≤ 10⁸ (a quotient
 *   that is not a tie lies at least 1/(2q) from one), far beyond any förbund's answer counts.
 * - Missing or suppressed (null/undefined/NaN) → "–" (U+2013 EN DASH).
 */
import type { Metric } from "./stats.js";

export const THIN_SPACE = "\u202F";
export const NBSP = "\u00A0";
export const MINUS = "\u2212";
export const MISSING = "\u2013";

const missing = (x: number | null | undefined): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

/** |x|·10^decimals rounded half up to an integer, robust to binary error (see above). */
function scaledRound(absX: number, decimals: number): number {
  const scaled = Number((absX * 10 ** decimals).toPrecision(12));
  return Math.floor(scaled + 0.5);
}

/** x rounded half away from zero to `decimals` decimals, the same rounding every format here uses. */
export function roundHalfUp(x: number, decimals = 0): number {
  const r = scaledRound(Math.abs(x), decimals) / 10 ** decimals;
  return x < 0 && r !== 0 ? -r : r;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
}

/** The Swedish form of x with exactly `decimals` decimals; sign "−" (or "+" when `plus`), none for zero. */
function fixed(x: number, decimals: number, plus = false): string {
  const r = scaledRound(Math.abs(x), decimals);
  const digits = String(r).padStart(decimals + 1, "0");
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const sign = r === 0 ? "" : x < 0 ? MINUS : plus ? "+" : "";
  return sign + groupThousands(int) + (decimals > 0 ? "," + frac : "");
}

/** `formatDecimal(7.9)` → "7,9"; `formatDecimal(7)` → "7,0"; `formatDecimal(1234.56, 2)` → "1 234,56". */
export function formatDecimal(x: number | null | undefined, decimals = 1): string {
  return missing(x) ? MISSING : fixed(x, decimals);
}

/** A share in [0, 1] as a whole percent: `formatPercent(0.94)` → "94 %"; `(0.945)` → "95 %". */
export function formatPercent(share: number | null | undefined, decimals = 0): string {
  return missing(share) ? MISSING : `${fixed(share * 100, decimals)}${NBSP}%`;
}

/** A count: `formatInteger(12345)` → "12 345" (thin space); rounds a non-integer half up. */
export function formatInteger(x: number | null | undefined): string {
  return missing(x) ? MISSING : fixed(x, 0);
}

/** A median: a whole number as is (`7` → "7"), a half with one decimal (`6.5` → "6,5"). */
export function formatMedian(x: number | null | undefined): string {
  if (missing(x)) return MISSING;
  return Number.isInteger(x) ? fixed(x, 0) : fixed(x, 1);
}

/** A metric the way it is shown everywhere: shares as percent, mean with one decimal, median as above. */
/** How a metric of the answers is named: in the results table and in a goal's rule. */
export const metricLabels: Record<Metric, string> = {
  sharePositive: "Andel ofta/för det mesta/alltid",
  shareYes: "Andel ja",
  mean: "Medelvärde",
  median: "Median",
};

/** "q9a" → "9a", the printed numbering of a question. */
export const questionNumber = (id: string): string => id.replace(/^q/, "");

export function formatMetric(metric: Metric, value: number | null | undefined): string {
  switch (metric) {
    case "sharePositive": case "shareYes": return formatPercent(value);
    case "mean": return formatDecimal(value);
    case "median": return formatMedian(value);
  }
}

/**
 * A threshold or other given number, with as many decimals as it has (up to 4), no trailing zeros:
 * `formatExact(7)` → "7", `formatExact(7.25)` → "7,25"; with `percent`, a share: `(0.7, true)` → "70 %",
 * `(0.755, true)` → "75,5 %". Used for goal rules, where rounding would misstate the rule.
 */
export function formatExact(x: number | null | undefined, percent = false): string {
  if (missing(x)) return MISSING;
  const v = percent ? x * 100 : x;
  let d = 0;
  while (d < 4 && scaledRound(Math.abs(v), d) / 10 ** d !== Number(Math.abs(v).toPrecision(12))) d++;
  return percent ? `${fixed(v, d)}${NBSP}%` : fixed(v, d);
}

export type ChangeUnit = "percent" | "decimal" | "median" | "integer";

/** How the change of a metric is written: shares in percentage points, means in decimals, medians as medians. */
export const changeUnitOf = (metric: Metric): ChangeUnit =>
  metric === "mean" ? "decimal" : metric === "median" ? "median" : "percent";

/**
 * A change (current − previous, computed from the exact figures, not from the rounded ones) with
 * its sign: "percent" is a difference of shares in whole percentage points ("+5 procentenheter",
 * "−1 procentenhet", "0 procentenheter"); "decimal" one decimal ("+0,3", "−0,3", "0,0");
 * "median" like a median ("+0,5", "−1", "0"); "integer" a count ("+12", "−3", "0").
 * Because it is exact, it can differ by one from the difference of the two rounded figures
 * (94,4 % and 88,6 % give "+6 procentenheter" though the figures read 94 % and 89 %).
 */
export function formatChange(delta: number | null | undefined, unit: ChangeUnit): string {
  if (missing(delta)) return MISSING;
  switch (unit) {
    case "percent": {
      const text = fixed(delta * 100, 0, true);
      return `${text}${NBSP}${text.replace(/^[+−]/, "") === "1" ? "procentenhet" : "procentenheter"}`;
    }
    case "decimal": return fixed(delta, 1, true);
    case "median": return fixed(delta, Number.isInteger(delta) ? 0 : 1, true);
    case "integer": return fixed(delta, 0, true);
  }
}
