/**
 * Shared insatser (issue 20): an insats owned by one förbund, co-funded by others it shares a group with.
 *
 * - The owner's admin invites a förbund of a common group; the co-funder's admin accepts (or the owner withdraws
 *   an invitation not yet accepted). An invitation alone shows nothing but the insats's name to the invited.
 * - Once accepted, the co-funder reports its own participants for the insats (its own insatsrapporter, in its own
 *   förbund) and its own funding; interventionreports and socioeconomics ask `coFunded` for these insatser.
 * - What each sees of the parts and the whole: parts.ts with split.pure.ts.
 * Nothing here reads a figure, so the insatsrapporter and Statistik services can depend on it.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { conflict, type Done } from "../result.js";
import { currentYear } from "../dates.js";
import { NotFoundError } from "../errors.js";
import { transactional } from "../unit-of-work.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";

/** An insats the förbund co-funds, in the shape of its own insatser (no kommunområden: those are the owner's). */
export type CoFunded = organisation.Organisation["interventions"][number] & {
  ownerId: string; ownerName: string;
  /** The last year of an ended co-funding (its part of that year and before stays); null while it runs. */
  lastYear: number | null;
};

const asIntervention = (r: repo.SharedRow): CoFunded =>
  ({ id: r.id, name: r.name, kind: r.kind, fromYear: r.fromYear, toYear: r.toYear, areaIds: [], ownerId: r.ownerId, ownerName: r.ownerName, lastYear: r.lastYear });

/** Whether an insats in a list of the förbund's own and co-funded ones is one it co-funds. */
export const isCoFunded = (i: object): i is CoFunded => "ownerId" in i && "lastYear" in i;

/** Whether the co-funding covers the year: it runs, or it ended in that year or later. */
export const covers = (c: { lastYear: number | null }, year: number) => c.lastYear === null || year <= c.lastYear;

/**
 * The insatser the förbund co-funds (accepted invitations only), ended ones included: their years stay the förbund's
 * history. With a year, only those whose co-funding covers it (what the förbund may still report or fund for that year).
 */
export async function coFunded(ctx: Ctx, forbundId: string, year?: number): Promise<CoFunded[]> {
  return (await repo.invitationsTo(ctx.db, forbundId, true)).map(asIntervention).filter((i) => year === undefined || covers(i, year));
}

/** One insats the förbund co-funds, or undefined (never an insats only invited to; with a year, not one ended before it). */
export async function findCoFunded(ctx: Ctx, forbundId: string, interventionId: string, year?: number): Promise<CoFunded | undefined> {
  const r = await repo.findInvitation(ctx.db, forbundId, interventionId);
  return r?.acceptedAt && (year === undefined || covers(r, year)) ? asIntervention(r) : undefined;
}

/** The message for a co-funder that tries to write for a year after its co-funding ended. */
export const endedMessage = (i: { name: string; lastYear: number | null }) =>
  `Samfinansieringen av ${i.name} avslutades ${i.lastYear}. Ert förbunds del kan bara föras in för ${i.lastYear} och tidigare år.`;

const list = (names: string[]) => names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} och ${names.at(-1)}`;

/**
 * Per insats of the förbund that is shared (its own with accepted co-funders, and those it co-funds), the line the
 * Statistik bilaga prints: that the insats is shared, with whom, and that the figures are the förbund's own part.
 */
export async function sharedLines(ctx: Ctx, forbundId: string): Promise<Map<string, string>> {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const [own, theirs] = await Promise.all([repo.cofundersOf(ctx.db, org.interventions.map((i) => i.id)), repo.invitationsTo(ctx.db, forbundId, true)]);
  const others = await repo.cofundersOf(ctx.db, theirs.map((r) => r.id));
  const lines = new Map<string, string>();
  for (const i of org.interventions) {
    const names = own.filter((c) => c.interventionId === i.id && c.acceptedAt).map((c) => c.name);
    if (names.length) lines.set(i.id, `Delad insats: ${org.name} äger insatsen och finansierar den tillsammans med ${list(names)}. Siffrorna är ${org.name}s egen del mot dess egna medel.`);
  }
  for (const r of theirs) {
    const names = others.filter((c) => c.interventionId === r.id && c.acceptedAt && c.forbundId !== forbundId).map((c) => c.name);
    lines.set(r.id, `Delad insats: ${r.ownerName} äger insatsen och finansierar den tillsammans med ${list([org.name, ...names])}. Siffrorna är ${org.name}s egen del mot dess egna medel.`);
  }
  return lines;
}

export type Access = {
  intervention: { id: string; name: string; kind: "individinriktad" | "strukturovergripande" };
  owner: { id: string; name: string; k: number };
  role: "owner" | "cofunder";
  /** Invited and accepted co-funders (for a co-funder: the accepted ones only); lastYear once a co-funding has ended. */
  cofunders: { id: string; name: string; k: number; accepted: boolean; lastYear: number | null }[];
};

/** The owner's insats, or one the förbund has accepted to co-fund; 404 for anything else (another förbund's, or only invited). */
export async function access(ctx: Ctx, forbundId: string, interventionId: string): Promise<Access> {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const own = org.interventions.find((i) => i.id === interventionId);
  const theirs = own ? undefined : await repo.findInvitation(ctx.db, forbundId, interventionId);
  if (!own && !theirs?.acceptedAt) throw new NotFoundError("Insatsen finns inte.");
  const cofunders = (await repo.cofundersOf(ctx.db, [interventionId]))
    .map((c) => ({ id: c.forbundId, name: c.name, k: c.k, accepted: c.acceptedAt !== null, lastYear: c.lastYear }))
    .filter((c) => own || c.accepted);
  return own
    ? { intervention: { id: own.id, name: own.name, kind: own.kind }, owner: { id: org.id, name: org.name, k: org.reportingThreshold }, role: "owner", cofunders }
    : { intervention: { id: theirs!.id, name: theirs!.name, kind: theirs!.kind }, owner: { id: theirs!.ownerId, name: theirs!.ownerName, k: theirs!.ownerK }, role: "cofunder", cofunders };
}

/** The förbund's page: its insatser with their co-funders, the invitations it has had, and whom it may invite. */
export async function overview(ctx: Ctx, forbundId: string) {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const [cofunders, invitations, neighbours] = await Promise.all([
    repo.cofundersOf(ctx.db, org.interventions.map((i) => i.id)), repo.invitationsTo(ctx.db, forbundId), repo.groupNeighbours(ctx.db, forbundId),
  ]);
  return {
    owned: org.interventions.map((i) => ({
      id: i.id, name: i.name,
      cofunders: cofunders.filter((c) => c.interventionId === i.id).map((c) => ({ id: c.forbundId, name: c.name, accepted: c.acceptedAt !== null, lastYear: c.lastYear })),
    })),
    invitations: invitations.map((r) => ({ id: r.id, name: r.name, ownerName: r.ownerName, accepted: r.acceptedAt !== null, lastYear: r.lastYear })),
    neighbours,
  };
}

/**
 * The owner's admin invites a förbund to co-fund one of its insatser: 404 for another förbund's insats; only a förbund
 * that shares a group with the owner can be invited (a message by field otherwise). The invited förbund's log says so.
 */
export const inviteCofunder = transactional(async function inviteCofunder(ctx: Ctx, user: ForbundUser, interventionId: string, forbundId: string): Promise<Done<{ forbundId: string }>> {
  const i = await organisation.getIntervention(ctx, user.forbundId, interventionId);
  const neighbour = (await repo.groupNeighbours(ctx.db, user.forbundId)).find((f) => f.id === forbundId);
  if (!neighbour) return { ok: false, errors: { forbundId: "Välj ett förbund som är med i en förbundsgrupp tillsammans med ert förbund." } };
  const earlier = (await repo.cofundersOf(ctx.db, [interventionId])).find((c) => c.forbundId === forbundId);
  if (earlier?.lastYear != null) {
    return conflict({ forbundId: `${neighbour.name} samfinansierade ${i.name} till och med ${earlier.lastYear}. En avslutad samfinansiering öppnas inte igen.` });
  }
  if (await repo.invite(ctx.db, interventionId, forbundId, ctx.clock.now())) {
    await audit.record(ctx, user, "shared.invited", { interventionId, name: i.name, forbundId, forbundName: neighbour.name });
    await audit.record(ctx, { id: user.id, email: user.email, forbundId }, "shared.invited", { interventionId, name: i.name, ownerId: user.forbundId });
  }
  return { ok: true, forbundId };
});

/** The co-funder's admin accepts an invitation (404 when there is none); accepting twice changes nothing. */
export const acceptInvitation = transactional(async function acceptInvitation(ctx: Ctx, user: ForbundUser, interventionId: string) {
  const r = await repo.findInvitation(ctx.db, user.forbundId, interventionId);
  if (!r) throw new NotFoundError("Insatsen finns inte.");
  if (!r.acceptedAt) {
    await repo.accept(ctx.db, interventionId, user.forbundId, ctx.clock.now());
    await audit.record(ctx, user, "shared.accepted", { interventionId, name: r.name, ownerId: r.ownerId, ownerName: r.ownerName });
  }
  return { id: r.id, name: r.name };
});

/** The owner withdraws an invitation not yet accepted (an accepted co-funder has its own reports and money in the insats). */
export const withdrawInvitation = transactional(async function withdrawInvitation(ctx: Ctx, user: ForbundUser, interventionId: string, forbundId: string): Promise<Done> {
  const i = await organisation.getIntervention(ctx, user.forbundId, interventionId);
  if (!(await repo.withdrawPending(ctx.db, interventionId, forbundId))) {
    return { ok: false, reason: "conflict", errors: { forbundId: "Det finns ingen obesvarad inbjudan till det förbundet. En accepterad samfinansiering tas inte bort här." } };
  }
  await audit.record(ctx, user, "shared.withdrawn", { interventionId, name: i.name, forbundId });
  return { ok: true };
});

/**
 * Ends an accepted co-funding: the owner's admin ends any co-funder's, a co-funder's admin its own (404 for anyone
 * else, or an insats the förbund has no part in). History is not rewritten: the co-funder's reports, funding and
 * movements of the year it ends in and before stay, count in the whole and in its own Statistik; later years are
 * closed to it (`covers`). Both förbunds' audit logs say so. Ending twice, or an invitation never accepted: conflict.
 */
export const endCofunding = transactional(async function endCofunding(ctx: Ctx, user: ForbundUser, interventionId: string, forbundId: string): Promise<Done<{ forbundId: string; lastYear: number }>> {
  const a = await access(ctx, user.forbundId, interventionId);
  if (a.role === "cofunder" && forbundId !== user.forbundId) throw new NotFoundError("Förbundet samfinansierar inte insatsen.");
  const c = a.cofunders.find((x) => x.id === forbundId);
  if (!c) throw new NotFoundError("Förbundet samfinansierar inte insatsen.");
  const lastYear = currentYear(ctx.clock);
  if (!(await repo.end(ctx.db, interventionId, forbundId, ctx.clock.now(), lastYear))) {
    return conflict({ forbundId: c.lastYear !== null
      ? `Samfinansieringen är redan avslutad (sista år ${c.lastYear}).`
      : "Inbjudan är inte accepterad än. Återkalla den i stället." });
  }
  const detail = { interventionId, name: a.intervention.name, ownerId: a.owner.id, forbundId, forbundName: c.name, lastYear, endedBy: user.forbundId };
  await audit.record(ctx, user, "shared.ended", detail);
  // The other side's log too: the owner's when the co-funder ends it, the co-funder's when the owner does.
  await audit.record(ctx, { id: user.id, email: user.email, forbundId: a.role === "owner" ? forbundId : a.owner.id }, "shared.ended", detail);
  return { ok: true, forbundId, lastYear };
});
