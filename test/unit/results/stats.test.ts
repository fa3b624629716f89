import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuestionKind } from "../../../surveys/define.js";
import indikator from "../../../surveys/indikator-deltagare-pagaende.js";
import samverkan from "../../../surveys/samverkan-utvardering.js";
import { questionsOf } from "../../../surveys/define.js";
import { change, countMap, medianOfCounts, metricsOf, questionStats, type StatsQuestion } from "../../../server/results/stats.js";

const q = (id: string, def = samverkan) => questionsOf(def).find((x) => x.id === id)!;
const freq: StatsQuestion = { kind: "frequency6" };
const scale10: StatsQuestion = { kind: "scale10", dontKnow: false };

// Bilaga 5 of seed 002: 84 answers, q3 "Medel 7,9", q6 "94 % ja", q9a–q9d medians 7, 7, 6, 6.
const bilaga5 = {
  q3: { 3: 1, 5: 4, 6: 8, 7: 17, 8: 26, 9: 18, 10: 10 },
  q6: { ja: 79, nej: 5 },
  q9a: { 4: 5, 5: 10, 6: 15, 7: 20, 8: 20, 9: 10, 10: 4 },
  q9b: { 3: 3, 4: 4, 5: 9, 6: 14, 7: 22, 8: 18, 9: 10, 10: 4 },
  q9c: { 2: 4, 3: 6, 4: 10, 5: 12, 6: 20, 7: 14, 8: 10, 9: 6, 10: 2 },
  q9d: { 1: 2, 2: 3, 3: 6, 4: 10, 5: 12, 6: 20, 7: 15, 8: 9, 9: 5, 10: 2 },
};

describe("statistik per fråga", () => {
  it.each([
    ["inga svar alls", {}, { n: 0, dontKnow: 0, mean: null, median: null, sharePositive: null }],
    ["ett svar", { 4: 1 }, { n: 1, dontKnow: 0, mean: 4, median: 4, sharePositive: 1 }],
    ["bara vet inte", { 0: 7 }, { n: 0, dontKnow: 7, mean: null, median: null, sharePositive: null }],
    ["udda n", { 1: 1, 3: 1, 6: 1 }, { n: 3, dontKnow: 0, mean: 10 / 3, median: 3, sharePositive: 1 / 3 }],
    ["jämnt n med två olika mittvärden", { 2: 1, 3: 1, 5: 1, 6: 1 }, { n: 4, dontKnow: 0, mean: 4, median: 4, sharePositive: 0.5 }],
    ["vet inte utanför andel, medel och median", { 0: 50, 1: 1, 6: 2 }, { n: 3, dontKnow: 50, mean: 13 / 3, median: 6, sharePositive: 2 / 3 }],
    ["nollor bland antalen", { 0: 0, 1: 0, 4: 3, 6: 0 }, { n: 3, dontKnow: 0, mean: 4, median: 4, sharePositive: 1 }],
  ])("när en frekvensfråga har %s så blir n, vet inte, medel, median och andel positiva rätt", (_name, counts, expected) => {
    const s = questionStats(freq, counts);
    expect(s).toMatchObject({ kind: "frequency6", shareYes: null, options: null, ...expected });
  });

  it("när en frekvensfråga räknas så finns varje värde 1–6 i fördelningen och vet inte står för sig", () => {
    const s = questionStats(q("q1", indikator), new Map([["0", 2], ["4", 3], ["6", 1]]));
    expect(s.counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 3, 5: 0, 6: 1 });
    expect(Object.keys(s.counts!)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(s.dontKnow).toBe(2);
  });

  it("när de två mittersta svaren är 6 och 7 så blir medianen 6,5", () => {
    expect(questionStats(scale10, { 6: 42, 7: 42 }).median).toBe(6.5);
    expect(questionStats(scale10, { 6: 1, 7: 1 }).median).toBe(6.5);
    expect(questionStats(scale10, { 1: 1, 6: 1, 7: 1, 10: 1 }).median).toBe(6.5);
    expect(medianOfCounts([1, 0, 0, 0, 0, 1])).toBe(3.5);
  });

  it("när Bilaga 5:s fördelningar räknas så blir det 84 svar, medel 7,9, 94 % ja och medianerna 7, 7, 6, 6", () => {
    const q3 = questionStats(q("q3"), bilaga5.q3);
    expect(q3.n).toBe(84);
    expect(q3.mean).toBe(660 / 84);
    expect(q3.mean!).toBeCloseTo(7.857, 3);
    expect(q3.median).toBe(8);
    expect(q3.dontKnow).toBeNull(); // scale10 without a "vet inte" choice
    const q6 = questionStats(q("q6"), bilaga5.q6);
    expect(q6).toMatchObject({ kind: "yesno", n: 84, shareYes: 79 / 84, counts: { ja: 79, nej: 5 }, mean: null, median: null, sharePositive: null, dontKnow: null });
    expect(["q9a", "q9b", "q9c", "q9d"].map((id) => questionStats(q(id), bilaga5[id as keyof typeof bilaga5]).median)).toEqual([7, 7, 6, 6]);
  });

  it("när ja/nej saknar svar så är andelen ja null, och andra nycklar räknas inte", () => {
    expect(questionStats({ kind: "yesno" }, {})).toMatchObject({ n: 0, shareYes: null, counts: { ja: 0, nej: 0 } });
    expect(questionStats({ kind: "yesno" }, { ja: 1, "0": 4, vet: 2 })).toMatchObject({ n: 1, shareYes: 1 });
  });

  it("när en envalsfråga räknas så får varje alternativ antal och andel i enkätens ordning", () => {
    const s = questionStats(q("q1"), { region: 20, kommun: 60, annan: 4 });
    expect(s.n).toBe(84);
    expect(s.options).toEqual([
      { code: "kommun", count: 60, share: 60 / 84 },
      { code: "region", count: 20, share: 20 / 84 },
      { code: "arbetsformedlingen", count: 0, share: 0 },
      { code: "forsakringskassan", count: 0, share: 0 },
      { code: "annan", count: 4, share: 4 / 84 },
    ]);
    expect(s.counts).toEqual({ kommun: 60, region: 20, arbetsformedlingen: 0, forsakringskassan: 0, annan: 4 });
    expect(s.mean).toBeNull();
  });

  it("när en flervalsfråga räknas så är andelen per alternativ av dem som svarat på frågan, och Annat räknas", () => {
    const s = questionStats(q("q2"), { styrelse: 30, beredningsgrupp: 20, annat: 3 }, 40);
    expect(s.n).toBe(40);
    expect(s.options!.map((o) => [o.code, o.share])).toEqual([
      ["styrelse", 0.75], ["beredningsgrupp", 0.5], ["styrgrupp_samverk", 0], ["arbetsgrupp_samverk", 0], ["annat", 3 / 40],
    ]);
    expect(() => questionStats(q("q2"), { styrelse: 3 })).toThrow(TypeError);
    expect(() => questionStats(q("q2"), { styrelse: 3 }, 2)).toThrow(RangeError);
    expect(questionStats(q("q2"), {}, 0).options![0].share).toBeNull();
  });

  it("när en fritextfråga räknas så är n antalet svar och inga siffror finns", () => {
    expect(questionStats(q("q4"), {}, 12)).toEqual({
      kind: "text", n: 12, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null,
    });
    expect(questionStats(q("q4"), { svar: 5 }).n).toBe(5);
  });

  it("när databasen lämnar antal som text eller bigint så räknas de, och negativa eller brutna antal avvisas", () => {
    expect(questionStats(freq, { 5: "3", 6: 2n }).n).toBe(5);
    expect(countMap(new Map([[" 5", 1], ["5", 2]])).get("5")).toBe(3);
    expect(() => questionStats(freq, { 5: -1 })).toThrow(RangeError);
    expect(() => questionStats(freq, { 5: 1.5 })).toThrow(RangeError);
    expect(() => questionStats(freq, { 5: "tre" })).toThrow(RangeError);
  });

  it("när ett värde ligger utanför skalan så räknas det inte", () => {
    expect(questionStats({ kind: "scale6" }, { 7: 3, 10: 1, 2: 1 })).toMatchObject({ n: 1, mean: 2 });
  });

  it("när vet inte finns i en skala utan vet inte-val så redovisas det ändå för sig", () => {
    expect(questionStats(scale10, { 0: 2, 5: 1 }).dontKnow).toBe(2);
    expect(questionStats({ kind: "scale6", dontKnow: true }, { 5: 1 }).dontKnow).toBe(0);
  });

  it("när måtten för en frågetyp efterfrågas så stämmer de med vilka fält som inte är null", () => {
    expect(metricsOf("frequency6")).toEqual(["sharePositive", "mean", "median"]);
    expect(metricsOf("scale10")).toEqual(["mean", "median"]);
    expect(metricsOf("yesno")).toEqual(["shareYes"]);
    expect(metricsOf("text")).toEqual([]);
  });

  it("när förändringen mot förra året räknas så är den null om något år saknas", () => {
    expect(change(0.94, 0.89)).toBeCloseTo(0.05, 12);
    expect(change(null, 0.89)).toBeNull();
    expect(change(7, undefined)).toBeNull();
  });
});

// Naive reference: expand the counts into the list of answers and compute by the book.
function naive(kind: QuestionKind, answers: number[]) {
  const values = answers.filter((v) => v !== 0).sort((a, b) => a - b);
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : null;
  const median = n === 0 ? null : n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  const sharePositive = kind === "frequency6" && n ? values.filter((v) => v >= 4).length / n : null;
  return { n, dontKnow: answers.filter((v) => v === 0).length, mean, median, sharePositive };
}

describe("statistik mot en naiv referens (egenskapstester)", () => {
  const scaleCase = fc.constantFrom<["frequency6" | "scale6" | "scale10", number]>(["frequency6", 6], ["scale6", 6], ["scale10", 10])
    .chain(([kind, max]) => fc.tuple(
      fc.constant(kind),
      // counts for 0 (vet inte) … max; a key may be missing or zero; small and large counts
      fc.array(fc.option(fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 40 })), { nil: undefined }), { minLength: max + 1, maxLength: max + 1 }),
    ));

  it("när antalen är slumpade så ger questionStats exakt samma n, vet inte, medel, median och andel som referensen", () => {
    fc.assert(fc.property(scaleCase, ([kind, perValue]) => {
      const counts: Record<string, number> = {};
      const answers: number[] = [];
      perValue.forEach((c, v) => {
        if (c === undefined) return;
        counts[String(v)] = c;
        for (let i = 0; i < c; i++) answers.push(v);
      });
      const s = questionStats({ kind, dontKnow: true }, counts);
      const ref = naive(kind, answers);
      expect(s.n).toBe(ref.n);
      expect(s.dontKnow).toBe(ref.dontKnow);
      expect(s.mean).toBe(ref.mean);
      expect(s.median).toBe(ref.median);
      expect(s.sharePositive).toBe(ref.sharePositive);
      expect(Object.values(s.counts!).reduce((a, b) => a + b, 0)).toBe(ref.n);
    }), { numRuns: 400 });
  });

  it("när ja/nej-svar är slumpade så är andelen ja = ja / (ja + nej)", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("ja", "nej")), (answers) => {
      const counts = { ja: answers.filter((a) => a === "ja").length, nej: answers.filter((a) => a === "nej").length };
      const s = questionStats({ kind: "yesno" }, counts);
      expect(s.n).toBe(answers.length);
      expect(s.shareYes).toBe(answers.length ? answers.filter((a) => a === "ja").length / answers.length : null);
    }));
  });

  it("när flervalssvar är slumpade så är andelen per alternativ andelen svarande som valt det", () => {
    const codes = ["a", "b", "c"];
    const question: StatsQuestion = { kind: "multi", options: codes.map((code) => ({ code })) };
    fc.assert(fc.property(fc.array(fc.subarray(codes, { minLength: 1 })), (respondents) => {
      const counts: Record<string, number> = {};
      for (const r of respondents) for (const c of r) counts[c] = (counts[c] ?? 0) + 1;
      const s = questionStats(question, counts, respondents.length);
      for (const o of s.options!) {
        const chose = respondents.filter((r) => r.includes(o.code)).length;
        expect(o.count).toBe(chose);
        expect(o.share).toBe(respondents.length ? chose / respondents.length : null);
      }
    }));
  });
});
