/**
 * Free text: the text answers, comments and "Annat" texts of a view. Free text is disaggregated
 * data and cannot be protected by hiding totals, so a view lists only the texts of insamlingar that
 * may show their own texts, and only when the question (or its comments) has k writers. Texts are
 * read once per released snapshot (text-cache.ts), masked for personal data and grouped (the same
 * sentence once, with its count, most frequent first: text-groups.pure.ts), at most TEXT_LIMIT lines per key.
 */
import type { Ctx } from "../context.js";
import type * as collections from "../collections/service.js";
import { groupTexts, type TextCount } from "./text-groups.pure.js";
import { commentKey, otherKey, questionsOf, type Definition, type Question } from "../../surveys/define.js";
import { isReportable, reportableTexts, type QuestionResult } from "./threshold.js";
import { isHidden, type Base, type Member } from "./tallies.js";
import { cachedTexts, keepTexts, textKey } from "./text-cache.js";
import * as repo from "./repo.js";

/** The most free-text lines (each a sentence with its count) listed per question. */
export const TEXT_LIMIT = 200;

/** What the texts of a view depend on (a View of views.ts). */
type ShownView = {
  definition: Definition;
  collections: collections.Collection[];
  results: Record<string, QuestionResult>;
  /** Answers behind each free-text, comment and "Annat" key. */
  answered: Map<string, number>;
};

export type TextGroup = {
  question: Question;
  /** "answer": the text question itself; "comment": comments on a question; "other": the "Annat" text of a multi choice. */
  part: "answer" | "comment" | "other";
  /** Masked lines, each sentence once with how many wrote it, most frequent first; null: below the threshold, nothing is shown. */
  texts: TextCount[] | null;
  /** Answers that may be shown (the lines hold at most TEXT_LIMIT of their sentences). */
  total: number;
  /** Some insamlingar had too few answers to show their texts. */
  someHidden: boolean;
};

/** Released answers read per statement for free text on the embedded database (see repo.textCounts); one statement on a server. */
const TEXTS_PER_STATEMENT = 2_500;

/**
 * Up to TEXT_LIMIT masked, grouped lines of one key in these insamlingar' released snapshots: read once per
 * snapshot (text-cache.ts), and once for all the pages that ask for the same snapshot at the same time.
 */
function snapshotTexts(ctx: Ctx, insamlingar: { id: string; released: number }[], key: string): Promise<TextCount[]> {
  const cacheKey = textKey(key, insamlingar);
  const hit = cachedTexts(ctx.database, cacheKey);
  if (hit) return Promise.resolve(hit);
  let reading = readingTexts.get(ctx.database);
  if (!reading) readingTexts.set(ctx.database, reading = new Map());
  const running = reading.get(cacheKey);
  if (running) return running;
  const perStatement = ctx.database.kind === "pglite" ? TEXTS_PER_STATEMENT : Infinity;
  const read = repo.textCounts(ctx.db, insamlingar, [key], perStatement)
    .then((rows) => {
      const texts = groupTexts(rows.map((r) => ({ text: r.text, count: r.n })), TEXT_LIMIT);
      keepTexts(ctx.database, cacheKey, texts);
      return texts;
    })
    .finally(() => reading.delete(cacheKey));
  reading.set(cacheKey, read);
  return read;
}
/** The reads of snapshotTexts under way, per database handle. */
const readingTexts = new WeakMap<object, Map<string, Promise<TextCount[]>>>();

/** The free text of a view (views.ts), grouped per question, masked, and only where the threshold allows. */
export async function textsOf(ctx: Ctx, base: Base, view: ShownView): Promise<TextGroup[]> {
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

