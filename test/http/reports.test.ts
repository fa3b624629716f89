/** Bilagor: the page, each bilaga as DOCX, XLSX, HTML and CSV, the ZIP, the API and the threshold in every format. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeResponses, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as collections from "../../server/collections/service.js";
import * as audit from "../../server/audit/service.js";
import { reportTexts } from "../../models/schema.js";
import { SUPPRESSED_TEXT } from "../../server/results/threshold.js";
import { formatPercent } from "../../server/results/format.js";

let t: TestApp;
let s: Awaited<ReturnType<typeof setup>>;

/** Collects a binary body as a Buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

const answer = (c: collections.Collection, list: Record<string, unknown>[]) => makeResponses(t.ctx, c, list);

/** A förbund (k = 5): indikator answers for three insatser (ten, two = too few, five), and five samverkan answers. */
async function setup() {
  const f = await makeForbund(t.ctx, "Samordningsförbundet Test");
  const A = f.forbund.id;
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Testet", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const liten = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "Lilla insatsen", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const ind = await collections.createCollection(t.ctx, A, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Indikator SE", areaId: f.areas[0].id, interventionId: insats.id });
  await answer(ind, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => ({ q1: i > 8 ? 1 : 4, q2: 5, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 6 })));
  // A third insats, so that hiding the small one does not have to hide SE-Testet as well.
  const tredje = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "Tredje insatsen", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const mid = await collections.createCollection(t.ctx, A, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Indikator tredje", areaId: f.areas[0].id, interventionId: tredje.id });
  await answer(mid, [1, 2, 3, 4, 5].map(() => ({ q1: 4, q2: 5, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 6 })));
  const few = await collections.createCollection(t.ctx, A, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Indikator liten", areaId: f.areas[0].id, interventionId: liten.id });
  await answer(few, [{ q1: 4, q2: 5, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 6 }, { q1: 4, q2: 5, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 6 }]);
  const sam = await collections.createCollection(t.ctx, A, { questionnaire: "samverkan-utvardering", year: 2026, name: "Samverkan 2026", areaId: null, interventionId: null });
  await answer(sam, [7, 8, 8, 9, 10].map((v) => ({ q1: "kommun", q3: v, q4: "Vi träffas ofta.", q6: "ja" })));
  const admin = await makeUser(t.ctx, { forbundId: A, role: "admin" });
  const lasare = await makeUser(t.ctx, { forbundId: A, role: "lasare" });
  // the koordinator for the whole förbund (no kommunområde) who writes the bilagor's texts; a scoped one is refused (forbund-wide.test.ts)
  const koordinator = await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [] });
  const key = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, lasare.id))!, "test")).secret;
  return { A, koordinatorEmail: koordinator.email, koordinator: await loginAgent(t.app, koordinator.email, PASSWORD), admin: await loginAgent(t.app, admin.email, PASSWORD), lasare: await loginAgent(t.app, lasare.email, PASSWORD), key };
}

beforeAll(async () => { t = await startTestApp(); s = await setup(); });
afterAll(async () => { await t?.close(); });

const download = (path: string) => s.lasare.get(path).buffer(true).parse(binary);

describe("bilagor", () => {
  it("när läsaren öppnar sidan så finns en länk per bilaga och format och en till hela ZIP-filen", async () => {
    const res = await s.lasare.get("/bilagor?year=2026");
    expect(res.status).toBe(200);
    for (const slug of ["utvardering-samverkan", "avvikelser", "maluppfyllelse", "indikatorenkater"]) {
      for (const f of ["html", "docx", "xlsx", "csv"]) expect(res.text).toContain(`/bilagor/2026/${slug}.${f}`);
    }
    expect(res.text).toContain("/bilagor/2026/alla.zip");
  });

  it("när Word-filen laddas ner så är den en zip med rubriker, tabell, bild med alt-text och förbundet i sidhuvudet", async () => {
    const res = await download("/bilagor/2026/utvardering-samverkan.docx");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("Bilaga 5 Utvärdering samverkan 2026.docx");
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const doc = await zip.file("word/document.xml")!.async("string");
    expect(doc).toContain('w:val="Heading1"');
    expect(doc).toContain("Resultat per fråga");
    expect(doc).toContain("<w:tbl>");
    expect(doc).toContain("<w:tblHeader");
    expect(doc).toMatch(/descr="Stapeldiagram/);
    expect(Object.keys(zip.files).some((n) => n.startsWith("word/media/") && n.endsWith(".png"))).toBe(true);
    const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(headers.join("")).toContain("Samordningsförbundet Test · 2026");
  });

  it("när Excel-filen laddas ner så är siffrorna tal och ett blad anger reglerna", async () => {
    const res = await download("/bilagor/2026/utvardering-samverkan.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Regler")).toBeDefined();
    const ws = wb.worksheets.find((w) => w.name.startsWith("Resultat per fråga"))!;
    const values: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain(5); // antal svar
    expect(values).toContain(8.4); // medelvärde q3
    expect(values).toContain(1); // andel ja q6
  });

  it("när HTML-bilagan visas så står siffrorna i svensk form", async () => {
    const res = await s.lasare.get("/bilagor/2026/indikatorenkater.html");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<td class="num">${formatPercent(0.8)}</td>`);
    const sam = await s.lasare.get("/bilagor/2026/utvardering-samverkan.html");
    expect(sam.text).toContain("8,4");
    expect(sam.text).toContain("Totalt ingår 5 svar (+ 0 ej slutförda).");
    expect(sam.text).toContain("Vi träffas ofta.");
  });

  it("när en grupp har färre svar än gränsen så står För få svar för att redovisa i varje format", async () => {
    const html = await s.lasare.get("/bilagor/2026/indikatorenkater.html");
    expect(html.text).toContain("Lilla insatsen");
    expect(html.text).toContain(SUPPRESSED_TEXT);
    const csv = await s.lasare.get("/bilagor/2026/indikatorenkater.csv");
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    expect(csv.text).toContain(SUPPRESSED_TEXT);
    const docx = await download("/bilagor/2026/indikatorenkater.docx");
    expect(await (await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")!.async("string")).toContain(SUPPRESSED_TEXT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download("/bilagor/2026/indikatorenkater.xlsx")).body as unknown as ArrayBuffer);
    const texts: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.value))));
    expect(texts).toContain(SUPPRESSED_TEXT);
    // the small group's figures never appear: its row carries the text, not a count of 2
    const small = csv.text.split("\r\n").filter((l) => l.includes(SUPPRESSED_TEXT));
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((l) => !/;2;/.test(l))).toBe(true);
  });

  it("när alla bilagor laddas ner som ZIP så finns varje bilaga i varje format och exporten loggas", async () => {
    const res = await download("/bilagor/2026/alla.zip");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("application/zip");
    const names = Object.keys((await JSZip.loadAsync(res.body as Buffer)).files);
    expect(names).toHaveLength(20);
    for (const n of ["Bilaga 5 Utvärdering samverkan 2026", "Bilaga 6 Avvikelser i samverkan 2026", "Bilaga 2 Tabell måluppfyllelse 2026", "Indikatorenkäter per insats 2026", "Statistik 2026"]) {
      for (const f of ["html", "docx", "xlsx", "csv"]) expect(names).toContain(`${n}.${f}`);
    }
    const log = await audit.list(t.ctx, s.A);
    expect(log.some((e) => e.action === "export" && (e.detail as Record<string, unknown>).what === "bilagor")).toBe(true);
    expect((await s.admin.get("/bilagor?year=2026")).text).toContain("Senast exporterad");
  });

  it("när API:t frågas så ges rapportmodellen som JSON, filer med svenskt filnamn och ZIP bara med format=zip", async () => {
    const api = (p: string) => request(t.app).get(p).set("Authorization", `Bearer ${s.key}`);
    const json = await api("/api/v1/reports/2026/maluppfyllelse?format=json");
    expect(json.status).toBe(200);
    expect(json.body.title).toBe("Bilaga 2 Tabell måluppfyllelse 2026");
    const csv = await api("/api/v1/reports/2026/avvikelser?format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(decodeURIComponent(String(csv.headers["content-disposition"]))).toContain("Bilaga 6 Avvikelser i samverkan 2026.csv");
    expect((await api("/api/v1/reports/2026/okand")).status).toBe(404);
    expect((await api("/api/v1/reports/2026/samverkan?format=pdf")).status).toBe(422);
    expect((await api("/api/v1/reports/2026")).status).toBe(422);
    const zip = await api("/api/v1/reports/2026?format=zip").buffer(true).parse(binary);
    expect(zip.status).toBe(200);
    expect(Object.keys((await JSZip.loadAsync(zip.body as Buffer)).files)).toHaveLength(20);
  });

  it("när en okänd bilaga eller ett okänt format begärs så blir det 404", async () => {
    expect((await s.lasare.get("/bilagor/2026/okand.docx")).status).toBe(404);
    expect((await s.lasare.get("/bilagor/2026/avvikelser.pdf")).status).toBe(404);
  });
});

describe("texterna till bilagorna", () => {
  const page = "/bilagor?year=2026";

  it("när koordinatorn skriver en sammanfattning och en analys så står de i bilagan i varje format", async () => {
    const sam = await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q8: "Tiden räcker inte alltid.\r\nFlest har ändå förutsättningar.", q4: "Många nämner täta möten." });
    expect(sam.status).toBe(303);
    expect(sam.headers.location).toBe("/bilagor?year=2026#texter-utvardering-samverkan");
    const avv = await postForm(s.admin, page, "/bilagor/2026/avvikelser/texter", { analys: "Avvikelserna rör mest kommunikation.\n\nVi följer upp i Samverk." });
    expect(avv.status).toBe(303);

    const rows = await t.ctx.db.select().from(reportTexts);
    expect(rows.map((r) => `${r.bilaga}:${r.key}`).sort()).toEqual(["avvikelser:analys", "utvardering-samverkan:q4", "utvardering-samverkan:q8"]);
    expect(rows.find((r) => r.key === "q8")!.text).toBe("Tiden räcker inte alltid.\nFlest har ändå förutsättningar.");

    const html = (await s.lasare.get("/bilagor/2026/utvardering-samverkan.html")).text;
    // Each summary under its question's words in the free-text section (also where no comment was written), no section of its own.
    expect(html).not.toContain("Sammanfattning per fråga");
    expect(html).toMatch(/<h3>8\. [^<]+<\/h3>\n<p class="lead">Sammanfattning: Tiden räcker inte alltid\.<\/p>\n<p class="lead">Flest har ändå förutsättningar\.<\/p>/);
    expect(html).toMatch(/<h3>4\. [^<]+<\/h3>\n<p class="lead">Sammanfattning: Många nämner täta möten\.<\/p>/);
    expect(html.indexOf("<h2>Svar i fritext</h2>")).toBeLessThan(html.indexOf("Sammanfattning: Tiden"));
    const docx = await JSZip.loadAsync((await download("/bilagor/2026/utvardering-samverkan.docx")).body as Buffer);
    const doc = await docx.file("word/document.xml")!.async("string");
    expect(doc).toContain("Många nämner täta möten.");
    expect(doc).toContain('w:val="Heading3"');
    expect((await s.lasare.get("/bilagor/2026/utvardering-samverkan.csv")).text).toContain('"Sammanfattning: Tiden räcker inte alltid.\nFlest har ändå förutsättningar."');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download("/bilagor/2026/avvikelser.xlsx")).body as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
    expect(cells).toContain("Avvikelserna rör mest kommunikation.");
    expect(cells).toContain("Vi följer upp i Samverk.");
    const json = await request(t.app).get("/api/v1/reports/2026/avvikelser?format=json").set("Authorization", `Bearer ${s.key}`);
    expect(json.body.sections.at(-1).heading).toBe("Analys");

    const again = await s.koordinator.get(page);
    expect(again.text).toContain("Många nämner täta möten.</textarea>");
    expect(again.text).toContain(`av ${s.koordinatorEmail}.`);
  });

  it("när koordinatorn öppnar sidan så erbjuds en sammanfattning bara för frågorna med fritextsvar, och en annan fråga sparas inte", async () => {
    const res = await s.koordinator.get(page);
    const form = res.text.slice(res.text.indexOf('id="texter-utvardering-samverkan"'), res.text.indexOf('id="texter-avvikelser"'));
    // 4 and 5 are written answers, 2 has its "Annat" text, 8 and 9a–9d their comments; 1, 3, 6 and 7 take no free text.
    expect([...form.matchAll(/<textarea id="([^"]+)"/g)].map((m) => m[1])).toEqual(["q2", "q4", "q5", "q8", "q9a", "q9b", "q9c", "q9d"]);
    await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q3: "Höga betyg." });
    expect((await t.ctx.db.select().from(reportTexts)).some((r) => r.key === "q3")).toBe(false);
  });

  it("när en sammanfattning sparades förut till en fråga utan fritextsvar så finns dess ruta kvar, märkt, tills den töms", async () => {
    await t.ctx.db.insert(reportTexts).values({ forbundId: s.A, year: 2026, bilaga: "utvardering-samverkan", key: "q3", text: "Skriven när alla frågor erbjöds.", updatedAt: new Date() });
    const res = await s.koordinator.get(page);
    expect(res.text).toContain("Skriven när alla frågor erbjöds.</textarea>");
    expect(res.text).toContain("(frågan har inga fritextsvar: töm rutan för att ta bort sammanfattningen)");
    expect((await s.lasare.get("/bilagor/2026/utvardering-samverkan.html")).text).toContain("Sammanfattning: Skriven när alla frågor erbjöds.");
    await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q3: "" });
    expect((await s.lasare.get("/bilagor/2026/utvardering-samverkan.html")).text).not.toContain("Skriven när alla frågor erbjöds.");
    expect((await s.koordinator.get(page)).text).not.toContain('<textarea id="q3"');
  });

  it("när en text töms så tas den bort ur bilagan", async () => {
    await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q5: "Tillfällig text." });
    expect((await s.lasare.get("/bilagor/2026/utvardering-samverkan.html")).text).toContain("Tillfällig text.");
    await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q5: "  " });
    expect((await s.lasare.get("/bilagor/2026/utvardering-samverkan.html")).text).not.toContain("Tillfällig text.");
  });

  it("när texten är för lång eller har personuppgifter så visas sidan igen med 422, ett svenskt fel och texten kvar", async () => {
    const long = "å".repeat(4001);
    const res = await postForm(s.koordinator, page, "/bilagor/2026/utvardering-samverkan/texter", { q9a: long, q5: "Ring mig på anna@example.se" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Något behöver rättas");
    expect(res.text).toContain('href="#q9a"');
    expect(res.text).toMatch(/Sammanfattningen av fråga 9a får vara högst 4.000 tecken\./);
    expect(res.text).toContain("Sammanfattningen av fråga 5: Texten verkar innehålla e-postadress.");
    expect(res.text).toContain(`${long}</textarea>`);
    expect(res.text).toContain("Ring mig på anna@example.se</textarea>");
    expect((await t.ctx.db.select().from(reportTexts)).some((r) => r.text.includes("anna@example.se"))).toBe(false);
    const analys = await postForm(s.admin, page, "/bilagor/2026/avvikelser/texter", { analys: "x".repeat(20001) });
    expect(analys.status).toBe(422);
    expect(analys.text).toMatch(/Analysen får vara högst 20.000 tecken\./);
  });

  it("när läsaren öppnar sidan så finns inga textformulär, och läsaren får inte spara", async () => {
    const res = await s.lasare.get(page);
    expect(res.text).not.toContain("/texter");
    expect((await postForm(s.lasare, page, "/bilagor/2026/avvikelser/texter", { analys: "Försök" })).status).toBe(403);
    expect((await postForm(s.koordinator, page, "/bilagor/2026/maluppfyllelse/texter", { analys: "Fel bilaga" })).status).toBe(404);
  });

  it("när en bilaga förhandsgranskas så visas den i webbläsaren och räknas inte som export", async () => {
    const res = await s.lasare.get(page);
    for (const slug of ["utvardering-samverkan", "avvikelser", "maluppfyllelse", "indikatorenkater"]) expect(res.text).toContain(`/bilagor/2026/${slug}/forhandsgranska`);
    expect(res.text).toContain("Förhandsgranska");
    const before = (await audit.list(t.ctx, s.A)).length;
    const preview = await s.lasare.get("/bilagor/2026/maluppfyllelse/forhandsgranska");
    expect(preview.status).toBe(200);
    expect(preview.headers["content-type"]).toContain("text/html");
    expect(preview.headers["content-disposition"]).toBeUndefined();
    expect(preview.text).toContain("<h1>Bilaga 2 Tabell måluppfyllelse 2026</h1>");
    expect((await audit.list(t.ctx, s.A)).length).toBe(before);
    expect((await s.lasare.get("/bilagor/2026/okand/forhandsgranska")).status).toBe(404);
  });
});
