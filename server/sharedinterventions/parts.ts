/**
 * A shared insats's year: each förbund's part (its own insatsrapporter and its own funding) and the whole, as the
 * viewing förbund may see them (split.pure.ts). Kept apart from service.ts, which the insatsrapporter and Statistik
 * services depend on, since this file reads their figures.
 */
import type { Ctx } from "../context.js";
import * as reports from "../interventionreports/service.js";
import * as socio from "../socioeconomics/service.js";
import * as shared from "./service.js";
import { NotFoundError } from "../errors.js";
import { cells, splitView, type Cell, type PartInput, type SplitView } from "./split.pure.js";

export type SharedYear = shared.Access & SplitView & { year: number };

/** The shared insats's year as the förbund sees it; 404 unless it owns the insats or has accepted to co-fund it. */
export async function sharedYear(ctx: Ctx, forbundId: string, interventionId: string, year: number): Promise<SharedYear> {
  const a = await shared.access(ctx, forbundId, interventionId);
  // A co-funding that ended counts in the years it covered, and not after (its history is kept, not rewritten).
  const members = [a.owner, ...a.cofunders.filter((c) => c.accepted && shared.covers(c, year))];
  if (!members.some((m) => m.id === forbundId)) {
    throw new NotFoundError(`Ert förbunds samfinansiering av ${a.intervention.name} avslutades ${a.cofunders.find((c) => c.id === forbundId)?.lastYear}; senare år visas inte för er.`);
  }
  const funding = await socio.fundingByForbund(ctx, interventionId, year);
  const parts: PartInput[] = await Promise.all(members.map(async (m) => {
    const f = (await reports.yearFigures(ctx, m.id, year)).find((x) => x.interventionId === interventionId);
    const counts = Object.fromEntries(cells.map((c) => [c, f ? f.summary[c] : 0])) as Record<Cell, number>;
    return { forbundId: m.id, name: m.name, k: m.k, counts, funding: funding.get(m.id) ?? null, reported: !!f };
  }));
  return { ...a, ...splitView(parts, a.owner.id, forbundId), year };
}
