/**
 * Outgoing mail. `send` only queues: each message becomes a row in mail_outbox (outbox/), written with
 * the caller's database handle so that it commits or rolls back with the caller's work. The worker
 * (outbox/worker.ts) delivers queued rows over SMTP when SMTP_URL is set; without it they stay in the
 * Utkorg as not sent.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import nodemailer from "nodemailer";
import type { Db } from "../models/db.js";
import type { Clock } from "./clock.js";
import { queueMail } from "./outbox/service.js";

/** A message and the förbund that sends it (null: the platform itself); only that förbund's admins see it in the Utkorg. */
export type Message = { forbundId: string | null; to: string; subject: string; text: string };
/** What goes to the SMTP server. */
export type Delivery = { to: string; subject: string; text: string };

export type Mailer = {
  /** Queues the message in the outbox, with `db` when given (the caller's handle or transaction). */
  send(msg: Message, db?: Db): Promise<void>;
  /** Hands one message to the SMTP server; absent when no SMTP server is configured. */
  deliver?: (msg: Delivery) => Promise<void>;
};

export function createMailer(opts: { db: Db; clock: Clock; smtpUrl?: string; from: string }): Mailer {
  // Short timeouts: the worker leases a row for a few minutes, and nodemailer's default socket timeout is ten.
  const transport = opts.smtpUrl
    ? nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
    : undefined;
  return {
    send: (msg, db = opts.db) => queueMail(db, msg, { now: opts.clock.now(), willSend: !!transport }),
    deliver: transport && (async (msg) => void (await transport.sendMail({ from: opts.from, ...msg }))),
  };
}

const emails = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "views", "emails");
const compiled = new Map<string, ejs.TemplateFunction>();

/**
 * A mail's subject and text from its template in views/emails/<name>.ejs: the first line is the subject,
 * then one empty line, then the text (the file's last newline is not part of it). Plain text, so `<%= %>`
 * inserts values as they are: HTML escaping would put `&amp;` into a survey's title.
 */
export function renderMail(name: string, data: Record<string, unknown>): { subject: string; text: string } {
  let template = compiled.get(name);
  if (!template) {
    const filename = path.join(emails, `${name}.ejs`);
    template = ejs.compile(fs.readFileSync(filename, "utf8"), { filename, escape: (v: unknown) => (v == null ? "" : String(v)) });
    compiled.set(name, template);
  }
  const rendered = (template(data) as string).replace(/\n$/, "");
  const [subject, blank, ...text] = rendered.split("\n");
  if (!subject || blank !== "" || !text.length) throw new Error(`views/emails/${name}.ejs: the subject, an empty line, then the text.`);
  return { subject, text: text.join("\n") };
}
