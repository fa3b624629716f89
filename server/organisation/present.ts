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
  const partyName = new Map(o.parties.map((p) => [p.id, p.name]));
  const years = (from: number | null, to: number | null) =>
    from && to ? `${from}–${to}` : from ? `från ${from}` : to ? `till ${to}` : "";
  return {
    ...o,
    interventions: o.interventions.map((i) => ({
      ...i, kindLabel: interventionKindLabels[i.kind], years: years(i.fromYear, i.toYear),
      areaNames: i.areaIds.map((id) => areaName.get(id) ?? "").filter(Boolean).join(", "),
    })),
    groups: o.groups.map((g) => ({
      ...g, kindLabel: groupKindLabels[g.kind], areaName: g.areaId ? areaName.get(g.areaId) ?? "" : "",
      partyNames: g.partyIds.map((id) => partyName.get(id) ?? "").filter(Boolean).join(", "),
    })),
  };
}
