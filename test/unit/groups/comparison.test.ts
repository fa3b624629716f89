/** Förbund side by side and their total (groups/comparison.pure.ts), pure. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compare, compareOutcomes, outcomeCells, type ColumnInput, type ComparedQuestion, type OutcomeCell } from "../../../server/groups/comparison.pure.js";
import { questionStats } from "../../../server/results/stats.js";
import { reportQuestion } from "../../../server/results/threshold.js";

const q1: ComparedQuestion = { id: "q1", kind: "frequency6" };
const q4a: ComparedQuestion = { id: "q4a", kind: "yesno" };

/**
 * A förbund's column as its own results give it: raw counts through `shownAt` (its k; the property test also hands the
 * comparison figures shown at a lower threshold than the column's, which the comparison must still hide).
 */
function column(id: string, k: number, raw: Record<string, Record<string, number>>, n?: number, shownAt = k): ColumnInput {
  const questions = Object.fromEntries(Object.entries(raw).map(([qid, counts]) => {
    const q = qid === "q4a" ? q4a : q1;
    return [qid, reportQuestion(questionStats(q, counts), shownAt)];
  }));
  const yearN = n ?? Math.max(0, ...Object.values(raw).map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
  return { id, name: `Förbund ${id}`, k, n: yearN, questions };
}

describe("jämförelsen mellan förbund", () => {
  it("när alla kolumner har minst k svar så är summan alla svar och andelen positiva räknas på summan", () => {
    const c = compare([q1], [column("a", 5, { q1: { 1: 2, 4: 8 } }), column("b", 5, { q1: { 2: 5, 6: 5 } })]);
    expect(c.total.n).toBe(20);
    expect(c.total.forbundCount).toBe(2);
    expect(c.total.questions.q1.n).toBe(20);
    expect(c.total.questions.q1.sharePositive).toBe(13 / 20);
    expect(c.total.questions.q1.forbundCount).toBe(2);
  });

  it("när ett förbunds fråga har färre än dess k svar så döljs cellen och lämnas utanför summan", () => {
    const c = compare([q1, q4a], [
      column("a", 5, { q1: { 4: 10 }, q4a: { ja: 3 } }, 10),
      column("b", 5, { q1: { 5: 7 }, q4a: { ja: 6, nej: 1 } }, 7),
    ]);
    expect(c.columns[0].questions.q4a.suppressed).toBe(true);
    expect(c.columns[0].questions.q4a.n).toBeNull();
    // the total of q4a is b's alone: total minus b is 0, not a's 3
    expect(c.total.questions.q4a.n).toBe(7);
    expect(c.total.questions.q4a.forbundCount).toBe(1);
  });

  it("när ett förbund har högre k än de andra så gäller dess egen gräns i dess kolumn", () => {
    const c = compare([q1], [column("a", 10, { q1: { 4: 8 } }), column("b", 5, { q1: { 4: 8 } })]);
    expect(c.columns[0].suppressed).toBe(true);
    expect(c.columns[1].questions.q1.n).toBe(8);
    expect(c.total.n).toBe(8);
  });

  it("när ingen kolumn kan visas så visas ingen summa för frågan", () => {
    const c = compare([q1], [column("a", 5, { q1: { 4: 2 } })]);
    expect(c.total.questions.q1.suppressed).toBe(true);
    expect(c.total.n).toBe(0);
  });

  it("för alla slumpade grupper så går ingen dold cell att räkna fram ur summan minus de visade kolumnerna", () => {
    const counts = fc.record({ 1: fc.nat(6), 2: fc.nat(6), 3: fc.nat(6), 4: fc.nat(6), 5: fc.nat(6), 6: fc.nat(6) });
    fc.assert(fc.property(
      fc.array(fc.record({ k: fc.integer({ min: 3, max: 10 }), shownAt: fc.integer({ min: 0, max: 10 }), q1: counts, extra: fc.nat(8) }), { minLength: 1, maxLength: 7 }),
      (raw) => {
        const inputs = raw.map((r, i) => {
          const n = Object.values(r.q1).reduce((a, b) => a + b, 0);
          return column(`f${i}`, r.k, { q1: r.q1 }, n + r.extra, r.shownAt);
        });
        const c = compare([q1], inputs);
        const t = c.total.questions.q1;
        const shownCells = c.columns.filter((col) => !col.questions.q1.suppressed);
        // every shown figure meets its own column's threshold
        for (const col of c.columns) {
          if (!col.suppressed && col.n! < col.k) return false;
          const r = col.questions.q1;
          if (!r.suppressed && (col.suppressed || r.n < col.k)) return false;
        }
        // the total minus the shown cells leaves nothing, value by value: a hidden cell contributes 0
        const shownN = shownCells.reduce((a, col) => a + col.questions.q1.n!, 0);
        if ((t.suppressed ? 0 : t.n!) !== shownN) return false;
        for (const v of ["1", "2", "3", "4", "5", "6"]) {
          const shownV = shownCells.reduce((a, col) => a + col.questions.q1.counts![v], 0);
          if ((t.suppressed ? 0 : t.counts![v]) !== shownV) return false;
        }
        // and the year's total n minus the shown columns' n leaves nothing either
        const shownYear = c.columns.filter((col) => !col.suppressed).reduce((a, col) => a + col.n!, 0);
        return c.total.n === shownYear;
      },
    ), { numRuns: 500 });
  });
});

describe("deltagartabellen per förbund (compareOutcomes)", () => {
  const col = (id: string, threshold: number, n: Partial<Record<OutcomeCell, number>>, reported = true) => ({
    id, name: id, threshold, reported, counts: { participants: 0, newParticipants: 0, finished: 0, toWorkOrStudies: 0, efterstod: 0, ...n },
  });

  it("när ett förbunds antal är under dess gräns så är cellen dold och utanför totalen; 0 visas", () => {
    const c = compareOutcomes([col("a", 5, { participants: 10, toWorkOrStudies: 2 }), col("b", 3, { participants: 3, toWorkOrStudies: 0 })]);
    expect(c.columns.map((x) => x.counts.toWorkOrStudies)).toEqual([null, 0]);
    expect(c.total.counts).toMatchObject({ participants: 13, toWorkOrStudies: 0 });
    expect(c.total.forbundCount).toMatchObject({ participants: 2, toWorkOrStudies: 1 });
  });

  it("när totalen minus de visade kolumnerna räknas så blir det 0 för varje dold cell, vad som än matas in (egenskap)", () => {
    const count = fc.integer({ min: 0, max: 30 });
    const input = fc.array(fc.record({ t: fc.integer({ min: 3, max: 10 }), p: count, f: count, w: count, r: fc.boolean() }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(input, (xs) => {
      const c = compareOutcomes(xs.map((x, i) => col(`f${i}`, x.t, { participants: x.p, finished: x.f, toWorkOrStudies: x.w }, x.r)));
      for (const k of outcomeCells) {
        const shown = c.columns.filter((x) => x.reported).reduce((a, x) => a + (x.counts[k] ?? 0), 0);
        expect(c.total.counts[k] - shown).toBe(0);
        // every shown count is 0 or at least its förbund's threshold
        c.columns.forEach((x, i) => { const v = x.counts[k]; if (v !== null) expect(v === 0 || v >= xs[i].t).toBe(true); });
      }
    }), { numRuns: 300 });
  });
});
