/**
 * Editing a questionnaire as data: checking a draft with Swedish messages that name the question,
 * the texts to translate, which questions changed between versions, and the small moves the editor
 * makes (add, move, remove, rename). Pure functions: no database, no clock.
 */
import { z } from "zod";
import { definition, questionsOf, type Definition, type DefinitionInput, type Question, type Text } from "./define.js";

/** A draft as stored: the shape of a definition whose values may still be wrong. */
export type Draft = DefinitionInput;
type DraftQuestion = Draft["sections"][number]["questions"][number];
export type DraftIssue = { question?: string; message: string };
export type Checked = { ok: true; definition: Definition } | { ok: false; issues: DraftIssue[] };

const fieldNames: Record<string, string> = {
  id: "id", text: "frågetexten", help: "hjälptexten", low: "texten vid lägsta värdet", high: "texten vid högsta värdet",
  options: "svarsalternativen", code: "alternativets kod", other: "texten för Annat", maxLength: "största antal tecken",
  comment: "kommentarsfältet", label: "kommentarsfältets rubrik", condition: "villkoret", equals: "villkorets svar",
  title: "rubriken", intro: "inledningen", respondentGroup: "svarsgruppen", languages: "språken", sections: "avsnitten",
  questions: "frågorna", kind: "frågetypen", version: "versionen", source: "källan",
};

const svLocale = z.locales.sv().localeError;
/** Plain Swedish for the usual problems of a draft; zod's Swedish locale for the rest. */
const swedish: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "too_small" && iss.origin === "string") return "får inte vara tom";
  if (iss.code === "too_small" && iss.origin === "array") return `behöver minst ${String(iss.minimum)}`;
  if (iss.code === "invalid_type" && iss.input === undefined) return "saknas";
  return svLocale(iss);
};

/** Checks a draft against the same schema as the code-defined questionnaires; every problem says where it is. */
export function checkDraft(draft: unknown): Checked {
  const r = definition.safeParse(draft, { error: swedish });
  if (r.success) return { ok: true, definition: r.data };
  const issues = r.error.issues.map((i) => issueOf(draft, i.path, i.message));
  return { ok: false, issues: dedupe(issues) };
}

function issueOf(draft: unknown, path: PropertyKey[], message: string): DraftIssue {
  const d = draft as Partial<Draft> | null;
  const where = path.filter((p): p is string => typeof p === "string" && p in fieldNames && p !== "sections" && p !== "questions")
    .map((p) => fieldNames[p]);
  const lang = path.find((p): p is string => typeof p === "string" && /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(p) && !(p in fieldNames));
  const field = [where.at(-1), lang ? `(${lang === "sv" ? "svenska" : lang})` : ""].filter(Boolean).join(" ");
  if (path[0] === "sections" && typeof path[1] === "number" && path[2] === "questions" && typeof path[3] === "number") {
    const q = d?.sections?.[path[1]]?.questions?.[path[3]] as { id?: unknown } | undefined;
    const id = typeof q?.id === "string" && q.id ? q.id : `nummer ${path[3] + 1} i avsnitt ${path[1] + 1}`;
    return { question: typeof q?.id === "string" ? q.id : undefined, message: `Fråga ${id}${field ? `, ${field}` : ""}: ${lower(message)}` };
  }
  if (path[0] === "sections" && typeof path[1] === "number" && path[2] === "questions" && path.length === 3) {
    return { message: `Avsnitt ${path[1] + 1} har inga frågor: lägg till en fråga eller ta bort avsnittet.` };
  }
  if (path.length === 1 && path[0] === "sections") return { message: "Enkäten behöver minst ett avsnitt med en fråga." };
  if (path[0] === "sections" && typeof path[1] === "number") return { message: `Avsnitt ${path[1] + 1}${field ? `, ${field}` : ""}: ${lower(message)}` };
  const custom = /^frågan (q\d+[a-z]?)|^villkoret på (q\d+[a-z]?)/.exec(message);
  if (custom) return { question: custom[1] ?? custom[2], message: capital(message) };
  return { message: field ? `${capital(field)}: ${lower(message)}` : capital(message) };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dedupe = (issues: DraftIssue[]) => [...new Map(issues.map((i) => [i.message, i])).values()];

// ——— Texts and translations ———

/** One translatable text of a definition: where it is (a stable key), what it is, and its texts. */
export type TextEntry = { key: string; label: string; text: Text };

/** Every text of a definition in reading order; keys are stable across edits of other texts (`q4a.text`, `q1.option.kommun`). */
export function textEntries(d: Draft): TextEntry[] {
  const out: TextEntry[] = [];
  const add = (key: string, label: string, t: Text | undefined) => { if (t) out.push({ key, label, text: t }); };
  add("title", "Enkätens rubrik", d.title);
  add("shortTitle", "Kort rubrik till de svarande", d.shortTitle);
  add("intro", "Inledning", d.intro);
  for (const s of d.sections) {
    add(`section.${s.id}.title`, `Avsnittets rubrik (${s.id})`, s.title);
    for (const q of s.questions) {
      add(`${q.id}.text`, `Fråga ${q.id}`, q.text);
      add(`${q.id}.help`, `Fråga ${q.id}, hjälptext`, q.help);
      if (q.kind === "scale10" || q.kind === "scale6") {
        add(`${q.id}.low`, `Fråga ${q.id}, lägsta värdet`, q.low);
        add(`${q.id}.high`, `Fråga ${q.id}, högsta värdet`, q.high);
      }
      if (q.kind === "single" || q.kind === "multi") for (const o of q.options) add(`${q.id}.option.${o.code}`, `Fråga ${q.id}, alternativ ${o.code}`, o.text);
      if (q.kind === "multi") add(`${q.id}.other`, `Fråga ${q.id}, Annat`, q.other);
      add(`${q.id}.comment`, `Fråga ${q.id}, kommentarsfält`, q.comment?.label);
    }
  }
  return out;
}

/** The keys of texts that have no translation in a language (they fall back to Swedish). */
export const missingTranslations = (d: Draft, lang: string): TextEntry[] =>
  textEntries(d).filter((e) => !e.text[lang]?.trim());

/**
 * Sets the texts of one language by key (from the translation form or a translator's XLSX); an empty
 * text removes the translation. Swedish is never changed here: it is edited with the questions.
 */
export function applyTranslations(d: Draft, lang: string, byKey: Record<string, string>): Draft {
  if (lang === "sv") return d;
  const next = structuredClone(d);
  for (const e of textEntries(next)) {
    if (!(e.key in byKey)) continue;
    const value = byKey[e.key].trim();
    if (value) e.text[lang] = value;
    else delete e.text[lang];
  }
  return next;
}

/** The declared languages that are complete: only those are offered to respondents. */
export const completeLanguages = (d: Draft): string[] =>
  (d.languages ?? ["sv"]).filter((l) => l === "sv" || missingTranslations(d, l).length === 0);

// ——— Versions ———

/** What a question asks, in Swedish: two questions with the same fingerprint asked the same thing. */
function fingerprint(q: Question): string {
  const sv = (t: Text | undefined) => t?.sv ?? "";
  const parts: unknown[] = [q.kind, sv(q.text)];
  if (q.kind === "scale10" || q.kind === "scale6") parts.push(sv(q.low), sv(q.high), q.dontKnow);
  if (q.kind === "frequency6") parts.push(q.dontKnow);
  if (q.kind === "single" || q.kind === "multi") parts.push(q.options.map((o) => [o.code, sv(o.text)]));
  if (q.kind === "multi") parts.push(sv(q.other));
  return JSON.stringify(parts);
}

/** Whether two questions asked the same thing (kind, Swedish wording, scale ends, options), so their figures may be compared. */
export const sameQuestion = (a: Question | undefined, b: Question | undefined): boolean => !!a && !!b && fingerprint(a) === fingerprint(b);

/** Question ids in `next` that also exist in `prev` but ask something else now. */
export function changedQuestions(prev: Definition | undefined, next: Definition): string[] {
  if (!prev) return [];
  const before = new Map(questionsOf(prev).map((q) => [q.id, q]));
  return questionsOf(next).filter((q) => before.has(q.id) && !sameQuestion(before.get(q.id), q)).map((q) => q.id);
}

// ——— Editing moves ———

/** A new question of a kind, with the next free id (`q7`) and the fields its kind needs. */
export function newQuestion(d: Draft, kind: Question["kind"]): DraftQuestion {
  const id = nextQuestionId(d);
  const text = { sv: "Ny fråga" };
  switch (kind) {
    case "frequency6": return { id, kind, text, dontKnow: true };
    case "scale10": return { id, kind, text, low: { sv: "Inte alls" }, high: { sv: "Helt och hållet" } };
    case "scale6": return { id, kind, text, low: { sv: "Mycket dåligt" }, high: { sv: "Mycket bra" } };
    case "yesno": return { id, kind, text };
    case "single": case "multi": return { id, kind, text, options: [{ code: "alternativ_1", text: { sv: "Alternativ 1" } }, { code: "alternativ_2", text: { sv: "Alternativ 2" } }] };
    case "text": return { id, kind, text, maxLength: 2000 };
  }
}

/** The next number after the highest printed one: q1 … q9c → q10. */
export function nextQuestionId(d: Draft): string {
  const max = Math.max(0, ...d.sections.flatMap((s) => s.questions).map((q) => Number(/^q(\d+)/.exec(q.id)?.[1] ?? 0)));
  return `q${max + 1}`;
}

export function addQuestion(d: Draft, sectionIndex: number, q: DraftQuestion): Draft {
  const next = structuredClone(d);
  const s = next.sections[Math.min(Math.max(sectionIndex, 0), next.sections.length - 1)];
  s.questions.push(q);
  return next;
}

/** Where a question is: its section and place, or undefined. */
export function locate(d: Draft, id: string): { section: number; index: number } | undefined {
  for (let s = 0; s < d.sections.length; s++) {
    const index = d.sections[s].questions.findIndex((q) => q.id === id);
    if (index >= 0) return { section: s, index };
  }
  return undefined;
}

/** Moves a question one place up or down; past the edge of its section it moves into the next section. */
export function moveQuestion(d: Draft, id: string, direction: "up" | "down"): Draft {
  const at = locate(d, id);
  if (!at) return d;
  const next = structuredClone(d);
  const list = next.sections[at.section].questions;
  const [q] = list.splice(at.index, 1);
  if (direction === "up") {
    if (at.index > 0) list.splice(at.index - 1, 0, q);
    else if (at.section > 0) next.sections[at.section - 1].questions.push(q);
    else list.unshift(q);
  } else if (at.index < list.length) list.splice(at.index + 1, 0, q);
  else if (at.section < next.sections.length - 1) next.sections[at.section + 1].questions.unshift(q);
  else list.push(q);
  return next;
}

/** Removes a question, and the conditions of other questions that pointed at it. */
export function removeQuestion(d: Draft, id: string): Draft {
  const next = structuredClone(d);
  for (const s of next.sections) {
    s.questions = s.questions.filter((q) => q.id !== id);
    for (const q of s.questions) if (q.condition?.question === id) delete q.condition;
  }
  return next;
}

/** Replaces a question (which may have a new id); conditions on the old id follow the rename. */
export function replaceQuestion(d: Draft, oldId: string, q: DraftQuestion): Draft {
  const at = locate(d, oldId);
  if (!at) return d;
  const next = structuredClone(d);
  next.sections[at.section].questions[at.index] = q;
  if (q.id !== oldId) {
    for (const s of next.sections) for (const o of s.questions) if (o.condition?.question === oldId) o.condition.question = q.id;
  }
  return next;
}

/** The questions before this one: those a condition may point at. */
export function earlierQuestions(d: Draft, id: string): DraftQuestion[] {
  const all = d.sections.flatMap((s) => s.questions);
  const i = all.findIndex((q) => q.id === id);
  return i < 0 ? all : all.slice(0, i);
}

/** A copy of a definition as a förbund's own draft: editable, marked local, under a new id. */
export function copyAsDraft(d: Definition | Draft, id: string, title?: string): Draft {
  const next = structuredClone(d) as Draft;
  next.id = id;
  next.version = 1;
  next.source = "local";
  next.readOnly = false;
  if (title) next.title = { ...next.title, sv: title };
  return next;
}

/** An empty draft: one section with one question, ready to edit. */
export function blankDraft(id: string, title: string, respondentGroup: Draft["respondentGroup"]): Draft {
  const d: Draft = {
    id, version: 1, title: { sv: title }, respondentGroup, intro: { sv: "Enkäten är anonym: ingen kan se vad just du har svarat." },
    source: "local", readOnly: false, languages: ["sv"], sections: [{ id: "del-1", questions: [] }],
  };
  d.sections[0].questions.push(newQuestion(d, "frequency6"));
  return d;
}
