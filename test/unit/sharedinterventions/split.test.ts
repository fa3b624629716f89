/** The split of a shared insats into parts and the whole (sharedinterventions/split.pure.ts), pure. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cells, splitView, type Cell, type PartInput } from "../../../server/sharedinterventions/split.pure.js";

const part = (forbundId: string, c: Partial<Record<Cell, number>>, funding: number | null = null, k = 5): PartInput => ({
  forbundId, name: `Förbund ${forbundId}`, k, funding, reported: true,
  counts: { participants: 0, newParticipants: 0, finished: 0, toWorkOrStudies: 0, efterstod: 0, ...c },
});
/** Seed 003's IT-spåret: Höglandet owns it; 5 participants per förbund; 600, 600 and 200 tkr. */
const itSparet = [
  part("h", { participants: 5, finished: 5, toWorkOrStudies: 2 }, 600_000),
  part("sv", { participants: 5, finished: 1, toWorkOrStudies: 1 }, 600_000),
  part("fv", { participants: 5 }, 200_000),
];

describe("en delad insats: delar och helhet", () => {
  it("när en medfinansiär läser så får den sin egen del exakt, inga andra delar, och helheten där de andras summa är 0 eller minst k", () => {
    const v = splitView(itSparet, "h", "sv");
    expect(v.own?.counts).toEqual({ participants: 5, newParticipants: 0, finished: 1, toWorkOrStudies: 1, efterstod: 0 });
    expect(v.parts).toEqual([]);
    // the others: participants 10 (shown), finished 5 (shown), to work 2 (< 5: hidden), new participants and efterstöd 0 (shown)
    expect(v.whole).toEqual({ forbundCount: 3, funding: 1_400_000, counts: { participants: 15, newParticipants: 0, finished: 6, toWorkOrStudies: null, efterstod: 0 } });
  });

  it("när ägaren läser så får den varje del, den egen exakt och de andras celler genom deras k, ägarens del först", () => {
    const v = splitView([itSparet[1], itSparet[2], itSparet[0]], "h", "h");
    expect(v.parts.map((p) => [p.forbundId, p.owner])).toEqual([["h", true], ["sv", false], ["fv", false]]);
    expect(v.parts[0].counts.toWorkOrStudies).toBe(2);
    expect(v.parts[1].counts).toMatchObject({ participants: 5, finished: null, toWorkOrStudies: null });
    expect(v.parts[1].funding).toBe(600_000);
    // whole − own − Finnveden's 0 would give Södra Vätterbygden's 1
    expect(v.whole.counts).toMatchObject({ participants: 15, finished: null, toWorkOrStudies: null });
  });

  it("när de dolda cellerna tillsammans är minst k så visas helheten, och varje förbunds egen gräns gäller dess del", () => {
    const one = splitView([part("a", { finished: 10 }), part("b", { finished: 3 }), part("c", { finished: 4 }, null, 3)], "a", "a");
    expect(one.parts.map((p) => p.counts.finished)).toEqual([10, null, 4]); // c's k is 3
    expect(one.whole.counts.finished).toBeNull(); // b's 3 alone is hidden: the whole would give it
    const two = splitView([part("a", { finished: 10 }), part("b", { finished: 3 }), part("c", { finished: 2 })], "a", "a");
    expect(two.parts.map((p) => p.counts.finished)).toEqual([10, null, null]);
    expect(two.whole.counts.finished).toBe(15); // 3 + 2 hidden together: at least k, neither can be told apart
  });

  it("när ingen har registrerat medel så är helhetens medel null, aldrig en påhittad nolla", () => {
    expect(splitView([part("a", {}), part("b", {})], "a", "b").whole.funding).toBeNull();
    expect(splitView([part("a", {}), part("b", {}, 0)], "a", "b").whole.funding).toBe(0);
  });

  it("när en läsare inte har någon del (varken ägare eller medfinansiär) så får den ingen egen del", () => {
    expect(splitView(itSparet, "h", "x").own).toBeNull();
  });

  it("egenskap: det läsaren ser räcker aldrig för att räkna fram ett annat förbunds antal mellan 1 och k − 1", () => {
    const partArb = fc.record({ k: fc.integer({ min: 3, max: 7 }), n: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cells.length, maxLength: cells.length }), funding: fc.option(fc.integer({ min: 0, max: 1_000_000 })) });
    fc.assert(fc.property(fc.array(partArb, { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), (list, o, w) => {
      const parts: PartInput[] = list.map((p, i) => ({ forbundId: `f${i}`, name: `F${i}`, k: p.k, funding: p.funding, reported: true,
        counts: Object.fromEntries(cells.map((c, j) => [c, p.n[j]])) as Record<Cell, number> }));
      const owner = parts[o % parts.length].forbundId, viewer = parts[w % parts.length].forbundId;
      const v = splitView(parts, owner, viewer);
      expect(v.own?.counts).toEqual(parts.find((p) => p.forbundId === viewer)!.counts);
      if (viewer !== owner) expect(v.parts).toEqual([]);
      for (const c of cells) {
        // what the viewer sees part by part (its own; for the owner, every shown cell)
        const seen = new Map<string, number>([[viewer, v.own!.counts[c]!]]);
        for (const p of v.parts) if (p.counts[c] !== null) seen.set(p.forbundId, p.counts[c]!);
        for (const p of v.parts) {
          const raw = parts.find((x) => x.forbundId === p.forbundId)!;
          if (p.forbundId !== viewer) expect(p.counts[c]).toBe(raw.counts[c] === 0 || raw.counts[c] >= raw.k ? raw.counts[c] : null);
        }
        const unseen = parts.filter((p) => !seen.has(p.forbundId));
        const whole = v.whole.counts[c];
        if (whole === null) continue;
        expect(whole).toBe(parts.reduce((a, p) => a + p.counts[c], 0));
        // the whole minus what is seen is the unseen sum: it must not pin any unseen count below its förbund's k
        const rest = whole - [...seen.values()].reduce((a, b) => a + b, 0);
        for (const p of unseen) if (p.counts[c] > 0 && p.counts[c] < p.k) expect(rest).toBeGreaterThanOrEqual(p.k);
      }
    }), { numRuns: 2000 });
  });
});
