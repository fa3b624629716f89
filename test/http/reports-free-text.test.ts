/**
 * Free text in the bilagor as a reader wants it (issue 16): when many write the same sentence, with or
 * without capitals, full stops or extra spaces, it is printed once with its count, most frequent first,
 * masked, in every format; the reporting threshold applies as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as reports from "../../server/reports/service.js";
import * as results from "../../server/results/service.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const TIDSBRIST = "Tidsbrist gör att samverkan prioriteras bort";
const MOTEN = "Bra möten";

/** 40 samverkan answers: q4 is mostly the same two sentences written in different ways; one carries a phone number. */
async function setup(n = 40) {
  const f = await makeForbund(t.ctx, "Samordningsförbundet Fritext");
  const sam = await makeCollection(t.ctx, f, { questionnaire: "samverkan-utvardering", name: "Samverkan 2026", areaId: null });
  const variants = [`${TIDSBRIST}.`, `${TIDSBRIST.toLowerCase()}`, `  ${TIDSBRIST}!! `, `${TIDSBRIST.toUpperCase()}.`];
  const q4 = (i: number) => (i < 24 ? variants[[0, 0, 0, 1, 2, 3][i % 6]] : i < 30 ? `${MOTEN}!` : i < 32 ? `Ring mig på 070-123 45 ${String(i).padStart(2, "0")}` : `Eget svar nummer ${i}`);
  await t.ctx.db.insert(responses).values(Array.from({ length: n }, (_, i) => ({
    collectionId: sam.id, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true,
    answers: { q1: "kommun", q3: 7, q4: q4(i), q5: "Ärendegången är långsam.", q6: "ja" },
  })));
  const admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
  return { admin };
}

/** How often a sentence occurs in a text, case-blind. */
const occurrences = (haystack: string, needle: string) => haystack.toLowerCase().split(needle.toLowerCase()).length - 1;

/** The words of a Word document, a paragraph per line. */
async function docxText(body: Buffer | string): Promise<string> {
  const xml = await (await JSZip.loadAsync(body as Buffer)).file("word/document.xml")!.async("string");
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

async function xlsxText(body: Buffer | string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(String(c.value)); })));
  return cells.join("\n");
}

describe("fritext i bilagan", () => {
  it("när många skrivit samma mening på olika sätt så står den en gång med antalet, vanligast först, maskerad, i varje format", async () => {
    const { admin } = await setup();
    const model = await reports.buildModel(t.ctx, admin, 2026, "utvardering-samverkan");
    const bilaga = reports.bySlug("utvardering-samverkan")!;
    const texts: Record<string, string> = {
      html: String((await reports.renderFile(model, bilaga, 2026, "html")).body),
      docx: await docxText((await reports.renderFile(model, bilaga, 2026, "docx")).body),
      xlsx: await xlsxText((await reports.renderFile(model, bilaga, 2026, "xlsx")).body),
      csv: String((await reports.renderFile(model, bilaga, 2026, "csv")).body),
    };
    for (const [format, text] of Object.entries(texts)) {
      expect(occurrences(text, TIDSBRIST), format).toBe(1);
      expect(text, format).toContain(`${TIDSBRIST}. (24)`);
      expect(occurrences(text, MOTEN), format).toBe(1);
      expect(text, format).toContain(`${MOTEN}! (6)`);
      expect(occurrences(text, "Ärendegången är långsam."), format).toBe(1);
      expect(text, format).toContain("Ärendegången är långsam. (40)");
      // Two answers that differ only in the phone number say the same thing once masked.
      expect(text, format).not.toContain("070-123");
      expect(occurrences(text, "Ring mig på"), format).toBe(1);
      // A sentence written once has no count; the most frequent comes first.
      expect(text, format).toContain("Eget svar nummer 39");
      expect(text, format).not.toContain("Eget svar nummer 39 (");
      expect(text.indexOf(TIDSBRIST), format).toBeLessThan(text.indexOf(MOTEN));
    }
  });

  it("när koordinatorn har sammanfattat en fråga så står sammanfattningen under frågans ord och ovanför de grupperade svaren, i varje format", async () => {
    const { admin } = await setup();
    const SUMMARY = "De flesta saknar tid för samverkan.";
    await reports.saveTexts(t.ctx, admin, 2026, "utvardering-samverkan", { q4: SUMMARY });
    const model = await reports.buildModel(t.ctx, admin, 2026, "utvardering-samverkan");
    expect(model.sections.map((s) => s.heading)).not.toContain("Sammanfattning per fråga");
    const bilaga = reports.bySlug("utvardering-samverkan")!;
    const file = async (format: "html" | "docx" | "xlsx" | "csv") => (await reports.renderFile(model, bilaga, 2026, format)).body;
    const Q4 = "4. Vad fungerar bra?";
    const Q5 = "5. Vad fungerar mindre bra?";
    // Print and Word: the question's words once, then "Sammanfattning: …", then its answers, before the next question.
    for (const [format, text] of [["html", String(await file("html"))], ["docx", await docxText(await file("docx"))]]) {
      expect(occurrences(text, Q4), format).toBe(1);
      expect(occurrences(text, SUMMARY), format).toBe(1);
      const at = [text.indexOf(Q4), text.indexOf(`Sammanfattning: ${SUMMARY}`), text.indexOf(`${TIDSBRIST}. (24)`), text.indexOf(Q5)];
      expect(at.every((i) => i >= 0) && at.every((i, n) => n === 0 || at[n - 1] < i), `${format}: ${at.join(", ")}`).toBe(true);
    }
    // Excel and CSV: the summary is a row of the free-text table, directly above the question's first answer.
    expect(await xlsxText(await file("xlsx"))).toContain(`${Q4}\nSammanfattning: ${SUMMARY}\n${Q4}\n${TIDSBRIST}. (24)`);
    expect(String(await file("csv"))).toMatch(new RegExp(`${Q4.replace(/[.?]/g, "\\$&")};Sammanfattning: ${SUMMARY}\r?\n${Q4.replace(/[.?]/g, "\\$&")};${TIDSBRIST}\\. \\(24\\)`));
  });

  it("när resultatsidan läser fritexten så är varje mening en rad med sitt antal", async () => {
    const { admin } = await setup();
    const r = await results.yearResults(t.ctx, admin, { year: 2026, questionnaire: results.SAMVERKAN }, { texts: true });
    if (!("results" in r)) throw new Error("inga resultat");
    const q4 = r.results.texts.find((g) => g.question.id === "q4")!;
    expect(q4.total).toBe(40);
    expect(q4.texts!.slice(0, 3).map((l) => l.count)).toEqual([24, 6, 2]);
    expect(q4.texts!.reduce((a, l) => a + l.count, 0)).toBe(40);
    expect(new Set(q4.texts!.map((l) => l.text.toLowerCase())).size).toBe(q4.texts!.length);
  });

  it("när färre än k har skrivit så står ingen mening alls, som förut", async () => {
    const { admin } = await setup(3);
    const model = await reports.buildModel(t.ctx, admin, 2026, "utvardering-samverkan");
    const html = String((await reports.renderFile(model, reports.bySlug("utvardering-samverkan")!, 2026, "html")).body);
    expect(html).not.toContain(TIDSBRIST);
  });
});
