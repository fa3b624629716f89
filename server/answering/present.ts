/**
 * What the respondent pages show: the interface words from the catalogs in ./words (one per language,
 * lättläst among them), the questionnaire's own texts in every language it has (the Swedish,
 * marked as such, where a translation is missing), and view models for the start, question, saved,
 * thanks and notice pages. Views get no database rows.
 */
import type { AnswerIssue, AnswerIssueCode, AnswerIssueParams } from "../../surveys/answers.js";
import {
  commentKey, languageNames, otherKey, questionsOf, rtlLanguages, type Definition, type Question, type Text,
} from "../../surveys/define.js";
import { catalogs, uiFor, type Ui } from "./words/index.js";
import { askedIds, chooseLanguage, pageVisibility, questionRange, type RawAnswers, type Visibility } from "./paging.js";
import { askedSteps, stepHome, stepPosition } from "./steps.pure.js";
import type { Collection, Lookup, Mode } from "./service.js";

/** The languages with interface words of their own. */
export const uiLanguages = catalogs;
export { uiFor };

/**
 * A questionnaire text and, when it is not in the page's language (a translation is missing and the
 * Swedish shows), the language it is in, so the view can mark it `lang="sv"` (WCAG 3.1.2).
 */
export type Said = { text: string; lang?: string };

/** A questionnaire text in the page's language, or its Swedish marked as such. */
export function say(t: Text | undefined, lang: string): Said {
  if (!t) return { text: "" };
  const own = t[lang];
  if (own) return { text: own };
  return htmlLang(lang) === "sv" ? { text: t.sv } : { text: t.sv, lang: "sv" };
}

const qs = (params: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

/** Addresses of the public pages. */
export const hrefs = {
  start: (slug: string, o: { lang?: string; i?: string } = {}) => `/e/${slug}${qs({ lang: o.lang, i: o.i })}`,
  page: (slug: string, n: number, o: { s?: string; lang?: string; i?: string } = {}) => `/e/${slug}/fraga/${n}${qs({ s: o.s, lang: o.lang, i: o.i })}`,
  /** A page of the one-question-per-page form. */
  step: (slug: string, n: number, o: { s?: string; lang?: string; i?: string } = {}) => `/e/${slug}/steg/${n}${qs({ s: o.s, lang: o.lang, i: o.i })}`,
  thanks: (slug: string, lang?: string) => `/e/${slug}/tack${qs({ lang })}`,
  /** The resume link; ?vy=steg continues with one question per page. */
  resume: (baseUrl: string, slug: string, token: string, i?: string, mode: Mode = "sidor") =>
    `${baseUrl}/e/${slug}/fortsatt/${token}${qs({ i, vy: mode === "steg" ? "steg" : undefined })}`,
};

/** The lang attribute for a language code: lättläst is Swedish to a screen reader. */
export const htmlLang = (code: string) => (code === "sv-lattlast" ? "sv" : code);

/** What every respondent page's layout needs. */
function layout(lang: string, title: string, surveyTitle: Said = { text: "" }, ui: Ui = uiFor(lang)) {
  return { lang: htmlLang(lang), dir: rtlLanguages.has(lang) ? "rtl" : "ltr", ui, title, surveyTitle };
}

export type MessagePage = ReturnType<typeof layout> & { status: number; heading: string; text: string; link?: { href: string; label: string } };

function message(ui: Ui, status: number, lang: string, heading: string, text: string, surveyTitle: Said = { text: "" }, link?: MessagePage["link"]): MessagePage {
  return { ...layout(lang, `${heading}${surveyTitle.text ? ` – ${surveyTitle.text}` : ""}`, surveyTitle, ui), status, heading, text, link };
}

const formatDate = (iso: string, ui: Ui) =>
  new Intl.DateTimeFormat(ui.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`));

/** The kind page for an address that takes no answers: unknown (404), not open yet (404) or closed (410). */
export function unavailablePage(found: Exclude<Lookup, { state: "open" }>, askedLang?: string, acceptLanguage?: string): MessagePage {
  // An unknown address has no languages of its own: any language with interface words will do.
  const lang = chooseLanguage(found.state === "unknown" ? { languages: ["sv", ...Object.keys(catalogs).filter((l) => l !== "sv")] } : found.collection, askedLang, acceptLanguage);
  const ui = uiFor(lang, found.state === "unknown" ? undefined : found.collection.words);
  if (found.state === "unknown") return message(ui, 404, lang, ui.unknownTitle, ui.unknownText);
  const c = found.collection;
  const title = say(c.definition.title, lang);
  if (found.state === "closed") return message(ui, 410, lang, ui.closedTitle, ui.closedText, title);
  const opens = c.status === "oppen" && c.opensOn ? formatDate(c.opensOn, ui) : undefined;
  return message(ui, 404, lang, ui.notYetTitle, ui.notYetText(opens), title);
}

export function answeredPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang, c.words);
  return message(ui, 200, lang, ui.answeredTitle, ui.answeredText, say(c.definition.title, lang));
}

export function badLinkPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang, c.words);
  return message(ui, 404, lang, ui.badLinkTitle, ui.badLinkText, say(c.definition.title, lang), { href: hrefs.start(c.slug, { lang }), label: ui.toStart });
}

export function expiredPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang, c.words);
  return message(ui, 400, lang, ui.expiredTitle, ui.expiredText, say(c.definition.title, lang), { href: hrefs.start(c.slug, { lang }), label: ui.toStart });
}

export function thanksPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang, c.words);
  return message(ui, 200, lang, ui.thanksTitle, ui.thanksText, say(c.definition.title, lang));
}

/**
 * The mode "Börja" starts: one question per page when the insamling makes it the default, and always in
 * lättläst, where one thing at a time is the point; the other mode is the second button.
 */
export const firstMode = (c: { onePerPage?: boolean }, lang: string): Mode => (c.onePerPage || lang === "sv-lattlast" ? "steg" : "sidor");

/** The start page: title, intro, the anonymity sentence, the language switch, "Börja" and the other way to answer. */
export function startPage(c: Pick<Collection, "definition" | "slug" | "languages" | "words"> & { onePerPage?: boolean }, lang: string, invitation?: string) {
  const def = c.definition;
  const ui = uiFor(lang, c.words);
  const title = say(def.title, lang);
  // The same count as the first question page's "av N": follow-up questions are counted apart.
  const all = def.sections.reduce((sum, s) => sum + s.questions.length, 0);
  const count = askedIds(def, {}).size;
  // One step per asked question: as many steps as questions, and one more for each follow-up that opens.
  const steps = askedSteps(def, {}).length;
  const mode = firstMode(c, lang);
  const pagesAction = `/e/${c.slug}/fraga/1`, stepsAction = `/e/${c.slug}/steg/1`;
  return {
    ...layout(lang, title.text, title, ui),
    title: title.text,
    heading: title,
    // The respondent's words first ("Vad tycker du om stödet du får?"), the formal title beside them.
    shortTitle: def.shortTitle ? say(def.shortTitle, lang) : undefined,
    intro: say(def.intro, lang),
    questionCount: mode === "steg" ? ui.stepCount(count, steps, all - count) : ui.questionCount(count, def.sections.length, all - count),
    languages: c.languages.length > 1
      ? c.languages.map((code) => ({
        code: htmlLang(code), dir: rtlLanguages.has(code) ? "rtl" : "ltr", name: languageNames[code] ?? code,
        href: hrefs.start(c.slug, { lang: code, i: invitation }), current: code === lang,
      }))
      : [],
    action: mode === "steg" ? stepsAction : pagesAction,
    hidden: [["lang", lang], ...(invitation ? [["i", invitation]] : [])] as [string, string][],
    /** The other way to answer, with its own count, so that the choice says what it leads to. */
    alternative: mode === "steg"
      ? { action: pagesAction, label: ui.choosePages(def.sections.length) }
      : { action: stepsAction, label: ui.chooseSteps(steps) } as { action: string; label: string } | undefined,
  };
}

/**
 * "Del 2 av 4, fråga 4–6 av 10": the part only when there is more than one page, the questions only
 * when the page asks any (a page whose every question is skipped still says where it is).
 */
function progressLabel(ui: Ui, n: number, pages: number, range: ReturnType<typeof questionRange>): string {
  const questions = range ? ui.questions(range.first, range.last, range.total) : "";
  if (pages > 1) return questions ? `${ui.part(n, pages)}, ${questions}` : ui.part(n, pages);
  return questions.charAt(0).toUpperCase() + questions.slice(1);
}

type Option = { id: string; value: string; label: Said; checked: boolean };
type TextField = { id: string; label: Said; value: string; maxLength: number; error?: string; describedBy: string };
export type QuestionView = {
  id: string;
  control: "radio" | "checkbox" | "textarea";
  numberLabel: string;
  text: Said;
  requiredMark: string;
  help?: { id: string; parts: Said[] };
  error?: { id: string; text: string };
  describedBy: string;
  hidden: boolean;
  showWhen?: { question: string; values: string };
  options: Option[];
  field?: TextField;
  other?: TextField;
  comment?: TextField;
};

const lower = (s: string) => s.charAt(0).toLocaleLowerCase("sv") + s.slice(1);
const str = (v: unknown): string => (v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v));
const has = (v: unknown, value: string) => (Array.isArray(v) ? v.map(String).includes(value) : str(v) === value);

function optionsOf(q: Question, lang: string, ui: Ui): { value: string; label: Said }[] {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const dontKnow = { value: "0", label: { text: ui.dontKnow } };
  switch (q.kind) {
    case "frequency6": return [
      ...range(6).map((v) => ({ value: String(v), label: { text: ui.frequency[v - 1] } })),
      ...(q.dontKnow ? [dontKnow] : []),
    ];
    case "scale6": case "scale10": {
      const max = q.kind === "scale6" ? 6 : 10;
      const end = (n: number, t: Said): Said => ({ ...t, text: `${n} – ${t.text}` });
      return [
        ...range(max).map((v) => ({
          value: String(v),
          label: v === 1 ? end(1, say(q.low, lang)) : v === max ? end(max, say(q.high, lang)) : { text: String(v) },
        })),
        ...(q.dontKnow ? [dontKnow] : []),
      ];
    }
    case "yesno": return [{ value: "ja", label: { text: ui.yes } }, { value: "nej", label: { text: ui.no } }];
    case "single": return q.options.map((o) => ({ value: o.code, label: say(o.text, lang) }));
    case "multi": return [
      ...q.options.map((o) => ({ value: o.code, label: say(o.text, lang) })),
      ...(q.other ? [{ value: "annat", label: say(q.other, lang) }] : []),
    ];
    case "text": return [];
  }
}

/**
 * A question's hint: its help text, and for a scale what 1 and the top mean. That sentence is left out
 * when the scale's end words are not translated: the options already show them (marked Swedish), and a
 * sentence half in one language and half in another helps nobody.
 */
function helpOf(q: Question, lang: string, ui: Ui): { id: string; parts: Said[] } | undefined {
  const parts: Said[] = q.help ? [say(q.help, lang)] : [];
  if (q.kind === "scale10" || q.kind === "scale6") {
    const low = say(q.low, lang), high = say(q.high, lang);
    if (!low.lang && !high.lang) parts.push({ text: ui.scaleHint(q.kind === "scale10" ? 10 : 6, lower(low.text), lower(high.text)) });
  }
  return parts.length ? { id: `${q.id}-hint`, parts } : undefined;
}

/** The question a form key belongs to, and how the key is named in a message. */
function describeKey(def: Definition, key: string, ui: Ui): { q?: Question; what: string } {
  for (const s of def.sections) {
    for (const q of s.questions) {
      const num = q.id.slice(1);
      if (key === q.id) return { q, what: ui.what(num) };
      if (key === commentKey(q.id)) return { q, what: ui.commentOf(num) };
      if (key === otherKey(q.id)) return { q, what: ui.otherOf(num) };
    }
  }
  return { what: key };
}

/** A plain message in the respondent's language for an issue from validateAnswers: from its code and parameters. */
export function issueMessage(def: Definition, issue: AnswerIssue, lang: string, ui: Ui = uiFor(lang)): string {
  const { q, what } = describeKey(def, issue.question, ui);
  const text = ui.issues[issue.code] as (what: string, params: AnswerIssueParams[AnswerIssueCode], q?: Question) => string;
  return text(what, issue.params, q);
}

export type PageInput = {
  lang: string;
  /** The resume token of this response (new for a first page). */
  token: string;
  /** A fresh submission key for this rendering of the form. */
  key: string;
  invitation?: string;
  /** Answers so far, or the values as typed when the page comes back with errors. */
  values: RawAnswers;
  issues?: AnswerIssue[];
  /** The follow-up questions the answers just led to (shown again without JavaScript). */
  revealed?: string[];
};

type FormOf = Pick<Collection, "definition" | "slug" | "words">;

/** A page's questions, which of them show, and where it is, from the answers so far (everything but its fields' values). */
function pageUnit(c: FormOf, n: number, lang: string, values: RawAnswers): Unit {
  const def = c.definition;
  const ui = uiFor(lang, c.words);
  const section = def.sections[n - 1];
  const total = def.sections.length;
  return {
    questions: section.questions, visibility: pageVisibility(def, n, values), sectionTitle: section.title,
    progress: progressLabel(ui, n, total, questionRange(def, n, values)),
    action: `/e/${c.slug}/fraga/${n}`, last: n === total, showBack: n > 1, part: ui.part(n, total),
  };
}

function stepUnit(c: FormOf, n: number, lang: string, values: RawAnswers): Unit {
  const def = c.definition;
  const ui = uiFor(lang, c.words);
  const home = stepHome(def, n);
  const q = home.questions.find((x) => x.id === questionsOf(def)[n - 1].id)!;
  const steps = askedSteps(def, values);
  const at = stepPosition(def, n, values);
  return {
    questions: [q], visibility: new Map([[q.id, steps.includes(n) ? "shown" : "omitted"]]), sectionTitle: home.title,
    progress: ui.step(at.n, at.total), action: `/e/${c.slug}/steg/${n}`,
    last: !steps.some((s) => s > n), showBack: steps.some((s) => s < n),
  };
}

/** A question page: one section, its questions as the conditions allow, errors and every typed value. */
export function questionPage(c: FormOf, n: number, input: PageInput) {
  return formPage(c, input, pageUnit(c, n, input.lang, input.values));
}

/**
 * A page of the one-question-per-page form: step n's question under its part's heading, "Steg 3 av 9"
 * (out of the steps asked now), and "Skicka svaren" on the last asked step.
 */
export function questionStep(c: FormOf, n: number, input: PageInput) {
  return formPage(c, input, stepUnit(c, n, input.lang, input.values));
}

/**
 * What a page or step shown without errors depends on besides the insamling, its number, the language and
 * the two random fields: which of its questions show and the progress line, as a short text — when none of
 * its fields has a saved value (then the answers matter only through that). Undefined when a field has one.
 * answering/fast.ts records such a page once per shape and sends it again with the respondent's token.
 */
export function formShape(c: FormOf, mode: Mode, n: number, lang: string, values: RawAnswers): string | undefined {
  const unit = (mode === "steg" ? stepUnit : pageUnit)(c, n, lang, values);
  for (const q of unit.questions) if (q.id in values || commentKey(q.id) in values || otherKey(q.id) in values) return undefined;
  return JSON.stringify([[...unit.visibility], unit.progress, unit.last, unit.showBack]);
}

type Unit = {
  questions: Question[]; visibility: Map<string, Visibility>; sectionTitle?: Text;
  progress: string; action: string; last: boolean; showBack: boolean;
  /** "Del 2 av 4" of the paged form. */
  part?: string;
};

function formPage(c: FormOf, input: PageInput, unit: Unit) {
  const def = c.definition;
  const { lang, values } = input;
  const ui = uiFor(lang, c.words);
  const errors = new Map((input.issues ?? []).map((i) => [i.question, issueMessage(def, i, lang, ui)]));
  const { visibility } = unit;
  const textField = (key: string, label: Said, maxLength: number, hintId?: string): TextField => {
    const error = errors.get(key);
    return { id: key, label, value: str(values[key]), maxLength, error, describedBy: [hintId, error ? `${key}-error` : ""].filter(Boolean).join(" ") };
  };

  const questions: QuestionView[] = [];
  for (const q of unit.questions) {
    const vis = visibility.get(q.id);
    if (vis === "omitted") continue;
    const num = q.id.slice(1);
    const err = errors.get(q.id);
    const help = helpOf(q, lang, ui);
    const error = err ? { id: `${q.id}-error`, text: err } : undefined;
    const opts = optionsOf(q, lang, ui);
    const view: QuestionView = {
      id: q.id,
      control: q.kind === "text" ? "textarea" : q.kind === "multi" ? "checkbox" : "radio",
      numberLabel: ui.question(num),
      text: say(q.text, lang),
      requiredMark: q.required ? ui.requiredMark : "",
      help, error,
      describedBy: [help?.id, error?.id].filter(Boolean).join(" "),
      hidden: vis === "hidden",
      showWhen: q.condition && unit.questions.some((o) => o.id === q.condition!.question)
        ? { question: q.condition.question, values: q.condition.equals.map(String).join(" ") } : undefined,
      // The first option carries the question's id, so the error summary's #q4a lands on it.
      options: opts.map((o, i) => ({ id: i === 0 ? q.id : `${q.id}-${o.value}`, value: o.value, label: o.label, checked: has(values[q.id], o.value) })),
    };
    if (q.kind === "text") view.field = textField(q.id, view.text, q.maxLength, help?.id);
    if (q.kind === "multi" && q.other) view.other = textField(otherKey(q.id), { text: ui.otherLabel }, 500);
    if (q.comment) view.comment = textField(commentKey(q.id), say(q.comment.label, lang), q.comment.maxLength);
    questions.push(view);
  }

  const sectionTitle = say(unit.sectionTitle ?? def.title, lang);
  const { progress } = unit;
  const surveyTitle = say(def.title, lang);
  const hasErrors = errors.size > 0;
  // Without a section title the heading is the survey's title: not twice in the window title.
  const title = [progress, unit.sectionTitle ? sectionTitle.text : "", surveyTitle.text].filter(Boolean).join(" – ");
  return {
    ...layout(lang, `${hasErrors ? `${ui.errorPageTitle}: ` : ""}${title}`, surveyTitle, ui),
    part: unit.part, progress, heading: sectionTitle,
    // Named and linked, so that a respondent without JavaScript is taken to the question (the link has autofocus).
    notice: input.revealed?.length
      ? { text: ui.revealed, links: input.revealed.map((id) => ({ href: `#${id}`, label: ui.answerQuestion(id.slice(1)) })) }
      : undefined,
    errorList: [...errors].map(([key, text]) => ({ href: `#${key}`, text })),
    action: unit.action,
    hidden: [["s", input.token], ["key", input.key], ["lang", lang], ...(input.invitation ? [["i", input.invitation]] : [])] as [string, string][],
    visible: questions.filter((q) => !q.hidden).map((q) => q.id).join(","),
    questions,
    nextLabel: unit.last ? ui.send : ui.next,
    showBack: unit.showBack,
  };
}

/**
 * "Skicka länken till mig" on the saved page: offered only when mail goes straight to an SMTP server
 * (`canMail`); after a try, whether it was sent or failed, or the typed address with its error.
 */
export type ResumeMailState = { canMail: boolean; sent?: boolean; failed?: boolean; invalid?: boolean; typed?: string };

/** After "Spara och fortsätt senare": the personal link that continues where the respondent left off, to copy or have mailed. */
export function savedPage(c: Collection, baseUrl: string, lang: string, token: string, invitation?: string, mode: Mode = "sidor", mail: ResumeMailState = { canMail: false }) {
  const ui = uiFor(lang, c.words);
  const surveyTitle = say(c.definition.title, lang);
  const link = hrefs.resume(baseUrl, c.slug, token, invitation, mode);
  return {
    ...layout(lang, `${mail.invalid ? `${ui.errorPageTitle}: ` : ""}${ui.savedTitle} – ${surveyTitle.text}`, surveyTitle, ui),
    link,
    errorList: mail.invalid ? [{ href: "#epost", text: ui.mailInvalid }] : [],
    mail: {
      ...mail, typed: mail.typed ?? "",
      action: `/e/${c.slug}/skicka-lanken`,
      hidden: [["s", token], ["lang", lang], ...(invitation ? [["i", invitation]] : []), ...(mode === "steg" ? [["vy", mode]] : [])] as [string, string][],
    },
  };
}

/** The resume link as mailed: in the page's language, naming the questionnaire by its short title when it has one. */
export function resumeMail(c: Collection, baseUrl: string, lang: string, token: string, invitation?: string, mode: Mode = "sidor") {
  const def = c.definition;
  return uiFor(lang, c.words).resumeMail(say(def.shortTitle ?? def.title, lang).text, hrefs.resume(baseUrl, c.slug, token, invitation, mode));
}

/** Too many mails asked for: the link is still there to copy (built from the form the respondent sent; the catalog's words, as the limit runs before the insamling is read). */
export function tooManyMailsPage(lang: string, link?: string): MessagePage {
  const ui = uiFor(lang);
  return message(ui, 429, lang, ui.mailTooManyTitle, ui.mailTooManyText, undefined, link ? { href: link, label: ui.continueNow } : undefined);
}
