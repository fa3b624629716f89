/**
 * Answers through personal invitations, held until they cannot be told apart. An invited respondent's
 * finished answers wait in `held_responses`, and their invitation gets only an opaque mark (an HMAC of its
 * id under a key kept outside the database). When at least k answers wait, they move into `responses` in
 * shuffled order in the same transaction as their invitations are marked answered: whoever reads the
 * database — rows, transaction ids, physical order, ids — can narrow an invitation down to no fewer than
 * k answers. The price: results of an insamling with invitations lag by up to k − 1 answers, and a
 * reminder may reach someone whose answer still waits (the page then says they have answered).
 */
import crypto from "node:crypto";
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";
import { keyedDigest } from "../crypto.js";

/** The opaque mark of an invitation: the server can compute it, a database reader without the key cannot. */
export const invitationMark = (ctx: Ctx, invitationId: string) =>
  keyedDigest(ctx.anonymityKey, `invitation:${invitationId}`, "hex");

/**
 * Whether to release now, and which invitations to mark answered (pure). Released only when at least k
 * wait; the invitations are marked only if those left unmarked afterwards are none or at least k, since a
 * smaller group of unmarked invitations would tie the answers that come from it later to fewer than k
 * people. At the insamling's close everything waiting is released (it must count), and its invitations
 * are marked only by the same rule: kept out of the bookkeeping otherwise, which no longer matters once
 * the insamling takes no answers.
 */
export function releasePlan(o: { k: number; held: number; matched: number; unanswered: number; closing: boolean }): { mark: boolean } | null {
  if (o.held === 0) return null;
  const leftUnmarked = o.unanswered - o.matched;
  const markable = leftUnmarked === 0 || leftUnmarked >= o.k;
  if (o.closing) return { mark: o.held >= o.k && markable };
  return o.held >= o.k && markable ? { mark: true } : null;
}

/** A uniformly shuffled copy (Fisher–Yates with crypto randomness): the insert order tells nothing. */
export function shuffled<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Releases the insamling's held answers if the rule allows; returns how many moved into `responses`. */
export async function releaseHeld(ctx: Ctx, collectionId: string, opts: { closing?: boolean } = {}): Promise<number> {
  return repo.release(ctx.db, collectionId, (w) => {
    const marks = new Set(w.marks);
    const matched = w.unanswered.filter((id) => marks.has(invitationMark(ctx, id)));
    const plan = releasePlan({ k: w.k, held: w.held.length, matched: matched.length, unanswered: w.unanswered.length, closing: !!opts.closing });
    if (!plan) return null;
    return { answers: shuffled(w.held), invitationIds: plan.mark ? shuffled(matched) : [] };
  });
}

/** Holds an invited respondent's finished answers, then releases the waiting ones if k are there. */
export async function holdInvitedAnswers(
  ctx: Ctx, o: { collectionId: string; forbundId: string; invitationId: string; tokenHash: string; answers: Record<string, unknown>; language: string; answeredOn: string },
): Promise<"held" | "closed" | "answered"> {
  const outcome = await repo.hold(ctx.db, { ...o, mark: invitationMark(ctx, o.invitationId) });
  if (outcome === "held") await releaseHeld(ctx, o.collectionId);
  return outcome;
}

/** Whether this invitation's answers are waiting to be released. */
export async function isWaiting(ctx: Ctx, collectionId: string, invitationId: string): Promise<boolean> {
  return repo.isMarked(ctx.db, collectionId, invitationMark(ctx, invitationId));
}

/** Held answers waiting per insamling. */
export async function waitingCounts(ctx: Ctx, collectionIds: string[]): Promise<Map<string, number>> {
  return repo.heldCounts(ctx.db, collectionIds);
}

/**
 * Releases what waits in every insamling that no longer takes answers (its close date has passed or it was
 * closed): run by the hourly housekeeping. Returns how many answers moved.
 */
export async function releaseClosed(ctx: Ctx, today: string): Promise<number> {
  let moved = 0;
  for (const c of await repo.collectionsWithHeld(ctx.db)) {
    const closed = c.status === "stangd" || (c.closesOn !== null && c.closesOn < today);
    if (closed) moved += await releaseHeld(ctx, c.id, { closing: true });
  }
  return moved;
}
