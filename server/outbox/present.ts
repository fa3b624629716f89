/** What the Utkorg pages show: Swedish times and a status line per message, never a database row. */
import type { MailRow } from "./repo.js";

const dateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });
const when = (d: Date | null) => (d ? dateTime.format(d) : "–");

export const NOT_CONFIGURED = "Inte skickad – e-post är inte inställd";

/** The state as a person reads it; a queued row on an instance without SMTP will not go out either. */
export function statusText(row: Pick<MailRow, "state" | "attempts" | "lastError" | "sentAt">, smtp: boolean): string {
  switch (row.state) {
    case "sent": return `Skickad ${when(row.sentAt)}`;
    case "failed": return `Kunde inte skickas: ${row.lastError ?? "okänt fel"}`;
    case "unsent": return NOT_CONFIGURED;
    case "queued":
      if (!smtp) return NOT_CONFIGURED;
      return row.lastError ? `I kö – försök ${row.attempts} misslyckades (${row.lastError}), försöker igen` : "I kö";
  }
}

type ListRow = Pick<MailRow, "id" | "recipient" | "subject" | "state" | "attempts" | "lastError" | "createdAt" | "sentAt">;

export function messageSummary(row: ListRow, smtp: boolean) {
  return { id: row.id, created: when(row.createdAt), to: row.recipient, subject: row.subject || "(utan ämne)", status: statusText(row, smtp), failed: row.state === "failed" };
}

export function messageView(row: MailRow, smtp: boolean, resendable: boolean) {
  return { ...messageSummary(row, smtp), attempts: row.attempts, text: row.body, resendable };
}
