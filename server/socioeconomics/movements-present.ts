/** What the stegförflyttning pages show: the matrix form's cells, the effect table, the nyckeltal as printed. */
import { formatInteger } from "../results/format.js";
import { HIDDEN, maskMatrix } from "../interventionreports/outcome-threshold.pure.js";
import {
  categories, categoryLabels, missingLabel, rateKeys, rateLabels, sectorLabels, sectors, supportCategories,
  type Matrix, type Nyckeltal, type RateKey, type SectorAmounts,
} from "./movements.pure.js";
import type { Economy, HiddenMovements, InsatsEffect, SharedMovements } from "./service.js";
import type { ShownMatrix } from "./movements-whole.pure.js";
import { economyCategories, economyCategoryLabels, economyRows, egetKapitalShare } from "./economy.pure.js";

const kr = (n: number | null | undefined) => (n === null || n === undefined ? "–" : `${formatInteger(n)} kr`);
const pct = (n: number) => `${String(Math.round(n * 10000) / 100).replace(".", ",")} %`;

/** One grid of the matrix form (prefix m: at the end, y: one year after): a row per category at the start, a column per state. */
export function matrixForm(prefix: "m" | "y" = "m") {
  const when = prefix === "y" ? "ett år efter" : "vid avslut";
  return {
    prefix,
    columns: categories.map((c) => ({ code: c, label: categoryLabels[c] })),
    rows: categories.map((from) => ({
      code: from, label: categoryLabels[from],
      cells: categories.map((to) => ({
        name: `${prefix}.${from}.${to}`, diagonal: from === to,
        label: from === to ? `Kvar i ${categoryLabels[from].toLowerCase()} ${when}` : `Från ${categoryLabels[from].toLowerCase()} till ${categoryLabels[to].toLowerCase()} ${when}`,
      })),
    })),
  };
}
const gridValues = (prefix: string, m: Matrix | null): Record<string, string> =>
  Object.fromEntries(categories.flatMap((from) => categories.map((to) => [`${prefix}.${from}.${to}`, m?.[from]?.[to] ? String(m[from][to]) : ""])));
/** Both grids' values as stored (an empty one-year-after grid when not followed up). */
export const matrixValues = (m: Matrix, oneYearAfter: Matrix | null = null): Record<string, string> => ({ ...gridValues("m", m), ...gridValues("y", oneYearAfter) });

/** The nyckeltal as lines of text with their sources (printed under every effect table). */
export function nyckeltalLines(n: Nyckeltal | null): string[] {
  if (!n) return [];
  const lines = supportCategories.filter((c) => n.supports[c]).map((c) => {
    const s = n.supports[c]!;
    return `${categoryLabels[c]}: ${kr(s.amount)} per person och år, betalas av ${sectorLabels[s.payer].toLowerCase()}, ${s.taxable ? "skattepliktig" : "inte skattepliktig"}. Källa: ${s.source}`;
  });
  for (const k of rateKeys) {
    const v = n[k];
    if (typeof v !== "number") continue;
    const src = n.sources?.[k];
    lines.push(`${rateLabels[k]}: ${k === "wage" ? kr(v) : pct(v)}${src ? `. Källa: ${src}` : ""}`);
  }
  return lines;
}

const amounts = (a: SectorAmounts | null) => (a ? [...sectors.map((s) => kr(a[s])), kr(a.total)] : null);

/** One insats's effect for its page. */
export function effectView(e: InsatsEffect, hidden: HiddenMovements | null = null) {
  // Under the förbund's outcome threshold the effect, moved and stayed of a matrix with a hidden cell would tell it.
  const dolt = !!hidden?.effectHidden;
  const heads = [...sectors.map((s) => sectorLabels[s]), "Totalt"];
  return {
    heads, hidden: dolt,
    perYear: dolt && e.perYear ? heads.map(() => HIDDEN) : amounts(e.perYear), twoYears: dolt && e.twoYears ? heads.map(() => HIDDEN) : amounts(e.twoYears), funding: kr(e.funding),
    missing: e.missing.map(missingLabel), moved: dolt ? HIDDEN : formatInteger(e.moved), stayed: dolt ? HIDDEN : formatInteger(e.stayed),
    secondYear: e.secondYear === "next" ? `Andra året räknas med nyckeltalen för ${e.year + 1}.` : "Andra året räknas med samma nyckeltal (ingen ökning antas).",
    nyckeltal: nyckeltalLines(e.nyckeltal),
  };
}

/**
 * A matrix to read (for a user who may not enter it): the rows and columns with a count, each row's
 * and column's sum and the total, a hidden count as "dolt" (key: "mv" at the end, "ya" one year after).
 */
export function matrixReadView(e: InsatsEffect, which: "mv" | "ya", hidden: HiddenMovements | null) {
  const m = (which === "mv" ? e.matrix : e.oneYearAfter) ?? null;
  if (!m) return null;
  const v = (f: string, t: string) => m[f as keyof Matrix]?.[t as keyof Matrix[keyof Matrix]] ?? 0;
  const from = categories.filter((f) => categories.some((t) => v(f, t) > 0)), to = categories.filter((t) => categories.some((f) => v(f, t) > 0));
  if (!from.length) return null;
  const n = (key: string, value: number) => (hidden?.hidden.has(`${which}.${e.interventionId}.${key}`) ? HIDDEN : formatInteger(value));
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return {
    columns: to.map((t) => categoryLabels[t]),
    rows: from.map((f) => ({ label: categoryLabels[f], cells: to.map((t) => n(`${f}.${t}`, v(f, t))), sum: n(`${f}.sum`, sum(categories.map((t) => v(f, t)))) })),
    columnSums: to.map((t) => n(`col.${t}`, sum(categories.map((f) => v(f, t))))),
    total: n("all", sum(categories.flatMap((f) => categories.map((t) => v(f, t))))),
  };
}

/** A shown matrix with only its non-zero cells (a hidden one as null), as the stored matrices are given. */
const compact = (m: ShownMatrix) => Object.fromEntries(Object.entries(m.cells)
  .map(([f, row]) => [f, Object.fromEntries(Object.entries(row).filter(([, n]) => n !== 0))] as const).filter(([, row]) => Object.keys(row).length));
const wholeMatrixJson = (m: ShownMatrix) => ({ matrix: compact(m), rowSums: m.rowSums, columnSums: m.columnSums, total: m.total });

/**
 * GET /api/v1/interventions/:id/movements/:year: the stored matrices (for a shared insats the förbund's own part), a
 * hidden cell as null, and the threshold applied (null: every count shown); a shared insats adds `shared` with the whole.
 */
export const movementsJson = (e: InsatsEffect, hidden: HiddenMovements | null, whole: SharedMovements | null = null) => ({
  interventionId: e.interventionId, year: e.year,
  matrix: hidden ? maskMatrix(`mv.${e.interventionId}`, e.matrix, hidden.hidden) : e.matrix,
  oneYearAfter: e.oneYearAfter && hidden ? maskMatrix(`ya.${e.interventionId}`, e.oneYearAfter, hidden.hidden) : e.oneYearAfter,
  outcomeThreshold: hidden?.threshold ?? null,
  ...(whole ? { shared: { role: whole.role, forbundCount: whole.forbundCount, whole: { ...wholeMatrixJson(whole.matrix), oneYearAfter: whole.oneYearAfter && wholeMatrixJson(whole.oneYearAfter) } } } : {}),
});

/** GET /api/v1/interventions/:id/effect/:year: the effect (a shared insats: the own part against the own funding), null where a hidden count would be told by it. */
export const effectJson = (e: InsatsEffect, hidden: HiddenMovements | null, whole: SharedMovements | null = null) => ({
  perYear: hidden?.effectHidden ? null : e.perYear, twoYears: hidden?.effectHidden ? null : e.twoYears, funding: e.funding, missing: e.missing,
  outcomeThreshold: hidden?.threshold ?? null,
  ...(whole ? { shared: { role: whole.role, forbundCount: whole.forbundCount, whole: { perYear: whole.perYear, twoYears: whole.twoYears, funding: whole.funding } } } : {}),
});

/** The whole of a shared insats on the matrix page: the rows and columns with a count (or a hidden one), "dolt" where hidden. */
export function wholeView(w: SharedMovements) {
  const n = (x: number | null) => (x === null ? HIDDEN : formatInteger(x));
  const m = w.matrix;
  const from = categories.filter((f) => m.rowSums[f] !== 0), to = categories.filter((t) => m.columnSums[t] !== 0);
  return {
    forbundCount: w.forbundCount, hidden: m.total === null || Object.values(m.cells).some((row) => Object.values(row).some((x) => x === null)),
    table: from.length ? {
      columns: to.map((t) => categoryLabels[t]),
      rows: from.map((f) => ({ label: categoryLabels[f], cells: to.map((t) => n(m.cells[f][t])), sum: n(m.rowSums[f]) })),
      columnSums: to.map((t) => n(m.columnSums[t])), total: n(m.total),
    } : null,
    perYear: w.perYear ? kr(w.perYear.total) : null, twoYears: w.twoYears ? kr(w.twoYears.total) : null, funding: kr(w.funding),
  };
}

/** The list of the year: per insats with a matrix, moved and the effect's totals. */
export const listView = (list: InsatsEffect[], hidden: ReadonlySet<string> = new Set()) => list.map((e) => hidden.has(e.interventionId)
  // Under the förbund's outcome threshold: a matrix with a hidden cell shows none of the figures that would tell it.
  ? { id: e.interventionId, name: e.name, moved: HIDDEN, stayed: HIDDEN, perYear: HIDDEN, twoYears: HIDDEN, funding: kr(e.funding) }
  : {
    id: e.interventionId, name: e.name, moved: formatInteger(e.moved), stayed: formatInteger(e.stayed),
    perYear: e.perYear ? kr(e.perYear.total) : "Nyckeltal saknas", twoYears: e.twoYears ? kr(e.twoYears.total) : "–", funding: kr(e.funding),
  });

/** The nyckeltal form's values. */
export function nyckeltalValues(n: Nyckeltal | null): Record<string, string> {
  const v: Record<string, string> = {};
  for (const c of supportCategories) {
    const s = n?.supports[c];
    v[`s.${c}.amount`] = s ? formatInteger(s.amount) : "";
    v[`s.${c}.payer`] = s?.payer ?? "";
    v[`s.${c}.taxable`] = s ? (s.taxable ? "ja" : "nej") : "";
    v[`s.${c}.source`] = s?.source ?? "";
  }
  for (const k of rateKeys) {
    const x = n?.[k];
    v[k] = typeof x !== "number" ? "" : k === "wage" ? formatInteger(x) : String(Math.round(x * 1_000_000) / 10_000).replace(".", ",");
    v[`sources.${k}`] = n?.sources?.[k as RateKey] ?? "";
  }
  return v;
}
export const nyckeltalForm = {
  supports: supportCategories.map((c) => ({ code: c, label: categoryLabels[c] })),
  rates: rateKeys.map((k) => ({ key: k, label: rateLabels[k], hint: k === "wage" ? "Hela kronor per år, till exempel 60 % av medianlönen." : "Procent, till exempel 21,38." })),
  payers: sectors.map((s) => ({ value: s, label: sectorLabels[s] })),
};

// ——— The insatser's economy ———

const signed = (n: number | null) => (n === null ? "–" : n < 0 ? `\u2212${formatInteger(-n)}` : formatInteger(n));

/** The economy table as printed on the page. */
export function economyView(e: Economy) {
  const share = egetKapitalShare(e.yearFigures);
  return {
    rows: economyRows(e.lines).map((r) => ({ ...r, budget: signed(r.budget), utfall: signed(r.utfall), avvikelse: signed(r.avvikelse) })),
    egetKapital: e.yearFigures.egetKapitalUt === null ? null
      : `Eget kapital vid årets slut: ${signed(e.yearFigures.egetKapitalUt)} kr${share === null ? "" : ` (${String(Math.round(share * 1000) / 10).replace(".", ",")} % av årets medlemsbidrag)`}.`,
  };
}
/** The economy form: `count` lines. */
export const economyForm = (count: number) => ({
  lines: Array.from({ length: count }, (_, i) => ({ index: i, prefix: `line.${i}` })),
  categories: economyCategories.map((c) => ({ value: c, label: economyCategoryLabels[c] })),
});
export function economyValues(e: Economy): Record<string, string> {
  const v: Record<string, string> = {};
  e.lines.forEach((l, i) => {
    v[`line.${i}.category`] = l.category; v[`line.${i}.label`] = l.label; v[`line.${i}.comment`] = l.comment;
    v[`line.${i}.budget`] = l.budget === null ? "" : signed(l.budget); v[`line.${i}.utfall`] = l.utfall === null ? "" : signed(l.utfall);
  });
  for (const k of ["egetKapitalIn", "egetKapitalUt", "medlemsbidrag"] as const) v[k] = e.yearFigures[k] === null ? "" : signed(e.yearFigures[k]);
  return v;
}
