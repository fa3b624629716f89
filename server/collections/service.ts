/** Insamlingar: a questionnaire opened for a year and optionally an insats, kommunområde and respondent group. */
import crypto from "node:crypto";
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import { NotFoundError, ForbiddenError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import { findSurvey } from "../../surveys/index.js";
import { definition as definitionSchema, type Definition } from "../../surveys/define.js";
import * as repo from "./repo.js";

export type CollectionStatus = "utkast" | "oppen" | "stangd";
export type Collection = Omit<repo.CollectionRow, "definition"> & { definition: Definition };

export const statusLabels: Record<CollectionStatus, string> = { utkast: "Utkast", oppen: "Öppen", stangd: "Stängd" };

const toCollection = (row: repo.CollectionRow): Collection => ({ ...row, definition: row.definition as Definition });

// 10 characters from a 32-letter alphabet without look-alikes: about 50 bits, short enough to type from a poster.
const SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export function newSlug(): string {
  return Array.from({ length: 10 }, () => SLUG_ALPHABET[crypto.randomInt(SLUG_ALPHABET.length)]).join("");
}

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
  status?: CollectionStatus;
};

/** The public address of an insamling. */
export const publicUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/e/${slug}`;

/** A koordinator manages the insamlingar of their kommunområden; an admin all of the förbund's. */
export function mayManage(user: CurrentUser, c: Pick<Collection, "areaId">): boolean {
  if (atLeast(user.role, "admin")) return true;
  return user.role === "koordinator" && !!c.areaId && user.areaIds.includes(c.areaId);
}

/** Creates an insamling with a snapshot of the questionnaire's current definition. */
export async function createCollection(ctx: Ctx, forbundId: string, v: CreateCollectionInput): Promise<Collection> {
  const def = findSurvey(v.questionnaire);
  if (!def) throw new NotFoundError(`Enkäten ${v.questionnaire} finns inte.`);
  const snapshot = definitionSchema.parse(structuredClone(def));
  const row = await repo.insertCollection(ctx.db, {
    forbundId, questionnaireId: def.id, questionnaireVersion: def.version, definition: snapshot,
    year: v.year, name: v.name, interventionId: v.interventionId ?? null, areaId: v.areaId ?? null,
    respondentGroup: v.respondentGroup ?? def.respondentGroup, opensOn: v.opensOn ?? null, closesOn: v.closesOn ?? null,
    languages: v.languages?.length ? v.languages : def.languages, status: v.status ?? "oppen", slug: newSlug(),
  });
  return toCollection(row);
}

export async function getCollection(ctx: Ctx, forbundId: string, id: string): Promise<Collection> {
  const row = await repo.findCollection(ctx.db, forbundId, id);
  if (!row) throw new NotFoundError("Insamlingen finns inte.");
  return toCollection(row);
}

/** The insamling a user may manage; others get 404 (another förbund) or 403 (another kommunområde). */
export async function getManaged(ctx: Ctx, user: CurrentUser, id: string): Promise<Collection> {
  const c = await getCollection(ctx, user.forbundId!, id);
  if (!mayManage(user, c)) throw new ForbiddenError("Insamlingen hör till ett annat kommunområde.");
  return c;
}

export async function findBySlug(ctx: Ctx, slug: string): Promise<Collection | undefined> {
  const row = await repo.findBySlug(ctx.db, slug);
  return row && toCollection(row);
}

export async function listCollections(ctx: Ctx, forbundId: string): Promise<Collection[]> {
  return (await repo.listCollections(ctx.db, forbundId)).map(toCollection);
}

/** Whether answers are taken today: status öppen and within the open and close dates (Swedish date). */
export function isOpen(c: Pick<Collection, "status" | "opensOn" | "closesOn">, today: string): boolean {
  if (c.status !== "oppen") return false;
  if (c.opensOn && today < c.opensOn) return false;
  if (c.closesOn && today > c.closesOn) return false;
  return true;
}

/** Today's date in Sweden, YYYY-MM-DD: responses carry a date, never a time. */
export function swedishToday(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
