/**
 * The admin's pages for the respondents' languages (/sprak) and the förbund's own interface words
 * (/sprak/:code/ord): view models, and the words as an Excel file to fill in and read back.
 */
import type ExcelJS from "exceljs";
import { languageNames, rtlLanguages } from "../../surveys/define.js";
import { restore, workbookBuffer } from "../spreadsheet.js";
import { cleanText } from "../http/clean.js";
import type { FieldErrors } from "../result.js";
import type { LanguageInfo, LanguageWords } from "./languages.js";

/** The list of languages with the admin's switch and the way to each language's words. */
export function languagesView(list: LanguageInfo[]) {
  return list.map((l) => ({
    ...l, lang: l.code === "sv-lattlast" ? "sv" : l.code, dir: rtlLanguages.has(l.code) ? "rtl" : "ltr",
    stateLabel: l.state === "granskad" ? "granskad" : "utkast (inte granskad av en översättare)",
    wordsHref: `/sprak/${l.code}/ord`, action: `/sprak/${l.code}`,
  }));
}

/**
 * The words form: every key with its Swedish, the catalog's text and the förbund's own, and, when the form
 * comes back, what the admin typed and the message by key.
 */
export function wordsView(w: LanguageWords, typed?: Record<string, string>, errors: FieldErrors = {}) {
  const lang = w.code === "sv-lattlast" ? "sv" : w.code;
  const entries = Object.entries(w.words).map(([key, e]) => ({
    key, sv: e.sv, catalog: e.catalog, value: typed ? (typed[key] ?? "") : (e.own ?? ""), own: e.own !== null, error: errors[key],
  }));
  return {
    code: w.code, name: languageNames[w.code] ?? w.code, lang, dir: rtlLanguages.has(w.code) ? "rtl" : "ltr",
    entries, ownCount: entries.filter((e) => e.own).length,
    action: `/sprak/${w.code}/ord`, xlsxHref: `/sprak/${w.code}/ord.xlsx`, importAction: `/sprak/${w.code}/ord/xlsx`,
  };
}

/** The form's own texts, key by key (an empty field removes the förbund's own text). */
export const typedWords = (w: LanguageWords, body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.keys(w.words).map((k) => [k, typeof body[k] === "string" ? body[k] : ""]));

// ——— The Excel file ———

const SHEET = "Ord";
const HEAD = ["nyckel", "svenska", "katalogen", "förbundets text"] as const;

/** exceljs at the first workbook, not at start: only staff pages need it (BENCHMARKS.md, Minne). */
const excel = async () => (await import("exceljs")).default;

/** One row per key: the key, the Swedish, the catalog's text and the förbund's own (the column to fill in). */
export async function wordsWorkbook(w: LanguageWords): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow([...HEAD]).font = { bold: true };
  for (const [key, e] of Object.entries(w.words)) ws.addRow([key, e.sv, e.catalog, e.own]);
  ws.columns.forEach((c, i) => { c.width = i === 0 ? 28 : 60; c.alignment = { wrapText: true, vertical: "top" }; });
  ws.views = [{ state: "frozen", ySplit: 1, xSplit: 1 }];
  return workbookBuffer(wb);
}

/** A cell as text, cleaned: Excel writes a control character as _x0001_, which exceljs reads back as the character itself. */
const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return cleanText(v.richText.map((r) => r.text).join(""));
  if (typeof v === "object" && "text" in v) return cleanText(String(v.text));
  return cleanText(String(v));
};

/** A read file: the own text (null: none) by key, and the row each key was on (for messages). */
export type ReadWords = { ok: true; words: Record<string, string | null>; rows: Record<string, number> } | { ok: false; errors: FieldErrors };

/**
 * Reads a filled-in words file: the `nyckel` and `förbundets text` columns. An empty cell means no own text.
 * A key twice is refused, naming both rows; the service checks the keys and the placeholders.
 */
export async function readWordsWorkbook(file: Buffer): Promise<ReadWords> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: { file: "Filen går inte att läsa som en Excel-fil (.xlsx)." } };
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return { ok: false, errors: { file: "Filen har inget kalkylblad." } };
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => cellText(v).trim());
  const keyCol = head.indexOf(HEAD[0]), ownCol = head.indexOf(HEAD[3]);
  if (keyCol < 0 || ownCol < 0) return { ok: false, errors: { file: "Första raden saknar kolumnerna nyckel och förbundets text. Använd filen som laddades ner från sidan." } };
  const words: Record<string, string | null> = {}, rows: Record<string, number> = {};
  const errors: FieldErrors = {};
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const key = cellText(row.getCell(keyCol).value).trim();
    if (!key) return;
    if (key in rows) { errors[`rad-${n}`] = `Rad ${n}: nyckeln ${key} finns redan på rad ${rows[key]}.`; return; }
    // A text that looked like a formula was written with a leading ' (workbookBuffer): read back without it.
    const text = restore(cellText(row.getCell(ownCol).value)).trim();
    words[key] = text || null;
    rows[key] = n;
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, words, rows };
}

/** The service's messages by key, each naming the file's row. */
export const rowErrors = (errors: FieldErrors, rows: Record<string, number>): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([key, message]) => [key, rows[key] ? `Rad ${rows[key]}: ${message}` : message]));
