/**
 * Every workbook Samspår writes is formula-safe (issue 12, finding 5): exceljs stores a JS string as a
 * text cell, which Excel does not evaluate on opening — but a person who edits the cell (F2, Enter)
 * makes Excel read it again, and "=HYPERLINK(…)" then becomes a live formula. So a text that starts
 * with =, +, -, @, tab or CR is written with a leading ' (the convention of the reports' CSV and XLSX).
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { blankDraft } from "../../surveys/edit.js";
import { textsWorkbook, readTextsWorkbook } from "../../server/questionnaires/xlsx.js";
import { renderXlsx as reportXlsx } from "../../server/reports/render/xlsx.js";
import { statistikBilaga } from "../../server/socioeconomics/bilaga.js";
import { DEFAULT_SCHABLON } from "../../server/socioeconomics/socioeconomics.pure.js";
import { attendanceGoal } from "../../server/goals/report-metrics.pure.js";
import type { Statistik } from "../../server/socioeconomics/service.js";
import type { ReportModel } from "../../server/reports/model.js";

const DANGER = ["=HYPERLINK(\"http://ond.example\",\"Klicka\")", "+46 70 123", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"];

/** Every string cell of every sheet of a workbook. */
async function texts(file: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    const v = cell.value;
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object" && "richText" in v) out.push(v.richText.map((r) => r.text).join(""));
    else if (v && typeof v === "object" && "formula" in v) out.push(`FORMEL ${String(v.formula)}`);
  })));
  return out;
}
const unsafe = (cells: string[]) => cells.filter((c) => /^[=+\-@\t\r]/.test(c) || c.startsWith("FORMEL"));

const model: ReportModel = {
  title: DANGER[0], subtitle: DANGER[1],
  sections: [{
    heading: DANGER[2], paragraphs: [DANGER[3]], notes: [DANGER[4]],
    tables: [{ caption: DANGER[5], head: [DANGER[0], "Antal"], rows: [[DANGER[1], 3], ["-", 4]] }],
  }],
  rules: [DANGER[2]],
};

describe("formler i kalkylblad", () => {
  it("när enkätens texter laddas ner som texter.xlsx så är ingen cell en formel, och inläsningen ger tillbaka texterna oförändrade", async () => {
    const d = blankDraft("farlig", DANGER[0], "personal");
    d.languages = ["sv", "en"];
    d.title.en = DANGER[1];
    d.intro = { sv: DANGER[2], en: DANGER[4] };
    const file = await textsWorkbook(d);
    expect(unsafe(await texts(file))).toEqual([]);
    const read = await readTextsWorkbook(file);
    expect(read.ok && read.byLanguage.en.title).toBe(DANGER[1]);
    expect(read.ok && read.byLanguage.en.intro).toBe(DANGER[4]);
  });

  it("när en bilaga skrivs som Excel så är ingen cell en formel, rubriker och tabellhuvuden medräknade", async () => {
    expect(unsafe(await texts(await reportXlsx(model)))).toEqual([]);
  });

  it("när Statistik-bilagan skrivs som Excel så är ingen cell en formel, inte heller en insats med ett formelnamn", async () => {
    const zero = { women: 0, men: 0, other: 0 };
    const statistik: Statistik = {
      year: 2024, forbundName: DANGER[1], schablon: { ...DEFAULT_SCHABLON }, schablonIsDefault: true,
      rows: DANGER.map((name) => ({
        id: name, name, reported: true, participants: 1, participantsByGender: zero, newParticipants: 0, finished: 0, finishedByGender: zero,
        finishedByOutcome: { arbete: 0, studier: 0, annat: 0 }, toWorkOrStudies: 0, toWorkOrStudiesByGender: zero, shareToWorkOrStudies: null,
        efterstod: 0, socioeconomicEffect: 0, funding: null, difference: null,
      })),
      attendance: { year: 2024, groups: [], goal: attendanceGoal([]), goalId: null },
    };
    expect(unsafe(await texts(await reportXlsx(statistikBilaga(statistik))))).toEqual([]);
  });
});
