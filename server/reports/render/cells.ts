/** How a cell is written in Swedish form, shared by the renderers. */
import { formatDecimal, formatInteger, formatPercent, MISSING } from "../../results/format.js";
import type { Cell, ColumnKind, ReportTable } from "../model.js";

export const kindOf = (t: ReportTable, i: number): ColumnKind => t.kinds?.[i] ?? "text";

/**
 * Decimals of a mean or median figure, the one rule every format (print, Word, Excel, CSV) follows: a mean
 * keeps one ("8,0"); a median is whole when it is whole ("Median 7", as 002 prints it) and has one decimal
 * only when it falls between two answers ("6,5").
 */
export const figureDecimals = (v: number, kind: "decimal" | "median"): number => (kind === "median" && Number.isInteger(v) ? 0 : 1);

/** A cell as printed: "12 345", "57 %", "4,3", "7", "–" for a missing figure; text as it is. */
export function formatCell(v: Cell, kind: ColumnKind): string {
  if (v === null || v === "") return MISSING;
  if (typeof v === "string") return v;
  switch (kind) {
    case "percent": return formatPercent(v);
    case "decimal": case "median": return formatDecimal(v, figureDecimals(v, kind));
    case "integer": case "kronor": return formatInteger(v);
    case "text": return String(v);
  }
}
