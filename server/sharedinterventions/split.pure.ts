/**
 * The split of a shared insats (issue 20): what one förbund may see of the parts and the whole.
 *
 * - Its own part: exactly.
 * - The owner sees every co-funder's part, each cell through that förbund's own k: a count from 1 to k − 1 is hidden
 *   (null, "För få för att redovisa"); 0 and counts of k or more are shown. A co-funder sees no other part at all.
 * - The whole (the sum of every part) is shown for a cell only when what the viewer cannot see of it — the sum of the
 *   hidden cells (for a co-funder: every other förbund's) — is 0 or at least the largest k among those förbund. So the
 *   whole minus what the viewer sees never gives away a count below k (test/unit/sharedinterventions/split.test.ts).
 * - Money is no personal data: every förbund's own funding is shown to the owner, and the whole funding to all.
 */

/** The counts of a part that the shared pages and the API show (the year's totals from the förbund's insatsrapporter). */
export const cells = ["participants", "newParticipants", "finished", "toWorkOrStudies", "efterstod"] as const;
export type Cell = (typeof cells)[number];
export const cellLabels: Record<Cell, string> = {
  participants: "Deltagare", newParticipants: "Nya deltagare", finished: "Avslutade",
  toWorkOrStudies: "Till arbete eller studier", efterstod: "I efterstöd",
};

export type PartInput = {
  forbundId: string;
  name: string;
  /** The förbund's reporting threshold. */
  k: number;
  counts: Record<Cell, number>;
  /** Kronor the förbund put into the insats that year; null when none is entered. */
  funding: number | null;
  /** Whether the counts rest on at least one insatsrapport. */
  reported: boolean;
};

/** null: hidden below k. */
export type Shown = Record<Cell, number | null>;
export type PartView = { forbundId: string; name: string; owner: boolean; counts: Shown; funding: number | null; reported: boolean };
export type SplitView = {
  /** The viewer's own part (null when the viewer has no part: not a co-funder). */
  own: PartView | null;
  /** Every part, the owner's first; only for the owner (empty for a co-funder). */
  parts: PartView[];
  whole: { forbundCount: number; counts: Shown; funding: number | null };
};

const showCount = (n: number, k: number): number | null => (n === 0 || n >= k ? n : null);

/** What the viewer (owner or co-funder) sees of the shared insats's parts. */
export function splitView(parts: readonly PartInput[], ownerId: string, viewerId: string): SplitView {
  const isOwner = viewerId === ownerId;
  const view = (p: PartInput, exact: boolean): PartView => ({
    forbundId: p.forbundId, name: p.name, owner: p.forbundId === ownerId, funding: p.funding, reported: p.reported,
    counts: Object.fromEntries(cells.map((c) => [c, exact ? p.counts[c] : showCount(p.counts[c], p.k)])) as Shown,
  });
  const ordered = [...parts].sort((a, b) => Number(b.forbundId === ownerId) - Number(a.forbundId === ownerId));
  const shownParts = isOwner ? ordered.map((p) => view(p, p.forbundId === viewerId)) : [];
  const whole = Object.fromEntries(cells.map((c) => {
    // What of the whole the viewer cannot see part by part: a co-funder sees only its own.
    const hidden = parts.filter((p) => p.forbundId !== viewerId && (!isOwner || showCount(p.counts[c], p.k) === null));
    const hiddenSum = hidden.reduce((a, p) => a + p.counts[c], 0);
    const k = Math.max(0, ...hidden.map((p) => p.k));
    const sum = parts.reduce((a, p) => a + p.counts[c], 0);
    return [c, hiddenSum === 0 || hiddenSum >= k ? sum : null];
  })) as Shown;
  const funded = parts.filter((p) => p.funding !== null);
  const own = parts.find((p) => p.forbundId === viewerId);
  return {
    own: own ? view(own, true) : null,
    parts: shownParts,
    whole: { forbundCount: parts.length, counts: whole, funding: funded.length ? funded.reduce((a, p) => a + p.funding!, 0) : null },
  };
}
