/** What the organisation pages and the API show, built from the service's Organisation. */
import { groupKindLabels, interventionKindLabels, type Organisation } from "./service.js";

/** The contract of GET /api/v1/organisation. */
export function organisationJson(o: Organisation) {
  return {
    id: o.id,
    name: o.name,
    areas: o.areas.map((a) => ({ id: a.id, name: a.name })),
    parties: o.parties.map((p) => ({ id: p.id, name: p.name, units: p.units.map((u) => ({ id: u.id, name: u.name })) })),
    interventions: o.interventions.map((i) => ({ id: i.id, name: i.name, kind: i.kind, areaIds: i.areaIds })),
    groups: o.groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, areaId: g.areaId, partyIds: g.partyIds })),
  };
}

/** The organisation with names instead of ids, for the overview page. */
export function organisationView(o: Organisation) {
  const areaName = new Map(o.areas.map((a) => [a.id, a.name]));
  const years = (from: number | null, to: number | null) =>
    from && to ? `${from}–${to}` : from ? `från ${from}` : to ? `till ${to}` : "";
  return {
    ...o,
    interventions: o.interventions.map((i) => ({
      ...i, kindLabel: interventionKindLabels[i.kind], years: years(i.fromYear, i.toYear),
      // In the organisation's order (areas by name, parties by sort order), not the order they were linked.
      areaNames: o.areas.filter((a) => i.areaIds.includes(a.id)).map((a) => a.name).join(", "),
    })),
    groups: o.groups.map((g) => ({
      ...g, kindLabel: groupKindLabels[g.kind], areaName: g.areaId ? areaName.get(g.areaId) ?? "" : "",
      partyNames: o.parties.filter((p) => g.partyIds.includes(p.id)).map((p) => p.name).join(", "),
    })),
  };
}

/** The choices the insats and grupp forms offer, in the order they are shown. */
export const interventionKindChoices = Object.entries(interventionKindLabels).map(([value, label]) => ({ value, label }));
export const groupKindChoices = Object.entries(groupKindLabels).map(([value, label]) => ({ value, label }));

/** Checkbox values come as nothing, one string or several; the form needs a list. */
export const asList = (v: unknown): string[] => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
type Input = Record<string, unknown> | undefined;

/** What the insats form shows: a stored insats, or what the user typed. */
export function interventionFormValues(v: Input) {
  return { name: str(v?.name), kind: str(v?.kind), areaIds: asList(v?.areaIds), fromYear: str(v?.fromYear), toYear: str(v?.toYear) };
}

/** What the grupp form shows: a stored grupp, or what the user typed. */
export function groupFormValues(v: Input) {
  return { name: str(v?.name), kind: str(v?.kind), areaId: str(v?.areaId), partyIds: asList(v?.partyIds) };
}

/** A kommunområde for its edit page: what still uses it, in words. */
export function areaView(a: { id: string; name: string; uses: { interventions: string[]; groups: string[]; users: number } }) {
  const uses = [
    ...(a.uses.interventions.length ? [`Insatser: ${a.uses.interventions.join(", ")}`] : []),
    ...(a.uses.groups.length ? [`Grupper: ${a.uses.groups.join(", ")}`] : []),
    ...(a.uses.users ? [`Användare med kommunområdet i sin behörighet: ${a.uses.users}`] : []),
  ];
  return { id: a.id, name: a.name, uses };
}
