/** What the goals pages, the goals API and the results pages show of a goal and its verdict. */
import { standardSurveys } from "../../surveys/index.js";
import { tr } from "../../surveys/define.js";
import { formatExact, questionNumber } from "../results/format.js";
import type { Organisation } from "../organisation/service.js";
import { comparisonSigns, goalMetrics, isShare, manualVerdicts, metricLabels, verdictLabels, type GoalMetric } from "./rules.pure.js";
import type { GoalOutcome, GoalRow, PlannedGoal } from "./service.js";

type Choice = { value: string; label: string };

// ——— API ———

/** A goal beside results: the rule as printed, the deciding figure, the threshold and the verdict. */
export const goalResultJson = (o: GoalOutcome) => ({
  id: o.goal.id, text: o.goal.text, rule: o.ruleText, value: o.value, threshold: o.threshold, verdict: o.verdict,
  // Added with the verdict underlag_saknas: what is missing, and where it is registered.
  missing: o.missing,
});

/** A goal in the goals API: everything needed to show it, and to send it back changed with PUT. */
export function goalJson(o: GoalOutcome) {
  const g = o.goal;
  return {
    id: g.id, year: g.year, text: g.text, questionnaire: g.questionnaireId, interventionId: g.interventionId, areaId: g.areaId,
    rule: g.rule ? { metric: g.rule.metric, comparison: g.rule.comparison, threshold: g.rule.threshold, questions: g.rule.questions } : null,
    ruleText: o.ruleText, verdict: o.verdict, value: o.value, threshold: o.threshold,
    figures: o.figures.map((f) => ({ question: f.question, value: f.value, n: f.n })),
    // Added with the närvaro and arbete/studier goals, whose figures are not per question: the figures as printed.
    label: o.label, figuresText: o.figuresText,
    // Added with the verdict underlag_saknas: what is missing, and where it is registered.
    missing: o.missing,
    comment: g.comment, sortOrder: g.sortOrder,
  };
}

// ——— Pages ———

/** The link beside Underlag saknas, by where the missing basis is registered. */
const registerTexts: Record<string, string> = {
  "/narvaro": "Registrera möten och närvaro", "/insatsrapporter": "Registrera insatsrapport", "/insamlingar": "Öppna en insamling",
};

/** A goal with its verdict, as the goals list and the results pages show it. */
export function goalView(o: GoalOutcome) {
  return {
    id: o.goal.id, text: o.goal.text, verdict: o.verdict, label: o.label, ruleText: o.ruleText, figuresText: o.figuresText,
    comment: o.goal.comment, manual: !o.goal.rule,
    missingLinks: [...new Set(o.missing.map((m) => m.href))].map((href) => ({ href, text: registerTexts[href] ?? "Registrera det som saknas" })),
    scope: o.goal.rule ? "" : "Bedömt för hand",
  };
}

/** Where a metric's figures come from, as the goal form says it. */
const metricSources: Record<GoalMetric, string> = {
  sharePositive: "enkät", shareYes: "enkät", mean: "enkät", median: "enkät",
  shareToWorkOrStudies: "insatsrapport, välj insats", attendance: "närvaro i varje grupp, registrerade möten",
  deviationReports: "avvikelser i samverkan, förbundets rapporter under året",
  positiveMovements: "stegförflyttning, en insats eller alla insatsers matriser",
};
export const metricChoices = goalMetrics.map((m) => ({ value: m, label: `${metricLabels[m]} (${metricSources[m]})` }));
export const comparisonChoices = [{ value: ">=", label: `${comparisonSigns[">="]} (minst)` }, { value: ">", label: `${comparisonSigns[">"]} (över)` }];
export const verdictChoices = manualVerdicts.map((v) => ({ value: v, label: verdictLabels[v] }));

/** A row of the goals list. */
export function goalListRow(o: GoalOutcome, org: Organisation) {
  const g = o.goal;
  const scope = [
    g.questionnaireId ? tr(standardSurveys.find((d) => d.id === g.questionnaireId)?.title, "sv") || g.questionnaireId : "",
    g.interventionId ? org.interventions.find((i) => i.id === g.interventionId)?.name ?? "" : "",
    g.areaId ? org.areas.find((a) => a.id === g.areaId)?.name ?? "" : "",
  ].filter(Boolean).join(", ");
  return { ...goalView(o), scope: scope || (g.rule?.metric === "attendance" ? "Förbundets alla grupper" : "Hela förbundet") };
}

/** The goal form's values from a stored goal (threshold in percent for shares, questions as printed numbers). */
export function goalFormValues(g?: GoalRow, defaults: { year?: number } = {}) {
  if (!g) return { year: defaults.year ?? "", text: "", type: "regel", questionnaire: "", interventionId: "", areaId: "", metric: "", comparison: ">=", threshold: "", questions: "", verdict: "", comment: "", sortOrder: "0" };
  const r = g.rule;
  return {
    year: g.year, text: g.text, type: r ? "regel" : "manuell", questionnaire: g.questionnaireId ?? "", interventionId: g.interventionId ?? "", areaId: g.areaId ?? "",
    metric: r?.metric ?? "", comparison: r?.comparison ?? ">=",
    // formatExact without the percent sign: 0.7 → "70", 7.25 → "7,25" (plain number the form reads back).
    threshold: r ? formatExact(isShare(r.metric) ? r.threshold * 100 : r.threshold).replace(/\u202F/g, "") : "",
    // questions is empty for närvaro and arbete/studier
    questions: r ? r.questions.map(questionNumber).join(", ") : "", verdict: g.manualVerdict ?? "", comment: g.comment, sortOrder: String(g.sortOrder),
  };
}

/** Values typed into the goal form, for showing it again. */
export function typedGoalValues(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  const s = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  return {
    year: s("year"), text: s("text"), type: s("type") || "regel", questionnaire: s("questionnaire"), interventionId: s("interventionId"), areaId: s("areaId"),
    metric: s("metric"), comparison: s("comparison"), threshold: s("threshold"), questions: s("questions"), verdict: s("verdict"), comment: s("comment"), sortOrder: s("sortOrder"),
  };
}

/** The choices of the goal form; `questionnaires`: the standard ones and the förbund's own published ones. */
export function goalChoices(org: Organisation, questionnaires: Choice[]) {
  return {
    questionnaires,
    interventions: org.interventions.map((i) => ({ value: i.id, label: i.name })),
    areas: org.areas.map((a) => ({ value: a.id, label: a.name })),
    metrics: metricChoices, comparisons: comparisonChoices, verdicts: verdictChoices,
  };
}

/** The goals a year would get, as the preview lists them. */
export const plannedRows = (plan: PlannedGoal[]) => plan.map((g) => ({
  text: g.text, ruleText: g.ruleText ?? "Bedömt för hand", scope: g.insats ?? (g.rule?.metric === "attendance" ? "Förbundets alla grupper" : "Hela förbundet"),
}));
