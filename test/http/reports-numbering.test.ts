/**
 * "Bilaga N" as the förbund's årsredovisning numbers it (issue 16): the admin sets each bilaga's number and
 * title once per year on /bilagor; they head the bilaga in every format and name its files in the ZIP, the
 * Statistik bilaga included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type request from "supertest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

describe("numrering av bilagorna", () => {
  it("när administratören numrerar bilagorna så står numret och titeln i varje format och i ZIP-filens filnamn", async () => {
    const f = await makeForbund(t.ctx, "Samordningsförbundet Numrering");
    const staff = await makeStaff(t.ctx, f);
    const sam = await makeCollection(t.ctx, f, { questionnaire: "samverkan-utvardering", name: "Samverkan 2026", areaId: null });
    await t.ctx.db.insert(responses).values(Array.from({ length: 6 }, () => ({ collectionId: sam.id, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true, answers: { q1: "kommun", q3: 8 } })));
    const admin = await loginAgent(t.app, staff.users.admin.email, PASSWORD);
    const koordinator = await loginAgent(t.app, staff.users.koordinator.email, PASSWORD);
    const page = "/bilagor?year=2026";
    expect((await admin.get(page)).text).toContain("Numrering i årsredovisningen");
    expect((await koordinator.get(page)).text).not.toContain("Numrering i årsredovisningen");

    // A wrong number is refused kindly, with everything typed kept.
    const bad = await postForm(admin, page, "/bilagor/2026/numrering", { "utvardering-samverkan_nummer": "fem", "utvardering-samverkan_titel": "Utvärdering av samverkan", statistik_titel: "Statistik/siffror" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Skriv bilagans nummer som ett heltal från 1 till 99");
    expect(bad.text).toContain("Titeln blir ett filnamn");
    expect(bad.text).toContain('value="fem"');
    expect(bad.text).toContain('value="Utvärdering av samverkan"');
    expect((await postForm(koordinator, page, "/bilagor/2026/numrering", { "utvardering-samverkan_nummer": "4" })).status).toBe(403);

    const ok = await postForm(admin, page, "/bilagor/2026/numrering", {
      "utvardering-samverkan_nummer": "4", "utvardering-samverkan_titel": "Utvärdering av samverkan",
      avvikelser_nummer: "6", avvikelser_titel: "Avvikelser i samverkan – sammanställning och analys",
      maluppfyllelse_nummer: "", maluppfyllelse_titel: "",
      indikatorenkater_nummer: "3", indikatorenkater_titel: "",
      statistik_nummer: "7", statistik_titel: "",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/bilagor?year=2026#numrering");
    const listed = (await admin.get(page)).text;
    for (const label of ["Bilaga 4 Utvärdering av samverkan", "Bilaga 3 Indikatorenkäter per insats", "Bilaga 7 Statistik", "Tabell måluppfyllelse"]) expect(listed).toContain(label);
    expect(listed).not.toContain("Bilaga 2 Tabell måluppfyllelse");

    // Avvikelser was given its default number and title, so it keeps its built-in name.
    const zip = await JSZip.loadAsync((await admin.get("/bilagor/2026/alla.zip").buffer(true).parse(binary)).body as Buffer);
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(20);
    for (const n of ["Bilaga 4 Utvärdering av samverkan 2026", "Bilaga 6 Avvikelser i samverkan 2026", "Tabell måluppfyllelse 2026", "Bilaga 3 Indikatorenkäter per insats 2026", "Bilaga 7 Statistik 2026"]) {
      for (const ext of ["html", "docx", "xlsx", "csv"]) expect(names).toContain(`${n}.${ext}`);
    }
    const title = "Bilaga 4 Utvärdering av samverkan 2026";
    expect(await zip.file(`${title}.html`)!.async("string")).toContain(`<h1>${title}</h1>`);
    expect(await zip.file(`${title}.docx`)!.async("nodebuffer").then(JSZip.loadAsync).then((d) => d.file("word/document.xml")!.async("string"))).toContain(title);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file(`${title}.xlsx`)!.async("nodebuffer")) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getCell("A1").value).toBe(title);
    expect((await zip.file(`${title}.csv`)!.async("string")).split("\r\n")[0]).toBe(`\uFEFF${title}`);
    // Statistik too: its title in every format, and a single download named as in the ZIP.
    const statistik = "Bilaga 7 Statistik 2026";
    expect(await zip.file(`${statistik}.html`)!.async("string")).toContain(`<h1>${statistik}</h1>`);
    expect((await zip.file(`${statistik}.csv`)!.async("string")).split("\r\n")[0]).toBe(`\uFEFF${statistik}`);
    expect(await zip.file(`${statistik}.docx`)!.async("nodebuffer").then(JSZip.loadAsync).then((d) => d.file("word/document.xml")!.async("string"))).toContain(statistik);
    const statistikXlsx = new ExcelJS.Workbook();
    await statistikXlsx.xlsx.load((await zip.file(`${statistik}.xlsx`)!.async("nodebuffer")) as unknown as ArrayBuffer);
    expect(statistikXlsx.worksheets[0].getCell("A1").value).toBe(statistik);
    const statistikDocx = await admin.get("/statistik/bilaga?year=2026&format=docx");
    expect(decodeURIComponent(String(statistikDocx.headers["content-disposition"]))).toContain(`${statistik}.docx`);
    // The JSON API gives the same title; a single download is named the same way.
    const one = await admin.get("/bilagor/2026/utvardering-samverkan.docx");
    expect(decodeURIComponent(String(one.headers["content-disposition"]))).toContain(`${title}.docx`);
  }, 120_000);
});
