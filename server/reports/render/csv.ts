/**
 * The one CSV writer of Samspår (csv-stringify), for every CSV export — the results of an insamling
 * or a year, each bilaga and Statistik. Written for a Swedish spreadsheet: UTF-8 with BOM (so that
 * Excel reads å, ä, ö), semicolons (Excel's separator where the decimal sign is a comma), CRLF, and
 * quotes as RFC 4180, also around a text with a space at either end so that it survives a round trip.
 *
 * One rule against formula injection (OWASP CSV injection), the same as in every workbook
 * (spreadsheet.ts): a text that starts with =, +, -, @, tab or CR gets a leading '. A figure (a number,
 * or a decimal()) is never changed: it is written from a number, so it cannot be a formula, and a
 * negative figure stays a number in the spreadsheet.
 */
import { stringify } from "csv-stringify/sync";
import { roundHalfUp } from "../../results/format.js";
import { neutralise } from "../../spreadsheet.js";
import type { Cell, ColumnKind, ReportModel } from "../model.js";
import { kindOf } from "./cells.js";

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

/** A report cell for the spreadsheet: shares in percent with one decimal, decimals with one, counts and kronor whole. */
function reportCell(v: Cell, kind: ColumnKind): CsvCell {
  if (v === null || typeof v === "string") return v;
  switch (kind) {
    case "percent": return decimal(v * 100, 1);
    case "decimal": return decimal(v, 1);
    case "integer": case "kronor": return roundHalfUp(v, 0);
    case "text": return String(v);
  }
}

/** A report model as CSV: each table under its caption, a blank line between tables. */
export function renderCsv(model: ReportModel): string {
  const rows: CsvCell[][] = [];
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
