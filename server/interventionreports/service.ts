/**
 * Insatsrapporter (002 Bilaga 3): a report per insats — or per kommunområde of an insats — and
 * period, with counts by women / men / other and the report's free-text answers. A koordinator
 * reports for their kommunområden, and for a whole insats that runs in one of them (or förbund-wide);
 * an admin for every insats.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import type { Done, FieldErrors } from "../result.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as organisation from "../organisation/service.js";
import * as shared from "../sharedinterventions/service.js";
import { maskPii } from "../privacy/pii.js";
import * as repo from "./repo.js";
import { hiddenCounts, yearCells } from "./outcome-threshold.pure.js";
import { checkCounts, summarise, sumCounts, type ReportCounts, yearFigures as pickFigures, type InterventionYear, type OutcomeSummary } from "./outcomes.pure.js";
import type { ReportInput } from "./schema.js";

export type Report = repo.ReportWithNames;
export type Intervention = organisation.Organisation["interventions"][number];
export type Saved = Done<{ id: string; year: number }>;


/** Whether the user may write a report for the insats (and kommunområde). */
export function mayReport(user: ForbundUser, intervention: Pick<Intervention, "areaIds">, areaId: string | null): boolean {
  if (atLeast(user.role, "admin")) return true;
  if (user.role !== "koordinator") return false;
  if (areaId) return user.areaIds.includes(areaId);
  return !intervention.areaIds.length || intervention.areaIds.some((id) => user.areaIds.includes(id));
}

/**
 * The förbund's organisation with the insatser it reports for: its own, and the shared insatser it co-funds (issue 20:
 * each förbund reports its own participants of a shared insats, in its own reports).
 */
async function withCoFunded(ctx: Ctx, forbundId: string) {
  const [org, coFunded] = await Promise.all([organisation.getOrganisation(ctx, forbundId), shared.coFunded(ctx, forbundId)]);
  return { ...org, interventions: [...org.interventions, ...coFunded] as (Intervention | shared.CoFunded)[] };
}

/** The förbund's organisation and the insatser the user may report for (for the form). */
export async function reportable(ctx: Ctx, user: ForbundUser) {
  const org = await withCoFunded(ctx, user.forbundId);
  const areas = atLeast(user.role, "admin") ? org.areas : org.areas.filter((a) => user.areaIds.includes(a.id));
  const interventions = org.interventions.filter((i) => mayReport(user, i, null));
  return { org, interventions, areas };
}

/** A report the user may change: 404 for another förbund's, 403 outside the user's kommunområden. */
export async function getManaged(ctx: Ctx, user: ForbundUser, id: string): Promise<Report> {
  const report = await repo.findReport(ctx.db, user.forbundId, id);
  if (!report) throw new NotFoundError("Rapporten finns inte.");
  const org = await withCoFunded(ctx, user.forbundId);
  const intervention = org.interventions.find((i) => i.id === report.interventionId);
  if (!intervention || !mayReport(user, intervention, report.areaId)) throw new ForbiddenError("Rapporten hör till ett annat kommunområde.");
  return report;
}

/**
 * The checks that need the organisation and the stored reports: the insats and kommunområde exist
 * (404 otherwise), the user may report for them (403), the kommunområde is one where the insats runs,
 * the counts add up, and there is no other report for the same period.
 */
async function check(ctx: Ctx, user: ForbundUser, v: ReportInput, exceptId?: string): Promise<FieldErrors> {
  const org = await withCoFunded(ctx, user.forbundId);
  const intervention = org.interventions.find((i) => i.id === v.interventionId);
  if (!intervention) throw new NotFoundError("Insatsen finns inte.");
  const area = v.areaId ? org.areas.find((a) => a.id === v.areaId) : null;
  if (v.areaId && !area) throw new NotFoundError("Kommunområdet finns inte.");
  if (!mayReport(user, intervention, v.areaId)) throw new ForbiddenError("Du kan bara rapportera för insatser i dina kommunområden.");
  const errors: FieldErrors = {};
  // An ended co-funding (issue 20): the years it covered stay open to the co-funder, later ones are closed.
  if (shared.isCoFunded(intervention) && !shared.covers(intervention, Number(v.periodStart.slice(0, 4)))) errors.periodStart = shared.endedMessage(intervention);
  if (area && intervention.areaIds.length && !intervention.areaIds.includes(area.id)) {
    errors.areaId = `${intervention.name} bedrivs inte i ${area.name}. Välj ett av insatsens kommunområden, eller hela insatsen.`;
  }
  for (const issue of checkCounts(v.counts)) errors[issue.path] ??= issue.message;
  if (await repo.samePeriodExists(ctx.db, { ...v, forbundId: user.forbundId }, exceptId)) {
    errors.periodStart = `Det finns redan en rapport för ${intervention.name}${area ? ` i ${area.name}` : ""} och den perioden. Öppna den i listan och ändra den i stället.`;
  }
  return errors;
}

const row = (v: ReportInput) => ({
  interventionId: v.interventionId, areaId: v.areaId, year: Number(v.periodStart.slice(0, 4)),
  periodStart: v.periodStart, periodEnd: v.periodEnd, counts: v.counts, answers: v.answers as Record<string, string>,
});

export async function createReport(ctx: Ctx, user: ForbundUser, v: ReportInput): Promise<Saved> {
  const errors = await check(ctx, user, v);
  if (Object.keys(errors).length) return { ok: false, errors };
  const r = await repo.insertReport(ctx.db, { ...row(v), forbundId: user.forbundId, createdBy: user.id });
  return { ok: true, id: r.id, year: r.year };
}

export async function updateReport(ctx: Ctx, user: ForbundUser, id: string, v: ReportInput): Promise<Saved> {
  await getManaged(ctx, user, id);
  const errors = await check(ctx, user, v, id);
  if (Object.keys(errors).length) return { ok: false, errors };
  await repo.updateReport(ctx.db, id, { ...row(v), updatedAt: ctx.clock.now() });
  return { ok: true, id, year: row(v).year };
}

export async function deleteReport(ctx: Ctx, user: ForbundUser, id: string): Promise<Report> {
  const report = await getManaged(ctx, user, id);
  await repo.deleteReport(ctx.db, user.forbundId, id);
  return report;
}

/** The förbund's reports of a year; free texts masked in case personal data slipped through. */
export async function listReports(ctx: Ctx, forbundId: string, year: number): Promise<Report[]> {
  return (await repo.listReports(ctx.db, forbundId, year)).map((r) => ({
    ...r, answers: Object.fromEntries(Object.entries(r.answers).map(([k, a]) => [k, maskPii(a)])),
  }));
}

export type YearFigure = InterventionYear & { name: string; summary: OutcomeSummary };

/** Per insats, the year's figures from its reports (see outcomes.pure.ts for which reports count). */
export async function yearFigures(ctx: Ctx, forbundId: string, year: number, reports?: Report[]): Promise<YearFigure[]> {
  const list = reports ?? await repo.listReports(ctx.db, forbundId, year);
  const names = new Map(list.map((r) => [r.interventionId, r.interventionName]));
  return pickFigures(list).map((f) => ({ ...f, name: names.get(f.interventionId) ?? "", summary: summarise(f.counts) }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/**
 * The counts of the year to hide under the förbund's outcome threshold (outcome-threshold.pure.ts),
 * over every insats's year figure and their sum, so that every page, API answer and bilaga hides the
 * same cells; null when the förbund has set no threshold (counts shown even when small).
 */
export async function hiddenOfYear(ctx: Ctx, forbundId: string, year: number, figures?: readonly InterventionYear[]): Promise<{ threshold: number; hidden: Set<string> } | null> {
  const { outcomeThreshold } = await organisation.getOrganisation(ctx, forbundId);
  if (!outcomeThreshold) return null;
  const list = figures ?? await yearFigures(ctx, forbundId, year);
  const { values, lines } = yearCells(list.map((f) => ({ prefix: f.interventionId, counts: f.counts })), list.length > 1 ? sumCounts(list.map((f) => f.counts)) : null);
  return { threshold: outcomeThreshold, hidden: hiddenCounts(values, lines, outcomeThreshold) };
}

/** One insats's year figure — for a shared insats the förbund co-funds, its own part (404 for another förbund's insats; null when it has no report that year). */
export async function outcomesOf(ctx: Ctx, forbundId: string, interventionId: string, year: number): Promise<YearFigure | null> {
  if (!(await shared.findCoFunded(ctx, forbundId, interventionId))) await organisation.getIntervention(ctx, forbundId, interventionId);
  return (await yearFigures(ctx, forbundId, year)).find((f) => f.interventionId === interventionId) ?? null;
}

/**
 * PUT outcomes for a year: the counts of the insats's own helårsrapport (created when there is none;
 * its free-text answers kept), checked like the form's.
 */
export async function setOutcomes(ctx: Ctx, user: ForbundUser, interventionId: string, year: number, counts: ReportCounts): Promise<Saved> {
  const period = { periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` };
  const own = await repo.findOwnReport(ctx.db, user.forbundId, interventionId, period.periodStart, period.periodEnd);
  const input: ReportInput = { interventionId, areaId: null, ...period, counts, answers: own?.answers ?? {} };
  return own ? updateReport(ctx, user, own.id, input) : createReport(ctx, user, input);
}
