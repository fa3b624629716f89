/**
 * Free text as a reader wants it: answers that say the same thing (the same words, whatever their
 * case, punctuation or spacing) are one line with their count, most frequent first, masked for
 * personal data, so that no sentence is listed twice. Pure.
 */
import { maskPii } from "../privacy/pii.js";

/** One line of free text: the words most of its writers used, and how many wrote it. */
export type TextCount = { text: string; count: number };

/**
 * What two answers share when they say the same thing: the letters and digits in lower case, each run of
 * punctuation and spaces as one space (NFKC first, so that a non-breaking space or a full-width comma is
 * one as well).
 */
export const sameTextKey = (text: string): string =>
  text.normalize("NFKC").toLocaleLowerCase("sv-SE").replace(/[\p{P}\s]+/gu, " ").trim();

/** Capital letters after the first character. */
const shouting = (text: string) => (text.slice(1).match(/\p{Lu}/gu) ?? []).length;
/** 1 when every letter of a word or more is a capital ("BRA MÖTEN"), 0 otherwise (a single letter is not shouting). */
const allCaps = (text: string) => ((text.match(/\p{L}/gu) ?? []).length > 1 && text === text.toUpperCase() && text !== text.toLowerCase() ? 1 : 0);
/** 0 when the text starts as a sentence does, with a capital letter; 1 otherwise ("svårt för den som saknar sgi"). */
const lowerStart = (text: string) => (/^\P{L}*\p{Lu}/u.test(text) ? 0 : 1);
/** 0 when the text ends with a full stop, 1 otherwise: "Bra möten." before "Bra möten!!". */
const noFullStop = (text: string) => (text.endsWith(".") ? 0 : 1);

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups exact texts with their counts (as the database counts them) into lines: masked first (two
 * answers differing only in a phone number say the same thing once masked), then merged by sameTextKey.
 * A line shows its most frequent wording (ties: as a sentence is written — not all capitals, a capital first,
 * then the fewest capitals after it, a full stop at the end, then the first in code-unit order — so "Bra möten"
 * rather than "BRA MÖTEN", and "Svårt utan SGI." rather than "svårt utan sgi."). Lines are ordered by count,
 * most first, then by their key: never by the order the answers came in. At most `limit` lines.
 */
export function groupTexts(exact: readonly TextCount[], limit = Infinity): TextCount[] {
  const groups = new Map<string, { count: number; wordings: Map<string, number> }>();
  for (const { text, count } of exact) {
    if (count <= 0 || text.trim() === "") continue;
    const masked = maskPii(text).trim();
    const key = sameTextKey(masked);
    let g = groups.get(key);
    if (!g) groups.set(key, g = { count: 0, wordings: new Map() });
    g.count += count;
    g.wordings.set(masked, (g.wordings.get(masked) ?? 0) + count);
  }
  const lines = [...groups].map(([key, g]) => {
    const [text] = [...g.wordings].sort(([a, x], [b, y]) => y - x || allCaps(a) - allCaps(b) || lowerStart(a) - lowerStart(b)
      || shouting(a) - shouting(b) || noFullStop(a) - noFullStop(b) || byCodeUnit(a, b))[0];
    return { key, text, count: g.count };
  });
  lines.sort((a, b) => b.count - a.count || byCodeUnit(a.key, b.key));
  return lines.slice(0, limit).map(({ text, count }) => ({ text, count }));
}

/** A line as printed: the text, and its count in brackets when more than one wrote it ("Tidsbrist (24)"). */
export const textLine = (t: TextCount): string => (t.count > 1 ? `${t.text} (${t.count})` : t.text);
