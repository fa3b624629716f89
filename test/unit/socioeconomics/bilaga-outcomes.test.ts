/** The Statistik bilaga's outcome tables (issues 16 and 19): by gender, by reason, by age, a förbund total row, strukturövergripande apart. */
import { describe, expect, it } from "vitest";
import { statistikBilaga } from "../../../server/socioeconomics/bilaga.js";
import { DEFAULT_SCHABLON, effectRow } from "../../../server/socioeconomics/socioeconomics.pure.js";
import { completeCounts, finishedSplit, summarise, workOrStudiesSplit, type ReportCounts } from "../../../server/interventionreports/outcomes.pure.js";
import { attendanceGoal } from "../../../server/goals/report-metrics.pure.js";
import type { Statistik, StatistikRow } from "../../../server/socioeconomics/service.js";

const s = (women: number, men: number, other = 0) => ({ women, men, other });

function row(name: string, c: ReportCounts, funding: number | null, kind: StatistikRow["kind"] = "individinriktad"): StatistikRow {
  const sum = summarise(c);
  return {
    id: name, name, kind, reported: true, counts: completeCounts(c), participants: sum.participants, participantsByGender: c.participants,
    newParticipants: sum.newParticipants, finished: sum.finished, finishedByGender: finishedSplit(c),
    finishedByOutcome: { arbete: sum.arbete, studier: sum.studier, annat: sum.annat }, toWorkOrStudiesByGender: workOrStudiesSplit(c),
    shareToWorkOrStudies: sum.shareToWorkOrStudies, efterstod: sum.efterstod,
    ...(kind === "individinriktad" ? effectRow(sum.toWorkOrStudies, funding, DEFAULT_SCHABLON) : { toWorkOrStudies: 0, socioeconomicEffect: null, funding, difference: null }),
  };
}

// 002 Bilaga 3 SE-Höglandet 2024 (by gender), and 004's Samverkansteamet 2023 reasons (gender split ours).
const se: ReportCounts = { participants: s(95, 125), newParticipants: s(30, 41), finished: { arbete: s(17, 23), studier: s(2, 0), annat: s(13, 19) }, efterstod: s(21, 25) };
const team: ReportCounts = {
  participants: s(40, 36), newParticipants: s(28, 11), finishedTotal: s(17, 14),
  finished: { arbete: s(1, 1), studier: s(1, 0), rehabilitering: s(3, 3), sjukdom: s(4, 3), egen_begaran: s(3, 3), ater_remittent: s(4, 4), annat: s(1, 0) },
  ages: { "19-24": s(20, 20), "30-39": s(20, 16) }, averageMonths: 6, efterstod: s(0, 0),
};
const uppdrag: StatistikRow = { ...row("Uppdrag samverkan", { participants: s(0, 0), newParticipants: s(0, 0), finished: { arbete: s(0, 0), studier: s(0, 0), annat: s(0, 0) }, efterstod: s(0, 0) }, 1_800_000, "strukturovergripande"), reported: false };

const statistik: Statistik = {
  year: 2024, forbundName: "Höglandets samordningsförbund", schablon: { ...DEFAULT_SCHABLON }, schablonIsDefault: true,
  rows: [row("SE-Höglandet", se, 3_975_750), row("Samverkansteamet", team, 1_000_000), uppdrag],
  attendance: { year: 2024, groups: [], goal: attendanceGoal([]), goalId: null },
};
const model = statistikBilaga(statistik);
const table = (caption: string) => model.sections.flatMap((x) => x.tables).find((t) => t.caption.startsWith(caption))!;

describe("Statistik-bilagans utfallstabeller", () => {
  it("när två insatser rapporterat så har deltagartabellen en rad Förbundet totalt: 296 deltagare, 45 av 105 till arbete eller studier", () => {
    const total = table("Deltagare och avslutade per insats").rows.at(-1)!;
    expect(total.slice(0, 10)).toEqual(["Förbundet totalt", 296, 135, 161, 0, 105, 42, 3, 60, 45]);
    expect(total[10]).toBeCloseTo(45 / 105, 12);
  });

  it("när utfallen delas per kön så får varje insats och förbundet en rad per kön (002: SE-Höglandet kvinnor 19 av 32)", () => {
    const rows = table("Deltagare och avslutade per kön").rows;
    // No row of zeros for annat/okänt kön where nobody is counted in it.
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[1])).not.toContain("Annat/okänt");
    expect(rows[0].slice(0, 6)).toEqual(["SE-Höglandet", "Kvinnor", 95, 30, 32, 19]);
    expect(rows[1].slice(0, 6)).toEqual(["SE-Höglandet", "Män", 125, 41, 42, 23]);
    expect(rows[4].slice(0, 6)).toEqual(["Förbundet totalt", "Kvinnor", 135, 58, 49, 21]);
  });

  it("när avslut redovisas per orsak så är 004:s sju orsaker med, och summan av orsakerna är de avslutade", () => {
    const t = table("Avslutade per orsak");
    expect(t.head).toEqual(["Insats", "Avslutade", "Arbete", "Studier", "Arb.livsinr. rehab.", "Sjukdom", "Egen begäran", "Åter till remittent", "Annat skäl", "Tid i insatsen (mån)"]);
    expect(t.rows[1]).toEqual(["Samverkansteamet", 31, 2, 1, 6, 7, 6, 8, 1, 6]);
    for (const r of t.rows) expect((r.slice(2, 9) as number[]).reduce((a, b) => a + b, 0)).toBe(r[1]);
    expect(table("Deltagare per åldersgrupp").rows).toEqual([["Samverkansteamet", 0, 40, 0, 36, 0, 0, 76]]);
  });

  it("när en strukturövergripande insats har medel så står den utanför effekttabellen, med medlen för sig", () => {
    const effect = table("Socioekonomisk effekt 2024 per insats");
    expect(effect.rows.map((r) => r[0])).toEqual(["SE-Höglandet", "Samverkansteamet", "Förbundet totalt"]);
    expect(effect.rows.at(-1)).toEqual(["Förbundet totalt", 45, 45 * 194_400, 4_975_750, 45 * 194_400 - 4_975_750]);
    expect(table("Strukturövergripande insatser 2024").rows).toEqual([["Uppdrag samverkan", 1_800_000]]);
  });
});
