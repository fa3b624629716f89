/**
 * Mail in tests. A real SMTP server in the test process keeps what arrives; mail reaches it only when
 * the outbox is delivered (deliverQueuedMail), so tests deliver and then read — no waiting.
 */
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { desc, sql } from "drizzle-orm";
import type { Ctx } from "../../server/context.js";
import { deliverQueuedMail } from "../../server/outbox/worker.js";
import { settled } from "../../server/later.js";
import { mailOutbox } from "../../models/schema.js";

/** `refuse`: addresses the server answers 550 to (lower case), for tests of failed delivery. */
export type MailCatcher = { url: string; messages: ParsedMail[]; refuse: Set<string>; close(): Promise<void> };
/** A message as a test reads it, whether it came over SMTP or from the outbox table. */
export type SentMail = { to: string[]; subject: string; text: string };

export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: ParsedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refuse.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error("Mottagaren finns inte"), { responseCode: 550 }));
    },
    // The message is kept before the server answers 250, so it is here when the sender's call returns.
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => { messages.push(m); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The addresses a parsed message went to, lower case. */
export const recipientsOf = (m: ParsedMail): string[] =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));

/** Delivers everything due in the outbox and returns every message the SMTP server has received, oldest first. */
export async function deliveredMail(ctx: Ctx, catcher: MailCatcher): Promise<ParsedMail[]> {
  await settled(); // mail that a request writes after its answer (server/later.ts) is queued first
  await deliverQueuedMail(ctx, { max: Infinity });
  return catcher.messages;
}

/**
 * The newest message to an address: with SMTP, delivered and read from the SMTP server; without it,
 * read from the outbox table, where the message stays.
 */
export async function lastMailTo(ctx: Ctx, catcher: MailCatcher, address: string): Promise<SentMail | undefined> {
  const wanted = address.toLowerCase();
  await settled();
  if (ctx.mailer.deliver) {
    const m = (await deliveredMail(ctx, catcher)).filter((x) => recipientsOf(x).includes(wanted)).at(-1);
    return m && { to: recipientsOf(m), subject: m.subject ?? "", text: m.text ?? "" };
  }
  const [row] = await ctx.db.select().from(mailOutbox)
    .where(sql`lower(${mailOutbox.recipient}) = ${wanted}`).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return row && { to: [row.recipient.toLowerCase()], subject: row.subject, text: row.body ?? "" };
}
