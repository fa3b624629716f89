/**
 * Word (docx): Word headings (navigation and table of contents work), real tables with a repeated
 * header row, charts as PNG with alt text, the förbund's name and year in the header, page numbers.
 */
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from "docx";
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";
import { formatCell, kindOf } from "./cells.js";

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
          alignment: kindOf(t, i) === "text" || typeof c === "string" ? AlignmentType.LEFT : AlignmentType.RIGHT,
          children: [new TextRun({ text: formatCell(c, kindOf(t, i)), bold: i === 0 })],
        })],
      })),
    })),
  ],
});

/** Written text: the caption as a Word heading, each row's labels as a subheading, the text as paragraphs. */
const docxProse = (t: ReportTable): Paragraph[] => [
  new Paragraph({ text: t.caption, heading: HeadingLevel.HEADING_2 }),
  ...t.rows.flatMap((r) => {
    const labels = r.slice(0, -1).map((c) => formatCell(c, "text"));
    const text = formatCell(r[r.length - 1] ?? null, "text");
    return [
      ...(labels.length ? [new Paragraph({ text: labels.join(" – "), heading: HeadingLevel.HEADING_3 })] : []),
      ...text.split("\n").map((l) => new Paragraph({ text: l, spacing: { after: 120 } })),
    ];
  }),
];

export async function renderDocx(model: ReportModel, charts: ChartImages = new Map()): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  if (model.subtitle) children.push(new Paragraph({ text: model.subtitle }));
  model.sections.forEach((s, si) => {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
    (s.charts ?? []).forEach((c, ci) => {
      const png = charts.get(chartKey(si, ci));
      if (!png) return;
      children.push(new Paragraph({ text: c.title, heading: HeadingLevel.HEADING_2 }));
      children.push(new Paragraph({
        children: [new ImageRun({
          type: "png", data: png, transformation: { width: CHART_WIDTH * 0.75, height: CHART_HEIGHT * 0.75 },
          altText: { name: c.title, title: c.title, description: c.alt },
        })],
      }));
    });
    for (const t of s.tables) {
      if (t.prose) { children.push(...docxProse(t)); continue; }
      children.push(new Paragraph({ children: [new TextRun({ text: t.caption, italics: true })] }));
      children.push(docxTable(t));
      children.push(new Paragraph({ text: "" }));
    }
    for (const n of s.notes ?? []) children.push(new Paragraph({ text: n, bullet: { level: 0 } }));
  });
  if (model.rules?.length) {
    children.push(new Paragraph({ text: "Regler för redovisningen", heading: HeadingLevel.HEADING_1 }));
    for (const r of model.rules) children.push(new Paragraph({ text: r, bullet: { level: 0 } }));
  }
  const headerText = [model.forbund, model.year ? String(model.year) : null].filter(Boolean).join(" · ") || model.title;
  const doc = new Document({
    creator: "Samspår", title: model.title, description: model.subtitle,
    sections: [{
      headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, size: 18 })] })] }) },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES], size: 18 })] })],
        }),
      },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
