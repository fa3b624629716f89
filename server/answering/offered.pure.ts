/**
 * Which languages respondents are offered: the one rule, for the public pages, the insamling's JSON and the
 * questionnaire's page. Pure: the catalogs, the förbund's own words and its enabled languages are given.
 */
import { catalogText, hasCatalog, interfaceKeys, type OwnWords } from "./words/index.js";

/**
 * Whether a language's interface is complete: every key has a text, the catalog's or the förbund's own.
 * The one rule for "offered" (with the admin's enabling, offeredLanguage below).
 */
export const interfaceComplete = (lang: string, own: OwnWords = {}): boolean =>
  hasCatalog(lang) && interfaceKeys(lang).every((k) => !!(own[lang]?.[k]?.trim() || catalogText(lang, k)));

/** Whether respondents are offered a language: Swedish always; another when the förbund enabled it and its interface is complete. */
export const offeredLanguage = (lang: string, enabled: ReadonlySet<string>, own: OwnWords = {}): boolean =>
  lang === "sv" || (enabled.has(lang) && interfaceComplete(lang, own));

/** The languages an insamling offers now: those of its own that are offered (Swedish always). */
export const offeredOf = (languages: readonly string[], enabled: ReadonlySet<string>, own: OwnWords = {}): string[] =>
  languages.filter((l) => offeredLanguage(l, enabled, own));
