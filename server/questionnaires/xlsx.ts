/** A questionnaire's texts as an Excel file for a translator, and reading it back. */
import type ExcelJS from "exceljs";
import type { Draft } from "../../surveys/edit.js";
import { textsSheet } from "./present.js";
import { restore, workbookBuffer } from "../spreadsheet.js";
import { cleanText } from "../http/clean.js";

const SHEET = "Texter";

/** exceljs at the first workbook, not at start: only staff pages need it (19 MiB; BENCHMARKS.md, Minne). */
const excel = async () => (await import("exceljs")).default;

/** One row per text: key, what it is, the Swedish, and a column per language to fill in. */
export async function textsWorkbook(d: Draft): Promise<Buffer> {
  const { head, rows } = textsSheet(d);
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(head).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => { c.width = i === 0 ? 24 : i === 1 ? 30 : 60; c.alignment = { wrapText: true, vertical: "top" }; });
  ws.views = [{ state: "frozen", ySplit: 1, xSplit: 3 }];
  return workbookBuffer(wb);
}

export type ReadTexts = { ok: true; byLanguage: Record<string, Record<string, string>> } | { ok: false; message: string };

/** A cell as text, cleaned: Excel writes a control character as _x0001_, which exceljs reads back as the character itself. */
const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return cleanText(v.richText.map((r) => r.text).join(""));
  if (typeof v === "object" && "text" in v) return cleanText(String(v.text));
  return cleanText(String(v));
};

/** Reads a filled-in texts file: the `nyckel` column and one column per language (Swedish is left as it is). */
export async function readTextsWorkbook(file: Buffer): Promise<ReadTexts> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: "Filen går inte att läsa som en Excel-fil (.xlsx)." };
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return { ok: false, message: "Filen har inget kalkylblad." };
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const keyCol = head.indexOf("nyckel");
  if (keyCol < 0) return { ok: false, message: "Första raden saknar kolumnen nyckel. Använd filen som laddades ner från enkäten." };
  const langCols = head.map((h, i) => ({ lang: h.trim(), i })).filter((c) => c.i > keyCol && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(c.lang) && c.lang !== "sv");
  const byLanguage: Record<string, Record<string, string>> = Object.fromEntries(langCols.map((c) => [c.lang, {}]));
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const key = cellText(row.getCell(keyCol).value).trim();
    if (!key) return;
    // A text that looked like a formula was written with a leading ' (workbookBuffer): read back without it.
    for (const c of langCols) byLanguage[c.lang][key] = restore(cellText(row.getCell(c.i).value));
  });
  return { ok: true, byLanguage };
}
