import { describe, expect, it } from "vitest";
import {
  checkCounts, completeCounts, sumCounts, summarise, workOrStudiesReasons, zeroCounts, type GenderSplit, type ReportCounts,
} from "../../../server/interventionreports/outcomes.pure.js";

const s = (women: number, men: number, other = 0): GenderSplit => ({ women, men, other });

// 004 Bilaga 2, Samverkansteamet 2023: 31 avslutade = arbete 2, studier 1, arb.rehab 6, sjukdom 7,
// egen begäran 6, åter till remittent 8, annat skäl 1 (the table; the split by gender is ours, for the test).
const samverkansteamet2023: ReportCounts = {
  participants: s(40, 36), newParticipants: s(28, 11),
  finishedTotal: s(17, 14),
  finished: {
    arbete: s(1, 1), studier: s(1, 0), rehabilitering: s(3, 3), sjukdom: s(4, 3), egen_begaran: s(3, 3), ater_remittent: s(4, 4), annat: s(1, 0),
  },
  ages: { "16-18": s(0, 1), "19-24": s(8, 9), "25-29": s(7, 6), "30-39": s(10, 8), "40-49": s(9, 7), "50-65": s(6, 5) },
  averageMonths: 7.5, referrals: { region: 35, forsakringskassan: 25, kommun: 6, arbetsformedlingen: 4 }, aterremisser: 18,
  efterstod: s(0, 0),
};

describe("avslut per orsak, ålder och remisser (issue 19)", () => {
  it("när 004:s tabell för Samverkansteamet 2023 summeras så är 31 avslutade och 3 (10 %) till arbete eller studier", () => {
    expect(checkCounts(samverkansteamet2023)).toEqual([]);
    const r = summarise(samverkansteamet2023);
    expect(r).toMatchObject({
      participants: 76, finished: 31, arbete: 2, studier: 1, rehabilitering: 6, sjukdom: 7, egen_begaran: 6, ater_remittent: 8, annat: 1,
      toWorkOrStudies: 3, referrals: 70, aterremisser: 18, averageMonths: 7.5,
    });
    expect(r.shareToWorkOrStudies).toBeCloseTo(3 / 31, 12);
    expect(workOrStudiesReasons).toEqual(["arbete", "studier"]);
  });

  it("när orsakerna inte summerar till avslutade så namnger meddelandet cellen, per kön", () => {
    const c = { ...samverkansteamet2023, finishedTotal: s(18, 14) };
    expect(checkCounts(c)).toEqual([
      { path: "finished.arbete.women", message: "Avslutade kvinnor per orsak summerar till 17, men Avslutade kvinnor är 18." },
    ]);
  });

  it("när avslutade är fler än deltagarna så sägs det vid Avslutade", () => {
    const c = { ...samverkansteamet2023, participants: s(16, 36) };
    expect(checkCounts(c)).toContainEqual({ path: "finishedTotal.women", message: "Avslutade kvinnor (17) kan inte vara fler än deltagande kvinnor (16)." });
  });

  it("när åldersgrupperna inte summerar till deltagarna så sägs det; utan åldersgrupper prövas de inte", () => {
    const c = { ...samverkansteamet2023, ages: { ...samverkansteamet2023.ages, "50-65": s(6, 4) } };
    expect(checkCounts(c)).toEqual([{ path: "ages.16-18.men", message: "Åldersgrupperna för män summerar till 35, men deltagande män är 36." }]);
    expect(checkCounts({ ...samverkansteamet2023, ages: undefined })).toEqual([]);
  });

  it("när en äldre rapport saknar de nya fälten så läses avslutade som summan av arbete, studier och annat, resten som 0", () => {
    const old: ReportCounts = { participants: s(95, 125), newParticipants: s(30, 41), finished: { arbete: s(17, 23), studier: s(2, 0), annat: s(13, 19) }, efterstod: s(21, 25) };
    const full = completeCounts(old);
    expect(full.finishedTotal).toEqual(s(32, 42));
    expect(full.finished.sjukdom).toEqual(s(0, 0));
    expect(full.ages["30-39"]).toEqual(s(0, 0));
    expect(full).toMatchObject({ averageMonths: null, aterremisser: 0, referrals: { kommun: 0, region: 0, arbetsformedlingen: 0, forsakringskassan: 0, annan: 0 } });
    expect(checkCounts(old)).toEqual([]);
  });

  it("när två rapporter läggs ihop så vägs tiden i insatsen med de avslutade, och en rapport utan tid räknas inte in", () => {
    const a: ReportCounts = { ...zeroCounts(), participants: s(10, 0), finished: { ...zeroCounts().finished, arbete: s(2, 0) }, averageMonths: 4 };
    const b: ReportCounts = { ...zeroCounts(), participants: s(10, 0), finished: { ...zeroCounts().finished, annat: s(6, 0) }, averageMonths: 8 };
    const c: ReportCounts = { ...zeroCounts(), participants: s(5, 0), finished: { ...zeroCounts().finished, annat: s(5, 0) } };
    expect(sumCounts([a, b, c]).averageMonths).toBe((2 * 4 + 6 * 8) / 8); // 7
    expect(sumCounts([c]).averageMonths).toBeNull();
  });
});
