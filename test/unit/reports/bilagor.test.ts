/** The bilagor's report models and the renderers: figures, suppression, Swedish formats, formula injection. */
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { findSurvey } from "../../../surveys/index.js";
import { questionsOf } from "../../../surveys/define.js";
import { SUPPRESSED_TEXT, suppressedResult, type QuestionResult } from "../../../server/results/threshold.js";
import type { ResultsWithGoals as Results } from "../../../server/goals/service.js";
import type { Analysis } from "../../../server/deviations/analysis.pure.js";
import { avvikelserBilaga, goalsTable, indikatorBilaga, samverkanBilaga } from "../../../server/reports/build.js";
import { renderCsv } from "../../../server/reports/render/csv.js";
import { renderHtml } from "../../../server/reports/render/html.js";
import { renderXlsx } from "../../../server/reports/render/xlsx.js";
import { renderDocx } from "../../../server/reports/render/docx.js";
import { formatPercent } from "../../../server/results/format.js";
import { formatCell } from "../../../server/reports/render/cells.js";
import { chartPng } from "../../../server/reports/render/chart.js";
import type { ReportModel } from "../../../server/reports/model.js";

const shown = (kind: QuestionResult["kind"], v: Partial<QuestionResult>): QuestionResult => ({
  kind, suppressed: false, n: 5, dontKnow: 0, counts: {}, mean: null, median: null, sharePositive: null, shareYes: null, options: null, ...v,
} as QuestionResult);

function samverkanResults(suppressAll = false): Results {
  const definition = findSurvey("samverkan-utvardering")!;
  const results: Record<string, QuestionResult> = {};
  for (const s of definition.sections) for (const q of s.questions) results[q.id] = suppressAll ? suppressedResult(q.kind) : suppressedResult(q.kind);
  if (!suppressAll) {
    results.q3 = shown("scale10", { n: 84, mean: 8.4, median: 8 });
    results.q6 = shown("yesno", { n: 84, shareYes: 0.94 });
  }
  return {
    k: 5, org: {} as Results["org"], previous: null, goals: [], texts: [], snapshot: { released: 84, waiting: 0, nextAfter: 5, invitationsWaiting: 0 }, responseRate: null,
    view: {
      year: 2026, questionnaireId: "samverkan-utvardering", definition, n: suppressAll ? 3 : 84, partial: 17, results, answered: new Map(),
      collections: [{ name: "Samverkan 2026", opensOn: "2026-09-01", closesOn: "2026-09-30" } as Results["view"]["collections"][number]],
    },
  };
}

describe("rapportmodellerna", () => {
  it("när utvärderingen av samverkan byggs så står antalet svar och varje frågas siffror, och en dold fråga har texten i varje cell", () => {
    const m = samverkanBilaga("Förbundet", 2026, 5, samverkanResults());
    expect(m.title).toBe("Bilaga 5 Utvärdering samverkan 2026");
    expect(m.sections[0].paragraphs.join(" ")).toContain("Totalt ingår 84 svar (+ 17 ej slutförda).");
    const rows = m.sections[1].tables[0].rows;
    const q3 = rows.find((r) => String(r[0]).startsWith("3."))!;
    expect(q3.slice(1, 4)).toEqual([84, 8.4, 8]);
    const q6 = rows.find((r) => String(r[0]).startsWith("6."))!;
    expect(q6[4]).toBe(0.94);
    const hidden = rows.find((r) => String(r[0]).startsWith("7."))!;
    expect(hidden.slice(1, 5)).toEqual([SUPPRESSED_TEXT, SUPPRESSED_TEXT, SUPPRESSED_TEXT, SUPPRESSED_TEXT]);
    // Question 6 is the only ja/nej question: its 94 % stands in its row, as 002 prints "94 % ja", and no chart of one bar is drawn.
    expect(m.sections[1].tables[0].head[4]).toBe("Andel ja");
    expect(m.sections[1].charts?.map((c) => c.title)).toEqual(["Medelvärde per skalfråga 2026"]);
  });

  it("när utvärderingen har en enda ja/nej-fråga så ritas inget diagram med en stapel, och medelvärdena ritas mot hela skalan 1–10", () => {
    const m = samverkanBilaga("Förbundet", 2026, 5, samverkanResults());
    const charts = m.sections.flatMap((x) => x.charts ?? []);
    expect(charts.some((c) => c.title.startsWith("Andel positiva eller ja"))).toBe(false);
    expect(charts.every((c) => c.labels.length >= 2)).toBe(true);
    const means = charts.find((c) => c.title.startsWith("Medelvärde per skalfråga"))!;
    expect(means.labels).toEqual(["3", "7", "8", "9a", "9b", "9c", "9d"]);
    expect(means.max).toBe(10);
    expect(means.series[0].values[0]).toBe(8.4);
    expect(means.alt).toContain("fråga 3 8,4, fråga 7 för få svar");
  });

  it("när medianer skrivs så står en hel median som 7 och en halv som 6,5 i utskrift, Word, Excel och CSV, medan medelvärdet behåller sin decimal", async () => {
    const r = samverkanResults();
    r.view.results.q3 = shown("scale10", { n: 84, mean: 7.9, median: 7 });
    r.view.results.q8 = shown("scale10", { n: 84, mean: 8, median: 6.5 });
    const m = samverkanBilaga("Förbundet", 2026, 5, r);
    const html = renderHtml(m);
    expect(html).toMatch(/<th scope="row">3\. [^<]+<\/th><td class="num">84<\/td><td class="num">7,9<\/td><td class="num">7<\/td>/);
    expect(html).toMatch(/<th scope="row">8\. [^<]+<\/th><td class="num">84<\/td><td class="num">8,0<\/td><td class="num">6,5<\/td>/);
    expect(html).not.toContain(">7,0<");
    const csv = renderCsv(m);
    expect(csv).toMatch(/3\. [^;\n]+;84;7,9;7;/);
    expect(csv).toMatch(/8\. [^;\n]+;84;8,0;6,5;/);
    const doc = await (await JSZip.loadAsync(await renderDocx(m))).file("word/document.xml")!.async("string");
    expect(doc).toContain("<w:t xml:space=\"preserve\">7</w:t>");
    expect(doc).toContain("<w:t xml:space=\"preserve\">6,5</w:t>");
    expect(doc).not.toContain(">7,0<");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(m)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Resultat per fråga 2026")!;
    const row = (n: string) => ws.getRows(3, ws.rowCount - 2)!.find((x) => String(x.getCell(1).value).startsWith(n))!;
    expect([row("3.").getCell(3).numFmt, row("3.").getCell(4).value, row("3.").getCell(4).numFmt]).toEqual(["0.0", 7, "0"]);
    expect([row("8.").getCell(3).numFmt, row("8.").getCell(4).value, row("8.").getCell(4).numFmt]).toEqual(["0.0", 6.5, "0.0"]);
  });

  it("när hela utvärderingen har för få svar så står inget antal och ingen siffra", () => {
    const m = samverkanBilaga("Förbundet", 2026, 5, samverkanResults(true));
    expect(m.sections[0].paragraphs.join(" ")).not.toContain("Totalt ingår 3");
    expect(m.sections[1].tables[0].rows.every((r) => r.slice(1, 5).every((c) => c === SUPPRESSED_TEXT))).toBe(true);
  });

  it("när koordinatorn har skrivit sammanfattningar så står var och en mellan frågans ord och dess svar, i frågornas ordning, maskerad", () => {
    const r = samverkanResults();
    const q = (id: string) => questionsOf(r.view.definition).find((x) => x.id === id)!;
    r.texts = [
      { question: q("q4"), part: "answer", texts: [{ text: "Bra möten.", count: 7 }], total: 7, someHidden: false },
      { question: q("q8"), part: "comment", texts: [{ text: "Tidsbrist.", count: 6 }], total: 6, someHidden: false },
    ];
    const m = samverkanBilaga("Förbundet", 2026, 5, r, { q8: "Ont om tid.", q4: "Möten uppskattas.\n\nKontakt: anna@example.se", q3: "Höga betyg.", q99: "Okänd fråga" });
    expect(m.sections.map((x) => x.heading)).toEqual(["Om utvärderingen", "Resultat per fråga", "Fördelning per svarsalternativ", "Svar i fritext", "Måluppfyllelse"]);
    const t = m.sections[3].tables[0];
    expect(t.prose).toBe("list");
    expect(t.rows.map((row) => [String(row[0]).split(" ")[0] + (String(row[0]).endsWith("(kommentarer)") ? " (kommentarer)" : ""), row[1]])).toEqual([
      ["3.", "Sammanfattning: Höga betyg."],
      ["4.", "Sammanfattning: Möten uppskattas.\nKontakt: [e-postadress borttagen]"],
      ["4.", "Bra möten. (7)"],
      ["8. (kommentarer)", "Sammanfattning: Ont om tid."],
      ["8. (kommentarer)", "Tidsbrist. (6)"],
    ]);
    expect(t.leads).toEqual([0, 1, 3]);
    const html = renderHtml(m);
    expect(html.indexOf("Sammanfattning: Möten uppskattas.")).toBeGreaterThan(html.indexOf("<h3>4. "));
    expect(html.indexOf("Sammanfattning: Möten uppskattas.")).toBeLessThan(html.indexOf("<li>Bra möten. (7)</li>"));
    expect(samverkanBilaga("Förbundet", 2026, 5, samverkanResults()).sections[3].tables).toEqual([]);
  });

  it("när ingen utvärdering gjordes så säger bilagan det", () => {
    expect(samverkanBilaga("Förbundet", 2026, 5, null).sections[0].paragraphs[0]).toBe("Ingen utvärdering av samverkan gjordes 2026.");
  });

  it("när avvikelserna sammanställs så står antal, parter med enheter och jämförelsen med förra året", () => {
    const a: Analysis = {
      total: 12, rejected: 1, bySeverity: { allvarlig: 4, mindreAllvarlig: 8 }, byFrequency: { forstaGangen: 5, hantForut: 4, aterkommande: 2, okand: 1 },
      byParty: { Region: 5 }, byUnit: { Region: { Psykiatri: 3 } }, byArea: { Norr: 12 }, byCause: { Kommunikation: 6 }, byConsequence: { Väntan: 4 },
      proposals: ["=HYPERLINK(\"x\")"], actions: [], requestsDue: 4, answeredWithinDeadline: 0.75, medianAnswerDays: 6, lifted: 2, previousYear: 9,
    };
    const m = avvikelserBilaga("Förbundet", 2026, 5, a);
    expect(m.sections[0].paragraphs).toEqual(["12 avvikelser rapporterades 2026 (9 året före)."]);
    const svar = m.sections.find((x) => x.heading === "Svarstider")!.tables[0];
    expect(renderCsv({ ...m, sections: [{ heading: "Svarstider", paragraphs: [], tables: [svar] }] })).not.toMatch(/;4,0|;6,0/);
    const rules = { allvarlig: "Personen blev utan stöd eller ersättning.", mindreAllvarlig: "Stödet försenades men kom." };
    expect(avvikelserBilaga("Förbundet", 2026, 5, a, {}, rules).sections[0].paragraphs).toEqual([
      "12 avvikelser rapporterades 2026 (9 året före).",
      "Allvarlig avvikelse: Personen blev utan stöd eller ersättning.",
      "Mindre allvarlig avvikelse: Stödet försenades men kom.",
    ]);
    expect(m.sections[1].tables[1].rows).toEqual([["Region", "Psykiatri", 3]]);
    const csv = renderCsv(m);
    expect(csv).toContain("'=HYPERLINK");
    expect(m.sections.some((x) => x.heading === "Analys")).toBe(false);
    const withText = avvikelserBilaga("Förbundet", 2026, 5, a, { analys: "Första stycket.\n\n=Andra stycket, ring 070-123 45 67." });
    const analys = withText.sections.at(-1)!;
    expect(analys.heading).toBe("Analys");
    expect(analys.tables[0].rows).toEqual([["Första stycket."], ["=Andra stycket, ring [telefonnummer borttaget]."]]);
    expect(renderCsv(withText)).toContain("'=Andra stycket");
    const html = renderHtml(withText);
    expect(html).toContain('<div class="prose">\n<p>Första stycket.</p>');
  });

  it("när inga avvikelser rapporterades så står Inget att redovisa i stället för tomma tabeller, i varje format", async () => {
    const none: Analysis = {
      total: 0, rejected: 0, bySeverity: { allvarlig: 0, mindreAllvarlig: 0 }, byFrequency: { forstaGangen: 0, hantForut: 0, aterkommande: 0, okand: 0 },
      byParty: {}, byUnit: {}, byArea: {}, byCause: {}, byConsequence: {}, proposals: [], actions: [], requestsDue: 0, answeredWithinDeadline: null, medianAnswerDays: null, lifted: 0, previousYear: 3,
    };
    const m = avvikelserBilaga("Förbundet", 2026, 5, none);
    expect(m.sections).toHaveLength(1);
    expect(m.sections[0].paragraphs).toEqual(["Inga avvikelser rapporterades 2026 (3 året före).", "Inget att redovisa."]);
    expect(m.sections[0].tables).toEqual([]);
    const html = renderHtml(m);
    expect(html).toContain("<p>Inget att redovisa.</p>");
    expect(html).not.toContain("<table");
    const docx = await (await JSZip.loadAsync(await renderDocx(m))).file("word/document.xml")!.async("string");
    expect(docx).toContain("Inget att redovisa.");
    expect(docx).not.toContain("<w:tbl>");
    // A written analysis still prints.
    expect(avvikelserBilaga("Förbundet", 2026, 5, none, { analys: "Inga ärenden i år." }).sections.at(-1)!.heading).toBe("Analys");
  });

  it("när en tabell i avvikelsebilagan saknar rader så står den inte med, och en del utan något säger Inget att redovisa", () => {
    const a: Analysis = {
      total: 2, rejected: 0, bySeverity: { allvarlig: 1, mindreAllvarlig: 1 }, byFrequency: { forstaGangen: 2, hantForut: 0, aterkommande: 0, okand: 0 },
      byParty: { Region: 2 }, byUnit: {}, byArea: { Norr: 2 }, byCause: {}, byConsequence: {}, proposals: [], actions: [], requestsDue: 0, answeredWithinDeadline: null, medianAnswerDays: null, lifted: 0, previousYear: 0,
    };
    const m = avvikelserBilaga("Förbundet", 2026, 5, a);
    const parter = m.sections.find((x) => x.heading === "Berörda parter och enheter")!;
    expect(parter.tables.map((t) => t.caption)).toEqual(["Berörda parter 2026", "Kommunområden 2026"]);
    for (const heading of ["Orsaker och konsekvenser", "Lösningar och åtgärder"]) {
      expect(m.sections.find((x) => x.heading === heading)).toMatchObject({ paragraphs: ["Inget att redovisa."], tables: [] });
    }
    expect(m.sections.find((x) => x.heading === "Svarstider")).toMatchObject({ paragraphs: ["Ingen begäran om svar till parterna förföll eller besvarades 2026."], tables: [] });
  });

  it("när en tabell är grupperad så står frågan en gång ovanför sina svarsalternativ i utskrift och Word, men på varje rad i CSV", async () => {
    const question = "1. Vilken arbets- eller uppdragsgivare representerar du?";
    const m: ReportModel = {
      title: "Fördelning", sections: [{
        heading: "Fördelning", paragraphs: [], tables: [{
          caption: "Fördelning per svarsalternativ", head: ["Fråga", "Svarsalternativ", "Antal", "Andel"], kinds: ["text", "text", "integer", "percent"], grouped: true,
          rows: [[question, "Kommun", 6, 0.6], [question, "Region", 2, 0.2], [question, "Annan", 2, 0.2], ["3. Betyg", SUPPRESSED_TEXT, null, null]],
        }],
      }],
    };
    const html = renderHtml(m);
    expect(html.split(question)).toHaveLength(2);
    expect(html).toContain(`<tr class="grupp"><th scope="rowgroup" colspan="3">${question}</th></tr>`);
    expect(html).toContain('<thead><tr><th scope="col">Svarsalternativ</th><th scope="col">Antal</th><th scope="col">Andel</th></tr></thead>');
    expect(html).toMatch(/<th scope="row">Kommun<\/th><td class="num">6<\/td>/);
    const docx = await (await JSZip.loadAsync(await renderDocx(m))).file("word/document.xml")!.async("string");
    expect(docx.split(question)).toHaveLength(2);
    expect(docx).toContain('<w:gridSpan w:val="3"/>');
    expect(renderCsv(m).split(question)).toHaveLength(4);
  });

  it("när en insats har för få svar så står texten i stället för andelen, och 70 %-linjen bedöms bara för visade frågor", () => {
    const r = samverkanResults();
    const ind = { ...r, view: { ...r.view, definition: findSurvey("indikator-deltagare-pagaende")!, results: { q1: shown("frequency6", { n: 10, sharePositive: 0.8 }), q2: suppressedResult("frequency6") } } } as Results;
    const m = indikatorBilaga("Förbundet", 2026, 5, [{ interventionId: "se", intervention: "SE", respondentGroup: "deltagare-pagaende", results: ind }]);
    const rows = m.sections[0].tables[0].rows;
    expect(rows[0].slice(1)).toEqual([10, 0.8, null, "Ja"]);
    expect(rows[1].slice(1)).toEqual([SUPPRESSED_TEXT, SUPPRESSED_TEXT, null, SUPPRESSED_TEXT]);
  });
});

const model: ReportModel = {
  title: "Test", forbund: "Förbundet", year: 2026, rules: ["Regel"],
  sections: [{ heading: "Del", paragraphs: ["Text"], tables: [{ caption: "Tabell", head: ["Namn", "Antal", "Andel", "Medel"], kinds: ["text", "integer", "percent", "decimal"], rows: [["@SUM(A1)", 12345, 0.57, 4.25], ["Dold", SUPPRESSED_TEXT, SUPPRESSED_TEXT, null]] }] }],
};

describe("renderarna", () => {
  it("när celler skrivs så blir de svenska", () => {
    expect(formatCell(12345, "integer")).toMatch(/^12\s345$/);
    expect(formatCell(0.57, "percent")).toBe(formatPercent(0.57));
    expect(formatCell(4.25, "decimal")).toMatch(/^4,3$/);
    // A mean keeps its decimal; a median is whole when whole, as 002 prints "Median 7".
    expect(formatCell(8, "decimal")).toBe("8,0");
    expect([formatCell(8, "median"), formatCell(6.5, "median"), formatCell(SUPPRESSED_TEXT, "median"), formatCell(null, "median")]).toEqual(["8", "6,5", SUPPRESSED_TEXT, "–"]);
    expect(formatCell(null, "percent")).toBe("–");
  });

  it("när CSV skrivs så har den BOM, semikolon, decimalkomma och neutraliserade formler", () => {
    const csv = renderCsv(model);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("'@SUM(A1);12345;57,0;4,3");
    expect(csv).toContain(`Dold;${SUPPRESSED_TEXT};${SUPPRESSED_TEXT};`);
  });

  it("när Excel skrivs så är talen tal, formler neutraliserade och reglerna ett eget blad", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Regler")!.getCell("A3").value).toBe("Regel");
    const ws = wb.getWorksheet("Tabell")!;
    expect(ws.getCell("A3").value).toBe("'@SUM(A1)");
    expect(ws.getCell("B3").value).toBe(12345);
    expect(ws.getCell("C3").value).toBe(0.57);
    expect(ws.getCell("C3").numFmt).toBe("0%");
    expect(ws.getCell("B4").value).toBe(SUPPRESSED_TEXT);
  });

  it("när Word skrivs så har den rubriker, tabell med rubrikrad, bild med alt-text och sidnummer", async () => {
    const png = await chartPng({ title: "Diagram", alt: "Staplar", labels: ["1", "2"], series: [{ label: "2026", values: [0.8, null] }], percent: true });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const withChart: ReportModel = { ...model, sections: [{ ...model.sections[0], charts: [{ title: "Diagram", alt: "Staplar", labels: ["1"], series: [] }] }] };
    const zip = await JSZip.loadAsync(await renderDocx(withChart, new Map([["0:0", png]])));
    const doc = await zip.file("word/document.xml")!.async("string");
    expect(doc).toContain('w:val="Heading1"');
    expect(doc).toContain("<w:tblHeader");
    expect(doc).toContain('descr="Staplar"');
    expect(doc).toContain(formatPercent(0.57));
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(footers.join("")).toContain("PAGE");
  });

  it("när HTML skrivs så har den utskrifts-CSS, och avsnitten löper vidare i stället för att börja en ny sida (issue 16)", () => {
    const html = renderHtml(model);
    expect(html).toContain("@page { size: A4");
    expect(html).not.toContain("break-before: page");
    expect(html).toContain("h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; break-after: avoid;");
    expect(html).toContain('<div class="tabell" tabindex="0" role="region" aria-label="Tabell">');
    expect(html).toContain('<td class="num">57');
  });
});

describe("Tabell måluppfyllelse", () => {
  const outcome = (metric: string, figuresText: string) => ({
    goal: { text: "Målet", comment: "", rule: { metric, comparison: ">=", threshold: 0.35, questions: [] } },
    verdict: "for_fa_svar", label: "För få svar", ruleText: "regeln", value: null, threshold: 0.35, figures: [], figuresText,
  }) as unknown as Parameters<typeof goalsTable>[1][number];

  it("när ett enkätmål har för få svar så visas inga siffror, men ett mål om insatsrapporter eller närvaro säger varför", () => {
    const t = goalsTable("Mål", [outcome("sharePositive", "n = 3"), outcome("shareToWorkOrStudies", "Ingen insatsrapport för 2024"), outcome("attendance", "Inga möten 2024")]);
    expect(t.rows.map((r) => r[2])).toEqual([SUPPRESSED_TEXT, "Ingen insatsrapport för 2024", "Inga möten 2024"]);
  });
});
