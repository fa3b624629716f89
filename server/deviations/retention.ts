/**
 * Retention: closed cases past the förbund's retention months are anonymised — free texts, the reporter's
 * contact details and the links go, counts stay. By hand after a dry run, or nightly once an admin has
 * accepted the dry run for the current retention months.
 */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import * as audit from "../audit/service.js";
import * as repo from "./repo.js";
import { retentionAccepted, retentionDue } from "./cases.pure.js";
import { transactional } from "../unit-of-work.js";
import { getSettings, type Settings } from "./settings.js";
import { today } from "./cases.js";
import { newToken, tokenHash } from "./tokens.js";

/** The closed cases whose retention period has run out: the dry run shows them before anything is changed. */
export async function retentionCandidates(ctx: Ctx, forbundId: string) {
  const settings = await getSettings(ctx, forbundId);
  const date = today(ctx);
  const rows = await repo.listDeviations(ctx.db, forbundId);
  return { retentionMonths: settings.retentionMonths, cases: rows.filter((r) => retentionDue(r, date, settings.retentionMonths)) };
}

/** Anonymises the cases of the dry run: free texts, the reporter's contact details and the links go; counts stay. */
export const runRetention = transactional(async function runRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<number> {
  const n = await anonymiseDue(ctx, forbundId);
  await audit.record(ctx, { ...actor, forbundId }, "deviations.anonymised", { count: n });
  return n;
});

async function anonymiseDue(ctx: Ctx, forbundId: string): Promise<number> {
  const { cases } = await retentionCandidates(ctx, forbundId);
  const date = today(ctx);
  // The links' hashes become hashes of tokens nobody has, so an old link opens nothing.
  for (const c of cases) await repo.anonymise(ctx.db, c.id, date, () => tokenHash(newToken()));
  return cases.length;
}

export type RetentionAcceptance = { accepted: boolean; by: string | null; at: Date | null; months: number | null; stale: boolean };

/** Whether automatic retention is accepted, by whom and when; `stale`: accepted once, for other retention months. */
export function retentionAcceptance(s: Settings): RetentionAcceptance {
  const accepted = retentionAccepted(s);
  return { accepted, by: s.retentionAcceptedByLabel, at: s.retentionAcceptedAt, months: s.retentionAcceptedMonths, stale: !accepted && s.retentionAcceptedAt !== null };
}

/**
 * An admin accepts the dry run: from now on the nightly job anonymises what is due under the current
 * retention months. Changing the months takes the acceptance back (it holds for the months it was given for).
 */
export const acceptRetention = transactional(async function acceptRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<void> {
  const settings = await getSettings(ctx, forbundId);
  await repo.updateSettings(ctx.db, forbundId, {
    retentionAcceptedBy: actor.id, retentionAcceptedByLabel: actor.name || actor.email,
    retentionAcceptedAt: ctx.clock.now(), retentionAcceptedMonths: settings.retentionMonths,
  });
  await audit.record(ctx, { ...actor, forbundId }, "deviations.retention_accepted", { retentionMonths: settings.retentionMonths });
});

/** Takes the acceptance back: retention then runs only by hand again. */
export const withdrawRetention = transactional(async function withdrawRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<void> {
  await getSettings(ctx, forbundId);
  await repo.updateSettings(ctx.db, forbundId, { retentionAcceptedBy: null, retentionAcceptedByLabel: null, retentionAcceptedAt: null, retentionAcceptedMonths: null });
  await audit.record(ctx, { ...actor, forbundId }, "deviations.retention_withdrawn", {});
});

/**
 * The nightly retention of one förbund (a scheduled job): runs only while an admin's acceptance holds, and
 * each run is audited (by Samspår, naming who accepted). Otherwise nothing changes and `waiting` says how
 * many cases the dry run lists.
 */
export const runAutomaticRetention = transactional(async function runAutomaticRetention(ctx: Ctx, forbundId: string): Promise<{ accepted: boolean; anonymised: number; waiting: number }> {
  const settings = await getSettings(ctx, forbundId);
  if (!retentionAccepted(settings)) {
    return { accepted: false, anonymised: 0, waiting: (await retentionCandidates(ctx, forbundId)).cases.length };
  }
  const n = await anonymiseDue(ctx, forbundId);
  await audit.record(ctx, { id: null, email: null, forbundId }, "deviations.anonymised", {
    count: n, automatic: true, retentionMonths: settings.retentionMonths, acceptedBy: settings.retentionAcceptedByLabel,
  });
  return { accepted: true, anonymised: n, waiting: 0 };
});
