/** Free text grouped for the reader (results/text-groups.pure.ts): the same sentence once, with its count. */
import { describe, expect, it } from "vitest";
import { groupTexts, sameTextKey, textLine } from "../../../server/results/text-groups.pure.js";

const once = (...texts: string[]) => texts.map((text) => ({ text, count: 1 }));

describe("sameTextKey", () => {
  it("när två svar skiljer sig bara i stora bokstäver, skiljetecken och mellanrum så är nyckeln densamma", () => {
    expect(sameTextKey("Bra möten.")).toBe(sameTextKey("  bra   MÖTEN!! "));
    expect(sameTextKey("Bra\u00a0möten")).toBe(sameTextKey("bra möten"));
    expect(sameTextKey("Bra möten")).not.toBe(sameTextKey("Bra mötet"));
    expect(sameTextKey("Bär")).not.toBe(sameTextKey("Bar"));
  });
});

describe("groupTexts", () => {
  it("när många skrivit samma sak så står den en gång, med sitt antal, vanligast först", () => {
    const lines = groupTexts([
      { text: "Tidsbrist.", count: 20 }, { text: "tidsbrist", count: 4 }, ...once("Bra möten", "bra möten!", "Annat svar"),
    ]);
    expect(lines).toEqual([{ text: "Tidsbrist.", count: 24 }, { text: "Bra möten", count: 2 }, { text: "Annat svar", count: 1 }]);
  });

  it("när formuleringarna är lika vanliga så visas den med minst versaler, sedan den första i teckenordning; lika vanliga rader står i nyckelns ordning", () => {
    expect(groupTexts(once("b", "B", "a", "A"))).toEqual([{ text: "A", count: 2 }, { text: "B", count: 2 }]);
    expect(groupTexts(once("BRA MÖTEN", "bra möten", "Bra möten"))).toEqual([{ text: "Bra möten", count: 3 }]);
    // A sentence keeps its capital letter and its acronym: not the lower-case wording with the fewest capitals.
    expect(groupTexts(once("svårt för den som saknar sgi.", "Svårt för den som saknar SGI!", "SVÅRT FÖR DEN SOM SAKNAR SGI.", "Svårt för den som saknar SGI.")))
      .toEqual([{ text: "Svårt för den som saknar SGI.", count: 4 }]);
  });

  it("när svaren skiljer sig bara i ett telefonnummer så blir de en rad, maskerad", () => {
    const lines = groupTexts(once("Ring 070-123 45 67", "Ring 070-765 43 21"));
    expect(lines).toHaveLength(1);
    expect(lines[0].count).toBe(2);
    expect(lines[0].text).not.toMatch(/070/);
  });

  it("när tomma svar finns eller listan kortas så räknas bara det som visas", () => {
    expect(groupTexts([...once("  ", ""), { text: "x", count: 0 }])).toEqual([]);
    expect(groupTexts([{ text: "a", count: 3 }, { text: "b", count: 2 }, { text: "c", count: 1 }], 2).map((l) => l.text)).toEqual(["a", "b"]);
  });

  it("när ingen mening upprepas i indata så upprepas ingen i utdata, och antalen summerar till indata", () => {
    const input = Array.from({ length: 300 }, (_, i) => ({ text: ["Ja.", "ja", " JA ", "Nej", "nej!", `Eget ${i % 17}`][i % 6], count: 1 + (i % 3) }));
    const lines = groupTexts(input);
    expect(new Set(lines.map((l) => sameTextKey(l.text))).size).toBe(lines.length);
    expect(lines.reduce((a, l) => a + l.count, 0)).toBe(input.reduce((a, l) => a + l.count, 0));
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1].count).toBeGreaterThanOrEqual(lines[i].count);
  });
});

describe("textLine", () => {
  it("när fler än en skrivit meningen så står antalet inom parentes", () => {
    expect(textLine({ text: "Tidsbrist", count: 24 })).toBe("Tidsbrist (24)");
    expect(textLine({ text: "Tidsbrist", count: 1 })).toBe("Tidsbrist");
  });
});
