import { describe, expect, it } from "vitest";
import indikator from "../../../surveys/indikator-deltagare-pagaende.js";
import { defineSurvey } from "../../../surveys/define.js";
import { issueMessage, questionPage, say, startPage, uiFor, uiLanguages, unavailablePage } from "../../../server/answering/present.js";
import { catalogStates, catalogs, resourceOf } from "../../../server/answering/words/index.js";
import { languageCodes } from "../../../surveys/define.js";
import { answerIssue, answerIssueCodes, type AnswerIssue, type AnswerIssueCode, type AnswerIssueParams } from "../../../surveys/answers.js";
import type { Collection } from "../../../server/answering/service.js";

const collection = (v: Partial<Collection> = {}) => ({
  id: "c1", forbundId: "f1", slug: "abcdefghjk", languages: ["sv", "en", "ar"], status: "oppen", opensOn: null, closesOn: null,
  definition: indikator, ...v,
}) as Collection;

describe("respondentsidornas presentation", () => {
  it("när sidan byggs så har varje fråga sitt tryckta nummer, svarsalternativ och 4b dold tills 4a är ja", () => {
    const page = questionPage(collection(), 1, { lang: "sv", token: "t", key: "k", values: {} });
    expect(page.part).toBe("Del 1 av 2");
    expect(page.progress).toBe("Del 1 av 2, fråga 1–7 av 10");
    expect(page.questions.map((q) => q.numberLabel)).toEqual(["Fråga 1", "Fråga 2", "Fråga 3", "Fråga 4a", "Fråga 4b", "Fråga 5", "Fråga 6", "Fråga 7"]);
    const q1 = page.questions[0];
    expect(q1.options.map((o) => o.label.text)).toEqual(["Aldrig", "Sällan", "Ibland", "Ofta", "För det mesta", "Alltid", "Vet inte / ej aktuellt"]);
    expect(q1.options[0].id).toBe("q1");
    const q4b = page.questions.find((q) => q.id === "q4b")!;
    expect(q4b.hidden).toBe(true);
    expect(q4b.showWhen).toEqual({ question: "q4a", values: "ja" });
    expect(page.visible).toBe("q1,q2,q3,q4a,q5,q6,q7");
    const open = questionPage(collection(), 1, { lang: "sv", token: "t", key: "k", values: { q4a: "ja", q4b: 3 } });
    expect(open.questions.find((q) => q.id === "q4b")!.hidden).toBe(false);
    expect(open.questions.find((q) => q.id === "q4b")!.options.find((o) => o.value === "3")!.checked).toBe(true);
  });

  it("när sidan har fel så länkar sammanfattningen till varje fält och titeln börjar med Fel", () => {
    const page = questionPage(collection(), 2, {
      lang: "sv", token: "t", key: "k", values: { q8: "ring 0701234567" }, issues: [answerIssue("q8", "contains_pii", { kinds: ["telefon"] })],
    });
    expect(page.errorList).toEqual([{ href: "#q8", text: expect.stringContaining("verkar innehålla ett telefonnummer") }]);
    expect(page.title.startsWith("Fel: ")).toBe(true);
    expect(page.questions[0].field!.value).toBe("ring 0701234567");
    expect(page.questions[0].describedBy).toBe("q8-error");
    expect(page.nextLabel).toBe("Skicka svaren");
  });

  it("när språket är engelska eller arabiska så är gränssnittet på det språket, och lättläst använder svenska ord", () => {
    expect(uiFor("en").next).toBe("Next");
    expect(uiFor("sv-lattlast").next).toBe("Nästa");
    expect(uiFor("ar").next).toBe("التالي");
    const page = questionPage(collection(), 1, { lang: "ar", token: "t", key: "k", values: {} });
    expect(page.dir).toBe("rtl");
    expect(page.lang).toBe("ar");
    expect(issueMessage(indikator, answerIssue("q1", "required", {}), "en")).toBe("Choose an answer to question 1.");
    expect(issueMessage(indikator, answerIssue("q8", "required", {}), "sv")).toBe("Skriv ett svar på fråga 8.");
    expect(issueMessage(indikator, answerIssue("q8", "too_long", { max: 2000 }), "sv")).toContain("högst 2000 tecken");
  });

  it("när startsidan byggs så finns språkval som vanliga länkar med inbjudan kvar", () => {
    const start = startPage(collection(), "sv", "inbjudan");
    expect(start.languages.map((l) => l.href)).toEqual([
      "/e/abcdefghjk?lang=sv&i=inbjudan", "/e/abcdefghjk?lang=en&i=inbjudan", "/e/abcdefghjk?lang=ar&i=inbjudan",
    ]);
    expect(start.hidden).toEqual([["lang", "sv"], ["i", "inbjudan"]]);
  });

  it("när insamlingen inte tar emot svar så säger sidan varför, med rätt status", () => {
    expect(unavailablePage({ state: "unknown" }).status).toBe(404);
    expect(unavailablePage({ state: "closed", collection: collection({ status: "stangd" }) }).status).toBe(410);
    const notYet = unavailablePage({ state: "notYet", collection: collection({ opensOn: "2030-03-03" }) });
    expect(notYet.status).toBe(404);
    expect(notYet.text).toContain("3 mars 2030");
  });

  it("när sidan visar var den är så står del och frågornas tryckta nummer, och en följdfråga (4b) ändrar dem inte", () => {
    const page = (n: number, values: Record<string, unknown>, lang = "sv", issues?: AnswerIssue[]) =>
      questionPage(collection(), n, { lang, token: "t", key: "k", values, issues });
    expect(page(1, {}).title).toBe("Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats");
    expect(page(1, { q4a: "ja" }).progress).toBe("Del 1 av 2, fråga 1–7 av 10");
    expect(page(2, { q4a: "ja", q4b: 3 }).progress).toBe("Del 2 av 2, fråga 8–10 av 10");
    expect(page(2, { q4a: "nej" }).progress).toBe("Del 2 av 2, fråga 8–10 av 10");
    expect(page(1, {}, "en").progress).toBe("Part 1 of 2, questions 1–7 of 10");
    expect(page(1, {}, "sv-lattlast").progress).toBe("Del 1 av 2, fråga 1–7 av 10");
    // An error page counts with what was typed, and its title says Fel first.
    const wrong = page(1, { q4a: "ja", q1: "9" }, "sv", [answerIssue("q1", "out_of_range", { min: 1, max: 6, dontKnow: true })]);
    expect(wrong.progress).toBe("Del 1 av 2, fråga 1–7 av 10");
    expect(wrong.title).toBe("Fel: Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats");
    expect(wrong.errorList).toEqual([{ href: "#q1", text: "Välj ett av svarsalternativen på fråga 1." }]);
    expect(page(2, {}, "en", [answerIssue("q8", "required", {})]).title).toBe("Error: Part 2 of 2, questions 8–10 of 10 – In your own words – Indicator survey – participants in an ongoing programme");
  });

  it("när enkäten har en enda sida så står bara frågorna, och en ensam fråga utan intervall", () => {
    const one = defineSurvey({
      id: "test-en-sida", version: 1, title: { sv: "Kort enkät", en: "Short survey" }, respondentGroup: "evenemang", intro: { sv: "Intro" }, source: "local", languages: ["sv", "en"],
      sections: [{ id: "a", questions: [{ id: "q1", kind: "yesno", text: { sv: "Ett", en: "One" } }] }],
    });
    const c = collection({ definition: one });
    const sv = questionPage(c, 1, { lang: "sv", token: "t", key: "k", values: {} });
    expect(sv.progress).toBe("Fråga 1 av 1");
    expect(sv.title).toBe("Fråga 1 av 1 – Kort enkät");
    expect(questionPage(c, 1, { lang: "en", token: "t", key: "k", values: {} }).progress).toBe("Question 1 of 1");
    expect(startPage(c, "sv").questionCount).toBe("1 fråga på 1 sida.");
  });

  it("när startsidan räknar frågorna så är det samma antal som på första sidan, och följdfrågor nämns för sig", () => {
    expect(startPage(collection(), "sv").questionCount).toBe("10 frågor på 2 sidor. Beroende på dina svar kan en följdfråga tillkomma.");
    expect(startPage(collection(), "en").questionCount).toBe("10 questions on 2 pages. Depending on your answers, a follow-up question may be added.");
  });

  it("när en anmärkning visas så finns en text för varje kod på varje språk som sidorna har, byggd av kodens parametrar", () => {
    const samples: { [C in AnswerIssueCode]: AnswerIssueParams[C] } = {
      unknown_question: {}, required: {}, not_asked: { condition: { question: "q4a", equals: ["ja"] } },
      out_of_range: { min: 1, max: 6, dontKnow: true }, not_yes_or_no: {}, not_an_option: { options: ["a", "b"], multiple: false },
      not_text: {}, too_long: { max: 2000 }, contains_pii: { kinds: ["personnummer", "epost"] }, no_answers: {},
    };
    expect(Object.keys(samples).sort()).toEqual([...answerIssueCodes].sort());
    for (const lang of Object.keys(uiLanguages)) {
      for (const code of answerIssueCodes) {
        const text = issueMessage(indikator, answerIssue("q8", code, samples[code] as never), lang);
        expect(text, `${lang} ${code}`).toContain(uiFor(lang).what("8"));
        expect(text, `${lang} ${code}`).not.toMatch(/undefined|\[object/);
      }
    }
    // The parameters, not the Swedish message, make the text: a message in another wording changes nothing.
    const pii = { ...answerIssue("q8", "contains_pii", { kinds: ["personnummer", "epost"] }), message: "något annat" };
    expect(issueMessage(indikator, pii, "sv")).toContain("verkar innehålla ett personnummer och en e-postadress.");
    expect(issueMessage(indikator, pii, "en")).toContain("seems to contain a personal identity number and an e-mail address.");
    expect(issueMessage(indikator, { ...answerIssue("q8", "too_long", { max: 40 }), message: "" }, "en")).toContain("at most 40 characters");
  });

  describe("gränssnittets ord på varje språk", () => {
    const offered = languageCodes;
    const sv = uiFor("sv") as unknown as Record<string, unknown>;
    // Numbers and words that are the same in every language, so a copy of the Swedish is no sign of a missing translation.
    const sample: Record<string, unknown[]> = {
      questionCount: [10, 2, 1], part: [1, 2], questions: [1, 7, 10], question: ["4a"], scaleHint: [10, "inte alls", "helt"],
      notYetText: ["3 mars 2030"], what: ["4a"], commentOf: ["4a"], otherOf: ["4a"], answerQuestion: ["4b"],
      stepCount: [10, 10, 1], chooseSteps: [10], choosePages: [2], step: [3, 10],
      resumeMail: ["Vad tycker du om stödet du får?", "http://samspar.test/e/abcd/fortsatt/token"],
    };

    it("när respondenterna erbjuds ett språk så har varje nyckel en text på det språket, och ingen är kvar på svenska", () => {
      for (const lang of offered) {
        expect(Object.keys(uiLanguages), lang).toContain(lang);
        const ui = uiFor(lang) as unknown as Record<string, unknown>;
        expect(Object.keys(ui).sort(), lang).toEqual(Object.keys(sv).sort());
        for (const [key, value] of Object.entries(ui)) {
          if (key === "issues" || key === "locale") continue;
          const said = typeof value === "function" ? (value as (...a: unknown[]) => string)(...sample[key]) : value;
          const source = typeof sv[key] === "function" ? (sv[key] as (...a: unknown[]) => string)(...sample[key]) : sv[key];
          expect(JSON.stringify(said), `${lang} ${key}`).not.toMatch(/undefined|null|""/);
          // Lättläst is Swedish: it keeps the words that are already plain.
          if (lang !== "sv" && lang !== "sv-lattlast") expect(said, `${lang} ${key} är kvar på svenska`).not.toEqual(source);
        }
        expect(ui.frequency, lang).toHaveLength(6);
      }
    });

    it("när sidan är på lättläst så finns inga krångliga gränssnittsord kvar", () => {
      const ll = uiFor("sv-lattlast");
      const texts = [
        ...Object.values(ll).filter((v) => typeof v === "string"), ll.dontKnow,
        ll.questionCount(10, 2, 1), ll.questionCount(10, 2, 2), ll.stepCount(10, 10, 1), ll.chooseSteps(10), ll.choosePages(2), ll.step(3, 10),
        ...answerIssueCodes.map((code) => issueMessage(indikator, answerIssue("q8", code, { kinds: ["telefon"], max: 2000, min: 1, dontKnow: true, condition: { question: "q4a", equals: ["ja"] }, options: ["a"], multiple: false } as never), "sv-lattlast")),
      ].join(" ");
      for (const hard of ["IP-adress", "tillkomma", "ej aktuellt", "uppgifter", "Kontrollera", "rättas", "följdfråga", "svarsalternativ", "koppla till"]) {
        expect(texts, hard).not.toContain(hard);
      }
      // In lättläst "Börja" starts one question per page, and says so; the other way is the second button.
      const start = startPage(collection({ languages: ["sv", "sv-lattlast"] }), "sv-lattlast");
      expect(start.questionCount).toBe("Det finns 10 frågor. Du får en fråga i taget. Det blir 10 sidor. Ibland kommer en fråga till. Det beror på vad du svarar.");
      expect(start.alternative?.label).toBe("Jag vill se flera frågor på varje sida (2 sidor)");
      expect(startPage(collection(), "sv-lattlast").lang).toBe("sv");
    });

    it("när en katalog inte har granskats av en översättare så är den märkt utkast, och bara svenskan (källan) är granskad", () => {
      expect(Object.keys(catalogStates).sort()).toEqual(Object.keys(uiLanguages).sort());
      for (const [lang, state] of Object.entries(catalogStates)) expect(state, lang).toBe(lang === "sv" ? "granskad" : "utkast");
    });

    it("när en text beror på ett tal så har katalogen varje pluralform som språket har enligt CLDR, och inga andra", () => {
      for (const [lang, catalog] of Object.entries(catalogs)) {
        const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const [key, value] of Object.entries(catalog)) {
          if (typeof value === "string") continue;
          expect(Object.keys(value).sort(), `${lang} ${key}`).toEqual([...categories].sort());
        }
      }
      expect(Object.keys(catalogs.ar.questionsCounted).sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
    });

    it("när en katalog saknar en text så fylls den inte i med nyckeln: varje nyckel i varje katalog är en text", () => {
      for (const [lang, catalog] of Object.entries(catalogs)) {
        expect(Object.keys(catalog).sort(), lang).toEqual(Object.keys(catalogs.sv).sort());
        for (const [key, value] of Object.entries(resourceOf(catalog))) expect(value.trim(), `${lang} ${key}`).not.toBe("");
      }
      // A list of two or three names follows the language's own list pattern (Intl.ListFormat through i18next).
      const pii = answerIssue("q8", "contains_pii", { kinds: ["personnummer", "telefon", "epost"] });
      expect(issueMessage(indikator, pii, "sv")).toContain("ett personnummer, ett telefonnummer och en e-postadress");
      expect(issueMessage(indikator, pii, "ar")).toContain("رقم هوية شخصي ورقم هاتف وعنوان بريد إلكتروني");
    });

    it("när något räknas på arabiska så följer orden språkets pluralformer (en, två, få, många)", () => {
      const count = (n: number) => uiFor("ar").questionCount(n, 2, 0).split(" في ")[0];
      expect(new Set([1, 2, 3, 11, 100].map(count)).size).toBe(5);
      expect(count(2)).toBe("سؤالان");
      expect(uiFor("uk").questionCount(5, 1, 0)).toBe("5 питань на 1 сторінці.");
      expect(uiFor("uk").questionCount(2, 2, 0)).toBe("2 питання на 2 сторінках.");
    });

    it("när startsidan är på ukrainska så är de två sätten att svara ett par som läses naturligt, sidorna i rätt kasus, och katalogen är utkast", () => {
      const uk = uiFor("uk");
      // The two buttons side by side: the same verb, then how many; the pages are counted in the locative, after "на".
      expect(uk.chooseSteps(10)).toBe("Відповідати по одному питанню (10 кроків)");
      expect(uk.choosePages(1)).toBe("Відповідати на кілька питань одразу (на 1 сторінці)");
      expect(uk.choosePages(3)).toBe("Відповідати на кілька питань одразу (на 3 сторінках)");
      expect(catalogStates.uk).toBe("utkast");
    });

    it("när en enkättext saknar översättning så visas svenskan märkt lang=sv, och svarsalternativen står på sidans språk", () => {
      expect(say({ sv: "Hej" }, "ar")).toEqual({ text: "Hej", lang: "sv" });
      expect(say({ sv: "Hej", ar: "مرحبا" }, "ar")).toEqual({ text: "مرحبا" });
      expect(say({ sv: "Hej" }, "sv-lattlast")).toEqual({ text: "Hej" });
      const page = questionPage(collection(), 1, { lang: "ar", token: "t", key: "k", values: {} });
      const q1 = page.questions[0];
      expect(q1.numberLabel).toBe("السؤال 1");
      expect(q1.text.lang).toBe("sv");
      expect(q1.options.map((o) => o.label.text)).toEqual(["أبدًا", "نادرًا", "أحيانًا", "غالبًا", "في معظم الأوقات", "دائمًا", "لا أعرف / لا ينطبق"]);
      expect(q1.options.every((o) => !o.label.lang)).toBe(true);
      expect(page.heading.lang).toBe("sv");
      expect(page.surveyTitle.lang).toBe("sv");
    });
  });
});
