/**
 * Pure rules for answers: which questions are asked (conditions), and whether a set of answers is
 * valid for a definition. Used by the public form, the API and the CSV import alike.
 */
import { findPii, piiLabels, type PiiKind } from "../server/privacy/pii.js";
import { commentKey, DONT_KNOW, otherKey, questionsOf, type Definition, type Question } from "./define.js";

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/**
 * What can be wrong with an answer, and the parameters each problem carries. The code and its parameters are
 * what presenters translate (the respondent's pages, in the respondent's language); `message` is the same in
 * Swedish, as the API's 422 answers and the CSV import show it.
 */
export type AnswerIssueParams = {
  /** The key names no question of the questionnaire (nor a comment or "annat" field of one). */
  unknown_question: Record<string, never>;
  /** A required question that is asked was left blank. */
  required: Record<string, never>;
  /** The question is answered although its condition is false (4b when 4a is not ja). */
  not_asked: { condition: { question: string; equals: (string | number)[] } };
  /** A frequency or scale answer outside min–max (0 is "vet inte" where `dontKnow`). */
  out_of_range: { min: number; max: number; dontKnow: boolean };
  /** A ja/nej question answered with something else. */
  not_yes_or_no: Record<string, never>;
  /** A choice that is not one of the options (`multiple`: one or more may be chosen). */
  not_an_option: { options: string[]; multiple: boolean };
  /** A free text field (question, comment or "annat") that was not text. */
  not_text: Record<string, never>;
  /** Free text longer than the field allows. */
  too_long: { max: number };
  /** Free text with personal data in it: the kinds found, once each, in order. */
  contains_pii: { kinds: PiiKind[] };
  /** The API received no answer at all. */
  no_answers: Record<string, never>;
};
export type AnswerIssueCode = keyof AnswerIssueParams;
/** One problem: its code and that code's parameters. */
export type AnswerProblem = { [C in AnswerIssueCode]: { code: C; params: AnswerIssueParams[C] } }[AnswerIssueCode];
/** A problem with the answer to `question` (a question id, a comment or "annat" key, or "answers" for the whole). */
export type AnswerIssue = { question: string; message: string } & AnswerProblem;

const swedish: { [C in AnswerIssueCode]: (p: AnswerIssueParams[C]) => string } = {
  unknown_question: () => "frågan finns inte i enkäten",
  required: () => "måste besvaras",
  not_asked: ({ condition }) => `ska bara besvaras när ${condition.question} är ${condition.equals.join(" eller ")}`,
  out_of_range: ({ min, max, dontKnow }) => `ska vara ${min}–${max}${dontKnow ? " eller 0 (vet inte)" : ""}`,
  not_yes_or_no: () => "ska vara ja eller nej",
  not_an_option: ({ options, multiple }) => `ska vara ${multiple ? "ett eller flera av" : "ett av"}: ${options.join(", ")}`,
  not_text: () => "ska vara text",
  too_long: ({ max }) => `får vara högst ${max} tecken`,
  contains_pii: ({ kinds }) => `innehåller ${kinds.map((k) => piiLabels[k]).join(" och ")} – ta bort det, svaren är anonyma`,
  no_answers: () => "minst en fråga måste besvaras",
};

/** Every issue code, for tests that a presenter has a text for each. */
export const answerIssueCodes = Object.keys(swedish) as AnswerIssueCode[];

/** The issue with its Swedish message. */
export function answerIssue<C extends AnswerIssueCode>(question: string, code: C, params: AnswerIssueParams[C]): AnswerIssue {
  return { question, code, params, message: swedish[code](params) } as AnswerIssue;
}

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

/** The issue for a value this question does not take. */
const outOfRange = (q: Question): AnswerIssue => {
  switch (q.kind) {
    case "frequency6": case "scale6": return answerIssue(q.id, "out_of_range", { min: 1, max: 6, dontKnow: q.dontKnow });
    case "scale10": return answerIssue(q.id, "out_of_range", { min: 1, max: 10, dontKnow: q.dontKnow });
    case "yesno": return answerIssue(q.id, "not_yes_or_no", {});
    case "single": return answerIssue(q.id, "not_an_option", { options: q.options.map((o) => o.code), multiple: false });
    case "multi": return answerIssue(q.id, "not_an_option", { options: q.options.map((o) => o.code).concat(q.other ? ["annat"] : []), multiple: true });
    case "text": return answerIssue(q.id, "not_text", {});
  }
};

const isBlank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function piiIssue(id: string, value: string): AnswerIssue | undefined {
  const kinds = [...new Set(findPii(value).map((h) => h.kind))];
  return kinds.length ? answerIssue(id, "contains_pii", { kinds }) : undefined;
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
    if (!byId.has(key) && !extraKeys.has(key)) issues.push(answerIssue(key, "unknown_question", {}));
  }
  for (const q of questions) {
    const raw = input[q.id];
    const asked = isAsked(q, answers);
    if (isBlank(raw)) {
      const mustAnswer = opts.requireAnswers && q.required && asked && (!opts.onlyQuestions || opts.onlyQuestions.has(q.id));
      if (mustAnswer) issues.push(answerIssue(q.id, "required", {}));
      continue;
    }
    if (!asked) {
      issues.push(answerIssue(q.id, "not_asked", { condition: { question: q.condition!.question, equals: [...q.condition!.equals] } }));
      continue;
    }
    const value = coerceValue(q, raw);
    if (value === undefined) { issues.push(outOfRange(q)); continue; }
    if (q.kind === "text") {
      if ((value as string).length > q.maxLength) { issues.push(answerIssue(q.id, "too_long", { max: q.maxLength })); continue; }
      const pii = piiIssue(q.id, value as string);
      if (pii) { issues.push(pii); continue; }
      if (value === "") continue;
    }
    answers[q.id] = value;
  }
  for (const [key, { q, kind }] of extraKeys) {
    const raw = input[key];
    if (isBlank(raw)) continue;
    if (typeof raw !== "string") { issues.push(answerIssue(key, "not_text", {})); continue; }
    const value = raw.trim();
    const max = kind === "comment" ? q.comment!.maxLength : 500;
    if (value.length > max) { issues.push(answerIssue(key, "too_long", { max })); continue; }
    const pii = piiIssue(key, value);
    if (pii) { issues.push(pii); continue; }
    if (value && isAsked(q, answers)) answers[key] = value;
  }
  return { answers, issues };
}
