/** Complementary suppression over the views of a year (service.ts suppressedSets), pure. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isReportable, memberKey, suppressedSets, type Cell } from "../../../server/results/threshold.js";

const cell = (id: string, n: number, dims: (string | null)[] = [null, null, null]): Cell => ({ id, n, dims });

describe("suppressedSets", () => {
  it("när ingen insamling har färre än k svar så döljs ingenting", () => {
    expect(suppressedSets([cell("a", 5), cell("b", 9)], 5)).toEqual(new Set());
  });

  it("när en insamling har färre än k svar så döljs den och den näst minsta, inte den största", () => {
    const s = suppressedSets([cell("a", 4, ["i", "x", null]), cell("b", 6, ["i", "y", null]), cell("c", 20, ["i", null, null])], 5);
    expect(s.has("a")).toBe(true);
    expect(s.has("b")).toBe(true);
    expect(s.has("c")).toBe(false);
    // the kommunområde view that equals b is hidden too, the year's total is not
    expect(s.has(memberKey(["a", "b", "c"]))).toBe(false);
  });

  it("när två små insamlingar tillsammans har minst k svar så behövs ingen extra", () => {
    const s = suppressedSets([cell("a", 3), cell("b", 3), cell("c", 20)], 5);
    expect([...s].sort()).toEqual(["a", "b"]);
  });

  it("när en insamling har 0 svar så avslöjar den inget och döljer inget annat", () => {
    expect(suppressedSets([cell("a", 0), cell("b", 6), cell("c", 7)], 5)).toEqual(new Set(["a"]));
  });

  it("när en vy filtreras på ett kommunområde så döljs den om den är den som skyddar ett litet område", () => {
    // Areas x (2 answers), y (6), z (30): the y view is the complement in the split by area.
    const cells = [cell("a", 2, [null, "x", null]), cell("b", 6, [null, "y", null]), cell("c", 30, [null, "z", null])];
    const s = suppressedSets(cells, 5);
    expect(s.has("b")).toBe(true);
    expect(s.has("c")).toBe(false);
  });

  it("för alla slumpade år så går ingen dold grupp under k att räkna fram ur en visad vy minus de visade insamlingarna i den", () => {
    const dims = fc.constantFrom("p", "q", null);
    fc.assert(fc.property(
      fc.array(fc.record({ n: fc.nat(12), d: fc.tuple(dims, dims, dims) }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 3, max: 6 }),
      (raw, k) => {
        const cells = raw.map((r, i) => cell(`c${i}`, r.n, r.d));
        const s = suppressedSets(cells, k);
        const hidden = (c: Cell) => !isReportable(c.n, k) || s.has(c.id);
        // Every filter combination's view: if it is shown, the hidden insamlingar in it add up to 0 or at least k.
        for (let mask = 0; mask < 8; mask++) {
          for (const pivot of cells) {
            const members = cells.filter((c) => c.dims.every((v, i) => !(mask & (1 << i)) || v === pivot.dims[i]));
            const n = members.reduce((a, c) => a + c.n, 0);
            if (!isReportable(n, k) || s.has(memberKey(members.map((c) => c.id)))) continue;
            const h = members.filter(hidden).reduce((a, c) => a + c.n, 0);
            if (h > 0 && h < k) return false;
          }
        }
        return true;
      },
    ), { numRuns: 300 });
  });
});
