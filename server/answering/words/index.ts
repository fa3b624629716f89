/**
 * The respondent pages' interface words, one catalog per language, read through i18next.
 *
 * Why i18next (and not ICU messages through @formatjs): the catalogs stay plain key → text objects that a
 * translator can read and an admin can override key by key (a förbund's words are one more i18next
 * namespace in front of the shipped one, fallbackNS does the rest); plural forms are CLDR's through
 * Intl.PluralRules (Arabic's six, Ukrainian's four) with the same key_one/key_few names translators'
 * tools use; lists ("A, B och C") through Intl.ListFormat; and it runs synchronously on the server with
 * no build step. It is the most used and kept i18n library for JavaScript (v26, MIT).
 *
 * Swedish is the source; a catalog is *granskad* only when a human translator has checked it.
 */
import i18next, { type TFunction } from "i18next";
import type { PiiKind } from "../../privacy/pii.js";
import type { AnswerIssueCode, AnswerIssueParams } from "../../../surveys/answers.js";
import type { Question } from "../../../surveys/define.js";
import { sv, type Catalog, type MessageKey, type PluralForms } from "./sv.js";
import { en } from "./en.js";
import { ar } from "./ar.js";
import { fa } from "./fa.js";
import { so } from "./so.js";
import { ti } from "./ti.js";
import { uk } from "./uk.js";
import { svLattlast } from "./sv-lattlast.js";

export type { Catalog, MessageKey, PluralForms };

export const catalogs = { sv, "sv-lattlast": svLattlast, en, ar, fa, so, ti, uk } as const satisfies Record<string, Catalog>;
export type UiLanguage = keyof typeof catalogs;

/** The review state of each catalog: only a translator's check makes one granskad; what we wrote ourselves is utkast. */
export const catalogStates: Readonly<Record<UiLanguage, "granskad" | "utkast">> = {
  sv: "granskad", "sv-lattlast": "utkast", en: "utkast", ar: "utkast", fa: "utkast", so: "utkast", ti: "utkast", uk: "utkast",
};

/** The locale for dates and numbers in each language (Arabic and Persian with Latin digits, as the question numbers are). */
const locales: Readonly<Record<UiLanguage, string>> = {
  sv: "sv-SE", "sv-lattlast": "sv-SE", en: "en-GB", ar: "ar-u-nu-latn", fa: "fa-u-nu-latn", so: "so", ti: "ti", uk: "uk-UA",
};

/** Whether a language has interface words of its own (otherwise its pages use the Swedish ones). */
export const hasCatalog = (lang: string): lang is UiLanguage => Object.hasOwn(catalogs, lang);

/** A catalog as an i18next resource: plural forms become key_one, key_few … (i18next's suffixes). */
export function resourceOf(c: Partial<Catalog>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(c) as [string, string | PluralForms | undefined][]) {
    if (typeof value === "string") out[key] = value;
    else if (value) for (const [form, text] of Object.entries(value)) out[`${key}_${form}`] = text as string;
  }
  return out;
}

const NS = "ui";
const resources: Readonly<Record<UiLanguage, Record<string, string>>> = Object.fromEntries(Object.entries(catalogs).map(([lang, c]) => [lang, resourceOf(c)])) as Record<UiLanguage, Record<string, string>>;

/** An i18next instance over the catalogs, each language's with a förbund's own words (own.ts) laid over it. */
function instance(own: OwnWords = {}) {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false, // the resources are here: init is synchronous
    resources: Object.fromEntries(Object.entries(resources).map(([lang, r]) => [lang, { [NS]: { ...r, ...own[lang] } }])),
    ns: [NS], defaultNS: NS, fallbackLng: "sv",
    keySeparator: false, nsSeparator: false, // keys are flat ("issue.too_long"), texts may hold ":" and "."
    interpolation: { escapeValue: false }, // EJS escapes every value it writes (<%= %>)
    returnNull: false,
  });
  return i18n;
}

/**
 * How a respondent is told about each issue from validateAnswers, by its code and parameters: `what` names the
 * field ("fråga 4a", "kommentaren till fråga 3"), `q` is its question.
 */
export type IssueTexts = { [C in AnswerIssueCode]: (what: string, params: AnswerIssueParams[C], q?: Question) => string };

/** The words a respondent page uses, in one language: texts, and functions for those with numbers or names in them. */
export type Ui = {
  locale: string;
  skip: string; footer: string; anonymity: string; chooseLanguage: string; start: string;
  questionCount: (n: number, pages: number, followUps: number) => string;
  part: (n: number, total: number) => string;
  /** The page's questions among the asked ones; lower case, since it may follow the part. */
  questions: (first: number, last: number, asked: number) => string;
  question: (num: string) => string;
  requiredMark: string; next: string; send: string; back: string; save: string; yes: string; no: string;
  /** The six steps of the frequency scale, Aldrig … Alltid (the same words as surveys/define.ts's frequencyLabels). */
  frequency: readonly string[];
  dontKnow: string;
  scaleHint: (max: number, low: string, high: string) => string;
  errorTitle: string; errorPrefix: string; errorPageTitle: string;
  issues: IssueTexts;
  what: (num: string) => string; commentOf: (num: string) => string; otherOf: (num: string) => string;
  otherLabel: string; revealed: string;
  /** The link under "revealed" to a follow-up question the answer led to. */
  answerQuestion: (num: string) => string;
  savedTitle: string; savedIntro: string; savedWarning: string; savedLinkLabel: string; continueNow: string;
  thanksTitle: string; thanksText: string; closedTitle: string; closedText: string;
  notYetTitle: string; notYetText: (date?: string) => string;
  unknownTitle: string; unknownText: string; answeredTitle: string; answeredText: string;
  badLinkTitle: string; badLinkText: string; expiredTitle: string; expiredText: string; toStart: string;
  /** The start page's count in the one-question-per-page mode: questions, steps, and follow-ups that may come. */
  stepCount: (n: number, steps: number, followUps: number) => string;
  /** The start page's buttons for the other mode, with what it leads to. */
  chooseSteps: (steps: number) => string;
  choosePages: (pages: number) => string;
  /** "Steg 3 av 9" on a page of the one-question-per-page form. */
  step: (n: number, total: number) => string;
  copyLink: string; linkCopied: string; copyFailed: string;
  mailTitle: string; mailLabel: string; mailHint: string; mailSend: string; mailSent: string; mailInvalid: string; mailFailed: string;
  mailTooManyTitle: string; mailTooManyText: string;
  /** The e-mail with the saved-answers link, in the page's language. */
  resumeMail: (title: string, link: string) => { subject: string; text: string };
  /** The line under each language's QR code on the poster and card. */
  posterScan: string;
};

/** The interface words of one language from i18next. */
function build(i18n: ReturnType<typeof instance>, lang: UiLanguage): Ui {
  const fixed: TFunction = i18n.getFixedT(lang, NS);
  // Only catalog keys are asked for: a misspelt key is a type error, not a key shown to a respondent.
  const t = (key: MessageKey, values?: Record<string, unknown>): string => fixed(key, values ?? {});
  const choose = (what: string) => t("issue.choose", { what });
  return {
    locale: locales[lang],
    skip: t("skip"), footer: t("footer"), anonymity: t("anonymity"), chooseLanguage: t("chooseLanguage"), start: t("start"),
    questionCount: (n, pages, followUps) => [
      t("questionCount", { questions: t("questionsCounted", { count: n }), pages: t("pagesCounted", { count: pages }) }),
      followUps ? t("followUps", { count: followUps }) : "",
    ].filter(Boolean).join(" "),
    part: (n, total) => t("part", { n, total }),
    questions: (first, last, asked) => (first === last ? t("questionOf", { first, asked }) : t("questionsOf", { first, last, asked })),
    question: (num) => t("question", { num }),
    requiredMark: t("requiredMark"), next: t("next"), send: t("send"), back: t("back"), save: t("save"), yes: t("yes"), no: t("no"),
    frequency: (["frequency1", "frequency2", "frequency3", "frequency4", "frequency5", "frequency6"] as const).map((k) => t(k)),
    dontKnow: t("dontKnow"),
    scaleHint: (max, low, high) => t("scaleHint", { max, low, high }),
    errorTitle: t("errorTitle"), errorPrefix: t("errorPrefix"), errorPageTitle: t("errorPageTitle"),
    // The page offers only valid choices and asks only asked questions: the other codes come from a value the page
    // did not offer (a stale or altered form), so the respondent is asked to choose one of the answers shown.
    issues: {
      required: (what, _, q) => t(q?.kind === "text" ? "issue.required.text" : "issue.required.choice", { what }),
      too_long: (what, { max }) => t("issue.too_long", { what, count: max }),
      contains_pii: (what, { kinds }) => t("issue.contains_pii", { what, kinds: kinds.map((k: PiiKind) => t(`pii.${k}`)) }),
      unknown_question: choose, not_asked: choose, out_of_range: choose, not_yes_or_no: choose,
      not_an_option: choose, not_text: choose, no_answers: choose,
    },
    what: (num) => t("what", { num }), commentOf: (num) => t("commentOf", { num }), otherOf: (num) => t("otherOf", { num }),
    otherLabel: t("otherLabel"), revealed: t("revealed"), answerQuestion: (num) => t("answerQuestion", { num }),
    savedTitle: t("savedTitle"), savedIntro: t("savedIntro"), savedWarning: t("savedWarning"), savedLinkLabel: t("savedLinkLabel"), continueNow: t("continueNow"),
    thanksTitle: t("thanksTitle"), thanksText: t("thanksText"), closedTitle: t("closedTitle"), closedText: t("closedText"),
    notYetTitle: t("notYetTitle"), notYetText: (date) => (date ? t("notYetOn", { date }) : t("notYetText")),
    unknownTitle: t("unknownTitle"), unknownText: t("unknownText"), answeredTitle: t("answeredTitle"), answeredText: t("answeredText"),
    badLinkTitle: t("badLinkTitle"), badLinkText: t("badLinkText"), expiredTitle: t("expiredTitle"), expiredText: t("expiredText"), toStart: t("toStart"),
    stepCount: (n, steps, followUps) => [
      t("stepCount", { questions: t("questionsCounted", { count: n }), steps: t("stepsCounted", { count: steps }) }),
      followUps ? t("followUps", { count: followUps }) : "",
    ].filter(Boolean).join(" "),
    chooseSteps: (steps) => t("chooseSteps", { steps: t("stepsCounted", { count: steps }) }),
    choosePages: (pages) => t("choosePages", { pages: t("pagesCounted", { count: pages }) }),
    step: (n, total) => t("step", { n, total }),
    copyLink: t("copyLink"), linkCopied: t("linkCopied"), copyFailed: t("copyFailed"),
    mailTitle: t("mailTitle"), mailLabel: t("mailLabel"), mailHint: t("mailHint"), mailSend: t("mailSend"), mailSent: t("mailSent"),
    mailInvalid: t("mailInvalid"), mailFailed: t("mailFailed"), mailTooManyTitle: t("mailTooManyTitle"), mailTooManyText: t("mailTooManyText"),
    resumeMail: (title, link) => ({ subject: t("mailSubject"), text: t("mailText", { title, link }) }),
    posterScan: t("posterScan"),
  };
}

// One i18next instance and set of built words per förbund's own words (the same object while they are
// unchanged, see questionnaires/languages.ts), and one for the catalogs alone.
const NONE: OwnWords = Object.freeze({});
const built = new WeakMap<OwnWords, { i18n: ReturnType<typeof instance>; byLang: Map<UiLanguage, Ui> }>();

/** The interface words for a language: its own catalog (with the förbund's own words over it, when given), or Swedish. */
export function uiFor(lang: string, own: OwnWords = NONE): Ui {
  const code: UiLanguage = hasCatalog(lang) ? lang : "sv";
  const words = Object.keys(own).length ? own : NONE;
  let b = built.get(words);
  if (!b) built.set(words, b = { i18n: instance(words), byLang: new Map() });
  let ui = b.byLang.get(code);
  if (!ui) b.byLang.set(code, ui = build(b.i18n, code));
  return ui;
}

// ——— A förbund's own words: which keys there are, their Swedish source, and the rules an own text follows ———

/** A förbund's own interface words: language → i18next key → text. */
export type OwnWords = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Every interface key of a language as i18next has it: a counted text once per plural form the language has (questionsCounted_one …). */
export const interfaceKeys = (lang: UiLanguage): string[] => Object.keys(resources[lang]);

/** The catalog's text of a key in a language, if it has one. */
export const catalogText = (lang: UiLanguage, key: string): string | undefined => resources[lang][key] || undefined;

/** The Swedish source of a key: a plural form Swedish does not have (Arabic's _few) is translated from Swedish's _other. */
export function swedishOf(key: string): string {
  const plural = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
  return resources.sv[key] ?? (plural ? resources.sv[`${plural[1]}_other`] : undefined) ?? "";
}

/** The {{placeholders}} of a text, sorted, each once ({{kinds, list}} counts as kinds). */
export const placeholdersOf = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();
