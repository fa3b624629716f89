/** zod schemas for the insamling forms and the collections API. Messages are Swedish. */
import { z } from "zod";
import { respondentGroups, type RespondentGroup } from "../../surveys/define.js";
import { MAX_AUTO_REMINDER_DAYS } from "./reminders.pure.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const emptyToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
/** Checkbox values arrive as nothing, one string or several. */
const list = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** YYYY-MM-DD, a real day; empty means no date. */
const day = (label: string) => z.preprocess(emptyToNull, z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `Skriv ${label} som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.`)
  .refine(isCalendarDate, `${label[0].toUpperCase()}${label.slice(1)} finns inte i kalendern.`)
  .nullable());

const name = z.preprocess(text, z.string().trim()
  .min(1, "Skriv ett namn på insamlingen.")
  .max(200, "Namnet får vara högst 200 tecken."));

const year = z.preprocess(text, z.union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().min(1, "Skriv året.").regex(/^\d{4}$/, "Skriv året med fyra siffror, till exempel 2026.").transform(Number))
  .pipe(z.number().min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100.")));

const optionalId = (message: string) => z.preprocess(emptyToNull, z.uuid({ message }).nullable());

const groupKeys = Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]];
const respondentGroup = z.preprocess(emptyToNull, z.enum(groupKeys, { message: "Välj en svarsgrupp i listan." }).nullable());
const languages = z.preprocess(list, z.array(z.string().max(20, "Okänt språk.")).max(20).transform((l) => [...new Set(l)]));
/** A checkbox: "ja" when ticked, absent when not. */
const onePerPage = z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), z.string().optional()).transform((v) => v === "ja");

const datesInOrder = <T extends { opensOn: string | null; closesOn: string | null }>(v: T) =>
  !v.opensOn || !v.closesOn || v.closesOn >= v.opensOn;
const datesMessage = { message: "Slutdatumet kan inte vara före startdatumet.", path: ["closesOn"] };
const datesChecked = (payload: { issues: { path?: PropertyKey[] }[] }) =>
  !payload.issues.some((i) => i.path?.[0] === "opensOn" || i.path?.[0] === "closesOn");

export { idParam } from "../http/fields.js";

/** The new-insamling page. */
/** ?qr=per-sprak on the poster and card: one QR code per offered language instead of one for all. */
export const posterQuery = z.object({ qr: z.enum(["en", "per-sprak"]).catch("en") });
export type PosterQuery = z.output<typeof posterQuery>;

export const collectionForm = z.object({
  questionnaire: z.preprocess(text, z.string().min(1, "Välj en enkät.").max(100)),
  year,
  name,
  interventionId: optionalId("Välj en insats i listan."),
  areaId: optionalId("Välj ett kommunområde i listan."),
  respondentGroup,
  opensOn: day("startdatumet"),
  closesOn: day("slutdatumet"),
  languages,
  onePerPage,
  status: z.enum(["utkast", "oppen"], { message: "Välj om insamlingen ska vara ett utkast eller öppen." }),
}).refine(datesInOrder, { ...datesMessage, when: datesChecked });
export type CollectionFormInput = z.output<typeof collectionForm>;

const retentionMessage = "Skriv antalet dagar som ett heltal från 0 till 365, eller lämna fältet tomt för förbundets standard.";
/**
 * Days after closing until the invitation addresses are deleted: a whole number 0–365; empty means the
 * standard (null); a form without the field (an older page) leaves the stored value as it is.
 */
const retentionDays = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string({ message: retentionMessage }).trim()
  .regex(/^\d{1,3}$/, retentionMessage).transform(Number)
  .pipe(z.number().max(365, retentionMessage))
  .nullable().optional());

const askedMessage = "Skriv hur många som tillfrågades som ett heltal, 0 eller mer, eller lämna fältet tomt om det inte är känt.";
/**
 * How many were asked (the response rate's denominator): a whole number ≥ 0; empty means unknown (null);
 * a form without the field (an older page) leaves the stored value as it is.
 */
const asked = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string({ message: askedMessage }).trim()
  .regex(/^\d{1,7}$/, askedMessage).transform(Number)
  .nullable().optional());

/** Editing name, dates, languages, the number asked and how long invitation addresses are kept, on the insamling's page. */
export const editForm = z.object({
  name,
  opensOn: day("startdatumet"),
  closesOn: day("slutdatumet"),
  languages,
  onePerPage,
  asked,
  invitationRetentionDays: retentionDays,
}).refine(datesInOrder, { ...datesMessage, when: datesChecked });
export type EditInput = z.output<typeof editForm>;

export const statusForm = z.object({
  status: z.enum(["oppen", "stangd"], { message: "Välj om insamlingen ska öppnas eller stängas." }),
});

/** Pasted addresses: one a line, or separated by comma, semicolon or space. */
export const inviteForm = z.object({
  emails: z.preprocess(text, z.string().max(200_000, "Listan är för lång: skicka högst några tusen adresser åt gången.")),
});
export const MAX_INVITATIONS = 2000;

const autoReminderMessage = `Skriv antalet dagar som ett heltal från 1 till ${MAX_AUTO_REMINDER_DAYS}, eller lämna fältet tomt (eller skriv 0) för att inte skicka automatiska påminnelser.`;
/** The automatic reminder on the insamling's page: days after the invitation; empty or 0 turns it off (null). */
export const autoReminderForm = z.object({
  autoReminderDays: z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? "0" : v), z.string({ message: autoReminderMessage }).trim()
    .regex(/^\d{1,3}$/, autoReminderMessage).transform(Number)
    .pipe(z.number().max(MAX_AUTO_REMINDER_DAYS, autoReminderMessage))
    .transform((n) => n || null)),
});

/** Splits a pasted list and checks each address; duplicates (any case) count once. */
export function parseAddresses(input: string): { valid: string[]; invalid: string[] } {
  const parts = input.split(/[\s,;]+/).map((s) => s.trim().replace(/^<(.*)>$/, "$1")).filter(Boolean);
  const valid: string[] = [], invalid: string[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    const r = z.email().safeParse(p);
    if (!r.success) { if (!invalid.includes(p)) invalid.push(p); continue; }
    const key = p.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    valid.push(key);
  }
  return { valid, invalid };
}

// ---------- API ----------

const apiAskedMessage = "ska vara ett heltal 0 eller mer (hur många som tillfrågades), eller null om det inte är känt";

const apiDay = z.union([z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "ska vara ett datum ÅÅÅÅ-MM-DD").refine(isCalendarDate, "finns inte i kalendern")]);

export const apiCreate = z.object({
  questionnaire: z.string({ message: "ska vara en enkäts id" }).min(1, "ska vara en enkäts id"),
  year: z.number({ message: "ska vara ett årtal" }).int("ska vara ett heltal").min(1990, "kan inte vara före 1990").max(2100, "kan inte vara efter 2100"),
  name: z.string({ message: "ska vara en text" }).trim().min(1, "får inte vara tomt").max(200, "får vara högst 200 tecken"),
  interventionId: z.uuid({ message: "ska vara en insats id" }).nullish(),
  areaId: z.uuid({ message: "ska vara ett kommunområdes id" }).nullish(),
  respondentGroup: z.enum(groupKeys, { message: `ska vara en av ${groupKeys.join(", ")}` }).nullish(),
  opensAt: apiDay.optional(),
  closesAt: apiDay.optional(),
  languages: z.array(z.string().max(20), { message: "ska vara en lista med språkkoder" }).max(20).optional(),
  onePerPage: z.boolean({ message: "ska vara true eller false" }).optional(),
  asked: z.number({ message: apiAskedMessage }).int(apiAskedMessage).min(0, apiAskedMessage).max(9_999_999, apiAskedMessage).nullish(),
}, { error: "ska vara ett JSON-objekt" }).strict().refine((v) => !v.opensAt || !v.closesAt || v.closesAt >= v.opensAt, { message: "kan inte vara före opensAt", path: ["closesAt"] });

const apiRetentionMessage = "ska vara ett heltal 0–365 (dagar efter stängning), eller null för förbundets standard";

export const apiPatch = z.object({
  status: z.enum(["oppen", "stangd"], { message: "ska vara oppen eller stangd (ett utkast kan inte återskapas)" }).optional(),
  opensAt: apiDay.optional(),
  closesAt: apiDay.optional(),
  invitationRetentionDays: z.number({ message: apiRetentionMessage }).int(apiRetentionMessage).min(0, apiRetentionMessage).max(365, apiRetentionMessage).nullable().optional(),
  onePerPage: z.boolean({ message: "ska vara true eller false" }).optional(),
  asked: z.number({ message: apiAskedMessage }).int(apiAskedMessage).min(0, apiAskedMessage).max(9_999_999, apiAskedMessage).nullable().optional(),
}, { error: "ska vara ett JSON-objekt" }).strict();

/** zod issues as the API's 422 lists them: the field and a message. */
