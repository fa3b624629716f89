/**
 * What staff do with a case they handle: change its status, write notes, ask parties for answers and
 * approve them for the reporter, lift it, follow up its effect, and write its analysis and public
 * summary. Each command checks the user's scope first and writes the case's history.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { conflict, refused, type Done } from "../result.js";
import { NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import {
  answerDeadline, closedStatuses, defaultEffectFollowUp, effectDateAllowed, liftLabels, statusChangeProblem, statusLabels,
  type LiftTarget, type Status,
} from "./cases.pure.js";
import { transactional } from "../unit-of-work.js";
import { getSettings, saveSettings } from "./settings.js";
import * as outbox from "../outbox/service.js";
import { actorOf, caseInScope, namesIn, recordEvent, today } from "./cases.js";
import { answerToken, answerUrl, tokenHash } from "./tokens.js";
import { mailAnswerRequest, tellReporter } from "./notices.js";

/** A handling command's result: done with the message staff see next, or refused with messages by field. */
export type Handled = Done<{ message: string }>;

/** The fields a status change sets besides the status: reasons, the decision and the closing date. */
function statusFields(to: Status, note: string | null, date: string): Partial<repo.NewDeviation> {
  const closing = closedStatuses.includes(to);
  return {
    status: to,
    ...(to === "avvisad" || to === "hanvisad" ? { statusReason: note } : {}),
    ...(to === "avslutad" ? { decision: note, effectFollowUpOn: defaultEffectFollowUp(date) } : {}),
    closedOn: closing ? date : null,
  };
}

/** Changes the status with a note; Avvisad and Hänvisad need a reason, Avslutad a decision. */
export const changeStatus = transactional(async function changeStatus(ctx: Ctx, user: ForbundUser, id: string, v: { status: Status; note: string | null; visible: boolean }): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  const problem = statusChangeProblem(row.status, v.status, v.note);
  if (problem) return refused({ [row.status === v.status ? "status" : "note"]: problem });
  await repo.updateDeviation(ctx.db, row.id, statusFields(v.status, v.note, today(ctx)));
  await recordEvent(ctx, row.id, actorOf(user), "status", { note: v.note, visible: v.visible, fromStatus: row.status, toStatus: v.status });
  if (row.status !== v.status) await tellReporter(ctx, row); // the status (and a decision or reason) shows on the follow page
  return { ok: true, message: `${row.caseNumber} har nu status ${statusLabels[v.status]}.` };
});

/** A note in the history, shown to the reporter when `visible`. */
export const addNote = transactional(async function addNote(ctx: Ctx, user: ForbundUser, id: string, v: { note: string; visible: boolean }): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  await recordEvent(ctx, row.id, actorOf(user), "note", { note: v.note, visible: v.visible });
  if (v.visible) await tellReporter(ctx, row);
  return { ok: true, message: v.visible ? "Anteckningen är sparad och visas för den som rapporterade." : "Anteckningen är sparad." };
});

/**
 * Asks parties for an answer: each party's contact gets a mail with a link to answer without an account;
 * the deadline is today plus the förbund's answer days. An address typed with the request is used for it,
 * and saved in the settings when the user may change them (admin). Without SMTP nothing is sent, and the
 * message says so: the case page then shows each link for the koordinator to pass on.
 */
export const requestAnswers = transactional(async function requestAnswers(
  ctx: Ctx, user: ForbundUser, id: string, partyIds: string[], typed: Record<string, string> = {},
): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  const [settings, names, existing] = await Promise.all([getSettings(ctx, row.forbundId), namesIn(ctx, row.forbundId), repo.listRequests(ctx.db, [row.id])]);
  const contactOf = (partyId: string) => typed[partyId] ?? settings.partyContacts[partyId];
  const problems: string[] = [];
  for (const partyId of partyIds) {
    const name = names.party(partyId);
    if (!name) throw new NotFoundError("Parten finns inte i förbundet.");
    if (!contactOf(partyId)) problems.push(`${name} har ingen kontaktadress för avvikelser – skriv den i fältet för ${name}.`);
    else if (existing.some((q) => q.partyId === partyId && q.answeredOn === null)) problems.push(`${name} har redan en obesvarad begäran i ärendet.`);
  }
  if (problems.length) return refused({ partyIds: problems.join(" ") });
  const savedContacts = Object.fromEntries(Object.entries(typed).filter(([p, e]) => partyIds.includes(p) && settings.partyContacts[p] !== e));
  const mayChangeSettings = atLeast(user.role, "admin");
  if (mayChangeSettings && Object.keys(savedContacts).length) {
    await saveSettings(ctx, user, row.forbundId, { ...settings, partyContacts: { ...settings.partyContacts, ...savedContacts } });
  }
  const date = today(ctx), deadline = answerDeadline(date, settings.answerDays);
  const forbundName = (await organisation.getForbund(ctx, row.forbundId))?.name ?? "Samordningsförbundet";
  for (const partyId of partyIds) {
    const requestId = await repo.newRequestId(ctx.db), token = answerToken(ctx, requestId), name = names.party(partyId)!;
    await repo.insertRequest(ctx.db, { id: requestId, deviationId: row.id, partyId, contactEmail: contactOf(partyId), tokenHash: tokenHash(token), requestedOn: date, deadline });
    await recordEvent(ctx, row.id, actorOf(user), "request", { note: `${name}, svar senast ${deadline}`, visible: true });
    await mailAnswerRequest(ctx, row.forbundId, contactOf(partyId), { forbundName, party: name, caseNumber: row.caseNumber, deadline, token });
  }
  await repo.updateDeviation(ctx.db, row.id, {
    answerDeadline: [row.answerDeadline, deadline].filter(Boolean).sort().at(-1)!,
    ...(row.status === "ny" ? { status: "under_handlaggning" as const } : {}),
  });
  if (row.status === "ny") await recordEvent(ctx, row.id, actorOf(user), "status", { fromStatus: "ny", toStatus: "under_handlaggning", visible: true });
  await tellReporter(ctx, row); // the requests show in the reporter's history: one mail for all of them
  const who = partyIds.map((p) => names.party(p)).join(", ");
  const saved = mayChangeSettings && Object.keys(savedContacts).length ? " Den nya kontaktadressen är sparad i inställningarna." : "";
  if (!outbox.smtpConfigured(ctx)) {
    return { ok: true, message: `Begäran om svar till ${who} är sparad men inte skickad – e-post är inte inställd. Ge parten länken under Svar från parterna. Svar senast ${deadline}.${saved}` };
  }
  return { ok: true, message: `Begäran om svar är skickad till ${who}. Svar senast ${deadline}.${saved}` };
});

/**
 * Without SMTP, the answer links of the case's unanswered requests, for the koordinator to pass on (by
 * request id); empty when mail is sent. A link a reminder replaced is not known any more and is left out.
 */
export function handOutLinks(ctx: Ctx, requests: Pick<repo.RequestRow, "id" | "tokenHash" | "answeredOn">[]): Record<string, string> {
  if (outbox.smtpConfigured(ctx)) return {};
  const links: Record<string, string> = {};
  for (const q of requests) {
    const token = answerToken(ctx, q.id);
    if (q.answeredOn === null && tokenHash(token) === q.tokenHash) links[q.id] = answerUrl(ctx, token);
  }
  return links;
}

/** Approves a party's answer: from now on the reporter sees it through the private link. */
export const approveAnswer = transactional(async function approveAnswer(ctx: Ctx, user: ForbundUser, id: string, requestId: string): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  const q = await repo.findRequest(ctx.db, row.id, requestId);
  if (!q) throw new NotFoundError("Begäran finns inte.");
  if (q.answeredOn === null) return conflict({ _form: "Parten har inte svarat än." });
  if (q.approved) return { ok: true, message: "Svaret var redan godkänt." };
  await repo.updateRequest(ctx.db, q.id, { approved: true });
  const party = (await namesIn(ctx, row.forbundId)).party(q.partyId) ?? "parten";
  await recordEvent(ctx, row.id, actorOf(user), "approved", { note: `Svaret från ${party} visas för den som rapporterade.`, visible: true });
  await tellReporter(ctx, row);
  return { ok: true, message: `Svaret från ${party} är godkänt och visas för den som rapporterade.` };
});

/** Lifts the case to the beredningsgrupp, the styrelse or the party's management, with a note. */
export const lift = transactional(async function lift(ctx: Ctx, user: ForbundUser, id: string, v: { liftedTo: LiftTarget; note: string | null }): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  await repo.updateDeviation(ctx.db, row.id, { liftedTo: v.liftedTo, liftedOn: today(ctx), liftNote: v.note });
  await recordEvent(ctx, row.id, actorOf(user), "lifted", { note: [`Till ${liftLabels[v.liftedTo]}`, v.note].filter(Boolean).join(": ") });
  return { ok: true, message: `${row.caseNumber} är lyft till ${liftLabels[v.liftedTo]}.` };
});

/** Records the effect follow-up of a closed case: its date (3–6 months after closing), whether it worked, and a note. */
export const saveEffect = transactional(async function saveEffect(ctx: Ctx, user: ForbundUser, id: string, v: { effectFollowUpOn: string; effectWorked: "ja" | "nej" | null; effectNote: string | null }): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  // The state of the case refuses it, but the page has always answered 422 here (the form is only shown for a closed case).
  if (row.status !== "avslutad" || !row.closedOn) return refused({ _form: "Effekten följs upp när ärendet är avslutat." });
  if (!effectDateAllowed(row.closedOn, v.effectFollowUpOn)) {
    return refused({ effectFollowUpOn: "Välj ett datum 3–6 månader efter att ärendet avslutades." });
  }
  const worked = v.effectWorked === null ? null : v.effectWorked === "ja";
  await repo.updateDeviation(ctx.db, row.id, { effectFollowUpOn: v.effectFollowUpOn, effectWorked: worked, effectNote: v.effectNote });
  const verdict = worked === null ? `Uppföljning ${v.effectFollowUpOn}` : worked ? "Åtgärden fungerade" : "Åtgärden fungerade inte";
  await recordEvent(ctx, row.id, actorOf(user), "effect", { note: [verdict, v.effectNote].filter(Boolean).join(": ") });
  return { ok: true, message: "Effektuppföljningen är sparad." };
});

/** The handler's own analysis of the case, for the year's analysis work. */
export const saveAnalysisNote = transactional(async function saveAnalysisNote(ctx: Ctx, user: ForbundUser, id: string, analysisNote: string | null): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  await repo.updateDeviation(ctx.db, row.id, { analysisNote });
  await recordEvent(ctx, row.id, actorOf(user), "analysis");
  return { ok: true, message: "Analysen är sparad." };
});

/**
 * The optional public summary, written apart from the report. Only an admin (förbundschef) approves
 * it for the public page; changing the text takes the approval back.
 */
export const saveSummary = transactional(async function saveSummary(ctx: Ctx, user: ForbundUser, id: string, v: { publicSummary: string | null; approve: boolean }): Promise<Handled> {
  const row = await caseInScope(ctx, user, id);
  if (v.approve && !atLeast(user.role, "admin")) return refused({ approve: "Bara en administratör kan godkänna sammanfattningen för publicering." });
  if (v.approve && !v.publicSummary) return refused({ publicSummary: "Skriv sammanfattningen innan den godkänns." });
  // An admin decides with the checkbox; a koordinator's save keeps an approval only when the text is unchanged.
  const approved = v.approve || (!atLeast(user.role, "admin") && row.publicSummaryApproved && row.publicSummary === v.publicSummary);
  await repo.updateDeviation(ctx.db, row.id, { publicSummary: v.publicSummary, publicSummaryApproved: approved });
  await recordEvent(ctx, row.id, actorOf(user), "summary", { note: approved ? "Godkänd för publicering" : "Sparad, inte publicerad" });
  return { ok: true, message: approved ? "Sammanfattningen är godkänd och publicerad." : "Sammanfattningen är sparad men inte publicerad." };
});
