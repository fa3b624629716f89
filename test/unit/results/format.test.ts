import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeUnitOf, formatChange, formatDecimal, formatExact, formatInteger, formatMedian, formatMetric, formatPercent, roundHalfUp,
} from "../../../server/results/format.js";

const thin = "\u202F";
const nbsp = "\u00A0";
const minus = "\u2212";

describe("svensk presentation av siffror", () => {
  it.each([
    [7.9, "7,9"],
    [660 / 84, "7,9"], // Bilaga 5, q3: 7,857…
    [7, "7,0"],
    [7.85, "7,9"], // half up, though 7.85 is 7.8499… in binary
    [7.75, "7,8"],
    [0.05, "0,1"],
    [0.04999, "0,0"],
    [1234.5, `1${thin}234,5`],
    [-2.35, `${minus}2,4`],
    [-0.04, "0,0"], // no "−0,0"
  ])("när %s skrivs med en decimal så blir det %s", (x, text) => {
    expect(formatDecimal(x)).toBe(text);
  });

  it("när antalet decimaler anges så används det", () => {
    expect(formatDecimal(7.857, 2)).toBe("7,86");
    expect(formatDecimal(7.857, 0)).toBe("8");
  });

  it.each([
    [0.94, `94${nbsp}%`],
    [79 / 84, `94${nbsp}%`], // Bilaga 5, q6
    [0.945, `95${nbsp}%`],
    [189 / 200, `95${nbsp}%`],
    [0.9449, `94${nbsp}%`],
    [0.005, `1${nbsp}%`],
    [0, `0${nbsp}%`],
    [1, `100${nbsp}%`],
    [2 / 3, `67${nbsp}%`],
  ])("när andelen %s skrivs som procent så blir det %s", (x, text) => {
    expect(formatPercent(x)).toBe(text);
  });

  it("när procent skrivs med decimaler så används decimalkomma", () => {
    expect(formatPercent(0.6995, 1)).toBe(`70,0${nbsp}%`);
    expect(formatPercent(0.6995, 2)).toBe(`69,95${nbsp}%`);
  });

  it.each([
    [0, "0"], [7, "7"], [999, "999"], [1000, `1${thin}000`], [12345, `12${thin}345`], [1234567, `1${thin}234${thin}567`],
    [-12345, `${minus}12${thin}345`], [2.5, "3"],
  ])("när heltalet %s skrivs så blir det %s med smalt hårt mellanslag", (x, text) => {
    expect(formatInteger(x)).toBe(text);
  });

  it.each([[7, "7"], [6.5, "6,5"], [10, "10"], [1, "1"]])("när medianen %s skrivs så blir det %s", (x, text) => {
    expect(formatMedian(x)).toBe(text);
  });

  it("när en siffra saknas eller är dold så skrivs ett tankstreck", () => {
    for (const f of [formatDecimal, formatPercent, formatInteger, formatMedian, formatExact]) {
      expect(f(null)).toBe("\u2013");
      expect(f(undefined)).toBe("\u2013");
      expect(f(NaN)).toBe("\u2013");
    }
    expect(formatChange(null, "percent")).toBe("\u2013");
    expect(formatMetric("mean", null)).toBe("\u2013");
  });

  it("när ett mått skrivs så används rätt form för måttet", () => {
    expect(formatMetric("sharePositive", 0.7)).toBe(`70${nbsp}%`);
    expect(formatMetric("shareYes", 79 / 84)).toBe(`94${nbsp}%`);
    expect(formatMetric("mean", 660 / 84)).toBe("7,9");
    expect(formatMetric("median", 6.5)).toBe("6,5");
    expect(formatMetric("median", 7)).toBe("7");
  });

  it("när ett gränsvärde skrivs så visas det exakt, utan avrundning", () => {
    expect(formatExact(7)).toBe("7");
    expect(formatExact(7.25)).toBe("7,25");
    expect(formatExact(0.7, true)).toBe(`70${nbsp}%`);
    expect(formatExact(0.755, true)).toBe(`75,5${nbsp}%`);
    expect(formatExact(0.35, true)).toBe(`35${nbsp}%`);
    expect(formatExact(2500)).toBe(`2${thin}500`);
  });

  it.each([
    [-0.05, "percent", `${minus}5${nbsp}procentenheter`],
    [0.94 - 0.89, "percent", `+5${nbsp}procentenheter`],
    [0.01, "percent", `+1${nbsp}procentenhet`],
    [-0.012, "percent", `${minus}1${nbsp}procentenhet`],
    [0.001, "percent", `0${nbsp}procentenheter`],
    [0.944 - 0.886, "percent", `+6${nbsp}procentenheter`], // exact change, not 94 − 89
    [0.3, "decimal", "+0,3"],
    [-0.25, "decimal", `${minus}0,3`],
    [0, "decimal", "0,0"],
    [0.5, "median", "+0,5"],
    [-1, "median", `${minus}1`],
    [0, "median", "0"],
    [12, "integer", "+12"],
    [-1200, "integer", `${minus}1${thin}200`],
  ] as const)("när förändringen %s skrivs som %s så blir det %s", (delta, unit, text) => {
    expect(formatChange(delta, unit)).toBe(text);
  });

  it("när ett måtts förändring skrivs så väljs enhet efter måttet", () => {
    expect(changeUnitOf("sharePositive")).toBe("percent");
    expect(changeUnitOf("shareYes")).toBe("percent");
    expect(changeUnitOf("mean")).toBe("decimal");
    expect(changeUnitOf("median")).toBe("median");
  });

  it("när en andel p/q avrundas så blir det samma som exakt heltalsräkning med halvor uppåt", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }).chain((q) => fc.tuple(fc.integer({ min: 0, max: q }), fc.constant(q))), ([p, q]) => {
      const exact = Math.floor((200 * p + q) / (2 * q)); // round(100p/q) half up, in integers
      expect(formatPercent(p / q)).toBe(`${formatInteger(exact)}${nbsp}%`);
      const exactTenths = Math.floor((20 * p + q) / (2 * q)); // round(10p/q) half up
      expect(roundHalfUp(p / q * 10)).toBe(exactTenths);
    }), { numRuns: 2000 });
  });

  it("när ett medelvärde S/n avrundas till en decimal så blir det samma som exakt heltalsräkning", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.tuple(fc.integer({ min: n, max: 10 * n }), fc.constant(n))), ([s, n]) => {
      const tenths = Math.floor((20 * s + n) / (2 * n));
      const text = `${Math.floor(tenths / 10)},${tenths % 10}`;
      expect(formatDecimal(s / n)).toBe(text);
    }), { numRuns: 2000 });
  });
});
