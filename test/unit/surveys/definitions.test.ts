import { describe, expect, it } from "vitest";
import { standardSurveys, findSurvey } from "../../../surveys/index.js";
import { definition, questionsOf, type Definition, type Text } from "../../../surveys/define.js";

/** Question ids in order, as the questionnaires number them. */
const printed: Record<string, string[]> = {
  "indikator-deltagare-pagaende": ["q1", "q2", "q3", "q4a", "q4b", "q5", "q6", "q7", "q8", "q9", "q10"],
  "indikator-deltagare-avslut": ["q1", "q2", "q3", "q4a", "q4b", "q5", "q6", "q7", "q8", "q9", "q10"],
  "indikator-personal": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"],
  "indikator-chefer": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"],
  "indikator-styrelse": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"],
  "indikator-remittenter": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"],
  "samverkan-utvardering": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9a", "q9b", "q9c", "q9d"],
  "evenemang-utvardering": ["q1", "q2", "q3", "q4", "q5", "q6"],
};

/** Every translatable text of a definition, with where it sits. */
function texts(d: Definition): [string, Text][] {
  const out: [string, Text][] = [["title", d.title], ["intro", d.intro]];
  for (const s of d.sections) {
    if (s.title) out.push([`${s.id}.title`, s.title]);
    for (const q of s.questions) {
      out.push([q.id, q.text]);
      if (q.help) out.push([`${q.id}.help`, q.help]);
      if (q.comment) out.push([`${q.id}.comment`, q.comment.label]);
      if (q.kind === "scale10" || q.kind === "scale6") out.push([`${q.id}.low`, q.low], [`${q.id}.high`, q.high]);
      if (q.kind === "single" || q.kind === "multi") for (const o of q.options) out.push([`${q.id}.${o.code}`, o.text]);
      if (q.kind === "multi" && q.other) out.push([`${q.id}.other`, q.other]);
    }
  }
  return out;
}

describe("standardenkäterna", () => {
  it("när registret laddas så finns varje standardenkät en gång och kan hittas med sitt id", () => {
    const ids = standardSurveys.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Object.keys(printed).sort());
    for (const id of ids) expect(findSurvey(id)?.id).toBe(id);
    expect(findSurvey("finns-inte")).toBeUndefined();
  });

  it.each(standardSurveys.map((d) => [d.id, d] as const))("när %s kontrolleras mot schemat så godkänns den", (_id, d) => {
    const r = definition.safeParse(structuredClone(d));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(standardSurveys.map((d) => [d.id, d] as const))("när %s läses så följer frågornas id den tryckta numreringen", (id, d) => {
    expect(questionsOf(d).map((q) => q.id)).toEqual(printed[id]);
  });

  it.each(standardSurveys.map((d) => [d.id, d] as const))("när en fråga i %s har ett villkor så pekar det bakåt på en fråga och ett svar den tar", (_id, d) => {
    const qs = questionsOf(d);
    for (const [i, q] of qs.entries()) {
      if (!q.condition) continue;
      const target = qs.findIndex((x) => x.id === q.condition!.question);
      expect(target, q.id).toBeGreaterThanOrEqual(0);
      expect(target, q.id).toBeLessThan(i);
      if (qs[target].kind === "yesno") for (const v of q.condition.equals) expect(["ja", "nej"]).toContain(v);
    }
  });

  it.each(standardSurveys.map((d) => [d.id, d] as const))("när %s anger sina språk så finns varje text på vart och ett av dem", (_id, d) => {
    expect(d.languages).toContain("sv");
    const missing = texts(d).flatMap(([where, t]) => d.languages.filter((l) => !t[l]).map((l) => `${where}: ${l}`));
    expect(missing).toEqual([]);
  });

  it("när deltagarenkäterna visas så finns de på lättläst svenska och engelska", () => {
    for (const id of ["indikator-deltagare-pagaende", "indikator-deltagare-avslut"]) {
      expect(findSurvey(id)!.languages).toEqual(expect.arrayContaining(["sv", "en", "sv-lattlast"]));
    }
  });

  it("när indikatorenkäterna registreras så är de skrivskyddade, och de utan en enda tryckt fråga är Samspårs egna", () => {
    for (const d of standardSurveys.filter((x) => x.id.startsWith("indikator-"))) expect(d.readOnly, d.id).toBe(true);
    for (const id of ["indikator-personal", "indikator-chefer", "indikator-styrelse", "indikator-remittenter"]) {
      expect(findSurvey(id)!.source).toBe("samspar");
    }
  });

  it("när indikatorfrågorna jämförs med 002 så är fråga 1–3 och 5–10 för pågående deltagare ordagranna", () => {
    const q = new Map(questionsOf(findSurvey("indikator-deltagare-pagaende")!).map((x) => [x.id, x.text.sv]));
    expect(q.get("q1")).toBe("Får du stöd på ett sätt som är till stor nytta för dig?");
    expect(q.get("q6")).toBe("Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du fick kontakt med oss?");
    expect(q.get("q9")).toBe("Hur gör stödet du får skillnad för dig? (Beskriv gärna vad och varför)");
    const avslut = new Map(questionsOf(findSurvey("indikator-deltagare-avslut")!).map((x) => [x.id, x.text.sv]));
    expect(avslut.get("q5")).toBe("Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?"); // 003
    expect(avslut.get("q7")).toBe("Upplever du att personalen tar tillvara dina erfarenheter, kunskaper och synpunkter?"); // 003
  });

  it("när samverkansenkäten läses så har den Bilaga 5:s frågor, svarsalternativ, villkor och kommentarsfält", () => {
    const qs = new Map(questionsOf(findSurvey("samverkan-utvardering")!).map((x) => [x.id, x]));
    const q1 = qs.get("q1")!, q2 = qs.get("q2")!, q7 = qs.get("q7")!;
    expect(q1.kind === "single" && q1.options.map((o) => o.text.sv)).toEqual(["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan", "Annan"]);
    expect(q2.kind === "multi" && q2.options.map((o) => o.text.sv)).toEqual(["Styrelse", "Beredningsgrupp", "Styrgrupp Samverk", "Arbetsgrupp Samverk"]);
    expect(["q3", "q7", "q8", "q9a", "q9b", "q9c", "q9d"].map((id) => qs.get(id)!.kind)).toEqual(Array(7).fill("scale10"));
    expect(["q4", "q5", "q6"].map((id) => qs.get(id)!.kind)).toEqual(["text", "text", "yesno"]);
    expect(q7.condition).toEqual({ question: "q6", equals: ["ja"] });
    const parties = ["q9a", "q9b", "q9c", "q9d"].map((id) => qs.get(id)!);
    expect(parties.every((q) => q.comment)).toBe(true);
    expect(parties.map((q) => /av (\S+)\?$/.exec(q.text.sv)![1])).toEqual(["kommunen", "Regionen", "Försäkringskassan", "Arbetsförmedlingen"]);
    expect(qs.get("q3")!.text.sv).toBe("Hur väl upplever du att samverkan mellan parterna fungerar i {förbund}?");
  });

  it("när evenemangsenkäten läses så betygsätts helhet, innehåll och arbetssätt på en sexgradig skala", () => {
    const qs = questionsOf(findSurvey("evenemang-utvardering")!);
    expect(qs.filter((q) => q.kind === "scale6").length).toBeGreaterThanOrEqual(3);
    expect(qs.slice(0, 3).map((q) => q.text.sv).join(" ")).toMatch(/helhetsintryck.*innehållet.*arbetssättet/);
  });
});
