/**
 * The reporting threshold k — the one place that decides what may be shown. Every output (page,
 * chart, API, free-text list, CSV, bilaga) goes through `isReportable`, directly or through the
 * helpers below. Below k: no counts, no mean, median or shares, no free text — "För få svar för att
 * redovisa". k is the förbund's setting (default 5), never below 3. Pure: no I/O.
 */
import type { QuestionKind } from "../../surveys/define.js";
import type { QuestionStats } from "./stats.js";

export const DEFAULT_K = 5;
export const MIN_K = 3;
/** What a reader sees instead of a suppressed figure, cell or free-text list. */
export const SUPPRESSED_TEXT = "För få svar för att redovisa";

/** The threshold actually used: the förbund's setting rounded down, never below 3; 5 when unset. */
export function effectiveK(k: number | null | undefined): number {
  if (k === null || k === undefined || !Number.isFinite(k)) return DEFAULT_K;
  return Math.max(MIN_K, Math.floor(k));
}

/** THE rule: a group of n answers may be shown when n ≥ k (k through effectiveK). */
export function isReportable(n: number | null | undefined, k: number | null | undefined): boolean {
  return typeof n === "number" && Number.isFinite(n) && n >= effectiveK(k);
}

/** A question's figures ready for output: either all figures (suppressed false) or none. */
export type QuestionResult =
  | (QuestionStats & { suppressed: false })
  | {
    kind: QuestionKind; suppressed: true;
    n: null; dontKnow: null; counts: null; mean: null; median: null; sharePositive: null; shareYes: null; options: null;
  };

/** The suppressed form of a question: its kind, and null for every figure and count. */
export const suppressedResult = (kind: QuestionKind): QuestionResult => ({
  kind, suppressed: true,
  n: null, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null,
});

/**
 * A question's figures through the threshold: shown in full when its n ≥ k, otherwise every figure
 * and count (n and dontKnow included) is null and `suppressed` is true. Outputs take QuestionResult,
 * never QuestionStats, so nothing reaches a reader without passing here.
 */
export function reportQuestion(stats: QuestionStats, k: number | null | undefined): QuestionResult {
  return isReportable(stats.n, k) ? { ...stats, suppressed: false } : suppressedResult(stats.kind);
}

/**
 * Free-text answers (or comments) of a question: the list when the question's n ≥ k, otherwise
 * null ("För få svar för att redovisa"). Masking personal data is the caller's job (privacy/pii.ts).
 */
export function reportableTexts<T>(n: number | null | undefined, texts: readonly T[], k: number | null | undefined): T[] | null {
  return isReportable(n, k) ? [...texts] : null;
}

export type BreakdownCell = { key: string; n: number };
export type BreakdownSuppression = {
  /** Every cell to suppress (primary and complementary). */
  suppressed: ReadonlySet<string>;
  /** Cells with n < k, in input order. */
  primary: string[];
  /** Cells with n ≥ k suppressed only so that the primary ones cannot be recovered (0 or 1 cell). */
  complementary: string[];
};

/**
 * Which cells of a breakdown (per insats, kommunområde, respondent group …) to suppress.
 *
 * 1. Primary: every cell with n < k (a cell with n = 0 too: it has nothing to show).
 * 2. Complementary, only when a total over the cells is shown (`hasTotal`): subtracting the shown
 *    cells from the total reveals the suppressed cells taken together, so that group must itself be
 *    0 or ≥ k. When the primary cells add up to 1 … k−1, the smallest shown cell is suppressed as
 *    well (ties: the first in input order). Every shown cell has n ≥ k, so one is always enough.
 *    This covers "one cell below k" and also two or more small cells that add up to less than k
 *    (1 + 2 with k = 5 would otherwise give away a group of 3); two primary cells adding up to ≥ k
 *    need no complement.
 *
 * Call it once per question with that question's n per cell: question n differ (conditions,
 * skipped questions), and a total of q7 minus the shown cells' q7 gives away the hidden cells' q7.
 * Cells should partition the total; answers outside every cell belong in a cell of their own
 * (e.g. "Utan kommunområde"). A total shown on another page (the unfiltered view) is a total too:
 * pass hasTotal = true whenever the cells' union is reported anywhere, and suppress the same cells
 * in the filtered views.
 */
export function suppressBreakdown(cells: readonly BreakdownCell[], k: number | null | undefined, hasTotal: boolean): BreakdownSuppression {
  const kk = effectiveK(k);
  const primary = cells.filter((c) => !isReportable(c.n, kk)).map((c) => c.key);
  const suppressed = new Set(primary);
  const complementary: string[] = [];
  const hidden = cells.filter((c) => suppressed.has(c.key)).reduce((sum, c) => sum + (Number.isFinite(c.n) ? c.n : 0), 0);
  if (hasTotal && hidden > 0 && hidden < kk) {
    let next: BreakdownCell | undefined;
    for (const c of cells) if (!suppressed.has(c.key) && (next === undefined || c.n < next.n)) next = c;
    if (next) { complementary.push(next.key); suppressed.add(next.key); }
  }
  return { suppressed, primary, complementary };
}

/**
 * A whole breakdown of one question through the threshold: each cell's result (suppressed when
 * suppressBreakdown says so) and the total's result (suppressed when its own n < k).
 */
export function reportBreakdown(
  cells: readonly { key: string; stats: QuestionStats }[],
  total: QuestionStats | null,
  k: number | null | undefined,
): { cells: { key: string; result: QuestionResult }[]; total: QuestionResult | null; suppression: BreakdownSuppression } {
  const suppression = suppressBreakdown(cells.map((c) => ({ key: c.key, n: c.stats.n })), k, total !== null);
  return {
    cells: cells.map((c) => ({
      key: c.key,
      result: suppression.suppressed.has(c.key) ? suppressedResult(c.stats.kind) : reportQuestion(c.stats, k),
    })),
    total: total === null ? null : reportQuestion(total, k),
    suppression,
  };
}

// ——— Complementary suppression over the views of a year ———

/** An insamling as a cell of the year's breakdowns: its value of each dimension, and n for one question. */
export type Cell = { id: string; dims: readonly (string | null)[]; n: number };
/** The key of a set of insamlingar: their ids, sorted. */
export const memberKey = (ids: Iterable<string>): string => [...ids].sort().join(",");

/**
 * The member sets (memberKey) whose figures of one question must be hidden, given that question's
 * n per insamling (`cells`, each with its value of every dimension). Every filter combination is a
 * view with a total; each is split into its insamlingar and, for each dimension it leaves open, into
 * the views one step finer; suppressBreakdown(hasTotal = true) decides every split. Sets with n < k
 * are included. Deterministic, so every page that can show a set decides it the same way.
 */
export function suppressedSets(cells: readonly Cell[], k: number | null | undefined): Set<string> {
  const flagged = new Set<string>();
  if (!cells.length) return flagged;
  const dims = cells[0].dims.length;
  const views = new Map<string, { mask: number; members: Cell[] }>();
  for (const c of cells) {
    for (let mask = 0; mask < 1 << dims; mask++) {
      const key = `${mask}:${c.dims.map((v, i) => (mask & (1 << i) ? JSON.stringify(v) : "*")).join(":")}`;
      if (!views.has(key)) views.set(key, { mask, members: [] });
      views.get(key)!.members.push(c);
    }
  }
  const split = (groups: Cell[][]) => {
    if (groups.length < 2) return;
    const s = suppressBreakdown(groups.map((g) => ({ key: memberKey(g.map((c) => c.id)), n: g.reduce((a, c) => a + c.n, 0) })), k, true);
    for (const key of s.suppressed) flagged.add(key);
  };
  for (const v of views.values()) {
    split(v.members.map((c) => [c]));
    for (let i = 0; i < dims; i++) {
      if (v.mask & (1 << i)) continue;
      const by = new Map<string | null, Cell[]>();
      for (const c of v.members) {
        if (!by.has(c.dims[i])) by.set(c.dims[i], []);
        by.get(c.dims[i])!.push(c);
      }
      split([...by.values()]);
    }
  }
  return flagged;
}
