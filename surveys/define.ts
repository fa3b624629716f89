/**
 * Questionnaires as code: the zod schema every definition is checked against, and its types.
 * Answers are stored flat by question id: frequency6/scale6 1–6 (0 = vet inte), scale10 1–10
 * (0 = vet inte), yesno "ja"/"nej", single an option code, multi an array of option codes, text a
 * string; a question's comment is stored as `<id>_kommentar` and a multi choice's "Annat" text as `<id>_annat`.
 */
import { z } from "zod";

/** Swedish is always there; other languages (en, sv-lattlast, ar, so, ti …) may be. */
export const text = z.object({ sv: z.string().min(1) }).catchall(z.string().min(1));
export type Text = z.infer<typeof text>;

export const languageCodes = ["sv", "sv-lattlast", "en", "ar", "so", "ti", "fa", "uk"] as const;
export type Language = (typeof languageCodes)[number];
export const languageNames: Record<string, string> = {
  sv: "Svenska", "sv-lattlast": "Lättläst svenska", en: "English", ar: "العربية", so: "Soomaali", ti: "ትግርኛ", fa: "فارسی", uk: "Українська",
};
export const rtlLanguages = new Set(["ar", "fa"]);

export const DONT_KNOW = 0;
export const commentKey = (id: string) => `${id}_kommentar`;
export const otherKey = (id: string) => `${id}_annat`;

const questionId = z.string().regex(/^q\d+[a-z]?$/, "frågans id följer den tryckta numreringen: q1, q4a, q9c");
const option = z.object({ code: z.string().regex(/^[a-z0-9_]+$/), text });

const condition = z.object({
  question: questionId,
  /** The question is asked only when that answer equals one of these values. */
  equals: z.array(z.union([z.string(), z.number()])).min(1),
});

const base = {
  id: questionId,
  text,
  help: text.optional(),
  required: z.boolean().default(false),
  comment: z.object({ label: text, maxLength: z.number().int().positive().default(1000) }).optional(),
  condition: condition.optional(),
};

export const frequencyLabels: Text[] = [
  { sv: "Aldrig", en: "Never" }, { sv: "Sällan", en: "Rarely" }, { sv: "Ibland", en: "Sometimes" },
  { sv: "Ofta", en: "Often" }, { sv: "För det mesta", en: "Most of the time" }, { sv: "Alltid", en: "Always" },
];
export const dontKnowLabel: Text = { sv: "Vet inte / ej aktuellt", en: "Don't know / not applicable" };

export const question = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("frequency6"), dontKnow: z.boolean().default(true) }),
  z.object({ ...base, kind: z.literal("scale10"), low: text, high: text, dontKnow: z.boolean().default(false) }),
  z.object({ ...base, kind: z.literal("scale6"), low: text, high: text, dontKnow: z.boolean().default(false) }),
  z.object({ ...base, kind: z.literal("yesno") }),
  z.object({ ...base, kind: z.literal("single"), options: z.array(option).min(2) }),
  z.object({ ...base, kind: z.literal("multi"), options: z.array(option).min(2), other: text.optional() }),
  z.object({ ...base, kind: z.literal("text"), maxLength: z.number().int().positive().default(2000) }),
]);
export type Question = z.infer<typeof question>;
export type QuestionKind = Question["kind"];

export const respondentGroups = {
  "deltagare-pagaende": "Deltagare i pågående insats",
  "deltagare-avslut": "Deltagare vid avslut",
  personal: "Insatspersonal",
  chefer: "Chefer i samverkan / beredningsgrupp",
  styrelse: "Styrelse",
  remittenter: "Remittenter",
  samverkan: "Medarbetare och chefer i samverkan",
  evenemang: "Deltagare i evenemang",
} as const;
export type RespondentGroup = keyof typeof respondentGroups;

export const definition = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().positive(),
  title: text,
  respondentGroup: z.enum(Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]]),
  intro: text,
  /** nns: national text · verbatim: printed in the seeds · paraphrased: closest faithful wording · local: the förbund's own. */
  source: z.enum(["nns", "verbatim", "paraphrased", "local"]),
  /** NNS asks förbund not to reword its questions: read-only definitions are versioned, never edited. */
  readOnly: z.boolean().default(true),
  /** The languages offered to respondents: the usual ones above, or any other language code (`fi`, `pl`). */
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "språkkoder skrivs som sv, en, ar eller sv-lattlast")).min(1).default(["sv"]),
  sections: z.array(z.object({ id: z.string().min(1), title: text.optional(), questions: z.array(question).min(1) })).min(1),
}).superRefine((d, ctx) => {
  const ids = new Set<string>();
  const all = d.sections.flatMap((s) => s.questions);
  for (const q of all) {
    if (ids.has(q.id)) ctx.addIssue({ code: "custom", message: `frågan ${q.id} finns två gånger` });
    if (q.condition && !ids.has(q.condition.question)) {
      ctx.addIssue({ code: "custom", message: `villkoret på ${q.id} pekar på ${q.condition.question}, som måste komma före` });
    }
    ids.add(q.id);
  }
});
export type Definition = z.infer<typeof definition>;
export type DefinitionInput = z.input<typeof definition>;

/** Checks a definition and returns it with defaults filled in; throws with every problem. */
export function defineSurvey(input: DefinitionInput): Definition {
  return definition.parse(input);
}

/** All questions in order. */
export const questionsOf = (d: Definition): Question[] => d.sections.flatMap((s) => s.questions);

/** A text in the wanted language, falling back to Swedish. */
export const tr = (t: Text | undefined, lang: string): string => (t ? t[lang] ?? t.sv : "");
