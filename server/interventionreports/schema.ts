/**
 * zod schemas for the insatsrapport form and API. Messages are Swedish. The form's fields are named
 * like the API's paths (participants.women, finished.arbete.men, answers.hinder …), so a message
 * lands beside the same field whichever way the report came in. Every free text goes through the
 * personal-data guard: a report describes the insats, never a participant.
 */
import { z } from "zod";
import { piiMessage } from "../privacy/pii.js";
import { genderLabels, genders, reportQuestionKeys, type GenderSplit, type ReportCounts, type ReportQuestion } from "./outcomes.pure.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A query parameter given twice arrives as an array: the last one counts. */
const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

const MAX_COUNT = 1_000_000;
const MAX_ANSWER = 5000;

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** What the service saves, from the form or the API. */
export type ReportInput = {
  interventionId: string;
  areaId: string | null;
  periodStart: string;
  periodEnd: string;
  counts: ReportCounts;
  answers: Partial<Record<ReportQuestion, string>>;
};

/** The measures of a report, with their Swedish names; each is split women / men / other. */
export const measures = [
  { key: "participants", label: "Deltagare under perioden" },
  { key: "newParticipants", label: "Nya deltagare under perioden" },
  { key: "finished.arbete", label: "Avslutade till arbete (med eller utan lönebidrag)" },
  { key: "finished.studier", label: "Avslutade till studier" },
  { key: "finished.annat", label: "Avslutade av annat skäl" },
  { key: "efterstod", label: "Personer i strukturerat efterstöd" },
] as const;
export type MeasureKey = (typeof measures)[number]["key"];

/** Every count field of the form: participants.women … efterstod.other. */
export const countFields = measures.flatMap((m) => genders.map((g) => ({ name: `${m.key}.${g}`, measure: m.label, gender: genderLabels[g] })));

type Period = { periodStart: string; periodEnd: string };
/** The period's checks run whenever both dates are valid, even when other fields have failed (nothing is reported twice, nothing lost). */
const datesValid = (payload: { issues: { path?: PropertyKey[] }[] }) =>
  !payload.issues.some((i) => i.path?.[0] === "periodStart" || i.path?.[0] === "periodEnd");
const inOrder = (v: unknown) => (v as Period).periodEnd >= (v as Period).periodStart;
const sameYear = (v: unknown) => !inOrder(v) || (v as Period).periodStart.slice(0, 4) === (v as Period).periodEnd.slice(0, 4);

function noPii(s: string, ctx: z.RefinementCtx) {
  const message = piiMessage(s);
  if (message) ctx.addIssue({ code: "custom", message });
}

// ——— The form ———

const formCount = (label: string) => z.preprocess((v) => String(text(v)).replace(/\s/g, "") || "0",
  z.string().regex(/^\d+$/, `${label}: skriv ett heltal som är 0 eller större.`).transform(Number)
    .pipe(z.number().max(MAX_COUNT, `${label}: talet är orimligt stort.`)));

const formDate = (label: string) => z.preprocess(text, z.string().trim()
  .min(1, `Skriv ${label}.`)
  .regex(/^\d{4}-\d{2}-\d{2}$/, `Skriv ${label} som ÅÅÅÅ-MM-DD, till exempel 2024-01-01.`)
  .refine(isCalendarDate, `${label[0].toUpperCase()}${label.slice(1)} finns inte i kalendern.`)
  .refine((s) => s >= "1990-01-01" && s <= "2100-12-31", "Datumet måste ligga mellan 1990 och 2100."));

const formShape: Record<string, z.ZodType> = {
  interventionId: z.preprocess(text, z.string().trim().min(1, "Välj insats.").pipe(z.uuid("Välj en insats i listan."))),
  areaId: z.preprocess(blankToNull, z.uuid("Välj ett kommunområde i listan.").nullable()),
  periodStart: formDate("periodens första dag"),
  periodEnd: formDate("periodens sista dag"),
};
for (const f of countFields) formShape[f.name] = formCount(`${f.measure}, ${f.gender.toLowerCase()}`);
for (const q of reportQuestionKeys) {
  formShape[`answers.${q}`] = z.preprocess(text, z.string().trim().max(MAX_ANSWER, `Svaret får vara högst ${MAX_ANSWER} tecken.`).superRefine(noPii));
}

const periodMessages = {
  order: "Periodens sista dag kan inte vara före den första.",
  year: "Perioden ska ligga inom ett och samma kalenderår (helår eller delår).",
};

const split = (v: Record<string, unknown>, key: string): GenderSplit =>
  ({ women: v[`${key}.women`] as number, men: v[`${key}.men`] as number, other: v[`${key}.other`] as number });

/** The report page. */
export const reportForm = z.looseObject(formShape)
  .refine(inOrder, { path: ["periodEnd"], message: periodMessages.order, when: datesValid })
  .refine(sameYear, { path: ["periodEnd"], message: periodMessages.year, when: datesValid })
  .transform((v): ReportInput => ({
    interventionId: v.interventionId as string,
    areaId: v.areaId as string | null,
    periodStart: v.periodStart as string,
    periodEnd: v.periodEnd as string,
    counts: {
      participants: split(v, "participants"), newParticipants: split(v, "newParticipants"),
      finished: { arbete: split(v, "finished.arbete"), studier: split(v, "finished.studier"), annat: split(v, "finished.annat") },
      efterstod: split(v, "efterstod"),
    },
    answers: Object.fromEntries(reportQuestionKeys.map((q) => [q, v[`answers.${q}`] as string]).filter(([, a]) => a)),
  }));

// ——— The API ———

const apiCount = z.number({ message: "ska vara ett heltal" }).int("ska vara ett heltal").min(0, "kan inte vara negativt").max(MAX_COUNT, "är orimligt stort");
const apiSplit = z.object({ women: apiCount.default(0), men: apiCount.default(0), other: apiCount.default(0) },
  { error: "ska vara ett objekt {women, men, other}" }).strict();
const zero = { women: 0, men: 0, other: 0 };
const apiDate = z.string({ message: "ska vara ett datum ÅÅÅÅ-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "ska vara ett datum ÅÅÅÅ-MM-DD")
  .refine(isCalendarDate, "datumet finns inte i kalendern")
  .refine((s) => s >= "1990-01-01" && s <= "2100-12-31", "datumet måste ligga mellan 1990 och 2100");

const answersShape = Object.fromEntries(reportQuestionKeys.map((q) => [q,
  z.string({ message: "ska vara en text" }).trim().max(MAX_ANSWER, `får vara högst ${MAX_ANSWER} tecken`).superRefine(noPii).optional()]));

/** POST /api/v1/intervention-reports. */
export const apiReport = z.object({
  interventionId: z.uuid({ message: "ska vara en insats id" }),
  areaId: z.uuid({ message: "ska vara ett kommunområdes id" }).nullish(),
  periodStart: apiDate,
  periodEnd: apiDate,
  participants: apiSplit,
  newParticipants: apiSplit.default(zero),
  finished: z.object({ arbete: apiSplit.default(zero), studier: apiSplit.default(zero), annat: apiSplit.default(zero) },
    { error: "ska vara ett objekt {arbete, studier, annat}" }).strict().default({ arbete: zero, studier: zero, annat: zero }),
  efterstod: apiSplit.default(zero),
  answers: z.object(answersShape, { error: `ska vara ett objekt med svar på frågorna ${reportQuestionKeys.join(", ")}` }).strict().default({}),
}, { error: "ska vara ett JSON-objekt" }).strict()
  .refine(inOrder, { path: ["periodEnd"], message: "kan inte vara före periodStart", when: datesValid })
  .refine(sameYear, { path: ["periodEnd"], message: "perioden ska ligga inom ett kalenderår", when: datesValid })
  .transform((v): ReportInput => ({
    interventionId: v.interventionId, areaId: v.areaId ?? null, periodStart: v.periodStart, periodEnd: v.periodEnd,
    counts: { participants: v.participants, newParticipants: v.newParticipants, finished: v.finished, efterstod: v.efterstod },
    answers: Object.fromEntries(Object.entries(v.answers).filter(([, a]) => a)) as ReportInput["answers"],
  }));

export { idParam } from "../http/fields.js";

const yearValue = (invalid: string) => z.preprocess((v) => blankToUndefined(last(v)),
  z.coerce.number({ message: invalid }).int(invalid).min(1990, invalid).max(2100, invalid).optional());
/** ?year= on the pages: a bad value falls back to this year. */
export const yearQuery = z.object({ year: yearValue("Välj ett år.").catch(undefined) });
/** ?year= on the API: a bad value is a 422. */
export const apiYearQuery = z.object({ year: yearValue("year ska vara ett årtal, till exempel 2024.") });
/** ?insats= on the new-report page. */
export const newQuery = z.object({ insats: z.preprocess((v) => blankToUndefined(last(v)), z.uuid().optional()).catch(undefined) });

