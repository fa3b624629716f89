/**
 * When an insamling's automatic reminder is due for one invitation. One automatic reminder per invitation:
 * `days` after the invitation, or `days` after a reminder sent by hand before then; a reminder sent by hand
 * on or after that day counts as the reminder. Answered invitations and deleted addresses get none (the
 * repo leaves them out); the held-answer marks are not read, as for the button (answering/held.ts).
 */
import { addDays } from "../dates.js";

export type ReminderDates = { sentOn: string | null; remindedOn: string | null };

export const MAX_AUTO_REMINDER_DAYS = 90;

export function autoReminderDue(inv: ReminderDates, today: string, days: number): boolean {
  if (days < 1 || !inv.sentOn) return false;
  const due = addDays(inv.sentOn, days);
  if (today < due) return false;
  if (!inv.remindedOn) return true;
  return inv.remindedOn < due && addDays(inv.remindedOn, days) <= today;
}
