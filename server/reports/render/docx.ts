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

/** A4 in twentieths of a point, 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = "Arial";
const BLUE = "1F4E79";

/** A4 on its side, for a table too wide to keep its words whole on a standing page (Statistik). */
const LANDSCAPE_WIDTH = PAGE.height - 2 * PAGE.margin;

const small = 18; // 9 pt, in half-points
/** Type and cell margins of a table: normal, or compact (8 pt, 7,5 pt headers) for a wide table so that it stays on a standing page. */
type Fit = { body: number; head: number; margin: number };
const NORMAL: Fit = { body: small, head: small - 1, margin: 70 };
const COMPACT: Fit = { body: 16, head: 15, margin: 45 };
const marginsOf = (f: Fit) => ({ top: 40, bottom: 40, left: f.margin, right: f.margin });
/**
 * Twips a character takes at a size (half-points): Arial's letters average under 0,57 em
 * (bold 0,62), so a word measured this way fits its cell in Word and in LibreOffice (Liberation Sans).
 */
const charTwips = (halfPoints: number, bold: boolean) => (halfPoints / 2) * 20 * (bold ? 0.62 : 0.57);
const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => w.length));
/** Longest text column minimum: a very long word (an address) may break rather than take the page. */
const MAX_WORD_WIDTH = 3200;

/**
 * The narrowest each column can be without breaking a word: the header's longest word (bold), a figure
 * column's longest figure, a text column's longest word; plus the cell's margins.
 */
export function minimumWidths(t: ReportTable, f: Fit = NORMAL): number[] {
  const pad = 2 * f.margin + 30;
  return t.head.map((h, i) => {
    const head = longestWord(h) * charTwips(f.head, true);
    // A figure stays on one line; a text (also "För få svar för att redovisa" in a figure column) may wrap between words.
    const body = Math.max(0, ...t.rows.map((r) => {
      const c = formatCell(r[i] ?? null, kindOf(t, i));
      return (typeof r[i] === "number" ? c.length : longestWord(c)) * charTwips(f.body, i === 0);
    }));
    return Math.ceil(Math.max(head, Math.min(body, MAX_WORD_WIDTH)) + pad);
  });
}

const fits = (t: ReportTable, f: Fit, total = CONTENT_WIDTH) => minimumWidths(t, f).reduce((a, b) => a + b, 0) <= total;
/** How a table is set: normal on a standing page; compact when only that keeps its words whole; on a page on its side when not even that. */
export function layoutOf(t: ReportTable): { fit: Fit; landscape: boolean } {
  if (fits(t, NORMAL)) return { fit: NORMAL, landscape: false };
  if (fits(t, COMPACT)) return { fit: COMPACT, landscape: false };
  return { fit: COMPACT, landscape: true };
}
/** Whether a table is wide: set compact or on its side (print HTML uses the same test). */
export const isWide = (t: ReportTable) => !fits(t, NORMAL);

/**
 * Column widths that add up to the page: each column gets at least its minimumWidths (no word of a header
 * breaks: "Deltag|are"), and what is left goes by weight — the first column (what the row is about) 2,5,
 * other text columns 2, figure columns 1 — so a question reads in whole words and a figure fits on one line.
 * Only when even the minimums do not fit are the columns shrunk in proportion.
 */
export function columnWidths(t: ReportTable, total = CONTENT_WIDTH, f: Fit = NORMAL): number[] {
  const mins = minimumWidths(t, f);
  const minSum = mins.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (minSum >= total) widths = mins.map((m) => Math.floor((m * total) / minSum));
  else {
    const weights = t.head.map((_, i) => (i === 0 ? 2.5 : kindOf(t, i) === "text" ? 2 : 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    widths = mins.map((m, i) => m + Math.floor(((total - minSum) * weights[i]) / sum));
  }
  widths[0] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };

const docxTable = (t: ReportTable) => {
  const { fit, landscape } = layoutOf(t);
  const total = landscape ? LANDSCAPE_WIDTH : CONTENT_WIDTH;
  const widths = columnWidths(t, total, fit);
  const cellMargins = marginsOf(fit);
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
      ...t.rows.map((r) => new TableRow({
        cantSplit: true,
        children: r.map((c, i) => new TableCell({
          width: { size: widths[i], type: WidthType.DXA }, margins: cellMargins,
          children: [new Paragraph({
            spacing: tight,
            alignment: kindOf(t, i) === "text" || typeof c === "string" ? AlignmentType.LEFT : AlignmentType.RIGHT,
            children: [new TextRun({ text: formatCell(c, kindOf(t, i)), bold: i === 0, size: fit.body })],
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
  // A section with a table too wide for a standing page goes on pages turned on their side (a Word section of
  // its own, heading and text with it, so no page is left with a heading alone); then the pages stand again.
  const parts: { landscape: boolean; children: (Paragraph | Table)[] }[] = [{ landscape: false, children: [] }];
  let children = parts[0].children;
  const turn = (landscape: boolean) => {
    if (parts[parts.length - 1].landscape === landscape) return;
    parts.push({ landscape, children: [] });
    children = parts[parts.length - 1].children;
  };
  const onItsSide = (s: ReportModel["sections"][number]) => s.tables.some((t) => !t.prose && layoutOf(t).landscape);
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
