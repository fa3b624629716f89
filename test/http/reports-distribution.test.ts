/**
 * Distributions in the bilagor (issue 16): count and share per answer option for single and multi
 * choice (Bilaga 5 questions 1 and 2 were "–") and for frequency and scale questions, in every format;
 * below the reporting threshold nothing but "För få svar för att redovisa".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as reports from "../../server/reports/service.js";
import { SUPPRESSED_TEXT } from "../../server/results/threshold.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const nbsp = "\u00a0";

async function setup() {
  const f = await makeForbund(t.ctx, "Samordningsförbundet Fördelning");
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.forbund.id, name: "SE-Fördelning", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const ind = await makeCollection(t.ctx, f, { name: "Indikator", interventionId: insats.id });
  const sam = await makeCollection(t.ctx, f, { questionnaire: "samverkan-utvardering", name: "Samverkan 2026", areaId: null });
  const row = (collectionId: string, answers: Record<string, unknown>) => ({ collectionId, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true, answers });
  await t.ctx.db.insert(responses).values([
    // q1: 6 kommun, 2 region, 2 annan; q2: everyone in arbetsgrupp, 4 also in styrgrupp.
    ...Array.from({ length: 10 }, (_, i) => row(sam.id, {
      q1: i < 6 ? "kommun" : i < 8 ? "region" : "annan", q2: i < 4 ? ["arbetsgrupp_samverk", "styrgrupp_samverk"] : ["arbetsgrupp_samverk"], q3: 8, q6: "ja",
    })),
    // q1 of the indikator: 5 Ofta (4), 3 Alltid (6), 2 vet inte (0).
    ...Array.from({ length: 10 }, (_, i) => row(ind.id, { q1: i < 5 ? 4 : i < 8 ? 6 : 0, q2: 5, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 5 })),
  ]);
  return (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
}

async function everyFormat(admin: Awaited<ReturnType<typeof setup>>, slug: "utvardering-samverkan" | "indikatorenkater") {
  const model = await reports.buildModel(t.ctx, admin, 2026, slug);
  const b = reports.bySlug(slug)!;
  const docx = await (await JSZip.loadAsync((await reports.renderFile(model, b, 2026, "docx")).body as Buffer)).file("word/document.xml")!.async("string");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reports.renderFile(model, b, 2026, "xlsx")).body as unknown as ArrayBuffer);
  const sheetRows: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => { sheetRows.push((r.values as unknown[]).slice(1).map((v) => (typeof v === "number" ? String(Math.round(v * 1000) / 1000) : String(v ?? ""))).join("|")); }));
  return {
    html: String((await reports.renderFile(model, b, 2026, "html")).body),
    docx: docx.replace(/<[^>]+>/g, " "),
    csv: String((await reports.renderFile(model, b, 2026, "csv")).body),
    xlsx: sheetRows.join("\n"),
  };
}

describe("fördelning per svarsalternativ i bilagorna", () => {
  it("när utvärderingen av samverkan har svar på fråga 1 och 2 så står antal och andel per alternativ i varje format", async () => {
    const f = await everyFormat(await setup(), "utvardering-samverkan");
    for (const [format, text] of Object.entries(f)) expect(text, format).toContain("Fördelning per svarsalternativ");
    expect(f.xlsx).toContain("1. Arbets-/uppdragsgivare|Kommun|6|0.6");
    expect(f.xlsx).toContain("|Styrgrupp Samverk|4|0.4");
    expect(f.xlsx).toContain("|Arbetsgrupp Samverk|10|1");
    expect(f.xlsx).toContain("flera val: andelarna kan bli mer än 100 %");
    expect(f.html).toMatch(new RegExp(`Kommun</t[dh]>\\s*<td[^>]*>6</td>\\s*<td[^>]*>60${nbsp}%</td>`));
    expect(f.docx).toContain(`60${nbsp}%`);
    expect(f.csv).toContain("1. Arbets-/uppdragsgivare;Kommun;6;60,0");
  });

  it("när indikatorenkäten har svar så står antal per svarsalternativ Aldrig … Alltid och vet inte för sig", async () => {
    const f = await everyFormat(await setup(), "indikatorenkater");
    expect(f.xlsx).toMatch(/1\. [^|]*\|Ofta\|5\|0\.625/);
    expect(f.xlsx).toMatch(/1\. [^|]*\|Alltid\|3\|0\.375/);
    expect(f.xlsx).toMatch(/^1\. [^|]*\|Vet inte[^|]*\|2$/m);
    for (const [format, text] of Object.entries(f)) expect(text, format).toContain("Alltid");
  });

  it("när en fråga har för få svar så står bara För få svar för att redovisa, inga antal", async () => {
    const f = await makeForbund(t.ctx, "Samordningsförbundet Få");
    const sam = await makeCollection(t.ctx, f, { questionnaire: "samverkan-utvardering", name: "Samverkan liten", areaId: null });
    await t.ctx.db.insert(responses).values(Array.from({ length: 6 }, (_, i) => ({
      collectionId: sam.id, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true, answers: { q1: "kommun", q3: 7, ...(i < 2 ? { q2: ["styrelse"] } : {}) },
    })));
    const admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
    const out = await everyFormat(admin, "utvardering-samverkan");
    expect(out.xlsx).toContain(`|${SUPPRESSED_TEXT}`);
    expect(out.xlsx).not.toContain("|Styrelse|2");
  });
});

describe("behovsfrågor", () => {
  it("när indikatorenkäten har fråga 4a så står den i fördelningen men inte i andelen positiva eller mot 70 %", async () => {
    const admin = await setup();
    const model = await reports.buildModel(t.ctx, admin, 2026, "indikatorenkater");
    const s = model.sections.find((x) => x.heading.startsWith("SE-Fördelning"))!;
    const share = s.tables[0], dist = s.tables[1];
    expect(share.rows.some((r) => String(r[0]).startsWith("4a."))).toBe(false);
    expect(share.rows.some((r) => String(r[0]).startsWith("4b."))).toBe(true);
    expect(s.charts![0].labels).not.toContain("4a");
    expect(dist.rows.filter((r) => String(r[0]).startsWith("4a.")).map((r) => r[1])).toEqual(["Ja", "Nej"]);
    expect(s.paragraphs.join(" ")).toContain("Fråga 4a gäller behov");
  });
});
