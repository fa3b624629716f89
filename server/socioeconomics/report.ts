/**
 * The report model every bilaga can share: plain data, built once and rendered to HTML, CSV, DOCX
 * and XLSX by render.ts. Cells are raw values (numbers stay numbers, so a spreadsheet can count with
 * them); a column's kind says how a renderer writes it in Swedish form (12 345, 57 %, 8 164 800).
 * null is a missing figure ("–").
 */
export type ColumnKind = "text" | "integer" | "percent" | "kronor";
export type Cell = string | number | null;
export type ReportTable = {
  caption: string;
  head: string[];
  rows: Cell[][];
  /** One per column; "text" when left out. */
  kinds?: ColumnKind[];
};
export type ReportSection = { heading: string; paragraphs: string[]; tables: ReportTable[]; notes?: string[] };
export type ReportModel = { title: string; subtitle?: string; sections: ReportSection[] };
