import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { formatCell, renderCsv, renderDocx, renderHtml, renderXlsx } from "../../../server/socioeconomics/render.js";
import type { ReportModel } from "../../../server/socioeconomics/report.js";

const model: ReportModel = {
  title: "Statistik 2024",
  subtitle: "Höglandets samordningsförbund",
  sections: [{
    heading: "Socioekonomisk effekt 2024",
    paragraphs: ["Total ekonomisk effekt är 16 200 kr per person och månad."],
    tables: [{
      caption: "Socioekonomisk effekt 2024 per insats (kronor)",
      head: ["Insats", "Till arbete/studier", "Andel", "Effekt", "Medel", "Differens"],
      kinds: ["text", "integer", "percent", "kronor", "kronor", "kronor"],
      rows: [["IT-spåret", 2, 0.5, 388_800, 2_400_000, -2_011_200], ["SE-Höglandet", 42, 42 / 74, 8_164_800, 3_975_750, 4_189_050], ["=Ny <insats>", 0, null, 0, null, null]],
    }],
    notes: ["Många argument kan ställas mot denna typ av schablonisering."],
  }],
};

describe("bilagans renderare", () => {
  it("när en cell skrivs ut så blir den svensk: tunt mellanrum, riktigt minustecken, procent och streck för saknat", () => {
    expect(formatCell(-2_011_200, "kronor")).toBe("\u22122\u202F011\u202F200");
    expect(formatCell(42 / 74, "percent")).toBe("57\u00A0%");
    expect(formatCell(null, "kronor")).toBe("\u2013");
    expect(formatCell("SE-Höglandet", "text")).toBe("SE-Höglandet");
  });

  it("när bilagan blir HTML så har den svenska, en h1, rubriker med scope och escapad text", () => {
    const html = renderHtml(model);
    expect(html).toContain('<html lang="sv">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain("<caption>Socioekonomisk effekt 2024 per insats (kronor)</caption>");
    expect(html).toContain('<th scope="row">IT-spåret</th>');
    expect(html).toContain("<td>\u22122\u202F011\u202F200</td>");
    expect(html).toContain("=Ny &lt;insats&gt;");
    expect(html).not.toContain("<script");
  });

  it("när bilagan blir CSV så är talen råa för kalkylbladet, med semikolon, BOM och skydd mot formler", () => {
    const csv = renderCsv(model);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Socioekonomisk effekt 2024 per insats (kronor)");
    expect(lines[1]).toBe("Insats;Till arbete/studier;Andel (%);Effekt;Medel;Differens");
    expect(lines[2]).toBe("IT-spåret;2;50,0;388800;2400000;-2011200");
    expect(lines[3]).toBe("SE-Höglandet;42;56,8;8164800;3975750;4189050");
    expect(lines[4]).toBe("'=Ny <insats>;0;;0;;");
  });

  it("när bilagan blir Word och Excel så är det riktiga filer, och i Excel är talen tal", async () => {
    const docx = await renderDocx(model);
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await renderXlsx(model);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("Socioekonomisk effekt 2024");
    const values: unknown[][] = [];
    ws.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["SE-Höglandet", 42, 42 / 74, 8_164_800, 3_975_750, 4_189_050]);
    expect(values).toContainEqual(["IT-spåret", 2, 0.5, 388_800, 2_400_000, -2_011_200]);
  });
});
