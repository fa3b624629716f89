import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { analyse, analysisJson, groupTexts, median, type AnalysisCase } from "../../../server/deviations/analysis.pure.js";
import { analysisPage, partyLine } from "../../../server/deviations/present.js";

const base: AnalysisCase = {
  severity: "allvarlig", frequency: null, status: "avslutad", area: "Eksjö", concerned: [], causes: [], consequences: [],
  proposal: null, actionTaken: null, lifted: false, requests: [],
};
const make = (v: Partial<AnalysisCase>): AnalysisCase => ({ ...base, ...v });
const K = { party: "Kommun", unit: null }, AF = { party: "Arbetsförmedlingen", unit: null }, FK = { party: "Försäkringskassan", unit: null };
const R = (unit: string | null = null) => ({ party: "Region", unit });

/** The nine cases of Bilaga 6 (Höglandet 2024), shaped so the counts come out as printed there. */
const bilaga6: AnalysisCase[] = [
  [K, R("Psykiatri"), AF], [K, R("Psykiatri"), AF], [K, R("Psykiatri")], [K, R("Annan specialistvård"), AF],
  [K, R(), FK], [K, AF], [K], [K], [AF],
].map((concerned, i) => make({
  concerned,
  causes: i % 2 ? ["Otydlig ansvarsfördelning mellan parterna"] : ["Bristande kommunikation och/eller informationsutbyte", "Otydlig ansvarsfördelning mellan parterna"],
  consequences: ["Individer riskerar bli utan behovsanpassat stöd"],
  proposal: i === 0 ? "Förtydliga processbeskrivning för SE-Höglandet" : null,
  actionTaken: i < 2 ? "Dialog mellan berörda parter" : null,
}));

describe("analysen av ett års avvikelser", () => {
  it("när årets ärenden är Bilaga 6:s nio så blir sammanställningen densamma som i bilagan", () => {
    const a = analyse(bilaga6, [], "2024-12-31");
    expect(a.total).toBe(9);
    expect(a.bySeverity).toEqual({ allvarlig: 9, mindreAllvarlig: 0 });
    expect(a.byParty).toEqual({ Kommun: 8, Arbetsförmedlingen: 5, Region: 5, Försäkringskassan: 1 });
    expect(a.byUnit).toEqual({ Region: { Psykiatri: 3, "Annan specialistvård": 1 } });
    expect(partyLine("Region", a.byParty.Region, a.byUnit.Region)).toBe("Region 5 varav Psykiatri 3 och Annan specialistvård 1");
    expect(partyLine("Försäkringskassan", 1, undefined)).toBe("Försäkringskassan 1");
    expect(a.byCause).toEqual({ "Otydlig ansvarsfördelning mellan parterna": 9, "Bristande kommunikation och/eller informationsutbyte": 5 });
    expect(a.byConsequence).toEqual({ "Individer riskerar bli utan behovsanpassat stöd": 9 });
    expect(a.proposals).toEqual(["Förtydliga processbeskrivning för SE-Höglandet"]);
    expect(a.actions).toEqual(["Dialog mellan berörda parter", "Dialog mellan berörda parter"]);
  });

  it("när analysen blir JSON så har den exakt API:ts fält", () => {
    const json = analysisJson(analyse(bilaga6, bilaga6.slice(0, 6), "2024-12-31"));
    expect(Object.keys(json)).toEqual([
      "total", "bySeverity", "byParty", "byUnit", "byArea", "byCause", "byConsequence", "answeredWithinDeadline", "medianAnswerDays", "lifted", "previousYear",
    ]);
    expect(Object.keys(json.bySeverity)).toEqual(["allvarlig", "mindreAllvarlig"]);
    expect(json.previousYear).toBe(6);
  });

  it.each([
    ["två parter räknas en gång var", [make({ concerned: [K, AF] })], { Kommun: 1, Arbetsförmedlingen: 1 }, {}],
    ["samma part med två enheter räknas en gång för parten och en gång per enhet",
      [make({ concerned: [R("Psykiatri"), R("Primärvård")] })], { Region: 1 }, { Region: { Primärvård: 1, Psykiatri: 1 } }],
    ["samma part och enhet två gånger räknas en gång", [make({ concerned: [R("Psykiatri"), R("Psykiatri")] })], { Region: 1 }, { Region: { Psykiatri: 1 } }],
    ["små antal visas", [make({ concerned: [FK] })], { Försäkringskassan: 1 }, {}],
    ["inga parter", [make({ concerned: [] })], {}, {}],
  ])("när %s så stämmer parter och enheter", (_what, cases, byParty, byUnit) => {
    const a = analyse(cases, [], "2024-12-31");
    expect(a.byParty).toEqual(byParty);
    expect(a.byUnit).toEqual(byUnit);
  });

  it("när ett ärende är avvisat så räknas det inte som avvikelse men redovisas för sig", () => {
    const a = analyse([make({ concerned: [K] }), make({ status: "avvisad", concerned: [K] })], [make({ status: "avvisad" })], "2024-12-31");
    expect(a.total).toBe(1);
    expect(a.rejected).toBe(1);
    expect(a.byParty).toEqual({ Kommun: 1 });
    expect(a.previousYear).toBe(0);
  });

  it("när ärendena har olika allvarlighet, frekvens, kommunområde och lyft så räknas varje sak för sig", () => {
    const a = analyse([
      make({ severity: "mindre_allvarlig", frequency: "aterkommande", area: "Nässjö", lifted: true }),
      make({ frequency: "forsta_gangen", area: null }),
      make({ frequency: "aterkommande", area: "Nässjö" }),
    ], [make({}), make({})], "2024-12-31");
    expect(a.bySeverity).toEqual({ allvarlig: 2, mindreAllvarlig: 1 });
    expect(a.byFrequency).toEqual({ forstaGangen: 1, hantForut: 0, aterkommande: 2, okand: 0 });
    expect(a.byArea).toEqual({ Nässjö: 2, "Okänt kommunområde": 1 });
    expect(a.lifted).toBe(1);
    expect(a.previousYear).toBe(2);
  });

  it.each([
    ["inga begärda svar", [], "2024-06-01", null, null, 0],
    ["ett svar i tid", [{ requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: "2024-03-11" }], "2024-06-01", 1, 10, 1],
    ["ett svar sista dagen", [{ requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: "2024-04-30" }], "2024-06-01", 1, 60, 1],
    ["ett sent svar", [{ requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: "2024-05-10" }], "2024-06-01", 0, 70, 1],
    ["obesvarat efter sista dagen", [{ requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: null }], "2024-05-01", 0, null, 1],
    ["obesvarat före sista dagen räknas inte än", [{ requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: null }], "2024-04-30", null, null, 0],
    ["blandat", [
      { requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: "2024-03-11" },
      { requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: "2024-05-10" },
      { requestedOn: "2024-03-01", deadline: "2024-04-30", answeredOn: null },
      { requestedOn: "2024-05-01", deadline: "2024-06-30", answeredOn: null },
    ], "2024-06-01", 1 / 3, 40, 3],
  ])("när det finns %s så blir andelen i tid och mediantiden rätt (i dag enligt klockan)", (_what, requests, today, share, med, due) => {
    const a = analyse([make({ requests })], [], today);
    expect(a.answeredWithinDeadline).toBe(share);
    expect(a.medianAnswerDays).toBe(med);
    expect(a.requestsDue).toBe(due);
  });

  it.each([[[], null], [[5], 5], [[3, 1], 2], [[7, 1, 3], 3], [[1, 2, 3, 10], 2.5]])("när värdena är %j så är medianen %s", (values, want) => {
    expect(median(values)).toBe(want);
  });

  it("när året saknar ärenden så blir allt noll och sidan säger det", () => {
    const a = analyse([], [], "2024-12-31");
    expect(analysisJson(a)).toEqual({
      total: 0, bySeverity: { allvarlig: 0, mindreAllvarlig: 0 }, byParty: {}, byUnit: {}, byArea: {}, byCause: {}, byConsequence: {},
      answeredWithinDeadline: null, medianAnswerDays: null, lifted: 0, previousYear: 0,
    });
    expect(analysisPage(a, 2024).trend).toBe("Inga avvikelser rapporterades något av åren.");
  });

  it.each([[9, 6, "3 fler än 2023 (6)."], [4, 6, "2 färre än 2023 (6)."], [6, 6, "Lika många som 2023 (6)."]])(
    "när året har %i ärenden och året innan %i så säger trenden ”%s”", (now, before, want) => {
      const a = analyse(Array.from({ length: now }, () => make({})), Array.from({ length: before }, () => make({})), "2024-12-31");
      expect(analysisPage(a, 2024).trend).toBe(want);
    });

  it("när ärendena är slumpade så stämmer räkningen med en enkel referens", () => {
    const parties = ["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan"];
    const caseArb = fc.record({
      severity: fc.constantFrom("allvarlig" as const, "mindre_allvarlig" as const),
      status: fc.constantFrom("ny" as const, "avslutad" as const, "avvisad" as const),
      concerned: fc.array(fc.record({ party: fc.constantFrom(...parties), unit: fc.constantFrom(null, "A", "B") }), { maxLength: 5 }),
    }).map((v) => make(v));
    fc.assert(fc.property(fc.array(caseArb, { maxLength: 30 }), (cases) => {
      const a = analyse(cases, [], "2024-12-31");
      const counted = cases.filter((c) => c.status !== "avvisad");
      if (a.total !== counted.length || a.bySeverity.allvarlig + a.bySeverity.mindreAllvarlig !== a.total) return false;
      for (const p of parties) {
        const naive = counted.filter((c) => c.concerned.some((x) => x.party === p)).length;
        if ((a.byParty[p] ?? 0) !== naive) return false;
        for (const u of ["A", "B"]) {
          const naiveUnit = counted.filter((c) => c.concerned.some((x) => x.party === p && x.unit === u)).length;
          if ((a.byUnit[p]?.[u] ?? 0) !== naiveUnit) return false;
        }
      }
      return true;
    }));
  });
});

describe("förslag och åtgärder i sammanställningen", () => {
  it("när nio ärenden har samma förslag så står det en gång med antalet, oavsett skiftläge, mellanslag och punkt", () => {
    const texts = [...Array(7).fill("Tydliggör processen"), "tydliggör  processen.", " Tydliggör processen ", "Ökad kunskap om SIP", ""];
    expect(groupTexts(texts)).toEqual([{ text: "Tydliggör processen", cases: 9 }, { text: "Ökad kunskap om SIP", cases: 1 }]);
  });

  it("när analyssidan visas så har varje förslag sitt antal och personuppgifter är maskerade", () => {
    const a = analyse([...Array(3)].map(() => make({ proposal: "Tydliggör processen", actionTaken: "Ring 070-123 45 67" })), [], "2024-12-31");
    const page = analysisPage(a, 2024);
    expect(page.proposals).toEqual([{ text: "Tydliggör processen", cases: 3 }]);
    expect(page.actions[0].cases).toBe(3);
    expect(page.actions[0].text).not.toContain("070-123 45 67");
  });

  it("när texterna är slumpade så är summan av grupperna antalet icke-tomma texter", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("A", "a.", " a ", "B", "b", "", "C!")), (texts) => {
      expect(groupTexts(texts).reduce((n, g) => n + g.cases, 0)).toBe(texts.filter((t) => t.trim()).length);
    }));
  });
});
