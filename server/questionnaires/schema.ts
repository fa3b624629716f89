/** zod schemas for the questionnaire editor's forms and the questionnaires API. Messages are Swedish. */
import { z } from "zod";
import { respondentGroups, type RespondentGroup } from "../../surveys/define.js";

const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const emptyToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
const list = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1" || v === true, z.boolean());

const groupKeys = Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]];
const respondentGroup = z.enum(groupKeys, { message: "Välj en svarsgrupp i listan." });

/** A questionnaire's id is its address in the API and in exports: small letters, digits and dashes. */
export const questionnaireId = z.string().trim()
  .min(3, "Id:t behöver minst 3 tecken.")
  .max(60, "Id:t får vara högst 60 tecken.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Id:t får bara ha små bokstäver a–z, siffror och bindestreck, till exempel lokal-strategidag.");

export const idParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/) });
export const questionParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), qid: z.string().regex(/^q\d+[a-z]?$/) });
export const versionParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), version: z.coerce.number().int().positive() });

const title = z.preprocess(text, z.string().trim().min(1, "Skriv en rubrik.").max(200, "Rubriken får vara högst 200 tecken."));

/** A new questionnaire: blank or a copy of another. */
export const newForm = z.object({
  id: z.preprocess(text, questionnaireId),
  title,
  respondentGroup: z.preprocess(text, respondentGroup),
  from: z.preprocess(emptyToNull, z.string().max(60).nullable()),
});

const languageCode = z.string().trim().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "Skriv språkkoder som fi, pl eller sv-lattlast, åtskilda med komma.");

/** The questionnaire's own texts and languages. */
export const settingsForm = z.object({
  title,
  shortTitle: z.preprocess(text, z.string().trim().max(120, "Den korta rubriken får vara högst 120 tecken.")),
  intro: z.preprocess(text, z.string().trim().min(1, "Skriv en inledning: den är det första den svarande läser.").max(3000, "Inledningen får vara högst 3 000 tecken.")),
  respondentGroup: z.preprocess(text, respondentGroup),
  languages: z.preprocess(list, z.array(languageCode).max(20)),
  otherLanguages: z.preprocess(text, z.string().max(200).transform((s) => s.split(/[\s,;]+/).filter(Boolean)).pipe(z.array(languageCode).max(20))),
});

export const sectionForm = z.object({
  title: z.preprocess(text, z.string().trim().max(200, "Rubriken får vara högst 200 tecken.")),
});

export const questionKinds = ["frequency6", "scale10", "scale6", "yesno", "single", "multi", "text"] as const;
export const addQuestionForm = z.object({
  kind: z.enum(questionKinds, { message: "Välj en frågetyp." }),
  section: z.coerce.number().int().min(0).default(0),
});

export const moveForm = z.object({ direction: z.enum(["up", "down"]) });

const positiveInt = (label: string) => z.preprocess(emptyToNull, z.union([z.string().trim(), z.number()]).nullable()
  .transform((v) => (v === null ? null : Number(v)))
  .pipe(z.number({ message: `Skriv ${label} som ett heltal.` }).int(`Skriv ${label} som ett heltal.`).min(1, `${label[0].toUpperCase()}${label.slice(1)} måste vara minst 1.`).max(20000, `${label[0].toUpperCase()}${label.slice(1)} får vara högst 20 000.`).nullable()));

/**
 * One question as the form sends it. Options are written one per line, optionally with a code:
 * `kommun: Kommun`; without one, the code is made from the text.
 */
export const questionForm = z.object({
  id: z.preprocess(text, z.string().trim().regex(/^q\d+[a-z]?$/, "Skriv id:t som frågans nummer: q1, q4a eller q9c.")),
  kind: z.enum(questionKinds, { message: "Välj en frågetyp." }),
  text: z.preprocess(text, z.string().trim().min(1, "Skriv frågan.").max(1000, "Frågan får vara högst 1 000 tecken.")),
  help: z.preprocess(text, z.string().trim().max(1000, "Hjälptexten får vara högst 1 000 tecken.")),
  required: checkbox,
  dontKnow: checkbox,
  low: z.preprocess(text, z.string().trim().max(200, "Texten får vara högst 200 tecken.")),
  high: z.preprocess(text, z.string().trim().max(200, "Texten får vara högst 200 tecken.")),
  options: z.preprocess(text, z.string().max(5000, "Alternativen får vara högst 5 000 tecken.")),
  other: z.preprocess(text, z.string().trim().max(200, "Texten får vara högst 200 tecken.")),
  maxLength: positiveInt("största antal tecken"),
  comment: checkbox,
  commentLabel: z.preprocess(text, z.string().trim().max(200, "Rubriken får vara högst 200 tecken.")),
  conditionQuestion: z.preprocess(emptyToNull, z.string().regex(/^q\d+[a-z]?$/, "Välj en fråga i listan.").nullable()),
  conditionValues: z.preprocess(text, z.string().max(500)),
});
export type QuestionFormInput = z.output<typeof questionForm>;

/** The translation form: one field per text, named `t:<key>`. */
export const translationQuery = z.object({ lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/).optional() });
export const translationForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((body) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith("t:")) out[k.slice(2)] = (Array.isArray(v) ? v[0] : v).slice(0, 5000);
    return out;
  });

export const previewQuery = z.object({
  lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/).optional().catch(undefined),
  sida: z.coerce.number().int().positive().max(100).optional().catch(undefined),
  action: z.enum(["next", "back", "save"]).optional().catch(undefined),
  version: z.coerce.number().int().positive().optional().catch(undefined),
});

export const importForm = z.object({
  json: z.preprocess(text, z.string().trim().min(1, "Klistra in enkätens JSON.").max(900_000, "Texten är för lång för en enkät.")),
  /** NNS text from the superadmin: for every förbund on the instance. */
  everyForbund: checkbox.optional(),
});

/** ?version=3 or ?draft=true on GET /api/v1/questionnaires/:id. */
export const definitionQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  draft: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

/** zod issues as the API shows them: path and Swedish message. */

/** /api/v1/questionnaires/:id/translations/:lang: any language but Swedish (the source, edited with the questions). */
export const translationParams = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "språkkoder skrivs som ar, so, ti eller sv-lattlast")
    .refine((l) => l !== "sv", "Svenska är enkätens källtext: den ändras med frågorna, inte som en översättning."),
});
export const translationVersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
export const translationBody = z.object({
  texts: z.record(z.string(), z.string().max(5000, "En text får vara högst 5 000 tecken."), { message: "texts ska vara ett objekt med en text per nyckel, t.ex. {\"q1\": \"…\"}" }),
  /** Whether a translator has checked the texts; without it the version is utkast. */
  state: z.enum(["granskad", "utkast"]).default("utkast"),
}).strict();
