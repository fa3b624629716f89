/**
 * The outbox: without SMTP, mail is written as .eml files to one directory for the whole instance.
 * An admin sees only messages addressed to accounts of their own förbund, so one förbund never reads another's mail.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { Ctx } from "../context.js";
import { NotFoundError } from "../errors.js";
import * as accounts from "../accounts/service.js";

const FILE = /^[0-9A-Za-z-]+\.eml$/;
// Parsing every file on each visit is fine for an outbox that is meant for trying things out; cap it anyway.
const MAX_FILES = 2000;

const dateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });

function recipients(mail: ParsedMail): string[] {
  const to: AddressObject[] = mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : [];
  return to.flatMap((a) => a.value).map((a) => (a.address ?? "").toLowerCase()).filter(Boolean);
}

async function forbundAddresses(ctx: Ctx, forbundId: string): Promise<Set<string>> {
  return new Set((await accounts.listUsers(ctx, forbundId)).map((u) => u.email.toLowerCase()));
}

const belongs = (mail: ParsedMail, addresses: Set<string>) => {
  const to = recipients(mail);
  return to.length > 0 && to.every((a) => addresses.has(a));
};

async function readMail(dir: string, file: string): Promise<ParsedMail | undefined> {
  if (!FILE.test(file)) return undefined;
  const source = await fs.readFile(path.join(dir, file)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" || e.code === "EISDIR") return undefined;
    throw e;
  });
  return source ? simpleParser(source) : undefined;
}

function summary(file: string, mail: ParsedMail) {
  return {
    file,
    date: mail.date ? dateTime.format(mail.date) : "–",
    to: (mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : []).map((a) => a.text).join(", "),
    subject: mail.subject ?? "(utan ämne)",
  };
}

/** Whether this instance keeps an outbox at all (false when mail goes out over SMTP). */
export const hasOutbox = (ctx: Ctx) => !!ctx.mailer.outboxDir;

/** The förbund's messages in the outbox, newest first. */
export async function listMessages(ctx: Ctx, forbundId: string) {
  const dir = ctx.mailer.outboxDir;
  if (!dir) return [];
  const names = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [] as string[];
    throw e;
  });
  // File names start with an ISO time, so name order is time order.
  const files = names.filter((n) => FILE.test(n)).sort().reverse().slice(0, MAX_FILES);
  const addresses = await forbundAddresses(ctx, forbundId);
  const out = [];
  for (const file of files) {
    const mail = await readMail(dir, file);
    if (mail && belongs(mail, addresses)) out.push(summary(file, mail));
  }
  return out;
}

/** One message with its plain-text body; not found unless it is addressed to the förbund's accounts. */
export async function getMessage(ctx: Ctx, forbundId: string, file: string) {
  const dir = ctx.mailer.outboxDir;
  const mail = dir ? await readMail(dir, file) : undefined;
  if (!mail || !belongs(mail, await forbundAddresses(ctx, forbundId))) throw new NotFoundError("Meddelandet finns inte.");
  const from = mail.from?.text ?? "";
  return { ...summary(file, mail), from, text: mail.text ?? "" };
}
