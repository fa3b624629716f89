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

/** A request to the API with an API key, as an integration sends it. */
export const apiRequest = (app: App, method: "get" | "put" | "post" | "patch" | "delete", path: string, key: string) =>
  request(app)[method](path).set("Authorization", `Bearer ${key}`);

/** The standard questionnaire most respondent tests open. */
export const PAGAENDE = "indikator-deltagare-pagaende";

/** A new insamling through the API, as a koordinator's integration makes one: its id and public slug. */
export async function openCollectionByApi(app: App, key: string, v: { areaId: string; questionnaire?: string; name?: string; languages?: string[] }) {
  const questionnaire = v.questionnaire ?? PAGAENDE;
  const r = await apiRequest(app, "post", "/api/v1/collections", key)
    .send({ questionnaire, year: 2026, name: v.name ?? `Insamling ${questionnaire}`, areaId: v.areaId, languages: v.languages });
  if (r.status !== 201) throw new Error(`insamlingen skapades inte: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; slug: string };
}

// ——— The respondent pages' form, as a browser without JavaScript sends it ———

/** The hidden fields of a rendered page's forms, as the browser would send them. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}
/** The action of the page's answer form. */
export const answerFormAction = (html: string) => /<form method="post" action="([^"]+)" class="answer-form"/.exec(html)?.[1];
/** Sends the page's answer form with these answers (and its hidden fields). */
export const sendAnswers = (agent: ReturnType<typeof request.agent>, page: string, fields: Record<string, unknown>) =>
  agent.post(answerFormAction(page)!).type("form").send({ ...hiddenFields(page), ...fields });
