/**
 * The rules of a deviation case that need no database: case numbers, dates and deadlines, status
 * changes. Dates are Swedish calendar dates as "YYYY-MM-DD"; "today" is always passed in.
 */
import { addDays, addMonths } from "../dates.js";

export type Status = "ny" | "under_handlaggning" | "besvarad" | "avslutad" | "avvisad" | "hanvisad";
export type Severity = "allvarlig" | "mindre_allvarlig";
export type Frequency = "forsta_gangen" | "hant_forut" | "aterkommande";
export type LiftTarget = "beredningsgrupp" | "styrelse" | "partens_ledning";

export const statuses: Status[] = ["ny", "under_handlaggning", "besvarad", "avslutad", "avvisad", "hanvisad"];
/** Swedish names of the statuses and of where a case is lifted. */
export const statusLabels: Record<Status, string> = {
  ny: "Ny", under_handlaggning: "Under handläggning", besvarad: "Besvarad", avslutad: "Avslutad", avvisad: "Avvisad", hanvisad: "Hänvisad",
};
export const liftLabels: Record<LiftTarget, string> = {
  beredningsgrupp: "beredningsgruppen", styrelse: "styrelsen", partens_ledning: "partens ledning",
};

/** A case in one of these is finished: it has a closing date and counts towards retention. */
export const closedStatuses: Status[] = ["avslutad", "avvisad", "hanvisad"];

/** "AV-2024-007": per förbund and year, three digits at least. */
export function caseNumber(year: number, seq: number): string {
  return `AV-${year}-${String(seq).padStart(3, "0")}`;
}

export type RequestDates = { requestedOn: string; deadline: string; answeredOn: string | null; remindedOn?: string | null };

/** The answer deadline of a request made today. */
export const answerDeadline = (today: string, answerDays: number) => addDays(today, answerDays);

/** Not answered and the deadline has passed (the deadline day itself is still in time). */
export const isOverdue = (r: RequestDates, today: string) => r.answeredOn === null && r.deadline < today;

/** Answered on or before the deadline. */
export const answeredInTime = (r: RequestDates) => r.answeredOn !== null && r.answeredOn <= r.deadline;

/** An unanswered request gets one reminder, from `reminderDays` before the deadline until the deadline. */
export function reminderDue(r: RequestDates, today: string, reminderDays: number): boolean {
  return r.answeredOn === null && !r.remindedOn && today >= addDays(r.deadline, -reminderDays) && today <= r.deadline;
}

/** Cases lifted to the beredningsgrupp up to two weeks before a meeting are on its list. */
export const LIFT_LEAD_DAYS = 14;
export const onMeetingList = (liftedOn: string, meeting: string) => liftedOn <= addDays(meeting, -LIFT_LEAD_DAYS);

/** The effect of the action is followed up 3–6 months after closing; 3 unless the koordinator chooses otherwise. */
export const defaultEffectFollowUp = (closedOn: string) => addMonths(closedOn, 3);
export function effectDateAllowed(closedOn: string, date: string): boolean {
  return date >= addMonths(closedOn, 3) && date <= addMonths(closedOn, 6);
}

/** A closed case older than the förbund's retention period is anonymised. */
export function retentionDue(c: { status: Status; closedOn: string | null; anonymisedOn: string | null }, today: string, retentionMonths: number): boolean {
  return closedStatuses.includes(c.status) && c.closedOn !== null && c.anonymisedOn === null && c.closedOn <= addMonths(today, -retentionMonths);
}

/**
 * The message for a status change that is not allowed, or undefined. A reason is required for
 * Avvisad and Hänvisad, a decision for Avslutad; a case that is already in the status stays there.
 */
export function statusChangeProblem(from: Status, to: Status, note: string | null): string | undefined {
  if (from === to) return "Ärendet har redan den statusen.";
  if (to === "avvisad" && !note) return "Skriv skälet till att ärendet avvisas (till exempel att det inte gäller samverkan mellan parterna).";
  if (to === "hanvisad" && !note) return "Skriv vart ärendet hänvisas (till exempel lex Sarah, lex Maria eller partens egen rutin).";
  if (to === "avslutad" && !note) return "Skriv beslutet som ärendet avslutas med.";
  return undefined;
}

/** "2024-03" for month 3 of 2024, and whether it is a real month not after today. */
export function occurredMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}
export const monthNotInFuture = (ym: string, today: string) => ym <= today.slice(0, 7);

/** The list of overdue party answers goes to the staff at most once per this many days. */
export const OVERDUE_LIST_DAYS = 7;
/** Whether the förbund's overdue list may go out today, given the day it last went (or null). */
export const overdueListDue = (lastSentOn: string | null, today: string) => lastSentOn === null || lastSentOn <= addDays(today, -OVERDUE_LIST_DAYS);

/** An admin's acceptance of automatic retention holds only for the retention months it was given for. */
export function retentionAccepted(s: { retentionMonths: number; retentionAcceptedAt: Date | null; retentionAcceptedMonths: number | null }): boolean {
  return s.retentionAcceptedAt !== null && s.retentionAcceptedMonths === s.retentionMonths;
}
