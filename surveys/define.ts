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

/**
 * Where a question's words come from: "nns" (NNS's national text, from its material), { verbatim }
 * (printed word for word in a source document; the string cites which and where), "samspar"
 * (Samspår's own wording) or "forbund" (the förbund's own, in its own questionnaires). Only NNS and verbatim words may be compared with NNS's national figures.
 */
export const questionSource = z.union([
  z.literal("nns"), z.literal("samspar"), z.literal("forbund"), z.object({ verbatim: z.string().min(1).max(300) }).strict(),
]);
export type QuestionSource = z.infer<typeof questionSource>;
/** Parts of an NNS or verbatim question that the source does not print and Samspår wrote (answer options, scale end labels, help). */
export const samsparPartNames = { options: "svarsalternativen", scale: "skalans ändpunkter", help: "hjälptexten", comment: "kommentarsfältets rubrik" } as const;
type SamsparPart = keyof typeof samsparPartNames;

const base = {
  id: questionId,
  /** Absent in questionnaires written before provenance was recorded, and in the förbund's own. */
  source: questionSource.optional(),
  samsparParts: z.array(z.enum(Object.keys(samsparPartNames) as [SamsparPart, ...SamsparPart[]])).optional(),
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
  /**
   * The short title a respondent sees first, on the start page and the poster ("Vad tycker du om stödet du
   * får?"), beside the formal title. In a standard questionnaire it is Samspår's wording, never NNS's.
   */
  shortTitle: text.optional(),
  respondentGroup: z.enum(Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]]),
  intro: text,
  /**
   * The questionnaire as a whole — nns: NNS's national text · verbatim: printed in a source document ·
   * paraphrased: partly printed, partly Samspår's · samspar: Samspår's own · local: the förbund's own.
   * Whether it may be called national is decided per question (isNational), never by this field alone.
   */
  source: z.enum(["nns", "verbatim", "paraphrased", "samspar", "local"]),
  /** The edition of NNS's material an NNS version was imported from ("Användarmanual 2025"). */
  edition: z.string().trim().min(1).max(200).optional(),
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

// ——— Provenance ———

/** Whether a question's words (and all its parts) are NNS's or printed in a source document. */
export const isSourceWording = (q: Question): boolean =>
  (q.source === "nns" || (typeof q.source === "object" && q.source !== null)) && !q.samsparParts?.length;

/**
 * A questionnaire is national — may be called so, and promise comparability with NNS's national
 * figures — only when it is not the förbund's own and every question's words are NNS's or verbatim.
 */
export const isNational = (d: Definition): boolean => d.source !== "local" && questionsOf(d).every(isSourceWording);

/** The questions (ids in order) whose wording, or some part of it, is Samspår's own. */
export const samsparWording = (d: Definition): string[] =>
  d.source === "local" ? [] : questionsOf(d).filter((q) => !isSourceWording(q) && q.source !== "forbund").map((q) => q.id);

/** A question's source as the API shows it: recorded, or the förbund's own where none was recorded. */
export const sourceOf = (d: Definition, q: Question): QuestionSource => q.source ?? (d.source === "nns" ? "nns" : d.source === "local" ? "forbund" : "samspar");

/** How a question's source reads on a page: "NNS", "ordagrant ur …" or "Samspårs formulering" (plus invented parts). */
export function sourceLabel(d: Definition, q: Question): string {
  if ((d.source === "local" && !q.source) || q.source === "forbund") return "förbundets egen formulering";
  const main = q.source === "nns" ? "NNS nationella text" : typeof q.source === "object" ? `ordagrant ur ${q.source.verbatim}` : "Samspårs formulering";
  const parts = q.samsparParts?.length ? `; ${q.samsparParts.map((p) => samsparPartNames[p]).join(" och ")} är Samspårs` : "";
  return main + parts;
}

/**
 * One sentence about comparability for pages, bilagor and exports: null when the questionnaire is
 * national, otherwise which questions are not NNS's words and that they cannot be compared.
 */
export function comparabilityNote(d: Definition): string | null {
  if (isNational(d)) return null;
  if (d.source === "local") return "Enkäten är förbundets egen: svaren kan inte jämföras med NNS nationella siffror.";
  const ids = samsparWording(d);
  const all = ids.length === questionsOf(d).length;
  return all
    ? "Alla frågor i enkäten är Samspårs formulering, inte NNS nationella text: svaren kan inte jämföras med NNS nationella siffror."
    : `Frågorna ${ids.join(", ")} är helt eller delvis Samspårs formulering, inte NNS nationella text: de kan inte jämföras med NNS nationella siffror.`;
}

/**
 * Whose words the short respondent-facing title is: the förbund's in its own questionnaires, otherwise
 * Samspår's — never NNS's, even in an NNS questionnaire, since NNS prints no short title.
 */
export const shortTitleSource = (d: Pick<Definition, "source">): string =>
  d.source === "local" ? "förbundets egen formulering" : "Samspårs formulering, inte NNS nationella text";

/** Where a question names the förbund; filled with its name when an insamling opens the questionnaire. */
export const FORBUND_NAME = "{förbund}";

/** The definition with the förbund's name in place of the placeholder, in every language (pure). */
export function fillForbundName(d: Definition, name: string): Definition {
  const json = JSON.stringify(d);
  if (!json.includes(FORBUND_NAME)) return d;
  return JSON.parse(json.split(FORBUND_NAME).join(JSON.stringify(name).slice(1, -1))) as Definition;
}
