/** A grouped table (ReportTable.grouped) as print and Word set it: the first column once per group, above its rows. */
import type { Cell, ReportTable } from "../model.js";
import { formatCell } from "./cells.js";

export type RowGroup = { label: string; rows: Cell[][] };

/**
 * The table without its first column (what the layout measures and the rows print), and its rows in groups:
 * consecutive rows with the same first cell form one group under that cell's text.
 */
export function rowGroups(t: ReportTable): { body: ReportTable; groups: RowGroup[] } {
  const body: ReportTable = { ...t, head: t.head.slice(1), kinds: t.kinds?.slice(1), rows: t.rows.map((r) => r.slice(1)), grouped: false };
  const groups: RowGroup[] = [];
  for (const r of t.rows) {
    const label = formatCell(r[0] ?? null, "text");
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.rows.push(r.slice(1));
    else groups.push({ label, rows: [r.slice(1)] });
  }
  return { body, groups };
}

/** The table as print and Word lay it out (a grouped one without its first column). */
export const printedTable = (t: ReportTable): ReportTable => (t.grouped ? rowGroups(t).body : t);
