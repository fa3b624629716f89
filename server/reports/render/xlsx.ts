/**
 * Excel (exceljs): one sheet per table with figures as numbers (formatted, not text), and a sheet
 * that states the rules. Every text cell is made formula-safe by workbookBuffer.
 */
import ExcelJS from "exceljs";
import type { ColumnKind, ReportModel } from "../model.js";
import { kindOf } from "./cells.js";
import { workbookBuffer } from "../../spreadsheet.js";

const numFmt: Record<ColumnKind, string | undefined> = { text: undefined, integer: "#,##0", kronor: "#,##0", percent: "0%", decimal: "0.0" };

/** Sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, " ").replace(/^'+|'+$/g, "").slice(0, 28).trim() || "Blad";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Samspår";
  wb.title = model.title;
  const taken = new Set<string>();
  const rules = wb.addWorksheet(sheetName("Regler", taken));
  rules.addRow([model.title]).font = { bold: true, size: 14 };
  if (model.subtitle) rules.addRow([model.subtitle]);
  rules.addRow([]);
  for (const r of model.rules ?? []) rules.addRow([r]);
  rules.getColumn(1).width = 120;
  for (const s of model.sections) {
    for (const t of s.tables) {
      const ws = wb.addWorksheet(sheetName(t.caption, taken));
      ws.addRow([t.caption]).font = { bold: true };
      ws.addRow(t.head).font = { bold: true };
      ws.views = [{ state: "frozen", ySplit: 2 }];
      for (const r of t.rows) {
        const row = ws.addRow(r);
        r.forEach((c, i) => {
          const fmt = numFmt[kindOf(t, i)];
          if (fmt && typeof c === "number") row.getCell(i + 1).numFmt = fmt;
        });
      }
      for (let i = 1; i <= t.head.length; i++) ws.getColumn(i).width = i === 1 ? 50 : 18;
    }
  }
  return workbookBuffer(wb);
}
