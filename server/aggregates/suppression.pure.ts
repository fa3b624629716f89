/**
 * Which counts of one question an aggregate file may carry (issue 20: "only for cells at or above k"), so that no
 * hidden count can be worked out from the others. Pure: counts in, counts or null out.
 *
 * The attacker this answers knows the file, the rule below, and exactly how many answered the question (the file's n,
 * less blanks they may know of for a required question). Hiding only the counts below k fails them: with one count
 * hidden it is n minus the others, and "hide one more" rules leak through the rule itself (a filling of the hidden
 * counts the rule would have written differently is ruled out; test/unit/aggregates/suppression.test.ts enumerates
 * them). So a question is all or nothing: its counts are shown when every one is 0 or at least k, and otherwise every
 * count is null. A hidden question then says only that some count lies between 1 and k − 1, which every hidden count
 * can explain, so none of them is pinned. A 0 is shown: it is nobody's answer. (The national view could not use a
 * partly hidden question anyway: its share positive and mean need every count.)
 */

export type CellCounts = Readonly<Record<string, number>>;
/** The counts the file carries: null where hidden. */
export type FileCounts = Record<string, number | null>;

/** Whether a count may stand in the file. */
const showable = (n: number, k: number) => n === 0 || n >= k;

/** The counts of one question as the file carries them: all of them, or (one count between 1 and k − 1) none. */
export function fileCounts(counts: CellCounts, k: number): FileCounts {
  const values = Object.keys(counts);
  const whole = values.every((v) => showable(counts[v], k));
  return Object.fromEntries(values.map((v) => [v, whole ? counts[v] : null]));
}

/** Whether a file's counts follow the rule: all null, or none between 1 and k − 1 (the import checks a file with it). */
export const followsRule = (counts: Readonly<Record<string, number | null>>, k: number): boolean => {
  const list = Object.values(counts);
  return list.every((n) => n === null) || list.every((n) => n !== null && showable(n, k));
};
