/** What the import page shows: parsed rows as readable cells, masked where free text could hold personal data. */
import { dontKnowLabel, frequencyLabels, questionsOf, type Definition, type Question } from "../../surveys/define.js";
import type { AnswerValue, Answers } from "../../surveys/answers.js";
import { maskPii } from "../privacy/pii.js";

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

function cell(q: Question | undefined, v: AnswerValue | undefined): string {
  if (v === undefined) return "";
  if (!q || q.kind === "text") return clip(maskPii(String(v)));
  switch (q.kind) {
    case "frequency6": return v === 0 ? dontKnowLabel.sv : `${v} ${frequencyLabels[Number(v) - 1]?.sv ?? ""}`.trim();
    case "scale6": case "scale10": return v === 0 ? dontKnowLabel.sv : String(v);
    case "yesno": return v === "ja" ? "Ja" : "Nej";
    case "single": return q.options.find((o) => o.code === v)?.text.sv ?? String(v);
    case "multi": return (v as string[]).map((c) => (c === "annat" ? q.other?.sv ?? "Annat" : q.options.find((o) => o.code === c)?.text.sv ?? c)).join(", ");
  }
}

/** Rows of the preview table: the line number and one readable cell per column of the file. */
export function previewTable(def: Definition, columns: string[], rows: { line: number; answers: Answers }[]) {
  const byId = new Map(questionsOf(def).map((q) => [q.id, q]));
  const shown = columns.filter(Boolean);
  return {
    columns: shown,
    rows: rows.map((r) => ({ line: r.line, cells: shown.map((col) => cell(byId.get(col), r.answers[col])) })),
  };
}

const accepted = (q: Question): string => {
  switch (q.kind) {
    case "frequency6": return `1–6 eller ${frequencyLabels.map((l) => l.sv).join(", ")}${q.dontKnow ? "; 0 eller Vet inte" : ""}`;
    case "scale6": return `1–6${q.dontKnow ? "; 0 eller Vet inte" : ""}`;
    case "scale10": return `1–10${q.dontKnow ? "; 0 eller Vet inte" : ""}`;
    case "yesno": return "ja eller nej";
    case "single": return `ett av: ${q.options.map((o) => `${o.code} (${o.text.sv})`).join(", ")}`;
    case "multi": return `ett eller flera av: ${q.options.map((o) => `${o.code} (${o.text.sv})`).concat(q.other ? [`annat (${q.other.sv})`] : []).join(", ")}`;
    case "text": return `fritext, högst ${q.maxLength} tecken`;
  }
};

/** The columns a file for this questionnaire may have, with the values each takes. */
export function columnGuide(def: Definition) {
  return questionsOf(def).flatMap((q) => [
    { column: q.id, text: q.text.sv, values: accepted(q) + (q.condition ? ` – bara när ${q.condition.question} är ${q.condition.equals.join(" eller ")}` : "") },
    ...(q.comment ? [{ column: `${q.id}_kommentar`, text: `Kommentar till ${q.id}`, values: `fritext, högst ${q.comment.maxLength} tecken` }] : []),
    ...(q.kind === "multi" && q.other ? [{ column: `${q.id}_annat`, text: `${q.other.sv} (text)`, values: "fritext" }] : []),
  ]);
}
