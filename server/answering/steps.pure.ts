/**
 * Pure rules of the one-question-per-page form ("steg"): step n is the questionnaire's n-th question, in
 * definition order, so an address means the same question for every respondent and a resume link needs
 * no more than the answers. A step whose question is not asked (a follow-up whose condition is not met)
 * is passed over; one that an answer opens comes next in line, so no question ever appears on its own
 * page unannounced and the server decides, as on the paged form.
 */
import { keysOf, askedIds, type RawAnswers, type Section } from "./paging.js";
import { questionsOf, type Definition } from "../../surveys/define.js";

/** Number of steps: every question, asked or not (the addresses /steg/1 … /steg/N). */
export const stepCount = (def: Definition): number => questionsOf(def).length;

/** Step n as a section of one question, so that the paged form's rules (pageInput, mergePage) apply as they are. */
export function stepSection(def: Definition, n: number): Section {
  const q = questionsOf(def)[n - 1];
  const home = def.sections.find((s) => s.questions.includes(q))!;
  return { ...home, questions: [q] };
}

/** The title of the section a step's question belongs to (the page's heading, as on the paged form). */
export const stepHome = (def: Definition, n: number): Section => def.sections.find((s) => s.questions.includes(questionsOf(def)[n - 1]))!;

/** The step a form key belongs to (1-based; 0 when none). */
export function stepOf(def: Definition, key: string): number {
  return questionsOf(def).findIndex((q) => keysOf(q).includes(key)) + 1;
}

/** The asked steps, in order, given the answers so far. */
export function askedSteps(def: Definition, raw: RawAnswers): number[] {
  const asked = askedIds(def, raw);
  return questionsOf(def).flatMap((q, i) => (asked.has(q.id) ? [i + 1] : []));
}

/** The first asked step at or after n, else the last asked one before it: where an address for step n leads. */
export function shownStep(def: Definition, n: number, raw: RawAnswers): number {
  const steps = askedSteps(def, raw);
  return steps.find((s) => s >= n) ?? steps[steps.length - 1] ?? 1;
}

/** The next asked step after n, or undefined when n is the last one (its "Nästa" sends the answers). */
export const nextStep = (def: Definition, n: number, raw: RawAnswers): number | undefined =>
  askedSteps(def, raw).find((s) => s > n);

/** The asked step before n, or undefined on the first one. */
export const previousStep = (def: Definition, n: number, raw: RawAnswers): number | undefined =>
  askedSteps(def, raw).filter((s) => s < n).pop();

/**
 * "Steg 3 av 9": where step n is among the asked steps, out of how many are asked now. The total
 * grows by one when an answer opens a follow-up question, as the start page says it may.
 */
export function stepPosition(def: Definition, n: number, raw: RawAnswers): { n: number; total: number } {
  const steps = askedSteps(def, raw);
  const at = steps.filter((s) => s <= n).length;
  return { n: Math.max(1, at), total: steps.length };
}

/** Where a saved response continues in steps: the last asked step with an answer, or the first step. */
export function resumeStep(def: Definition, raw: RawAnswers): number {
  const qs = questionsOf(def);
  const answered = askedSteps(def, raw).filter((s) => keysOf(qs[s - 1]).some((k) => raw[k] !== undefined));
  return answered.length ? answered[answered.length - 1] : shownStep(def, 1, raw);
}
