/**
 * zod schemas for the insatsrapport form and API. Messages are Swedish. The form's fields are named
 * like the API's paths (participants.women, finished.arbete.men, answers.hinder …), so a message
 * lands beside the same field whichever way the report came in. Every free text goes through the
 * personal-data guard: a report describes the insats, never a participant.
 */
import { z } from "zod";
import { piiMessage } from "../privacy/pii.js";
import {
  ageBands, ageLabel, genderLabels, genders, reasonLabels, reasons, referrerLabels, referrers, reportQuestionKeys,
  type AgeBand, type GenderSplit, type Reason, type ReportCounts, type ReportQuestion, type Referrer,
} from "./outcomes.pure.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A query parameter given twice arrives as an array: the last one counts. */
const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

const MAX_COUNT = 1_000_000;
const MAX_ANSWER = 5000;
const MAX_MONTHS = 600;

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

/** The measures of a report, with their Swedish names and the form's group; each is split women / men / other. */
export const measures = [
  { key: "participants", label: "Deltagare under perioden", group: "deltagare" },
  { key: "newParticipants", label: "Nya deltagare under perioden", group: "deltagare" },
  { key: "finishedTotal", label: "Avslutade under perioden", group: "deltagare" },
  ...reasons.map((r) => ({ key: `finished.${r}`, label: `Avslutade till ${reasonLabels[r].toLowerCase()}`.replace("till egen begäran", "på egen begäran")
    .replace("till sjukdom", "på grund av sjukdom").replace("till åter till remittent", "åter till remittent").replace("till annat skäl", "av annat skäl"), group: "orsak" })),
  ...ageBands.map((b) => ({ key: `ages.${b}`, label: `Deltagare ${ageLabel(b)}`, group: "alder" })),
  { key: "efterstod", label: "Personer i strukturerat efterstöd", group: "efterstod" },
] as const satisfies readonly { key: string; label: string; group: string }[];
export type MeasureKey = (typeof measures)[number]["key"];
export const measureGroups = {
  deltagare: "Deltagare",
  orsak: "Avslutade per orsak",
  alder: "Deltagare per åldersgrupp (frivilligt; fyller ni i dem ska de summera till deltagarna)",
  efterstod: "Efterstöd",
} as const;

/** Every count field of the form: participants.women … efterstod.other. */
export const countFields = measures.flatMap((m) => genders.map((g) => ({ name: `${m.key}.${g}`, measure: m.label, gender: genderLabels[g] })));
/** The counts that are not split by gender: referrals per remitting party and återremisser. */
export const plainCountFields = [
  ...referrers.map((r) => ({ name: `referrals.${r}`, label: `Remisser från ${referrerLabels[r].toLowerCase()}` })),
  { name: "aterremisser", label: "Återremisser" },
];

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
/** Avslutade i alla: blank means "the reasons added up" (null here). */
const formOptionalCount = (label: string) => z.preprocess((v) => String(text(v)).replace(/\s/g, "") || null,
  z.string().regex(/^\d+$/, `${label}: skriv ett heltal som är 0 eller större, eller lämna tomt.`).transform(Number)
    .pipe(z.number().max(MAX_COUNT, `${label}: talet är orimligt stort.`)).nullable());
/** Months with a decimal comma or point ("5,4"); blank = not known. */
const formMonths = z.preprocess((v) => String(text(v)).replace(/\s/g, "").replace(",", ".") || null,
  z.string().regex(/^\d+(\.\d+)?$/, "Genomsnittlig tid i insatsen: skriv antal månader, till exempel 5,4, eller lämna tomt.").transform(Number)
    .pipe(z.number().max(MAX_MONTHS, `Genomsnittlig tid i insatsen: högst ${MAX_MONTHS} månader.`)).nullable());
for (const f of countFields) {
  formShape[f.name] = f.name.startsWith("finishedTotal.") ? formOptionalCount(`${f.measure}, ${f.gender.toLowerCase()}`) : formCount(`${f.measure}, ${f.gender.toLowerCase()}`);
}
for (const f of plainCountFields) formShape[f.name] = formCount(f.label);
formShape.averageMonths = formMonths;
for (const q of reportQuestionKeys) {
  formShape[`answers.${q}`] = z.preprocess(text, z.string().trim().max(MAX_ANSWER, `Svaret får vara högst ${MAX_ANSWER} tecken.`).superRefine(noPii));
}

const periodMessages = {
  order: "Periodens sista dag kan inte vara före den första.",
  year: "Perioden ska ligga inom ett och samma kalenderår (helår eller delår).",
};

const split = (v: Record<string, unknown>, key: string): GenderSplit =>
  ({ women: v[`${key}.women`] as number, men: v[`${key}.men`] as number, other: v[`${key}.other`] as number });

/** The form's counts: a blank Avslutade cell takes its reasons' sum, so only a typed one is checked against them. */
function formCounts(v: Record<string, unknown>): ReportCounts {
  const finished = Object.fromEntries(reasons.map((r) => [r, split(v, `finished.${r}`)])) as Record<Reason, GenderSplit>;
  const typed = genders.some((g) => v[`finishedTotal.${g}`] !== null);
  const bySum = (g: (typeof genders)[number]) => reasons.reduce((a, r) => a + finished[r][g], 0);
  return {
    participants: split(v, "participants"), newParticipants: split(v, "newParticipants"), finished,
    ...(typed ? { finishedTotal: Object.fromEntries(genders.map((g) => [g, (v[`finishedTotal.${g}`] as number | null) ?? bySum(g)])) as GenderSplit } : {}),
    ages: Object.fromEntries(ageBands.map((b) => [b, split(v, `ages.${b}`)])) as Record<AgeBand, GenderSplit>,
    averageMonths: v.averageMonths as number | null,
    referrals: Object.fromEntries(referrers.map((r) => [r, v[`referrals.${r}`] as number])) as Record<Referrer, number>,
    aterremisser: v.aterremisser as number,
    efterstod: split(v, "efterstod"),
  };
}

/** The report page. */
export const reportForm = z.looseObject(formShape)
  .refine(inOrder, { path: ["periodEnd"], message: periodMessages.order, when: datesValid })
  .refine(sameYear, { path: ["periodEnd"], message: periodMessages.year, when: datesValid })
  .transform((v): ReportInput => ({
    interventionId: v.interventionId as string,
    areaId: v.areaId as string | null,
    periodStart: v.periodStart as string,
    periodEnd: v.periodEnd as string,
    counts: formCounts(v),
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

const zeroReasons = Object.fromEntries(reasons.map((r) => [r, zero])) as Record<Reason, GenderSplit>;
const splitsOf = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, apiSplit.default(zero)])) as Record<K, z.ZodDefault<typeof apiSplit>>;
const countsOf = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, apiCount.default(0)])) as Record<K, z.ZodDefault<typeof apiCount>>;
/** The counts of the API, the same names as the form's fields and as GET gives them back. */
const apiCountsShape = {
  participants: apiSplit,
  newParticipants: apiSplit.default(zero),
  finishedTotal: apiSplit.optional(),
  finished: z.object(splitsOf(reasons),
    { error: `ska vara ett objekt {${reasons.join(", ")}}` }).strict().default(zeroReasons),
  ages: z.object(splitsOf(ageBands),
    { error: `ska vara ett objekt {${ageBands.map((b) => `"${b}"`).join(", ")}}` }).strict().optional(),
  averageMonths: z.number({ message: "ska vara antal månader (ett tal) eller null" }).min(0, "kan inte vara negativt").max(MAX_MONTHS, `högst ${MAX_MONTHS} månader`).nullable().optional(),
  referrals: z.object(countsOf(referrers),
    { error: `ska vara ett objekt {${referrers.join(", ")}}` }).strict().optional(),
  aterremisser: apiCount.optional(),
  efterstod: apiSplit.default(zero),
};
type ApiCounts = z.output<z.ZodObject<typeof apiCountsShape>>;
const apiCounts = (v: ApiCounts): ReportCounts => ({
  participants: v.participants, newParticipants: v.newParticipants, finished: v.finished,
  ...(v.finishedTotal ? { finishedTotal: v.finishedTotal } : {}),
  ...(v.ages ? { ages: v.ages } : {}),
  ...(v.averageMonths !== undefined ? { averageMonths: v.averageMonths } : {}),
  ...(v.referrals ? { referrals: v.referrals } : {}),
  ...(v.aterremisser !== undefined ? { aterremisser: v.aterremisser } : {}),
  efterstod: v.efterstod,
});

/** POST /api/v1/intervention-reports. */
export const apiReport = z.object({
  interventionId: z.uuid({ message: "ska vara en insats id" }),
  areaId: z.uuid({ message: "ska vara ett kommunområdes id" }).nullish(),
  periodStart: apiDate,
  periodEnd: apiDate,
  ...apiCountsShape,
  answers: z.object(answersShape, { error: `ska vara ett objekt med svar på frågorna ${reportQuestionKeys.join(", ")}` }).strict().default({}),
}, { error: "ska vara ett JSON-objekt" }).strict()
  .refine(inOrder, { path: ["periodEnd"], message: "kan inte vara före periodStart", when: datesValid })
  .refine(sameYear, { path: ["periodEnd"], message: "perioden ska ligga inom ett kalenderår", when: datesValid })
  .transform((v): ReportInput => ({
    interventionId: v.interventionId, areaId: v.areaId ?? null, periodStart: v.periodStart, periodEnd: v.periodEnd,
    counts: apiCounts(v),
    answers: Object.fromEntries(Object.entries(v.answers).filter(([, a]) => a)) as ReportInput["answers"],
  }));

/** PUT /api/v1/interventions/:id/outcomes/:year: the insats's own helårsrapport's counts. */
export const apiOutcomes = z.object(apiCountsShape, { error: "ska vara ett JSON-objekt" }).strict().transform(apiCounts);
/** :id and :year of the per-insats API paths. */
export const interventionYearParams = z.object({ id: z.uuid(), year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)) });

export { idParam } from "../http/fields.js";

const yearValue = (invalid: string) => z.preprocess((v) => blankToUndefined(last(v)),
  z.coerce.number({ message: invalid }).int(invalid).min(1990, invalid).max(2100, invalid).optional());
/** ?year= on the pages: a bad value falls back to this year. */
export const yearQuery = z.object({ year: yearValue("Välj ett år.").catch(undefined) });
/** ?year= on the API: a bad value is a 422. */
export const apiYearQuery = z.object({ year: yearValue("year ska vara ett årtal, till exempel 2024.") });
/** ?insats= on the new-report page. */
export const newQuery = z.object({ insats: z.preprocess((v) => blankToUndefined(last(v)), z.uuid().optional()).catch(undefined) });

