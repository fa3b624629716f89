/**
 * The mail worker: takes due rows from the outbox and hands them to the SMTP server, with retries.
 * `deliverQueuedMail` runs one pass (tests call it); `startMailWorker` runs it on an interval in the
 * server process (main.ts). Several processes may run it against one PostgreSQL database: rows are
 * claimed with `for update skip locked` and a lease (repo.claimDue), so each is sent by one of them.
 */
import type { Ctx } from "../context.js";
import type { Delivery } from "../mail.js";
import * as repo from "./repo.js";

// The timing is config.mailWorker (MAIL_POLL_SECONDS, MAIL_RETRY_SECONDS, MAIL_LEASE_SECONDS): by default a
// pass every 5 s, waits of 1, 5, 30 and 120 minutes after the 1st to 4th failed attempt (the 5th failure
// is final), and a lease of 5 minutes, longer than one SMTP conversation can take with the mailer's timeouts.

export type Outcome = "sent" | "retrying" | "failed";
export type Delivered = Record<Outcome, number>;

type SmtpError = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

/** A refused recipient (5xx to RCPT TO) will not be accepted later either; anything else may pass on a later try. */
const permanent = (e: SmtpError) => e.code === "EENVELOPE" && typeof e.responseCode === "number" && e.responseCode >= 500;

const UNREACHABLE = ["ESOCKET", "ECONNECTION", "ETIMEDOUT", "EDNS", "EGREETING"];

/** The reason shown in the Utkorg. It may name the recipient, so it is stored for the admin but never logged. */
function reason(err: unknown): string {
  const e = (err ?? {}) as SmtpError;
  const text = e.responseCode ? `SMTP-servern svarade: ${String(e.response ?? e.responseCode)}`
    : UNREACHABLE.includes(String(e.code)) ? `SMTP-servern gick inte att nå (${String(e.message)})`
      : `${String(e.code ?? "Fel")}: ${String(e.message ?? err)}`;
  return text.slice(0, 500);
}
/** What the log may say about a failure: a code, no address and no content. */
const logCode = (err: unknown) => String((err as SmtpError)?.responseCode ?? (err as SmtpError)?.code ?? "okänt fel");

const waitText = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

async function attempt(ctx: Ctx, deliver: (m: Delivery) => Promise<void>, row: repo.MailRow): Promise<Outcome> {
  try {
    if (row.body === null) throw Object.assign(new Error("Innehållet är raderat."), { code: "RADERAT" });
    await deliver({ to: row.recipient, subject: row.subject, text: row.body });
  } catch (err) {
    const wait = ctx.config.mailWorker.retryMs[row.attempts - 1];
    if (wait === undefined || permanent(err as SmtpError) || row.body === null) {
      await repo.markFailed(ctx.db, row.id, reason(err));
      ctx.log.error(`E-post: ett meddelande kunde inte skickas efter ${row.attempts} försök och ges upp (${logCode(err)}).`);
      return "failed";
    }
    await repo.markRetry(ctx.db, row.id, new Date(ctx.clock.now().getTime() + wait), reason(err));
    ctx.log.error(`E-post: ett meddelande kunde inte skickas (${logCode(err)}); nytt försök om ${waitText(wait)}.`);
    return "retrying";
  }
  await repo.markSent(ctx.db, row.id, ctx.clock.now());
  return "sent";
}

/**
 * Sends the due messages, oldest first, at most `max` of them; without SMTP it does nothing. Rows are
 * claimed one at a time, so a stop (`stopped()` true) waits for at most one SMTP conversation.
 */
export async function deliverQueuedMail(ctx: Ctx, opts: { max?: number; stopped?: () => boolean } = {}): Promise<Delivered> {
  const done: Delivered = { sent: 0, retrying: 0, failed: 0 };
  const deliver = ctx.mailer.deliver;
  if (!deliver) return done;
  for (let n = 0; n < (opts.max ?? 200) && !opts.stopped?.(); n++) {
    const now = ctx.clock.now();
    const [row] = await repo.claimDue(ctx.db, now, new Date(now.getTime() + ctx.config.mailWorker.leaseMs), 1);
    if (!row) break;
    done[await attempt(ctx, deliver, row)]++;
  }
  return done;
}

/** Runs deliverQueuedMail now and every `intervalMs`, one pass at a time; `stop` ends the pass after its current message. */
export function startMailWorker(ctx: Ctx, intervalMs = ctx.config.mailWorker.pollMs): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverQueuedMail(ctx, { stopped: () => stopped })
      .then((d) => { if (d.sent || d.failed) ctx.log.info(`E-post: ${d.sent} skickade, ${d.failed} gick inte att skicka.`); })
      .catch((err) => ctx.log.error(`E-post: utskicket avbröts (${logCode(err)}).`))
      .finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
