/**
 * Writing Excel workbooks, in one place that makes every text cell formula-safe. exceljs stores a JS
 * string as a text cell, which Excel does not evaluate on opening; but when someone edits the cell,
 * Excel reads what it shows again, and "=HYPERLINK(…)" becomes a live formula. So a text that starts
 * with =, +, -, @, tab or CR is written with a leading ' (OWASP CSV injection), as the CSV writer does.
 */
import type ExcelJS from "exceljs";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula gets a leading '. */
export const neutralise = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** A text as it was before neutralise, for a workbook that is read back in (texter.xlsx). */
export const restore = (s: string): string => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

function safeValue(v: ExcelJS.CellValue): ExcelJS.CellValue {
  if (typeof v === "string") return neutralise(v);
  if (!v || typeof v !== "object" || v instanceof Date) return v;
  if ("formula" in v || "sharedFormula" in v) throw new Error("Samspår skriver inga formler i kalkylblad.");
  if ("richText" in v) return { ...v, richText: v.richText.map((r, i) => (i === 0 ? { ...r, text: neutralise(r.text) } : r)) };
  if ("hyperlink" in v) return { ...v, text: neutralise(v.text) };
  return v;
}

/** The workbook's bytes, every text cell of every sheet made formula-safe first, so no writer can forget a cell. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    const safe = safeValue(cell.value);
    if (safe !== cell.value) cell.value = safe;
  })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
