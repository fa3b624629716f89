/**
 * The report model every bilaga shares now lives in server/reports/model.ts (plain data: headings,
 * paragraphs, tables with column kinds, charts as data); the Statistik bilaga uses the same types.
 */
export type { Cell, ColumnKind, ReportModel, ReportSection, ReportTable } from "../reports/model.js";
