/** The förbund's organisation: kommunområden, parter with enheter, insatser and grupper. */
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";

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
    id: f.id, name: f.name, isDemo: f.isDemo, reportingThreshold: f.reportingThreshold,
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
