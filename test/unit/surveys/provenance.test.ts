import { describe, expect, it } from "vitest";
import { standardSurveys, findSurvey } from "../../../surveys/index.js";
import { comparabilityNote, defineSurvey, fillForbundName, isNational, questionsOf, samsparWording, sourceLabel, type Definition } from "../../../surveys/define.js";

const byId = (id: string) => findSurvey(id)!;
const q = (d: Definition, id: string) => questionsOf(d).find((x) => x.id === id)!;

describe("frågornas källa i standardenkäterna", () => {
  it("när varje standardenkät läses så har varje fråga en källa", () => {
    const missing = standardSurveys.flatMap((d) => questionsOf(d).filter((x) => x.source === undefined).map((x) => `${d.id} ${x.id}`));
    expect(missing).toEqual([]);
  });

  it("när deltagarenkäterna läses så är just de frågor som seed 002 och 003 trycker ordagranna, resten Samspårs", () => {
    expect(samsparWording(byId("indikator-deltagare-pagaende"))).toEqual(["q4a", "q4b"]);
    expect(samsparWording(byId("indikator-deltagare-avslut"))).toEqual(["q1", "q2", "q3", "q4a", "q4b", "q8", "q9", "q10"]);
    expect(q(byId("indikator-deltagare-pagaende"), "q7").source).toEqual({ verbatim: expect.stringContaining("seed 002") });
    expect(q(byId("indikator-deltagare-avslut"), "q5").source).toEqual({ verbatim: expect.stringContaining("seed 003") });
  });

  it("när ingen NNS-text är inläst så kallas ingen standardenkät nationell", () => {
    expect(standardSurveys.filter(isNational).map((d) => d.id)).toEqual([]);
    for (const d of standardSurveys) expect(comparabilityNote(d), d.id).toMatch(/kan inte jämföras med NNS nationella siffror/);
    for (const id of ["indikator-personal", "indikator-chefer", "indikator-styrelse", "indikator-remittenter"]) {
      expect(samsparWording(byId(id))).toEqual(questionsOf(byId(id)).map((x) => x.id));
    }
  });

  it("när remittentenkäten visas så är den Samspårs egen, inte en indikatorenkät, och behåller sitt id", () => {
    const d = byId("indikator-remittenter");
    expect(d.title.sv).not.toMatch(/Indikator/i);
    expect(d.title.sv).toMatch(/Samspår/);
  });

  it("när varje fråga är NNS eller ordagrann så är enkäten nationell, annars inte", () => {
    const base = { id: "prov", version: 2, title: { sv: "T" }, respondentGroup: "deltagare-pagaende" as const, intro: { sv: "I" }, source: "nns" as const };
    const nns = defineSurvey({ ...base, sections: [{ id: "a", questions: [
      { id: "q1", kind: "yesno", source: "nns", text: { sv: "A?" } },
      { id: "q2", kind: "yesno", source: { verbatim: "seed 002" }, text: { sv: "B?" } },
    ] }] });
    expect(isNational(nns)).toBe(true);
    expect(comparabilityNote(nns)).toBeNull();
    const mixed = defineSurvey({ ...base, sections: [{ id: "a", questions: [
      { id: "q1", kind: "yesno", source: "nns", text: { sv: "A?" } },
      { id: "q2", kind: "scale10", source: { verbatim: "seed 002" }, samsparParts: ["scale"], low: { sv: "L" }, high: { sv: "H" }, text: { sv: "B?" } },
    ] }] });
    expect(isNational(mixed)).toBe(false);
    expect(comparabilityNote(mixed)).toContain("Frågorna q2 är helt eller delvis Samspårs formulering");
    expect(sourceLabel(mixed, q(mixed, "q2"))).toBe("ordagrant ur seed 002; skalans ändpunkter är Samspårs");
    expect(isNational({ ...nns, source: "local" })).toBe(false);
  });

  it("när samverkansenkäten öppnas för ett förbund så står förbundets namn i fråga 3 och 6, som i 002", () => {
    const d = fillForbundName(byId("samverkan-utvardering"), "Höglandets samordningsförbund");
    expect(q(d, "q3").text.sv).toBe("Hur väl upplever du att samverkan mellan parterna fungerar i Höglandets samordningsförbund?");
    expect(q(d, "q6").text.sv).toBe("Upplever du att samverkan mellan parterna ökar (eller underlättas) genom arbetet i Höglandets samordningsförbund?");
    expect(JSON.stringify(d)).not.toContain("{förbund}");
    expect(q(fillForbundName(byId("samverkan-utvardering"), 'Förbund "Citat" \\ snett'), "q3").text.sv).toContain('Förbund "Citat" \\ snett');
  });

  it("när samverkansenkätens fråga 9 läses så står stammen som 002 trycker den, och påhittade delar är märkta", () => {
    const d = byId("samverkan-utvardering");
    expect(d.sections.find((s) => s.questions.some((x) => x.id === "q9a"))!.title!.sv)
      .toBe("I vilken utsträckning tror du att personer i behov av samordnade rehabiliteringsinsatser får det stöd de behöver av parterna?");
    expect(q(d, "q1").samsparParts).toEqual(["options"]);
    expect(q(d, "q2").samsparParts).toContain("options");
    for (const id of ["q3", "q7", "q8", "q9a", "q9d"]) expect(q(d, id).samsparParts, id).toContain("scale");
    expect(q(d, "q4").samsparParts).toBeUndefined();
  });
});
