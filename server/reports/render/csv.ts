/** CSV for a Swedish spreadsheet: UTF-8 with BOM, semicolons, CRLF, each table under its caption. */
import { roundHalfUp } from "../../results/format.js";
import type { Cell, ColumnKind, ReportModel } from "../model.js";
import { kindOf } from "./cells.js";
import { neutralise } from "../../spreadsheet.js";

function csvField(v: string): string {
  const s = neutralise(v);
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
/** Decimal comma, no thousands separator; shares in percent with one decimal. */
function csvValue(v: Cell, kind: ColumnKind): string {
  if (v === null) return "";
  if (typeof v === "string") return csvField(v);
  if (kind === "percent") return roundHalfUp(v * 100, 1).toFixed(1).replace(".", ",");
  if (kind === "decimal") return roundHalfUp(v, 1).toFixed(1).replace(".", ",");
  return kind === "text" ? csvField(String(v)) : String(roundHalfUp(v, 0));
}

export function renderCsv(model: ReportModel): string {
  const lines: string[] = [];
  for (const s of model.sections) {
    for (const t of s.tables) {
      if (lines.length) lines.push("");
      lines.push(csvField(t.caption));
      lines.push(t.head.map((h, i) => csvField(kindOf(t, i) === "percent" ? `${h} (%)` : h)).join(";"));
      for (const r of t.rows) lines.push(r.map((c, i) => csvValue(c, kindOf(t, i))).join(";"));
    }
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
