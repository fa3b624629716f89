/** Outgoing mail: one row per message, queued by the feature that sends it and delivered by the mail worker. */
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund } from "./organisation.js";

/**
 * queued: waiting for (another) attempt; sent: accepted by the SMTP server; failed: given up, with the
 * reason; unsent: queued while no SMTP server was configured, kept for the Utkorg and never sent by itself
 * (so switching SMTP on later does not send a backlog of stale links).
 */
export const mailState = pgEnum("mail_state", ["queued", "sent", "failed", "unsent"]);

export const mailOutbox = pgTable("mail_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  // The förbund that sent the message; null for the platform's own mail. Only that förbund's admins see the row.
  forbundId: uuid("forbund_id").references(() => forbund.id, { onDelete: "cascade" }),
  recipient: text("recipient").notNull(),
  subject: text("subject").notNull(),
  // Holds private links (invitations, password resets, answer links); emptied after the retention period.
  body: text("body"),
  state: mailState("state").notNull().default("queued"),
  attempts: integer("attempts").notNull().default(0),
  // null: due at once; otherwise not before this time (the backoff after a failure, or a worker's lease).
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
  lastError: text("last_error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
}, (t) => [
  index("mail_outbox_forbund_created").on(t.forbundId, t.createdAt),
  index("mail_outbox_queued").on(t.createdAt).where(sql`${t.state} = 'queued'`),
]);

export type MailRow = typeof mailOutbox.$inferSelect;
