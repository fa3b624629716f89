import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defineSurvey, questionsOf, commentKey, otherKey, type Definition } from "../../../surveys/define.js";
import { isAsked, validateAnswers, type AnswerIssueCode } from "../../../surveys/answers.js";
import { standardSurveys } from "../../../surveys/index.js";

const def = defineSurvey({
  id: "test-enkat", version: 1, title: { sv: "Test" }, respondentGroup: "personal", intro: { sv: "Test" }, source: "local",
  sections: [{
    id: "s",
    questions: [
      { id: "q1", kind: "frequency6", required: true, text: { sv: "Frekvens med vet inte" } },
      { id: "q2", kind: "frequency6", dontKnow: false, text: { sv: "Frekvens utan vet inte" } },
      { id: "q3", kind: "scale10", low: { sv: "låg" }, high: { sv: "hög" }, text: { sv: "Tiogradig" }, comment: { label: { sv: "Kommentar" }, maxLength: 30 } },
      { id: "q4a", kind: "yesno", text: { sv: "Ja eller nej" } },
      { id: "q4b", kind: "frequency6", text: { sv: "Bara vid ja" }, condition: { question: "q4a", equals: ["ja"] } },
      { id: "q5", kind: "multi", text: { sv: "Flerval" }, options: [{ code: "a", text: { sv: "A" } }, { code: "b", text: { sv: "B" } }], other: { sv: "Annat" } },
      { id: "q6", kind: "single", text: { sv: "Enval" }, options: [{ code: "x", text: { sv: "X" } }, { code: "y", text: { sv: "Y" } }] },
      { id: "q7", kind: "text", maxLength: 20, text: { sv: "Fritext" } },
      { id: "q8", kind: "scale6", dontKnow: true, low: { sv: "låg" }, high: { sv: "hög" }, text: { sv: "Sexgradig med vet inte" } },
    ],
  }],
});

const check = (input: Record<string, unknown>, requireAnswers = false) => validateAnswers(def, input, { requireAnswers });

describe("validateAnswers", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["koder som tal", { q1: 4, q2: 1, q3: 10, q8: 6 }, { q1: 4, q2: 1, q3: 10, q8: 6 }],
    ["koder som text", { q1: "4", q3: " 7 " }, { q1: 4, q3: 7 }],
    ["vet inte = 0 där frågan tillåter det", { q1: 0, q8: "0" }, { q1: 0, q8: 0 }],
    ["ja/nej oavsett skiftläge", { q4a: " JA " }, { q4a: "ja" }],
    ["4b när 4a är ja", { q4a: "ja", q4b: 5 }, { q4a: "ja", q4b: 5 }],
    ["flerval med annat och dess text", { q5: ["a", "annat", "a"], q5_annat: " Något eget " }, { q5: ["a", "annat"], q5_annat: "Något eget" }],
    ["flerval med ett enda värde", { q5: "b" }, { q5: ["b"] }],
    ["enval", { q6: "y" }, { q6: "y" }],
    ["fritext trimmas, tom fritext lämnas bort", { q7: "  bra  ", q3_kommentar: "" }, { q7: "bra" }],
    ["tomma värden är obesvarade", { q1: "", q2: null, q5: [], q3: undefined }, {}],
    ["kommentar till en besvarad fråga", { q3: 5, q3_kommentar: "Okej" }, { q3: 5, q3_kommentar: "Okej" }],
  ])("när svaren är giltiga (%s) så blir de rena värden utan anmärkningar", (_name, input, expected) => {
    expect(check(input)).toEqual({ answers: expected, issues: [] });
  });

  it.each<[string, Record<string, unknown>, string, RegExp, AnswerIssueCode]>([
    ["okänd fråga", { q99: 1 }, "q99", /finns inte i enkäten/, "unknown_question"],
    ["okänd kommentarskolumn", { q1_kommentar: "x" }, "q1_kommentar", /finns inte i enkäten/, "unknown_question"],
    ["över skalan", { q1: 7 }, "q1", /1–6 eller 0/, "out_of_range"],
    ["under skalan", { q3: -1 }, "q3", /1–10/, "out_of_range"],
    ["över tiogradig", { q3: 11 }, "q3", /1–10$/, "out_of_range"],
    ["decimaltal", { q1: 4.5 }, "q1", /1–6/, "out_of_range"],
    ["vet inte där frågan inte tillåter det", { q2: 0 }, "q2", /^ska vara 1–6$/, "out_of_range"],
    ["vet inte på tiogradig utan vet inte", { q3: 0 }, "q3", /1–10/, "out_of_range"],
    ["ja/nej med annat ord", { q4a: "kanske" }, "q4a", /ja eller nej/, "not_yes_or_no"],
    ["4b fast 4a är nej", { q4a: "nej", q4b: 3 }, "q4b", /bara besvaras när q4a är ja/, "not_asked"],
    ["4b fast 4a saknas", { q4b: 3 }, "q4b", /bara besvaras när q4a är ja/, "not_asked"],
    ["flerval med okänt alternativ", { q5: ["a", "z"] }, "q5", /ett eller flera av: a, b, annat/, "not_an_option"],
    ["enval med okänd kod", { q6: "z" }, "q6", /ett av: x, y/, "not_an_option"],
    ["enval med en lista", { q6: ["x"] }, "q6", /ett av/, "not_an_option"],
    ["fritext som är ett tal", { q7: 5 }, "q7", /ska vara text/, "not_text"],
    ["för lång fritext", { q7: "x".repeat(21) }, "q7", /högst 20 tecken/, "too_long"],
    ["för lång kommentar", { q3: 5, q3_kommentar: "x".repeat(31) }, "q3_kommentar", /högst 30 tecken/, "too_long"],
    ["kommentar som inte är text", { q3: 5, q3_kommentar: 5 }, "q3_kommentar", /ska vara text/, "not_text"],
    ["personnummer i fritext", { q7: "Jag är 811218-9876" }, "q7", /personnummer.*anonyma/, "contains_pii"],
    ["telefonnummer i fritext", { q7: "ring 070-123 45 67" }, "q7", /telefonnummer/, "contains_pii"],
    ["e-post i kommentar", { q3: 4, q3_kommentar: "anna@exempel.se" }, "q3_kommentar", /e-postadress/, "contains_pii"],
    ["telefonnummer i annat-texten", { q5: ["annat"], q5_annat: "0701234567" }, "q5_annat", /telefonnummer/, "contains_pii"],
  ])("när svaret är fel (%s) så pekar anmärkningen ut frågan, med kod och svenskt meddelande", (_name, input, question, message, code) => {
    const { issues } = check(input);
    expect(issues).toHaveLength(1);
    expect(issues[0].question).toBe(question);
    expect(issues[0].message).toMatch(message);
    expect(issues[0].code).toBe(code);
  });

  it("när svaren ska vara kompletta så krävs obligatoriska frågor, men bara på den del som kontrolleras", () => {
    expect(check({ q2: 3 }, true).issues).toEqual([{ question: "q1", code: "required", params: {}, message: "måste besvaras" }]);
    expect(check({ q2: 3 }, false).issues).toEqual([]);
    expect(validateAnswers(def, { q2: 3 }, { requireAnswers: true, onlyQuestions: new Set(["q2"]) }).issues).toEqual([]);
  });

  it("när en fråga inte ställs så krävs den inte heller", () => {
    const d = defineSurvey({
      ...def, id: "krav", sections: [{ id: "s", questions: [
        { id: "q1", kind: "yesno", text: { sv: "A" } },
        { id: "q2", kind: "text", required: true, text: { sv: "B" }, condition: { question: "q1", equals: ["ja"] } },
      ] }],
    });
    expect(validateAnswers(d, { q1: "nej" }, { requireAnswers: true }).issues).toEqual([]);
    expect(validateAnswers(d, { q1: "ja" }, { requireAnswers: true }).issues).toEqual([{ question: "q2", code: "required", params: {}, message: "måste besvaras" }]);
  });

  it("när ett svar är fel så bär anmärkningen det presentatören behöver: gränser, alternativ, villkor och slag av personuppgift", () => {
    const one = (input: Record<string, unknown>) => { const [i] = check(input).issues; return { code: i.code, params: i.params }; };
    expect(one({ q1: 7 })).toEqual({ code: "out_of_range", params: { min: 1, max: 6, dontKnow: true } });
    expect(one({ q3: 0 })).toEqual({ code: "out_of_range", params: { min: 1, max: 10, dontKnow: false } });
    expect(one({ q5: ["z"] })).toEqual({ code: "not_an_option", params: { options: ["a", "b", "annat"], multiple: true } });
    expect(one({ q6: "z" })).toEqual({ code: "not_an_option", params: { options: ["x", "y"], multiple: false } });
    expect(one({ q4b: 3 })).toEqual({ code: "not_asked", params: { condition: { question: "q4a", equals: ["ja"] } } });
    expect(one({ q3: 5, q3_kommentar: "x".repeat(31) })).toEqual({ code: "too_long", params: { max: 30 } });
    expect(one({ q7: "0701234567 a@b.se" })).toEqual({ code: "contains_pii", params: { kinds: ["telefon", "epost"] } });
  });

  it("när ett villkor prövas så gäller det de svar som redan är godkända", () => {
    const q4b = questionsOf(def).find((q) => q.id === "q4b")!;
    expect(isAsked(q4b, { q4a: "ja" })).toBe(true);
    expect(isAsked(q4b, { q4a: "nej" })).toBe(false);
    expect(isAsked(q4b, {})).toBe(false);
    // an invalid 4a is not an answer: 4b is then not asked either
    expect(check({ q4a: "jo", q4b: 3 }).issues.map((i) => i.question)).toEqual(["q4a", "q4b"]);
  });
});

/** Keys a definition knows, so that generated inputs hit real questions as well as junk. */
const keysOf = (d: Definition) => questionsOf(d).flatMap((q) => [q.id, ...(q.comment ? [commentKey(q.id)] : []), ...(q.kind === "multi" && q.other ? [otherKey(q.id)] : [])]);
const valueArb = fc.oneof(
  fc.anything(),
  fc.integer({ min: -2, max: 12 }),
  fc.constantFrom("ja", "nej", "JA", "annat", "a", "x", "kommun", "styrelse", "0", "4", "", " ", "811218-9876", "x".repeat(2500)),
  fc.array(fc.constantFrom("a", "b", "annat", "styrelse", "beredningsgrupp", "zz", 3)),
);

describe("validateAnswers som egenskap", () => {
  it.each([def, ...standardSurveys].map((d) => [d.id, d] as const))("när %s får godtyckliga svar så kastar den aldrig, och rena svar godkänns igen oförändrade", (_id, d) => {
    const keyArb = fc.oneof(fc.constantFrom(...keysOf(d)), fc.string());
    fc.assert(fc.property(fc.dictionary(keyArb, valueArb, { maxKeys: 15 }), fc.boolean(), (input, requireAnswers) => {
      const first = validateAnswers(d, input, { requireAnswers });
      expect(Object.keys(first.answers).every((k) => keysOf(d).includes(k))).toBe(true);
      const again = validateAnswers(d, first.answers, { requireAnswers: false });
      expect(again).toEqual({ answers: first.answers, issues: [] });
    }), { numRuns: 300 });
  });

  it("när indata inte ens är ett vanligt objekt så kastar den inte", () => {
    fc.assert(fc.property(fc.object({ withNullPrototype: true, withTypedArray: true, withMap: true, withSet: true }), (input) => {
      expect(() => validateAnswers(def, input as Record<string, unknown>, { requireAnswers: true })).not.toThrow();
    }), { numRuns: 300 });
  });
});
