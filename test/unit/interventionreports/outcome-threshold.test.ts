/** The förbund's threshold for the insatser's counts: primary and complementary hiding, pure. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countCells, hiddenCounts, matrixCells, yearCells, type Line } from "../../../server/interventionreports/outcome-threshold.pure.js";
import { zeroCounts } from "../../../server/interventionreports/outcomes.pure.js";

const map = (o: Record<string, number>) => new Map(Object.entries(o));

/** Every line keeps its hidden cells underivable: never exactly one hidden, and a shown total's hidden parts add up to 0 or ≥ T. */
function holds(values: ReadonlyMap<string, number>, lines: readonly Line[], hidden: Set<string>, t: number): boolean {
  return lines.every((l) => {
    const cells = [...l.parts, l.total].filter((k) => hidden.has(k));
    const sum = l.parts.filter((p) => hidden.has(p)).reduce((a, p) => a + (values.get(p) ?? 0), 0);
    return cells.length !== 1 && (hidden.has(l.total) || sum === 0 || sum >= t);
  });
}

describe("hiddenCounts", () => {
  const line: Line = { parts: ["w", "m", "o"], total: "all" };

  it("när inget antal är under gränsen så döljs ingenting", () => {
    expect(hiddenCounts(map({ w: 6, m: 7, o: 0, all: 13 }), [line], 5)).toEqual(new Set());
  });

  it("när ett antal är under gränsen så döljs det och det näst minsta, inte summan", () => {
    // 2 kvinnor, 9 män, 12 annat: 9 is hidden too, else 23 − 9 − 12 = 2.
    expect([...hiddenCounts(map({ w: 2, m: 9, o: 12, all: 23 }), [line], 5)].sort()).toEqual(["m", "w"]);
  });

  it("när två små antal tillsammans är under gränsen så döljs ett tredje", () => {
    expect([...hiddenCounts(map({ w: 1, m: 2, o: 12, all: 15 }), [line], 5)].sort()).toEqual(["m", "o", "w"]);
  });

  it("när de andra delarna är 0 så döljs summan", () => {
    expect([...hiddenCounts(map({ w: 3, m: 0, o: 0, all: 3 }), [line], 5)].sort()).toEqual(["all", "w"]);
    expect([...hiddenCounts(map({ w: 6, m: 0, o: 0, all: 6 }), [line], 5)]).toEqual([]);
  });

  it("en 0:a visas: den avslöjar ingen", () => {
    expect(hiddenCounts(map({ w: 0, m: 8, o: 9, all: 17 }), [line], 5)).toEqual(new Set());
  });

  it("för alla slumpade tabeller med rad-, kolumn- och totalsummor så döljs varje litet antal och inget dolt går att räkna fram", () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.nat(14), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 2, max: 8 }),
      (raw, t) => {
        const cols = Math.min(...raw.map((r) => r.length));
        const grid = raw.map((r) => r.slice(0, cols));
        const values = new Map<string, number>(), lines: Line[] = [];
        grid.forEach((row, i) => {
          row.forEach((n, j) => values.set(`c${i}.${j}`, n));
          values.set(`r${i}`, row.reduce((a, n) => a + n, 0));
          lines.push({ parts: row.map((_, j) => `c${i}.${j}`), total: `r${i}` });
        });
        for (let j = 0; j < cols; j++) {
          values.set(`k${j}`, grid.reduce((a, r) => a + r[j], 0));
          lines.push({ parts: grid.map((_, i) => `c${i}.${j}`), total: `k${j}` });
        }
        values.set("all", grid.flat().reduce((a, n) => a + n, 0));
        lines.push({ parts: grid.map((_, i) => `r${i}`), total: "all" }, { parts: Array.from({ length: cols }, (_, j) => `k${j}`), total: "all" });
        const hidden = hiddenCounts(values, lines, t);
        const primary = [...values].filter(([, n]) => n > 0 && n < t).every(([k]) => hidden.has(k));
        const noZero = [...hidden].every((k) => values.get(k)! > 0);
        return primary && noZero && holds(values, lines, hidden, t);
      },
    ), { numRuns: 500 });
  });
});

describe("insatsrapportens antal och förflyttningsmatrisen som celler", () => {
  it("när en insats har 2 kvinnor bland 20 deltagare så döljs de på varje rad de står, och inget går att räkna fram", () => {
    const a = { ...zeroCounts(), participants: { women: 2, men: 10, other: 8 }, finished: { ...zeroCounts().finished, arbete: { women: 1, men: 4, other: 3 }, sjukdom: { women: 1, men: 2, other: 0 } } };
    const b = { ...zeroCounts(), participants: { women: 9, men: 6, other: 7 } };
    const sum = { ...zeroCounts(), participants: { women: 11, men: 16, other: 15 }, finished: a.finished };
    const { values, lines } = yearCells([{ prefix: "a", counts: a }, { prefix: "b", counts: b }], sum);
    const hidden = hiddenCounts(values, lines, 5);
    expect(hidden.has("a.participants.women")).toBe(true);
    expect(hidden.has("a.finished.arbete.women")).toBe(true);
    expect(holds(values, lines, hidden, 5)).toBe(true);
    // The förbund's total of women is 11 = 2 + 9: b's women are hidden too, or the total.
    expect(hidden.has("b.participants.women") || hidden.has("total.participants.women")).toBe(true);
  });

  it("en matris med en ensam förflyttning döljer cellen och så mycket till att den inte går att räkna fram", () => {
    const { values, lines } = matrixCells("m", { forsorjningsstod: { forsorjningsstod: 6, arbete: 1 }, a_kassa: { arbete: 7 } }, ["forsorjningsstod", "a_kassa", "arbete"]);
    const hidden = hiddenCounts(values, lines, 3);
    expect(hidden.has("m.forsorjningsstod.arbete")).toBe(true);
    expect(holds(values, lines, hidden, 3)).toBe(true);
  });

  it("countCells har en nyckel per antal i rapporten", () => {
    const { values } = countCells("x", zeroCounts());
    expect(values.get("x.participants.total")).toBe(0);
    expect(values.has("x.finished.ater_remittent.other")).toBe(true);
    expect(values.has("x.referrals.total")).toBe(true);
  });
});
