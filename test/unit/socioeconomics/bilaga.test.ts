/**
 * The Statistik bilaga (socioeconomics/bilaga.ts) goes through the renderers of every bilaga
 * (reports/render/): the same figures in HTML, CSV, Word and Excel, in Swedish form, formula-safe.
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { statistikBilaga } from "../../../server/socioeconomics/bilaga.js";
import { DEFAULT_SCHABLON, effectRow } from "../../../server/socioeconomics/socioeconomics.pure.js";
import type { Statistik, StatistikRow } from "../../../server/socioeconomics/service.js";
import { groupAttendance, type MeetingRecord } from "../../../server/attendance/attendance.pure.js";
import { attendanceGoal } from "../../../server/goals/report-metrics.pure.js";
import { formatCell } from "../../../server/reports/render/cells.js";
import { renderCsv } from "../../../server/reports/render/csv.js";
import { renderDocx } from "../../../server/reports/render/docx.js";
import { renderHtml } from "../../../server/reports/render/html.js";
import { renderXlsx } from "../../../server/reports/render/xlsx.js";

const thin = "\u202F";
const split = (women: number, men: number) => ({ women, men, other: 0 });

function row(name: string, finished: { arbete: number; studier: number; annat: number }, funding: number | null): StatistikRow {
  const toWork = finished.arbete + finished.studier, all = toWork + finished.annat;
  return {
    id: name, name, reported: true, participants: 10 + all, participantsByGender: split(5 + all, 5), newParticipants: 4, finished: all,
    finishedByGender: split(all, 0), finishedByOutcome: finished, toWorkOrStudiesByGender: split(toWork, 0),
    shareToWorkOrStudies: all ? toWork / all : null, efterstod: 1, ...effectRow(toWork, funding, DEFAULT_SCHABLON),
  };
}

const meetings: MeetingRecord[] = [
  { attendance: [{ partyId: "k", status: "ordinarie" }, { partyId: "r", status: "ersattare" }] },
  { attendance: [{ partyId: "k", status: "ordinarie" }, { partyId: "r", status: "franvarande" }] },
];
const styrelse = { groupId: "s", name: "Styrelse", partyNames: { k: "Kommun", r: "Region" }, ...groupAttendance(meetings, ["k", "r"]) };

/** 002's two insatser of 2024, and one whose name starts as a formula. */
const statistik: Statistik = {
  year: 2024, forbundName: "Höglandets samordningsförbund", schablon: { ...DEFAULT_SCHABLON }, schablonIsDefault: true,
  rows: [
    row("SE-Höglandet", { arbete: 40, studier: 2, annat: 32 }, 3_975_750),
    row("IT-spåret", { arbete: 2, studier: 0, annat: 2 }, 2_400_000),
    row("=HYPERLINK(\"http://ond.example\")", { arbete: 0, studier: 0, annat: 0 }, null),
  ],
  attendance: { year: 2024, groups: [{ ...styrelse, kind: "styrelse", areaId: null }], goal: attendanceGoal([styrelse]), goalId: null },
};
const model = statistikBilaga(statistik);

describe("Statistik-bilagan genom bilagornas renderare", () => {
  it("när en cell skrivs ut så blir den svensk: tunt mellanrum, riktigt minustecken, procent och streck för saknat", () => {
    expect(formatCell(-2_011_200, "kronor")).toBe(`\u22122${thin}011${thin}200`);
    expect(formatCell(42 / 74, "percent")).toBe("57\u00A0%");
    expect(formatCell(null, "kronor")).toBe("\u2013");
  });

  it("när bilagan blir HTML så har den svenska, en h1, rubriker med scope, siffror till höger och escapad text", () => {
    const html = renderHtml(model);
    expect(html).toContain('<html lang="sv">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain("<caption>Socioekonomisk effekt 2024 per insats (kronor)</caption>");
    expect(html).toContain('<th scope="row">IT-spåret</th>');
    expect(html).toContain(`<td class="num">4${thin}189${thin}050</td>`);
    expect(html).toContain(`<td class="num">\u22122${thin}011${thin}200</td>`);
    expect(html).toContain("=HYPERLINK(&quot;http://ond.example&quot;)");
    expect(html).toContain("Många argument kan ställas mot denna typ av schablonisering");
    expect(html).not.toContain("<script");
  });

  it("när bilagan blir CSV så är talen råa för kalkylbladet, med semikolon, BOM och skydd mot formler", () => {
    const csv = renderCsv(model);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    const effect = lines.indexOf("Socioekonomisk effekt 2024 per insats (kronor)");
    expect(lines[effect + 1]).toBe("Insats;Avslutade deltagare till arbete/studier;Ekonomisk effekt totalt per år;Medel till insatsen;Differens");
    expect(lines[effect + 2]).toBe("SE-Höglandet;42;8164800;3975750;4189050");
    expect(lines[effect + 3]).toBe("IT-spåret;2;388800;2400000;-2011200");
    expect(lines[effect + 4]).toBe(`"'=HYPERLINK(""http://ond.example"")";0;0;;`);
    expect(csv).toContain("SE-Höglandet;84;79;5;0;74;40;2;32;42;56,8;1");
  });

  it("när bilagan blir Word så är texten och siffrorna med", async () => {
    const docx = await renderDocx(model);
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Socioekonomisk effekt 2024");
    expect(xml).toContain(`4${thin}189${thin}050`);
    expect(xml).toContain("Många argument kan ställas mot denna typ av schablonisering");
  });

  it("när bilagan blir Excel så är talen tal, varje tabell ett blad, och texterna och förbehållen står kvar", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Om bilagan", "Deltagare och avslutade per", "Socioekonomisk effekt 2024", "Schablon 2024 per person", "Närvaro per grupp 2024 möten"]);
    const values: unknown[][] = [];
    wb.getWorksheet("Socioekonomisk effekt 2024")!.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["SE-Höglandet", 42, 8_164_800, 3_975_750, 4_189_050]);
    expect(values).toContainEqual(["IT-spåret", 2, 388_800, 2_400_000, -2_011_200]);
    expect(values).toContainEqual(["'=HYPERLINK(\"http://ond.example\")", 0, 0]);
    expect(values.flat().some((v) => String(v).startsWith("Många argument kan ställas"))).toBe(true);
  });
});
