/**
 * Exact statistics for one question, computed from the per-value counts that SQL returns
 * (`group by question, value`) — never from the answers themselves, so a million answers cost the
 * same as ten. Pure: no I/O, no clock. The rules (DESIGN.md "Statistics"):
 *
 * - n = answers that carry a value. "Vet inte / ej aktuellt" (stored 0) is counted apart as
 *   `dontKnow`; blanks and not-asked questions never reach the counts. Neither is part of any
 *   share, mean or median.
 * - share positive (frequency6) = (4 Ofta + 5 För det mesta + 6 Alltid) / (1 … 6).
 * - share yes (yesno) = ja / (ja + nej).
 * - mean = Σ value·count / n (one division); median = the middle value, or the mean of the two
 *   middle values when n is even (so 6,5 can happen), found by walking the cumulative counts.
 * - single: count and share (count / n) per option; multi: per option the share of the respondents
 *   who answered the question (the shares add up to more than 1).
 *
 * Shares are plain numbers in [0, 1], each one division of two integers, never rounded here: the
 * only rounding happens in format.ts. Because a division is correctly rounded, two shares that are
 * equal as fractions (7/10, 14/20) are the same number, so comparisons against thresholds are exact.
 */
import type { QuestionKind } from "../../surveys/define.js";

/** A count as a driver may hand it over: node-postgres returns `count(*)` (bigint) as a string. */
export type CountValue = number | bigint | string;
/** Counts keyed by the stored value ("1".."10", "0" = vet inte, "ja"/"nej", option codes). */
export type Counts = ReadonlyMap<string, CountValue> | Readonly<Record<string, CountValue>>;

/** The part of a question definition the statistics need; every `Question` from surveys/define.ts fits. */
export type StatsQuestion = {
  kind: QuestionKind;
  dontKnow?: boolean;
  options?: readonly { code: string }[];
  /** multi: the free "Annat" option, stored as the code "annat". */
  other?: unknown;
};

export type OptionStat = { code: string; count: number; share: number | null };

/** The raw figures of one question, before the reporting threshold is applied (see threshold.ts). */
export type QuestionStats = {
  kind: QuestionKind;
  /** Answers carrying a value (multi: respondents who chose at least one option; text: non-empty answers). */
  n: number;
  /** "Vet inte / ej aktuellt" answers; null for kinds without that choice. */
  dontKnow: number | null;
  /** Count per legal value, every value present (zeros included), "0" left out; null for text. */
  counts: Record<string, number> | null;
  /** frequency6, scale6, scale10; null when n = 0. */
  mean: number | null;
  median: number | null;
  /** frequency6 only. */
  sharePositive: number | null;
  /** yesno only. */
  shareYes: number | null;
  /** single and multi, in the definition's order. */
  options: OptionStat[] | null;
};

/** The figures a goal or a comparison can be about. */
export const metrics = ["sharePositive", "shareYes", "mean", "median"] as const;
export type Metric = (typeof metrics)[number];

/** Which metrics a question kind has (the others are null). */
export const metricsOf = (kind: QuestionKind): readonly Metric[] => {
  switch (kind) {
    case "frequency6": return ["sharePositive", "mean", "median"];
    case "scale6": case "scale10": return ["mean", "median"];
    case "yesno": return ["shareYes"];
    default: return [];
  }
};

const scaleMax: Partial<Record<QuestionKind, number>> = { frequency6: 6, scale6: 6, scale10: 10 };
/** frequency6 values counted as positive: Ofta, För det mesta, Alltid. */
export const POSITIVE_MIN = 4;

/** A count as a non-negative safe integer; anything else is a bug in the query, so it throws. */
export function toCount(v: CountValue | undefined | null): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`ogiltigt antal: ${String(v)}`);
  return n;
}

/** The counts as a Map of numbers (keys trimmed, duplicates added up). */
export function countMap(counts: Counts): Map<string, number> {
  const entries = counts instanceof Map ? [...counts.entries()] : Object.entries(counts as Record<string, CountValue>);
  const out = new Map<string, number>();
  for (const [k, v] of entries) {
    const key = String(k).trim();
    out.set(key, (out.get(key) ?? 0) + toCount(v));
  }
  return out;
}

/**
 * The value at 1-based position `p` of the answers sorted ascending, found from counts per value
 * (`counts[i]` answers of value `i + 1`) without expanding them.
 */
function valueAt(counts: readonly number[], p: number): number {
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i];
    if (cumulative >= p) return i + 1;
  }
  throw new RangeError("position utanför svaren");
}

/** Median from counts per value 1..max: the middle value, or the mean of the two middle ones. */
export function medianOfCounts(counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  if (n % 2 === 1) return valueAt(counts, (n + 1) / 2);
  return (valueAt(counts, n / 2) + valueAt(counts, n / 2 + 1)) / 2;
}

/** Mean from counts per value 1..max: Σ value·count / n, one division. */
export function meanOfCounts(counts: readonly number[]): number | null {
  let n = 0;
  let sum = 0;
  counts.forEach((c, i) => { n += c; sum += c * (i + 1); });
  return n === 0 ? null : sum / n;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const empty = (kind: QuestionKind): QuestionStats => ({
  kind, n: 0, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null,
});

/**
 * The figures of one question from its counts per stored value.
 *
 * - Keys that are not a legal value of the kind are ignored (answers were validated when stored,
 *   so this only drops values from an older definition, e.g. a removed option).
 * - `respondentsAnswered` is required for multi (respondents who chose at least one option, since
 *   one respondent gives several codes); for text it is the number of non-empty answers (when
 *   omitted, the sum of the counts); ignored for other kinds.
 * - Throws RangeError on a negative or non-integer count, or a multi option chosen by more
 *   respondents than answered — both mean the query is wrong.
 */
export function questionStats(question: StatsQuestion, counts: Counts, respondentsAnswered?: CountValue): QuestionStats {
  const byValue = countMap(counts);
  const kind = question.kind;
  switch (kind) {
    case "frequency6": case "scale6": case "scale10": {
      const max = scaleMax[kind]!;
      const perValue = Array.from({ length: max }, (_, i) => byValue.get(String(i + 1)) ?? 0);
      const n = perValue.reduce((a, b) => a + b, 0);
      const dk = byValue.get("0") ?? 0;
      const asksDontKnow = question.dontKnow ?? kind === "frequency6";
      const countsOut: Record<string, number> = {};
      perValue.forEach((c, i) => { countsOut[String(i + 1)] = c; });
      const positive = perValue.slice(POSITIVE_MIN - 1).reduce((a, b) => a + b, 0);
      return {
        ...empty(kind),
        n,
        dontKnow: asksDontKnow || dk > 0 ? dk : null,
        counts: countsOut,
        mean: meanOfCounts(perValue),
        median: medianOfCounts(perValue),
        sharePositive: kind === "frequency6" ? share(positive, n) : null,
      };
    }
    case "yesno": {
      const ja = byValue.get("ja") ?? 0;
      const nej = byValue.get("nej") ?? 0;
      return { ...empty(kind), n: ja + nej, counts: { ja, nej }, shareYes: share(ja, ja + nej) };
    }
    case "single": {
      const codes = (question.options ?? []).map((o) => o.code);
      const perCode = codes.map((code) => byValue.get(code) ?? 0);
      const n = perCode.reduce((a, b) => a + b, 0);
      return {
        ...empty(kind), n,
        counts: Object.fromEntries(codes.map((code, i) => [code, perCode[i]])),
        options: codes.map((code, i) => ({ code, count: perCode[i], share: share(perCode[i], n) })),
      };
    }
    case "multi": {
      if (respondentsAnswered === undefined) throw new TypeError("flerval behöver antalet som svarat på frågan");
      const n = toCount(respondentsAnswered);
      const codes = (question.options ?? []).map((o) => o.code).concat(question.other ? ["annat"] : []);
      const perCode = codes.map((code) => byValue.get(code) ?? 0);
      perCode.forEach((c, i) => {
        if (c > n) throw new RangeError(`${codes[i]} vald av ${c} men bara ${n} har svarat`);
      });
      return {
        ...empty(kind), n,
        counts: Object.fromEntries(codes.map((code, i) => [code, perCode[i]])),
        options: codes.map((code, i) => ({ code, count: perCode[i], share: share(perCode[i], n) })),
      };
    }
    case "text": {
      const n = respondentsAnswered !== undefined ? toCount(respondentsAnswered) : [...byValue.values()].reduce((a, b) => a + b, 0);
      return { ...empty(kind), n };
    }
  }
}

/** Change from the previous value (year on year); null when either is missing or suppressed. */
export const change = (current: number | null | undefined, previous: number | null | undefined): number | null =>
  current === null || current === undefined || previous === null || previous === undefined ? null : current - previous;
