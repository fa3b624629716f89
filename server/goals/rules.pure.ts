/**
 * Goal checks (måluppfyllelse), pure. A computed goal is a rule — metric, comparison, threshold and
 * the questions it covers — applied to figures that have already been through the reporting
 * threshold (QuestionResult from results/threshold.ts), so "för få svar" follows from k without this file
 * knowing k. Manual verdicts (with a comment) are data and are not computed here; only their labels.
 *
 * Verdict over several questions (the rule must hold on each of them):
 *   1. Ej uppfyllt — some question with enough answers misses the threshold (a failure is a
 *      failure, whatever the suppressed questions would have shown);
 *   2. För få svar — otherwise, when some question is below k;
 *   3. Uppfyllt — every question has enough answers and meets the threshold.
 * The comparison is on the exact figure, never the rounded one; the rule text and the figures are
 * always returned so the reader sees why (q9a–q9d "median > 7" with medians 7, 7, 6, 6 is Ej
 * uppfyllt even though 7 looks like the goal).
 *
 * Two metrics are not about enkätsvar and have no questionnaire and no questions: närvaro
 * (over the year's meetings) and the share of finished participants to arbete or studier (from
 * the insats's reports), both checked in report-metrics.pure.ts. Their rules share comparison and
 * threshold (a share) with the others.
 */
import type { QuestionKind } from "../../surveys/define.js";
import {
  formatDecimal, formatExact, formatMetric, formatPercent, metricLabels as surveyMetricLabels, questionNumber, roundHalfUp,
} from "../results/format.js";
import { metrics, metricsOf, type Metric } from "../results/stats.js";
import type { QuestionResult } from "../results/threshold.js";

export { metrics } from "../results/stats.js";
export type { Metric } from "../results/stats.js";

/** Metrics whose figures come from outside the enkätsvar: no questionnaire, no questions. */
export const reportMetrics = ["shareToWorkOrStudies", "attendance", "deviationReports", "positiveMovements"] as const;
export type ReportMetric = (typeof reportMetrics)[number];
/** Every metric a goal's rule can use. */
export const goalMetrics = [...metrics, ...reportMetrics] as const;
export type GoalMetric = Metric | ReportMetric;
/** Whether the metric is computed on a questionnaire's answers (and so needs its questions). */
export const isSurveyMetric = (m: GoalMetric): m is Metric => (metrics as readonly string[]).includes(m);

export const comparisons = [">=", ">"] as const;
export type Comparison = (typeof comparisons)[number];

/**
 * for_fa_svar: there are answers, but fewer than k; underlag_saknas: there is nothing to judge — no
 * insamling, no meetings, no insatsrapport — and the outcome says what is missing (GoalOutcome.missing).
 */
export const verdicts = ["uppfyllt", "delvis_uppfyllt", "ej_uppfyllt", "for_fa_svar", "underlag_saknas"] as const;
export type Verdict = (typeof verdicts)[number];
/** Verdicts a rule can give (Delvis uppfyllt is a judgement, set by hand only). */
export type ComputedVerdict = Exclude<Verdict, "delvis_uppfyllt">;
/** Verdicts an admin may set by hand, with a comment. */
export const manualVerdicts = ["uppfyllt", "delvis_uppfyllt", "ej_uppfyllt"] as const;
export type ManualVerdict = (typeof manualVerdicts)[number];

export const verdictLabels: Record<Verdict, string> = {
  uppfyllt: "Uppfyllt",
  delvis_uppfyllt: "Delvis uppfyllt",
  ej_uppfyllt: "Ej uppfyllt",
  for_fa_svar: "För få svar",
  underlag_saknas: "Underlag saknas",
};

/** What a goal lacks to be judged, and where it is registered ("Inga möten registrerade för Samverk Eksjö", /narvaro). */
export type MissingBasis = { text: string; href: string };

/** How a metric is named in a rule sentence. */
export const metricLabels: Record<GoalMetric, string> = {
  ...surveyMetricLabels,
  shareToWorkOrStudies: "Andel avslutade deltagare till arbete eller studier",
  attendance: "Närvaro",
  deviationReports: "Antal rapporterade avvikelser i samverkan",
  positiveMovements: "Antal deltagare med positiv förflyttning",
};

export const comparisonSigns: Record<Comparison, string> = { ">=": "≥", ">": ">" };

/**
 * A computed rule. `threshold` is a share in [0, 1] for sharePositive/shareYes and the report
 * metrics (0.7 = 70 %), a scale value for mean/median. `questions` are question ids (q1, q9a …)
 * of one questionnaire, empty for the report metrics; which insamlingar, insats, kommunområde or
 * party the figures come from is chosen by the caller.
 */
export type GoalRule = {
  metric: GoalMetric;
  comparison: Comparison;
  threshold: number;
  questions: readonly string[];
};

export type GoalFigure = {
  question: string;
  /** The exact figure; null when suppressed. */
  value: number | null;
  /** Answers behind it; null when suppressed. */
  n: number | null;
  verdict: ComputedVerdict;
  /** The figure as printed ("7", "94 %", "För få svar"); extra decimals when rounding would hide the miss. */
  text: string;
};

export type GoalEvaluation = {
  verdict: ComputedVerdict;
  label: string;
  /** The rule as a sentence: "Median > 7 på var och en av frågorna 9a, 9b, 9c och 9d". */
  ruleText: string;
  /**
   * The deciding figure: the question's value when there is one question; with several, the
   * lowest value among those with enough answers (the rule is met only if that one meets it);
   * null when none has enough answers.
   */
  value: number | null;
  threshold: number;
  figures: GoalFigure[];
  /** The figures as one line: "9a: 7, 9b: 7, 9c: 6, 9d: 6". */
  figuresText: string;
};

/** A rule that does not fit the questionnaire (unknown question, metric the question lacks). */
export class GoalRuleError extends Error {
  constructor(message: string) { super(message); this.name = "GoalRuleError"; }
}

const list = (items: string[]): string =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`;

/** Whether the metric is a share (threshold and figures in percent). */
export const isShare = (m: GoalMetric) => m !== "mean" && m !== "median" && !isCount(m);
/** Whether the metric counts (reports, people): a whole number threshold. */
export const isCount = (m: GoalMetric) => m === "deviationReports" || m === "positiveMovements";

/**
 * The rule as a Swedish sentence: "Andel ofta/för det mesta/alltid ≥ 70 % på var och en av frågorna
 * 1, 2 och 3", "Närvaro ≥ 75 % i varje grupp över året", "Andel avslutade deltagare till arbete
 * eller studier ≥ 35 % enligt insatsrapporten".
 */
export function ruleText(rule: Pick<GoalRule, "metric" | "comparison" | "threshold"> & { questions?: readonly string[] }): string {
  const head = `${metricLabels[rule.metric]} ${comparisonSigns[rule.comparison]} ${formatExact(rule.threshold, isShare(rule.metric))}`;
  if (rule.metric === "attendance") return `${head} i varje grupp över året`;
  if (rule.metric === "shareToWorkOrStudies") return `${head} enligt insatsrapporten`;
  if (rule.metric === "deviationReports") return `${head} under året`;
  if (rule.metric === "positiveMovements") return `${head} enligt förflyttningsmatrisen`;
  const numbers = (rule.questions ?? []).map(questionNumber);
  return numbers.length === 1 ? `${head} på fråga ${numbers[0]}` : `${head} på var och en av frågorna ${list(numbers)}`;
}

/** Whether a value meets the rule (exact comparison). */
export const meets = (value: number, comparison: Comparison, threshold: number): boolean =>
  comparison === ">=" ? value >= threshold : value > threshold;

/**
 * Problems with a rule for a questionnaire's questions, as Swedish messages (empty when fine): for
 * the goal form and API before a rule is saved, so that evaluateGoal never meets a misfit.
 */
export function checkRule(rule: GoalRule, questions: readonly { id: string; kind: QuestionKind }[]): string[] {
  const issues: string[] = [];
  const metric = rule.metric;
  const survey = isSurveyMetric(metric);
  if (survey && !rule.questions.length) issues.push("välj minst en fråga");
  if (!survey && rule.questions.length) issues.push(`${metricLabels[rule.metric].toLowerCase()} räknas inte på enkätfrågor, så regeln ska inte ha några frågor`);
  if (!Number.isFinite(rule.threshold)) issues.push("gränsvärdet måste vara ett tal");
  else if (isShare(rule.metric) && (rule.threshold < 0 || rule.threshold > 1)) issues.push("en andel anges mellan 0 och 100 %");
  else if (metric === "deviationReports" && (!Number.isInteger(rule.threshold) || rule.threshold < 0)) issues.push("ett antal rapporter anges som ett heltal, 0 eller mer");
  else if (metric === "positiveMovements" && (!Number.isInteger(rule.threshold) || rule.threshold < 0)) issues.push("ett antal deltagare anges som ett heltal, 0 eller mer");
  if (!isSurveyMetric(metric)) return issues;
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of rule.questions) {
    const q = byId.get(id);
    if (!q) issues.push(`frågan ${id} finns inte i enkäten`);
    else if (!metricsOf(q.kind).includes(metric)) issues.push(`fråga ${questionNumber(id)} har inget mått "${metricLabels[metric].toLowerCase()}"`);
  }
  return issues;
}

/** Where a goal applies: the fields of a goal besides its rule. */
export type GoalScope = { questionnaire: string | null; interventionId: string | null; areaId: string | null; questions: readonly string[] };

/**
 * What a report metric's goal may not (or must) name, as Swedish messages by field: närvaro is about
 * every grupp of the förbund (no enkät, insats, kommunområde or questions); the share to arbete or
 * studier about one insats's reports (an insats, and no enkät, kommunområde or questions). Empty for
 * the survey metrics, whose scope checkRule and the service check.
 */
export function scopeIssues(metric: GoalMetric, scope: GoalScope): Partial<Record<keyof GoalScope, string>> {
  const issues: Partial<Record<keyof GoalScope, string>> = {};
  if (isSurveyMetric(metric)) return issues;
  if (scope.questions.length) issues.questions = "Frågor gäller bara mått på enkätsvar. Lämna fältet tomt.";
  if (metric === "attendance") {
    if (scope.questionnaire) issues.questionnaire = "Närvaron räknas på registrerade möten, inte på en enkät. Välj ingen enkät.";
    if (scope.interventionId) issues.interventionId = "Närvaromålet gäller alla förbundets grupper. Välj ingen insats.";
    if (scope.areaId) issues.areaId = "Närvaromålet gäller alla förbundets grupper. Välj inget kommunområde.";
  } else if (metric === "deviationReports") {
    if (scope.questionnaire) issues.questionnaire = "Antalet räknas på förbundets avvikelserapporter, inte på en enkät. Välj ingen enkät.";
    if (scope.interventionId) issues.interventionId = "Antalet räknas på alla förbundets avvikelserapporter under året. Välj ingen insats.";
    if (scope.areaId) issues.areaId = "Antalet räknas på alla förbundets avvikelserapporter under året. Välj inget kommunområde.";
  } else if (metric === "positiveMovements") {
    // An insats's matrix, or without an insats every matrix of the förbund's year added up.
    if (scope.questionnaire) issues.questionnaire = "Antalet räknas på förflyttningsmatriserna, inte på en enkät. Välj ingen enkät.";
    if (scope.areaId) issues.areaId = "Förflyttningsmatrisen gäller hela insatsen. Välj inget kommunområde.";
  } else {
    if (scope.questionnaire) issues.questionnaire = "Andelen till arbete eller studier räknas på insatsrapporterna, inte på en enkät. Välj ingen enkät.";
    if (!scope.interventionId) issues.interventionId = "Välj vilken insats målet gäller: andelen räknas på insatsens rapport för året.";
    if (scope.areaId) issues.areaId = "Andelen räknas på hela insatsens rapport för året. Välj inget kommunområde.";
  }
  return issues;
}

/**
 * The figure as printed beside the verdict: normally as everywhere (formatMetric), but when rounding
 * would make it read as the threshold on the wrong side of it (69,95 % shown as "70 %" under
 * "≥ 70 %"), with up to three more decimals so the reader sees the miss.
 */
export function figureText(metric: GoalMetric, value: number, threshold: number): string {
  const share = isShare(metric);
  const scale = share ? 100 : 1;
  const base = metric === "mean" || (metric === "median" && !Number.isInteger(value)) ? 1 : 0; // decimals formatMetric shows
  const target = Number((threshold * scale).toPrecision(12));
  const shown = isSurveyMetric(metric) ? formatMetric(metric, value) : formatPercent(value);
  if (value === threshold || roundHalfUp(value * scale, base) !== target) return shown;
  for (let d = base + 1; d <= base + 3; d++) {
    if (roundHalfUp(value * scale, d) !== target) return share ? formatPercent(value, d) : formatDecimal(value, d);
  }
  return shown;
}

/**
 * Evaluates a computed rule on per-question results (already through the threshold; keyed by
 * question id). Throws GoalRuleError when a question of the rule is missing from `results` or its
 * kind lacks the metric — validate rules with checkRule when they are saved.
 */
export function evaluateGoal(rule: GoalRule, results: Readonly<Record<string, QuestionResult | undefined>>): GoalEvaluation {
  const metric = rule.metric;
  if (!isSurveyMetric(metric)) throw new GoalRuleError(`${metricLabels[metric].toLowerCase()} räknas inte på enkätsvar`);
  if (!rule.questions.length) throw new GoalRuleError("regeln gäller ingen fråga");
  const figures: GoalFigure[] = rule.questions.map((id) => {
    const result = results[id];
    if (!result) throw new GoalRuleError(`frågan ${id} saknas bland resultaten`);
    if (!metricsOf(result.kind).includes(metric)) throw new GoalRuleError(`fråga ${questionNumber(id)} har inget mått ${rule.metric}`);
    if (result.suppressed) return { question: id, value: null, n: null, verdict: "for_fa_svar", text: verdictLabels.for_fa_svar };
    const value = result[metric];
    // A reportable question always has n ≥ 3, so its metric exists; null here would be a bug upstream.
    if (value === null) throw new GoalRuleError(`fråga ${questionNumber(id)} saknar värde för ${rule.metric}`);
    return {
      question: id, value, n: result.n,
      verdict: meets(value, rule.comparison, rule.threshold) ? "uppfyllt" : "ej_uppfyllt",
      text: figureText(rule.metric, value, rule.threshold),
    };
  });
  const verdict: ComputedVerdict = figures.some((f) => f.verdict === "ej_uppfyllt") ? "ej_uppfyllt"
    : figures.some((f) => f.verdict === "for_fa_svar") ? "for_fa_svar" : "uppfyllt";
  const values = figures.map((f) => f.value).filter((v): v is number => v !== null);
  return {
    verdict,
    label: verdictLabels[verdict],
    ruleText: ruleText(rule),
    value: values.length ? Math.min(...values) : null,
    threshold: rule.threshold,
    figures,
    figuresText: figures.map((f) => (figures.length === 1 ? f.text : `${questionNumber(f.question)}: ${f.text}`)).join(", "),
  };
}
