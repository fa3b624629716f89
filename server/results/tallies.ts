/**
 * Counting answers: the counts of each insamling, read from response_tallies (kept by PostgreSQL
 * triggers as responses are written, see repo.ts), turned into raw figures per question (stats.ts),
 * and for a year of one questionnaire the member sets whose figures must be hidden (suppressedSets,
 * threshold.ts). Nothing is cached in the process, so every call (and every process on the same
 * database) sees the committed responses.
 */
import type { Ctx } from "../context.js";
import type * as collections from "../collections/service.js";
import { commentKey, otherKey, questionsOf, type Definition } from "../../surveys/define.js";
import { questionStats, type QuestionStats } from "./stats.js";
import { isReportable, suppressedSets } from "./threshold.js";
import * as repo from "./repo.js";

type Collection = collections.Collection;

/** The dimensions a year view can be filtered by; an insamling has one value (or null) of each. */
export const DIMENSIONS = ["interventionId", "areaId", "respondentGroup"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** A filter: a value (null = none set) per dimension, undefined = any. */
export type Pattern = Partial<Record<Dimension, string | null>>;

/** Whether an insamling is one of a filter's. */
export const matches = (c: Pick<Collection, Dimension>, p: Pattern) => DIMENSIONS.every((d) => p[d] === undefined || c[d] === p[d]);


// ——— Counts per insamling ———

export type Tally = { finished: number; values: Map<string, Map<string, number>>; answered: Map<string, number> };
export const emptyTally = (): Tally => ({ finished: 0, values: new Map(), answered: new Map() });

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

/** Several insamlingar's counts added up. */
export function mergeTallies(list: Tally[]): Tally {
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
export function statsOf(def: Definition, t: Tally): Map<string, QuestionStats> {
  const out = new Map<string, QuestionStats>();
  for (const q of questionsOf(def)) {
    const respondents = q.kind === "multi" || q.kind === "text" ? t.answered.get(q.id) ?? 0 : undefined;
    out.set(q.id, questionStats(q, t.values.get(q.id) ?? new Map(), respondents));
  }
  return out;
}

// ——— The insamlingar of one year and questionnaire, with what each set of them may show ———

/** An insamling with its counts and raw figures. */
export type Member = { c: Collection; finished: number; unfinished: number; tally: Tally; stats: Map<string, QuestionStats> };
/** The year's insamlingar of one questionnaire, and per question the member sets whose figures are hidden. */
export type Base = {
  year: number; questionnaireId: string; k: number; members: Member[]; suppressed: Map<string, Set<string>>;
  /** The newest snapshot of the questionnaire in any year: the wording when this year has no insamling (an own questionnaire has no code definition). */
  latest?: Definition;
};

/** Every insamling of the förbund for a year and questionnaire (whoever asks: suppression is decided förbund-wide). */
export async function loadBase(ctx: Ctx, all: Collection[], year: number, questionnaireId: string, k: number): Promise<Base> {
  const list = all.filter((c) => c.year === year && c.questionnaireId === questionnaireId);
  const [base] = await loadBases(ctx, [{ k, list, latest: all.find((c) => c.questionnaireId === questionnaireId)?.definition }], year, questionnaireId);
  return base;
}

/**
 * The bases of several förbund's insamlingar of one year and questionnaire (each list that förbund's, with its k), read
 * together: one count of unfinished answers and one tally read per definition over all of them, where loadBase per
 * förbund would read each förbund apart. Each base is decided by its own förbund's members only, as loadBase's.
 */
export async function loadBases(ctx: Ctx, sets: readonly { k: number; list: Collection[]; latest?: Definition }[], year: number, questionnaireId: string): Promise<Base[]> {
  const everything = sets.flatMap((s) => s.list);
  const unfinished = new Map((await repo.unfinishedCounts(ctx.db, everything.map((c) => c.id))).map((r) => [r.collectionId, r.n]));
  const tallies = await loadTallies(ctx, everything);
  return sets.map(({ k, list, latest }) => {
    const members = list.map((c) => {
      const tally = tallies.get(c.id)!;
      return { c, finished: tally.finished, unfinished: unfinished.get(c.id) ?? 0, tally, stats: statsOf(c.definition, tally) };
    });
    const questionIds = new Set(members.flatMap((m) => [...m.stats.keys()]));
    const suppressed = new Map<string, Set<string>>();
    for (const q of questionIds) {
      suppressed.set(q, suppressedSets(members.map((m) => ({ id: m.c.id, dims: DIMENSIONS.map((d) => m.c[d]), n: m.stats.get(q)?.n ?? 0 })), k));
    }
    return { year, questionnaireId, k, members, suppressed, latest };
  });
}

/** Whether the figures of `question` over the member set `key` (memberKey) with n answers are hidden. */
export function isHidden(base: Base, question: string, key: string, n: number): boolean {
  return !isReportable(n, base.k) || (base.suppressed.get(question)?.has(key) ?? false);
}

