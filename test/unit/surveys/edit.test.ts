/** Editing questionnaires as data: checks that name the question, translations, changed questions, moves. */
import { describe, expect, it } from "vitest";
import { standardSurveys, findSurvey } from "../../../surveys/index.js";
import { questionsOf, type Definition } from "../../../surveys/define.js";
import {
  applyTranslations, blankDraft, changedQuestions, checkDraft, completeLanguages, copyAsDraft, missingTranslations, moveQuestion,
  newQuestion, nextQuestionId, removeQuestion, replaceQuestion, sameQuestion, textEntries, addQuestion, type Draft,
} from "../../../surveys/edit.js";
import { codeOf, parseOptions } from "../../../server/questionnaires/service.js";

const ids = (d: Draft) => d.sections.map((s) => s.questions.map((q) => q.id));
const samverkan = () => structuredClone(findSurvey("samverkan-utvardering")!) as Draft;

describe("checkDraft", () => {
  it("när varje standardenkät skickas som JSON och tillbaka så är den identisk (export → import)", () => {
    for (const d of standardSurveys) {
      const c = checkDraft(JSON.parse(JSON.stringify(d)));
      expect(c.ok, d.id).toBe(true);
      if (c.ok) expect(c.definition).toEqual(d);
    }
  });

  it.each([
    ["två frågor med samma id", (d: Draft) => { d.sections[0].questions[1].id = "q1"; }, "Frågan q1 finns två gånger", "q1"],
    ["ett villkor på en senare fråga", (d: Draft) => { d.sections[0].questions[0].condition = { question: "q3", equals: [5] }; }, "Villkoret på q1 pekar på q3, som måste komma före", "q1"],
    ["en fråga utan svensk text", (d: Draft) => { d.sections[1].questions[0].text = { sv: "" }; }, "Fråga q3, frågetexten (svenska): får inte vara tom", "q3"],
    ["ett val med ett enda alternativ", (d: Draft) => { const q = d.sections[0].questions[0]; if (q.kind === "single") q.options = q.options.slice(0, 1); }, "Fråga q1, svarsalternativen: behöver minst 2", "q1"],
    ["ett id som inte följer numreringen", (d: Draft) => { d.sections[0].questions[0].id = "fråga1"; }, "frågans id följer den tryckta numreringen", undefined],
  ])("när utkastet har %s så säger felet vilken fråga det gäller", (_what, spoil, message, question) => {
    const d = samverkan();
    spoil(d);
    const c = checkDraft(d);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    const hit = c.issues.find((i) => i.message.includes(message));
    expect(hit, JSON.stringify(c.issues)).toBeDefined();
    if (question) expect(hit!.question).toBe(question);
  });

  it("när ett avsnitt saknar frågor eller enkäten saknar avsnitt så säger felet det på svenska", () => {
    const d = blankDraft("tom", "Tom", "evenemang");
    d.sections[0].questions = [];
    const c = checkDraft(d);
    expect(!c.ok && c.issues.map((i) => i.message)).toEqual(["Avsnitt 1 har inga frågor: lägg till en fråga eller ta bort avsnittet."]);
    const none = checkDraft({ ...d, sections: [] });
    expect(!none.ok && none.issues.map((i) => i.message)).toEqual(["Enkäten behöver minst ett avsnitt med en fråga."]);
  });

  it("när utkastet inte ens är ett objekt så blir det fel, inte ett undantag", () => {
    for (const x of [null, 42, "text", [], {}]) expect(checkDraft(x).ok).toBe(false);
  });

  it("när en ny tom enkät skapas så följer den schemat direkt, med språkkoder utöver de vanliga tillåtna", () => {
    const d = blankDraft("ny-enkat", "Ny", "personal");
    expect(checkDraft({ ...d, languages: ["sv", "fi", "pl"] }).ok).toBe(true);
    expect(checkDraft({ ...d, languages: ["sv", "Finska"] }).ok).toBe(false);
  });
});

describe("översättningar", () => {
  it("när en text saknas på ett språk så listas den, och språket räknas först som färdigt när inget saknas", () => {
    const d = samverkan(); // Swedish and English, every text translated
    expect(missingTranslations(d, "en")).toEqual([]);
    expect(completeLanguages(d)).toEqual(["sv", "en"]);
    const withAr = { ...d, languages: [...(d.languages ?? []), "ar"] };
    expect(missingTranslations(withAr, "ar").length).toBe(textEntries(withAr).length);
    expect(completeLanguages(withAr)).toEqual(["sv", "en"]);
  });

  it("när översättningar sätts per nyckel så ändras bara det språket, svenskan aldrig, och en tom text tar bort översättningen", () => {
    const d = samverkan();
    const next = applyTranslations(d, "ar", { "q1.text": "صاحب العمل", "q1.option.kommun": "البلدية", "title": "تقييم" });
    const q1 = questionsOf(next as Definition)[0];
    expect(q1.text).toEqual({ sv: "Arbets-/uppdragsgivare", en: "Employer or principal", ar: "صاحب العمل" });
    expect(next.title.ar).toBe("تقييم");
    expect(applyTranslations(d, "sv", { "q1.text": "Ändrad" })).toBe(d);
    const removed = applyTranslations(next, "ar", { "q1.text": "  " });
    expect(questionsOf(removed as Definition)[0].text.ar).toBeUndefined();
    expect(d.title.ar).toBeUndefined(); // the input is never changed
  });

  it("när texterna listas så har varje text en stabil nyckel, även alternativ, skalans ändar och kommentarsfält", () => {
    const keys = textEntries(samverkan()).map((e) => e.key);
    expect(keys).toContain("q1.option.forsakringskassan");
    expect(keys).toContain("q3.low");
    expect(keys).toContain("q9a.comment");
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("versioner", () => {
  it("när lydelse, typ, skalans ändar eller alternativ ändras så är frågan ändrad; en ny översättning eller hjälptext ändrar den inte", () => {
    const before = findSurvey("samverkan-utvardering")!;
    const after = structuredClone(before);
    const q = (d: Definition, id: string) => questionsOf(d).find((x) => x.id === id)!;
    q(after, "q3").text = { sv: "Hur väl fungerar samverkan?" };
    const q8 = q(after, "q8");
    if (q8.kind === "scale10") q8.high = { sv: "Utmärkt" };
    const q1 = q(after, "q1");
    if (q1.kind === "single") q1.options = [...q1.options, { code: "privat", text: { sv: "Privat" } }];
    q(after, "q4").text = { ...q(after, "q4").text, ar: "ما الذي يعمل بشكل جيد؟" };
    q(after, "q5").help = { sv: "Skriv fritt." };
    expect(changedQuestions(before, after)).toEqual(["q1", "q3", "q8"]);
    expect(changedQuestions(undefined, after)).toEqual([]);
    expect(sameQuestion(q(before, "q4"), q(after, "q4"))).toBe(true);
    expect(sameQuestion(q(before, "q4"), undefined)).toBe(false);
  });

  it("när en standardenkät kopieras så blir kopian förbundets egen, version 1, och originalet är orört", () => {
    const std = findSurvey("indikator-deltagare-pagaende")!;
    const copy = copyAsDraft(std, "egen-indikator", "Egen indikatorenkät");
    expect(copy).toMatchObject({ id: "egen-indikator", version: 1, source: "local", readOnly: false });
    expect(copy.title.sv).toBe("Egen indikatorenkät");
    expect(std.readOnly).toBe(true);
    expect(std.id).toBe("indikator-deltagare-pagaende");
  });
});

describe("redigeringens drag", () => {
  it("när en fråga läggs till så får den nästa lediga nummer och de fält dess typ kräver", () => {
    const d = samverkan();
    expect(nextQuestionId(d)).toBe("q10");
    for (const kind of ["frequency6", "scale10", "scale6", "yesno", "single", "multi", "text"] as const) {
      const withQ = addQuestion(d, 0, newQuestion(d, kind));
      expect(checkDraft(withQ).ok, kind).toBe(true);
    }
  });

  it("när en fråga flyttas förbi kanten av sitt avsnitt så hamnar den i grannavsnittet, och vid enkätens kanter står den still", () => {
    const d = samverkan();
    expect(ids(moveQuestion(d, "q3", "up"))[0]).toEqual(["q1", "q2", "q3"]);
    expect(ids(moveQuestion(d, "q2", "down"))[1][0]).toBe("q2");
    expect(ids(moveQuestion(d, "q1", "up"))).toEqual(ids(d));
    expect(ids(moveQuestion(d, "q9d", "down"))).toEqual(ids(d));
    expect(ids(moveQuestion(d, "q2", "up"))[0]).toEqual(["q2", "q1"]);
    expect(moveQuestion(d, "q99", "up")).toBe(d);
  });

  it("när en fråga tas bort så försvinner villkor som pekade på den, och när den byter id så följer villkoren med", () => {
    const d = samverkan(); // q7 is asked only when q6 = ja
    const q7 = (x: Draft) => x.sections.flatMap((s) => s.questions).find((q) => q.id === "q7")!;
    expect(q7(removeQuestion(d, "q6")).condition).toBeUndefined();
    const q6 = d.sections.flatMap((s) => s.questions).find((q) => q.id === "q6")!;
    const renamed = replaceQuestion(d, "q6", { ...q6, id: "q6a" });
    expect(q7(renamed).condition?.question).toBe("q6a");
    expect(checkDraft(renamed).ok).toBe(true);
  });

  it("när svarsalternativ skrivs en per rad så blir koderna unika och gjorda av texten när ingen kod skrivits", () => {
    expect(parseOptions("kommun: Kommun\nRegion Jönköpings län\n\nFörsäkringskassan\nFörsäkringskassan")).toEqual([
      { code: "kommun", sv: "Kommun" }, { code: "region_jonkopings_lan", sv: "Region Jönköpings län" },
      { code: "forsakringskassan", sv: "Försäkringskassan" }, { code: "forsakringskassan_2", sv: "Försäkringskassan" },
    ]);
    expect(codeOf("!!!")).toBe("alternativ");
  });
});
