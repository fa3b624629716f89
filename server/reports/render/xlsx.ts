/**
 * Excel (exceljs): a first sheet with the title and the rules ("Regler"; "Om bilagan" when a bilaga
 * states none), then one sheet per table with its figures as numbers (formatted, not text) under a
 * frozen header. A section's paragraphs and notes follow its first table, or make a sheet of their own
 * when the section has no table, so that no text of the bilaga is left out of the workbook. Every text
 * cell is made formula-safe by workbookBuffer.
 */
import type ExcelJS from "exceljs";
import type { ColumnKind, ReportModel, ReportSection, ReportTable } from "../model.js";
import { figureDecimals, formatCell, kindOf } from "./cells.js";
import { workbookBuffer } from "../../spreadsheet.js";

const numFmts: Record<Exclude<ColumnKind, "decimal" | "median">, string | undefined> = { text: undefined, integer: "#,##0", kronor: "#,##0", percent: "0%" };
/** A number's format in its cell: a mean "0.0", a median "0" or "0.0" by the one rule of every format (cells.ts). */
const numFmt = (v: number, kind: ColumnKind): string | undefined =>
  kind === "decimal" || kind === "median" ? (figureDecimals(v, kind) ? "0.0" : "0") : numFmts[kind];

const MAX_NAME = 28;

/**
 * Sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. A long caption is cut
 * after a whole word ("Socioekonomisk effekt 2024 per insats (kronor)" → "Socioekonomisk effekt 2024").
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").replace(/^'+|'+$/g, "").trim();
  const cut = clean.length <= MAX_NAME ? clean : clean.slice(0, clean.lastIndexOf(" ", MAX_NAME) > 10 ? clean.lastIndexOf(" ", MAX_NAME) : MAX_NAME);
  const base = cut.replace(/[\s,.;–-]+$/, "").trim() || "Blad";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * A column's width in characters: its longest header word and its longest value (a text column's longest
 * line up to 60; a long text wraps), at least 10 — so Regel and Resultat are read whole, not cut at 18.
 */
export function columnWidth(t: ReportTable, i: number): number {
  const headWord = Math.max(0, ...t.head[i].split(/\s+/).map((w) => w.length));
  const values = t.rows.map((r) => formatCell(r[i] ?? null, kindOf(t, i)).length);
  const longest = Math.max(0, ...values);
  return Math.max(10, headWord + 2, Math.min(i === 0 ? 60 : kindOf(t, i) === "text" ? 50 : 16, longest + 2));
}

/** Printing: A4, as many pages tall as needed but one page wide, the header row repeated; on its side when wide. */
function printSetup(ws: ExcelJS.Worksheet, widths: number[]) {
  ws.pageSetup = {
    paperSize: 9, orientation: widths.reduce((a, b) => a + b, 0) > 110 ? "landscape" : "portrait",
    fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2",
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
}

/** A section's heading, paragraphs and notes as rows of text. */
function addTexts(ws: ExcelJS.Worksheet, s: ReportSection) {
  ws.addRow([s.heading]).font = { bold: true };
  for (const p of s.paragraphs) ws.addRow([p]);
  for (const n of s.notes ?? []) ws.addRow([n]);
}
const hasTexts = (s: ReportSection) => s.paragraphs.length > 0 || (s.notes?.length ?? 0) > 0;

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  // Loaded at the first workbook, not at start: only staff pages need it (19 MiB; BENCHMARKS.md, Minne).
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "Samspår";
  wb.title = model.title;
  const taken = new Set<string>();
  const first = wb.addWorksheet(sheetName(model.rules?.length ? "Regler" : "Om bilagan", taken));
  first.addRow([model.title]).font = { bold: true, size: 14 };
  if (model.subtitle) first.addRow([model.subtitle]);
  first.addRow([]);
  for (const r of model.rules ?? []) first.addRow([r]);
  first.getColumn(1).width = 120;
  first.getColumn(1).alignment = { wrapText: true, vertical: "top" };
  for (const s of model.sections) {
    if (!s.tables.length) {
      if (!hasTexts(s)) continue;
      const ws = wb.addWorksheet(sheetName(s.heading, taken));
      addTexts(ws, s);
      ws.getColumn(1).width = 120;
      ws.getColumn(1).alignment = { wrapText: true, vertical: "top" };
      continue;
    }
    s.tables.forEach((t, ti) => {
      const ws = wb.addWorksheet(sheetName(t.sheet ?? t.caption, taken));
      ws.addRow([t.caption]).font = { bold: true };
      const head = ws.addRow(t.head);
      head.font = { bold: true };
      // Headers wrap between words in their column instead of being cut.
      head.alignment = { wrapText: true, vertical: "top" };
      ws.views = [{ state: "frozen", ySplit: 2 }];
      for (const r of t.rows) {
        const row = ws.addRow(r);
        r.forEach((c, i) => {
          const fmt = typeof c === "number" ? numFmt(c, kindOf(t, i)) : undefined;
          if (fmt) row.getCell(i + 1).numFmt = fmt;
          else if (typeof c === "string") row.getCell(i + 1).alignment = { wrapText: true, vertical: "top" };
        });
      }
      const widths = t.head.map((_, i) => columnWidth(t, i));
      widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
      printSetup(ws, widths);
      if (ti === 0 && hasTexts(s)) {
        ws.addRow([]);
        addTexts(ws, s);
      }
    });
  }
  return workbookBuffer(wb);
}
