/** Written text (a table marked prose) as blocks: consecutive rows with the same label form one block. */
import type { ReportTable } from "../model.js";
import { formatCell } from "./cells.js";

export type ProseBlock = { label: string | null; lines: string[] };

/** The label is every column but the last (joined with " – "); the last column's lines are the text. */
export function proseBlocks(t: ReportTable): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  for (const r of t.rows) {
    const label = r.length > 1 ? r.slice(0, -1).map((c) => formatCell(c, "text")).join(" – ") : null;
    const lines = formatCell(r[r.length - 1] ?? null, "text").split("\n").filter((l) => l.trim());
    const last = blocks[blocks.length - 1];
    if (last && last.label === label) last.lines.push(...lines);
    else blocks.push({ label, lines });
  }
  return blocks;
}
