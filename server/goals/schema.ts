/** zod schemas for goals (form and API). Messages are Swedish. */
import { z } from "zod";
import { blankToNull, blankToUndefined, idParam, last, text, yearText } from "../http/fields.js";
import { comparisons, goalMetrics, isShare, isSurveyMetric, manualVerdicts, scopeIssues, type GoalRule, type ManualVerdict } from "./rules.pure.js";

export { idParam };


/** GET /mal?year= and GET /api/v1/goals?year=: the year, or nothing for this year. */
export const goalYearQuery = z.object({
  year: z.preprocess((v) => blankToUndefined(last(v)), yearText("Välj år.").optional()),
});

/** What the service saves: a computed rule or a verdict by hand, never both. */
export type GoalInput = {
  year: number;
  text: string;
  questionnaire: string | null;
  interventionId: string | null;
  areaId: string | null;
  rule: GoalRule | null;
  verdict: ManualVerdict | null;
  comment: string;
  sortOrder: number;
};

/** "1, 2, 9a" or "q1 q2" → ["q1", "q2", "q9a"]; anything else is reported as it was written. */
export function parseQuestionList(s: string): { ids: string[]; invalid: string[] } {
  const parts = s.split(/[\s,;]+/).map((p) => p.trim().toLowerCase()).filter(Boolean);
  const ids: string[] = [], invalid: string[] = [];
  for (const p of parts) {
    const m = /^(?:q|fråga)?(\d+[a-z]?)$/.exec(p);
    if (!m) invalid.push(p);
    else if (!ids.includes(`q${m[1]}`)) ids.push(`q${m[1]}`);
  }
  return { ids, invalid };
}

/** A Swedish or English decimal ("70", "70,5", "7.25"), or undefined. */
const decimal = (s: string): number | undefined => {
  const t = s.trim().replace(/\s/g, "").replace(",", ".").replace(/%$/, "");
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
};

/** The goal page: either a rule (threshold in percent for shares) or a verdict with a comment. */
export const goalForm = z.object({
  year: yearText("Skriv året målet gäller."),
  text: z.preprocess(text, z.string().trim().min(1, "Skriv målet, så som det står i verksamhetsplanen.").max(1000, "Målet får vara högst 1 000 tecken.")),
  type: z.enum(["regel", "manuell"], { message: "Välj om målet bedöms med en regel eller för hand." }),
  questionnaire: z.preprocess(blankToNull, z.string().max(100).nullable()),
  interventionId: z.preprocess(blankToNull, z.uuid({ message: "Välj en insats i listan." }).nullable()),
  areaId: z.preprocess(blankToNull, z.uuid({ message: "Välj ett kommunområde i listan." }).nullable()),
  metric: z.preprocess(blankToNull, z.enum(goalMetrics, { message: "Välj ett mått i listan." }).nullable()),
  comparison: z.preprocess(blankToNull, z.enum(comparisons, { message: "Välj jämförelse." }).nullable()),
  threshold: z.preprocess(text, z.string().max(20, "Skriv gränsvärdet som ett tal.")),
  questions: z.preprocess(text, z.string().max(500, "Listan är för lång.")),
  verdict: z.preprocess(blankToNull, z.enum(manualVerdicts, { message: "Välj bedömning." }).nullable()),
  comment: z.preprocess(text, z.string().trim().max(2000, "Kommentaren får vara högst 2 000 tecken.")),
  sortOrder: z.preprocess((v) => text(v) || "0", z.string().trim().regex(/^-?\d{1,4}$/, "Skriv ordningen som ett heltal, till exempel 10.").transform(Number)),
}).transform((v, ctx): GoalInput => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  let rule: GoalRule | null = null;
  if (v.type === "regel") {
    // Närvaro and arbete/studier are not about enkätsvar: no questionnaire, no questions (scopeIssues says what they need).
    const survey = !v.metric || isSurveyMetric(v.metric);
    if (survey && !v.questionnaire) issue("questionnaire", "Välj vilken enkät regeln gäller.");
    if (!v.metric) issue("metric", "Välj ett mått.");
    if (!v.comparison) issue("comparison", "Välj jämförelse.");
    const parsedThreshold = decimal(v.threshold);
    if (!v.threshold.trim()) issue("threshold", "Skriv gränsvärdet.");
    else if (parsedThreshold === undefined) issue("threshold", "Skriv gränsvärdet som ett tal, till exempel 70 eller 7,5.");
    else if (v.metric && isShare(v.metric) && parsedThreshold > 100) issue("threshold", "En andel anges i procent, mellan 0 och 100.");
    const list = parseQuestionList(v.questions);
    if (list.invalid.length) issue("questions", `Okänd fråga: ${list.invalid.join(", ")}. Skriv frågornas nummer, till exempel 1, 2, 9a.`);
    else if (survey && !list.ids.length) issue("questions", "Skriv vilka frågor regeln gäller, till exempel 1, 2, 3.");
    if (v.metric) {
      const scope = scopeIssues(v.metric, { questionnaire: v.questionnaire, interventionId: v.interventionId, areaId: v.areaId, questions: list.ids });
      for (const [path, message] of Object.entries(scope)) if (!(path === "questions" && list.invalid.length)) issue(path, message);
    }
    if (v.metric && v.comparison && parsedThreshold !== undefined && (list.ids.length || !survey)) {
      // Percent on the page, a fraction in the rule: 70 → 0.7 (one division, so 70/100 is exactly 0.7).
      rule = { metric: v.metric, comparison: v.comparison, threshold: isShare(v.metric) ? parsedThreshold / 100 : parsedThreshold, questions: list.ids };
    }
  } else if (!v.verdict) issue("verdict", "Välj bedömning.");
  return {
    year: v.year, text: v.text, questionnaire: v.questionnaire, interventionId: v.interventionId, areaId: v.areaId,
    rule, verdict: v.type === "manuell" ? v.verdict : null, comment: v.type === "manuell" ? v.comment : "", sortOrder: v.sortOrder,
  };
});

// ——— API ———

const apiRule = z.object({
  metric: z.enum(goalMetrics, { message: `ska vara en av ${goalMetrics.join(", ")}` }),
  comparison: z.enum(comparisons, { message: "ska vara >= eller >" }),
  threshold: z.number({ message: "ska vara ett tal (andelar som bråk: 0.7 = 70 %)" }).finite("ska vara ett tal"),
  // Required for the enkät metrics; the report metrics (arbete/studier, närvaro, avvikelser) have none (omitted or []).
  questions: z.array(z.string().regex(/^q\d+[a-z]?$/, "ska vara frågors id, till exempel q1, q9a"), { message: "ska vara en lista med frågors id" })
    .max(100).default([]),
}, { error: "ska vara ett objekt {metric, comparison, threshold, questions}" }).strict()
  .refine((r) => !isSurveyMetric(r.metric) || r.questions.length > 0, { message: "välj minst en fråga", path: ["questions"] });

/** POST /api/v1/goals and PUT /api/v1/goals/:id: the whole goal. */
export const apiGoal = z.object({
  year: z.number({ message: "ska vara ett årtal" }).int("ska vara ett heltal").min(1990, "kan inte vara före 1990").max(2100, "kan inte vara efter 2100"),
  text: z.string({ message: "ska vara en text" }).trim().min(1, "får inte vara tomt").max(1000, "får vara högst 1000 tecken"),
  questionnaire: z.string({ message: "ska vara en enkäts id" }).max(100).nullish(),
  interventionId: z.uuid({ message: "ska vara en insats id" }).nullish(),
  areaId: z.uuid({ message: "ska vara ett kommunområdes id" }).nullish(),
  rule: apiRule.nullish(),
  verdict: z.enum(manualVerdicts, { message: `ska vara en av ${manualVerdicts.join(", ")}` }).nullish(),
  comment: z.string({ message: "ska vara en text" }).max(2000, "får vara högst 2000 tecken").nullish(),
  sortOrder: z.number({ message: "ska vara ett heltal" }).int("ska vara ett heltal").min(-9999).max(9999).optional(),
}, { error: "ska vara ett JSON-objekt" }).strict()
  .refine((v) => !!v.rule !== !!v.verdict, { message: "ange antingen rule (en regel) eller verdict (en bedömning för hand), inte båda", path: ["rule"] })
  .refine((v) => !v.rule || !isSurveyMetric(v.rule.metric) || !!v.questionnaire, { message: "en regel behöver questionnaire: enkäten frågorna hör till", path: ["questionnaire"] })
  .superRefine((v, ctx) => {
    if (!v.rule) return;
    const scope = { questionnaire: v.questionnaire ?? null, interventionId: v.interventionId ?? null, areaId: v.areaId ?? null, questions: v.rule.questions };
    for (const [path, message] of Object.entries(scopeIssues(v.rule.metric, scope))) ctx.addIssue({ code: "custom", path: path === "questions" ? ["rule", "questions"] : [path], message });
  })
  .transform((v): GoalInput => ({
    year: v.year, text: v.text, questionnaire: v.questionnaire ?? null, interventionId: v.interventionId ?? null, areaId: v.areaId ?? null,
    rule: v.rule ?? null, verdict: v.verdict ?? null, comment: v.verdict ? v.comment?.trim() ?? "" : "", sortOrder: v.sortOrder ?? 0,
  }));

/** Where a year's goals come from when an admin creates them: last year's goals, or the defaults. */
export const goalSources = ["forra-aret", "standard"] as const;
export type GoalSource = (typeof goalSources)[number];

/** GET /mal/skapa?year=&source= (the preview) and POST /mal/skapa (create). */
export const yearPlanForm = z.object({
  year: yearText("Välj år."),
  source: z.preprocess((v) => last(v), z.enum(goalSources, { message: "Välj om målen ska kopieras från förra året eller vara standardmålen." })),
});
