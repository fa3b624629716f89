/**
 * Which counts of one question an aggregate file may carry (issue 20: "only for cells at or above k"), and how a
 * hidden count is kept from being worked out from the others. Pure: counts in, counts or null out.
 *
 * The attacker this answers: one who reads the file and knows, besides, exactly how many answered the question (the
 * file's n, less blanks they may know from a required question or a condition). For a question whose answers fall in
 * exactly one value each (frequency6, scales, yes/no, single choice), they then know the sum of the hidden counts, and
 * each hidden count's bounds: at least 0, at most k − 1 when it was hidden for being small (unbounded when it was
 * hidden to protect another), and together the sum. A count is derived when its lower and upper bound meet (one hidden
 * count alone; all hidden counts 0; all at k − 1 …). So: every count below k — zero included, "nobody answered Aldrig"
 * tells as much as one — is hidden; then, while some hidden count is derivable, the smallest shown count is hidden
 * too. A multiple-choice question's counts do not add up to anything in the file and are only held to k.
 */

export type CellCounts = Readonly<Record<string, number>>;
/** The counts the file carries: null where hidden. */
export type FileCounts = Record<string, number | null>;

/** The bounds an attacker who knows the hidden sum gets for each hidden count (upper: k − 1 for a small one, else the sum). */
export function boundsOf(hidden: readonly { n: number; small: boolean }[], k: number): { lower: number; upper: number }[] {
  const sum = hidden.reduce((a, h) => a + h.n, 0);
  const cap = (h: { small: boolean }) => (h.small ? Math.min(k - 1, sum) : sum);
  const caps = hidden.map(cap);
  const allCaps = caps.reduce((a, c) => a + c, 0);
  return hidden.map((_, i) => ({ lower: Math.max(0, sum - (allCaps - caps[i])), upper: caps[i] }));
}

/** Whether any hidden count's bounds meet. */
const derivable = (hidden: readonly { n: number; small: boolean }[], k: number) =>
  hidden.length > 0 && boundsOf(hidden, k).some((b) => b.lower === b.upper);

/**
 * The counts of one question as the file carries them. `partition`: each answer is in exactly one value (every kind but
 * multi), so the hidden counts add up to something an attacker may know.
 */
export function fileCounts(counts: CellCounts, k: number, partition: boolean): FileCounts {
  const values = Object.keys(counts);
  const hidden = new Set(values.filter((v) => counts[v] < k));
  if (partition) {
    const cells = () => values.filter((v) => hidden.has(v)).map((v) => ({ n: counts[v], small: counts[v] < k }));
    while (derivable(cells(), k)) {
      const shown = values.filter((v) => !hidden.has(v)).sort((a, b) => counts[a] - counts[b] || a.localeCompare(b));
      if (!shown.length) break;
      hidden.add(shown[0]);
    }
  }
  return Object.fromEntries(values.map((v) => [v, hidden.has(v) ? null : counts[v]]));
}
