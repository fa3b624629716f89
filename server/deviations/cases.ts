/**
 * Reading cases as staff see them: the scope a user handles (a koordinator their kommunområden, an admin
 * the whole förbund), the list and the detail with names, the beredningsgrupp's meeting lists, and the
 * case's history, which every command writes to.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import { OTHER } from "./codes.js";
import { closedStatuses, isOverdue, onMeetingList, type Status } from "./cases.pure.js";
import { getCodes, type Code, type Organisation } from "./settings.js";
import { swedishDate } from "../dates.js";

/** Today's date in Sweden, as the cases' dates are written. */
export const today = (ctx: Ctx) => swedishDate(ctx.clock.now());

// ——— Scope ———

/** The kommunområden a user handles cases in: null for all (admin), the user's own for a koordinator. */
export const scopeOf = (user: ForbundUser): string[] | null => (atLeast(user.role, "admin") ? null : user.role === "koordinator" ? user.areaIds : []);

/** A koordinator handles the cases of their kommunområden; an admin all of the förbund's. */
export function mayHandle(user: ForbundUser, c: Pick<repo.DeviationRow, "areaId">): boolean {
  const scope = scopeOf(user);
  return scope === null || (!!c.areaId && scope.includes(c.areaId));
}

/**
 * The case if the user may handle it. Another förbund's case and another kommunområde's case are
 * both simply not found: a case number is not shown to those who may not read the case.
 */
export async function caseInScope(ctx: Ctx, user: ForbundUser, id: string): Promise<repo.DeviationRow> {
  const row = await repo.findDeviation(ctx.db, user.forbundId, id);
  if (!row || !mayHandle(user, row)) throw new NotFoundError("Ärendet finns inte.");
  return row;
}

// ——— History ———

/** Who a history line names: a user, or a label alone (the reporter, a party, Samspår). */
export type Actor = { actorId: string | null; actorLabel: string };

export const actorOf = (user: ForbundUser): Actor => ({ actorId: user.id, actorLabel: user.name || user.email });

/** Adds a line to the case's history; `visible` lines are shown to the reporter. */
export async function recordEvent(ctx: Ctx, deviationId: string, actor: Actor, kind: string, v: {
  note?: string | null; visible?: boolean; fromStatus?: Status | null; toStatus?: Status | null;
} = {}) {
  await repo.insertEvent(ctx.db, {
    deviationId, at: ctx.clock.now(), ...actor, kind, note: v.note ?? null, visibleToReporter: v.visible ?? false,
    fromStatus: v.fromStatus ?? null, toStatus: v.toStatus ?? null,
  });
}

// ——— Reading ———

export type Names = ReturnType<typeof namesOf>;
/** Look-ups from ids to names in the förbund's organisation. */
export function namesOf(org: Organisation) {
  const units = new Map(org.parties.flatMap((p) => p.units.map((u) => [u.id, u.name] as const)));
  const parties = new Map(org.parties.map((p) => [p.id, p.name]));
  const areas = new Map(org.areas.map((a) => [a.id, a.name]));
  const interventions = new Map(org.interventions.map((i) => [i.id, i.name]));
  return {
    area: (id: string | null) => (id ? areas.get(id) ?? null : null),
    party: (id: string | null) => (id ? parties.get(id) ?? null : null),
    unit: (id: string | null) => (id ? units.get(id) ?? null : null),
    intervention: (id: string | null) => (id ? interventions.get(id) ?? null : null),
  };
}

/** The names of the förbund's organisation, looked up once. */
export const namesIn = async (ctx: Ctx, forbundId: string) => namesOf(await organisation.getOrganisation(ctx, forbundId));

export type CaseSummary = repo.DeviationRow & {
  areaName: string | null; concerned: { partyId: string; partyName: string; unitId: string | null; unitName: string | null }[];
  overdue: boolean; openRequests: number; effectDue: boolean;
};

function summarise(rows: repo.DeviationRow[], concerned: repo.ConcernedRow[], requests: repo.RequestRow[], names: Names, date: string): CaseSummary[] {
  return rows.map((r) => {
    const mine = requests.filter((q) => q.deviationId === r.id);
    return {
      ...r,
      areaName: names.area(r.areaId),
      concerned: concerned.filter((c) => c.deviationId === r.id)
        .map((c) => ({ partyId: c.partyId, partyName: names.party(c.partyId) ?? "", unitId: c.unitId, unitName: names.unit(c.unitId) })),
      overdue: !closedStatuses.includes(r.status) && mine.some((q) => isOverdue(q, date)),
      openRequests: mine.filter((q) => q.answeredOn === null).length,
      effectDue: r.status === "avslutad" && !!r.effectFollowUpOn && r.effectFollowUpOn <= date && r.effectWorked === null,
    };
  });
}

/** The cases a user may handle, with names and flags for the list. */
export async function listCases(ctx: Ctx, user: ForbundUser, f: { year?: number | null; status?: Status | null } = {}): Promise<CaseSummary[]> {
  const forbundId = user.forbundId;
  const rows = await repo.listDeviations(ctx.db, forbundId, { ...f, areaIds: scopeOf(user) });
  const ids = rows.map((r) => r.id);
  const [concerned, requests, org] = await Promise.all([repo.listConcerned(ctx.db, ids), repo.listRequests(ctx.db, ids), organisation.getOrganisation(ctx, forbundId)]);
  return summarise(rows, concerned, requests, namesOf(org), today(ctx));
}

export const listYears = (ctx: Ctx, forbundId: string) => repo.listYears(ctx.db, forbundId);

export type CaseDetail = CaseSummary & {
  interventionName: string | null; reporterPartyName: string | null; reporterUnitName: string | null;
  causeLabels: string[]; consequenceLabels: string[];
  requests: (repo.RequestRow & { partyName: string; overdue: boolean })[];
  events: repo.EventRow[];
};

function labelsOf(chosen: string[], list: Code[], other: string | null): string[] {
  return chosen.map((c) => (c === OTHER && other ? `Annat: ${other}` : list.find((x) => x.code === c)?.label ?? c));
}

/** One case with everything the detail page and the API show; 404 outside the user's scope. */
export async function getCase(ctx: Ctx, user: ForbundUser, id: string): Promise<CaseDetail> {
  const row = await caseInScope(ctx, user, id);
  return detailOf(ctx, row);
}

/** A case with its names, labels, requests and history (for staff, and for the party asked about it). */
export async function detailOf(ctx: Ctx, row: repo.DeviationRow): Promise<CaseDetail> {
  const [concerned, requests, events, org, codes] = await Promise.all([
    repo.listConcerned(ctx.db, [row.id]), repo.listRequests(ctx.db, [row.id]), repo.listEvents(ctx.db, row.id),
    organisation.getOrganisation(ctx, row.forbundId), getCodes(ctx, row.forbundId),
  ]);
  const names = namesOf(org), date = today(ctx);
  const [summary] = summarise([row], concerned, requests, names, date);
  return {
    ...summary,
    interventionName: names.intervention(row.interventionId),
    reporterPartyName: names.party(row.reporterPartyId),
    reporterUnitName: names.unit(row.reporterUnitId),
    causeLabels: labelsOf(row.causes, codes.causes, row.causeOther),
    consequenceLabels: labelsOf(row.consequences, codes.consequences, row.consequenceOther),
    requests: requests.map((q) => ({ ...q, partyName: names.party(q.partyId) ?? "", overdue: isOverdue(q, date) })),
    events,
  };
}

/** The beredningsgrupp's list for a meeting: open cases lifted to it at least two weeks before. */
export async function meetingList(ctx: Ctx, user: ForbundUser, meeting: string): Promise<CaseSummary[]> {
  const cases = await listCases(ctx, user);
  return cases.filter((c) => c.liftedTo === "beredningsgrupp" && c.liftedOn && onMeetingList(c.liftedOn, meeting) && !closedStatuses.includes(c.status))
    .sort((a, b) => a.liftedOn!.localeCompare(b.liftedOn!));
}

/** The closed cases lifted to the beredningsgrupp, with the decision recorded afterwards. */
export async function decidedLifted(ctx: Ctx, user: ForbundUser): Promise<CaseSummary[]> {
  return (await listCases(ctx, user)).filter((c) => c.liftedTo === "beredningsgrupp" && closedStatuses.includes(c.status));
}

/** The summaries an admin approved for the public page: no report text, only the approved summary. */
export async function publishedSummaries(ctx: Ctx, forbundId: string) {
  return (await repo.listPublished(ctx.db, forbundId)).map((r) => ({ caseNumber: r.caseNumber, occurredMonth: r.occurredMonth, status: r.status, summary: r.publicSummary! }));
}
