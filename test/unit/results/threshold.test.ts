import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questionStats } from "../../../server/results/stats.js";
import {
  effectiveK, isReportable, reportableTexts, reportBreakdown, reportQuestion, suppressBreakdown, SUPPRESSED_TEXT,
} from "../../../server/results/threshold.js";

const cells = (ns: Record<string, number>) => Object.entries(ns).map(([key, n]) => ({ key, n }));

describe("redovisningsgränsen k", () => {
  it.each([
    [undefined, 5], [null, 5], [NaN, 5], [5, 5], [3, 3], [2, 3], [0, 3], [-4, 3], [10, 10], [4.7, 4],
  ])("när förbundets inställning är %s så används k = %s", (k, used) => {
    expect(effectiveK(k)).toBe(used);
  });

  it.each([
    [5, 5, true], [4, 5, false], [0, 5, false], [3, 1, true], [2, 1, false], [null, 5, false], [undefined, 5, false], [84, 5, true],
  ])("när n = %s och k = %s så är gruppen redovisningsbar: %s", (n, k, ok) => {
    expect(isReportable(n, k)).toBe(ok);
  });

  it("när en fråga har färre svar än k så är varje siffra och antal null och frågan markerad som dold", () => {
    const stats = questionStats({ kind: "frequency6" }, { 0: 9, 5: 2, 6: 2 });
    expect(reportQuestion(stats, 5)).toEqual({
      kind: "frequency6", suppressed: true,
      n: null, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null,
    });
    expect(reportQuestion(stats, 4)).toEqual({ ...stats, suppressed: false });
    expect(reportQuestion(stats, 2)).toEqual({ ...stats, suppressed: false }); // k = 2 counts as 3, and n = 4
    expect(reportQuestion(questionStats({ kind: "yesno" }, { ja: 2 }), 1).suppressed).toBe(true); // n = 2 < 3
  });

  it("när en fritextfråga har färre svar än k så visas inga svar", () => {
    expect(reportableTexts(4, ["a", "b", "c", "d"], 5)).toBeNull();
    expect(reportableTexts(5, ["a", "b", "c", "d", "e"], 5)).toEqual(["a", "b", "c", "d", "e"]);
    expect(SUPPRESSED_TEXT).toBe("För få svar för att redovisa");
  });
});

describe("uppdelningar och skydd mot subtraktion", () => {
  it("när ingen summa visas så döljs bara celler under k", () => {
    const s = suppressBreakdown(cells({ a: 2, b: 10, c: 7 }), 5, false);
    expect([...s.suppressed]).toEqual(["a"]);
    expect(s.complementary).toEqual([]);
  });

  it("när en summa visas och en cell är under k så döljs också den näst minsta, så att den lilla inte kan räknas fram", () => {
    const s = suppressBreakdown(cells({ a: 2, b: 10, c: 7, d: 30 }), 5, true);
    expect(s.primary).toEqual(["a"]);
    expect(s.complementary).toEqual(["c"]);
    expect([...s.suppressed].sort()).toEqual(["a", "c"]);
    // the attacker: total − shown = 49 − 40 = 9 ≥ k, a group of two cells
    const total = 2 + 10 + 7 + 30;
    expect(total - (10 + 30)).toBeGreaterThanOrEqual(5);
  });

  it("när två små celler tillsammans är under k så döljs också den näst minsta", () => {
    expect(suppressBreakdown(cells({ a: 1, b: 2, c: 9, d: 6 }), 5, true).complementary).toEqual(["d"]);
  });

  it("när de dolda cellerna tillsammans når k så behövs ingen extra cell", () => {
    expect(suppressBreakdown(cells({ a: 3, b: 4, c: 9 }), 5, true)).toMatchObject({ primary: ["a", "b"], complementary: [] });
  });

  it("när den enda dolda cellen har noll svar så finns inget att skydda", () => {
    expect(suppressBreakdown(cells({ a: 0, b: 9, c: 6 }), 5, true)).toMatchObject({ primary: ["a"], complementary: [] });
  });

  it("när flera celler är lika små så döljs den första av dem", () => {
    expect(suppressBreakdown(cells({ a: 9, b: 6, c: 6, d: 1 }), 5, true).complementary).toEqual(["b"]);
  });

  it("när alla celler är under k så döljs alla och ingen extra behövs", () => {
    expect(suppressBreakdown(cells({ a: 1, b: 2 }), 5, true)).toMatchObject({ primary: ["a", "b"], complementary: [] });
  });

  it("när k är satt under 3 så används 3 även i uppdelningar", () => {
    expect(suppressBreakdown(cells({ a: 2, b: 3, c: 4 }), 1, true)).toMatchObject({ primary: ["a"], complementary: ["b"] });
  });

  it("när en hel uppdelning redovisas så döljs cellerna enligt regeln och summan efter sitt eget n", () => {
    const freq = { kind: "frequency6" as const };
    const per = {
      insatsA: questionStats(freq, { 4: 2 }),
      insatsB: questionStats(freq, { 5: 6, 6: 4 }),
      insatsC: questionStats(freq, { 3: 3, 6: 4 }),
    };
    const total = questionStats(freq, { 3: 3, 4: 2, 5: 6, 6: 8 });
    const r = reportBreakdown(Object.entries(per).map(([key, stats]) => ({ key, stats })), total, 5);
    expect(r.cells.map((c) => [c.key, c.result.suppressed])).toEqual([["insatsA", true], ["insatsB", false], ["insatsC", true]]);
    expect(r.cells[2].result.counts).toBeNull();
    expect(r.total).toMatchObject({ suppressed: false, n: 19 });
    const noTotal = reportBreakdown(Object.entries(per).map(([key, stats]) => ({ key, stats })), null, 5);
    expect(noTotal.cells.map((c) => c.result.suppressed)).toEqual([true, false, false]);
    expect(noTotal.total).toBeNull();
  });

  it("när uppdelningar är slumpade så syns ingen cell under k och det som kan räknas fram ur summan är 0 eller minst k", () => {
    const arb = fc.tuple(fc.array(fc.nat({ max: 15 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 9 }), fc.boolean());
    fc.assert(fc.property(arb, ([ns, k, hasTotal]) => {
      const input = ns.map((n, i) => ({ key: `c${i}`, n }));
      const kk = effectiveK(k);
      const s = suppressBreakdown(input, k, hasTotal);
      const shown = input.filter((c) => !s.suppressed.has(c.key));
      // 1. no shown cell below k
      expect(shown.every((c) => c.n >= kk)).toBe(true);
      // 2. at most one complementary cell, and only with a total
      expect(s.complementary.length).toBeLessThanOrEqual(hasTotal ? 1 : 0);
      if (hasTotal) {
        // 3. the attacker's residual: total minus every shown cell
        const total = ns.reduce((a, b) => a + b, 0);
        const residual = total - shown.reduce((a, c) => a + c.n, 0);
        // (with every cell hidden the residual is the total, which reportQuestion hides when below k)
        expect(residual === 0 || residual >= kk || (shown.length === 0 && !isReportable(total, k))).toBe(true);
        // 4. the complement is needed (without it the residual is 1 … k−1) and is the smallest shown cell
        if (s.complementary.length) {
          const c = input.find((x) => x.key === s.complementary[0])!;
          expect(residual - c.n).toBeGreaterThan(0);
          expect(residual - c.n).toBeLessThan(kk);
          expect(shown.every((x) => x.n >= c.n)).toBe(true);
        }
      }
    }), { numRuns: 1000 });
  });
});
