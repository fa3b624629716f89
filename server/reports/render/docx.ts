/**
 * Word (docx): Word headings (navigation and table of contents work), real tables with a repeated
 * header row, charts as PNG with alt text, the förbund's name and year in the header, page numbers.
 * A4 with a sans-serif font (Arial: Liberation Sans or DejaVu Sans where LibreOffice has no Arial),
 * columns sized by what they hold, and headings and captions kept with what follows them.
 */
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableLayoutType,
  TableRow, TextRun, WidthType,
} from "docx";
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";
import { formatCell, kindOf } from "./cells.js";
import { proseBlocks } from "./prose.js";

/** A4 in twentieths of a point, 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = "Arial";
const BLUE = "1F4E79";

/**
 * Column widths that add up to the page: the first column (what the row is about) weighs 2,5, other
 * text columns 2, figure columns 1 — so a question reads in whole words and a figure fits on one line.
 */
export function columnWidths(t: ReportTable, total = CONTENT_WIDTH): number[] {
  const weights = t.head.map((_, i) => (i === 0 ? 2.5 : kindOf(t, i) === "text" ? 2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum));
  widths[0] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const cellMargins = { top: 40, bottom: 40, left: 70, right: 70 };
const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };
const small = 18; // 9 pt, in half-points

const docxTable = (t: ReportTable) => {
  const widths = columnWidths(t);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true, cantSplit: true,
        children: t.head.map((h, i) => new TableCell({
          width: { size: widths[i], type: WidthType.DXA }, margins: cellMargins,
          shading: { type: ShadingType.CLEAR, color: "auto", fill: "E7EEF6" },
          children: [new Paragraph({
            spacing: tight,
            alignment: i > 0 && kindOf(t, i) !== "text" ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun({ text: h, bold: true, size: small - 1 })],
          })],
        })),
      }),
      ...t.rows.map((r) => new TableRow({
        cantSplit: true,
        children: r.map((c, i) => new TableCell({
          width: { size: widths[i], type: WidthType.DXA }, margins: cellMargins,
          children: [new Paragraph({
            spacing: tight,
            alignment: kindOf(t, i) === "text" || typeof c === "string" ? AlignmentType.LEFT : AlignmentType.RIGHT,
            children: [new TextRun({ text: formatCell(c, kindOf(t, i)), bold: i === 0, size: small })],
          })],
        })),
      })),
    ],
  });
};

/** Written text: each group's label as a Heading 3, then its text as paragraphs or as a bulleted list. */
const docxProse = (t: ReportTable): Paragraph[] => proseBlocks(t).flatMap((b) => [
  ...(b.label ? [new Paragraph({ text: b.label, heading: HeadingLevel.HEADING_3 })] : []),
  ...b.lead.map((l) => new Paragraph({ text: l })),
  ...b.lines.map((l) => (t.prose === "list" ? new Paragraph({ text: l, bullet: { level: 0 } }) : new Paragraph({ text: l }))),
]);

const caption = (text: string) => new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text, italics: true })] });

export async function renderDocx(model: ReportModel, charts: ChartImages = new Map()): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  if (model.subtitle) children.push(new Paragraph({ text: model.subtitle, spacing: { after: 240 } }));
  model.sections.forEach((s, si) => {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
    (s.charts ?? []).forEach((c, ci) => {
      const png = charts.get(chartKey(si, ci));
      if (!png) return;
      // The chart's title is drawn in the image itself, so it stays with the chart when copied into the report.
      children.push(new Paragraph({
        spacing: { before: 120, after: 120 },
        children: [new ImageRun({
          type: "png", data: png, transformation: { width: CHART_WIDTH * 0.75, height: CHART_HEIGHT * 0.75 },
          altText: { name: c.title, title: c.title, description: c.alt },
        })],
      }));
    });
    for (const t of s.tables) {
      if (t.prose) { children.push(...docxProse(t)); continue; }
      children.push(caption(t.caption));
      children.push(docxTable(t));
      children.push(new Paragraph({ text: "", spacing: { after: 120 } }));
    }
    for (const n of s.notes ?? []) children.push(new Paragraph({ text: n, bullet: { level: 0 } }));
  });
  if (model.rules?.length) {
    children.push(new Paragraph({ text: "Regler för redovisningen", heading: HeadingLevel.HEADING_1 }));
    for (const r of model.rules) children.push(new Paragraph({ text: r, bullet: { level: 0 } }));
  }
  const headerText = [model.forbund, model.year ? String(model.year) : null].filter(Boolean).join(" · ") || model.title;
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: BLUE }, paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  const doc = new Document({
    creator: "Samspår", title: model.title, description: model.subtitle,
    styles: {
      default: {
        // lineRule auto: without it LibreOffice takes the line height as exact and clips the charts to one line.
        document: { run: { font: FONT, size: 21 }, paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 44, bold: true, color: BLUE }, paragraph: { spacing: { after: 120 }, keepNext: true } },
        heading1: heading(30, 360),
        heading2: heading(25, 240),
        heading3: heading(22, 200),
      },
    },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, size: small, color: "555555" })] })] }) },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES], size: small })] })],
        }),
      },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
