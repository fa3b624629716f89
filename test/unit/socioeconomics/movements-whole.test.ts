/** The whole of a shared insats's movement matrix (socioeconomics/movements-whole.pure.ts), pure. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { categories, type Matrix } from "../../../server/socioeconomics/movements.pure.js";
import { wholeMatrix } from "../../../server/socioeconomics/movements-whole.pure.js";

describe("helheten av en delad insats förflyttningar", () => {
  it("när de andras summa i en cell är 0 eller minst gränsen så visas helheten; annars är cellen och det som skulle avslöja den dolda", () => {
    const own: Matrix = { sjukpenning: { arbete: 4, sjukpenning: 1 } };
    const sv: Matrix = { sjukpenning: { arbete: 3 }, forsorjningsstod: { studiemedel: 6 } };
    const fv: Matrix = { sjukpenning: { arbete: 3 } };
    const w = wholeMatrix(own, [{ matrix: sv, threshold: 5 }, { matrix: fv, threshold: 3 }]);
    expect(w.cells.sjukpenning.arbete).toBe(10); // the others' 6: shown
    expect(w.cells.sjukpenning.sjukpenning).toBe(1); // the others' 0: shown (only the own 1 in it)
    expect(w.cells.forsorjningsstod.studiemedel).toBe(6);
    expect(w.total).toBe(17);
    expect(w.hiddenAny).toBe(false);
    const small = wholeMatrix(own, [{ matrix: { sjukpenning: { arbete: 2, studiemedel: 6 } }, threshold: 5 }]);
    expect(small.cells.sjukpenning.arbete).toBeNull();
    // the row's sum minus the shown cells would give the 2: the smallest other non-zero part is hidden too
    expect(small.cells.sjukpenning.studiemedel).toBeNull();
    expect(small.hiddenAny).toBe(true);
  });

  it("när vilka matriser som helst läggs ihop så går ingen dold cell av de andras att räkna fram ur helheten minus den egna delen (egenskap)", () => {
    const cat = fc.constantFrom(...categories.slice(0, 4));
    const matrix = fc.array(fc.tuple(cat, cat, fc.integer({ min: 0, max: 9 })), { maxLength: 6 }).map((xs) => {
      const m: Record<string, Record<string, number>> = {};
      for (const [f, t, n] of xs) (m[f] ??= {})[t] = n;
      return m as Matrix;
    });
    fc.assert(fc.property(matrix, fc.array(matrix, { minLength: 1, maxLength: 3 }), fc.integer({ min: 3, max: 6 }), (own, others, k) => {
      const w = wholeMatrix(own, others.map((m) => ({ matrix: m, threshold: k })));
      const o = (f: string, t: string) => others.reduce((a, m) => a + (m[f as keyof Matrix]?.[t as keyof Matrix[keyof Matrix]] ?? 0), 0);
      const mine = (f: string, t: string) => own[f as keyof Matrix]?.[t as keyof Matrix[keyof Matrix]] ?? 0;
      for (const f of categories) {
        for (const t of categories) {
          const shown = w.cells[f][t];
          // a shown cell never gives the others' sum as 1..k−1
          if (shown !== null) { const rest = shown - mine(f, t); expect(rest === 0 || rest >= k).toBe(true); }
        }
        // a row: if exactly one cell is hidden while its sum is shown, the cell could be told
        const hiddenInRow = categories.filter((t) => w.cells[f][t] === null);
        if (w.rowSums[f] !== null) {
          expect(hiddenInRow.length === 1).toBe(false);
          const restHidden = hiddenInRow.reduce((a, t) => a + o(f, t), 0);
          expect(restHidden === 0 || restHidden >= k).toBe(true);
        }
      }
    }), { numRuns: 300 });
  });
});
