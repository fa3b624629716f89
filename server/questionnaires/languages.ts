/**
 * Language versions of a questionnaire version, the standard ones included: not copies but the same
 * questionnaire (the same id, version, questions and answer codes) with its texts in another language.
 * An insamling opened on it stores its answers under the standard's id and version, so answers in every
 * language count in the same results, goals and bilaga section. The Swedish is never changed here.
 *
 * A text in a language comes from, in this order: the förbund's own (questionnaire_translations), the
 * definition itself (the English and lättläst that Samspår wrote in surveys/<id>.ts, or an imported NNS
 * version's), or Samspår's drafted language versions (surveys/translations.ts, state utkast).
 */
import type { Ctx } from "../context.js";
import type { Definition } from "../../surveys/define.js";
import { applyTranslations, textEntries } from "../../surveys/edit.js";
import { draftedLanguages, draftedTexts } from "../../surveys/translations.js";
import { offeredLanguage } from "../answering/offered.pure.js";
import * as repo from "./repo.js";

// ——— The languages the förbund has enabled for its respondents ———

/** Enabled from the start: Swedish (the source), lättläst and English; the others after the admin's review. */
export const enabledFromStart: ReadonlySet<string> = new Set(["sv", "sv-lattlast", "en"]);

// Read on every public page: kept per förbund for CACHE_MS, as the insamlingar are (collections/service.ts),
// and dropped at once when this process changes it; another process learns of a change within CACHE_MS.
const CACHE_MS = 5_000;
type Entry = { enabled: ReadonlySet<string>; until: number };
const caches = new WeakMap<object, { byForbund: Map<string, Entry>; generation: number }>();
function cacheOf(ctx: Ctx) {
  let c = caches.get(ctx.database);
  if (!c) caches.set(ctx.database, c = { byForbund: new Map(), generation: 0 });
  return c;
}

/** The enabled languages of a förbund if this process read them less than CACHE_MS ago; no database access. */
export function peekEnabled(ctx: Ctx, forbundId: string): ReadonlySet<string> | undefined {
  const e = cacheOf(ctx).byForbund.get(forbundId);
  return e && e.until > performance.now() ? e.enabled : undefined;
}

/** The languages the förbund has enabled (the same Set object while it is cached, so pages built on it can be kept). */
export async function enabledLanguages(ctx: Ctx, forbundId: string): Promise<ReadonlySet<string>> {
  const hit = peekEnabled(ctx, forbundId);
  if (hit) return hit;
  const cache = cacheOf(ctx);
  const generation = cache.generation;
  const enabled = new Set(enabledFromStart);
  for (const r of await repo.forbundLanguageRows(ctx.db, forbundId)) {
    if (r.enabled) enabled.add(r.code);
    else enabled.delete(r.code);
  }
  enabled.add("sv"); // the source language is always offered
  if (generation === cache.generation) cache.byForbund.set(forbundId, { enabled, until: performance.now() + CACHE_MS });
  return enabled;
}

/** Saves whether a language is enabled for the förbund (the caller checks who may). */
export async function setLanguageEnabled(ctx: Ctx, forbundId: string, code: string, enabled: boolean): Promise<void> {
  await repo.setForbundLanguage(ctx.db, forbundId, code, enabled, ctx.clock.now());
  const cache = cacheOf(ctx);
  cache.generation++;
  cache.byForbund.delete(forbundId);
}

// ——— The förbund's own interface words (answering/words), cached as the enabled languages are ———

/** A förbund's own interface words: language → key → text (answering/words/index.ts OwnWords). */
export type ForbundWords = Readonly<Record<string, Readonly<Record<string, string>>>>;
type WordsEntry = { words: ForbundWords; json: string; until: number };
const wordCaches = new WeakMap<object, { byForbund: Map<string, WordsEntry>; generation: number }>();
function wordCacheOf(ctx: Ctx) {
  let c = wordCaches.get(ctx.database);
  if (!c) wordCaches.set(ctx.database, c = { byForbund: new Map(), generation: 0 });
  return c;
}

/** The förbund's own words if this process read them less than CACHE_MS ago; no database access. */
export function peekWords(ctx: Ctx, forbundId: string): ForbundWords | undefined {
  const e = wordCacheOf(ctx).byForbund.get(forbundId);
  return e && e.until > performance.now() ? e.words : undefined;
}

/**
 * The förbund's own words. The same object for as long as they are unchanged, also across rereads, so
 * that the pages built on them (answering/fast.ts recordings) are kept until the words change.
 */
export async function forbundWords(ctx: Ctx, forbundId: string): Promise<ForbundWords> {
  const hit = peekWords(ctx, forbundId);
  if (hit) return hit;
  const cache = wordCacheOf(ctx);
  const generation = cache.generation;
  const words: Record<string, Record<string, string>> = {};
  for (const r of await repo.forbundWordRows(ctx.db, forbundId)) (words[r.lang] ??= {})[r.key] = r.text;
  const json = JSON.stringify(words);
  const before = cache.byForbund.get(forbundId);
  const entry = { words: before?.json === json ? before.words : words, json, until: performance.now() + CACHE_MS };
  if (generation === cache.generation) cache.byForbund.set(forbundId, entry);
  return entry.words;
}

/** Sets (a text) or removes (null) own words of one language (the caller checks who may and what). */
export async function setForbundWords(ctx: Ctx, forbundId: string, lang: string, words: Record<string, string | null>): Promise<void> {
  await repo.setForbundWords(ctx.db, forbundId, lang, words, ctx.clock.now());
  const cache = wordCacheOf(ctx);
  cache.generation++;
  cache.byForbund.delete(forbundId);
}

// ——— Language versions ———

export type TextFrom = "forbund" | "definition" | "samspar-utkast";
export type TranslationState = "granskad" | "utkast";

/** One text of a language version, keyed as the API keys it (`q1`, `q1.help`, `q1.options.<code>`). */
export type VersionEntry = { key: string; entryKey: string; label: string; sv: string; text: string | null; from: TextFrom | null };
export type LanguageVersion = {
  id: string; lang: string; version: number; state: TranslationState;
  entries: VersionEntry[]; complete: boolean; missing: string[];
};

/** The API's stable key for a text: the question's own text is just its id, options are `q1.options.<code>`. */
export function apiKey(entryKey: string): string {
  const text = /^(q\d+[a-z]?)\.text$/.exec(entryKey);
  if (text) return text[1];
  const option = /^(q\d+[a-z]?)\.option\.(.+)$/.exec(entryKey);
  return option ? `${option[1]}.options.${option[2]}` : entryKey;
}

/**
 * Every text of a definition in one language with where it comes from: the förbund's, the definition's
 * own, or Samspår's draft (pure).
 */
export function versionEntries(def: Definition, lang: string, own: Readonly<Record<string, string>>, drafted: Readonly<Record<string, string>>): VersionEntry[] {
  return textEntries(def).map((e) => {
    const forbund = own[e.key]?.trim();
    const inDefinition = e.text[lang]?.trim();
    const draft = drafted[e.key]?.trim();
    const [text, from]: [string | null, TextFrom | null] = forbund ? [forbund, "forbund"] : inDefinition ? [inDefinition, "definition"] : draft ? [draft, "samspar-utkast"] : [null, null];
    return { key: apiKey(e.key), entryKey: e.key, label: e.label, sv: e.text.sv, text, from };
  });
}

function versionOf(def: Definition, lang: string, row: repo.TranslationRow | undefined, withDrafts = true): LanguageVersion {
  const entries = versionEntries(def, lang, row?.texts ?? {}, withDrafts ? draftedTexts(def.id, def.version, lang) : {});
  const missing = entries.filter((e) => e.text === null).map((e) => e.key);
  // Only the förbund's own reviewed texts are granskad: anything Samspår drafted keeps the version utkast.
  const state: TranslationState = row?.state === "granskad" && entries.every((e) => e.from !== "samspar-utkast") ? "granskad" : "utkast";
  return { id: def.id, lang, version: def.version, state, entries, complete: missing.length === 0, missing };
}

/** A language version as the definition alone has it (an own questionnaire's draft, translated in the editor). */
export const versionFromDefinition = (def: Definition, lang: string): LanguageVersion => versionOf(def, lang, undefined, false);

/** One language version of a definition for a förbund. */
export async function languageVersion(ctx: Ctx, forbundId: string, def: Definition, lang: string): Promise<LanguageVersion> {
  const [row] = await repo.translations(ctx.db, forbundId, def.id, def.version, lang);
  return versionOf(def, lang, row);
}

/** Every language the definition has, in code, in Samspår's drafts or in the förbund's own texts (not Swedish). */
export async function languageVersions(ctx: Ctx, forbundId: string, def: Definition): Promise<LanguageVersion[]> {
  const rows = await repo.translations(ctx.db, forbundId, def.id, def.version);
  const langs = [...new Set([...def.languages, ...draftedLanguages(def.id, def.version), ...rows.map((r) => r.lang)])].filter((l) => l !== "sv");
  return langs.map((l) => versionOf(def, l, rows.find((r) => r.lang === l)));
}

/**
 * The definition with the förbund's language versions in it: every text each one has, and every complete
 * language the förbund has enabled among its languages. What an insamling snapshots when it opens a standard questionnaire.
 */
export async function withLanguageVersions(ctx: Ctx, forbundId: string, def: Definition): Promise<Definition> {
  let out = def;
  const languages = [...def.languages];
  const [enabled, own] = await Promise.all([enabledLanguages(ctx, forbundId), forbundWords(ctx, forbundId)]);
  for (const v of await languageVersions(ctx, forbundId, def)) {
    const texts = Object.fromEntries(v.entries.filter((e) => e.text !== null && e.from !== "definition").map((e) => [e.entryKey, e.text!]));
    if (Object.keys(texts).length) out = applyTranslations(out, v.lang, texts) as Definition;
    // Offered by a new insamling when complete and enabled; the texts of the others come along all the same.
    if (v.complete && offeredLanguage(v.lang, enabled, own) && !languages.includes(v.lang)) languages.push(v.lang);
  }
  return out === def && languages.length === def.languages.length ? def : { ...out, languages };
}

export type SavedTexts = { ok: true; version: LanguageVersion } | { ok: false; unknown: string[] };

/**
 * Sets the förbund's texts of one language version by API key; an empty text removes the förbund's (the
 * definition's or Samspår's draft shows again). A key the version does not have is refused, by name.
 */
export async function saveTexts(ctx: Ctx, forbundId: string, def: Definition, lang: string, texts: Record<string, string>, state: TranslationState): Promise<SavedTexts> {
  const byApiKey = new Map(textEntries(def).map((e) => [apiKey(e.key), e.key]));
  const unknown = Object.keys(texts).filter((k) => !byApiKey.has(k));
  if (unknown.length) return { ok: false, unknown };
  const [row] = await repo.translations(ctx.db, forbundId, def.id, def.version, lang);
  const own: Record<string, string> = { ...(row?.texts ?? {}) };
  for (const [k, value] of Object.entries(texts)) {
    const entryKey = byApiKey.get(k)!;
    if (value.trim()) own[entryKey] = value.trim();
    else delete own[entryKey];
  }
  await repo.saveTranslation(ctx.db, { forbundId, key: def.id, version: def.version, lang, texts: own, state, at: ctx.clock.now() });
  return { ok: true, version: versionOf(def, lang, { forbundId, questionnaireKey: def.id, version: def.version, lang, texts: own, state, updatedAt: ctx.clock.now() }) };
}
