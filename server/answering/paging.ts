/**
 * Pure rules of the paged public form: one page per section, which questions a page shows, how a
 * page's fields merge into the answers so far, and where a saved response continues.
 */
import Negotiator from "negotiator";
import { coerceValue, isAsked, type AnswerValue } from "../../surveys/answers.js";
import { commentKey, otherKey, questionsOf, type Definition, type Question } from "../../surveys/define.js";

export type Section = Definition["sections"][number];
export type RawAnswers = Record<string, unknown>;

/**
 * The language asked for when the insamling offers it; else the one the browser prefers most among the
 * insamling's (its Accept-Language header, negotiated as Express does, ar-SE → ar); otherwise Swedish, or
 * the insamling's first language.
 */
export function chooseLanguage(c: { languages: string[] }, asked?: string, acceptLanguage?: string): string {
  if (asked && c.languages.includes(asked)) return asked;
  const fallback = c.languages.includes("sv") || !c.languages.length ? "sv" : c.languages[0];
  if (!acceptLanguage) return fallback;
  // The default first, so that "*" (any language) keeps it.
  const offered = [fallback, ...c.languages.filter((l) => l !== fallback)];
  return new Negotiator({ headers: { "accept-language": acceptLanguage } }).language(offered) ?? fallback;
}

/** The form keys a question owns: its id, its comment and its "Annat" text. */
export function keysOf(q: Question): string[] {
  const keys = [q.id];
  if (q.comment) keys.push(commentKey(q.id));
  if (q.kind === "multi" && q.other) keys.push(otherKey(q.id));
  return keys;
}

/** The raw values of one page's fields from a form body; checkboxes become lists. */
export function pageInput(section: Section, body: Record<string, unknown>): RawAnswers {
  const out: RawAnswers = {};
  for (const q of section.questions) {
    for (const key of keysOf(q)) {
      let v = body[key];
      if (v === undefined) continue;
      if (key === q.id && q.kind === "multi") v = (Array.isArray(v) ? v : [v]).filter((x) => x !== "");
      else if (Array.isArray(v)) v = v[v.length - 1];
      out[key] = v;
    }
  }
  return out;
}

/** The answers so far with this page's fields replaced by what was sent (a blank field removes an answer). */
export function mergePage(stored: RawAnswers, section: Section, input: RawAnswers): RawAnswers {
  const merged: RawAnswers = { ...stored };
  for (const q of section.questions) for (const key of keysOf(q)) delete merged[key];
  return { ...merged, ...input };
}

/**
 * The answers with those to questions that are not asked removed, in definition order, so that
 * changing 4a from ja to nej drops an earlier answer to 4b instead of making it an error.
 */
export function pruneUnasked(def: Definition, raw: RawAnswers): RawAnswers {
  const out: RawAnswers = { ...raw };
  const effective: Record<string, AnswerValue> = {};
  for (const q of questionsOf(def)) {
    if (!isAsked(q, effective)) {
      for (const key of keysOf(q)) delete out[key];
      continue;
    }
    const v = coerceValue(q, raw[q.id]);
    if (v !== undefined) effective[q.id] = v;
  }
  return out;
}

/** The ids of the questions that are asked, given raw answers. */
export function askedIds(def: Definition, raw: RawAnswers): Set<string> {
  const effective: Record<string, AnswerValue> = {};
  const asked = new Set<string>();
  for (const q of questionsOf(def)) {
    if (!isAsked(q, effective)) continue;
    asked.add(q.id);
    const v = coerceValue(q, raw[q.id]);
    if (v !== undefined) effective[q.id] = v;
  }
  return asked;
}

/** A page's questions by their printed numbers, out of the questionnaire's last printed number. */
export type QuestionRange = { first: number; last: number; total: number };

/** The printed number of a question: q4a and q4b are both 4, as on paper. */
const printedNumber = (id: string) => Number(/^q(\d+)/.exec(id)?.[1] ?? 0);

/**
 * "fråga 8–10 av 10": the printed numbers of the page's asked questions, out of the highest printed
 * number, so the heading matches the numbers beside the questions (4a and 4b count as 4, and a
 * follow-up that opens never changes the total). Undefined when the page asks nothing. Without
 * answers it depends on the definition alone, which the recorded first page (fast.ts) relies on.
 */
export function questionRange(def: Definition, n: number, raw: RawAnswers): QuestionRange | undefined {
  const asked = askedIds(def, raw);
  const onPage = def.sections[n - 1].questions.filter((q) => asked.has(q.id)).map((q) => printedNumber(q.id));
  if (!onPage.length) return undefined;
  const total = Math.max(...questionsOf(def).map((q) => printedNumber(q.id)));
  return { first: Math.min(...onPage), last: Math.max(...onPage), total };
}

/** How a question appears on its page: shown, shown but hidden until an answer on the same page opens it, or left out. */
export type Visibility = "shown" | "hidden" | "omitted";

/** Visibility of each question of a page, given the answers so far (stored and typed). */
export function pageVisibility(def: Definition, n: number, raw: RawAnswers): Map<string, Visibility> {
  const section = def.sections[n - 1];
  const onPage = new Set(section.questions.map((q) => q.id));
  const asked = askedIds(def, raw);
  const out = new Map<string, Visibility>();
  for (const q of section.questions) {
    if (asked.has(q.id)) out.set(q.id, "shown");
    // Its condition depends on this very page: render it hidden so a changed answer (or the script) can open it.
    else out.set(q.id, q.condition && onPage.has(q.condition.question) ? "hidden" : "omitted");
  }
  return out;
}

/** The page a question is on (1-based). */
export function pageOf(def: Definition, key: string): number {
  const i = def.sections.findIndex((s) => s.questions.some((q) => keysOf(q).includes(key)));
  return i + 1;
}

/** Where a saved response continues: the last page with an answer, or the first page. */
export function resumePage(def: Definition, raw: RawAnswers): number {
  let page = 1;
  def.sections.forEach((s, i) => {
    if (s.questions.some((q) => keysOf(q).some((k) => raw[k] !== undefined))) page = i + 1;
  });
  return page;
}

/** Asked questions of a page that the respondent did not see when the page was sent (without the script, 4b after 4a = ja). */
export function newlyAsked(def: Definition, n: number, raw: RawAnswers, visible: Set<string>): string[] {
  const asked = askedIds(def, raw);
  return def.sections[n - 1].questions
    .filter((q) => asked.has(q.id) && !visible.has(q.id) && raw[q.id] === undefined)
    .map((q) => q.id);
}
