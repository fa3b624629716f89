/** Insamlingar: a questionnaire opened for a year and optionally an insats, kommunområde and respondent group. */
import QRCode from "qrcode";
import type { Ctx } from "../context.js";
import type { Done, FieldErrors } from "../result.js";
import type { ForbundUser } from "../http/types.js";
import { NotFoundError, ForbiddenError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import { canReadForbundWide } from "../http/scope.js";
import * as questionnaires from "../questionnaires/service.js";
import { definition as definitionSchema, languageNames, type Definition } from "../../surveys/define.js";
import * as organisation from "../organisation/service.js";
import * as held from "../answering/held.js";
import * as repo from "./repo.js";
import { transactional } from "../unit-of-work.js";
import { randomSlug } from "../crypto.js";
import { swedishDate } from "../dates.js";

export type CollectionStatus = "utkast" | "oppen" | "stangd";
export type Collection = Omit<repo.CollectionRow, "definition"> & { definition: Definition };

export const statusLabels: Record<CollectionStatus, string> = { utkast: "Utkast", oppen: "Öppen", stangd: "Stängd" };

const toCollection = (row: repo.CollectionRow): Collection => ({ ...row, definition: row.definition as Definition });

// 10 characters: about 50 bits, short enough to type from a poster.
export const newSlug = (): string => randomSlug(10);

export type CreateCollectionInput = {
  questionnaire: string;
  year: number;
  name: string;
  interventionId?: string | null;
  areaId?: string | null;
  respondentGroup?: string | null;
  opensOn?: string | null;
  closesOn?: string | null;
  languages?: string[];
  /** The start page offers one question per page first. */
  onePerPage?: boolean;
  status?: CollectionStatus;
  /** How many were asked (the response rate's denominator); null or absent: unknown. */
  asked?: number | null;
};

/** The questionnaires an insamling can open: the standard ones and the förbund's own published ones. */
export const questionnaireDefinitions = (ctx: Ctx, forbundId: string) => questionnaires.usable(ctx, forbundId);

/** The public address of an insamling. */
export const publicUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/e/${slug}`;

/** A koordinator manages the insamlingar of their kommunområden; an admin all of the förbund's. */
export function mayManage(user: ForbundUser, c: Pick<Collection, "areaId">): boolean {
  if (atLeast(user.role, "admin")) return true;
  return user.role === "koordinator" && !!c.areaId && user.areaIds.includes(c.areaId);
}

/** Creates an insamling with a snapshot of the questionnaire's current definition. */
export async function createCollection(ctx: Ctx, forbundId: string, v: CreateCollectionInput): Promise<Collection> {
  const def = await questionnaires.currentDefinition(ctx, forbundId, v.questionnaire);
  if (!def) throw new NotFoundError(`Enkäten ${v.questionnaire} finns inte.`);
  const snapshot = definitionSchema.parse(structuredClone(def));
  const row = await repo.insertCollection(ctx.db, {
    forbundId, questionnaireId: def.id, questionnaireVersion: def.version, definition: snapshot,
    year: v.year, name: v.name, interventionId: v.interventionId ?? null, areaId: v.areaId ?? null,
    respondentGroup: v.respondentGroup ?? def.respondentGroup, opensOn: v.opensOn ?? null, closesOn: v.closesOn ?? null,
    languages: v.languages?.length ? v.languages : def.languages, status: v.status ?? "oppen", slug: newSlug(),
    onePerPage: v.onePerPage ?? false, asked: v.asked ?? null,
  });
  return toCollection(row);
}

export async function getCollection(ctx: Ctx, forbundId: string, id: string): Promise<Collection> {
  const row = await repo.findCollection(ctx.db, forbundId, id);
  if (!row) throw new NotFoundError("Insamlingen finns inte.");
  return toCollection(row);
}

/** The insamling a user may manage; others get 404 (another förbund) or 403 (another kommunområde). */
export async function getManaged(ctx: Ctx, user: ForbundUser, id: string): Promise<Collection> {
  const c = await getCollection(ctx, user.forbundId, id);
  if (!mayManage(user, c)) throw new ForbiddenError("Insamlingen hör till ett annat kommunområde.");
  return c;
}

export async function findBySlug(ctx: Ctx, slug: string): Promise<Collection | undefined> {
  const row = await repo.findBySlug(ctx.db, slug);
  return row && toCollection(row);
}

// ——— An in-process cache for the public pages and the responses API ———
// The busiest reads of the app are "the insamling at /e/<slug>" and "the insamling a token posts to".
// They are kept here for at most CACHE_MS and dropped at once when this process changes an insamling
// (updateDetails, changeStatus, patchCollection). Another process on the same PostgreSQL server learns
// of a change within CACHE_MS; the final submit of an answer checks open/closed in the database itself.
const CACHE_MS = 5_000;
type CacheEntry = { collection: Collection; until: number };
// generation: bumped on every change, so a read that raced with a change is not kept.
type Cache = { bySlug: Map<string, CacheEntry>; byId: Map<string, CacheEntry>; generation: number };
const caches = new WeakMap<object, Cache>();

function cacheOf(ctx: Ctx): Cache {
  let c = caches.get(ctx.database);
  if (!c) caches.set(ctx.database, c = { bySlug: new Map(), byId: new Map(), generation: 0 });
  return c;
}

/** Reads an insamling from the database and keeps it, unless it was changed while it was read. */
async function readThrough(ctx: Ctx, read: () => Promise<Collection | undefined>): Promise<Collection | undefined> {
  const cache = cacheOf(ctx);
  const generation = cache.generation;
  const collection = await read();
  if (!collection || generation !== cache.generation) return collection;
  // Insamlingar are few; this only guards against unbounded growth.
  if (cache.byId.size >= 10_000) { cache.bySlug.clear(); cache.byId.clear(); }
  const entry = { collection, until: performance.now() + CACHE_MS };
  cache.bySlug.set(collection.slug, entry);
  cache.byId.set(collection.id, entry);
  return collection;
}

/** Drops an insamling from this process's cache; every change made through this service calls it. */
export function forgetCollection(ctx: Ctx, c: Pick<Collection, "id" | "slug">) {
  const cache = cacheOf(ctx);
  cache.generation++;
  cache.bySlug.delete(c.slug);
  cache.byId.delete(c.id);
}

const fresh = (entry: CacheEntry | undefined) => (entry && entry.until > performance.now() ? entry.collection : undefined);

/** The insamling at a public address if this process read it less than CACHE_MS ago; no database access. */
export function peekBySlug(ctx: Ctx, slug: string): Collection | undefined {
  return fresh(cacheOf(ctx).bySlug.get(slug));
}

/** findBySlug through the cache (an unknown address is not cached: it always asks the database). */
export async function findBySlugCached(ctx: Ctx, slug: string): Promise<Collection | undefined> {
  return peekBySlug(ctx, slug) ?? readThrough(ctx, () => findBySlug(ctx, slug));
}

/** getManaged through the cache: the same 404 for another förbund and 403 for another kommunområde. */
export async function getManagedCached(ctx: Ctx, user: ForbundUser, id: string): Promise<Collection> {
  const hit = fresh(cacheOf(ctx).byId.get(id));
  const c = hit && hit.forbundId === user.forbundId ? hit : (await readThrough(ctx, () => getCollection(ctx, user.forbundId, id)))!;
  if (!mayManage(user, c)) throw new ForbiddenError("Insamlingen hör till ett annat kommunområde.");
  return c;
}

export async function listCollections(ctx: Ctx, forbundId: string): Promise<Collection[]> {
  return (await repo.listCollections(ctx.db, forbundId)).map(toCollection);
}

/** The insamlingar of many förbund for one year and questionnaire, newest first (for the national view's batched read). */
export async function listYearCollectionsOf(ctx: Ctx, forbundIds: string[], year: number, questionnaireId: string): Promise<Collection[]> {
  return (await repo.listYearCollectionsOf(ctx.db, forbundIds, year, questionnaireId)).map(toCollection);
}

/** The definitions the instance's insamlingar of a questionnaire opened with, one of each (old versions of a standard included). */
export async function snapshotDefinitions(ctx: Ctx, questionnaireId: string): Promise<Definition[]> {
  return (await repo.snapshotDefinitions(ctx.db, questionnaireId)) as Definition[];
}

/** Whether answers are taken today: status öppen and within the open and close dates (Swedish date). */
export function isOpen(c: Pick<Collection, "status" | "opensOn" | "closesOn">, today: string): boolean {
  if (c.status !== "oppen") return false;
  if (c.opensOn && today < c.opensOn) return false;
  if (c.closesOn && today > c.closesOn) return false;
  return true;
}


// ——— Managing insamlingar (pages and API) ———

export type ResponseCounts = { finished: number; unfinished: number };
/** A form or API save: the insamling, or messages by field (form field names). */
export type Saved = Done<{ collection: Collection }>;

/** Finished and unfinished responses per insamling id; insamlingar without responses are missing (read as 0/0). */
export async function responseCounts(ctx: Ctx, forbundId: string, ids?: string[]): Promise<Map<string, ResponseCounts>> {
  const map = new Map<string, ResponseCounts>();
  for (const r of await repo.responseCounts(ctx.db, forbundId, ids)) {
    const c = map.get(r.collectionId) ?? { finished: 0, unfinished: 0 };
    if (r.finished) c.finished += Number(r.n); else c.unfinished += Number(r.n);
    map.set(r.collectionId, c);
  }
  return map;
}
export const countsOf = (m: Map<string, ResponseCounts>, id: string): ResponseCounts => m.get(id) ?? { finished: 0, unfinished: 0 };

/** The insamlingar a user sees: a koordinator those of their kommunområden, everyone else all of the förbund's. */
export async function listFor(ctx: Ctx, user: ForbundUser): Promise<Collection[]> {
  const all = await listCollections(ctx, user.forbundId);
  return user.role === "koordinator" ? all.filter((c) => mayManage(user, c)) : all;
}

/**
 * One insamling a user may read: whoever reads the whole förbund any of the förbund's (http/scope.ts),
 * a koordinator scoped to kommunområden only those kommunområden's (403).
 */
export async function getVisible(ctx: Ctx, user: ForbundUser, id: string): Promise<Collection> {
  return canReadForbundWide(user) ? getCollection(ctx, user.forbundId, id) : getManaged(ctx, user, id);
}

export type CollectionInput = {
  questionnaire: string; year: number; name: string;
  interventionId: string | null; areaId: string | null; respondentGroup: string | null;
  opensOn: string | null; closesOn: string | null;
  /** undefined: every language of the questionnaire. Swedish is always added. */
  languages?: string[];
  onePerPage?: boolean;
  status: CollectionStatus;
  /** How many were asked (the API's asked); null or absent: unknown. */
  asked?: number | null;
};

/** Swedish plus the chosen languages, in the questionnaire's order; or a message naming those it lacks. */
function pickLanguages(def: Definition, chosen: string[] | undefined): { ok: true; languages?: string[] } | { ok: false; message: string } {
  if (!chosen) return { ok: true };
  const missing = chosen.filter((l) => !def.languages.includes(l as never));
  if (missing.length) {
    const has = def.languages.map((l) => languageNames[l] ?? l).join(", ");
    return { ok: false, message: `Enkäten finns inte på ${missing.map((l) => languageNames[l] ?? l).join(", ")}. Den finns på: ${has}.` };
  }
  return { ok: true, languages: def.languages.filter((l) => l === "sv" || chosen.includes(l)) };
}

/**
 * Creates an insamling for a user after checking what the form cannot: the questionnaire exists, the
 * insats and kommunområde are the förbund's, and a koordinator names one of their own kommunområden
 * (another one: 403; none: a field message on the page, where it is a required choice, and 403 in the API).
 */
export async function createFor(ctx: Ctx, user: ForbundUser, v: CollectionInput, opts: { missingAreaForbidden?: boolean } = {}): Promise<Saved> {
  if (opts.missingAreaForbidden && user.role === "koordinator" && !v.areaId) {
    throw new ForbiddenError("Som koordinator måste du ange areaId för ett av dina kommunområden.");
  }
  const forbundId = user.forbundId;
  const errors: FieldErrors = {};
  const def = await questionnaires.currentDefinition(ctx, forbundId, v.questionnaire);
  if (!def) errors.questionnaire = "Enkäten finns inte. Välj en enkät i listan.";
  const org = await organisation.getOrganisation(ctx, forbundId);
  if (v.interventionId && !org.interventions.some((i) => i.id === v.interventionId)) errors.interventionId = "Insatsen finns inte i förbundet. Välj en insats i listan.";
  if (v.areaId && !org.areas.some((a) => a.id === v.areaId)) errors.areaId = "Kommunområdet finns inte i förbundet. Välj ett kommunområde i listan.";
  else if (user.role === "koordinator" && !v.areaId) errors.areaId = "Välj ett av dina kommunområden.";
  const langs = def ? pickLanguages(def, v.languages) : { ok: true as const };
  if (!langs.ok) errors.languages = langs.message;
  if (Object.keys(errors).length || !langs.ok) return { ok: false, errors };
  if (user.role === "koordinator" && !user.areaIds.includes(v.areaId!)) {
    throw new ForbiddenError("Du kan bara skapa insamlingar för dina egna kommunområden.");
  }
  const collection = await createCollection(ctx, forbundId, { ...v, languages: langs.languages });
  return { ok: true, collection };
}

export type DetailsInput = {
  name: string; opensOn: string | null; closesOn: string | null; languages: string[];
  /** The start page offers one question per page first; undefined: unchanged. */
  onePerPage?: boolean;
  /** Days after closing until invitation addresses are deleted; null: the standard; undefined: unchanged. */
  invitationRetentionDays?: number | null;
  /** How many were asked; null: unknown; undefined: unchanged. */
  asked?: number | null;
};

/** Saves name, dates, languages (checked against the insamling's own snapshot of the questionnaire) and the address retention. */
export async function updateDetails(ctx: Ctx, user: ForbundUser, id: string, v: DetailsInput): Promise<Saved> {
  const c = await getManaged(ctx, user, id);
  const langs = pickLanguages(c.definition, v.languages);
  if (!langs.ok) return { ok: false, errors: { languages: langs.message } };
  const row = await repo.updateCollection(ctx.db, c.id, {
    name: v.name, opensOn: v.opensOn, closesOn: v.closesOn, languages: langs.languages,
    ...(v.onePerPage !== undefined && { onePerPage: v.onePerPage }),
    ...(v.invitationRetentionDays !== undefined && { invitationRetentionDays: v.invitationRetentionDays }),
    ...(v.asked !== undefined && { asked: v.asked }),
  });
  forgetCollection(ctx, c);
  return { ok: true, collection: toCollection(row) };
}

/** Opens, closes or reopens; closing records the day, so invitation addresses can be deleted N days later. */
export const changeStatus = transactional(async function changeStatus(ctx: Ctx, user: ForbundUser, id: string, status: "oppen" | "stangd"): Promise<Collection> {
  const c = await getManaged(ctx, user, id);
  if (c.status === status) return c;
  const closedOn = status === "stangd" ? swedishDate(ctx.clock.now()) : null;
  const row = await repo.updateCollection(ctx.db, c.id, { status, closedOn });
  forgetCollection(ctx, c);
  // Invitation answers still held (fewer than k) count once the insamling closes.
  if (status === "stangd") await held.releaseHeld(ctx, c.id, { closing: true });
  return toCollection(row);
});

/** The API's PATCH: status, dates, the number asked and address retention; the dates are checked together with those already stored. */
export const patchCollection = transactional(async function patchCollection(
  ctx: Ctx, user: ForbundUser, id: string,
  v: { status?: "oppen" | "stangd"; opensOn?: string | null; closesOn?: string | null; invitationRetentionDays?: number | null; onePerPage?: boolean; asked?: number | null },
): Promise<Saved> {
  const c = await getManaged(ctx, user, id);
  const opensOn = v.opensOn === undefined ? c.opensOn : v.opensOn;
  const closesOn = v.closesOn === undefined ? c.closesOn : v.closesOn;
  if (opensOn && closesOn && closesOn < opensOn) return { ok: false, errors: { closesOn: "Slutdatumet kan inte vara före startdatumet." } };
  const invitationRetentionDays = v.invitationRetentionDays === undefined ? c.invitationRetentionDays : v.invitationRetentionDays;
  const onePerPage = v.onePerPage ?? c.onePerPage;
  const asked = v.asked === undefined ? c.asked : v.asked;
  if (opensOn !== c.opensOn || closesOn !== c.closesOn || invitationRetentionDays !== c.invitationRetentionDays || onePerPage !== c.onePerPage || asked !== c.asked) {
    await repo.updateCollection(ctx.db, c.id, { opensOn, closesOn, invitationRetentionDays, onePerPage, asked });
    forgetCollection(ctx, c);
  }
  const collection = v.status ? await changeStatus(ctx, user, c.id, v.status) : await getCollection(ctx, c.forbundId, c.id);
  return { ok: true, collection };
});

/** The choices of the new-insamling form: a koordinator is offered only their own kommunområden. */
export async function formChoices(ctx: Ctx, user: ForbundUser) {
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  const areas = user.role === "koordinator" ? org.areas.filter((a) => user.areaIds.includes(a.id)) : org.areas;
  return { areas, interventions: org.interventions.map((i) => ({ id: i.id, name: i.name })), areaRequired: user.role === "koordinator" };
}

/** Names of kommunområden and insatser by id, for lists and details. */
export async function names(ctx: Ctx, forbundId: string) {
  const org = await organisation.getOrganisation(ctx, forbundId);
  return { areas: new Map(org.areas.map((a) => [a.id, a.name])), interventions: new Map(org.interventions.map((i) => [i.id, i.name])) };
}

/** The förbund's own interface words (its Språk page): the poster's line under each code says what the respondent pages say. */
export const ownWords = (ctx: Ctx, forbundId: string) => questionnaires.forbundWords(ctx, forbundId);

/** The public address that opens the insamling in one language (`?lang=ar`), for a poster's QR code per language. */
export const languageUrl = (ctx: Ctx, slug: string, lang: string) => `${publicUrl(ctx, slug)}?lang=${encodeURIComponent(lang)}`;

/** The QR code of an insamling's public address (in one language when `lang` is given), as PNG or SVG. */
export async function qrCode(ctx: Ctx, c: Pick<Collection, "slug">, format: "png", lang?: string): Promise<Buffer>;
export async function qrCode(ctx: Ctx, c: Pick<Collection, "slug">, format: "svg", lang?: string): Promise<string>;
export async function qrCode(ctx: Ctx, c: Pick<Collection, "slug">, format: "png" | "svg", lang?: string): Promise<Buffer | string> {
  const url = lang ? languageUrl(ctx, c.slug, lang) : publicUrl(ctx, c.slug);
  // M corrects about 15 % damage: enough for a creased poster, still a coarse, easy-to-scan code.
  if (format === "png") return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width: 1024 });
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
