/** Svarsfrekvens (response-rate.pure.ts): which number asked is used, and when nothing is printed. */
import { describe, expect, it } from "vitest";
import { askedOf, responseRate, responseRateText } from "../../../server/results/response-rate.pure.js";

const nbsp = "\u00a0";

describe("svarsfrekvens", () => {
  it.each([
    { what: "alla insamlingar har inbjudningar: deras summa", invited: [10, 5], reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 15, basis: "inbjudningar" } },
    { what: "en insamling utan inbjudningar: insatsrapporten", invited: [10, 0], reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 40, basis: "deltagare" } },
    { what: "varken inbjudningar eller insatsrapport: okänt", invited: [0], reported: null, want: null },
    { what: "insatsrapport med noll deltagare: okänt", invited: [], reported: { asked: 0, basis: "avslutade" as const }, want: null },
  ])("när $what", ({ invited, reported, want }) => {
    const got = askedOf(invited, reported);
    if (want === null) expect(got).toBeNull(); else expect(got).toMatchObject(want);
  });

  it("när 11 av 15 deltagare svarat så blir det 11 av 15 (73 %)", () => {
    const r = responseRate(11, 5, { asked: 15, basis: "deltagare", year: 2024 })!;
    expect(r).toEqual({ answered: 11, asked: 15, share: 11 / 15, basis: "deltagare", basisText: "deltagare i insatsen 2024 enligt insatsrapporten" });
    expect(responseRateText(r)).toBe(`11 av 15 (73${nbsp}%)`);
  });

  it("när svaren är färre än k, eller fler än de tillfrågade, så visas ingen svarsfrekvens", () => {
    expect(responseRate(4, 5, { asked: 15, basis: "deltagare" })).toBeNull();
    expect(responseRate(16, 5, { asked: 15, basis: "inbjudningar" })).toBeNull();
    expect(responseRate(5, 5, { asked: 5, basis: "inbjudningar" })?.share).toBe(1);
    expect(responseRate(11, 5, null)).toBeNull();
  });
});
