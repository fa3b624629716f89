/**
 * The respondent pages' interface words, one catalog per language, and each catalog's review state.
 * Swedish is the source; a catalog is *granskad* only when a human translator has checked it.
 */
import { sv, type Ui } from "./sv.js";
import { en } from "./en.js";
import { ar } from "./ar.js";
import { fa } from "./fa.js";
import { so } from "./so.js";
import { ti } from "./ti.js";
import { uk } from "./uk.js";
import { svLattlast } from "./sv-lattlast.js";

export { list, plural, type Ui } from "./sv.js";

export const catalogs = { sv, "sv-lattlast": svLattlast, en, ar, fa, so, ti, uk } as const satisfies Record<string, Ui>;
export type UiLanguage = keyof typeof catalogs;

/** The review state of each catalog: only a translator's check makes one granskad; what we wrote ourselves is utkast. */
export const catalogStates: Readonly<Record<UiLanguage, "granskad" | "utkast">> = {
  sv: "granskad", "sv-lattlast": "utkast", en: "utkast", ar: "utkast", fa: "utkast", so: "utkast", ti: "utkast", uk: "utkast",
};

/** Whether a language has interface words of its own (otherwise its pages use the Swedish ones). */
export const hasCatalog = (lang: string): lang is UiLanguage => Object.hasOwn(catalogs, lang);

/** The interface words for a language: its own catalog, or Swedish. */
export const uiFor = (lang: string): Ui => (hasCatalog(lang) ? catalogs[lang] : sv);

