/**
 * The two private links, each opening one case and nothing else: the reporter's follow link (status,
 * approved answers, decision, visible history, and a form to add information) and a party's answer link
 * (the case and the party's own answer, until a handler approves it).
 */
import type { Ctx } from "../context.js";
import { NotFoundError } from "../errors.js";
import { conflict, type Done } from "../result.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import type { Status } from "./cases.pure.js";
import { transactional } from "../unit-of-work.js";
import { detailOf, namesIn, recordEvent, today } from "./cases.js";
import { tokenHash } from "./tokens.js";
import { notifyStaff } from "./notices.js";

// ——— The reporter's follow link ———

export type FollowView = {
  caseNumber: string; status: Status; reportedOn: string; statusReason: string | null; decision: string | null;
  answers: { partyName: string; answeredOn: string; answer: string }[];
  events: { at: Date; kind: string; note: string | null; fromStatus: Status | null; toStatus: Status | null }[];
};

async function byFollowToken(ctx: Ctx, token: string) {
  const row = await repo.findByFollowHash(ctx.db, tokenHash(token));
  return row && !row.anonymisedOn ? row : undefined;
}

/** What the reporter sees: that one case's status, approved answers, decision and the events marked visible — nothing else. */
export async function followView(ctx: Ctx, token: string): Promise<FollowView | undefined> {
  const row = await byFollowToken(ctx, token);
  if (!row) return undefined;
  const [requests, events, names] = await Promise.all([repo.listRequests(ctx.db, [row.id]), repo.listEvents(ctx.db, row.id), namesIn(ctx, row.forbundId)]);
  return {
    caseNumber: row.caseNumber, status: row.status, reportedOn: row.reportedOn,
    statusReason: row.status === "avvisad" || row.status === "hanvisad" ? row.statusReason : null,
    decision: row.decision,
    answers: requests.filter((q) => q.approved && q.answer && q.answeredOn)
      .map((q) => ({ partyName: names.party(q.partyId) ?? "", answeredOn: q.answeredOn!, answer: q.answer! })),
    events: events.filter((e) => e.visibleToReporter).map((e) => ({ at: e.at, kind: e.kind, note: e.note, fromStatus: e.fromStatus, toStatus: e.toStatus })),
  };
}

const noCase = () => new NotFoundError("Länken fungerar inte: ärendet finns inte längre.");

/** The reporter adds information through the private link; the koordinatorer are told (number and link only). */
export const addReporterInfo = transactional(async function addReporterInfo(ctx: Ctx, token: string, info: string): Promise<void> {
  const row = await byFollowToken(ctx, token);
  if (!row) throw noCase();
  await recordEvent(ctx, row.id, { actorId: null, actorLabel: "Rapportören" }, "info", { note: info, visible: true });
  await notifyStaff(ctx, row.forbundId, row, { kind: "reporter-info" });
});

// ——— The party's answer link ———

async function byAnswerToken(ctx: Ctx, token: string) {
  const q = await repo.findRequestByHash(ctx.db, tokenHash(token));
  if (!q) return undefined;
  const c = await repo.findDeviationById(ctx.db, q.deviationId);
  return c && !c.anonymisedOn ? { q, c } : undefined;
}

/** What the party's contact sees: the case they are asked about and their own answer. */
export async function answerView(ctx: Ctx, token: string) {
  const found = await byAnswerToken(ctx, token);
  if (!found) return undefined;
  const detail = await detailOf(ctx, found.c);
  const names = await namesIn(ctx, found.c.forbundId);
  const forbundName = (await organisation.getForbund(ctx, found.c.forbundId))?.name ?? "";
  return { detail, request: { ...found.q, partyName: names.party(found.q.partyId) ?? "" }, forbundName, locked: found.q.approved };
}

/**
 * Saves a party's answer (it may be changed until the koordinator approves it; after that it is refused as a
 * conflict). When every party has answered, the case is Besvarad.
 */
export const answer = transactional(async function answer(ctx: Ctx, token: string, text: string): Promise<Done> {
  const found = await byAnswerToken(ctx, token);
  if (!found) throw noCase();
  const { q, c } = found;
  if (q.approved) return conflict({ _form: "Svaret är redan godkänt och kan inte ändras. Kontakta samordningsförbundet." });
  const party = (await namesIn(ctx, c.forbundId)).party(q.partyId) ?? "Parten";
  await repo.updateRequest(ctx.db, q.id, { answer: text, answeredOn: today(ctx) });
  await recordEvent(ctx, c.id, { actorId: null, actorLabel: `${party} (svar via länk)` }, "answer", { note: text });
  const open = (await repo.listRequests(ctx.db, [c.id])).filter((r) => r.answeredOn === null);
  if (!open.length && (c.status === "ny" || c.status === "under_handlaggning")) {
    await repo.updateDeviation(ctx.db, c.id, { status: "besvarad" });
    await recordEvent(ctx, c.id, { actorId: null, actorLabel: "Samspår" }, "status", { fromStatus: c.status, toStatus: "besvarad", visible: true });
  }
  await notifyStaff(ctx, c.forbundId, c, { kind: "party-answered", party });
  return { ok: true };
});
