/**
 * The personal-data guard: finds Swedish personnummer and samordningsnummer, phone numbers and
 * e-mail addresses in free text. Pure; used by the public forms (refuse) and by views and exports (mask).
 */

export type PiiKind = "personnummer" | "telefon" | "epost";
export type PiiHit = { kind: PiiKind; start: number; end: number; text: string };

export const piiLabels: Record<PiiKind, string> = {
  personnummer: "personnummer", telefon: "telefonnummer", epost: "e-postadress",
};
const masks: Record<PiiKind, string> = {
  personnummer: "[personnummer borttaget]", telefon: "[telefonnummer borttaget]", epost: "[e-postadress borttagen]",
};

// 12 digits (YYYYMMDDNNNN) or 10 (YYMMDDNNNN), with an optional - or + before the last four; not part of a longer number.
const personnummerRe = /(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?[-+]?\s?(\d{4})(?![\d-])/g;
// 07x / 0xx or +46 / 0046, then digits with optional spaces, dashes or brackets: 8–10 digits after the prefix's 0.
const phoneRe = /(?<![\w+])(?:\+46|0046|0)[\s-]?\(?0?\)?[\s-]?[1-9](?:[\s-]?\d){6,9}(?![\d])/g;
const emailRe = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Luhn check over the 10-digit form YYMMDDNNNN. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Month 01–12, day 01–31, or 61–91 for a samordningsnummer. */
function plausibleDate(mm: string, dd: string): boolean {
  const m = Number(mm), d = Number(dd);
  return m >= 1 && m <= 12 && ((d >= 1 && d <= 31) || (d >= 61 && d <= 91));
}

/** Every personal detail found in the text, in order of position, without overlaps. */
export function findPii(text: string): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const m of text.matchAll(personnummerRe)) {
    const [, century, yy, mm, dd, last4] = m;
    if (century && !/^(18|19|20)$/.test(century)) continue;
    if (plausibleDate(mm, dd) && luhnValid(`${yy}${mm}${dd}${last4}`)) {
      hits.push({ kind: "personnummer", start: m.index!, end: m.index! + m[0].length, text: m[0] });
    }
  }
  for (const m of text.matchAll(emailRe)) hits.push({ kind: "epost", start: m.index!, end: m.index! + m[0].length, text: m[0] });
  for (const m of text.matchAll(phoneRe)) hits.push({ kind: "telefon", start: m.index!, end: m.index! + m[0].length, text: m[0] });
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiHit[] = [];
  for (const h of hits) if (!out.length || h.start >= out[out.length - 1].end) out.push(h);
  return out;
}


/** The text with every personal detail replaced by a marker such as [personnummer borttaget]. */
export function maskPii(text: string): string {
  let out = "", at = 0;
  for (const h of findPii(text)) {
    out += text.slice(at, h.start) + masks[h.kind];
    at = h.end;
  }
  return out + text.slice(at);
}

/** A Swedish message for a form field, or undefined when the text is clean. */
export function piiMessage(text: string): string | undefined {
  const kinds = [...new Set(findPii(text).map((h) => piiLabels[h.kind]))];
  if (!kinds.length) return undefined;
  const list = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(", ")} och ${kinds[kinds.length - 1]}`;
  return `Texten verkar innehålla ${list}. Ta bort det – svaren ska inte kunna kopplas till en person.`;
}
