/** The CSV writer and the API shape of one question (present.ts), pure. */
import { describe, expect, it } from "vitest";
import { csvDocument, csvField, csvNumber, questionJson } from "../../../server/results/present.js";
import { questionStats } from "../../../server/results/stats.js";
import { reportQuestion, suppressedResult } from "../../../server/results/threshold.js";

describe("CSV", () => {
  it("när ett fält har semikolon, citattecken eller radbrytning så citeras det enligt RFC 4180", () => {
    expect(csvField("vanlig text")).toBe("vanlig text");
    expect(csvField('sa "hej"; sen')).toBe('"sa ""hej""; sen"');
    expect(csvField("rad 1\r\nrad 2")).toBe('"rad 1\r\nrad 2"');
    expect(csvField(" kant ")).toBe('" kant "');
    expect(csvField(null)).toBe("");
  });

  it("när en text börjar som en formel så får den en apostrof före, men tal lämnas orörda", () => {
    expect(csvField("=SUMMA(A1)", { text: true })).toBe("'=SUMMA(A1)");
    expect(csvField("-3", { text: false })).toBe("-3");
  });

  it("när tal skrivs så har de decimalkomma, inga tusentalsavgränsare och avrundas uppåt vid exakt hälft", () => {
    expect(csvNumber(6.5, 1)).toBe("6,5");
    expect(csvNumber(12345.678, 2)).toBe("12345,68");
    expect(csvNumber(0.945 * 100, 1)).toBe("94,5");
    expect(csvNumber(189 / 200 * 100, 0)).toBe("95");
    expect(csvNumber(null, 1)).toBe("");
  });

  it("när ett dokument byggs så har det BOM, semikolon och CRLF", () => {
    expect(csvDocument([["a", "b;c"], ["1", "2"]])).toBe('\uFEFFa;"b;c"\r\n1;2\r\n');
  });
});

describe("questionJson", () => {
  it("när frågan döljs så är varje siffra null, och options finns bara för val-frågor", () => {
    expect(questionJson(suppressedResult("single"))).toEqual({
      kind: "single", n: null, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null, suppressed: true,
    });
    expect(Object.keys(questionJson(suppressedResult("scale10")))).not.toContain("options");
    const r = reportQuestion(questionStats({ kind: "yesno" }, { ja: 3, nej: 2 }), 5);
    expect(questionJson(r)).toEqual({ kind: "yesno", n: 5, dontKnow: null, counts: { ja: 3, nej: 2 }, mean: null, median: null, sharePositive: null, shareYes: 0.6, suppressed: false });
  });
});
