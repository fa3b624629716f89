/** How a cell is written in Swedish form, shared by the renderers. */
import { formatDecimal, formatInteger, formatPercent, MISSING } from "../../results/format.js";
import type { Cell, ColumnKind, ReportTable } from "../model.js";

export const kindOf = (t: ReportTable, i: number): ColumnKind => t.kinds?.[i] ?? "text";

/** A cell as printed: "12 345", "57 %", "4,3", "–" for a missing figure; text as it is. */
export function formatCell(v: Cell, kind: ColumnKind): string {
  if (v === null || v === "") return MISSING;
  if (typeof v === "string") return v;
  switch (kind) {
    case "percent": return formatPercent(v);
    case "decimal": return formatDecimal(v, 1);
    case "integer": case "kronor": return formatInteger(v);
    case "text": return String(v);
  }
}
