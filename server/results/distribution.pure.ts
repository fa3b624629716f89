/**
 * The distribution of one question's answers: count and share per answer option ("Aldrig" … "Alltid",
 * 1–10, Ja/Nej, an option's text), for the results pages, the CSV and every bilaga. Shares are of n
 * (those who gave a value; multi: of those who answered the question, so they can add up to more than
 * 100 %). A suppressed question has none: the reporting threshold decides before this file. Pure.
 */
import { frequencyLabels, tr, type Question } from "../../surveys/define.js";
import type { QuestionResult } from "./threshold.js";

/** The label of a stored value: "Aldrig" … "Alltid", "1 (Mycket dåligt)", "Ja", an option's text. */
export function valueLabel(q: Question, value: string): string {
  switch (q.kind) {
    case "frequency6": return tr(frequencyLabels[Number(value) - 1], "sv") || value;
    case "scale6": case "scale10": {
      const max = q.kind === "scale6" ? "6" : "10";
      return value === "1" ? `1 (${tr(q.low, "sv")})` : value === max ? `${max} (${tr(q.high, "sv")})` : value;
    }
    case "yesno": return value === "ja" ? "Ja" : "Nej";
    case "single": case "multi": {
      if (value === "annat" && q.kind === "multi") return tr(q.other, "sv") || "Annat";
      return tr(q.options.find((o) => o.code === value)?.text, "sv") || value;
    }
    case "text": return value;
  }
}

export type DistributionRow = { label: string; count: number; share: number | null };

/** Count and share of each value; [] when the question is suppressed or has no fixed values. */
export function distributionOf(q: Question, r: QuestionResult): DistributionRow[] {
  if (r.suppressed) return [];
  if (r.options) return r.options.map((o) => ({ label: valueLabel(q, o.code), count: o.count, share: o.share }));
  return Object.entries(r.counts ?? {}).map(([v, c]) => ({ label: valueLabel(q, v), count: c, share: r.n ? c / r.n : null }));
}
