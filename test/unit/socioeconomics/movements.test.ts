/**
 * RISE's model of stegförflyttning (socioeconomics/movements.pure.ts), one hand-computed example per rule.
 * The seeds (003) name the nyckeltal and their sources but print no amounts, so the amounts here are a
 * worked example of ours (round figures, not RISE's or any förbund's); the rates are the issue's
 * (kommunal 21,38 %, regional 11,76 %, arbetsgivaravgift 31,42 %, lönestöd 80 %).
 */
import { describe, expect, it } from "vitest";
import { followUpIssues, isPositiveMovement, matrixEffect, missingFor, moveEffect, positiveMovements, type Nyckeltal } from "../../../server/socioeconomics/movements.pure.js";

const n: Nyckeltal = {
  supports: {
    forsorjningsstod: { amount: 120_000, payer: "kommun", taxable: false, source: "Exempel" },
    sjukpenning: { amount: 200_000, payer: "stat", taxable: true, source: "Exempel" },
    aktivitetsstod: { amount: 150_000, payer: "stat", taxable: true, source: "Exempel" },
  },
  wage: 300_000, wageSubsidyShare: 0.8, taxKommun: 0.2138, taxRegion: 0.1176, employerContribution: 0.3142,
};
const effects = (a: Parameters<typeof moveEffect>[0], b: Parameters<typeof moveEffect>[1], k = n) => {
  const e = moveEffect(a, b, k);
  return { kommun: e.kommun.effect, region: e.region.effect, stat: e.stat.effect };
};

describe("en deltagares förflyttning, regel för regel", () => {
  it("försörjningsstöd → arbete: kommunen slipper 120 000 och får 300 000 × 21,38 % = 64 140; regionen 35 280; staten arbetsgivaravgift 94 260", () => {
    const e = moveEffect("forsorjningsstod", "arbete", n);
    expect(e.kommun.saved).toBe(120_000);
    expect(e.kommun.gained).toBeCloseTo(64_140, 6);
    expect(e.region).toMatchObject({ saved: 0 });
    expect(e.region.gained).toBeCloseTo(35_280, 6);
    expect(e.stat.saved).toBe(0);
    expect(e.stat.gained).toBeCloseTo(94_260, 6);
    expect(effects("forsorjningsstod", "arbete").kommun).toBeCloseTo(184_140, 6);
  });

  it("sjukpenning (skattepliktig, stat) → arbete: kommun och region beskattar bara skillnaden 100 000; staten slipper 200 000", () => {
    const e = effects("sjukpenning", "arbete");
    expect(e.kommun).toBeCloseTo(21_380, 6);
    expect(e.region).toBeCloseTo(11_760, 6);
    expect(e.stat).toBeCloseTo(200_000 + 94_260, 6);
  });

  it("försörjningsstöd → aktivitetsstöd: kommunen vinner, staten förlorar 150 000 (003: statliga ersättningar i stället för kommunala)", () => {
    const e = effects("forsorjningsstod", "aktivitetsstod");
    expect(e.kommun).toBeCloseTo(120_000 + 150_000 * 0.2138, 6); // 152 070
    expect(e.region).toBeCloseTo(17_640, 6);
    expect(e.stat).toBeCloseTo(-150_000, 6);
  });

  it("försörjningsstöd → arbete med lönestöd: staten betalar 80 % av lönen (240 000) och får arbetsgivaravgiften, netto −145 740", () => {
    const e = moveEffect("forsorjningsstod", "arbete_lonestod", n);
    expect(e.stat.saved).toBeCloseTo(-240_000, 6);
    expect(e.stat.effect).toBeCloseTo(-145_740, 6);
    expect(e.kommun.effect).toBeCloseTo(184_140, 6);
  });

  it("ingen ersättning → arbete: bara intäkter; och den som står kvar (diagonalen) ger 0", () => {
    const e = effects("ingen", "arbete");
    expect(e.kommun).toBeCloseTo(64_140, 6);
    expect(e.region).toBeCloseTo(35_280, 6);
    expect(e.stat).toBeCloseTo(94_260, 6);
    expect(effects("sjukpenning", "sjukpenning")).toEqual({ kommun: 0, region: 0, stat: 0 });
  });

  it("arbete → sjukpenning är samma belopp med omvänt tecken som sjukpenning → arbete", () => {
    const there = effects("sjukpenning", "arbete"), back = effects("arbete", "sjukpenning");
    for (const s of ["kommun", "region", "stat"] as const) expect(back[s]).toBeCloseTo(-there[s], 6);
  });
});

describe("en insats matris", () => {
  const matrix = { forsorjningsstod: { arbete: 2, aktivitetsstod: 1, forsorjningsstod: 3 } };

  it("när 2 går till arbete, 1 till aktivitetsstöd och 3 står kvar så är effekten summan antal × effekt, i hela kronor, och två år är dubbla", () => {
    const r = matrixEffect(matrix, n);
    // kommun 2 × 184 140 + 152 070; region 2 × 35 280 + 17 640; stat 2 × 94 260 − 150 000
    expect(r.perYear).toEqual({ kommun: 520_350, region: 88_200, stat: 38_520, total: 647_070 });
    expect(r.twoYears).toEqual({ kommun: 1_040_700, region: 176_400, stat: 77_040, total: 1_294_140 });
    expect(r).toMatchObject({ missing: [], moved: 3, stayed: 3, secondYear: "same" });
  });

  it("när nästa års nyckeltal finns så räknas andra året med dem (lön 310 000)", () => {
    const next = { ...n, wage: 310_000 };
    const r = matrixEffect({ ingen: { arbete: 1 } }, n, next);
    // year 1: 300 000 × (0,2138 + 0,1176 + 0,3142) = 193 680; year 2: 310 000 × 0,6456 = 200 136
    expect(r.perYear!.total).toBe(193_680);
    expect(r.twoYears).toEqual({ kommun: 64_140 + 66_278, region: 35_280 + 36_456, stat: 94_260 + 97_402, total: 193_680 + 200_136 });
    expect(r.secondYear).toBe("next");
  });

  it("när ett nyckeltal som matrisen behöver saknas så räknas inget, och det som saknas sägs", () => {
    const partial: Nyckeltal = { supports: { forsorjningsstod: n.supports.forsorjningsstod }, taxKommun: 0.2138 };
    const r = matrixEffect(matrix, partial);
    expect(r.perYear).toBeNull();
    expect(r.twoYears).toBeNull();
    expect(r.missing).toEqual(["supports.aktivitetsstod", "wage", "taxRegion", "employerContribution"]);
    expect(matrixEffect(matrix, null).missing).toContain("supports.forsorjningsstod");
    expect(missingFor({ sjukpenning: { sjukpenning: 4 } }, null)).toEqual([]); // nobody moved: nothing needed
  });
});

describe("positiva förflyttningar och uppföljningen ett år efter", () => {
  it("till arbete, lönestöd eller studier, eller från en ersättning till ingen ersättning, är positivt; byte av ersättning och steg tillbaka är det inte", () => {
    expect(isPositiveMovement("forsorjningsstod", "arbete")).toBe(true);
    expect(isPositiveMovement("sjukpenning", "arbete_lonestod")).toBe(true);
    expect(isPositiveMovement("a_kassa", "studiemedel")).toBe(true);
    expect(isPositiveMovement("aktivitetsstod", "ingen")).toBe(true);
    expect(isPositiveMovement("arbete_lonestod", "arbete")).toBe(true);
    expect(isPositiveMovement("studiemedel", "arbete")).toBe(true);
    expect(isPositiveMovement("forsorjningsstod", "forsorjningsstod")).toBe(false);
    expect(isPositiveMovement("a_kassa", "forsorjningsstod")).toBe(false);
    expect(isPositiveMovement("arbete", "a_kassa")).toBe(false);
    expect(isPositiveMovement("arbete", "arbete_lonestod")).toBe(false);
    expect(isPositiveMovement("studiemedel", "ingen")).toBe(false);
    expect(isPositiveMovement("ingen", "forsorjningsstod")).toBe(false);
    expect(positiveMovements({ forsorjningsstod: { arbete: 2, aktivitetsstod: 1, forsorjningsstod: 3 }, a_kassa: { ingen: 4 } })).toBe(6);
  });
  it("en rad ett år efter får ha högst så många som började med ersättningen", () => {
    const m = { forsorjningsstod: { arbete: 2, forsorjningsstod: 3 } };
    expect(followUpIssues(m, { forsorjningsstod: { arbete: 4, ingen: 1 } })).toEqual([]);
    expect(followUpIssues(m, { forsorjningsstod: { arbete: 6 }, a_kassa: { arbete: 1 } }))
      .toEqual([{ from: "forsorjningsstod", followed: 6, started: 5 }, { from: "a_kassa", followed: 1, started: 0 }]);
  });
});
