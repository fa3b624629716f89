/**
 * Groups of förbund and the nation: the layer above the förbund, with the same anonymity as inside one.
 *
 * - The platform's superadmin creates a group (a län, a network) and invites förbund to it.
 * - A förbund's admin shares its figures of one questionnaire and year with a group, or nationally, and can
 *   withdraw them. Only the choice is stored; figures are read live from the förbund's results (results/service.ts
 *   yearViews, the förbund's own year view through its own threshold), so a withdrawn share is gone at once.
 * - A member förbund's readers see the group's comparison: each sharing förbund's column and the total
 *   (comparison.pure.ts: each column through its own k; the total is the sum of the shown cells only).
 * - The nationell läsare (NNS) sees every förbund that shares an indicator questionnaire nationally, and the national
 *   aggregate of the questions whose wording is national, with the change from last year.
 */
import type { Ctx } from "../context.js";
import type { CurrentUser, ForbundUser } from "../http/types.js";
import type { Done } from "../result.js";
import { ForbiddenError, NotFoundError } from "../errors.js";
import { canReadForbundWide, FORBUND_WIDE_REFUSED } from "../http/scope.js";
import { transactional } from "../unit-of-work.js";
import * as results from "../results/service.js";
import * as goals from "../goals/service.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as aggregates from "../aggregates/service.js";
import { effectiveK } from "../results/threshold.js";
import { findSurvey, standardSurveys } from "../../surveys/index.js";
import { isSourceWording, questionsOf, respondentGroups, tr, type Definition } from "../../surveys/define.js";
import { sameQuestion } from "../../surveys/edit.js";
import { compare, compareOutcomes, outcomeCells, type ColumnInput, type Comparison, type OutcomeComparison, type OutcomeCell } from "./comparison.pure.js";
import * as insatsrapporter from "../interventionreports/service.js";
import * as shared from "../sharedinterventions/service.js";
import * as repo from "./repo.js";
import type { CreateGroupInput, SharingInput } from "./schema.js";

// ——— What can be shared ———

/** Standard questionnaires only: their wording is the same in every förbund, so their figures can stand side by side. */
export const shareableQuestionnaires = standardSurveys.map((d) => ({ value: d.id, label: tr(d.title, "sv") }));
/** Nationally: the indicator questionnaires (NNS's), one per respondent group. */
export const nationalQuestionnaires = standardSurveys.filter((d) => d.id.startsWith("indikator-"))
  .map((d) => ({ value: d.id, label: tr(d.title, "sv"), respondentGroup: respondentGroups[d.respondentGroup] }));

const NOT_SHAREABLE = "Välj en av standardenkäterna: bara de har samma frågor i alla förbund och kan jämföras.";
const NOT_NATIONAL = "Välj en av indikatorenkäterna: bara de redovisas nationellt.";

// ——— The platform: groups and invitations ———

/** The förbund on the instance, to invite. */
export const forbundChoices = async (ctx: Ctx) => (await organisation.listForbund(ctx)).map((f) => ({ value: f.id, label: f.name }));

function mustBeSuperadmin(user: CurrentUser) {
  if (user.role !== "superadmin") throw new ForbiddenError("Bara plattformsadministratören skapar grupper och bjuder in förbund.");
}

/** Every group with its members and what each shares (no figures). */
export async function platformGroups(ctx: Ctx) {
  const groups = await repo.listGroups(ctx.db);
  const sharing = await repo.listGroupSharing(ctx.db, groups.map((g) => g.id));
  return Promise.all(groups.map(async (g) => ({
    id: g.id, name: g.name,
    members: (await repo.listMembers(ctx.db, g.id)).map((m) => ({
      id: m.forbundId, name: m.name,
      shares: sharing.filter((s) => s.groupId === g.id && s.forbundId === m.forbundId).map(shareLabel),
    })),
  })));
}

const shareLabel = (s: { questionnaireId: string; year: number }) =>
  ({ questionnaire: s.questionnaireId, year: s.year, label: `${tr(findSurvey(s.questionnaireId)?.title, "sv") || s.questionnaireId} ${s.year}` });

/**
 * Creates a group and invites förbund to it; each invited förbund's log says so, so that its admins see who invited
 * them. A taken name and an unknown förbund come back as messages by field.
 */
export const createGroup = transactional(async function createGroup(ctx: Ctx, actor: CurrentUser, v: CreateGroupInput): Promise<Done<{ id: string }>> {
  mustBeSuperadmin(actor);
  if (await repo.findGroupByName(ctx.db, v.name)) return { ok: false, errors: { name: "Det finns redan en grupp med det namnet." } };
  const unique = [...new Set(v.forbundIds)];
  const known = await repo.existingForbund(ctx.db, unique);
  if (unique.some((id) => !known.has(id))) return { ok: false, errors: { forbundIds: "Ett av förbunden finns inte på installationen. Välj förbund i listan." } };
  const group = await repo.insertGroup(ctx.db, v.name);
  await invited(ctx, actor, group, await repo.addMembers(ctx.db, group.id, unique));
  return { ok: true, id: group.id };
});

/** Invites more förbund to a group (one already invited stays as it is). */
export const inviteForbund = transactional(async function inviteForbund(ctx: Ctx, actor: CurrentUser, groupId: string, forbundIds: string[]): Promise<Done<{ added: number }>> {
  mustBeSuperadmin(actor);
  const group = await repo.findGroup(ctx.db, groupId);
  if (!group) throw new NotFoundError("Gruppen finns inte.");
  const unique = [...new Set(forbundIds)];
  const known = await repo.existingForbund(ctx.db, unique);
  if (unique.some((id) => !known.has(id))) return { ok: false, errors: { forbundIds: "Ett av förbunden finns inte på installationen. Välj förbund i listan." } };
  const added = await repo.addMembers(ctx.db, group.id, unique);
  await invited(ctx, actor, group, added);
  return { ok: true, added: added.length };
});

async function invited(ctx: Ctx, actor: CurrentUser, group: repo.GroupRow, forbundIds: string[]) {
  for (const forbundId of forbundIds) {
    await audit.record(ctx, { id: actor.id, email: actor.email, forbundId }, "group.invited", { groupId: group.id, name: group.name });
  }
}

// ——— The förbund: its groups and what it shares ———

/** A group the förbund is a member of, or 404 (whether the group exists at all is not the förbund's business). */
async function memberGroup(ctx: Ctx, forbundId: string, groupId: string): Promise<repo.GroupRow> {
  const group = await repo.findGroup(ctx.db, groupId);
  if (!group || !(await repo.isMember(ctx.db, groupId, forbundId))) throw new NotFoundError("Gruppen finns inte, eller förbundet är inte inbjudet till den.");
  return group;
}

/** 404 unless the user's förbund is a member of the group: asked before any validation, so an outsider learns nothing. */
export async function checkMember(ctx: Ctx, user: ForbundUser, groupId: string): Promise<void> {
  await memberGroup(ctx, user.forbundId, groupId);
}

/** The förbund's groups: members, who shares what, and what the förbund itself shares; and what it shares nationally. */
export async function forbundGroups(ctx: Ctx, user: ForbundUser) {
  if (!canReadForbundWide(user)) throw new ForbiddenError(FORBUND_WIDE_REFUSED);
  const groups = await repo.groupsOf(ctx.db, user.forbundId);
  const sharing = await repo.listGroupSharing(ctx.db, groups.map((g) => g.id));
  const out = await Promise.all(groups.map(async (g) => {
    const members = await repo.listMembers(ctx.db, g.id);
    const mine = sharing.filter((s) => s.groupId === g.id && s.forbundId === user.forbundId);
    // One line per questionnaire and year that anyone shares: who does, and a link to compare.
    const keys = [...new Map(sharing.filter((s) => s.groupId === g.id).map((s) => [`${s.questionnaireId}:${s.year}`, s])).values()];
    return {
      id: g.id, name: g.name,
      members: members.map((m) => ({ id: m.forbundId, name: m.name, self: m.forbundId === user.forbundId })),
      mine: mine.map(shareLabel),
      comparisons: keys.map((s) => ({
        ...shareLabel(s),
        forbund: members.filter((m) => sharing.some((x) => x.groupId === g.id && x.forbundId === m.forbundId && x.questionnaireId === s.questionnaireId && x.year === s.year)).map((m) => m.name),
      })),
    };
  }));
  return { groups: out, national: (await repo.nationalSharingOf(ctx.db, user.forbundId)).map(shareLabel) };
}

/** Shares (or withdraws) the förbund's figures of one questionnaire and year with a group; the admin's choice, audited. */
export const setGroupSharing = transactional(async function setGroupSharing(ctx: Ctx, user: ForbundUser, groupId: string, v: SharingInput): Promise<Done<{ share: boolean }>> {
  if (user.role !== "admin" && user.role !== "superadmin") throw new ForbiddenError("Bara förbundets administratör bestämmer vad förbundet delar.");
  const group = await memberGroup(ctx, user.forbundId, groupId);
  if (!findSurvey(v.questionnaire)) return { ok: false, errors: { questionnaire: NOT_SHAREABLE } };
  await repo.setGroupSharing(ctx.db, group.id, { forbundId: user.forbundId, questionnaireId: v.questionnaire, year: v.year }, v.share);
  await audit.record(ctx, user, v.share ? "sharing.group.shared" : "sharing.group.withdrawn", { groupId: group.id, name: group.name, questionnaire: v.questionnaire, year: v.year });
  return { ok: true, share: v.share };
});

/** Shares (or withdraws) the förbund's figures of one indicator questionnaire and year nationally. */
export const setNationalSharing = transactional(async function setNationalSharing(ctx: Ctx, user: ForbundUser, v: SharingInput): Promise<Done<{ share: boolean }>> {
  if (user.role !== "admin" && user.role !== "superadmin") throw new ForbiddenError("Bara förbundets administratör bestämmer vad förbundet delar.");
  if (!nationalQuestionnaires.some((q) => q.value === v.questionnaire)) return { ok: false, errors: { questionnaire: NOT_NATIONAL } };
  await repo.setNationalSharing(ctx.db, { forbundId: user.forbundId, questionnaireId: v.questionnaire, year: v.year }, v.share);
  await audit.record(ctx, user, v.share ? "sharing.national.shared" : "sharing.national.withdrawn", { questionnaire: v.questionnaire, year: v.year });
  return { ok: true, share: v.share };
});

// ——— Figures side by side ———

/**
 * One förbund's column: its year view of the questionnaire (every insamling of the year) as its own results give it,
 * through its own threshold, and only the questions that ask what the standard asks now (same kind, wording, scale).
 */
function columnOf(f: Sharer, view: results.View, def: Definition): ColumnInput {
  const theirs = new Map(questionsOf(view.definition).map((q) => [q.id, q]));
  const questions: Record<string, results.View["results"][string]> = {};
  for (const q of questionsOf(def)) if (sameQuestion(q, theirs.get(q.id))) questions[q.id] = view.results[q.id];
  return { id: f.forbundId, name: f.name, k: effectiveK(f.reportingThreshold), n: view.n, questions };
}

/** A förbund that shares: its id, name and reporting threshold. */
type Sharer = { forbundId: string; name: string; reportingThreshold: number };

/** The columns of the förbund that share: every förbund's year view read in one batch (results forbundYearViews). */
async function columnsOf(ctx: Ctx, list: Sharer[], year: number, def: Definition): Promise<ColumnInput[]> {
  const views = await results.forbundYearViews(ctx, list, year, def.id);
  return list.map((f) => columnOf(f, views.get(f.forbundId)!, def));
}

/** A förbund's goal on the questionnaire, as its own goals page judges it: the rule and the verdict (no other figure). */
export type GoalLine = { rule: string | null; verdict: string; label: string };

/**
 * The goal verdicts beside a förbund's column: only the förbund's own goals for the whole förbund on this questionnaire
 * (a goal about one insats or kommunområde is judged on figures the förbund did not share), and none for a hidden column.
 */
async function goalsOf(ctx: Ctx, columns: Comparison["columns"], year: number, questionnaireId: string): Promise<Record<string, GoalLine[]>> {
  const out: Record<string, GoalLine[]> = {};
  for (const c of columns) {
    if (c.suppressed) { out[c.id] = []; continue; }
    const all = await goals.goalOutcomes(ctx, c.id, year);
    out[c.id] = all.filter((g) => g.goal.questionnaireId === questionnaireId && !g.goal.interventionId && !g.goal.areaId)
      .map((g) => ({ rule: g.ruleText, verdict: g.verdict, label: g.label }));
  }
  return out;
}

/** The outcome table of the förbund that share the comparison, and per förbund the shared insatser its figures include. */
export type GroupOutcomes = OutcomeComparison & { sharedInterventions: Record<string, string[]> };

/**
 * The participant outcome table per förbund (issue 20), for the förbund that share the comparison: each förbund's
 * year figures from its own insatsrapporter, summed over its insatser. A shared insats is in each förbund's column
 * as that förbund's own participants (each reports only its own), so the total counts every participant once.
 */
async function outcomesOf(ctx: Ctx, list: Sharer[], year: number): Promise<GroupOutcomes> {
  const sharedInterventions: Record<string, string[]> = {};
  const inputs = await Promise.all(list.map(async (f) => {
    const [figures, org, lines] = await Promise.all([
      insatsrapporter.yearFigures(ctx, f.forbundId, year), organisation.getOrganisation(ctx, f.forbundId), shared.sharedLines(ctx, f.forbundId),
    ]);
    sharedInterventions[f.forbundId] = figures.filter((x) => lines.has(x.interventionId)).map((x) => x.name);
    const counts = Object.fromEntries(outcomeCells.map((k) => [k, figures.reduce((a, x) => a + x.summary[k], 0)])) as Record<OutcomeCell, number>;
    // Across förbund, as for a shared insats's parts: at least k, and the förbund's own outcome threshold where higher.
    return { id: f.forbundId, name: f.name, threshold: Math.max(effectiveK(f.reportingThreshold), org.outcomeThreshold ?? 0), reported: figures.length > 0, counts };
  }));
  return { ...compareOutcomes(inputs), sharedInterventions };
}

export type GroupComparison = Comparison & {
  group: repo.GroupRow; definition: Definition; year: number; members: number; goals: Record<string, GoalLine[]>;
  outcomes: GroupOutcomes;
};
export type ComparisonOutcome = Done<{ comparison: GroupComparison }>;

/**
 * A group's comparison of one questionnaire and year, for a reader of a member förbund (404 for anyone else): the
 * columns of the förbund that share it, and the total (comparison.pure.ts).
 */
export async function groupComparison(ctx: Ctx, user: ForbundUser, groupId: string, q: { questionnaire: string; year: number }): Promise<ComparisonOutcome> {
  const group = await memberGroup(ctx, user.forbundId, groupId);
  if (!canReadForbundWide(user)) throw new ForbiddenError(FORBUND_WIDE_REFUSED);
  const def = findSurvey(q.questionnaire);
  if (!def) return { ok: false, errors: { questionnaire: NOT_SHAREABLE } };
  const sharing = await repo.sharingForbund(ctx.db, group.id, def.id, q.year);
  const c = compare(questionsOf(def), await columnsOf(ctx, sharing, q.year, def));
  return {
    ok: true,
    comparison: {
      ...c, group, definition: def, year: q.year, members: (await repo.listMembers(ctx.db, group.id)).length, goals: await goalsOf(ctx, c.columns, q.year, def.id),
      outcomes: await outcomesOf(ctx, sharing, q.year),
    },
  };
}

// ——— The nation ———

function mustBeNational(user: CurrentUser) {
  if (user.role !== "nationell") throw new ForbiddenError("Den nationella sammanställningen läses av nationella läsare.");
}

/** Whether a question of a national questionnaire may enter national comparisons: its wording is NNS's or printed verbatim. */
const nationalWording = (def: Definition) => {
  const ids = new Set(questionsOf(def).filter((q) => def.source !== "local" && isSourceWording(q)).map((q) => q.id));
  return (id: string) => ids.has(id);
};

export type NationalView = Comparison & {
  definition: Definition; year: number;
  /** Last year's aggregate over the förbund that shared it then (null when none did). */
  previous: Comparison["total"] | null;
  /** Questions shown per förbund only: their wording is not national. */
  localOnly: string[];
};
export type NationalOutcome = Done<{ national: NationalView }>;

/** One indicator questionnaire and year nationally: every förbund that shares it, and the aggregate with last year's. */
export async function nationalIndicators(ctx: Ctx, user: CurrentUser, q: { questionnaire: string; year: number }): Promise<NationalOutcome> {
  mustBeNational(user);
  if (!nationalQuestionnaires.some((n) => n.value === q.questionnaire)) return { ok: false, errors: { questionnaire: NOT_NATIONAL } };
  const def = findSurvey(q.questionnaire)!;
  const inTotal = nationalWording(def);
  // The förbund that share from this instance, then those that sent a file (aggregates/): each through its own k.
  const nationalColumns = async (year: number) =>
    [...await columnsOf(ctx, await repo.nationalForbund(ctx.db, def.id, year), year, def), ...await aggregates.importedColumns(ctx, def, year)];
  const now = compare(questionsOf(def), await nationalColumns(q.year), inTotal);
  const before = await nationalColumns(q.year - 1);
  const previous = before.length ? compare(questionsOf(def), before, inTotal).total : null;
  return {
    ok: true,
    national: {
      ...now, definition: def, year: q.year, previous,
      localOnly: questionsOf(def).filter((x) => x.kind !== "text" && !inTotal(x.id)).map((x) => x.id),
    },
  };
}

/** The national page's overview of a year: per indicator questionnaire, how many förbund share it. */
export async function nationalOverview(ctx: Ctx, user: CurrentUser, year: number) {
  mustBeNational(user);
  const counts = await repo.nationalCounts(ctx.db, year);
  const imported = await aggregates.importedCounts(ctx, year);
  const years = [...new Set([...await repo.nationalYears(ctx.db), ...await aggregates.importedYears(ctx)])].sort((a, b) => b - a);
  return { years, questionnaires: nationalQuestionnaires.map((q) => ({ ...q, forbundCount: (counts.get(q.value) ?? 0) + (imported.get(q.value) ?? 0) })) };
}

/** Records a download of a comparison or the national view (who and what, never a figure). */
export async function recordExport(ctx: Ctx, user: CurrentUser, what: Record<string, unknown>) {
  await audit.record(ctx, user, "export", what);
}
