/**
 * Renderers of a ReportModel (report.ts): print-ready HTML, CSV for a Swedish spreadsheet, Word
 * (docx) and Excel (exceljs). No I/O beyond building the bytes; the same model gives the same
 * figures in every format.
 */
import ExcelJS from "exceljs";
import type { ColumnKind, ReportModel, ReportTable } from "./report.js";
import { formatCell, kindOf } from "../reports/render/cells.js";
import { workbookBuffer } from "../spreadsheet.js";

// Cells, CSV and Word are the shared renderers of server/reports (the same figures in every bilaga).
export { formatCell } from "../reports/render/cells.js";
export { renderCsv } from "../reports/render/csv.js";
export { renderDocx } from "../reports/render/docx.js";

// ——— HTML ———

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A whole, standalone HTML document (lang sv, one h1, captions and scoped headers). */
export function renderHtml(model: ReportModel): string {
  const e = escapeHtml;
  const table = (t: ReportTable) => [
    "<table>",
    `<caption>${e(t.caption)}</caption>`,
    `<thead><tr>${t.head.map((h) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${e(formatCell(c, kindOf(t, i)))}</th>` : `<td>${e(formatCell(c, kindOf(t, i)))}</td>`)).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ].join("\n");
  const body = model.sections.map((s) => [
    `<section>`,
    `<h2>${e(s.heading)}</h2>`,
    ...s.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...s.tables.map(table),
    ...(s.notes?.length ? [`<ul>${s.notes.map((n) => `<li>${e(n)}</li>`).join("")}</ul>`] : []),
    `</section>`,
  ].join("\n")).join("\n");
  return [
    "<!doctype html>",
    '<html lang="sv">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(model.title)}</title>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${e(model.title)}</h1>`,
    ...(model.subtitle ? [`<p>${e(model.subtitle)}</p>`] : []),
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

// ——— Excel ———

const numFmt: Record<ColumnKind, string | undefined> = { text: undefined, integer: "#,##0", kronor: "#,##0", percent: "0%", decimal: "0.0" };

/** Sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, " ").slice(0, 28).trim() || "Blad";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** An Excel workbook: a sheet per section, its tables stacked with their captions; figures stay numbers. */
export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Samspår";
  wb.title = model.title;
  const taken = new Set<string>();
  for (const s of model.sections) {
    const ws = wb.addWorksheet(sheetName(s.heading, taken));
    ws.addRow([s.heading]).font = { bold: true, size: 14 };
    for (const p of s.paragraphs) ws.addRow([p]);
    for (const t of s.tables) {
      ws.addRow([]);
      ws.addRow([t.caption]).font = { italic: true };
      ws.addRow(t.head).font = { bold: true };
      for (const r of t.rows) {
        const row = ws.addRow(r.map((c) => (c === null ? null : c)));
        r.forEach((c, i) => {
          const fmt = numFmt[kindOf(t, i)];
          if (fmt && typeof c === "number") row.getCell(i + 1).numFmt = fmt;
        });
      }
    }
    for (const n of s.notes ?? []) ws.addRow([n]);
    const columns = Math.max(1, ...s.tables.map((t) => t.head.length));
    for (let i = 1; i <= columns; i++) ws.getColumn(i).width = i === 1 ? 40 : 18;
  }
  return workbookBuffer(wb);
}
