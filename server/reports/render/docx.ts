/**
 * Word (docx): Word headings (navigation and table of contents work), real tables with a repeated
 * header row, charts as PNG with alt text, the förbund's name and year in the header, page numbers.
 * A4 with a sans-serif font (Arial: Liberation Sans or DejaVu Sans where LibreOffice has no Arial),
 * columns sized by what they hold, and headings and captions kept with what follows them.
 */
import {
  AlignmentType, Document, FileChild, Footer, Header, HeadingLevel, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, TextRun, type IXmlableObject,
} from "docx";
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";
import { formatCell, kindOf } from "./cells.js";
import { proseBlocks } from "./prose.js";
import { printedTable, rowGroups } from "./grouped.js";
import { BLUE, COMPACT, CONTENT_WIDTH, FONT, LANDSCAPE_WIDTH, NORMAL, PAGE, columnWidths, layoutOf, marginsOf, small, type Fit } from "./page-layout.js";

const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };

/** Paragraph styles of table text (size and tight spacing once in styles.xml, not on each of thousands of cells). */
const TABLE_STYLE = { normal: "Tabell", compact: "TabellKompakt" } as const;
const tableStyleOf = (fit: Fit) => (fit === COMPACT ? TABLE_STYLE.compact : TABLE_STYLE.normal);

/**
 * A table written straight as the XML object docx writes out (FileChild with its own prepForXml, docx's extension
 * point): the national export has 75 förbund × ten questions × four figures, and docx's Table, TableRow, TableCell,
 * Paragraph and TextRun objects for each of those cells took most of the export's time and memory (BENCHMARKS.md,
 * issue 20). The XML is what docx's own table gave, with the cell margins on the table (tblCellMar) and the text's
 * size and spacing in a paragraph style instead of on every cell.
 */
class PreparedTable extends FileChild {
  constructor(private readonly xml: IXmlableObject) { super("w:tbl"); }
  override prepForXml(): IXmlableObject { return this.xml; }
}

type Xml = IXmlableObject;
const EMPTY = {};
const attr = (a: Record<string, string | number>) => ({ _attr: a });
const dxa = (w: number) => attr({ "w:type": "dxa", "w:w": w });
const border = { _attr: { "w:val": "single", "w:color": "auto", "w:sz": 4 } };
const shading = (fill: string): Xml => ({ "w:shd": attr({ "w:fill": fill, "w:color": "auto", "w:val": "clear" }) });

/** One cell: its width (and span, shading), one paragraph in the table's style, one run (bold and size only where they differ). */
function cellXml(text: string, o: { width: number; style: string; right: boolean; bold?: boolean; size?: number; span?: number; fill?: string; keepNext?: boolean }): Xml {
  const tcPr: Xml[] = [{ "w:tcW": dxa(o.width) }];
  if (o.span) tcPr.push({ "w:gridSpan": attr({ "w:val": o.span }) });
  if (o.fill) tcPr.push(shading(o.fill));
  const pPr: Xml[] = [{ "w:pStyle": attr({ "w:val": o.style }) }];
  if (o.keepNext) pPr.push({ "w:keepNext": EMPTY });
  if (o.right) pPr.push({ "w:jc": attr({ "w:val": "right" }) });
  const rPr: Xml[] = [];
  if (o.bold) rPr.push({ "w:b": EMPTY }, { "w:bCs": EMPTY });
  if (o.size) rPr.push({ "w:sz": attr({ "w:val": o.size }) }, { "w:szCs": attr({ "w:val": o.size }) });
  const run: Xml[] = rPr.length ? [{ "w:rPr": rPr }] : [];
  run.push({ "w:t": [attr({ "xml:space": "preserve" }), text] });
  return { "w:tc": [{ "w:tcPr": tcPr }, { "w:p": [{ "w:pPr": pPr }, { "w:r": run }] }] };
}

const rowXml = (cells: Xml[], header = false): Xml =>
  ({ "w:tr": [{ "w:trPr": header ? [{ "w:cantSplit": EMPTY }, { "w:tblHeader": EMPTY }] : [{ "w:cantSplit": EMPTY }] }, ...cells] });

const docxTable = (whole: ReportTable) => {
  // A grouped table sets its first column once per group, as a full-width row above the group's rows.
  const { body: t, groups } = whole.grouped ? rowGroups(whole) : { body: whole, groups: null };
  const { fit, landscape } = layoutOf(t);
  const total = landscape ? LANDSCAPE_WIDTH : CONTENT_WIDTH;
  const widths = columnWidths(t, total, fit);
  const m = marginsOf(fit);
  const style = tableStyleOf(fit);
  const kinds = t.head.map((_, i) => kindOf(t, i));
  const row = (r: ReportTable["rows"][number]) => rowXml(r.map((c, i) => cellXml(formatCell(c, kinds[i]), {
    width: widths[i], style, right: kinds[i] !== "text" && typeof c !== "string", bold: i === 0 && !groups,
  })));
  // keepNext: the group's label stays on the page of its first row.
  const groupRow = (label: string) => rowXml([cellXml(label, { width: total, style, right: false, bold: true, span: t.head.length, fill: "F2F2F2", keepNext: true })]);
  const head = rowXml(t.head.map((h, i) => cellXml(h, {
    width: widths[i], style, right: i > 0 && kinds[i] !== "text", bold: true, size: fit.head, fill: "E7EEF6",
  })), true);
  return new PreparedTable({
    "w:tbl": [
      {
        "w:tblPr": [
          { "w:tblW": dxa(total) },
          { "w:tblBorders": ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"].map((side) => ({ [side]: border })) },
          { "w:tblLayout": attr({ "w:type": "fixed" }) },
          { "w:tblCellMar": [{ "w:top": dxa(m.top) }, { "w:left": dxa(m.left) }, { "w:bottom": dxa(m.bottom) }, { "w:right": dxa(m.right) }] },
        ],
      },
      { "w:tblGrid": widths.map((w) => ({ "w:gridCol": attr({ "w:w": w }) })) },
      head,
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
  const parts: { landscape: boolean; children: FileChild[] }[] = [{ landscape: false, children: [] }];
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
      paragraphStyles: [
        { id: TABLE_STYLE.normal, name: "Tabell", basedOn: "Normal", run: { size: NORMAL.body }, paragraph: { spacing: tight } },
        { id: TABLE_STYLE.compact, name: "Tabell kompakt", basedOn: "Normal", run: { size: COMPACT.body }, paragraph: { spacing: tight } },
      ],
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
