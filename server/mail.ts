/** Outgoing mail: SMTP when SMTP_URL is set, otherwise .eml files in DATA_DIR/outbox. */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer from "nodemailer";

export type Message = { to: string; subject: string; text: string };
export type Mailer = { send(msg: Message): Promise<void>; outboxDir?: string };

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return { send: async (msg) => void (await transport.sendMail({ from: opts.from, ...msg })) };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    outboxDir: opts.outboxDir,
    async send(msg) {
      const info = await transport.sendMail({ from: opts.from, ...msg });
      await fs.mkdir(opts.outboxDir, { recursive: true });
      // Sortable by time, unique by suffix; the file name reveals nothing of the content.
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      await fs.writeFile(path.join(opts.outboxDir, name), info.message as Buffer);
    },
  };
}
