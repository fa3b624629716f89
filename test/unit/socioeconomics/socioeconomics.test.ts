import { describe, expect, it } from "vitest";
import {
  caveats, DEFAULT_SCHABLON, difference, effectRow, monthlyTotal, socioeconomicEffect, yearlyTotal,
} from "../../../server/socioeconomics/socioeconomics.pure.js";
import { formatInteger } from "../../../server/results/format.js";

const thin = "\u202F";

describe("socioekonomisk effekt (002, modellen från Göteborg Centrum)", () => {
  it("när schablonen är 10 000 + 500 + 5 700 kr så blir det 16 200 kr per månad och 194 400 kr per år", () => {
    expect(DEFAULT_SCHABLON).toEqual({ publicSupport: 10_000, adminCost: 500, newRevenue: 5_700 });
    expect(monthlyTotal(DEFAULT_SCHABLON)).toBe(16_200);
    expect(yearlyTotal(DEFAULT_SCHABLON)).toBe(194_400);
  });

  it("när SE-Höglandet 2024 har 42 till arbete eller studier och 3 975 750 kr så är effekten 8 164 800 kr och differensen 4 189 050 kr", () => {
    expect(effectRow(42, 3_975_750, DEFAULT_SCHABLON)).toEqual({ toWorkOrStudies: 42, socioeconomicEffect: 8_164_800, funding: 3_975_750, difference: 4_189_050 });
    expect(formatInteger(8_164_800)).toBe(`8${thin}164${thin}800`);
  });

  it("när IT-spåret har 2 till arbete eller studier och 2 400 000 kr så är differensen negativ: −2 011 200 kr", () => {
    const row = effectRow(2, 2_400_000, DEFAULT_SCHABLON);
    expect(row).toEqual({ toWorkOrStudies: 2, socioeconomicEffect: 388_800, funding: 2_400_000, difference: -2_011_200 });
    expect(formatInteger(row.difference)).toBe(`\u2212${"2"}${thin}011${thin}200`);
  });

  it("när inga medel är registrerade så finns ingen differens, och ingen som gått vidare ger noll i effekt", () => {
    expect(difference(388_800, null)).toBeNull();
    expect(socioeconomicEffect(0, DEFAULT_SCHABLON)).toBe(0);
    expect(effectRow(0, 500_000, DEFAULT_SCHABLON).difference).toBe(-500_000);
  });

  it("när förbundet ändrar schablonen så följer effekten med", () => {
    const own = { publicSupport: 11_000, adminCost: 600, newRevenue: 6_000 };
    expect(yearlyTotal(own)).toBe(211_200);
    expect(socioeconomicEffect(42, own)).toBe(42 * 211_200);
  });

  it("när modellen redovisas så följer dess förbehåll med, som i 002", () => {
    expect(caveats.join(" ")).toContain("Många argument kan ställas mot denna typ av schablonisering");
    expect(caveats.join(" ")).toContain("tar ut varandra");
  });
});
