/**
 * Chasing the parties' answers: reminders to a party whose deadline is near (by a handler's button or
 * the scheduled job), and the list of answers past their deadline that the scheduled job mails to staff.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { atLeast } from "../accounts/roles.js";
import * as accounts from "../accounts/service.js";
import * as repo from "./repo.js";
import { closedStatuses, isOverdue, overdueListDue, reminderDue } from "./cases.pure.js";
import { transactional } from "../unit-of-work.js";
import { getSettings } from "./settings.js";
import { actorOf, namesIn, recordEvent, scopeOf, today, type Actor } from "./cases.js";
import { newToken, tokenHash } from "./tokens.js";
import { mailAnswerReminder, mailOverdueAnswers, notifyStaff } from "./notices.js";

/** What the history and the audit log name as the actor of a scheduled job. */
const SYSTEM_ACTOR: Actor = { actorId: null, actorLabel: "Samspår (automatiskt)" };

/** Sends one reminder per unanswered request whose deadline is near, with a new link that replaces the first. */
export const sendReminders = (ctx: Ctx, user: ForbundUser): Promise<number> => remindParties(ctx, user.forbundId, scopeOf(user), actorOf(user));

/** The scheduled reminders: sendReminders for every case of the förbund, recorded as sent by Samspår. */
export const sendDueReminders = (ctx: Ctx, forbundId: string): Promise<number> => remindParties(ctx, forbundId, null, SYSTEM_ACTOR);

/** The reminders of sendReminders for the cases in `areaIds` (null: all), recorded in each case's history as sent by `actor`. */
const remindParties = transactional(async function remindParties(ctx: Ctx, forbundId: string, areaIds: string[] | null, actor: Actor): Promise<number> {
  const settings = await getSettings(ctx, forbundId);
  const rows = (await repo.listDeviations(ctx.db, forbundId, { areaIds })).filter((r) => !closedStatuses.includes(r.status));
  const requests = await repo.listRequests(ctx.db, rows.map((r) => r.id));
  const names = await namesIn(ctx, forbundId);
  const date = today(ctx);
  let sent = 0;
  for (const q of requests.filter((r) => reminderDue(r, date, settings.reminderDays))) {
    const row = rows.find((r) => r.id === q.deviationId)!;
    const token = newToken(), party = names.party(q.partyId) ?? "parten";
    await repo.updateRequest(ctx.db, q.id, { tokenHash: tokenHash(token), remindedOn: date });
    await mailAnswerReminder(ctx, forbundId, q.contactEmail, { party, caseNumber: row.caseNumber, deadline: q.deadline, token });
    await recordEvent(ctx, row.id, actor, "reminder", { note: party });
    sent++;
  }
  return sent;
});

/**
 * Mails each active admin of the förbund, and each koordinator for the cases of their kommunområden, a
 * list of the party answers whose deadline has passed: case number, party, deadline and a staff link,
 * nothing of the case itself. At most once per OVERDUE_LIST_DAYS; null when nothing was sent.
 */
export const mailOverdueList = transactional(async function mailOverdueList(ctx: Ctx, forbundId: string): Promise<{ overdue: number; recipients: number } | null> {
  const settings = await getSettings(ctx, forbundId);
  const date = today(ctx);
  if (!overdueListDue(settings.overdueListSentOn, date)) return null;
  const rows = (await repo.listDeviations(ctx.db, forbundId)).filter((r) => !closedStatuses.includes(r.status));
  const overdue = (await repo.listRequests(ctx.db, rows.map((r) => r.id))).filter((q) => isOverdue(q, date));
  if (!overdue.length) return null;
  const names = await namesIn(ctx, forbundId);
  const caseOf = new Map(rows.map((r) => [r.id, r]));
  const users = (await accounts.listUsers(ctx, forbundId)).filter((u) => u.active && (atLeast(u.role, "admin") || u.role === "koordinator"));
  let recipients = 0;
  for (const u of users) {
    const mine = overdue.filter((q) => {
      const c = caseOf.get(q.deviationId)!;
      return atLeast(u.role, "admin") || (!!c.areaId && u.areaIds.includes(c.areaId));
    }).sort((a, b) => a.deadline.localeCompare(b.deadline));
    if (!mine.length) continue;
    await mailOverdueAnswers(ctx, forbundId, u.email, mine.map((q) => {
      const c = caseOf.get(q.deviationId)!;
      return { caseId: c.id, caseNumber: c.caseNumber, party: names.party(q.partyId) ?? "okänd part", deadline: q.deadline };
    }));
    recipients++;
  }
  await repo.updateSettings(ctx.db, forbundId, { overdueListSentOn: date });
  return { overdue: overdue.length, recipients };
});

/**
 * The effect follow-up's reminder (the scheduled job): for each closed case whose follow-up date has come
 * and whose effect is not yet recorded, the case's koordinatorer and the admins get its number and a link,
 * once – the case's history says it was sent, and a new follow-up date (saveEffect) starts over.
 */
export const remindEffectFollowUps = transactional(async function remindEffectFollowUps(ctx: Ctx, forbundId: string): Promise<number> {
  const date = today(ctx);
  const due = (await repo.listDeviations(ctx.db, forbundId)).filter((r) =>
    r.status === "avslutad" && !r.anonymisedOn && r.effectFollowUpOn !== null && r.effectFollowUpOn <= date && r.effectWorked === null);
  let sent = 0;
  for (const row of due) {
    const events = await repo.listEvents(ctx.db, row.id);
    const lastEffect = events.filter((e) => e.kind === "effect").at(-1)?.at ?? new Date(0);
    if (events.some((e) => e.kind === "effect_reminder" && e.at >= lastEffect)) continue;
    await notifyStaff(ctx, forbundId, row, { kind: "effect-due", date: row.effectFollowUpOn! });
    await recordEvent(ctx, row.id, SYSTEM_ACTOR, "effect_reminder", { note: `Uppföljning ${row.effectFollowUpOn}` });
    sent++;
  }
  return sent;
});
