/** A bilaga as CSV, written by the one CSV writer (spreadsheet.ts csvDocument). */
import { roundHalfUp } from "../../results/format.js";
import { csvDocument, decimal, type CsvCell } from "../../spreadsheet.js";
import type { Cell, ColumnKind, ReportModel } from "../model.js";
import { figureDecimals, kindOf } from "./cells.js";

/** A report cell for the spreadsheet: shares in percent with one decimal, means with one, medians as printed (cells.ts), counts and kronor whole. */
function reportCell(v: Cell, kind: ColumnKind): CsvCell {
  if (v === null || typeof v === "string") return v;
  switch (kind) {
    case "percent": return decimal(v * 100, 1);
    case "decimal": case "median": return decimal(v, figureDecimals(v, kind));
    case "integer": case "kronor": return roundHalfUp(v, 0);
    case "text": return String(v);
  }
}

/** A report model as CSV: the bilaga's title first, then each table under its caption, a blank line between tables. */
export function renderCsv(model: ReportModel): string {
  const rows: CsvCell[][] = [[model.title]];
  for (const s of model.sections) {
    for (const t of s.tables) {
      if (rows.length) rows.push([]);
      rows.push([t.caption]);
      rows.push(t.head.map((h, i) => (kindOf(t, i) === "percent" ? `${h} (%)` : h)));
      for (const r of t.rows) rows.push(r.map((c, i) => reportCell(c, kindOf(t, i))));
    }
  }
  return csvDocument(rows);
}
