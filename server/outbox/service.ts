/**
 * The outbox: every outgoing message is a row that belongs to the förbund that sent it (null: the
 * platform). An admin sees only their own förbund's rows, a superadmin the platform's; the bodies hold
 * private links, so they are emptied once a message is done with and the rows deleted later still.
 */
import type { Db } from "../../models/db.js";
import type { Ctx } from "../context.js";
import type { Message } from "../mail.js";
import { ConflictError, NotFoundError } from "../errors.js";
import * as repo from "./repo.js";

/** Days a message's body is kept after it was sent (or, if never sent, after it was written). */
export const BODY_RETENTION_DAYS = 30;
/** Days a finished message is kept at all (recipient, subject, state). */
export const ROW_RETENTION_DAYS = 90;
export const PAGE_SIZE = 50;

/** Whose outbox: a förbund's id, or null for the platform's own mail. */
export type Scope = string | null;

/** Queues one message; without an SMTP server it is stored as not sent, for the Utkorg. */
export async function queueMail(db: Db, msg: Message, o: { now: Date; willSend: boolean }) {
  await repo.insertMail(db, {
    forbundId: msg.forbundId, recipient: msg.to, subject: msg.subject, body: msg.text,
    state: o.willSend ? "queued" : "unsent", createdAt: o.now,
  });
}

/** Whether mail leaves this instance at all. */
export const smtpConfigured = (ctx: Ctx) => !!ctx.mailer.deliver;

/** One page of the scope's messages, newest first (page numbers from 1; past the end gives the last page). */
export async function listPage(ctx: Ctx, scope: Scope, page: number) {
  const total = await repo.countMail(ctx.db, scope);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await repo.listMail(ctx.db, scope, PAGE_SIZE, (current - 1) * PAGE_SIZE);
  return { rows, page: current, pages, total };
}

/** One message with its body; not found outside the scope. */
export async function getMessage(ctx: Ctx, scope: Scope, id: string) {
  const row = await repo.findMail(ctx.db, scope, id);
  if (!row) throw new NotFoundError("Meddelandet finns inte.");
  return row;
}

/** Whether "Skicka igen" makes sense for a message: it did not go out, its body is still kept, and SMTP is set. */
export const mayResend = (ctx: Ctx, row: Pick<repo.MailRow, "state" | "body">) =>
  smtpConfigured(ctx) && (row.state === "failed" || row.state === "unsent") && row.body !== null;

/** Puts a failed (or never sent) message back in the queue, to be tried again from the first attempt. */
export async function resend(ctx: Ctx, scope: Scope, id: string) {
  const row = await getMessage(ctx, scope, id);
  if (!smtpConfigured(ctx)) throw new ConflictError("E-post är inte inställd (SMTP_URL saknas), så meddelandet kan inte skickas.");
  if (!mayResend(ctx, row) || !(await repo.requeue(ctx.db, scope, id))) {
    throw new ConflictError("Meddelandet kan inte skickas igen: det är redan skickat eller i kö, eller så är innehållet raderat.");
  }
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * Retention: empties the bodies of messages sent more than BODY_RETENTION_DAYS ago (failed or never
 * sent: written that long ago), and deletes finished messages older than ROW_RETENTION_DAYS. Queued
 * messages are left alone. Run by the hourly housekeeping in main.ts.
 */
export async function purgeMail(ctx: Ctx): Promise<{ bodies: number; rows: number }> {
  const now = ctx.clock.now();
  const bodyCutoff = daysBefore(now, BODY_RETENTION_DAYS);
  const bodies = await repo.clearBodies(ctx.db, bodyCutoff, bodyCutoff);
  const rows = await repo.deleteOld(ctx.db, daysBefore(now, ROW_RETENTION_DAYS));
  return { bodies, rows };
}
