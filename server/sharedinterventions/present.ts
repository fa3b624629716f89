/** What the shared insatser's pages and API show. */
import { formatInteger } from "../results/format.js";
import type { SharedYear } from "./parts.js";
import { cellLabels, cells, type PartView } from "./split.pure.js";
import type * as shared from "./service.js";

const HIDDEN = "För få för att redovisa";

/** A co-funding's status in the API; an ended one also says its last year (its part of that year and before stays). */
const status = (c: { accepted: boolean; lastYear: number | null }) =>
  c.lastYear !== null ? { status: "ended" as const, lastYear: c.lastYear } : { status: c.accepted ? "accepted" as const : "invited" as const };

/** GET /api/v1/shared-interventions/:id/:year: the own part, the whole, and (the owner only) every part. Hidden cells are null. */
export function sharedYearJson(v: SharedYear) {
  const part = (p: PartView) => ({ forbundId: p.forbundId, name: p.name, owner: p.owner, reported: p.reported, ...p.counts, funding: p.funding });
  return {
    id: v.intervention.id, name: v.intervention.name, year: v.year, role: v.role,
    owner: { id: v.owner.id, name: v.owner.name },
    cofunders: v.cofunders.map((c) => ({ id: c.id, name: c.name, ...status(c) })),
    own: v.own && part(v.own),
    whole: { forbundCount: v.whole.forbundCount, ...v.whole.counts, funding: v.whole.funding },
    ...(v.role === "owner" ? { parts: v.parts.map(part) } : {}),
  };
}

/** GET /api/v1/shared-interventions. */
export function overviewJson(o: Awaited<ReturnType<typeof shared.overview>>) {
  return {
    owned: o.owned.filter((i) => i.cofunders.length).map((i) => ({
      id: i.id, name: i.name, cofunders: i.cofunders.map((c) => ({ id: c.id, name: c.name, ...status(c) })),
    })),
    cofunded: o.invitations.map((i) => ({ id: i.id, name: i.name, owner: i.ownerName, ...status(i) })),
  };
}

const cell = (n: number | null) => (n === null ? HIDDEN : formatInteger(n));
const kronor = (n: number | null) => (n === null ? "Inga medel registrerade" : `${formatInteger(n)} kr`);

/** The year page's table: a column per part the viewer sees (own first for a co-funder), then the whole. */
export function sharedYearTable(v: SharedYear) {
  const columns = v.role === "owner" ? v.parts : v.own ? [v.own] : [];
  return {
    heads: [...columns.map((p) => `${p.name}${p.owner ? " (äger insatsen)" : ""}${p.forbundId === v.own?.forbundId ? " – er del" : ""}`), "Hela insatsen"],
    rows: [
      ...cells.map((c) => ({ label: cellLabels[c], values: [...columns.map((p) => cell(p.counts[c])), cell(v.whole.counts[c])] })),
      { label: "Medel till insatsen", values: [...columns.map((p) => kronor(p.funding)), kronor(v.whole.funding)] },
    ],
    unreported: columns.filter((p) => !p.reported).map((p) => p.name),
    hidden: [...columns.flatMap((p) => Object.values(p.counts)), ...Object.values(v.whole.counts)].some((n) => n === null),
  };
}
