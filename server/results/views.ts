/**
 * The result views: the figures of one insamling, or of a year of one questionnaire filtered by
 * insats, kommunområde and respondent group, with last year's figures under the same filter, the
 * free text (texts.ts) and where the released snapshot stands. Every view is a union of the year's
 * insamlingar, decided by the suppression of tallies.ts, so the same set shows the same figures on
 * every page. The goals beside a view are added by the goals feature (goals/service.ts withGoals).
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import type { Done, FieldErrors } from "../result.js";
import { canReadForbundWide, FORBUND_WIDE_REFUSED } from "../http/scope.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import * as collections from "../collections/service.js";
import * as organisation from "../organisation/service.js";
import * as questionnaires from "../questionnaires/service.js";
import * as held from "../answering/held.js";
import * as interventionreports from "../interventionreports/service.js";
import { finishedSplit, total } from "../interventionreports/outcomes.pure.js";
import { behindOthers } from "../../models/db.js";
import { findSurvey } from "../../surveys/index.js";
import { questionsOf, type Definition } from "../../surveys/define.js";
import { sameQuestion } from "../../surveys/edit.js";
import { effectiveK, memberKey, reportQuestion, suppressedResult, type QuestionResult } from "./threshold.js";
import { emptyTally, isHidden, loadBase, loadBases, matches, mergeTallies, statsOf, type Base, type Dimension, type Member, type Pattern } from "./tallies.js";
import { textsOf, type TextGroup } from "./texts.js";
import * as repo from "./repo.js";
import { askedOf, responseRate, type Asked, type ResponseRate } from "./response-rate.pure.js";
import type { YearFilterInput } from "./schema.js";

type Collection = collections.Collection;
type Organisation = organisation.Organisation;

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

/** The figures of a set of members of one year, through the threshold and the year's suppression. */
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

export type Results = {
  k: number;
  org: Organisation;
  view: View;
  /** The same questionnaire last year, with the same filter (or the insamling's insats, kommunområde and group). */
  previous: View | null;
  texts: TextGroup[];
  snapshot: Snapshot;
  /** How many of those asked have answered, where the number asked is known (response-rate.pure.ts); null otherwise. */
  responseRate: ResponseRate | null;
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

/**
 * The view's response rate. The number asked: the invitations when each insamling sent some; else, when the
 * view holds every insamling of the year of its questionnaire for one insats and the questionnaire asks its
 * deltagare, the insats's participants (or, at avslut, finished participants) in the year's insatsrapport.
 */
async function responseRateOf(ctx: Ctx, forbundId: string, base: Base, view: View): Promise<ResponseRate | null> {
  if (view.n < base.k || !view.collections.length) return null;
  const invited = await repo.invitedCounts(ctx.db, view.collections.map((c) => c.id));
  let reported: Asked | null = null;
  const insats = view.collections[0].interventionId;
  const group = view.definition.respondentGroup;
  const wholeInsats = !!insats && view.collections.every((c) => c.interventionId === insats)
    && base.members.filter((m) => m.c.interventionId === insats).length === view.collections.length;
  if (wholeInsats && (group === "deltagare-pagaende" || group === "deltagare-avslut")) {
    const f = (await interventionreports.yearFigures(ctx, forbundId, view.year)).find((x) => x.interventionId === insats);
    if (f) reported = group === "deltagare-pagaende" ? { asked: total(f.counts.participants), basis: "deltagare", year: view.year } : { asked: total(finishedSplit(f.counts)), basis: "avslutade", year: view.year };
  }
  return responseRate(view.n, base.k, askedOf(view.collections.map((c) => invited.get(c.id) ?? 0), reported));
}

const patternOf = (c: Pick<Collection, Dimension>): Pattern => ({ interventionId: c.interventionId, areaId: c.areaId, respondentGroup: c.respondentGroup });

/**
 * The results of one insamling the user may see (a koordinator: their kommunområden's; 403 otherwise, 404 another förbund's).
 * Its statements go behind respondents' on the embedded database (behindOthers), as do the year view's and the goals' (goals/).
 */
export const collectionResults = (...args: Parameters<typeof readCollectionResults>) => behindOthers(() => readCollectionResults(...args));
async function readCollectionResults(ctx: Ctx, user: ForbundUser, id: string, opts: { texts?: boolean } = {}): Promise<Results & { collection: Collection }> {
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
    texts: opts.texts ? await textsOf(ctx, base, view) : [],
    snapshot: await snapshotOf(ctx, [collection.id], view.n, k),
    responseRate: await responseRateOf(ctx, collection.forbundId, base, view),
  };
}

// ——— The year view ———

export type YearResults = Results & { filter: YearFilterInput };
export type YearOutcome = Done<{ results: YearResults }>;

/**
 * A year of one questionnaire, over every insamling matching the filter; last year with the same
 * filter. Förbund-wide reading: a koordinator scoped to kommunområden is refused (http/scope.ts).
 */
export const yearResults = (...args: Parameters<typeof readYearResults>) => behindOthers(() => readYearResults(...args));
async function readYearResults(ctx: Ctx, user: ForbundUser, filter: YearFilterInput, opts: { texts?: boolean } = {}): Promise<YearOutcome> {
  if (!canReadForbundWide(user)) throw new ForbiddenError(FORBUND_WIDE_REFUSED);
  const forbundId = user.forbundId;
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
      texts: opts.texts ? await textsOf(ctx, base, view) : [],
      snapshot: await snapshotOf(ctx, base.members.filter((m) => matches(m.c, scope)).map((m) => m.c.id), view.n, k),
      responseRate: await responseRateOf(ctx, forbundId, base, view),
    },
  };
}

/**
 * The views of a year for the goals: `view(questionnaireId, scope)` gives the figures of the year's
 * insamlingar of that questionnaire matching the scope, each questionnaire's insamlingar counted
 * once. Nothing is read until the first view is asked for.
 */
export function yearViews(ctx: Ctx, forbundId: string, year: number): { view: (questionnaireId: string, scope: Pattern) => Promise<View> } {
  let loaded: Promise<{ k: number; all: Collection[] }> | undefined;
  const bases = new Map<string, Promise<Base>>();
  const base = (questionnaireId: string) => {
    loaded ??= Promise.all([organisation.getOrganisation(ctx, forbundId), collections.listCollections(ctx, forbundId)])
      .then(([org, all]) => ({ k: effectiveK(org.reportingThreshold), all }));
    if (!bases.has(questionnaireId)) bases.set(questionnaireId, loaded.then(({ k, all }) => loadBase(ctx, all, year, questionnaireId, k)));
    return bases.get(questionnaireId)!;
  };
  return {
    view: async (questionnaireId, scope) => {
      const b = await base(questionnaireId);
      return viewOf(b, b.members.filter((m) => matches(m.c, scope)));
    },
  };
}

/**
 * The whole-förbund year view of one questionnaire for many förbund at once (the national view, a group's comparison):
 * for each, the same figures as yearViews(…).view(questionnaireId, {}), through its own k, read in a handful of
 * statements over all of them instead of a few per förbund. `reportingThreshold` is the förbund's, as stored.
 */
export const forbundYearViews = (...args: Parameters<typeof readForbundYearViews>) => behindOthers(() => readForbundYearViews(...args));
async function readForbundYearViews(ctx: Ctx, list: readonly { forbundId: string; reportingThreshold: number }[], year: number, questionnaireId: string): Promise<Map<string, View>> {
  const all = await collections.listYearCollectionsOf(ctx, list.map((f) => f.forbundId), year, questionnaireId);
  const bases = await loadBases(ctx, list.map((f) => ({ k: effectiveK(f.reportingThreshold), list: all.filter((c) => c.forbundId === f.forbundId) })), year, questionnaireId);
  return new Map(list.map((f, i) => [f.forbundId, viewOf(bases[i], bases[i].members)]));
}

/** What the results pages offer: the insamlingar the user sees, and the filter choices. */
export async function overview(ctx: Ctx, user: ForbundUser) {
  const wide = canReadForbundWide(user);
  const list = wide ? await collections.listCollections(ctx, user.forbundId) : await collections.listFor(ctx, user);
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  const counts = await collections.responseCounts(ctx, user.forbundId, list.map((c) => c.id));
  const areas = wide ? org.areas : org.areas.filter((a) => user.areaIds.includes(a.id));
  const years = [...new Set(list.map((c) => c.year))].sort((a, b) => b - a);
  return { list, counts, org, areas, years };
}

/** A year's raw counts of one questionnaire for one version and respondent group (see countsByVersion). */
export type VersionCounts = { version: number; respondentGroup: string; definition: Definition; finished: number; values: Map<string, Map<string, number>> };

/**
 * The raw counts of a year's insamlingar of one questionnaire, per questionnaire version and respondent group: for the
 * förbund's aggregate file (aggregates/), which applies its own threshold and suppression to them before anything
 * leaves. Never shown as they are.
 */
export async function countsByVersion(ctx: Ctx, forbundId: string, year: number, questionnaireId: string): Promise<VersionCounts[]> {
  const [org, all] = await Promise.all([organisation.getOrganisation(ctx, forbundId), collections.listCollections(ctx, forbundId)]);
  const base = await loadBase(ctx, all, year, questionnaireId, effectiveK(org.reportingThreshold));
  const groups = new Map<string, Member[]>();
  for (const m of base.members) {
    const key = JSON.stringify([m.c.definition.version, m.c.respondentGroup ?? m.c.definition.respondentGroup]);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()].map(([key, members]) => {
    const [version, respondentGroup] = JSON.parse(key) as [number, string];
    const tally = mergeTallies(members.map((m) => m.tally));
    return { version, respondentGroup, definition: members[0].c.definition, finished: tally.finished, values: tally.values };
  }).sort((a, b) => a.version - b.version || a.respondentGroup.localeCompare(b.respondentGroup));
}
