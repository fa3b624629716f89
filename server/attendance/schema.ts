/**
 * zod schemas for the närvaro form and API. Messages are Swedish. The form sends one radio group per
 * party, named attendance.<partyId>; the API sends {"attendance":{"<partyId>":"ordinarie"|…}}. Both
 * end as MeetingInput; which parties the grupp has is checked by the service.
 */
import { z } from "zod";
import { piiMessage } from "../privacy/pii.js";
import { attendanceStatuses, type AttendanceStatus } from "./attendance.pure.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A query parameter given twice arrives as an array: the last one counts. */
const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** What the service saves, from the form or the API. */
export type MeetingInput = {
  groupId: string;
  date: string;
  attendance: Record<string, AttendanceStatus>;
  note: string;
};

const date = z.preprocess(text, z.string().trim()
  .min(1, "Skriv mötets datum.")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-14.")
  .refine(isCalendarDate, "Datumet finns inte i kalendern.")
  .refine((s) => s >= "1990-01-01" && s <= "2100-12-31", "Datumet måste ligga mellan 1990 och 2100."));

const note = z.preprocess(text, z.string().trim().max(500, "Anteckningen får vara högst 500 tecken.").superRefine((s, ctx) => {
  const message = piiMessage(s);
  if (message) ctx.addIssue({ code: "custom", message });
}));

/** The meeting form: grupp, date, note, and attendance.<partyId> per party (read by attendanceFromForm). */
export const meetingForm = z.looseObject({
  groupId: z.preprocess(text, z.string().trim().min(1, "Välj grupp.").pipe(z.uuid("Välj en grupp i listan."))),
  date,
  note,
});

/** The radio groups of the form, as the service wants them; a value that is not a status is left out (and then reported as missing). */
export function attendanceFromForm(body: Record<string, unknown>): Record<string, AttendanceStatus> {
  const out: Record<string, AttendanceStatus> = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^attendance\.(.+)$/.exec(key);
    const v = last(value);
    if (m && typeof v === "string" && (attendanceStatuses as readonly string[]).includes(v)) out[m[1]] = v as AttendanceStatus;
  }
  return out;
}

/** POST /api/v1/attendance. */
export const apiMeeting = z.object({
  groupId: z.uuid({ message: "ska vara en grupps id" }),
  date: z.string({ message: "ska vara ett datum ÅÅÅÅ-MM-DD" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "ska vara ett datum ÅÅÅÅ-MM-DD")
    .refine(isCalendarDate, "datumet finns inte i kalendern")
    .refine((s) => s >= "1990-01-01" && s <= "2100-12-31", "datumet måste ligga mellan 1990 och 2100"),
  attendance: z.record(z.string(), z.enum(attendanceStatuses, { message: 'ska vara "ordinarie", "ersattare" eller "franvarande"' }),
    { message: "ska vara ett objekt {\"<partyId>\": \"ordinarie\" | \"ersattare\" | \"franvarande\"}" }),
  note: z.string({ message: "ska vara en text" }).trim().max(500, "får vara högst 500 tecken").superRefine((s, ctx) => {
    const message = piiMessage(s);
    if (message) ctx.addIssue({ code: "custom", message });
  }).nullish().transform((s) => s ?? ""),
}, { error: "ska vara ett JSON-objekt" }).strict();

export { idParam } from "../http/fields.js";

const yearValue = (invalid: string) => z.preprocess((v) => blankToUndefined(last(v)),
  z.coerce.number({ message: invalid }).int(invalid).min(1990, invalid).max(2100, invalid).optional());

/** ?year= on the pages: a bad value falls back to this year. */
export const yearQuery = z.object({ year: yearValue("Välj ett år.").catch(undefined) });
/** ?year= on the API: a bad value is a 422. */
export const apiYearQuery = z.object({ year: yearValue("year ska vara ett årtal, till exempel 2024.") });
/** ?grupp= on the new-meeting page. */
export const newQuery = z.object({ grupp: z.preprocess((v) => blankToUndefined(last(v)), z.uuid().optional()).catch(undefined) });

