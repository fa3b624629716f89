/** Svarsfrekvens (response-rate.pure.ts): which number asked is used, and when nothing is printed. */
import { describe, expect, it } from "vitest";
import { askedOf, responseRate, responseRateText } from "../../../server/results/response-rate.pure.js";

const nbsp = "\u00a0";

describe("svarsfrekvens", () => {
  const inv = (...n: number[]) => n.map((invited) => ({ typed: null, invited }));
  it.each([
    { what: "alla insamlingar har inbjudningar: deras summa", per: inv(10, 5), reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 15, basis: "inbjudningar" } },
    { what: "en insamling utan inbjudningar: insatsrapporten", per: inv(10, 0), reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 40, basis: "deltagare" } },
    { what: "varken inbjudningar eller insatsrapport: okänt", per: inv(0), reported: null, want: null },
    { what: "insatsrapport med noll deltagare: okänt", per: [], reported: { asked: 0, basis: "avslutade" as const }, want: null },
    { what: "antal tillfrågade angivet: före inbjudningar och insatsrapport", per: [{ typed: 15, invited: 30 }], reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 15, basis: "angivet" } },
    { what: "angivet för den ena, inbjudningar i den andra: summan", per: [{ typed: 15, invited: 0 }, { typed: null, invited: 6 }], reported: null, want: { asked: 21, basis: "angivet", withInvitations: true } },
    { what: "angivet för den ena, inget känt för den andra: insatsrapporten", per: [{ typed: 15, invited: 0 }, { typed: null, invited: 0 }], reported: { asked: 40, basis: "deltagare" as const }, want: { asked: 40, basis: "deltagare" } },
  ])("när $what", ({ per, reported, want }) => {
    const got = askedOf(per, reported);
    if (want === null) expect(got).toBeNull(); else expect(got).toMatchObject(want);
  });

  it("när 11 av 15 deltagare svarat så blir det 11 av 15 (73 %)", () => {
    const r = responseRate(11, 5, { asked: 15, basis: "deltagare", year: 2024 })!;
    expect(r).toEqual({ answered: 11, asked: 15, share: 11 / 15, basis: "deltagare", basisText: "deltagare i insatsen 2024 enligt insatsrapporten" });
    expect(responseRateText(r)).toBe(`11 av 15 (73${nbsp}%)`);
  });

  it("när antalet tillfrågade är angivet så säger texten det", () => {
    expect(responseRate(11, 5, { asked: 15, basis: "angivet" })?.basisText).toBe("antal tillfrågade angivet för insamlingen");
    expect(responseRate(11, 5, { asked: 15, basis: "angivet", withInvitations: true })?.basisText).toBe("antal tillfrågade angivet för insamlingen och personliga inbjudningar");
  });

  it("när svaren är färre än k, eller fler än de tillfrågade, så visas ingen svarsfrekvens", () => {
    expect(responseRate(4, 5, { asked: 15, basis: "deltagare" })).toBeNull();
    expect(responseRate(16, 5, { asked: 15, basis: "inbjudningar" })).toBeNull();
    expect(responseRate(5, 5, { asked: 5, basis: "inbjudningar" })?.share).toBe(1);
    expect(responseRate(11, 5, null)).toBeNull();
  });
});
