/**
 * Word (docx): Word headings (navigation and table of contents work), real tables with a repeated
 * header row, charts as PNG with alt text, the förbund's name and year in the header, page numbers.
 * A4 with a sans-serif font (Arial: Liberation Sans or DejaVu Sans where LibreOffice has no Arial),
 * columns sized by what they hold, and headings and captions kept with what follows them.
 */
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableLayoutType,
  TableRow, TextRun, WidthType,
} from "docx";
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";
import { formatCell, kindOf } from "./cells.js";
import { proseBlocks } from "./prose.js";
import { printedTable, rowGroups } from "./grouped.js";
import { BLUE, CONTENT_WIDTH, FONT, LANDSCAPE_WIDTH, PAGE, columnWidths, layoutOf, marginsOf, small } from "./page-layout.js";

const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };

const docxTable = (whole: ReportTable) => {
  // A grouped table sets its first column once per group, as a full-width row above the group's rows.
  const { body: t, groups } = whole.grouped ? rowGroups(whole) : { body: whole, groups: null };
  const { fit, landscape } = layoutOf(t);
  const total = landscape ? LANDSCAPE_WIDTH : CONTENT_WIDTH;
  const widths = columnWidths(t, total, fit);
  const cellMargins = marginsOf(fit);
  const row = (r: ReportTable["rows"][number]) => new TableRow({
    cantSplit: true,
    children: r.map((c, i) => new TableCell({
      width: { size: widths[i], type: WidthType.DXA }, margins: cellMargins,
      children: [new Paragraph({
        spacing: tight,
        alignment: kindOf(t, i) === "text" || typeof c === "string" ? AlignmentType.LEFT : AlignmentType.RIGHT,
        children: [new TextRun({ text: formatCell(c, kindOf(t, i)), bold: i === 0 && !groups, size: fit.body })],
      })],
    })),
  });
  // keepNext: the group's label stays on the page of its first row.
  const groupRow = (label: string) => new TableRow({
    cantSplit: true,
    children: [new TableCell({
      width: { size: total, type: WidthType.DXA }, margins: cellMargins, columnSpan: t.head.length,
      shading: { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" },
      children: [new Paragraph({ spacing: tight, keepNext: true, children: [new TextRun({ text: label, bold: true, size: fit.body })] })],
    })],
  });
  return new Table({
    width: { size: total, type: WidthType.DXA },
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
            children: [new TextRun({ text: h, bold: true, size: fit.head })],
          })],
        })),
      }),
      ...(groups ? groups.flatMap((g) => [groupRow(g.label), ...g.rows.map(row)]) : t.rows.map(row)),
    ],
  });
};

/** Written text: each group's label as a Heading 3, its summary (lead) in italics as in print, then its text as paragraphs or as a bulleted list. */
const docxProse = (t: ReportTable): Paragraph[] => proseBlocks(t).flatMap((b) => [
  ...(b.label ? [new Paragraph({ text: b.label, heading: HeadingLevel.HEADING_3 })] : []),
  ...b.lead.map((l) => new Paragraph({ children: [new TextRun({ text: l, italics: true })] })),
  ...b.lines.map((l) => (t.prose === "list" ? new Paragraph({ text: l, bullet: { level: 0 } }) : new Paragraph({ text: l }))),
]);

const caption = (text: string) => new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text, italics: true })] });

export async function renderDocx(model: ReportModel, charts: ChartImages = new Map()): Promise<Buffer> {
  // A section with a table too wide for a standing page goes on pages turned on their side (a Word section of
  // its own, heading and text with it, so no page is left with a heading alone); then the pages stand again.
  const parts: { landscape: boolean; children: (Paragraph | Table)[] }[] = [{ landscape: false, children: [] }];
  let children = parts[0].children;
  const turn = (landscape: boolean) => {
    if (parts[parts.length - 1].landscape === landscape) return;
    parts.push({ landscape, children: [] });
    children = parts[parts.length - 1].children;
  };
  const onItsSide = (s: ReportModel["sections"][number]) => s.tables.some((t) => !t.prose && layoutOf(printedTable(t)).landscape);
  // The title goes with the first section, standing or on its side.
  turn(!!model.sections[0] && onItsSide(model.sections[0]));
  children.push(new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }));
  if (model.subtitle) children.push(new Paragraph({ text: model.subtitle, spacing: { after: 240 } }));
  model.sections.forEach((s, si) => {
    turn(onItsSide(s));
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
    turn(false);
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
    sections: parts.filter((p) => p.children.length).map((p) => ({
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: p.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
        },
      },
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, size: small, color: "555555" })] })] }) },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES], size: small })] })],
        }),
      },
      children: p.children,
    })),
  });
  return Packer.toBuffer(doc);
}
