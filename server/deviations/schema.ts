/**
 * zod schemas for the deviation forms and the API. Messages are Swedish and shown beside the field.
 * Every free text goes through the personal-data guard: a report is an allmän handling and must
 * never identify the individual it is about.
 */
import { z } from "zod";
import { piiMessage } from "../privacy/pii.js";
import { monthNotInFuture, occurredMonth, statuses, type Frequency, type LiftTarget, type Severity, type Status } from "./cases.pure.js";
import { OTHER } from "./codes.js";
import { isDate } from "../dates.js";
import { deviationWords, type DeviationKey, type DeviationWords } from "./words.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const lastOf = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);
/** Checkbox values arrive as nothing, one string or several. */
const asList = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);

function noPii(s: string, ctx: z.RefinementCtx) {
  const message = piiMessage(s);
  if (message) ctx.addIssue({ code: "custom", message });
}
const tooLong = (max: number) => `Texten får vara högst ${max} tecken.`;

/** A required free text, checked for personal data. */
export const requiredText = (empty: string, max: number) =>
  z.preprocess(text, z.string().trim().min(1, empty).max(max, tooLong(max)).superRefine(noPii));
/** An optional free text, checked for personal data; empty becomes null. */
export const optionalText = (max: number) =>
  z.preprocess(text, z.string().trim().max(max, tooLong(max)).superRefine(noPii).transform((s) => s || null));

const requiredId = (empty: string) => z.preprocess(text, z.string().trim().min(1, empty).pipe(z.uuid(empty)));
const optionalId = (invalid: string) => z.preprocess(blankToNull, z.uuid(invalid).nullable());
export const contactEmail = z.email("Skriv en giltig e-postadress, eller lämna fältet tomt.").max(320);
const idList = (empty: string) => z.preprocess(asList, z.array(z.uuid(empty)).min(1, empty).max(50).transform((ids) => [...new Set(ids)]));
const codeList = (empty: string) =>
  z.preprocess(asList, z.array(z.string().max(60)).min(1, empty).max(50).transform((c) => [...new Set(c)]));
const checkbox = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.string().optional()).transform((v) => v === "ja");

export const severityValues = ["allvarlig", "mindre_allvarlig"] as const satisfies readonly Severity[];
export const frequencyValues = ["forsta_gangen", "hant_forut", "aterkommande"] as const satisfies readonly Frequency[];
export const liftValues = ["beredningsgrupp", "styrelse", "partens_ledning"] as const satisfies readonly LiftTarget[];

/** What a report holds, whether it came from the public form or the API. */
export type ReportInput = {
  occurredMonth: string;
  areaId: string;
  interventionId: string | null;
  reporter: { partyId: string; unitId: string | null; role: string | null; name: string | null; email: string | null };
  concerned: { partyId: string; unitId: string | null }[];
  description: string;
  consequences: string[];
  consequenceOther: string | null;
  causes: string[];
  causeOther: string | null;
  proposal: string | null;
  actionTaken: string | null;
  severity: Severity;
  frequency: Frequency | null;
};

const messages = {
  area: "Välj kommunområde.",
  party: "Välj vilken part du arbetar hos.",
  concerned: "Välj minst en part som avvikelsen gäller.",
  description: "Beskriv vad som hände i samverkan.",
  consequences: "Välj minst en konsekvens för individen (eller Annat).",
  causes: "Välj minst en orsak (eller Annat).",
  otherConsequence: "Du valde Annat: skriv vilken konsekvens.",
  otherCause: "Du valde Annat: skriv vilken orsak.",
  severity: "Välj om avvikelsen är allvarlig eller mindre allvarlig.",
  frequency: "Välj hur ofta det händer.",
  future: "Avvikelsen kan inte ha hänt i en kommande månad.",
  unit: "Välj en enhet i listan.",
};

/** The public report form, as the browser posts it, with its messages in the form's language (words.ts). Unit per concerned party arrives as concernedUnit_<partyId>. */
/** The personal-data guard on a public page, its message in the page's language. */
const piiFreeIn = (w: DeviationWords) => (s: string, ctx: z.RefinementCtx) => {
  const message = w.pii(s);
  if (message) ctx.addIssue({ code: "custom", message });
};
/** A required free text on a public page: its messages (empty, too long, personal data) in the page's language. */
const requiredIn = (w: DeviationWords, empty: string, max: number) =>
  z.preprocess(text, z.string().trim().min(1, empty).max(max, w.tooLong(max)).superRefine(piiFreeIn(w)));

export const reportForm = (today: string, w: DeviationWords = deviationWords("sv")) => {
  const m = (k: MessageKey) => w.t(`msg.${k}`);
  const piiFree = piiFreeIn(w);
  const required = (empty: string, max: number) => requiredIn(w, empty, max);
  const optional = (max: number) => z.preprocess(text, z.string().trim().max(max, w.tooLong(max)).superRefine(piiFree).transform((s) => s || null));
  return z.looseObject({
  occurredMonthNumber: z.preprocess(text, z.string().regex(/^(0?[1-9]|1[0-2])$/, m("month")).transform(Number)),
  occurredYear: z.preprocess(text, z.string().regex(/^\d{4}$/, m("year")).transform(Number)),
  areaId: requiredId(m("area")),
  interventionId: optionalId(m("intervention")),
  reporterPartyId: requiredId(m("party")),
  reporterUnitId: optionalId(m("unit")),
  reporterRole: optional(200),
  reporterName: z.preprocess(text, z.string().trim().max(200, w.tooLong(200)).transform((s) => s || null)),
  reporterEmail: z.preprocess(blankToNull, z.email(m("email")).max(320).nullable()),
  concerned: idList(m("concerned")),
  description: required(m("description"), 5000),
  consequences: codeList(m("consequences")),
  consequenceOther: optional(500),
  causes: codeList(m("causes")),
  causeOther: optional(500),
  proposal: optional(3000),
  actionTaken: optional(3000),
  severity: z.enum(severityValues, { message: m("severity") }),
  frequency: z.preprocess(blankToNull, z.enum(frequencyValues, { message: m("frequency") }).nullable()),
  confirm: z.literal("ja", { message: m("confirm") }),
}).superRefine((v, ctx) => {
  // Checked even when other fields failed, so that every problem shows at once.
  const list = (x: unknown) => (Array.isArray(x) ? x : []);
  if (list(v.consequences).includes(OTHER) && !v.consequenceOther) ctx.addIssue({ code: "custom", path: ["consequenceOther"], message: m("otherConsequence") });
  if (list(v.causes).includes(OTHER) && !v.causeOther) ctx.addIssue({ code: "custom", path: ["causeOther"], message: m("otherCause") });
  if (typeof v.occurredYear === "number" && typeof v.occurredMonthNumber === "number" && !monthNotInFuture(occurredMonth(v.occurredYear, v.occurredMonthNumber), today)) {
    ctx.addIssue({ code: "custom", path: ["occurredMonthNumber"], message: m("future") });
  }
}, { when: () => true }).transform((v): ReportInput => ({
  occurredMonth: occurredMonth(v.occurredYear, v.occurredMonthNumber),
  areaId: v.areaId,
  interventionId: v.interventionId,
  // The name is only kept together with an address to send feedback to.
  reporter: { partyId: v.reporterPartyId, unitId: v.reporterUnitId, role: v.reporterRole, name: v.reporterEmail ? v.reporterName : null, email: v.reporterEmail },
  concerned: v.concerned.map((partyId) => ({ partyId, unitId: uuidOrNull(v[`concernedUnit_${partyId}`]) })),
  description: v.description,
  consequences: v.consequences,
  consequenceOther: v.consequences.includes(OTHER) ? v.consequenceOther : null,
  causes: v.causes,
  causeOther: v.causes.includes(OTHER) ? v.causeOther : null,
  proposal: v.proposal,
  actionTaken: v.actionTaken,
  severity: v.severity,
  frequency: v.frequency,
}));
};
type MessageKey = DeviationKey extends infer K ? K extends `msg.${infer R}` ? R : never : never;

function uuidOrNull(v: unknown): string | null {
  return typeof v === "string" && z.uuid().safeParse(v).success ? v : null;
}

/** POST /api/v1/deviations. */
export const apiReport = (today: string) => z.object({
  occurredMonth: z.string({ message: "Ange månaden som ÅÅÅÅ-MM." }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Ange månaden som ÅÅÅÅ-MM, till exempel 2024-03.")
    .refine((m) => monthNotInFuture(m, today), messages.future),
  areaId: z.uuid(messages.area),
  interventionId: z.uuid("Ogiltig insats.").nullish().transform((v) => v ?? null),
  reporter: z.object({
    partyId: z.uuid(messages.party),
    unitId: z.uuid(messages.unit).nullish().transform((v) => v ?? null),
    role: optionalText(200).optional().transform((v) => v ?? null),
  }, { message: "Ange rapportörens part: reporter.partyId." }),
  concerned: z.array(z.object({
    partyId: z.uuid("Ogiltig part."),
    unitId: z.uuid(messages.unit).nullish().transform((v) => v ?? null),
  }), { message: messages.concerned }).min(1, messages.concerned).max(20),
  description: requiredText(messages.description, 5000),
  consequences: z.array(z.string().max(60), { message: messages.consequences }).min(1, messages.consequences).max(50).transform((c) => [...new Set(c)]),
  consequenceOther: optionalText(500).optional().transform((v) => v ?? null),
  causes: z.array(z.string().max(60), { message: messages.causes }).min(1, messages.causes).max(50).transform((c) => [...new Set(c)]),
  causeOther: optionalText(500).optional().transform((v) => v ?? null),
  proposal: optionalText(3000).optional().transform((v) => v ?? null),
  actionTaken: optionalText(3000).optional().transform((v) => v ?? null),
  severity: z.enum(severityValues, { message: messages.severity }),
  frequency: z.enum(frequencyValues, { message: messages.frequency }).nullish().transform((v) => v ?? null),
}).transform((v): ReportInput => ({
  ...v,
  reporter: { ...v.reporter, name: null, email: null },
  consequenceOther: v.consequences.includes(OTHER) ? v.consequenceOther : null,
  causeOther: v.causes.includes(OTHER) ? v.causeOther : null,
}));

/** A status change with its note (the reason for Avvisad/Hänvisad, the decision for Avslutad). */
export const statusForm = z.object({
  status: z.enum(statuses as [Status, ...Status[]], { message: "Välj ny status." }),
  note: optionalText(3000),
  visible: checkbox,
});

export const apiStatus = z.object({
  status: z.enum(statuses as [Status, ...Status[]], { message: `Ange status: ${statuses.join(", ")}.` }),
  note: optionalText(3000).optional().transform((v) => v ?? null),
  visibleToReporter: z.boolean().optional().default(true),
});

export const noteForm = z.object({ entry: requiredText("Skriv anteckningen.", 3000), entryVisible: checkbox });
/**
 * A request for answers: the parties, and an address typed for a party (`contact_<partyId>`) where the
 * settings have none or the koordinator wants another one; an empty field is left out.
 */
export const requestForm = z.looseObject({ partyIds: idList("Välj minst en part att begära svar från.") }).transform((v, ctx) => {
  const contacts: Record<string, string> = {};
  for (const [key, raw] of Object.entries(v)) {
    const partyId = /^contact_([0-9a-f-]{36})$/.exec(key)?.[1];
    const typed = typeof raw === "string" ? raw.trim() : "";
    if (!partyId || !typed) continue;
    const email = contactEmail.safeParse(typed);
    if (email.success) contacts[partyId] = email.data;
    else ctx.addIssue({ code: "custom", path: [key], message: email.error.issues[0].message });
  }
  return { partyIds: v.partyIds, contacts };
});
export const liftForm = z.object({
  liftedTo: z.enum(liftValues, { message: "Välj vart ärendet lyfts." }),
  liftNote: optionalText(3000),
});
export const effectForm = z.object({
  effectFollowUpOn: z.preprocess(text, z.string().trim().refine(isDate, "Skriv datumet som ÅÅÅÅ-MM-DD.")),
  effectWorked: z.preprocess(blankToNull, z.enum(["ja", "nej"], { message: "Välj ja eller nej." }).nullable()),
  effectNote: optionalText(3000),
});
export const analysisNoteForm = z.object({ analysisNote: optionalText(5000) });
export const summaryForm = z.object({
  publicSummary: optionalText(3000),
  approve: checkbox,
});
/** A party's answer and the reporter's added information, their messages in the page's language. */
export const answerForm = (w: DeviationWords = deviationWords("sv")) => z.object({ answer: requiredIn(w, w.t("msg.answer"), 5000) });
export const infoForm = (w: DeviationWords = deviationWords("sv")) => z.object({ info: requiredIn(w, w.t("msg.info"), 3000) });

const whole = (empty: string, min: number, max: number, range: string) => z.preprocess(text, z.string().trim()
  .min(1, empty).regex(/^\d+$/, `Skriv ett heltal, ${range}.`).transform(Number)
  .pipe(z.number().min(min, `Skriv ett heltal, ${range}.`).max(max, `Skriv ett heltal, ${range}.`)));

/** The settings form; the party contacts arrive as contact_<partyId>. */
export const settingsForm = z.looseObject({
  answerDays: whole("Skriv svarstiden i dagar.", 1, 365, "1–365 dagar"),
  reminderDays: whole("Skriv hur många dagar före svarstidens slut påminnelsen går.", 0, 60, "0–60 dagar"),
  retentionMonths: whole("Skriv gallringsfristen i månader.", 1, 240, "1–240 månader"),
  // Left out of the form (an older page, a script): kept as they are. Sent empty: refused, a rule cannot be blank.
  severeDefinition: z.preprocess(lastOf, z.string().trim().min(1, "Skriv vad förbundet menar med en allvarlig avvikelse.").max(1000, "Högst 1000 tecken.").optional()),
  minorDefinition: z.preprocess(lastOf, z.string().trim().min(1, "Skriv vad förbundet menar med en mindre allvarlig avvikelse.").max(1000, "Högst 1000 tecken.").optional()),
});

export { idParam } from "../http/fields.js";
export const requestParam = z.object({ id: z.uuid(), requestId: z.uuid() });
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
/** The public form's submission key: random, given with the form, the same when the form is sent again. */
export const submissionKey = z.string().regex(/^[A-Za-z0-9_-]{40,100}$/);
export const receiptParam = z.object({ publicSlug: z.string().regex(/^[a-z0-9]{6,40}$/), key: submissionKey });
export const slugParam = z.object({ publicSlug: z.string().regex(/^[a-z0-9]{6,40}$/) });

const yearValue = z.preprocess(blankToNull, z.coerce.number().int().min(2000).max(2100).nullable());
export const listQuery = z.object({
  year: yearValue.catch(null),
  status: z.preprocess(blankToNull, z.enum(statuses as [Status, ...Status[]]).nullable()).catch(null),
});
export const apiListQuery = z.object({
  year: z.preprocess(blankToNull, z.coerce.number({ message: "year ska vara ett årtal." }).int("year ska vara ett årtal.").min(2000).max(2100).nullable()),
  status: z.preprocess(blankToNull, z.enum(statuses as [Status, ...Status[]], { message: `status ska vara en av ${statuses.join(", ")}.` }).nullable()),
});
export const analysisQuery = z.object({
  year: z.preprocess(blankToNull, z.coerce.number({ message: "year ska vara ett årtal." }).int("year ska vara ett årtal.").min(2000, "year ska vara ett årtal.").max(2100, "year ska vara ett årtal.").nullable()),
});
export const meetingQuery = z.object({ mote: z.preprocess(blankToNull, z.string().refine(isDate).nullable()).catch(null) });

/** The import page: the pasted (or file-read) CSV text and the button pressed. */
export const importForm = z.object({
  csv: z.string().trim().min(1, "Klistra in CSV-texten eller välj en fil."),
  action: z.enum(["preview", "import"], { message: "Välj Förhandsgranska eller Importera." }).default("preview"),
});
