/**
 * Mål (måluppfyllelse): a förbund's goals of a year, each either a rule checked on figures or a
 * verdict set by hand. The figures come from the features that own them, through their services:
 * enkät goals from the result views (results/), närvaro goals from the meetings (attendance/), and
 * the share to arbete or studier from the insatsrapporter (interventionreports/). The rules and
 * checks are pure (rules.pure.ts, report-metrics.pure.ts); the default goals are data (defaults.ts).
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import type { Done, FieldErrors } from "../result.js";
import { NotFoundError } from "../errors.js";
import * as collections from "../collections/service.js";
import * as organisation from "../organisation/service.js";
import * as questionnaires from "../questionnaires/service.js";
import * as audit from "../audit/service.js";
import * as results from "../results/service.js";
import * as attendance from "../attendance/service.js";
import * as deviations from "../deviations/service.js";
import * as interventionReports from "../interventionreports/service.js";
import { behindOthers } from "../../models/db.js";
import { questionsOf } from "../../surveys/define.js";
import { transactional } from "../unit-of-work.js";
import {
  checkRule, evaluateGoal, GoalRuleError, isSurveyMetric, ruleText, verdictLabels, type Comparison, type GoalEvaluation, type GoalFigure, type GoalRule, type MissingBasis, type Verdict,
} from "./rules.pure.js";
import { attendanceGoal, deviationReportsGoal, positiveMovementsGoal, workOrStudiesGoal, type AttendanceGoal } from "./report-metrics.pure.js";
import { positiveMovementRule, positiveMovements, startedIn, categories as movementCategories, type Matrix } from "../socioeconomics/movements.pure.js";
import { tr } from "../../surveys/define.js";
import { questionRole } from "../results/roles.pure.js";
import { questionNumber } from "../results/format.js";
import { ATTENDANCE_THRESHOLD, DEMO_WORK_OR_STUDIES, defaultGoals, INDIKATOR_PAGAENDE } from "./defaults.js";
import * as repo from "./repo.js";
import type { GoalInput, GoalSource } from "./schema.js";

export { DEMO_WORK_OR_STUDIES } from "./defaults.js";

export type GoalRow = repo.GoalRow;
export type GoalOutcome = {
  goal: GoalRow;
  verdict: Verdict;
  label: string;
  /** The rule as a sentence; null for a verdict set by hand. */
  ruleText: string | null;
  value: number | null;
  threshold: number | null;
  figures: GoalFigure[];
  figuresText: string;
  /** With Underlag saknas: what is missing and where it is registered; empty otherwise. */
  missing: MissingBasis[];
};

/** Where insamlingar are opened. */
const COLLECTIONS_HREF = "/insamlingar";

export const ruleOf = (g: GoalRow): GoalRule | null => (g.rule ? { ...g.rule } : null);

/** Where a view's figures come from: its insats and kommunområde (null or undefined: all). */
type Scope = { interventionId?: string | null; areaId?: string | null };

/** Whether a goal is about these figures: the same questionnaire, and its insats and kommunområde (if any) are the view's. */
function applies(g: GoalRow, questionnaireId: string, scope: Scope): boolean {
  return g.questionnaireId === questionnaireId
    && (g.interventionId === null || g.interventionId === scope.interventionId)
    && (g.areaId === null || g.areaId === scope.areaId);
}

/** Names for what a goal lacks: its insats and kommunområde ("för SE-Höglandet"). */
type Names = { interventions: Map<string, string>; areas: Map<string, string> };
const namesOf = (org: organisation.Organisation): Names => ({
  interventions: new Map(org.interventions.map((i) => [i.id, i.name])), areas: new Map(org.areas.map((a) => [a.id, a.name])),
});

function outcome(g: GoalRow, view: Pick<results.View, "results"> & Partial<Pick<results.View, "collections" | "definition" | "year">> | null, names?: Names): GoalOutcome {
  if (!g.rule || !view) {
    const verdict = (g.manualVerdict ?? "for_fa_svar") as Verdict;
    return { goal: g, verdict, label: verdictLabels[verdict], ruleText: null, value: null, threshold: null, figures: [], figuresText: "", missing: [] };
  }
  const rule = ruleOf(g)!;
  if (view.collections && !view.collections.length) {
    // No insamling at all: nothing to judge, which is not the same as too few answers.
    const where = [g.interventionId && names?.interventions.get(g.interventionId), g.areaId && names?.areas.get(g.areaId)].filter(Boolean).join(", ");
    const text = `Ingen insamling av ${view.definition ? tr(view.definition.title, "sv") : "enkäten"}${where ? ` för ${where}` : ""}${view.year ? ` ${view.year}` : ""}`;
    return {
      goal: g, verdict: "underlag_saknas", label: verdictLabels.underlag_saknas, ruleText: ruleText(rule), value: null, threshold: rule.threshold,
      figures: [], figuresText: text, missing: [{ text, href: COLLECTIONS_HREF }],
    };
  }
  let e: GoalEvaluation;
  try {
    e = evaluateGoal(rule, view.results);
  } catch (err) {
    // A rule saved against another version of the questionnaire: say so rather than fail the page.
    if (!(err instanceof GoalRuleError)) throw err;
    return { goal: g, verdict: "for_fa_svar", label: verdictLabels.for_fa_svar, ruleText: ruleText(rule), value: null, threshold: rule.threshold, figures: [], figuresText: `Kan inte beräknas: ${err.message}.`, missing: [] };
  }
  return { goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: e.figures, figuresText: e.figuresText, missing: [] };
}

// ——— Goals beside results ———

/** A result view (results/service.ts) with the goals of its year that apply to it. */
export type ResultsWithGoals<R extends results.Results = results.Results> = R & { goals: GoalOutcome[] };

/**
 * Adds to result views the goals of their year that apply to them (same questionnaire, and the
 * goal's insats and kommunområde, if any, are the view's `scope`: the insamling's, or the year filter's),
 * evaluated on the view's figures.
 */
export const withGoals = <R extends results.Results>(ctx: Ctx, r: R, scope: Scope): Promise<ResultsWithGoals<R>> => behindOthers(async () => {
  const rows = await repo.listGoals(ctx.db, r.org.id, r.view.year);
  const goals = rows.filter((g) => applies(g, r.view.questionnaireId, scope)).map((g) => outcome(g, g.rule ? r.view : null));
  return { ...r, goals };
});

// ——— Every goal of a year ———

/**
 * Every goal of a year, each evaluated over its own scope: an enkät goal over the year's insamlingar
 * of its questionnaire, insats and kommunområde; a närvaro goal over every grupp's meetings of the
 * year; an arbete/studier goal over its insats's reports of the year.
 */
export const goalOutcomes = (...args: Parameters<typeof readGoalOutcomes>) => behindOthers(() => readGoalOutcomes(...args));
async function readGoalOutcomes(ctx: Ctx, forbundId: string, year: number): Promise<GoalOutcome[]> {
  const rows = await repo.listGoals(ctx.db, forbundId, year);
  if (!rows.some((g) => g.rule)) return rows.map((g) => outcome(g, null));
  const views = results.yearViews(ctx, forbundId, year);
  const org = await organisation.getOrganisation(ctx, forbundId);
  const names = namesOf(org);
  let figures: interventionReports.YearFigure[] | undefined;
  let groups: attendance.Summary["groups"] | undefined;
  let reported: number | undefined;
  let counts: Map<string, { people: number; positive: number }> | undefined;
  const out: GoalOutcome[] = [];
  for (const g of rows) {
    const rule = g.rule;
    if (rule?.metric === "shareToWorkOrStudies") {
      figures ??= await interventionReports.yearFigures(ctx, forbundId, year);
      const e = workOrStudiesGoal(figures.find((f) => f.interventionId === g.interventionId), rule, year, g.interventionId ? names.interventions.get(g.interventionId) : undefined);
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.figuresText, missing: e.missing });
      continue;
    }
    if (rule?.metric === "attendance") {
      groups ??= (await attendance.summary(ctx, forbundId, year)).groups;
      const e = attendanceGoal(groups, rule.threshold, rule.comparison);
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.goalFiguresText, missing: e.missing });
      continue;
    }
    if (rule?.metric === "deviationReports") {
      reported ??= (await deviations.analysis(ctx, forbundId, year)).total;
      const e = deviationReportsGoal(reported, rule, year);
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.figuresText, missing: e.missing });
      continue;
    }
    if (rule?.metric === "positiveMovements") {
      counts ??= new Map([...await repo.movementMatricesOf(ctx.db, forbundId, year)].map(([id, m]) => [id, {
        people: movementCategories.reduce((a, from) => a + startedIn(m as Matrix, from), 0), positive: positiveMovements(m as Matrix),
      }]));
      const mine = [...counts].filter(([id]) => !g.interventionId || id === g.interventionId)
        .map(([id, c]) => ({ name: names.interventions.get(id) ?? "", ...c }));
      const e = positiveMovementsGoal(mine, rule, year, {
        insats: g.interventionId ? names.interventions.get(g.interventionId) : undefined, outcomeThreshold: org.outcomeThreshold, positiveRule: positiveMovementRule,
      });
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.figuresText, missing: e.missing });
      continue;
    }
    if (!rule || !g.questionnaireId) { out.push(outcome(g, null)); continue; }
    out.push(outcome(g, await views.view(g.questionnaireId, { interventionId: g.interventionId ?? undefined, areaId: g.areaId ?? undefined }), names));
  }
  return out;
}

// ——— Närvaro ———

/**
 * The närvaro rule of a year: that of the year's first närvaro goal (in the goals' order), or 75 %
 * (≥) when the year has none. The närvaro summary and its API take their threshold from here.
 */
export async function attendanceRule(ctx: Ctx, forbundId: string, year: number): Promise<{ threshold: number; comparison: Comparison; goalId: string | null }> {
  const g = (await repo.listGoals(ctx.db, forbundId, year)).find((x) => x.rule?.metric === "attendance");
  return g?.rule ? { threshold: g.rule.threshold, comparison: g.rule.comparison, goalId: g.id } : { threshold: ATTENDANCE_THRESHOLD, comparison: ">=", goalId: null };
}

/** The närvaro of a year with the check of the year's närvaro goal (goalId: that goal, null when the year has none). */
export type AttendanceSummary = attendance.Summary & { goal: AttendanceGoal; goalId: string | null };

/** Every grupp's närvaro over the year (attendance/service.ts summary) and the check of the year's närvaro rule. */
export async function attendanceSummary(ctx: Ctx, forbundId: string, year: number, meetings?: attendance.Meeting[]): Promise<AttendanceSummary> {
  const [rule, s] = await Promise.all([attendanceRule(ctx, forbundId, year), attendance.summary(ctx, forbundId, year, meetings)]);
  return { ...s, goal: attendanceGoal(s.groups, rule.threshold, rule.comparison), goalId: rule.goalId };
}

// ——— Goal administration ———

/**
 * The goals page of a year. Opening it creates nothing (a page or an API GET never does); a year
 * without goals offers an admin to create them on purpose (yearPlan, createYearGoals).
 */
export async function goalsPage(ctx: Ctx, user: ForbundUser, year: number) {
  const goals = await goalOutcomes(ctx, user.forbundId, year);
  return { goals, previousCount: goals.length ? 0 : await repo.countGoals(ctx.db, user.forbundId, year - 1) };
}

/**
 * Creates the default goals of a year (defaults.ts), idempotently, for every individinriktad insats
 * active that year and every insats with an indikator insamling that year, and SE-Höglandet's goal
 * of arbete or studier in the demo förbund. Only the demo förbund's first start calls it (on purpose:
 * the demo starts with 002's goals before it has any data); an admin creates a year's goals with
 * createYearGoals. Returns how many were created.
 */
export async function ensureDefaultGoals(ctx: Ctx, forbundId: string, year: number): Promise<number> {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const all = await collections.listCollections(ctx, forbundId);
  const withInsamling = new Set(all.filter((c) => c.year === year && c.questionnaireId === INDIKATOR_PAGAENDE && c.interventionId).map((c) => c.interventionId!));
  const insatser = org.interventions.filter((i) => withInsamling.has(i.id)
    || (i.kind === "individinriktad" && (i.fromYear ?? year) <= year && year <= (i.toYear ?? year)));
  const demo = org.isDemo ? org.interventions.find((i) => i.name === DEMO_WORK_OR_STUDIES.intervention) : undefined;
  return repo.insertDefaultGoals(ctx.db, defaultGoals(forbundId, year, insatser, demo));
}

/** A goal to be created, as the preview lists it. */
export type PlannedGoal = repo.NewGoal & { ruleText: string | null; insats: string | null };

/**
 * The goals a year would get from a source, without creating anything (the preview):
 * "forra-aret" copies last year's goals with a rule (text, rule, insats, kommunområde, order; a goal
 * judged by hand is its year's verdict and is not copied); "standard" gives the default goals
 * (defaults.ts) for the insatser that have an insamling or an insatsrapport that year — an insats
 * with no data that year gets no goal — plus samverkan, närvaro and, in the demo förbund, arbete/studier.
 */
export async function yearPlan(ctx: Ctx, forbundId: string, year: number, source: GoalSource): Promise<PlannedGoal[]> {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const names = namesOf(org);
  let rows: repo.NewGoal[];
  if (source === "forra-aret") {
    // A goal judged by hand has only its verdict, which belongs to its year: it is not copied.
    rows = (await repo.listGoals(ctx.db, forbundId, year - 1)).filter((g) => g.rule).map((g) => ({
      forbundId, year, text: g.text, questionnaireId: g.questionnaireId, interventionId: g.interventionId, areaId: g.areaId,
      rule: g.rule, manualVerdict: null, comment: "", sortOrder: g.sortOrder, defaultKey: g.defaultKey,
    }));
  } else {
    const [all, figures] = await Promise.all([collections.listCollections(ctx, forbundId), interventionReports.yearFigures(ctx, forbundId, year)]);
    const withData = new Set([
      ...all.filter((c) => c.year === year && c.interventionId).map((c) => c.interventionId!),
      ...figures.map((f) => f.interventionId),
    ]);
    const demo = org.isDemo ? org.interventions.find((i) => i.name === DEMO_WORK_OR_STUDIES.intervention && withData.has(i.id)) : undefined;
    rows = defaultGoals(forbundId, year, org.interventions.filter((i) => withData.has(i.id)), demo);
  }
  return rows.map((r) => ({
    ...r, ruleText: r.rule ? ruleText(r.rule) : null, insats: r.interventionId ? names.interventions.get(r.interventionId) ?? null : null,
  }));
}

export type CreatedGoals = { ok: true; created: number } | { ok: false; errors: FieldErrors };

/** Creates a year's goals from a source (yearPlan), only while the year has none; in one transaction with its audit line. */
export const createYearGoals = transactional(async function createYearGoals(ctx: Ctx, actor: ForbundUser, year: number, source: GoalSource): Promise<CreatedGoals> {
  const forbundId = actor.forbundId;
  if (await repo.countGoals(ctx.db, forbundId, year)) return { ok: false, errors: { _form: `${year} har redan mål. Ändra dem i listan, eller ta bort dem först.` } };
  const plan = await yearPlan(ctx, forbundId, year, source);
  if (!plan.length) return { ok: false, errors: { _form: source === "forra-aret" ? `${year - 1} har inga mål att kopiera.` : `Det finns inga mål att skapa för ${year}.` } };
  const created = await repo.insertDefaultGoals(ctx.db, plan.map(({ ruleText: _r, insats: _i, ...row }) => row));
  await audit.record(ctx, actor, "organisation.changed", { what: "mål", change: source === "forra-aret" ? "kopierade från förra året" : "standardmål skapade", year, count: created });
  return { ok: true, created };
});

export async function getGoal(ctx: Ctx, forbundId: string, id: string): Promise<GoalRow> {
  const g = await repo.findGoal(ctx.db, forbundId, id);
  if (!g) throw new NotFoundError("Målet finns inte.");
  return g;
}

/** One goal with its verdict over its own scope. */
export async function goalOutcome(ctx: Ctx, forbundId: string, id: string): Promise<GoalOutcome> {
  const g = await getGoal(ctx, forbundId, id);
  return (await goalOutcomes(ctx, forbundId, g.year)).find((o) => o.goal.id === id)!;
}

export type SavedGoal = Done<{ goal: GoalRow }>;

/** Checks what the schema cannot (questionnaire, the rule against its questions, insats and kommunområde of the förbund), then saves. */
export const saveGoal = transactional(async function saveGoal(ctx: Ctx, actor: ForbundUser, id: string | null, v: GoalInput): Promise<SavedGoal> {
  const forbundId = actor.forbundId;
  if (id) await getGoal(ctx, forbundId, id);
  const org = await organisation.getOrganisation(ctx, forbundId);
  const errors: FieldErrors = {};
  const def = v.questionnaire ? await questionnaires.currentDefinition(ctx, forbundId, v.questionnaire) : undefined;
  if (v.questionnaire && !def) errors.questionnaire = "Enkäten finns inte. Välj en enkät i listan.";
  if (v.rule && def) {
    const needs = v.rule.metric === "sharePositive" || v.rule.metric === "shareYes"
      ? questionsOf(def).filter((q) => v.rule!.questions.includes(q.id) && questionRole(def.id, q) === "need") : [];
    const issues = [
      ...checkRule(v.rule, questionsOf(def)),
      ...needs.map((q) => `fråga ${questionNumber(q.id)} gäller behov, inte hur stödet upplevs, och ingår inte i ett mål om andel positiva eller ja`),
    ];
    if (issues.length) errors.questions = `Regeln passar inte enkäten: ${issues.join("; ")}.`;
  }
  if (v.rule && !isSurveyMetric(v.rule.metric)) {
    const issues = checkRule(v.rule, []);
    if (issues.length) errors.threshold = `Regeln går inte att räkna: ${issues.join("; ")}.`;
  }
  if (v.interventionId && !org.interventions.some((i) => i.id === v.interventionId)) errors.interventionId = "Insatsen finns inte i förbundet. Välj en insats i listan.";
  if (v.areaId && !org.areas.some((a) => a.id === v.areaId)) errors.areaId = "Kommunområdet finns inte i förbundet. Välj ett kommunområde i listan.";
  if (Object.keys(errors).length) return { ok: false, errors };
  const values = {
    year: v.year, text: v.text, questionnaireId: v.questionnaire, interventionId: v.interventionId, areaId: v.areaId,
    rule: v.rule ? { ...v.rule, questions: [...v.rule.questions] } : null, manualVerdict: v.verdict, comment: v.comment, sortOrder: v.sortOrder,
  };
  const goal = id ? (await repo.updateGoal(ctx.db, forbundId, id, values))! : await repo.insertGoal(ctx.db, { forbundId, ...values });
  await audit.record(ctx, actor, "organisation.changed", { what: "mål", change: id ? "ändrat" : "skapat", id: goal.id, year: goal.year, text: goal.text });
  return { ok: true, goal };
});

export const deleteGoal = transactional(async function deleteGoal(ctx: Ctx, actor: ForbundUser, id: string): Promise<GoalRow> {
  const g = await getGoal(ctx, actor.forbundId, id);
  await repo.deleteGoal(ctx.db, g.forbundId, id);
  await audit.record(ctx, actor, "organisation.changed", { what: "mål", change: "borttaget", id, year: g.year, text: g.text });
  return g;
});
