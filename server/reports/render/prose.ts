/** Written text (a table marked prose) as blocks: consecutive rows with the same label form one block. */
import type { ReportTable } from "../model.js";
import { formatCell } from "./cells.js";

/** `lead`: a written summary printed above the lines (a table's `leads` rows). */
export type ProseBlock = { label: string | null; lead: string[]; lines: string[] };

/** The label is every column but the last (joined with " – "); the last column's lines are the text. */
export function proseBlocks(t: ReportTable): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  const leads = new Set(t.leads ?? []);
  t.rows.forEach((r, i) => {
    const label = r.length > 1 ? r.slice(0, -1).map((c) => formatCell(c, "text")).join(" – ") : null;
    const lines = formatCell(r[r.length - 1] ?? null, "text").split("\n").filter((l) => l.trim());
    let block = blocks[blocks.length - 1];
    if (!block || block.label !== label) blocks.push(block = { label, lead: [], lines: [] });
    (leads.has(i) ? block.lead : block.lines).push(...lines);
  });
  return blocks;
}
