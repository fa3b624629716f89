/**
 * What the respondent pages show: the interface words in Swedish and English (lättläst and the other
 * languages use the Swedish words; the questionnaire's own texts come in every language it has), and
 * view models for the start, question, saved, thanks and notice pages. Views get no database rows.
 */
import type { PiiKind } from "../privacy/pii.js";
import type { AnswerIssue, AnswerIssueCode, AnswerIssueParams } from "../../surveys/answers.js";
import {
  commentKey, dontKnowLabel, frequencyLabels, languageNames, otherKey, rtlLanguages, tr, type Definition, type Question,
} from "../../surveys/define.js";
import { askedIds, chooseLanguage, pageVisibility, questionRange, type RawAnswers } from "./paging.js";
import type { Collection, Lookup } from "./service.js";

/**
 * How a respondent is told about each issue from validateAnswers, by its code and parameters: `what` names the
 * field ("fråga 4a", "kommentaren till fråga 3"), `q` is its question. One table per language.
 */
type IssueTexts = { [C in AnswerIssueCode]: (what: string, params: AnswerIssueParams[C], q?: Question) => string };

// The page offers only valid choices and asks only asked questions: the other codes come from a value the page
// did not offer (a stale or altered form), so the respondent is asked to choose one of the answers shown.
const svPii: Record<PiiKind, string> = { personnummer: "ett personnummer", telefon: "ett telefonnummer", epost: "en e-postadress" };
const svChoose = (what: string) => `Välj ett av svarsalternativen på ${what}.`;
const svIssues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `Skriv ett svar på ${what}.` : `Välj ett svar på ${what}.`),
  too_long: (what, { max }) => `Svaret på ${what} får vara högst ${max} tecken. Korta texten.`,
  contains_pii: (what, { kinds }) => `Det du skrev i ${what} verkar innehålla ${list(kinds.map((k) => svPii[k]), "och")}. Ta bort det – svaren ska vara anonyma och inte gå att koppla till en person.`,
  unknown_question: svChoose, not_asked: svChoose, out_of_range: svChoose, not_yes_or_no: svChoose,
  not_an_option: svChoose, not_text: svChoose, no_answers: svChoose,
};

const enPii: Record<PiiKind, string> = { personnummer: "a personal identity number", telefon: "a phone number", epost: "an e-mail address" };
const enChoose = (what: string) => `Choose one of the answers to ${what}.`;
const enIssues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `Write an answer to ${what}.` : `Choose an answer to ${what}.`),
  too_long: (what, { max }) => `The answer to ${what} may be at most ${max} characters. Please shorten it.`,
  contains_pii: (what, { kinds }) => `What you wrote in ${what} seems to contain ${list(kinds.map((k) => enPii[k]), "and")}. Please remove it – answers must be anonymous and not linked to a person.`,
  unknown_question: enChoose, not_asked: enChoose, out_of_range: enChoose, not_yes_or_no: enChoose,
  not_an_option: enChoose, not_text: enChoose, no_answers: enChoose,
};

const sv = {
  locale: "sv-SE",
  skip: "Hoppa till innehållet",
  footer: "Svaren är anonyma. Vi sparar inte vem du är, varifrån du svarar eller vilken tid – bara dagens datum.",
  anonymity: "Dina svar är anonyma. Vi sparar inte ditt namn, din e-postadress, din IP-adress eller vilken tid du svarade – bara datumet. Ingen kan se vad just du har svarat.",
  chooseLanguage: "Välj språk",
  start: "Börja",
  questionCount: (n: number, pages: number, followUps: number) => `${n} ${n === 1 ? "fråga" : "frågor"} på ${pages} ${pages === 1 ? "sida" : "sidor"}.${
    followUps ? ` Beroende på dina svar kan ${followUps === 1 ? "en följdfråga" : `${followUps} följdfrågor`} tillkomma.` : ""}`,
  part: (n: number, total: number) => `Del ${n} av ${total}`,
  /** The page's questions among the asked ones; lower case, since it may follow the part. */
  questions: (first: number, last: number, asked: number) => `fråga ${first === last ? first : `${first}–${last}`} av ${asked}`,
  question: (num: string) => `Fråga ${num}`,
  requiredMark: "(måste besvaras)",
  next: "Nästa",
  send: "Skicka svaren",
  back: "Tillbaka",
  save: "Spara och fortsätt senare",
  yes: "Ja",
  no: "Nej",
  scaleHint: (max: number, low: string, high: string) => `1 betyder ${low}, ${max} betyder ${high}.`,
  errorTitle: "Något behöver rättas",
  errorPrefix: "Fel:",
  errorPageTitle: "Fel",
  /** The respondent's message for each issue code. */
  issues: svIssues,
  what: (num: string) => `fråga ${num}`,
  commentOf: (num: string) => `kommentaren till fråga ${num}`,
  otherOf: (num: string) => `”Annat” i fråga ${num}`,
  otherLabel: "Annat, nämligen:",
  revealed: "Ditt svar ledde till en följdfråga. Svara på den och tryck sedan på knappen igen.",
  savedTitle: "Dina svar är sparade",
  savedIntro: "Spara den här länken, till exempel som bokmärke eller genom att skicka den till dig själv. Med länken kan du fortsätta där du slutade.",
  savedWarning: "Den som har länken kan se och ändra dina svar innan de skickas. Dela den inte med någon.",
  savedLinkLabel: "Din länk för att fortsätta",
  continueNow: "Fortsätt svara nu",
  thanksTitle: "Tack för dina svar!",
  thanksText: "Dina svar är skickade. Du kan stänga sidan nu.",
  closedTitle: "Enkäten är stängd",
  closedText: "Det går inte längre att svara på den här enkäten. Tack för att du ville svara!",
  notYetTitle: "Enkäten är inte öppen ännu",
  notYetText: (date?: string) => (date ? `Du kan svara från och med ${date}. Välkommen tillbaka då!` : "Det går inte att svara på den här enkäten ännu. Försök igen senare."),
  unknownTitle: "Vi hittar ingen enkät här",
  unknownText: "Det finns ingen enkät på den här adressen. Kontrollera att adressen är rätt skriven – den står på affischen eller i meddelandet du fick.",
  answeredTitle: "Du har redan svarat",
  answeredText: "Svaren från din personliga länk är redan skickade. Tack för att du tog dig tid!",
  badLinkTitle: "Länken fungerar inte",
  badLinkText: "Vi hittar inga sparade svar för den här länken. Kontrollera att hela länken kom med när du kopierade den.",
  expiredTitle: "Sidan hade gått ut",
  expiredText: "Formuläret saknade uppgifter som behövs. Börja om från enkätens första sida.",
  toStart: "Till enkätens början",
};
type Ui = typeof sv;

const en: Ui = {
  locale: "en-GB",
  skip: "Skip to content",
  footer: "Answers are anonymous. We do not store who you are, where you answer from or at what time – only today's date.",
  anonymity: "Your answers are anonymous. We do not store your name, e-mail address, IP address or the time you answered – only the date. No one can see what you answered.",
  chooseLanguage: "Choose language",
  start: "Start",
  questionCount: (n, pages, followUps) => `${n} ${n === 1 ? "question" : "questions"} on ${pages} ${pages === 1 ? "page" : "pages"}.${
    followUps ? ` Depending on your answers, ${followUps === 1 ? "a follow-up question" : `${followUps} follow-up questions`} may be added.` : ""}`,
  part: (n, total) => `Part ${n} of ${total}`,
  questions: (first, last, asked) => (first === last ? `question ${first} of ${asked}` : `questions ${first}–${last} of ${asked}`),
  question: (num) => `Question ${num}`,
  requiredMark: "(required)",
  next: "Next",
  send: "Send your answers",
  back: "Back",
  save: "Save and continue later",
  yes: "Yes",
  no: "No",
  scaleHint: (max, low, high) => `1 means ${low}, ${max} means ${high}.`,
  errorTitle: "Something needs to be corrected",
  errorPrefix: "Error:",
  errorPageTitle: "Error",
  issues: enIssues,
  what: (num) => `question ${num}`,
  commentOf: (num) => `the comment on question ${num}`,
  otherOf: (num) => `"Other" in question ${num}`,
  otherLabel: "Other, namely:",
  revealed: "Your answer led to a follow-up question. Please answer it and press the button again.",
  savedTitle: "Your answers are saved",
  savedIntro: "Keep this link, for example as a bookmark or by sending it to yourself. With the link you can continue where you left off.",
  savedWarning: "Anyone with the link can see and change your answers before they are sent. Do not share it.",
  savedLinkLabel: "Your link to continue",
  continueNow: "Continue answering now",
  thanksTitle: "Thank you for your answers!",
  thanksText: "Your answers have been sent. You can close this page now.",
  closedTitle: "The survey is closed",
  closedText: "It is no longer possible to answer this survey. Thank you for wanting to answer!",
  notYetTitle: "The survey is not open yet",
  notYetText: (date) => (date ? `You can answer from ${date}. Welcome back then!` : "It is not possible to answer this survey yet. Please try again later."),
  unknownTitle: "We cannot find a survey here",
  unknownText: "There is no survey at this address. Check that the address is typed correctly – it is on the poster or in the message you received.",
  answeredTitle: "You have already answered",
  answeredText: "The answers from your personal link have already been sent. Thank you for taking the time!",
  badLinkTitle: "The link does not work",
  badLinkText: "We cannot find any saved answers for this link. Check that the whole link was included when you copied it.",
  expiredTitle: "The page had expired",
  expiredText: "The form was missing information it needs. Please start again from the first page of the survey.",
  toStart: "To the start of the survey",
};

function list(items: string[], and: string): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

/** The languages with interface words of their own. */
export const uiLanguages: Readonly<Record<"sv" | "en", Ui>> = { sv, en };

/** The interface words for a language: English for en, Swedish for everything else (sv-lattlast included). */
export const uiFor = (lang: string): Ui => (lang === "en" ? en : sv);

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
  thanks: (slug: string, lang?: string) => `/e/${slug}/tack${qs({ lang })}`,
  resume: (baseUrl: string, slug: string, token: string, i?: string) => `${baseUrl}/e/${slug}/fortsatt/${token}${qs({ i })}`,
};

/** The lang attribute for a language code: lättläst is Swedish to a screen reader. */
export const htmlLang = (code: string) => (code === "sv-lattlast" ? "sv" : code);

/** What every respondent page's layout needs. */
function layout(lang: string, title: string, surveyTitle = "") {
  return { lang: htmlLang(lang), dir: rtlLanguages.has(lang) ? "rtl" : "ltr", ui: uiFor(lang), title, surveyTitle };
}

export type MessagePage = ReturnType<typeof layout> & { status: number; heading: string; text: string; link?: { href: string; label: string } };

function message(status: number, lang: string, heading: string, text: string, surveyTitle = "", link?: MessagePage["link"]): MessagePage {
  return { ...layout(lang, `${heading}${surveyTitle ? ` – ${surveyTitle}` : ""}`, surveyTitle), status, heading, text, link };
}

const formatDate = (iso: string, ui: Ui) =>
  new Intl.DateTimeFormat(ui.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`));

/** The kind page for an address that takes no answers: unknown (404), not open yet (404) or closed (410). */
export function unavailablePage(found: Exclude<Lookup, { state: "open" }>, askedLang?: string): MessagePage {
  const lang = found.state === "unknown" ? (askedLang === "en" ? "en" : "sv") : chooseLanguage(found.collection, askedLang);
  const ui = uiFor(lang);
  if (found.state === "unknown") return message(404, lang, ui.unknownTitle, ui.unknownText);
  const c = found.collection;
  const title = tr(c.definition.title, lang);
  if (found.state === "closed") return message(410, lang, ui.closedTitle, ui.closedText, title);
  const opens = c.status === "oppen" && c.opensOn ? formatDate(c.opensOn, ui) : undefined;
  return message(404, lang, ui.notYetTitle, ui.notYetText(opens), title);
}

export function answeredPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang);
  return message(200, lang, ui.answeredTitle, ui.answeredText, tr(c.definition.title, lang));
}

export function badLinkPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang);
  return message(404, lang, ui.badLinkTitle, ui.badLinkText, tr(c.definition.title, lang), { href: hrefs.start(c.slug, { lang }), label: ui.toStart });
}

export function expiredPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang);
  return message(400, lang, ui.expiredTitle, ui.expiredText, tr(c.definition.title, lang), { href: hrefs.start(c.slug, { lang }), label: ui.toStart });
}

export function thanksPage(c: Collection, lang: string): MessagePage {
  const ui = uiFor(lang);
  return message(200, lang, ui.thanksTitle, ui.thanksText, tr(c.definition.title, lang));
}

/** The start page: title, intro, the anonymity sentence, the language switch and "Börja". */
export function startPage(c: Pick<Collection, "definition" | "slug" | "languages">, lang: string, invitation?: string) {
  const def = c.definition;
  const ui = uiFor(lang);
  const title = tr(def.title, lang);
  // The same count as the first question page's "av N": follow-up questions are counted apart.
  const all = def.sections.reduce((sum, s) => sum + s.questions.length, 0);
  const count = askedIds(def, {}).size;
  return {
    ...layout(lang, title, title),
    intro: tr(def.intro, lang),
    questionCount: ui.questionCount(count, def.sections.length, all - count),
    languages: c.languages.length > 1
      ? c.languages.map((code) => ({ code: htmlLang(code), name: languageNames[code] ?? code, href: hrefs.start(c.slug, { lang: code, i: invitation }), current: code === lang }))
      : [],
    action: `/e/${c.slug}/fraga/1`,
    hidden: [["lang", lang], ...(invitation ? [["i", invitation]] : [])] as [string, string][],
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

type Option = { id: string; value: string; label: string; checked: boolean };
type TextField = { id: string; label: string; value: string; maxLength: number; error?: string; describedBy: string };
export type QuestionView = {
  id: string;
  control: "radio" | "checkbox" | "textarea";
  numberLabel: string;
  text: string;
  requiredMark: string;
  help?: { id: string; text: string };
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

function optionsOf(q: Question, lang: string, ui: Ui): { value: string; label: string }[] {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  switch (q.kind) {
    case "frequency6": return [
      ...range(6).map((v) => ({ value: String(v), label: tr(frequencyLabels[v - 1], lang) })),
      ...(q.dontKnow ? [{ value: "0", label: tr(dontKnowLabel, lang) }] : []),
    ];
    case "scale6": case "scale10": {
      const max = q.kind === "scale6" ? 6 : 10;
      return [
        ...range(max).map((v) => ({
          value: String(v),
          label: v === 1 ? `1 – ${tr(q.low, lang)}` : v === max ? `${max} – ${tr(q.high, lang)}` : String(v),
        })),
        ...(q.dontKnow ? [{ value: "0", label: tr(dontKnowLabel, lang) }] : []),
      ];
    }
    case "yesno": return [{ value: "ja", label: ui.yes }, { value: "nej", label: ui.no }];
    case "single": return q.options.map((o) => ({ value: o.code, label: tr(o.text, lang) }));
    case "multi": return [
      ...q.options.map((o) => ({ value: o.code, label: tr(o.text, lang) })),
      ...(q.other ? [{ value: "annat", label: tr(q.other, lang) }] : []),
    ];
    case "text": return [];
  }
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
export function issueMessage(def: Definition, issue: AnswerIssue, lang: string): string {
  const ui = uiFor(lang);
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
  revealed?: boolean;
};

/** A question page: one section, its questions as the conditions allow, errors and every typed value. */
export function questionPage(c: Pick<Collection, "definition" | "slug">, n: number, input: PageInput) {
  const def = c.definition;
  const { lang, values } = input;
  const ui = uiFor(lang);
  const section = def.sections[n - 1];
  const total = def.sections.length;
  const errors = new Map((input.issues ?? []).map((i) => [i.question, issueMessage(def, i, lang)]));
  const visibility = pageVisibility(def, n, values);
  const textField = (key: string, label: string, maxLength: number, hintId?: string): TextField => {
    const error = errors.get(key);
    return { id: key, label, value: str(values[key]), maxLength, error, describedBy: [hintId, error ? `${key}-error` : ""].filter(Boolean).join(" ") };
  };

  const questions: QuestionView[] = [];
  for (const q of section.questions) {
    const vis = visibility.get(q.id);
    if (vis === "omitted") continue;
    const num = q.id.slice(1);
    const err = errors.get(q.id);
    const help = q.help || q.kind === "scale10" || q.kind === "scale6"
      ? { id: `${q.id}-hint`, text: [tr(q.help, lang), q.kind === "scale10" || q.kind === "scale6" ? ui.scaleHint(q.kind === "scale10" ? 10 : 6, lower(tr(q.low, lang)), lower(tr(q.high, lang))) : ""].filter(Boolean).join(" ") }
      : undefined;
    const error = err ? { id: `${q.id}-error`, text: err } : undefined;
    const opts = optionsOf(q, lang, ui);
    const view: QuestionView = {
      id: q.id,
      control: q.kind === "text" ? "textarea" : q.kind === "multi" ? "checkbox" : "radio",
      numberLabel: ui.question(num),
      text: tr(q.text, lang),
      requiredMark: q.required ? ui.requiredMark : "",
      help, error,
      describedBy: [help?.id, error?.id].filter(Boolean).join(" "),
      hidden: vis === "hidden",
      showWhen: q.condition && section.questions.some((o) => o.id === q.condition!.question)
        ? { question: q.condition.question, values: q.condition.equals.map(String).join(" ") } : undefined,
      // The first option carries the question's id, so the error summary's #q4a lands on it.
      options: opts.map((o, i) => ({ id: i === 0 ? q.id : `${q.id}-${o.value}`, value: o.value, label: o.label, checked: has(values[q.id], o.value) })),
    };
    if (q.kind === "text") view.field = textField(q.id, view.text, q.maxLength, help?.id);
    if (q.kind === "multi" && q.other) view.other = textField(otherKey(q.id), ui.otherLabel, 500);
    if (q.comment) view.comment = textField(commentKey(q.id), tr(q.comment.label, lang), q.comment.maxLength);
    questions.push(view);
  }

  const sectionTitle = section.title ? tr(section.title, lang) : tr(def.title, lang);
  const part = ui.part(n, total);
  const progress = progressLabel(ui, n, total, questionRange(def, n, values));
  const surveyTitle = tr(def.title, lang);
  const hasErrors = errors.size > 0;
  // Without a section title the heading is the survey's title: not twice in the window title.
  const title = [progress, section.title ? sectionTitle : "", surveyTitle].filter(Boolean).join(" – ");
  return {
    ...layout(lang, `${hasErrors ? `${ui.errorPageTitle}: ` : ""}${title}`, surveyTitle),
    part, progress, heading: sectionTitle,
    notice: input.revealed ? ui.revealed : "",
    errorList: [...errors].map(([key, text]) => ({ href: `#${key}`, text })),
    action: `/e/${c.slug}/fraga/${n}`,
    hidden: [["s", input.token], ["key", input.key], ["lang", lang], ...(input.invitation ? [["i", input.invitation]] : [])] as [string, string][],
    visible: questions.filter((q) => !q.hidden).map((q) => q.id).join(","),
    questions,
    nextLabel: n === total ? ui.send : ui.next,
    showBack: n > 1,
  };
}

/** After "Spara och fortsätt senare": the personal link that continues where the respondent left off. */
export function savedPage(c: Collection, baseUrl: string, lang: string, token: string, invitation?: string) {
  const ui = uiFor(lang);
  const surveyTitle = tr(c.definition.title, lang);
  const link = hrefs.resume(baseUrl, c.slug, token, invitation);
  return { ...layout(lang, `${ui.savedTitle} – ${surveyTitle}`, surveyTitle), link };
}
