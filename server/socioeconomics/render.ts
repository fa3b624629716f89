/**
 * Renderers of a ReportModel (report.ts): print-ready HTML, CSV for a Swedish spreadsheet, Word
 * (docx) and Excel (exceljs). No I/O beyond building the bytes; the same model gives the same
 * figures in every format.
 */
import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from "docx";
import ExcelJS from "exceljs";
import { formatInteger, formatPercent, MISSING, roundHalfUp } from "../results/format.js";
import type { Cell, ColumnKind, ReportModel, ReportTable } from "./report.js";

const kindOf = (t: ReportTable, i: number): ColumnKind => t.kinds?.[i] ?? "text";

/** A cell as printed: "12 345", "57 %", "−2 011 200", "–" for a missing figure. */
export function formatCell(v: Cell, kind: ColumnKind): string {
  if (v === null || v === "") return MISSING;
  if (typeof v === "string") return v;
  switch (kind) {
    case "percent": return formatPercent(v);
    case "integer": case "kronor": return formatInteger(v);
    case "text": return String(v);
  }
}

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

// ——— CSV ———

/** A CSV field (separator ;): quoted when needed; text a spreadsheet would run as a formula gets a leading '. */
function csvField(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
/** A number for a Swedish spreadsheet: decimal comma, no thousands separator; shares in percent with one decimal. */
function csvValue(v: Cell, kind: ColumnKind): string {
  if (v === null) return "";
  if (typeof v === "string") return csvField(v);
  if (kind === "percent") return roundHalfUp(v * 100, 1).toFixed(1).replace(".", ",");
  return kind === "text" ? csvField(String(v)) : String(roundHalfUp(v, 0));
}

/** Every table of the model, each under its caption and separated by an empty line (UTF-8 with BOM, ;, CRLF). */
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

// ——— Word ———

const docxTable = (t: ReportTable) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [
    new TableRow({
      tableHeader: true,
      children: t.head.map((h) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })] })),
    }),
    ...t.rows.map((r) => new TableRow({
      children: r.map((c, i) => new TableCell({
        children: [new Paragraph({
          alignment: kindOf(t, i) === "text" ? AlignmentType.LEFT : AlignmentType.RIGHT,
          children: [new TextRun({ text: formatCell(c, kindOf(t, i)), bold: i === 0 })],
        })],
      })),
    })),
  ],
});

/** A Word document: title, headings, paragraphs, each table under its caption, notes as a list. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  if (model.subtitle) children.push(new Paragraph({ text: model.subtitle }));
  for (const s of model.sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
    for (const t of s.tables) {
      children.push(new Paragraph({ children: [new TextRun({ text: t.caption, italics: true })] }));
      children.push(docxTable(t));
      children.push(new Paragraph({ text: "" }));
    }
    for (const n of s.notes ?? []) children.push(new Paragraph({ text: n, bullet: { level: 0 } }));
  }
  const doc = new Document({ creator: "Samspår", title: model.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

// ——— Excel ———

const numFmt: Record<ColumnKind, string | undefined> = { text: undefined, integer: "#,##0", kronor: "#,##0", percent: "0%" };

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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
