import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCounts, pickYearReports, sumCounts, summarise, total, yearFigures, zeroCounts, type GenderSplit, type ReportCounts,
} from "../../../server/interventionreports/outcomes.pure.js";
import { workOrStudiesGoal } from "../../../server/goals/report-metrics.pure.js";
import { formatPercent } from "../../../server/results/format.js";

const s = (women: number, men: number, other = 0): GenderSplit => ({ women, men, other });

// 002 Bilaga 3, Helårsrapport SE Höglandet 2024.
const seHoglandet2024: ReportCounts = {
  participants: s(95, 125),
  newParticipants: s(30, 41),
  finished: { arbete: s(17, 23), studier: s(2, 0), annat: s(13, 19) },
  efterstod: s(21, 25),
};

describe("utfall i en insatsrapport", () => {
  it("när SE-Höglandets helårsrapport 2024 summeras så blir det 220 deltagare och 42 av 74 (57 %) till arbete eller studier", () => {
    const r = summarise(seHoglandet2024);
    expect(r).toMatchObject({ participants: 220, finished: 74, arbete: 40, studier: 2, annat: 32, toWorkOrStudies: 42, efterstod: 46 });
    expect(r.shareToWorkOrStudies).toBeCloseTo(42 / 74, 12);
    expect(formatPercent(r.shareToWorkOrStudies)).toBe("57\u00A0%");
    expect(r.shareToWorkOrStudies! >= 0.35).toBe(true); // SE-Höglandet's goal: 35 %
  });

  it("när ingen har avslutats så finns ingen andel", () => {
    expect(summarise({ ...zeroCounts(), participants: s(3, 4) }).shareToWorkOrStudies).toBeNull();
  });

  it("när kommunområdenas rapporter läggs ihop så blir det insatsens siffror, fält för fält", () => {
    const aneby: ReportCounts = { participants: s(10, 12, 1), newParticipants: s(2, 3), finished: { arbete: s(2, 3), studier: s(1, 0), annat: s(1, 2) }, efterstod: s(2, 2) };
    const rest: ReportCounts = {
      participants: s(85, 113, 0), newParticipants: s(28, 38), finished: { arbete: s(15, 20), studier: s(1, 0), annat: s(12, 17) }, efterstod: s(19, 23),
    };
    const sum = sumCounts([aneby, rest]);
    expect(sum.participants).toEqual(s(95, 125, 1));
    expect(summarise(sum)).toMatchObject({ participants: 221, finished: 74, toWorkOrStudies: 42, efterstod: 46 });
  });

  it("när slumpade rapporter läggs ihop så är summans totaler summan av totalerna", () => {
    const n = fc.nat({ max: 500 });
    const split = fc.record({ women: n, men: n, other: n });
    const counts = fc.record({
      participants: split, newParticipants: split, finished: fc.record({ arbete: split, studier: split, annat: split }), efterstod: split,
    });
    fc.assert(fc.property(fc.array(counts, { maxLength: 8 }), (list) => {
      const whole = summarise(sumCounts(list));
      const parts = list.map(summarise);
      for (const k of ["participants", "finished", "arbete", "studier", "annat", "toWorkOrStudies", "efterstod"] as const) {
        expect(whole[k]).toBe(parts.reduce((a, p) => a + p[k], 0));
      }
      expect(whole.participants).toBe(list.reduce((a, c) => a + total(c.participants), 0));
    }));
  });
});

describe("kontroller av antalen", () => {
  it("när antalen går ihop så finns inga fel", () => {
    expect(checkCounts(seHoglandet2024)).toEqual([]);
  });

  it("när fler har avslutats än som deltog så sägs det på svenska vid rätt fält, per kön", () => {
    expect(checkCounts({ ...seHoglandet2024, participants: s(30, 125) })).toEqual([
      { path: "finished.arbete.women", message: "Avslutade kvinnor (32) kan inte vara fler än deltagande kvinnor (30)." },
    ]);
    expect(checkCounts({ ...seHoglandet2024, participants: s(95, 41) }).map((i) => i.path)).toEqual(["finished.arbete.men"]);
  });

  it("när fler är nya än som deltog så sägs det också", () => {
    const issues = checkCounts({ ...zeroCounts(), participants: s(1, 1, 0), newParticipants: s(1, 2, 0) });
    expect(issues).toEqual([{ path: "newParticipants.men", message: "Nya deltagare män (2) kan inte vara fler än deltagande män (1)." }]);
  });
});

describe("vilka rapporter som blir årets siffror", () => {
  const base = { interventionId: "se", areaId: null as string | null, counts: zeroCounts() };
  const withParticipants = (n: number): ReportCounts => ({ ...zeroCounts(), participants: s(n, 0) });

  it("när det finns både delår och helår så gäller helåret, och delår läggs aldrig ihop", () => {
    const h1 = { ...base, periodStart: "2024-01-01", periodEnd: "2024-06-30", counts: withParticipants(100) };
    const helar = { ...base, periodStart: "2024-01-01", periodEnd: "2024-12-31", counts: withParticipants(150) };
    const h2 = { ...base, periodStart: "2024-07-01", periodEnd: "2024-12-31", counts: withParticipants(120) };
    expect(pickYearReports([h1, helar, h2])).toEqual([helar]);
    expect(pickYearReports([h1, { ...base, periodStart: "2024-01-01", periodEnd: "2024-08-31", counts: withParticipants(110) }])[0].periodEnd).toBe("2024-08-31");
  });

  it("när insatsen bara har kommunområdesrapporter så läggs de ihop; har den en egen så gäller den, och avvikelse flaggas", () => {
    const year = { periodStart: "2024-01-01", periodEnd: "2024-12-31" };
    const a = { ...base, ...year, areaId: "aneby", counts: withParticipants(20) };
    const b = { ...base, ...year, areaId: "eksjo", counts: withParticipants(30) };
    expect(yearFigures([a, b])).toEqual([{ interventionId: "se", counts: sumCounts([a.counts, b.counts]), source: "kommunomraden", reports: 2, areaSumDiffers: false }]);
    const own = { ...base, ...year, counts: withParticipants(50) };
    expect(yearFigures([a, b, own])[0]).toMatchObject({ source: "insats", reports: 1, areaSumDiffers: false });
    expect(yearFigures([a, own])[0]).toMatchObject({ source: "insats", areaSumDiffers: true });
    expect(summarise(yearFigures([a, b, own])[0].counts).participants).toBe(50);
  });
});

describe("målet: andel avslutade till arbete eller studier", () => {
  const nbsp = "\u00A0";
  const goal35 = { comparison: ">=" as const, threshold: 0.35 };
  const own = (counts: ReportCounts) => ({ counts, source: "insats" as const, reports: 1 });

  it("när SE-Höglandet 2024 har 40 till arbete och 2 till studier av 74 avslutade så är 57 % ≥ 35 % Uppfyllt, med regeln och siffrorna", () => {
    const e = workOrStudiesGoal(own(seHoglandet2024), goal35, 2024);
    expect(e.verdict).toBe("uppfyllt");
    expect(e.label).toBe("Uppfyllt");
    expect(e.value).toBeCloseTo(42 / 74, 12);
    expect(e.threshold).toBe(0.35);
    expect(e.ruleText).toBe(`Andel avslutade deltagare till arbete eller studier ≥ 35${nbsp}% enligt insatsrapporten`);
    expect(e.figuresText).toBe(`42 av 74 avslutade till arbete (40) eller studier (2): 57${nbsp}%`);
  });

  it("när gränsen i stället är 60 % så är samma rapport Ej uppfyllt", () => {
    const e = workOrStudiesGoal(own(seHoglandet2024), { comparison: ">=", threshold: 0.6 }, 2024);
    expect(e.verdict).toBe("ej_uppfyllt");
    expect(e.value).toBeCloseTo(42 / 74, 12);
  });

  it("när andelen är exakt 35 % så är ≥ 35 % uppfyllt men inte > 35 %", () => {
    const c: ReportCounts = { ...zeroCounts(), participants: s(10, 10), finished: { arbete: s(3, 4), studier: s(0, 0), annat: s(6, 7) } };
    expect(workOrStudiesGoal(own(c), goal35, 2024).verdict).toBe("uppfyllt");
    expect(workOrStudiesGoal(own(c), { comparison: ">", threshold: 0.35 }, 2024).verdict).toBe("ej_uppfyllt");
  });

  it("när avrundningen skulle visa 35 % fast målet missas så skrivs fler decimaler", () => {
    // 349 of 1000 = 34,9 % — shown as "35 %" it would look met
    const c: ReportCounts = { ...zeroCounts(), participants: s(1000, 0), finished: { arbete: s(349, 0), studier: s(0, 0), annat: s(651, 0) } };
    const e = workOrStudiesGoal(own(c), goal35, 2024);
    expect(e.verdict).toBe("ej_uppfyllt");
    expect(e.figuresText).toContain(`34,9${nbsp}%`);
  });

  it("när insatsen saknar rapport för året eller ingen har avslutats så saknas underlag och skälet skrivs ut", () => {
    const none = workOrStudiesGoal(undefined, goal35, 2024);
    expect(none).toMatchObject({ verdict: "underlag_saknas", label: "Underlag saknas", value: null, figuresText: "Ingen insatsrapport för 2024" });
    const nobody = workOrStudiesGoal(own({ ...zeroCounts(), participants: s(3, 4) }), goal35, 2024);
    expect(nobody).toMatchObject({ verdict: "underlag_saknas", value: null, figuresText: "Ingen deltagare avslutad enligt rapporten för 2024" });
  });

  it("när siffran är kommunområdenas rapporter ihoplagda så står det vid siffrorna", () => {
    const e = workOrStudiesGoal({ counts: seHoglandet2024, source: "kommunomraden", reports: 3 }, goal35, 2024);
    expect(e.figuresText).toBe(`42 av 74 avslutade till arbete (40) eller studier (2): 57${nbsp}% (summan av 3 kommunområdens rapporter)`);
  });

  it("när rapporterna är slumpade så följer domen den exakta andelen", () => {
    fc.assert(fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.integer({ min: 0, max: 100 }), (arbete, studier, annat, pct) => {
      const c: ReportCounts = { ...zeroCounts(), participants: s(arbete + studier + annat, 0), finished: { arbete: s(arbete, 0), studier: s(studier, 0), annat: s(annat, 0) } };
      const e = workOrStudiesGoal(own(c), { comparison: ">=", threshold: pct / 100 }, 2024);
      const finished = arbete + studier + annat;
      const expected = !finished ? "for_fa_svar" : (arbete + studier) / finished >= pct / 100 ? "uppfyllt" : "ej_uppfyllt";
      expect(e.verdict).toBe(expected);
    }));
  });
});
