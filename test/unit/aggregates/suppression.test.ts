/**
 * The aggregate file's counts (issue 20): nothing between 1 and k − 1, and no hidden count an attacker can work out.
 * The attacker knows the file, the rule, and exactly how many answered the question (the strongest case: a required
 * question, n in the file). They try every filling of the hidden counts that adds up and that the rule would have
 * written as this same file; a count is derived when it is the same in every such filling.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fileCounts, followsRule } from "../../../server/aggregates/suppression.pure.js";

type Rule = (counts: Record<string, number>, k: number) => Record<string, number | null>;

/** Every value each hidden count can take, for an attacker who knows `rule`. */
function attack(rule: Rule, file: Record<string, number | null>, answered: number, k: number): Map<string, Set<number>> {
  const shown = Object.values(file).reduce<number>((a, n) => a + (n ?? 0), 0);
  const hidden = Object.keys(file).filter((v) => file[v] === null);
  const seen = new Map(hidden.map((v) => [v, new Set<number>()]));
  const fill = (i: number, left: number, acc: Record<string, number>) => {
    if (i === hidden.length - 1) {
      const guess = { ...acc, [hidden[i]]: left };
      const all = Object.fromEntries(Object.keys(file).map((v) => [v, file[v] ?? guess[v]]));
      if (JSON.stringify(rule(all, k)) === JSON.stringify(file)) for (const v of hidden) seen.get(v)!.add(guess[v]);
      return;
    }
    for (let n = 0; n <= left; n++) fill(i + 1, left - n, { ...acc, [hidden[i]]: n });
  };
  if (hidden.length) fill(0, answered - shown, {});
  return seen;
}

/** The rule the words suggest at first reading: hide each count below k, show the rest. */
const naive: Rule = (counts, k) => Object.fromEntries(Object.entries(counts).map(([v, n]) => [v, n < k ? null : n]));

describe("aggregatets celler", () => {
  it("när en fråga har ett antal mellan 1 och k − 1 så är alla frågans antal dolda", () => {
    expect(fileCounts({ "1": 0, "2": 0, "3": 2, "4": 12, "5": 20, "6": 30, "0": 6 }, 5))
      .toEqual({ "1": null, "2": null, "3": null, "4": null, "5": null, "6": null, "0": null });
  });

  it("när varje antal är 0 eller minst k så visas alla", () => {
    expect(fileCounts({ "1": 0, "2": 0, "3": 5, "4": 12, "5": 20, "6": 30, "0": 0 }, 5)).toEqual({ "1": 0, "2": 0, "3": 5, "4": 12, "5": 20, "6": 30, "0": 0 });
  });

  it("angriparen: med bara de små antalen dolda är ett dolt antal n minus de andra; med regeln går det inte", () => {
    const counts = { ja: 2, nej: 40 };
    const naiveFile = naive(counts, 5);
    expect(naiveFile).toEqual({ ja: null, nej: 40 });
    expect([...attack(naive, naiveFile, 42, 5).get("ja")!]).toEqual([2]); // derived: 42 − 40
    const file = fileCounts(counts, 5);
    const possible = attack((c, k) => fileCounts(c, k), file, 42, 5);
    expect(possible.get("ja")!.size).toBeGreaterThan(1);
    expect(possible.get("nej")!.size).toBeGreaterThan(1);
  });

  it("egenskap: inget visat antal ligger mellan 1 och k − 1, och inget dolt antal kan räknas fram ens av den som känner regeln", () => {
    const k = fc.integer({ min: 3, max: 6 });
    const counts = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 14 })), { minLength: 2, maxLength: 4 });
    fc.assert(fc.property(k, counts, (k, list) => {
      const input = Object.fromEntries(list.map((n, i) => [String(i + 1), n]));
      const file = fileCounts(input, k);
      expect(followsRule(file, k)).toBe(true);
      for (const [v, n] of Object.entries(file)) {
        if (n === null) continue;
        expect(n === 0 || n >= k).toBe(true);
        expect(n).toBe(input[v]);
      }
      const answered = list.reduce((a, b) => a + b, 0);
      for (const [v, possible] of attack((c, kk) => fileCounts(c, kk), file, answered, k)) {
        expect(possible.has(input[v])).toBe(true);
        expect(possible.size, `${v} in ${JSON.stringify(input)} k=${k}`).toBeGreaterThan(1);
      }
    }), { numRuns: 600 });
  });

  it("en fil som visar ett antal under k bland andra följer inte regeln", () => {
    expect(followsRule({ ja: 2, nej: 40 }, 5)).toBe(false);
    expect(followsRule({ ja: null, nej: 40 }, 5)).toBe(false);
    expect(followsRule({ ja: null, nej: null }, 5)).toBe(true);
  });
});
