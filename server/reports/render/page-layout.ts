/**
 * Page and column layout of the bilagor's tables, shared by the Word renderer and the print HTML (which
 * asks which tables are too wide for a portrait page). No docx here: the print HTML and the server's
 * start must not load the docx library (test/process/footprint.test.ts).
 */
import type { ReportTable } from "../model.js";
import { formatCell, kindOf } from "./cells.js";

/** A4 in twentieths of a point, 2 cm margins. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const FONT = "Arial";
export const BLUE = "1F4E79";

/** A4 on its side, for a table too wide to keep its words whole on a standing page (Statistik). */
export const LANDSCAPE_WIDTH = PAGE.height - 2 * PAGE.margin;

export const small = 18; // 9 pt, in half-points
/** Type and cell margins of a table: normal, or compact (8 pt, 7,5 pt headers) for a wide table so that it stays on a standing page. */
export type Fit = { body: number; head: number; margin: number };
export const NORMAL: Fit = { body: small, head: small - 1, margin: 70 };
export const COMPACT: Fit = { body: 16, head: 15, margin: 45 };
export const marginsOf = (f: Fit) => ({ top: 40, bottom: 40, left: f.margin, right: f.margin });
/**
 * Twips a character takes at a size (half-points): Arial's letters average under 0,57 em
 * (bold 0,62), so a word measured this way fits its cell in Word and in LibreOffice (Liberation Sans).
 */
export const charTwips = (halfPoints: number, bold: boolean) => (halfPoints / 2) * 20 * (bold ? 0.62 : 0.57);
export const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => w.length));
/** Longest text column minimum: a very long word (an address) may break rather than take the page. */
export const MAX_WORD_WIDTH = 3200;

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

export const fits = (t: ReportTable, f: Fit, total = CONTENT_WIDTH) => minimumWidths(t, f).reduce((a, b) => a + b, 0) <= total;
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
