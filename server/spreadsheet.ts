/**
 * Writing spreadsheets, Excel workbooks and CSV, in one place that makes every text cell formula-safe. exceljs stores a JS
 * string as a text cell, which Excel does not evaluate on opening; but when someone edits the cell,
 * Excel reads what it shows again, and "=HYPERLINK(…)" becomes a live formula. So a text that starts
 * with =, +, -, @, tab or CR is written with a leading ' (OWASP CSV injection), as the CSV writer does.
 */
import type ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { roundHalfUp } from "./results/format.js";

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

// ——— CSV: the one writer (csv-stringify) for every CSV export — an insamling's or a year's results, each
// bilaga and Statistik. Written for a Swedish spreadsheet: UTF-8 with BOM (so that Excel reads å, ä, ö),
// semicolons (Excel's separator where the decimal sign is a comma), CRLF, and quotes as RFC 4180, also
// around a text with a space at either end so that it survives a round trip. A text is neutralised as in a
// workbook; a figure (a number, or a decimal()) is never changed: written from a number, it cannot be a
// formula, and a negative figure stays a number in the spreadsheet. ———

/** A figure with a fixed number of decimals ("6,50"), rounded half up as everywhere. */
export type Decimal = { readonly value: number; readonly decimals: number };
/** A CSV cell: text (neutralised), a figure, or nothing (an empty field). */
export type CsvCell = string | number | Decimal | null | undefined;

/** A figure with `decimals` decimals, or an empty field for a missing one. */
export const decimal = (x: number | null | undefined, decimals: number): Decimal | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : { value: x, decimals };

const comma = (s: string) => s.replace(".", ",");

/** Rows as a CSV document: one row a line; a row may be empty (a blank line) or have one cell (a caption). */
export function csvDocument(rows: CsvCell[][]): string {
  return stringify(rows, {
    bom: true, delimiter: ";", record_delimiter: "windows",
    // A line break inside a text is quoted (csv-stringify leaves it bare once record_delimiter is set).
    quote_record_delimiter: true, quoted_match: /^\s|\s$/,
    cast: {
      string: neutralise,
      // Decimal comma, no thousands separator.
      number: (n) => comma(String(n)),
      object: (d) => comma(roundHalfUp((d as Decimal).value, (d as Decimal).decimals).toFixed((d as Decimal).decimals)),
    },
  });
}
