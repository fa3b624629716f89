/**
 * Results and goal checks: the figures of one insamling, or of a year of one questionnaire filtered
 * by insats, kommunområde and respondent group, with last year's figures and the goals' verdicts.
 *
 * The path of a figure: SQL counts per insamling, question and value (repo.ts) → stats.ts per
 * question → threshold.ts (n < k, and complementary suppression below) → goals.ts → present.ts.
 *
 * Disclosure by subtraction. Every view shown anywhere — an insamling, or a year view over the
 * insamlingar of one questionnaire that match a filter — is a union of insamlingar, so a small
 * insamling hidden on its own page could be worked out as "the year minus the others". For each
 * question, the year's insamlingar are therefore treated as the cells of every breakdown the pages
 * can show (each filter combination split into its insamlingar, and into the next finer filter),
 * and suppressBreakdown decides each of them with hasTotal = true; a view is suppressed when any
 * breakdown it is a cell of says so. Decided per member set, so the same figures are hidden on
 * every page that could show them. Free text is disaggregated data and cannot be protected by
 * hiding totals, so a view lists only the texts of insamlingar that may show their own texts.
 *
 * Counts per insamling are not computed at request time: PostgreSQL keeps them in response_tallies
 * as responses are written (triggers on responses, whichever path writes them), and a call reads the
 * few hundred counts of the insamlingar it needs. Nothing is cached in the process, so every call
 * (and every process on the same database) sees the committed responses.
 */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import type { FieldErrors } from "../http/forms.js";
import { canReadForbundWide, FORBUND_WIDE_REFUSED } from "../http/scope.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import * as collections from "../collections/service.js";
import * as organisation from "../organisation/service.js";
import * as audit from "../audit/service.js";
import { maskPii } from "../privacy/pii.js";
import { findSurvey } from "../../surveys/index.js";
import { commentKey, otherKey, questionsOf, type Definition, type Question } from "../../surveys/define.js";
import { sameQuestion } from "../../surveys/edit.js";
import * as questionnaires from "../questionnaires/service.js";
import * as attendance from "../attendance/service.js";
import * as interventionReports from "../interventionreports/service.js";
import { ATTENDANCE_THRESHOLD } from "../attendance/attendance.pure.js";
import { workOrStudiesGoal } from "../interventionreports/outcomes.pure.js";
import { questionStats, type QuestionStats } from "./stats.js";
import { effectiveK, isReportable, reportableTexts, reportQuestion, suppressBreakdown, suppressedResult, type QuestionResult } from "./threshold.js";
import {
  checkRule, evaluateGoal, GoalRuleError, isSurveyMetric, ruleText, verdictLabels, type Comparison, type GoalEvaluation, type GoalFigure, type GoalRule, type Verdict,
} from "./goals.js";
import * as held from "../answering/held.js";
import * as repo from "./repo.js";
import { behindOthers } from "../../models/db.js";
import { cachedTexts, keepTexts, textKey } from "./text-cache.js";
import type { GoalInput, YearFilterInput } from "./schema.js";
import { transactional } from "../unit-of-work.js";

type Collection = collections.Collection;
type Organisation = organisation.Organisation;

/** The dimensions a year view can be filtered by; an insamling has one value (or null) of each. */
export const DIMENSIONS = ["interventionId", "areaId", "respondentGroup"] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** A filter: a value (null = none set) per dimension, undefined = any. */
export type Pattern = Partial<Record<Dimension, string | null>>;

const matches = (c: Pick<Collection, Dimension>, p: Pattern) => DIMENSIONS.every((d) => p[d] === undefined || c[d] === p[d]);

/** The most free-text answers listed per question on a page. */
export const TEXT_LIMIT = 200;
export const INDIKATOR_PAGAENDE = "indikator-deltagare-pagaende";
export const SAMVERKAN = "samverkan-utvardering";

/** This year in Sweden. */
export const currentYear = (ctx: Ctx): number => Number(collections.swedishToday(ctx.clock.now()).slice(0, 4));
/** The förbund's organisation (names of insatser and kommunområden, the reporting threshold). */
export const organisationOf = (ctx: Ctx, forbundId: string): Promise<Organisation> => organisation.getOrganisation(ctx, forbundId);

// ——— Counts per insamling ———

export type Tally = { finished: number; values: Map<string, Map<string, number>>; answered: Map<string, number> };
const emptyTally = (): Tally => ({ finished: 0, values: new Map(), answered: new Map() });

/** Which keys of a definition are counted how, with every value each can take (see repo.TallyPlan). */
function planOf(def: Definition): Omit<repo.TallyPlan, "collectionIds"> {
  const plan: Omit<repo.TallyPlan, "collectionIds"> = { values: [], multi: [], texts: [] };
  const range = (max: number) => Array.from({ length: max + 1 }, (_, i) => String(i));
  for (const q of questionsOf(def)) {
    switch (q.kind) {
      case "frequency6": case "scale6": plan.values.push({ key: q.id, domain: range(6) }); break;
      case "scale10": plan.values.push({ key: q.id, domain: range(10) }); break;
      case "yesno": plan.values.push({ key: q.id, domain: ["ja", "nej"] }); break;
      case "single": plan.values.push({ key: q.id, domain: q.options.map((o) => o.code) }); break;
      case "multi":
        plan.multi.push({ key: q.id, codes: q.options.map((o) => o.code).concat(q.other ? ["annat"] : []) });
        if (q.other) plan.texts.push(otherKey(q.id));
        break;
      case "text": plan.texts.push(q.id); break;
    }
    if (q.comment) plan.texts.push(commentKey(q.id));
  }
  return plan;
}

type Plan = Omit<repo.TallyPlan, "collectionIds">;

/** Counts of each insamling, read from response_tallies: one query per distinct plan (definition). */
async function loadTallies(ctx: Ctx, list: Collection[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>(list.map((c) => [c.id, emptyTally()]));
  const todo = new Map<string, { plan: Plan; ids: string[] }>();
  for (const c of list) {
    const plan = planOf(c.definition);
    const key = JSON.stringify(plan);
    if (!todo.has(key)) todo.set(key, { plan, ids: [] });
    todo.get(key)!.ids.push(c.id);
  }
  for (const { plan, ids } of todo.values()) {
    for (const r of await repo.tallies(ctx.db, { collectionIds: ids, ...plan })) addRow(out.get(r.collectionId)!, r);
  }
  return out;
}

function addRow(t: Tally, r: repo.TallyRow) {
  if (r.question === null) t.finished += r.n;
  else if (r.value === null) t.answered.set(r.question, (t.answered.get(r.question) ?? 0) + r.n);
  else {
    if (!t.values.has(r.question)) t.values.set(r.question, new Map());
    const m = t.values.get(r.question)!;
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
  }
}

function mergeTallies(list: Tally[]): Tally {
  if (list.length === 1) return list[0];
  const out = emptyTally();
  for (const t of list) {
    out.finished += t.finished;
    for (const [q, n] of t.answered) out.answered.set(q, (out.answered.get(q) ?? 0) + n);
    for (const [q, values] of t.values) {
      if (!out.values.has(q)) out.values.set(q, new Map());
      const m = out.values.get(q)!;
      for (const [v, n] of values) m.set(v, (m.get(v) ?? 0) + n);
    }
  }
  return out;
}

/** The raw figures of every question of a definition from counts. */
function statsOf(def: Definition, t: Tally): Map<string, QuestionStats> {
  const out = new Map<string, QuestionStats>();
  for (const q of questionsOf(def)) {
    const respondents = q.kind === "multi" || q.kind === "text" ? t.answered.get(q.id) ?? 0 : undefined;
    out.set(q.id, questionStats(q, t.values.get(q.id) ?? new Map(), respondents));
  }
  return out;
}

// ——— Complementary suppression over the views of a year (pure) ———

export type Cell = { id: string; dims: readonly (string | null)[]; n: number };
/** The key of a set of insamlingar: their ids, sorted. */
export const memberKey = (ids: Iterable<string>): string => [...ids].sort().join(",");

/**
 * The member sets (memberKey) whose figures of one question must be hidden, given that question's
 * n per insamling (`cells`, each with its value of every dimension). Every filter combination is a
 * view with a total; each is split into its insamlingar and, for each dimension it leaves open, into
 * the views one step finer; suppressBreakdown(hasTotal = true) decides every split. Sets with n < k
 * are included. Deterministic, so every page that can show a set decides it the same way.
 */
export function suppressedSets(cells: readonly Cell[], k: number | null | undefined): Set<string> {
  const flagged = new Set<string>();
  if (!cells.length) return flagged;
  const dims = cells[0].dims.length;
  const views = new Map<string, { mask: number; members: Cell[] }>();
  for (const c of cells) {
    for (let mask = 0; mask < 1 << dims; mask++) {
      const key = `${mask}:${c.dims.map((v, i) => (mask & (1 << i) ? JSON.stringify(v) : "*")).join(":")}`;
      if (!views.has(key)) views.set(key, { mask, members: [] });
      views.get(key)!.members.push(c);
    }
  }
  const split = (groups: Cell[][]) => {
    if (groups.length < 2) return;
    const s = suppressBreakdown(groups.map((g) => ({ key: memberKey(g.map((c) => c.id)), n: g.reduce((a, c) => a + c.n, 0) })), k, true);
    for (const key of s.suppressed) flagged.add(key);
  };
  for (const v of views.values()) {
    split(v.members.map((c) => [c]));
    for (let i = 0; i < dims; i++) {
      if (v.mask & (1 << i)) continue;
      const by = new Map<string | null, Cell[]>();
      for (const c of v.members) {
        if (!by.has(c.dims[i])) by.set(c.dims[i], []);
        by.get(c.dims[i])!.push(c);
      }
      split([...by.values()]);
    }
  }
  return flagged;
}

// ——— The insamlingar of one year and questionnaire ———

type Member = { c: Collection; finished: number; unfinished: number; tally: Tally; stats: Map<string, QuestionStats> };
type Base = {
  year: number; questionnaireId: string; k: number; members: Member[]; suppressed: Map<string, Set<string>>;
  /** The newest snapshot of the questionnaire in any year: the wording when this year has no insamling (an own questionnaire has no code definition). */
  latest?: Definition;
};

/** Every insamling of the förbund for a year and questionnaire (whoever asks: suppression is decided förbund-wide). */
async function loadBase(ctx: Ctx, all: Collection[], year: number, questionnaireId: string, k: number): Promise<Base> {
  const list = all.filter((c) => c.year === year && c.questionnaireId === questionnaireId);
  const unfinished = new Map((await repo.unfinishedCounts(ctx.db, list.map((c) => c.id))).map((r) => [r.collectionId, r.n]));
  const tallies = await loadTallies(ctx, list);
  const members = list.map((c) => {
    const tally = tallies.get(c.id)!;
    return { c, finished: tally.finished, unfinished: unfinished.get(c.id) ?? 0, tally, stats: statsOf(c.definition, tally) };
  });
  const questionIds = new Set(members.flatMap((m) => [...m.stats.keys()]));
  const suppressed = new Map<string, Set<string>>();
  for (const q of questionIds) {
    suppressed.set(q, suppressedSets(members.map((m) => ({ id: m.c.id, dims: DIMENSIONS.map((d) => m.c[d]), n: m.stats.get(q)?.n ?? 0 })), k));
  }
  return { year, questionnaireId, k, members, suppressed, latest: all.find((c) => c.questionnaireId === questionnaireId)?.definition };
}

/** A set of insamlingar ready for output: counts, raw figures and the figures through the threshold. */
export type View = {
  year: number;
  questionnaireId: string;
  definition: Definition;
  collections: Collection[];
  n: number;
  partial: number;
  results: Record<string, QuestionResult>;
  /** Answers behind each free-text, comment and "Annat" key. */
  answered: Map<string, number>;
};

function isHidden(base: Base, question: string, key: string, n: number): boolean {
  return !isReportable(n, base.k) || (base.suppressed.get(question)?.has(key) ?? false);
}

function viewOf(base: Base, members: Member[]): View {
  // listCollections is newest first: the newest snapshot's wording and questions lead.
  const definition = members[0]?.c.definition ?? findSurvey(base.questionnaireId) ?? base.latest;
  if (!definition) throw new NotFoundError(`Enkäten ${base.questionnaireId} finns inte.`);
  const tally = mergeTallies(members.length ? members.map((m) => m.tally) : [emptyTally()]);
  const stats = statsOf(definition, tally);
  const key = memberKey(members.map((m) => m.c.id));
  const results: Record<string, QuestionResult> = {};
  for (const [id, s] of stats) results[id] = isHidden(base, id, key, s.n) ? suppressedResult(s.kind) : reportQuestion(s, base.k);
  return {
    year: base.year, questionnaireId: base.questionnaireId, definition, collections: members.map((m) => m.c),
    n: tally.finished, partial: members.reduce((a, m) => a + m.unfinished, 0), results, answered: tally.answered,
  };
}

/**
 * Last year's figures without the questions that are asked differently now (another kind, wording,
 * scale ends or options under the same id): only questions that asked the same thing are compared.
 */
function comparableTo(view: View, prev: View): View {
  const now = new Map(questionsOf(view.definition).map((q) => [q.id, q]));
  const before = new Map(questionsOf(prev.definition).map((q) => [q.id, q]));
  const results = Object.fromEntries(Object.entries(prev.results).filter(([id]) => !now.has(id) || sameQuestion(now.get(id), before.get(id))));
  return { ...prev, results };
}

// ——— Free text ———

export type TextGroup = {
  question: Question;
  /** "answer": the text question itself; "comment": comments on a question; "other": the "Annat" text of a multi choice. */
  part: "answer" | "comment" | "other";
  /** null: below the threshold, nothing is shown. */
  texts: string[] | null;
  /** Answers that may be shown (the list holds at most TEXT_LIMIT of them). */
  total: number;
  /** Some insamlingar had too few answers to show their texts. */
  someHidden: boolean;
};

/** Released answers read per statement for free text on the embedded database (see repo.texts); one statement on a server. */
const TEXTS_PER_STATEMENT = 2_500;

/**
 * Up to TEXT_LIMIT masked texts of one key in these insamlingar' released snapshots: read once per
 * snapshot (text-cache.ts), and once for all the pages that ask for the same snapshot at the same time.
 */
function snapshotTexts(ctx: Ctx, insamlingar: { id: string; released: number }[], key: string): Promise<string[]> {
  const cacheKey = textKey(key, insamlingar);
  const hit = cachedTexts(ctx.database, cacheKey);
  if (hit) return Promise.resolve(hit);
  let reading = readingTexts.get(ctx.database);
  if (!reading) readingTexts.set(ctx.database, reading = new Map());
  const running = reading.get(cacheKey);
  if (running) return running;
  const perStatement = ctx.database.kind === "pglite" ? TEXTS_PER_STATEMENT : Infinity;
  const read = repo.texts(ctx.db, insamlingar, [key], TEXT_LIMIT, perStatement)
    .then((rows) => {
      const texts = rows.map((r) => maskPii(r.text));
      keepTexts(ctx.database, cacheKey, texts);
      return texts;
    })
    .finally(() => reading.delete(cacheKey));
  reading.set(cacheKey, read);
  return read;
}
/** The reads of snapshotTexts under way, per database handle. */
const readingTexts = new WeakMap<object, Map<string, Promise<string[]>>>();

/** The free text of a view, grouped per question, masked, and only where the threshold allows. */
async function textsOf(ctx: Ctx, base: Base, view: View): Promise<TextGroup[]> {
  const members = base.members.filter((m) => view.collections.includes(m.c));
  const groups: TextGroup[] = [];
  const add = async (question: Question, part: TextGroup["part"], key: string, parentShown: boolean, mayShow: (m: Member) => boolean) => {
    if (part !== "answer" && !(view.answered.get(key) ?? 0)) return;
    const withAny = members.filter((m) => (m.tally.answered.get(key) ?? 0) > 0);
    const allowed = parentShown ? withAny.filter(mayShow) : [];
    const total = allowed.reduce((a, m) => a + (m.tally.answered.get(key) ?? 0), 0);
    const masked = allowed.length ? await snapshotTexts(ctx, allowed.map((m) => ({ id: m.c.id, released: m.finished })), key) : [];
    // The text question's own n decides for its answers; comments and "Annat" need k writers of their own.
    const n = part === "answer" ? view.results[question.id].n : total;
    const texts = parentShown ? reportableTexts(n, masked, base.k) : null;
    groups.push({ question, part, texts, total: texts ? total : 0, someHidden: !!texts && allowed.length < withAny.length });
  };
  const ownShown = (m: Member, q: Question) => !isHidden(base, q.id, m.c.id, m.stats.get(q.id)?.n ?? 0);
  for (const q of questionsOf(view.definition)) {
    const parentShown = !view.results[q.id].suppressed;
    if (q.kind === "text") await add(q, "answer", q.id, parentShown, (m) => ownShown(m, q));
    const extra = (key: string) => (m: Member) => ownShown(m, q) && isReportable(m.tally.answered.get(key) ?? 0, base.k);
    if (q.kind === "multi" && q.other) await add(q, "other", otherKey(q.id), parentShown, extra(otherKey(q.id)));
    if (q.comment) await add(q, "comment", commentKey(q.id), parentShown, extra(commentKey(q.id)));
  }
  return groups;
}

// ——— Goals ———

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
};

export const ruleOf = (g: GoalRow): GoalRule | null => (g.rule ? { ...g.rule } : null);

/** Whether a goal is about these figures: the same questionnaire, and its insats and kommunområde (if any) are the view's. */
function applies(g: GoalRow, questionnaireId: string, scope: Pattern): boolean {
  return g.questionnaireId === questionnaireId
    && (g.interventionId === null || g.interventionId === scope.interventionId)
    && (g.areaId === null || g.areaId === scope.areaId);
}

function outcome(g: GoalRow, view: View | null): GoalOutcome {
  if (!g.rule || !view) {
    const verdict = (g.manualVerdict ?? "for_fa_svar") as Verdict;
    return { goal: g, verdict, label: verdictLabels[verdict], ruleText: null, value: null, threshold: null, figures: [], figuresText: "" };
  }
  const rule = ruleOf(g)!;
  let e: GoalEvaluation;
  try {
    e = evaluateGoal(rule, view.results);
  } catch (err) {
    // A rule saved against another version of the questionnaire: say so rather than fail the page.
    if (!(err instanceof GoalRuleError)) throw err;
    return { goal: g, verdict: "for_fa_svar", label: verdictLabels.for_fa_svar, ruleText: ruleText(rule), value: null, threshold: rule.threshold, figures: [], figuresText: `Kan inte beräknas: ${err.message}.` };
  }
  return { goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: e.figures, figuresText: e.figuresText };
}

/** The goals of a year that apply to a view, evaluated on the view's figures. */
async function goalsFor(ctx: Ctx, forbundId: string, view: View, scope: Pattern): Promise<GoalOutcome[]> {
  const rows = await repo.listGoals(ctx.db, forbundId, view.year);
  return rows.filter((g) => applies(g, view.questionnaireId, scope)).map((g) => outcome(g, g.rule ? view : null));
}

// ——— Results of one insamling ———

export type Results = {
  k: number;
  org: Organisation;
  view: View;
  /** The same questionnaire last year, with the same filter (or the insamling's insats, kommunområde and group). */
  previous: View | null;
  goals: GoalOutcome[];
  texts: TextGroup[];
  snapshot: Snapshot;
};

/**
 * Where the released snapshot stands (see the trigger of migration 0012): the figures count `released`
 * answers; `waiting` finished answers are not in them yet, and the next snapshot comes when `nextAfter`
 * more have arrived (per insamling: in a year view, the soonest of them). `invitationsWaiting`: answers
 * through personal invitations held until k of them can be released together (answering/held.ts).
 */
export type Snapshot = { released: number; waiting: number; nextAfter: number; invitationsWaiting: number };

async function snapshotOf(ctx: Ctx, collectionIds: string[], released: number, k: number): Promise<Snapshot> {
  const waiting = await repo.waitingCounts(ctx.db, collectionIds);
  const invited = await held.waitingCounts(ctx, collectionIds);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const nextAfter = collectionIds.length ? Math.min(...collectionIds.map((id) => Math.max(1, k - (waiting.get(id) ?? 0)))) : k;
  return { released, waiting: sum(waiting), nextAfter, invitationsWaiting: sum(invited) };
}

const patternOf = (c: Pick<Collection, Dimension>): Pattern => ({ interventionId: c.interventionId, areaId: c.areaId, respondentGroup: c.respondentGroup });

/**
 * The results of one insamling the user may see (a koordinator: their kommunområden's; 403 otherwise, 404 another förbund's).
 * Its statements go behind respondents' on the embedded database (behindOthers), as do the year view's and the goals'.
 */
export const collectionResults = (...args: Parameters<typeof readCollectionResults>) => behindOthers(() => readCollectionResults(...args));
async function readCollectionResults(ctx: Ctx, user: CurrentUser, id: string, opts: { texts?: boolean } = {}): Promise<Results & { collection: Collection }> {
  const collection = await collections.getVisible(ctx, user, id);
  const org = await organisation.getOrganisation(ctx, collection.forbundId);
  const k = effectiveK(org.reportingThreshold);
  const all = await collections.listCollections(ctx, collection.forbundId);
  const base = await loadBase(ctx, all, collection.year, collection.questionnaireId, k);
  const view = viewOf(base, base.members.filter((m) => m.c.id === collection.id));
  const prevBase = await loadBase(ctx, all, collection.year - 1, collection.questionnaireId, k);
  const prevMembers = prevBase.members.filter((m) => matches(m.c, patternOf(collection)));
  return {
    collection, k, org, view,
    previous: prevMembers.length ? comparableTo(view, viewOf(prevBase, prevMembers)) : null,
    goals: await goalsFor(ctx, collection.forbundId, view, patternOf(collection)),
    texts: opts.texts ? await textsOf(ctx, base, view) : [],
    snapshot: await snapshotOf(ctx, [collection.id], view.n, k),
  };
}

// ——— The year view ———

export type YearResults = Results & { filter: YearFilterInput };
export type YearOutcome = { ok: true; results: YearResults } | { ok: false; errors: FieldErrors };

/**
 * A year of one questionnaire, over every insamling matching the filter; last year with the same
 * filter. Förbund-wide reading: a koordinator scoped to kommunområden is refused (http/scope.ts).
 */
export const yearResults = (...args: Parameters<typeof readYearResults>) => behindOthers(() => readYearResults(...args));
async function readYearResults(ctx: Ctx, user: CurrentUser, filter: YearFilterInput, opts: { texts?: boolean } = {}): Promise<YearOutcome> {
  if (!canReadForbundWide(user)) throw new ForbiddenError(FORBUND_WIDE_REFUSED);
  const forbundId = user.forbundId!;
  const org = await organisation.getOrganisation(ctx, forbundId);
  const all = await collections.listCollections(ctx, forbundId);
  const errors: FieldErrors = {};
  if (!(await questionnaires.currentDefinition(ctx, forbundId, filter.questionnaire)) && !all.some((c) => c.questionnaireId === filter.questionnaire)) errors.questionnaire = "Enkäten finns inte. Välj en enkät i listan.";
  if (filter.interventionId && !org.interventions.some((i) => i.id === filter.interventionId)) errors.interventionId = "Insatsen finns inte i förbundet. Välj en insats i listan.";
  if (filter.areaId && !org.areas.some((a) => a.id === filter.areaId)) errors.areaId = "Kommunområdet finns inte i förbundet. Välj ett kommunområde i listan.";
  const f = { ...filter };
  if (Object.keys(errors).length) return { ok: false, errors };
  const k = effectiveK(org.reportingThreshold);
  const scope: Pattern = { interventionId: f.interventionId, areaId: f.areaId, respondentGroup: f.respondentGroup };
  const base = await loadBase(ctx, all, f.year, f.questionnaire, k);
  const view = viewOf(base, base.members.filter((m) => matches(m.c, scope)));
  const prevBase = await loadBase(ctx, all, f.year - 1, f.questionnaire, k);
  const prevMembers = prevBase.members.filter((m) => matches(m.c, scope));
  return {
    ok: true,
    results: {
      filter: f, k, org, view,
      previous: prevMembers.length ? comparableTo(view, viewOf(prevBase, prevMembers)) : null,
      goals: await goalsFor(ctx, forbundId, view, scope),
      texts: opts.texts ? await textsOf(ctx, base, view) : [],
      snapshot: await snapshotOf(ctx, base.members.filter((m) => matches(m.c, scope)).map((m) => m.c.id), view.n, k),
    },
  };
}

/** What the results pages offer: the insamlingar the user sees, and the filter choices. */
export async function overview(ctx: Ctx, user: CurrentUser) {
  const wide = canReadForbundWide(user);
  const list = wide ? await collections.listCollections(ctx, user.forbundId!) : await collections.listFor(ctx, user);
  const org = await organisation.getOrganisation(ctx, user.forbundId!);
  const counts = await collections.responseCounts(ctx, user.forbundId!, list.map((c) => c.id));
  const areas = wide ? org.areas : org.areas.filter((a) => user.areaIds.includes(a.id));
  const years = [...new Set(list.map((c) => c.year))].sort((a, b) => b - a);
  return { list, counts, org, areas, years };
}

/** The questionnaires results can be asked for: the standard ones and the förbund's own published ones. */
export const questionnaireChoices = (ctx: Ctx, forbundId: string) => questionnaires.choices(ctx, forbundId);

/** Records a CSV download of figures in the audit log (who and what, never an answer). */
export async function recordExport(ctx: Ctx, user: CurrentUser, what: Record<string, unknown>) {
  await audit.record(ctx, user, "export", { what: "resultat", ...what });
}

// ——— Goal administration ———

/**
 * Every goal of a year, each evaluated over its own scope: an enkät goal over the year's insamlingar
 * of its questionnaire, insats and kommunområde; a närvaro goal over every grupp's meetings of the
 * year; an arbete/studier goal over its insats's reports of the year.
 */
export const goalOutcomes = (...args: Parameters<typeof readGoalOutcomes>) => behindOthers(() => readGoalOutcomes(...args));
async function readGoalOutcomes(ctx: Ctx, forbundId: string, year: number): Promise<GoalOutcome[]> {
  const rows = await repo.listGoals(ctx.db, forbundId, year);
  if (!rows.some((g) => g.rule)) return rows.map((g) => outcome(g, null));
  const org = await organisation.getOrganisation(ctx, forbundId);
  const k = effectiveK(org.reportingThreshold);
  const all = await collections.listCollections(ctx, forbundId);
  const bases = new Map<string, Base>();
  let figures: interventionReports.YearFigure[] | undefined;
  let meetings: attendance.Meeting[] | undefined;
  const out: GoalOutcome[] = [];
  for (const g of rows) {
    const rule = g.rule;
    if (rule?.metric === "shareToWorkOrStudies") {
      figures ??= await interventionReports.yearFigures(ctx, forbundId, year);
      const e = workOrStudiesGoal(figures.find((f) => f.interventionId === g.interventionId), rule, year);
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.figuresText });
      continue;
    }
    if (rule?.metric === "attendance") {
      meetings ??= await attendance.listMeetings(ctx, forbundId, year);
      const e = (await attendance.summary(ctx, forbundId, year, meetings, rule)).goal;
      out.push({ goal: g, verdict: e.verdict, label: e.label, ruleText: e.ruleText, value: e.value, threshold: e.threshold, figures: [], figuresText: e.goalFiguresText });
      continue;
    }
    if (!rule || !g.questionnaireId) { out.push(outcome(g, null)); continue; }
    if (!bases.has(g.questionnaireId)) bases.set(g.questionnaireId, await loadBase(ctx, all, year, g.questionnaireId, k));
    const base = bases.get(g.questionnaireId)!;
    const scope: Pattern = { interventionId: g.interventionId ?? undefined, areaId: g.areaId ?? undefined };
    out.push(outcome(g, viewOf(base, base.members.filter((m) => matches(m.c, scope)))));
  }
  return out;
}

/**
 * The närvaro rule of a year: that of the year's first närvaro goal (in the goals' order), or 75 %
 * (≥) when the year has none. The närvaro summary and its API take their threshold from here.
 */
export async function attendanceRule(ctx: Ctx, forbundId: string, year: number): Promise<{ threshold: number; comparison: Comparison; goalId: string | null }> {
  const g = (await repo.listGoals(ctx.db, forbundId, year)).find((x) => x.rule?.metric === "attendance");
  return g?.rule ? { threshold: g.rule.threshold, comparison: g.rule.comparison, goalId: g.id } : { threshold: ATTENDANCE_THRESHOLD, comparison: ">=", goalId: null };
}

/**
 * The goals page of a year: when an admin opens a year that has no goals yet, the default goals
 * are created first (and the page says so).
 */
export async function goalsPage(ctx: Ctx, user: CurrentUser, year: number) {
  const forbundId = user.forbundId!;
  let created = 0;
  if ((user.role === "admin" || user.role === "superadmin") && (await repo.countGoals(ctx.db, forbundId, year)) === 0) {
    created = await ensureDefaultGoals(ctx, forbundId, year);
    if (created) await audit.record(ctx, user, "organisation.changed", { what: "mål", change: "standardmål skapade", year, count: created });
  }
  return { created, goals: await goalOutcomes(ctx, forbundId, year) };
}

const frequencyQuestions = (id: string) => {
  const def = findSurvey(id);
  return def ? questionsOf(def).filter((q) => q.kind === "frequency6").map((q) => q.id) : [];
};

/** The demo förbund's insats with 002's goal of 35 % of finished participants to arbete or studier. */
export const DEMO_WORK_OR_STUDIES = { intervention: "SE-Höglandet", threshold: 0.35 } as const;

/**
 * Creates the default goals of a year (seed 002, Tabell måluppfyllelse), idempotently: for every
 * individinriktad insats active that year and every insats with an indikator insamling that year,
 * share positive ≥ 70 % on each frequency question of the indikatorenkät for deltagare i pågående
 * insats; samverkan q3 mean ≥ 7; samverkan q9a–q9d median > 7 ("över 7"); närvaro ≥ 75 % in every
 * grupp over the year. In the demo förbund also SE-Höglandet's ≥ 35 % of finished participants to
 * arbete or studier (a goal of that insats in 002, not one every förbund has). Returns how many were created.
 */
export async function ensureDefaultGoals(ctx: Ctx, forbundId: string, year: number): Promise<number> {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const all = await collections.listCollections(ctx, forbundId);
  const withInsamling = new Set(all.filter((c) => c.year === year && c.questionnaireId === INDIKATOR_PAGAENDE && c.interventionId).map((c) => c.interventionId!));
  const insatser = org.interventions.filter((i) => withInsamling.has(i.id)
    || (i.kind === "individinriktad" && (i.fromYear ?? year) <= year && year <= (i.toYear ?? year)));
  const indikator = frequencyQuestions(INDIKATOR_PAGAENDE);
  const rows: repo.NewGoal[] = insatser.map((i, n) => ({
    forbundId, year, defaultKey: `indikator:${i.id}`, sortOrder: 10 * (n + 1),
    text: `Minst 70 % av deltagarna i ${i.name} ska svara ofta, för det mesta eller alltid på frågorna i den nationella indikatorenkäten.`,
    questionnaireId: INDIKATOR_PAGAENDE, interventionId: i.id,
    rule: { metric: "sharePositive", comparison: ">=", threshold: 0.7, questions: indikator },
  }));
  rows.push({
    forbundId, year, defaultKey: "samverkan:q3", sortOrder: 900, questionnaireId: SAMVERKAN,
    text: "Hög upplevelse av väl fungerande samverkan mellan parterna, minst 7 (av 10) i snitt baserat på resultat i genomförda enkäter.",
    rule: { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] },
  }, {
    forbundId, year, defaultKey: "samverkan:q9", sortOrder: 910, questionnaireId: SAMVERKAN,
    text: "Högt förtroende för parterna, övervägande positiva svar (över 7 av 10) baserat på resultat i enkäter.",
    rule: { metric: "median", comparison: ">", threshold: 7, questions: ["q9a", "q9b", "q9c", "q9d"] },
  }, {
    forbundId, year, defaultKey: "narvaro", sortOrder: 920, questionnaireId: null,
    text: "God representation i samtliga samverkansgrupper (minst 75 % närvaro på helår).",
    rule: { metric: "attendance", comparison: ">=", threshold: ATTENDANCE_THRESHOLD, questions: [] },
  });
  const se = org.isDemo ? org.interventions.find((i) => i.name === DEMO_WORK_OR_STUDIES.intervention) : undefined;
  if (se) {
    rows.push({
      forbundId, year, defaultKey: `arbete-studier:${se.id}`, sortOrder: 930, questionnaireId: null, interventionId: se.id,
      text: `Minst 35 % av deltagarna i ${se.name} ska efter avslutad insats gå vidare till arbete eller studier.`,
      rule: { metric: "shareToWorkOrStudies", comparison: ">=", threshold: DEMO_WORK_OR_STUDIES.threshold, questions: [] },
    });
  }
  return repo.insertDefaultGoals(ctx.db, rows);
}

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

export type SavedGoal = { ok: true; goal: GoalRow } | { ok: false; errors: FieldErrors };

/** Checks what the schema cannot (questionnaire, the rule against its questions, insats and kommunområde of the förbund), then saves. */
export const saveGoal = transactional(async function saveGoal(ctx: Ctx, actor: CurrentUser, id: string | null, v: GoalInput): Promise<SavedGoal> {
  const forbundId = actor.forbundId!;
  if (id) await getGoal(ctx, forbundId, id);
  const org = await organisation.getOrganisation(ctx, forbundId);
  const errors: FieldErrors = {};
  const def = v.questionnaire ? await questionnaires.currentDefinition(ctx, forbundId, v.questionnaire) : undefined;
  if (v.questionnaire && !def) errors.questionnaire = "Enkäten finns inte. Välj en enkät i listan.";
  if (v.rule && def) {
    const issues = checkRule(v.rule, questionsOf(def));
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

export const deleteGoal = transactional(async function deleteGoal(ctx: Ctx, actor: CurrentUser, id: string): Promise<GoalRow> {
  const g = await getGoal(ctx, actor.forbundId!, id);
  await repo.deleteGoal(ctx.db, g.forbundId, id);
  await audit.record(ctx, actor, "organisation.changed", { what: "mål", change: "borttaget", id, year: g.year, text: g.text });
  return g;
});
