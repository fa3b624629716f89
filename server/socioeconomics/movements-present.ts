/** What the stegförflyttning pages show: the matrix form's cells, the effect table, the nyckeltal as printed. */
import { formatInteger } from "../results/format.js";
import { HIDDEN } from "../interventionreports/outcome-threshold.pure.js";
import {
  categories, categoryLabels, missingLabel, rateKeys, rateLabels, sectorLabels, sectors, supportCategories,
  type Matrix, type Nyckeltal, type RateKey, type SectorAmounts,
} from "./movements.pure.js";
import type { Economy, InsatsEffect } from "./service.js";
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
export function effectView(e: InsatsEffect) {
  return {
    heads: [...sectors.map((s) => sectorLabels[s]), "Totalt"],
    perYear: amounts(e.perYear), twoYears: amounts(e.twoYears), funding: kr(e.funding),
    missing: e.missing.map(missingLabel), moved: formatInteger(e.moved), stayed: formatInteger(e.stayed),
    secondYear: e.secondYear === "next" ? `Andra året räknas med nyckeltalen för ${e.year + 1}.` : "Andra året räknas med samma nyckeltal (ingen ökning antas).",
    nyckeltal: nyckeltalLines(e.nyckeltal),
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
