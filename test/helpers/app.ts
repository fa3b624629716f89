/** A complete app on its own database and SMTP server, as a test file needs it. */
import request from "supertest";
import type { ParsedMail } from "mailparser";
import { createApp, type App } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createMailer } from "../../server/mail.js";
import { createLogger, type Logger } from "../../server/log.js";
import type { Ctx } from "../../server/context.js";
import type { Clock } from "../../server/clock.js";
import { openTestDatabase } from "./db.js";
import { deliveredMail, lastMailTo, startMailCatcher, type MailCatcher, type SentMail } from "./mail.js";

export type TestApp = {
  app: App; ctx: Ctx; mail: MailCatcher; close(): Promise<void>;
  /** Delivers the outbox and returns every message the SMTP server has received, oldest first. */
  delivered(): Promise<ParsedMail[]>;
  /** The newest message to an address (over SMTP, or from the outbox when the app has no SMTP). */
  lastMailTo(address: string): Promise<SentMail | undefined>;
};

/**
 * An app on a fresh database; `smtp: false` leaves SMTP_URL unset, so mail stays in the outbox as not sent;
 * `log` replaces the silent logger (a test that reads the log lines).
 */
export async function startTestApp(opts: { env?: Record<string, string>; clock?: Clock; smtp?: boolean; log?: Logger } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const mail = await startMailCatcher();
  const config = loadConfig({ DATA_DIR: "/nonexistent-test-dir", BASE_URL: "http://samspar.test", LOG_LEVEL: "silent", ...(opts.smtp === false ? {} : { SMTP_URL: mail.url }), ...opts.env });
  const clock = opts.clock ?? { now: () => new Date() };
  const mailer = createMailer({ db: database.db, clock, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const log = opts.log ?? createLogger("silent");
  const deps = { config, database, mailer, clock, log, anonymityKey: "test-anonymity-key" };
  const app = createApp({ ...deps, sessionSecret: "test-secret-test-secret-test-secret-0123" });
  const ctx: Ctx = { ...deps, db: database.db };
  return {
    app, ctx, mail,
    delivered: () => deliveredMail(ctx, mail),
    lastMailTo: (address) => lastMailTo(ctx, mail, address),
    close: async () => { await mail.close(); await database.close(); },
  };
}

/** The CSRF token from the hidden field of a page (empty on a page shown without a signed-in session). */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error("sidan har inget CSRF-fält");
  return m[1];
}

/** A supertest agent that is logged in as the given account. */
export async function loginAgent(app: App, email: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get("/login");
  const res = await agent.post("/login").type("form").send({ email, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`inloggningen misslyckades: ${res.status}`);
  return agent;
}

/** Posts a form with a fresh CSRF token taken from `pagePath`. */
export async function postForm(agent: ReturnType<typeof request.agent>, pagePath: string, action: string, fields: Record<string, unknown>) {
  const page = await agent.get(pagePath);
  // The token first, as the page's forms send it (an upload is checked on its first field before the rest is read).
  return agent.post(action).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
}
