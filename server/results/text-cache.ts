/**
 * The free-text lists of the results pages, kept per released snapshot. Reading them means reading
 * every released answer of the insamlingar (to take the first ones by hash), which on the embedded
 * database blocks the server for tens of milliseconds at 50 000 answers; the figures themselves come
 * from response_tallies and cost little.
 *
 * Exact: the key holds each insamling's number of released answers, read from the tallies in the
 * same call. Released answers are never changed or deleted on their own (only with their insamling,
 * whose id then never comes back), and a snapshot is released k answers at a time, so the same counts
 * mean the same answers and a new snapshot is a new key. Another process releasing a snapshot changes
 * the counts this process reads, so it is seen at the next call. Anything outside those rules (answers
 * deleted straight in the database, or by a future retention job, as many as are released meanwhile)
 * is seen within KEEP_MS.
 *
 * Bounded: at most BUDGET characters of text per database handle, least recently used dropped first.
 */
import type { TextCount } from "./text-groups.pure.js";

export const BUDGET = 4_000_000;
export const KEEP_MS = 10 * 60_000;

type Store = { entries: Map<string, { texts: TextCount[]; size: number; until: number }>; size: number };
const stores = new WeakMap<object, Store>();

function storeOf(database: object): Store {
  let s = stores.get(database);
  if (!s) stores.set(database, s = { entries: new Map(), size: 0 });
  return s;
}

/** The key of one list: the answer key and the insamlingar with their released counts (any order). */
export const textKey = (answerKey: string, insamlingar: { id: string; released: number }[]): string =>
  `${answerKey}|${insamlingar.map((c) => `${c.id}:${c.released}`).sort().join(",")}`;

/** The list under `key` (kept less than KEEP_MS ago), or undefined; a hit becomes the most recently used. */
export function cachedTexts(database: object, key: string): TextCount[] | undefined {
  const s = storeOf(database);
  const hit = s.entries.get(key);
  if (!hit) return undefined;
  s.entries.delete(key);
  if (hit.until <= performance.now()) { s.size -= hit.size; return undefined; }
  s.entries.set(key, hit);
  return hit.texts;
}

/** Keeps a list, dropping the least recently used ones beyond the budget (a list larger than the budget is not kept). */
export function keepTexts(database: object, key: string, texts: TextCount[]): void {
  const size = texts.reduce((a, t) => a + t.text.length, key.length);
  if (size > BUDGET) return;
  const s = storeOf(database);
  const old = s.entries.get(key);
  if (old) { s.entries.delete(key); s.size -= old.size; }
  s.entries.set(key, { texts: Object.freeze(texts.map((t) => Object.freeze({ ...t }))) as TextCount[], size, until: performance.now() + KEEP_MS });
  s.size += size;
  for (const [k, e] of s.entries) {
    if (s.size <= BUDGET) break;
    s.entries.delete(k);
    s.size -= e.size;
  }
}
