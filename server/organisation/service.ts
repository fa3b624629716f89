/** The förbund's organisation: kommunområden, parter with enheter, insatser and grupper. */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import { NotFoundError } from "../errors.js";
import { conflict, type Done } from "../result.js";
import * as audit from "../audit/service.js";
import * as repo from "./repo.js";
import type { GroupInput, InterventionInput, SettingsInput } from "./schema.js";
import { savepoint, transactional } from "../unit-of-work.js";

export type InterventionKind = "individinriktad" | "strukturovergripande";
export type GroupKind = "styrelse" | "beredningsgrupp" | "samverk_styrgrupp" | "samverk_arbetsgrupp" | "annan";

export const interventionKindLabels: Record<InterventionKind, string> = {
  individinriktad: "Individinriktad", strukturovergripande: "Strukturövergripande",
};
export const groupKindLabels: Record<GroupKind, string> = {
  styrelse: "Styrelse", beredningsgrupp: "Beredningsgrupp", samverk_styrgrupp: "Samverk styrgrupp",
  samverk_arbetsgrupp: "Samverk arbetsgrupp", annan: "Annan grupp",
};

export type Organisation = {
  id: string;
  name: string;
  isDemo: boolean;
  reportingThreshold: number;
  /** Counts of people (outcomes, movements) below this are not shown; null: shown even when small. */
  outcomeThreshold: number | null;
  areas: { id: string; name: string }[];
  parties: { id: string; name: string; units: { id: string; name: string }[] }[];
  interventions: { id: string; name: string; kind: InterventionKind; areaIds: string[]; fromYear: number | null; toYear: number | null }[];
  groups: { id: string; name: string; kind: GroupKind; areaId: string | null; partyIds: string[] }[];
};

export const getForbund = (ctx: Ctx, id: string) => repo.findForbund(ctx.db, id);
export const listForbund = (ctx: Ctx) => repo.listForbund(ctx.db);
export const countForbund = (ctx: Ctx) => repo.countForbund(ctx.db);

/** One förbund's whole organisation; throws when the förbund does not exist. */
export async function getOrganisation(ctx: Ctx, forbundId: string): Promise<Organisation> {
  const f = await repo.findForbund(ctx.db, forbundId);
  if (!f) throw new Error(`förbund ${forbundId} saknas`);
  const o = await repo.loadOrganisation(ctx.db, forbundId);
  return {
    id: f.id, name: f.name, isDemo: f.isDemo, reportingThreshold: f.reportingThreshold, outcomeThreshold: f.outcomeThreshold,
    areas: o.areaRows.map((a) => ({ id: a.id, name: a.name })),
    parties: o.partyRows.map((p) => ({
      id: p.id, name: p.name,
      units: o.unitRows.filter((u) => u.partyId === p.id).map((u) => ({ id: u.id, name: u.name })),
    })),
    interventions: o.interventionRows.map((i) => ({
      id: i.id, name: i.name, kind: i.kind, fromYear: i.fromYear, toYear: i.toYear,
      areaIds: o.interventionAreas.filter((x) => x.interventionId === i.id).map((x) => x.areaId),
    })),
    groups: o.groupRows.map((g) => ({
      id: g.id, name: g.name, kind: g.kind, areaId: g.areaId,
      partyIds: o.groupParties.filter((x) => x.groupId === g.id).map((x) => x.partyId),
    })),
  };
}

/** A new, empty förbund with the four parties every samordningsförbund has. */
export async function createForbund(ctx: Ctx, name: string, opts: { isDemo?: boolean } = {}) {
  const f = await repo.insertForbund(ctx.db, { name, isDemo: opts.isDemo ?? false });
  const partyIds: Record<string, string> = {};
  for (const [i, p] of standardParties.entries()) {
    const row = await repo.insertParty(ctx.db, f.id, p, i);
    partyIds[p] = row.id;
  }
  return { forbund: f, partyIds };
}

export const standardParties = ["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan"] as const;

// ——— Editing (admin). Every change is checked against the förbund and written to the audit log. ———

/** A form save: the id and name, or messages by field (a name that is already taken). */
export type Saved = Done<{ id: string; name: string }>;
/** A deletion: done, or refused with a message saying what still uses the thing. */
/** Deleted, or refused as a conflict (`_form` says what still uses it). */
export type Deleted = Done<{ name: string }>;

type Actor = CurrentUser;
type What = "kommunområde" | "part" | "enhet" | "insats" | "grupp" | "förbund";

const takenMessages: Record<repo.Named | "unit", string> = {
  area: "Det finns redan ett kommunområde med det namnet. Välj ett annat namn.",
  party: "Det finns redan en part med det namnet. Välj ett annat namn.",
  unit: "Parten har redan en enhet med det namnet. Välj ett annat namn.",
  intervention: "Det finns redan en insats med det namnet. Välj ett annat namn.",
  group: "Det finns redan en grupp med det namnet. Välj ett annat namn.",
};

async function changed(ctx: Ctx, actor: Actor, forbundId: string, what: What, change: "tillagd" | "ändrad" | "borttagen", id: string, name: string) {
  await audit.record(ctx, { ...actor, forbundId }, "organisation.changed", { what, change, id, name });
}

/**
 * Writes unless the name is taken. The check ignores case; the unique index behind it catches a
 * name taken by someone else at the same moment, which then also comes back as a field message.
 */
async function unlessTaken(ctx: Ctx, name: string, taken: Promise<boolean>, message: string, write: (ctx: Ctx) => Promise<string>): Promise<Saved> {
  if (await taken) return { ok: false, errors: { name: message } };
  try {
    return { ok: true, id: await savepoint(ctx, write), name };
  } catch (err) {
    if (repo.isUniqueViolation(err)) return { ok: false, errors: { name: message } };
    throw err;
  }
}

/** "a", "a och b", "a, b och c". */
const joinSv = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`);

async function checkIds(ids: string[], known: Promise<string[]>, message: string) {
  const set = new Set(await known);
  if (ids.some((id) => !set.has(id))) throw new NotFoundError(message);
}
const checkAreas = (ctx: Ctx, forbundId: string, ids: string[]) =>
  checkIds(ids, repo.areaIdsOf(ctx.db, forbundId), "Ett valt kommunområde finns inte i förbundet. Ladda om sidan och försök igen.");
const checkParties = (ctx: Ctx, forbundId: string, ids: string[]) =>
  checkIds(ids, repo.partyIdsOf(ctx.db, forbundId), "En vald part finns inte i förbundet. Ladda om sidan och försök igen.");

// Kommunområden

/** A kommunområde of the förbund with what uses it; 404 for another förbund's id. */
export async function getArea(ctx: Ctx, forbundId: string, id: string) {
  const area = await repo.findArea(ctx.db, forbundId, id);
  if (!area) throw new NotFoundError("Kommunområdet finns inte.");
  return { id: area.id, name: area.name, uses: await repo.areaUses(ctx.db, id) };
}

export const addArea = transactional(async function addArea(ctx: Ctx, actor: Actor, forbundId: string, name: string): Promise<Saved> {
  const r = await unlessTaken(ctx, name, repo.nameTaken(ctx.db, "area", forbundId, name), takenMessages.area,
    async (ctx) => (await repo.insertArea(ctx.db, forbundId, name)).id);
  if (r.ok) await changed(ctx, actor, forbundId, "kommunområde", "tillagd", r.id, name);
  return r;
});

export const renameArea = transactional(async function renameArea(ctx: Ctx, actor: Actor, forbundId: string, id: string, name: string): Promise<Saved> {
  await getArea(ctx, forbundId, id);
  const r = await unlessTaken(ctx, name, repo.nameTaken(ctx.db, "area", forbundId, name, id), takenMessages.area,
    async (ctx) => (await repo.updateAreaName(ctx.db, id, name), id));
  if (r.ok) await changed(ctx, actor, forbundId, "kommunområde", "ändrad", id, name);
  return r;
});

/** Why a kommunområde cannot go, in words; empty when nothing uses it. */
function areaUsesText(uses: { interventions: string[]; groups: string[]; users: number }): string {
  const parts: string[] = [];
  if (uses.interventions.length) parts.push(`${uses.interventions.length === 1 ? "insatsen" : "insatserna"} ${joinSv(uses.interventions)}`);
  if (uses.groups.length) parts.push(`${uses.groups.length === 1 ? "gruppen" : "grupperna"} ${joinSv(uses.groups)}`);
  if (uses.users) parts.push(`behörigheten för ${uses.users} användare`);
  return parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} samt ${parts[parts.length - 1]}`;
}

/**
 * Deletes a kommunområde that nothing uses. When an insats, a grupp or a user's scope points at it,
 * nothing is deleted (the database would otherwise drop those links silently) and the message says what to change first.
 */
export const deleteArea = transactional(async function deleteArea(ctx: Ctx, actor: Actor, forbundId: string, id: string): Promise<Deleted> {
  const area = await getArea(ctx, forbundId, id);
  const refuse = (uses: string) => conflict({ _form:
    `Kommunområdet ${area.name} kan inte tas bort eftersom det används av ${uses}. ` +
    "Ta först bort kommunområdet där, eller byt namn på det i stället." });
  if (areaUsesText(area.uses)) return refuse(areaUsesText(area.uses));
  let deleted: boolean;
  try {
    deleted = await savepoint(ctx, (ctx) => repo.deleteAreaIfUnused(ctx.db, forbundId, id));
  } catch (err) {
    if (repo.isForeignKeyViolation(err)) return refuse("annat innehåll i Samspår, till exempel en insamling");
    throw err;
  }
  // Linked by someone else between the check and the delete.
  if (!deleted) return refuse(areaUsesText(await repo.areaUses(ctx.db, id)) || "annat innehåll i Samspår");
  await changed(ctx, actor, forbundId, "kommunområde", "borttagen", id, area.name);
  return { ok: true, name: area.name };
});

// Parter och enheter

/** A part of the förbund with its enheter; 404 for another förbund's id. */
export async function getParty(ctx: Ctx, forbundId: string, id: string) {
  const party = await repo.findParty(ctx.db, forbundId, id);
  if (!party) throw new NotFoundError("Parten finns inte.");
  const units = await repo.listUnits(ctx.db, id);
  return { id: party.id, name: party.name, units: units.map((u) => ({ id: u.id, name: u.name })) };
}

export const addParty = transactional(async function addParty(ctx: Ctx, actor: Actor, forbundId: string, name: string): Promise<Saved> {
  const r = await unlessTaken(ctx, name, repo.nameTaken(ctx.db, "party", forbundId, name), takenMessages.party,
    async (ctx) => (await repo.insertParty(ctx.db, forbundId, name, await repo.nextPartySortOrder(ctx.db, forbundId))).id);
  if (r.ok) await changed(ctx, actor, forbundId, "part", "tillagd", r.id, name);
  return r;
});

export const renameParty = transactional(async function renameParty(ctx: Ctx, actor: Actor, forbundId: string, id: string, name: string): Promise<Saved> {
  await getParty(ctx, forbundId, id);
  const r = await unlessTaken(ctx, name, repo.nameTaken(ctx.db, "party", forbundId, name, id), takenMessages.party,
    async (ctx) => (await repo.updatePartyName(ctx.db, id, name), id));
  if (r.ok) await changed(ctx, actor, forbundId, "part", "ändrad", id, name);
  return r;
});

/** An enhet of the förbund with its part's name; 404 for another förbund's id. */
export async function getUnit(ctx: Ctx, forbundId: string, id: string) {
  const unit = await repo.findUnit(ctx.db, forbundId, id);
  if (!unit) throw new NotFoundError("Enheten finns inte.");
  const party = await repo.findParty(ctx.db, forbundId, unit.partyId);
  return { id: unit.id, name: unit.name, partyId: unit.partyId, partyName: party?.name ?? "" };
}

export const addUnit = transactional(async function addUnit(ctx: Ctx, actor: Actor, forbundId: string, partyId: string, name: string): Promise<Saved> {
  await getParty(ctx, forbundId, partyId);
  const r = await unlessTaken(ctx, name, repo.unitNameTaken(ctx.db, partyId, name), takenMessages.unit,
    async (ctx) => (await repo.insertUnit(ctx.db, forbundId, partyId, name)).id);
  if (r.ok) await changed(ctx, actor, forbundId, "enhet", "tillagd", r.id, name);
  return r;
});

export const renameUnit = transactional(async function renameUnit(ctx: Ctx, actor: Actor, forbundId: string, id: string, name: string): Promise<Saved> {
  const unit = await getUnit(ctx, forbundId, id);
  const r = await unlessTaken(ctx, name, repo.unitNameTaken(ctx.db, unit.partyId, name, id), takenMessages.unit,
    async (ctx) => (await repo.updateUnitName(ctx.db, id, name), id));
  if (r.ok) await changed(ctx, actor, forbundId, "enhet", "ändrad", id, name);
  return r;
});

/** Deletes an enhet; refused, with nothing deleted, if other content still points at it. */
export const deleteUnit = transactional(async function deleteUnit(ctx: Ctx, actor: Actor, forbundId: string, id: string): Promise<Deleted> {
  const unit = await getUnit(ctx, forbundId, id);
  try {
    await savepoint(ctx, (ctx) => repo.deleteUnit(ctx.db, id));
  } catch (err) {
    if (!repo.isForeignKeyViolation(err)) throw err;
    return conflict({ _form: `Enheten ${unit.name} kan inte tas bort eftersom annat innehåll i Samspår hänvisar till den. Byt namn på den i stället.` });
  }
  await changed(ctx, actor, forbundId, "enhet", "borttagen", id, unit.name);
  return { ok: true, name: unit.name };
});

// Insatser

/** An insats of the förbund with its kommunområden; 404 for another förbund's id. */
export async function getIntervention(ctx: Ctx, forbundId: string, id: string) {
  const i = await repo.findIntervention(ctx.db, forbundId, id);
  if (!i) throw new NotFoundError("Insatsen finns inte.");
  return { id: i.id, name: i.name, kind: i.kind, fromYear: i.fromYear, toYear: i.toYear, areaIds: i.areaIds };
}

const interventionRow = (v: InterventionInput) => ({ name: v.name, kind: v.kind, fromYear: v.fromYear, toYear: v.toYear ?? null });

export const addIntervention = transactional(async function addIntervention(ctx: Ctx, actor: Actor, forbundId: string, v: InterventionInput): Promise<Saved> {
  await checkAreas(ctx, forbundId, v.areaIds);
  const r = await unlessTaken(ctx, v.name, repo.nameTaken(ctx.db, "intervention", forbundId, v.name), takenMessages.intervention,
    async (ctx) => (await repo.insertIntervention(ctx.db, { forbundId, ...interventionRow(v) }, v.areaIds)).id);
  if (r.ok) await changed(ctx, actor, forbundId, "insats", "tillagd", r.id, v.name);
  return r;
});

export const updateIntervention = transactional(async function updateIntervention(ctx: Ctx, actor: Actor, forbundId: string, id: string, v: InterventionInput): Promise<Saved> {
  await getIntervention(ctx, forbundId, id);
  await checkAreas(ctx, forbundId, v.areaIds);
  const r = await unlessTaken(ctx, v.name, repo.nameTaken(ctx.db, "intervention", forbundId, v.name, id), takenMessages.intervention,
    async (ctx) => (await repo.updateIntervention(ctx.db, id, interventionRow(v), v.areaIds), id));
  if (r.ok) await changed(ctx, actor, forbundId, "insats", "ändrad", id, v.name);
  return r;
});

// Grupper

/** A grupp of the förbund with its represented parties; 404 for another förbund's id. */
export async function getGroup(ctx: Ctx, forbundId: string, id: string) {
  const g = await repo.findGroup(ctx.db, forbundId, id);
  if (!g) throw new NotFoundError("Gruppen finns inte.");
  return { id: g.id, name: g.name, kind: g.kind, areaId: g.areaId, partyIds: g.partyIds };
}

async function checkGroup(ctx: Ctx, forbundId: string, v: GroupInput) {
  if (v.areaId) await checkAreas(ctx, forbundId, [v.areaId]);
  await checkParties(ctx, forbundId, v.partyIds);
}

export const addGroup = transactional(async function addGroup(ctx: Ctx, actor: Actor, forbundId: string, v: GroupInput): Promise<Saved> {
  await checkGroup(ctx, forbundId, v);
  const r = await unlessTaken(ctx, v.name, repo.nameTaken(ctx.db, "group", forbundId, v.name), takenMessages.group,
    async (ctx) => (await repo.insertGroup(ctx.db, { forbundId, name: v.name, kind: v.kind, areaId: v.areaId }, v.partyIds)).id);
  if (r.ok) await changed(ctx, actor, forbundId, "grupp", "tillagd", r.id, v.name);
  return r;
});

export const updateGroup = transactional(async function updateGroup(ctx: Ctx, actor: Actor, forbundId: string, id: string, v: GroupInput): Promise<Saved> {
  await getGroup(ctx, forbundId, id);
  await checkGroup(ctx, forbundId, v);
  const r = await unlessTaken(ctx, v.name, repo.nameTaken(ctx.db, "group", forbundId, v.name, id), takenMessages.group,
    async (ctx) => (await repo.updateGroup(ctx.db, id, { name: v.name, kind: v.kind, areaId: v.areaId }, v.partyIds), id));
  if (r.ok) await changed(ctx, actor, forbundId, "grupp", "ändrad", id, v.name);
  return r;
});

// Förbundets inställningar

/** The förbund's name and reporting threshold, as the settings form shows them. */
export async function getSettings(ctx: Ctx, forbundId: string) {
  const f = await repo.findForbund(ctx.db, forbundId);
  if (!f) throw new NotFoundError("Förbundet finns inte.");
  return { name: f.name, reportingThreshold: f.reportingThreshold, outcomeThreshold: f.outcomeThreshold };
}

/** Saves name and reporting threshold (the schema has made sure the threshold is at least 3). */
export const updateSettings = transactional(async function updateSettings(ctx: Ctx, actor: Actor, forbundId: string, v: SettingsInput) {
  const before = await getSettings(ctx, forbundId);
  await repo.updateForbund(ctx.db, forbundId, { name: v.name, reportingThreshold: v.reportingThreshold, outcomeThreshold: v.outcomeThreshold });
  await audit.record(ctx, { ...actor, forbundId }, "organisation.changed", {
    what: "förbund", change: "ändrad", id: forbundId, name: v.name,
    ...(before.reportingThreshold !== v.reportingThreshold ? { reportingThreshold: { from: before.reportingThreshold, to: v.reportingThreshold } } : {}),
    ...(before.outcomeThreshold !== v.outcomeThreshold ? { outcomeThreshold: { from: before.outcomeThreshold, to: v.outcomeThreshold } } : {}),
  });
});
