/** The year's analysis of the förbund's cases (analysis.pure.ts does the counting), for its page and Bilaga 6. */
import type { Ctx } from "../context.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import { analyse, type Analysis, type AnalysisCase } from "./analysis.pure.js";
import { getCodes, type Code, type Codes } from "./settings.js";
import { namesOf, today, type Names } from "./cases.js";

async function analysisCases(ctx: Ctx, forbundId: string, year: number, names: Names, codes: Codes): Promise<AnalysisCase[]> {
  const rows = await repo.listDeviations(ctx.db, forbundId, { year });
  const ids = rows.map((r) => r.id);
  const [concerned, requests] = await Promise.all([repo.listConcerned(ctx.db, ids), repo.listRequests(ctx.db, ids)]);
  const label = (list: Code[]) => (c: string) => list.find((x) => x.code === c)?.label ?? c;
  return rows.map((r) => ({
    severity: r.severity, frequency: r.frequency, status: r.status, area: names.area(r.areaId),
    concerned: concerned.filter((c) => c.deviationId === r.id).map((c) => ({ party: names.party(c.partyId) ?? "Okänd part", unit: names.unit(c.unitId) })),
    causes: r.causes.map(label(codes.causes)), consequences: r.consequences.map(label(codes.consequences)),
    proposal: r.proposal, actionTaken: r.actionTaken, lifted: r.liftedOn !== null,
    requests: requests.filter((q) => q.deviationId === r.id),
  }));
}

/** The year's analysis for the whole förbund (case counts, no texts identifying anyone). */
export async function analysis(ctx: Ctx, forbundId: string, year: number): Promise<Analysis> {
  const [org, codes] = await Promise.all([organisation.getOrganisation(ctx, forbundId), getCodes(ctx, forbundId)]);
  const names = namesOf(org);
  const [current, previous] = await Promise.all([analysisCases(ctx, forbundId, year, names, codes), analysisCases(ctx, forbundId, year - 1, names, codes)]);
  return analyse(current, previous, today(ctx));
}

