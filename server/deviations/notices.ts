/**
 * Every mail the deviation routine sends, from its template in views/emails/deviation-*.ejs. What leaves
 * the server by mail is only ever a case number, a party, a deadline and a link: the case text stays
 * behind a login (staff), the reporter's follow link or a party's answer link.
 *
 * Each message is queued in the outbox in the caller's unit of work: it is sent (by the outbox worker)
 * only if the change that causes it commits, and a failure to write it undoes the change.
 */
import type { Ctx } from "../context.js";
import { renderMail } from "../mail.js";
import { atLeast } from "../accounts/roles.js";
import * as accounts from "../accounts/service.js";
import type { DeviationRow } from "./repo.js";
import { answerUrl, followToken, followUrl, tokenHash } from "./tokens.js";
import { OVERDUE_LIST_DAYS } from "./cases.pure.js";

type CaseRef = Pick<DeviationRow, "id" | "caseNumber" | "areaId">;

const staffUrl = (ctx: Ctx, id: string) => `${ctx.config.baseUrl}/avvikelser/${id}`;
const send = (ctx: Ctx, forbundId: string, to: string, mail: { subject: string; text: string }) => ctx.mailer.send({ forbundId, to, ...mail }, ctx.db);

/** What the case's staff are told: a new case, the reporter's added information, or a party's answer. */
export type StaffNotice = { kind: "new-case" } | { kind: "reporter-info" } | { kind: "party-answered"; party: string } | { kind: "effect-due"; date: string };

/** Tells the kommunområde's koordinatorer and the förbund's admins about a case: its number and a link, nothing more. */
export async function notifyStaff(ctx: Ctx, forbundId: string, c: CaseRef, notice: StaffNotice) {
  const users = await accounts.listUsers(ctx, forbundId);
  const to = users.filter((u) => u.active && (atLeast(u.role, "admin") || (u.role === "koordinator" && !!c.areaId && u.areaIds.includes(c.areaId))));
  const mail = renderMail(`deviation-${notice.kind}`, { ...notice, caseNumber: c.caseNumber, staffUrl: staffUrl(ctx, c.id) });
  for (const u of to) await send(ctx, forbundId, u.email, mail);
}

/** The reporter's receipt: the case number and the private follow link. */
export const mailReceipt = (ctx: Ctx, forbundId: string, to: string, v: { caseNumber: string; followUrl: string }) =>
  send(ctx, forbundId, to, renderMail("deviation-report-receipt", v));

/** A party's request for an answer, with the party's own answer link. */
export const mailAnswerRequest = (ctx: Ctx, forbundId: string, to: string, v: { forbundName: string; party: string; caseNumber: string; deadline: string; token: string }) =>
  send(ctx, forbundId, to, renderMail("deviation-answer-request", { ...v, answerUrl: answerUrl(ctx, v.token) }));

/** A reminder to a party, with a new answer link that replaces the first. */
export const mailAnswerReminder = (ctx: Ctx, forbundId: string, to: string, v: { party: string; caseNumber: string; deadline: string; token: string }) =>
  send(ctx, forbundId, to, renderMail("deviation-answer-reminder", { ...v, answerUrl: answerUrl(ctx, v.token) }));

/** The list of party answers past their deadline, for one admin or koordinator. */
export const mailOverdueAnswers = (ctx: Ctx, forbundId: string, to: string, answers: { caseId: string; caseNumber: string; party: string; deadline: string }[]) =>
  send(ctx, forbundId, to, renderMail("deviation-overdue-answers", {
    answers: answers.map((a) => ({ ...a, staffUrl: staffUrl(ctx, a.caseId) })), everyDays: OVERDUE_LIST_DAYS,
  }));

/**
 * Tells a reporter who gave an address that their case has changed where they can see it (a shared note,
 * a request to a party, an approved answer, a new status or decision): the case number and the follow
 * link, never what changed. The link is derived again from the stored seed; if it no longer matches (the
 * anonymity key was changed), the mail points to the link in the first mail instead of a wrong one.
 */
export async function tellReporter(ctx: Ctx, c: Pick<DeviationRow, "forbundId" | "caseNumber" | "reporterEmail" | "followSeed" | "followTokenHash" | "anonymisedOn">) {
  if (!c.reporterEmail || c.anonymisedOn) return;
  const token = c.followSeed ? followToken(ctx, c.followSeed) : null;
  const url = token && tokenHash(token) === c.followTokenHash ? followUrl(ctx, token) : null;
  await send(ctx, c.forbundId, c.reporterEmail, renderMail("deviation-reporter-update", { caseNumber: c.caseNumber, followUrl: url }));
}
