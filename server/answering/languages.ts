/**
 * The languages a förbund offers its respondents. Every language with interface words (./words) is
 * listed with its review state; sv, sv-lattlast and en are enabled from the start, the others when the
 * förbund's admin has reviewed them and enables them (which languages are enabled is kept with the
 * questionnaires' language versions, questionnaires/languages.ts, which a new insamling reads). An
 * insamling offers a language only when it is enabled, the insamling has it (every text of its
 * questionnaire version translated) and it has interface words.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { atLeast } from "../accounts/roles.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import * as audit from "../audit/service.js";
import { transactional } from "../unit-of-work.js";
import * as questionnaires from "../questionnaires/service.js";
import { languageNames } from "../../surveys/define.js";
import { catalogStates, catalogText, hasCatalog, interfaceKeys, placeholdersOf, swedishOf, type UiLanguage } from "./words/index.js";
import { refused, type Done, type FieldErrors } from "../result.js";

export const { enabledLanguages, peekEnabled, forbundWords, peekWords } = questionnaires;

export type LanguageInfo = { code: string; name: string; state: "granskad" | "utkast"; enabled: boolean };

/** Every language with interface words, with its name in its own script, review state and whether the förbund enabled it. */
export async function listLanguages(ctx: Ctx, forbundId: string): Promise<LanguageInfo[]> {
  const enabled = await enabledLanguages(ctx, forbundId);
  return (Object.keys(catalogStates) as UiLanguage[]).map((code) => ({ code, name: languageNames[code] ?? code, state: catalogStates[code], enabled: enabled.has(code) }));
}

/** The admin enables or disables a language for the förbund's respondents (Swedish stays). */
export const setEnabled = transactional(async function setEnabled(ctx: Ctx, user: ForbundUser, code: string, enabled: boolean): Promise<LanguageInfo> {
  if (!atLeast(user.role, "admin")) throw new ForbiddenError("Bara förbundets administratör kan slå på och av språk.");
  if (!hasCatalog(code)) throw new NotFoundError(`Språket ${code} finns inte. Språken som finns: ${Object.keys(catalogStates).join(", ")}.`);
  if (code === "sv" && !enabled) throw new ValidationError("Svenska kan inte stängas av: det är enkäternas källspråk.", [{ path: "enabled", message: "Svenska är alltid påslaget." }]);
  await questionnaires.setLanguageEnabled(ctx, user.forbundId, code, enabled);
  await audit.record(ctx, user, "language.changed", { language: code, enabled });
  return (await listLanguages(ctx, user.forbundId)).find((l) => l.code === code)!;
});

export { offeredOf } from "./offered.pure.js";

// ——— The förbund's own interface words: GET and PUT /api/v1/languages/:code/words and the page /sprak/:code/ord ———

/** One interface key: the Swedish source, the catalog's text in the language (null where it has none) and the förbund's own. */
export type WordEntry = { sv: string; catalog: string | null; own: string | null };
export type LanguageWords = { code: string; words: Record<string, WordEntry> };

/** A language with interface words, or 404 naming those there are. */
function knownLanguage(code: string): UiLanguage {
  if (!hasCatalog(code)) throw new NotFoundError(`Språket ${code} finns inte. Språken som finns: ${Object.keys(catalogStates).join(", ")}.`);
  return code;
}

const mayChangeWords = (user: ForbundUser) => {
  if (!atLeast(user.role, "admin")) throw new ForbiddenError("Bara förbundets administratör kan ändra gränssnittets ord.");
};

/** Every interface key of a language with its Swedish, the catalog's text and the förbund's own (admin). */
export async function languageWords(ctx: Ctx, user: ForbundUser, code: string): Promise<LanguageWords> {
  mayChangeWords(user);
  const lang = knownLanguage(code);
  const own = (await forbundWords(ctx, user.forbundId))[lang] ?? {};
  return {
    code: lang,
    words: Object.fromEntries(interfaceKeys(lang).map((k) => [k, { sv: swedishOf(k), catalog: catalogText(lang, k) ?? null, own: own[k] ?? null }])),
  };
}

/**
 * Why an own text cannot be used, or undefined: its {{placeholders}} must be the catalog's (the Swedish
 * source's where the catalog has none), or the page would show a blank or a raw {{n}}.
 */
export function placeholderProblem(lang: UiLanguage, key: string, text: string): string | undefined {
  const expected = placeholdersOf(catalogText(lang, key) ?? swedishOf(key));
  const got = placeholdersOf(text);
  if (expected.join() === got.join()) return undefined;
  const list = (p: string[]) => (p.length ? p.map((n) => `{{${n}}}`).join(", ") : "inga");
  return `Texten för ${key} ska ha platshållarna ${list(expected)}, men har ${list(got)}.`;
}

/**
 * Sets or removes (null, or an empty text) the förbund's own words of one language (admin). Refused with a
 * message per key for a key the language does not have or a text whose placeholders differ; nothing is
 * saved then. Audited with the keys changed, never the texts.
 */
export const saveWords = transactional(async function saveWords(ctx: Ctx, user: ForbundUser, code: string, words: Record<string, string | null>): Promise<Done<LanguageWords>> {
  mayChangeWords(user);
  const lang = knownLanguage(code);
  const keys = new Set(interfaceKeys(lang));
  const errors: FieldErrors = {};
  const changes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(words)) {
    const text = value?.trim() || null;
    const problem = !keys.has(key) ? `Nyckeln ${key} finns inte bland gränssnittets ord på ${languageNames[lang] ?? lang}.`
      : text === null ? undefined : placeholderProblem(lang, key, text);
    if (problem) errors[key] = problem;
    else changes[key] = text;
  }
  if (Object.keys(errors).length) return refused(errors);
  const before = (await forbundWords(ctx, user.forbundId))[lang] ?? {};
  const changed = Object.keys(changes).filter((k) => (before[k] ?? null) !== changes[k]);
  if (changed.length) {
    await questionnaires.setForbundWords(ctx, user.forbundId, lang, Object.fromEntries(changed.map((k) => [k, changes[k]])));
    await audit.record(ctx, user, "language.words.changed", { language: lang, keys: changed });
  }
  return { ok: true, ...(await languageWords(ctx, user, lang)) };
});
