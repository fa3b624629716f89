/**
 * The förbund's threshold for the insatser's counts (forbund.outcome_threshold, issue 19), pure.
 * The counts are people counted by the insats, not anonymous answers, so they are shown even when
 * small; a förbund that sets a threshold T gets them hidden:
 *
 * - primary: every count with 0 < n < T (a 0 reveals nobody and is shown);
 * - complementary: the counts are printed beside their sums (kvinnor + män + annat = deltagare, the
 *   reasons = avslutade, the insatser = förbundet totalt, a matrix row = its Summa). For every such
 *   line (parts → total) the hidden cells must not be derivable: never exactly one hidden cell in a
 *   line, and when the total is shown the hidden parts add up to 0 or at least T (their sum, total −
 *   the shown parts, is itself a count). Where a line breaks that, the smallest other non-zero part
 *   is hidden too (the figure that tells least), or the total when there is no such part; repeated
 *   until every line holds, since hiding a cell can break another line it is in.
 *
 * Cells are named by keys the caller chooses ("<insats>.participants.women"); the same key in many
 * tables is one cell, so every table and format hides the same ones.
 */
import { ageBands, genders, reasons, referrers, type ReportCounts } from "./outcomes.pure.js";

/** total = the sum of parts. */
export type Line = { parts: readonly string[]; total: string };

/** The printed word for a hidden count; the bilaga explains it under the table. */
export const HIDDEN = "dolt";

/** The keys to hide: the primary (0 < n < threshold) and the complementary cells (see the file comment). */
export function hiddenCounts(values: ReadonlyMap<string, number>, lines: readonly Line[], threshold: number): Set<string> {
  const v = (k: string) => values.get(k) ?? 0;
  const hidden = new Set([...values].filter(([, n]) => n > 0 && n < threshold).map(([k]) => k));
  for (let changed = true; changed;) {
    changed = false;
    for (const l of lines) {
      const hiddenParts = l.parts.filter((p) => hidden.has(p));
      const totalHidden = hidden.has(l.total);
      const hiddenSum = hiddenParts.reduce((a, p) => a + v(p), 0);
      const exposed = totalHidden
        ? hiddenParts.length === 0 && v(l.total) > 0
        : hiddenParts.length === 1 || (hiddenSum > 0 && hiddenSum < threshold);
      if (!exposed) continue;
      const candidates = l.parts.filter((p) => !hidden.has(p) && v(p) > 0).sort((a, b) => v(a) - v(b) || (a < b ? -1 : 1));
      const pick = candidates[0] ?? (totalHidden ? undefined : l.total);
      if (pick === undefined) continue; // nothing left to hide: every part is 0 or hidden
      hidden.add(pick);
      changed = true;
    }
  }
  return hidden;
}

const total3 = (prefix: string) => genders.map((g) => `${prefix}.${g}`);

/**
 * One insatsrapport's counts as cells and lines, every key prefixed (the insats's id, or "total" for
 * the förbund's sum). Keys: participants|newParticipants|finishedTotal|efterstod|toWorkOrStudies.<gender|total>,
 * finished.<reason>.<gender|total>, otherReasons.total, ages.<band>.<gender|total>, referrals.<referrer|total>, aterremisser.
 */
export function countCells(prefix: string, c: ReportCounts): { values: Map<string, number>; lines: Line[] } {
  const values = new Map<string, number>(), lines: Line[] = [];
  const k = (...parts: string[]) => [prefix, ...parts].join(".");
  const split = (name: string, s: { women: number; men: number; other: number }) => {
    for (const g of genders) values.set(k(name, g), s[g]);
    values.set(k(name, "total"), s.women + s.men + s.other);
    lines.push({ parts: total3(k(name)), total: k(name, "total") });
  };
  split("participants", c.participants);
  split("newParticipants", c.newParticipants);
  split("efterstod", c.efterstod);
  const zero = { women: 0, men: 0, other: 0 };
  for (const r of reasons) split(`finished.${r}`, c.finished[r] ?? zero);
  const finished = c.finishedTotal ?? Object.fromEntries(genders.map((g) => [g, reasons.reduce((a, r) => a + (c.finished[r]?.[g] ?? 0), 0)])) as typeof zero;
  split("finishedTotal", finished);
  const toWork = Object.fromEntries(genders.map((g) => [g, c.finished.arbete[g] + c.finished.studier[g]])) as typeof zero;
  split("toWorkOrStudies", toWork);
  for (const g of [...genders, "total"]) {
    lines.push({ parts: reasons.map((r) => k("finished", r, g)), total: k("finishedTotal", g) });
    lines.push({ parts: [k("finished", "arbete", g), k("finished", "studier", g)], total: k("toWorkOrStudies", g) });
  }
  // "Övriga orsaker" as the bilaga prints it: avslutade − arbete − studier.
  values.set(k("otherReasons", "total"), values.get(k("finishedTotal", "total"))! - toWork.women - toWork.men - toWork.other);
  lines.push({ parts: [k("toWorkOrStudies", "total"), k("otherReasons", "total")], total: k("finishedTotal", "total") });
  if (c.ages && ageBands.some((b) => c.ages?.[b])) {
    for (const b of ageBands) split(`ages.${b}`, c.ages[b] ?? zero);
    for (const g of [...genders, "total"]) lines.push({ parts: ageBands.map((b) => k("ages", b, g)), total: k("participants", g) });
  }
  for (const r of referrers) values.set(k("referrals", r), c.referrals?.[r] ?? 0);
  values.set(k("referrals", "total"), referrers.reduce((a, r) => a + (c.referrals?.[r] ?? 0), 0));
  lines.push({ parts: referrers.map((r) => k("referrals", r)), total: k("referrals", "total") });
  values.set(k("aterremisser"), c.aterremisser ?? 0);
  return { values, lines };
}

/**
 * Several insatser and their sum (prefix `total`): each insats's own lines, the sum's lines, and per
 * key the line insatser → förbundet totalt.
 */
export function yearCells(insatser: readonly { prefix: string; counts: ReportCounts }[], sum: ReportCounts | null): { values: Map<string, number>; lines: Line[] } {
  const values = new Map<string, number>(), lines: Line[] = [];
  const each = insatser.map((i) => countCells(i.prefix, i.counts));
  for (const e of each) { for (const [key, n] of e.values) values.set(key, n); lines.push(...e.lines); }
  if (sum && insatser.length > 1) {
    const t = countCells("total", sum);
    for (const [key, n] of t.values) values.set(key, n);
    lines.push(...t.lines);
    for (const key of t.values.keys()) {
      const rest = key.slice("total.".length);
      lines.push({ parts: insatser.map((i) => `${i.prefix}.${rest}`), total: key });
    }
  }
  return { values, lines };
}

/** A matrix's cells (prefix.<from>.<to>) and row sums (prefix.<from>.sum), the line of each row, and the matrix's total. */
export function matrixCells(prefix: string, m: Partial<Record<string, Partial<Record<string, number>>>>, categories: readonly string[]): { values: Map<string, number>; lines: Line[] } {
  const values = new Map<string, number>(), lines: Line[] = [];
  for (const from of categories) {
    const row = categories.map((to) => `${prefix}.${from}.${to}`);
    categories.forEach((to, i) => values.set(row[i], m[from]?.[to] ?? 0));
    values.set(`${prefix}.${from}.sum`, categories.reduce((a, to) => a + (m[from]?.[to] ?? 0), 0));
    lines.push({ parts: row, total: `${prefix}.${from}.sum` });
  }
  for (const to of categories) {
    values.set(`${prefix}.col.${to}`, categories.reduce((a, from) => a + (m[from]?.[to] ?? 0), 0));
    lines.push({ parts: categories.map((from) => `${prefix}.${from}.${to}`), total: `${prefix}.col.${to}` });
  }
  const all = categories.reduce((a, from) => a + values.get(`${prefix}.${from}.sum`)!, 0);
  values.set(`${prefix}.all`, all);
  lines.push({ parts: categories.map((from) => `${prefix}.${from}.sum`), total: `${prefix}.all` });
  lines.push({ parts: categories.map((to) => `${prefix}.col.${to}`), total: `${prefix}.all` });
  return { values, lines };
}

/** A stored matrix (cells over 0) with every hidden cell (`<prefix>.<from>.<to>`) as null. */
export function maskMatrix(prefix: string, m: Partial<Record<string, Partial<Record<string, number>>>>, hidden: ReadonlySet<string>): Record<string, Record<string, number | null>> {
  return Object.fromEntries(Object.entries(m).map(([from, row]) => [from,
    Object.fromEntries(Object.entries(row ?? {}).map(([to, n]) => [to, hidden.has(`${prefix}.${from}.${to}`) ? null : n ?? 0]))]));
}

/**
 * An object of counts (a ReportCounts, completed or not) with every hidden count as null: a count at
 * path p (participants.women, finished.arbete.men, referrals.kommun) is hidden when `<prefix>.<p>` is.
 */
export function maskCounts<T>(prefix: string, counts: T, hidden: ReadonlySet<string>, path: string[] = []): T {
  if (typeof counts === "number") return (hidden.has([prefix, ...path].join(".")) ? null : counts) as T;
  if (!counts || typeof counts !== "object") return counts;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, maskCounts(prefix, v, hidden, [...path, k])])) as T;
}

/** An OutcomeSummary's figures under their cells' keys (the share goes with its two counts). */
const summaryKeys: Record<string, string> = {
  participants: "participants.total", newParticipants: "newParticipants.total", finished: "finishedTotal.total", toWorkOrStudies: "toWorkOrStudies.total",
  efterstod: "efterstod.total", referrals: "referrals.total", aterremisser: "aterremisser",
  ...Object.fromEntries(reasons.map((r) => [r, `finished.${r}.total`])),
};

/** An insats's totals (outcomes.pure.ts OutcomeSummary) with the hidden ones as null. */
export function maskSummary<T extends Record<string, unknown>>(prefix: string, s: T, hidden: ReadonlySet<string>): T {
  const out: Record<string, unknown> = { ...s };
  for (const [field, key] of Object.entries(summaryKeys)) if (field in out && hidden.has(`${prefix}.${key}`)) out[field] = null;
  if ("shareToWorkOrStudies" in out && (hidden.has(`${prefix}.toWorkOrStudies.total`) || hidden.has(`${prefix}.finishedTotal.total`))) out.shareToWorkOrStudies = null;
  return out as T;
}
