/**
 * Pure rules for answers: which questions are asked (conditions), and whether a set of answers is
 * valid for a definition. Used by the public form, the API and the CSV import alike.
 */
import { findPii, piiLabels } from "../server/privacy/pii.js";
import { commentKey, DONT_KNOW, otherKey, questionsOf, type Definition, type Question } from "./define.js";

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;
export type AnswerIssue = { question: string; message: string };

/** Whether the question is asked, given the answers so far (conditions refer to earlier questions). */
export function isAsked(q: Question, answers: Record<string, unknown>): boolean {
  if (!q.condition) return true;
  const given = answers[q.condition.question];
  return q.condition.equals.some((v) => v === given);
}

const intRange = (lo: number, hi: number, dontKnow: boolean) => (v: unknown) => {
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) return undefined;
  if (n === DONT_KNOW && dontKnow) return n;
  return n >= lo && n <= hi ? n : undefined;
};

/** The stored value for a raw answer, or undefined when it is not a value this question takes. */
export function coerceValue(q: Question, v: unknown): AnswerValue | undefined {
  switch (q.kind) {
    case "frequency6": return intRange(1, 6, q.dontKnow)(v);
    case "scale6": return intRange(1, 6, q.dontKnow)(v);
    case "scale10": return intRange(1, 10, q.dontKnow)(v);
    case "yesno": {
      const s = typeof v === "string" ? v.trim().toLowerCase() : v;
      return s === "ja" || s === "nej" ? s : undefined;
    }
    case "single": return typeof v === "string" && q.options.some((o) => o.code === v) ? v : undefined;
    case "multi": {
      const list = Array.isArray(v) ? v : [v];
      const codes = new Set(q.options.map((o) => o.code).concat(q.other ? ["annat"] : []));
      if (!list.length || !list.every((x) => typeof x === "string" && codes.has(x))) return undefined;
      return [...new Set(list as string[])];
    }
    case "text": return typeof v === "string" ? v.trim() : undefined;
  }
}

const rangeMessage = (q: Question): string => {
  switch (q.kind) {
    case "frequency6": case "scale6": return `ska vara 1–6${q.dontKnow ? " eller 0 (vet inte)" : ""}`;
    case "scale10": return `ska vara 1–10${q.dontKnow ? " eller 0 (vet inte)" : ""}`;
    case "yesno": return "ska vara ja eller nej";
    case "single": return `ska vara ett av: ${q.options.map((o) => o.code).join(", ")}`;
    case "multi": return `ska vara ett eller flera av: ${q.options.map((o) => o.code).concat(q.other ? ["annat"] : []).join(", ")}`;
    case "text": return "ska vara text";
  }
};

const isBlank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function piiIssue(id: string, value: string): AnswerIssue | undefined {
  const kinds = [...new Set(findPii(value).map((h) => piiLabels[h.kind]))];
  return kinds.length ? { question: id, message: `innehåller ${kinds.join(" och ")} – ta bort det, svaren är anonyma` } : undefined;
}

export type ValidateOptions = {
  /** Required questions must be answered (the public form and API); CSV import allows blanks. */
  requireAnswers: boolean;
  /** Only these questions are checked for being required (one page of a paged form). */
  onlyQuestions?: Set<string>;
};

/**
 * Checks answers against a definition: unknown questions, values out of range, questions answered
 * though their condition is false, missing required answers, and personal data in free text.
 * Returns the clean answers (typed, trimmed, blanks removed) and every issue found.
 */
export function validateAnswers(def: Definition, input: Record<string, unknown>, opts: ValidateOptions): { answers: Answers; issues: AnswerIssue[] } {
  const questions = questionsOf(def);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: AnswerIssue[] = [];
  const answers: Answers = {};
  const extraKeys = new Map<string, { q: Question; kind: "comment" | "other" }>();
  for (const q of questions) {
    if (q.comment) extraKeys.set(commentKey(q.id), { q, kind: "comment" });
    if (q.kind === "multi" && q.other) extraKeys.set(otherKey(q.id), { q, kind: "other" });
  }
  for (const key of Object.keys(input)) {
    if (!byId.has(key) && !extraKeys.has(key)) issues.push({ question: key, message: "frågan finns inte i enkäten" });
  }
  for (const q of questions) {
    const raw = input[q.id];
    const asked = isAsked(q, answers);
    if (isBlank(raw)) {
      const mustAnswer = opts.requireAnswers && q.required && asked && (!opts.onlyQuestions || opts.onlyQuestions.has(q.id));
      if (mustAnswer) issues.push({ question: q.id, message: "måste besvaras" });
      continue;
    }
    if (!asked) {
      issues.push({ question: q.id, message: `ska bara besvaras när ${q.condition!.question} är ${q.condition!.equals.join(" eller ")}` });
      continue;
    }
    const value = coerceValue(q, raw);
    if (value === undefined) { issues.push({ question: q.id, message: rangeMessage(q) }); continue; }
    if (q.kind === "text") {
      if ((value as string).length > q.maxLength) { issues.push({ question: q.id, message: `får vara högst ${q.maxLength} tecken` }); continue; }
      const pii = piiIssue(q.id, value as string);
      if (pii) { issues.push(pii); continue; }
      if (value === "") continue;
    }
    answers[q.id] = value;
  }
  for (const [key, { q, kind }] of extraKeys) {
    const raw = input[key];
    if (isBlank(raw)) continue;
    if (typeof raw !== "string") { issues.push({ question: key, message: "ska vara text" }); continue; }
    const value = raw.trim();
    const max = kind === "comment" ? q.comment!.maxLength : 500;
    if (value.length > max) { issues.push({ question: key, message: `får vara högst ${max} tecken` }); continue; }
    const pii = piiIssue(key, value);
    if (pii) { issues.push(pii); continue; }
    if (value && isAsked(q, answers)) answers[key] = value;
  }
  return { answers, issues };
}
