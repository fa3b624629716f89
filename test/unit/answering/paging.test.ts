import { describe, expect, it } from "vitest";
import { defineSurvey } from "../../../surveys/define.js";
import indikator from "../../../surveys/indikator-deltagare-pagaende.js";
import {
  askedIds, chooseLanguage, mergePage, newlyAsked, pageInput, pageOf, pageVisibility, pruneUnasked, questionRange, resumePage,
} from "../../../server/answering/paging.js";

// A small definition where a condition crosses pages (q3 on page 2 depends on q1 on page 1) and one stays on its page (q2b on q2a).
const def = defineSurvey({
  id: "test-paging", version: 1, title: { sv: "Test" }, respondentGroup: "evenemang", intro: { sv: "Intro" }, source: "local",
  sections: [
    { id: "a", questions: [
      { id: "q1", kind: "yesno", text: { sv: "Ett" } },
      { id: "q2a", kind: "scale10", text: { sv: "Två a" }, low: { sv: "Lågt" }, high: { sv: "Högt" }, comment: { label: { sv: "Kommentar" } } },
      { id: "q2b", kind: "text", text: { sv: "Två b" }, condition: { question: "q2a", equals: [1, 2, 3] } },
    ] },
    { id: "b", questions: [
      { id: "q3", kind: "multi", text: { sv: "Tre" }, options: [{ code: "x", text: { sv: "X" } }, { code: "y", text: { sv: "Y" } }], other: { sv: "Annat" }, condition: { question: "q1", equals: ["ja"] } },
      { id: "q4", kind: "text", text: { sv: "Fyra" } },
    ] },
  ],
});

describe("sidornas regler", () => {
  it("när ett formulär skickas så tas bara sidans fält med, och kryssrutor blir listor", () => {
    const body = { _csrf: "x", q1: "ja", q2a: "2", q2a_kommentar: "bra", q3: "x", q4: "text", s: "token" };
    expect(pageInput(def.sections[0], body)).toEqual({ q1: "ja", q2a: "2", q2a_kommentar: "bra" });
    expect(pageInput(def.sections[1], body)).toEqual({ q3: ["x"], q4: "text" });
    expect(pageInput(def.sections[1], { q3: ["x", "", "y"] })).toEqual({ q3: ["x", "y"] });
  });

  it("när en sida skickas igen så ersätter dess fält de sparade, och ett tomt fält tar bort svaret", () => {
    const stored = { q1: "ja", q2a: 5, q2a_kommentar: "gammal", q4: "kvar" };
    expect(mergePage(stored, def.sections[0], { q1: "nej" })).toEqual({ q1: "nej", q4: "kvar" });
  });

  it("när ett villkor inte längre gäller så tas följdfrågans svar bort, i enkätens ordning", () => {
    expect(pruneUnasked(def, { q1: "nej", q3: ["x"], q3_annat: "z", q4: "a" })).toEqual({ q1: "nej", q4: "a" });
    expect(pruneUnasked(def, { q2a: "2", q2b: "b" })).toEqual({ q2a: "2", q2b: "b" });
    expect(pruneUnasked(def, { q2a: "7", q2b: "b" })).toEqual({ q2a: "7" });
    expect(pruneUnasked(indikator, { q4a: "nej", q4b: 3 })).toEqual({ q4a: "nej" });
  });

  it("när villkoret hör till samma sida så renderas följdfrågan dold, och när det hör till en tidigare sida utelämnas den", () => {
    expect([...pageVisibility(def, 1, {})]).toEqual([["q1", "shown"], ["q2a", "shown"], ["q2b", "hidden"]]);
    expect(pageVisibility(def, 1, { q2a: "3" }).get("q2b")).toBe("shown");
    expect(pageVisibility(def, 2, { q1: "nej" }).get("q3")).toBe("omitted");
    expect(pageVisibility(def, 2, { q1: "ja" }).get("q3")).toBe("shown");
    expect(askedIds(indikator, { q4a: "ja" }).has("q4b")).toBe(true);
  });

  it("när en följdfråga öppnas av ett svar på samma sida som inte syntes så räknas den som ny", () => {
    const visible = new Set(["q1", "q2a"]);
    expect(newlyAsked(def, 1, { q2a: "1" }, visible)).toEqual(["q2b"]);
    expect(newlyAsked(def, 1, { q2a: "1", q2b: "svar" }, visible)).toEqual([]);
    expect(newlyAsked(def, 1, { q2a: "1" }, new Set([...visible, "q2b"]))).toEqual([]);
    expect(newlyAsked(def, 1, { q2a: "9" }, visible)).toEqual([]);
  });

  it("när ett sparat svar återupptas så fortsätter det på den sista sidan med svar", () => {
    expect(resumePage(def, {})).toBe(1);
    expect(resumePage(def, { q1: "ja" })).toBe(1);
    expect(resumePage(def, { q1: "ja", q3_annat: "z" })).toBe(2);
    expect(pageOf(def, "q2a_kommentar")).toBe(1);
    expect(pageOf(def, "q3_annat")).toBe(2);
    expect(pageOf(def, "q99")).toBe(0);
  });

  it("när ett språk väljs som insamlingen inte har så blir det svenska, eller insamlingens första språk", () => {
    expect(chooseLanguage({ languages: ["sv", "en"] }, "en")).toBe("en");
    expect(chooseLanguage({ languages: ["sv", "en"] }, "ar")).toBe("sv");
    expect(chooseLanguage({ languages: ["sv", "en"] })).toBe("sv");
    expect(chooseLanguage({ languages: ["en"] }, "sv")).toBe("en");
  });

  it.each([
    ["ar-SE,ar;q=0.9,en;q=0.8", ["sv", "ar", "en"], "ar"],
    ["en-GB,en;q=0.9", ["sv", "ar"], "sv"],
    ["fa;q=0.5, en;q=0.9", ["sv", "en", "fa"], "en"],
    ["AR", ["sv", "ar"], "ar"],
    ["uk-UA", ["sv", "uk"], "uk"],
    ["*", ["sv", "ar"], "sv"],
    ["*", ["ar", "en"], "ar"],
    ["ar;q=0, en", ["ar", "en"], "en"],
    ["sv-SE,sv;q=0.9,ar;q=0.8", ["sv", "ar"], "sv"],
    ["so, ti", ["sv", "so", "ti"], "so"],
    ["ar;q=nonsense", ["sv", "ar"], "sv"],
    ["", ["sv", "ar"], "sv"],
  ])("när webbläsaren skickar Accept-Language %j och insamlingen har %j så väljs %s", (header, offered, expected) => {
    expect(chooseLanguage({ languages: offered }, undefined, header)).toBe(expected);
  });

  it("när inget språk är valt så gäller webbläsarens språk, men ett valt språk går före", () => {
    expect(chooseLanguage({ languages: ["sv", "ar"] }, undefined, "ar,sv;q=0.5")).toBe("ar");
    expect(chooseLanguage({ languages: ["sv", "ar"] }, "sv", "ar")).toBe("sv");
    expect(chooseLanguage({ languages: ["sv", "ar"] }, undefined, "de")).toBe("sv");
  });

  it("när sidans frågor räknas så används de tryckta numren, så att rubriken stämmer med frågornas nummer", () => {
    // q2a and q2b are both 2; the total is the last printed number whatever is answered.
    expect(questionRange(def, 1, {})).toEqual({ first: 1, last: 2, total: 4 });
    expect(questionRange(def, 2, {})).toEqual({ first: 4, last: 4, total: 4 }); // q3 (on q1 = ja) is not asked
    expect(questionRange(def, 1, { q1: "ja", q2a: "2" })).toEqual({ first: 1, last: 2, total: 4 });
    expect(questionRange(def, 2, { q1: "ja", q2a: 2 })).toEqual({ first: 3, last: 4, total: 4 });
    // A value that is not an answer (as typed on an error page) opens nothing.
    expect(questionRange(def, 2, { q1: "kanske", q2a: "elva" })).toEqual({ first: 4, last: 4, total: 4 });
    // The indikator questionnaire reads 1–7 and 8–10 of 10, as printed, with or without 4b.
    for (const q4a of [undefined, "ja", "nej"]) {
      expect(questionRange(indikator, 1, { q4a })).toEqual({ first: 1, last: 7, total: 10 });
      expect(questionRange(indikator, 2, { q4a })).toEqual({ first: 8, last: 10, total: 10 });
    }
  });

  it("när en sida inte ställer någon fråga så har den inget intervall, och sidornas intervall följer varandra utan överlapp", () => {
    const onlyFollowUps = defineSurvey({
      id: "test-tom-sida", version: 1, title: { sv: "Test" }, respondentGroup: "evenemang", intro: { sv: "Intro" }, source: "local",
      sections: [
        { id: "a", questions: [{ id: "q1", kind: "yesno", text: { sv: "Ett" } }] },
        { id: "b", questions: [{ id: "q2", kind: "text", text: { sv: "Två" }, condition: { question: "q1", equals: ["ja"] } }] },
      ],
    });
    expect(questionRange(onlyFollowUps, 2, { q1: "nej" })).toBeUndefined();
    expect(questionRange(onlyFollowUps, 2, { q1: "ja" })).toEqual({ first: 2, last: 2, total: 2 });
    for (const q1 of [undefined, "ja", "nej"]) {
      for (const q2a of [undefined, 1, 9]) {
        const ranges = [1, 2].map((n) => questionRange(def, n, { q1, q2a })!);
        expect(ranges[0].first).toBe(1);
        expect(ranges[1].first).toBeGreaterThan(ranges[0].last);
        expect(ranges[1].last).toBe(ranges[1].total);
      }
    }
  });
});
