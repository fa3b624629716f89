/**
 * The report model every bilaga shares: plain data (headings, paragraphs, tables, charts as data),
 * built once from the other features' services and rendered by one renderer per format
 * (render/*.ts). Cells are raw values, so numbers stay numbers in a spreadsheet; a column's kind says
 * how a renderer writes it in Swedish form (12 345, 57 %, 4,3; a median 7 or 6,5). null is a missing figure ("–"); a
 * string in a figure column is printed as it is (e.g. "För få svar för att redovisa").
 */
/** "median": whole when the median is whole ("7", as 002 prints it), one decimal when it is a half ("6,5"). */
export type ColumnKind = "text" | "integer" | "percent" | "kronor" | "decimal" | "median";
export type Cell = string | number | null;
export type ReportTable = {
  caption: string;
  head: string[];
  rows: Cell[][];
  /** One per column; "text" when left out. */
  kinds?: ColumnKind[];
  /**
   * Written text rather than figures (the summaries, the analysis, free-text answers): the last column
   * is the text and any columns before it label it. Print and Word show each label once as a
   * subheading with its texts as paragraphs ("text") or a bulleted list ("list"); CSV and Excel as a table.
   */
  prose?: "text" | "list";
  /** A short name for the table's Excel sheet (the caption, cut, when left out). */
  sheet?: string;
  /** Rows of a "list" that are a written summary: printed as a paragraph above the list's items, not as an item. */
  leads?: number[];
  /**
   * The first column names groups of consecutive rows (a question above its answer options): print and Word write
   * it once, as a full-width row above its group, and leave the column out; CSV and Excel keep it on every row,
   * so that each row can be sorted and filtered on its own.
   */
  grouped?: boolean;
};
/** A bar chart as data: values are shares (0–1) when percent, otherwise plain numbers; null = not shown. */
export type ReportChart = {
  title: string;
  /** Alt text of the image: what the chart shows, in words. */
  alt: string;
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
  percent?: boolean;
  /** The top of the value axis when it is not 100 %: the scale's highest answer (10 on a scale of 1–10), so that a mean is read against the whole scale. */
  max?: number;
  /** A target line across the chart (e.g. 70 %). */
  line?: { label: string; value: number };
};
export type ReportSection = {
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  charts?: ReportChart[];
  notes?: string[];
};
export type ReportModel = {
  title: string;
  subtitle?: string;
  /** The förbund's name and the year: the header of every page of the Word document. */
  forbund?: string;
  year?: number;
  sections: ReportSection[];
  /** The rules behind the figures (threshold, verdicts): a sheet of its own in Excel, a list elsewhere. */
  rules?: string[];
};
/** Texts the förbund wrote for a bilaga, by key (a question id, "analys"). */
export type BilagaTexts = Record<string, string>;
/** PNG images of a model's charts, keyed "section index:chart index" (render/chart.ts). */
export type ChartImages = Map<string, Buffer>;
export const chartKey = (section: number, chart: number) => `${section}:${chart}`;
