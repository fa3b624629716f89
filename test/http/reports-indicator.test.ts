/**
 * The indicator bilaga as 002 prints it (issue 16): the response rate per insats ("11 deltagare (73 %) har
 * svarat") from the insatsrapport's participants or the invitations, in the results pages, the API and every
 * format of the bilaga, never below the threshold; free text of questions 8–10 grouped with counts in every
 * format, with the förbund's written summary of each free-text question above its answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { INDIKATOR, makeCollection, makeForbund, makeInvitations, makeResponses, makeStaff, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as reports from "../../server/reports/service.js";
import * as results from "../../server/results/service.js";
import * as interventionreports from "../../server/interventionreports/service.js";
import { indicatorTextKey } from "../../server/reports/build.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const nbsp = "\u00a0";
const VIKTIGT = "Att någon lyssnar på mig";
const split = (women: number, men: number) => ({ women, men, other: 0 });
const zero = split(0, 0);

/** SE-Svar: 11 deltagare answered the indikator (q8 the same sentence six times), and the 2026 insatsrapport has 15 participants. */
async function setup(answers = 11) {
  const f = await makeForbund(t.ctx, "Samordningsförbundet Svarsfrekvens");
  const staff = await makeStaff(t.ctx, f);
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.forbund.id, name: "SE-Svar", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const c = await makeCollection(t.ctx, f, { name: "Indikator SE-Svar 2026", interventionId: insats.id });
  await t.ctx.db.insert(responses).values(Array.from({ length: answers }, (_, i) => ({
    collectionId: c.id, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true,
    answers: { q1: 5, q2: 4, q3: 6, q4a: "nej", q5: 4, q6: 5, q7: 5, q8: i < 6 ? [`${VIKTIGT}.`, VIKTIGT.toLowerCase()][i % 2] : `Eget svar ${i}`, q10: "Inget." },
  })));
  const admin = (await accounts.loadForbundUser(t.ctx, staff.users.admin.id))!;
  const saved = await interventionreports.createReport(t.ctx, admin, {
    interventionId: insats.id, areaId: null, periodStart: "2026-01-01", periodEnd: "2026-12-31",
    counts: { participants: split(8, 7), newParticipants: split(2, 2), finished: { arbete: zero, studier: zero, annat: zero }, efterstod: zero }, answers: {},
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  return { f, staff, insats, c, admin };
}

async function docxText(body: Buffer | string): Promise<string> {
  const xml = await (await JSZip.loadAsync(body as Buffer)).file("word/document.xml")!.async("string");
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
async function xlsxText(body: Buffer | string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.value)); })));
  return cells.join("\n");
}
async function everyFormat(admin: Awaited<ReturnType<typeof setup>>["admin"]) {
  const model = await reports.buildModel(t.ctx, admin, 2026, "indikatorenkater");
  const b = reports.bySlug("indikatorenkater")!;
  return {
    model,
    html: String((await reports.renderFile(model, b, 2026, "html")).body),
    docx: await docxText((await reports.renderFile(model, b, 2026, "docx")).body),
    xlsx: await xlsxText((await reports.renderFile(model, b, 2026, "xlsx")).body),
    csv: String((await reports.renderFile(model, b, 2026, "csv")).body),
  };
}

describe("svarsfrekvens", () => {
  it("när insatsrapporten har 15 deltagare och 11 svarat så står 11 av 15 (73 %) på resultatsidan, i API:t och i bilagan i varje format", async () => {
    const s = await setup();
    const filter = { year: 2026, questionnaire: INDIKATOR, interventionId: s.insats.id };
    const out = await results.yearResults(t.ctx, s.admin, filter);
    expect(out.ok && out.results.responseRate).toMatchObject({ answered: 11, asked: 15, basis: "deltagare" });

    const api = await request(t.app).get(`/api/v1/results?year=2026&questionnaire=${INDIKATOR}&interventionId=${s.insats.id}`).set("Authorization", `Bearer ${s.staff.keys.lasare}`);
    expect(api.status).toBe(200);
    expect(api.body.responseRate).toEqual({ answered: 11, asked: 15, share: 11 / 15, basis: "deltagare", text: `11 av 15 (73${nbsp}%)` });
    const one = await request(t.app).get(`/api/v1/collections/${s.c.id}/results`).set("Authorization", `Bearer ${s.staff.keys.admin}`);
    expect(one.body.responseRate).toMatchObject({ answered: 11, asked: 15 });

    const agent = await loginAgent(t.app, s.staff.users.admin.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${s.c.id}`);
    expect(page.text).toContain(`<dt>Svarsfrekvens</dt><dd>11 av 15 (73${nbsp}%)</dd>`);
    expect(page.text).toContain("deltagare i insatsen 2026 enligt insatsrapporten");

    const f = await everyFormat(s.admin);
    for (const text of [f.html, f.docx]) expect(text).toContain(`Svarsfrekvens: 11 av 15 (73${nbsp}%) har svarat (deltagare i insatsen 2026 enligt insatsrapporten).`);
    expect(f.csv).toContain("Svarsfrekvens per insats 2026");
    expect(f.csv).toMatch(/SE-Svar;Deltagare i pågående insats;11;15;73,3;deltagare i insatsen 2026 enligt insatsrapporten/);
    expect(f.xlsx).toContain("Svarsfrekvens per insats 2026");
  });

  it("när svaren är färre än rapporteringsgränsen så visas ingen svarsfrekvens någonstans", async () => {
    const s = await setup(4);
    const out = await results.yearResults(t.ctx, s.admin, { year: 2026, questionnaire: INDIKATOR, interventionId: s.insats.id });
    expect(out.ok && out.results.responseRate).toBeNull();
    const api = await request(t.app).get(`/api/v1/collections/${s.c.id}/results`).set("Authorization", `Bearer ${s.staff.keys.admin}`);
    expect(api.body.responseRate).toBeNull();
    const f = await everyFormat(s.admin);
    expect(f.html).not.toContain("Svarsfrekvens:");
    expect(f.csv).not.toMatch(/;4;15;/);
  });

  it("när antalet tillfrågade är angivet för insamlingen så går det före insatsrapporten, på resultatsidan och i bilagan", async () => {
    const s = await setup();
    const path = `/api/v1/collections/${s.c.id}`;
    const typed = await request(t.app).patch(path).set("Authorization", `Bearer ${s.staff.keys.admin}`).send({ asked: 12 });
    expect(typed.status).toBe(200);
    expect(typed.body.asked).toBe(12);
    const api = await request(t.app).get(`${path}/results`).set("Authorization", `Bearer ${s.staff.keys.admin}`);
    expect(api.body.responseRate).toEqual({ answered: 11, asked: 12, share: 11 / 12, basis: "angivet", text: `11 av 12 (92${nbsp}%)` });
    const f = await everyFormat(s.admin);
    for (const text of [f.html, f.docx]) expect(text).toContain(`Svarsfrekvens: 11 av 12 (92${nbsp}%) har svarat (antal tillfrågade angivet för insamlingen).`);
    // Cleared again: the insatsrapport's 15 participants.
    await request(t.app).patch(path).set("Authorization", `Bearer ${s.staff.keys.admin}`).send({ asked: null });
    expect((await request(t.app).get(`${path}/results`).set("Authorization", `Bearer ${s.staff.keys.admin}`)).body.responseRate).toMatchObject({ asked: 15, basis: "deltagare" });
  });

  it("när insamlingen skickat personliga inbjudningar så räknas svarsfrekvensen på dem", async () => {
    const f = await makeForbund(t.ctx, "Samordningsförbundet Inbjudan");
    const staff = await makeStaff(t.ctx, f);
    const c = await makeCollection(t.ctx, f, { questionnaire: "indikator-styrelse", name: "Styrelsen 2026", areaId: null });
    const emails = Array.from({ length: 10 }, (_, i) => `ledamot${i}@exempel.se`);
    const tokens = await makeInvitations(t.ctx, c, emails);
    const answers = { q1: 5, q2: 5, q3: 5, q4: 5, q5: 5, q6: 5, q7: 5 };
    const made = await makeResponses(t.ctx, c, Array.from({ length: 5 }, () => answers), { invitations: emails.slice(0, 5).map((e) => tokens.get(e)!) });
    expect(made.released).toBe(5);
    const api = await request(t.app).get(`/api/v1/collections/${c.id}/results`).set("Authorization", `Bearer ${staff.keys.admin}`);
    expect(api.body.responseRate).toEqual({ answered: 5, asked: 10, share: 0.5, basis: "inbjudningar", text: `5 av 10 (50${nbsp}%)` });
  });
});

describe("fritext och sammanfattning i indikatorbilagan", () => {
  it("när fråga 8 har samma mening sex gånger så står den en gång med antalet i varje format, och sammanfattningen står ovanför svaren", async () => {
    const s = await setup();
    const key = indicatorTextKey(s.insats.id, INDIKATOR, "deltagare-pagaende", "q8");
    const agent = await loginAgent(t.app, s.staff.users.admin.email, PASSWORD);
    const page = await agent.get("/bilagor?year=2026");
    expect(page.text).toContain("Sammanfattning av fritextfrågorna till indikatorenkäterna");
    expect(page.text).toContain(`name="${key}"`);
    expect(page.text).toContain("SE-Svar, Deltagare i pågående insats: fråga 8. Vad är viktigt för dig för att kunna arbeta eller studera?");
    // Personal data is refused, with what was typed kept.
    const bad = await postForm(agent, "/bilagor?year=2026", "/bilagor/2026/indikatorenkater/texter", { [key]: "Ring 070-123 45 67." });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Ring 070-123 45 67.");
    const ok = await postForm(agent, "/bilagor?year=2026", "/bilagor/2026/indikatorenkater/texter", { [key]: "Deltagarna vill bli lyssnade på." });
    expect(ok.status).toBe(303);

    const f = await everyFormat(s.admin);
    for (const [format, text] of Object.entries({ html: f.html, docx: f.docx, xlsx: f.xlsx, csv: f.csv })) {
      expect(text.split(VIKTIGT).length - 1, format).toBe(1);
      expect(text, format).toContain(`${VIKTIGT}. (6)`);
      expect(text, format).toContain("Sammanfattning: Deltagarna vill bli lyssnade på.");
      expect(text, format).toContain("Inget. (11)");
    }
    // Above the grouped answers, as a paragraph (not an item of the list), in print and in Word.
    expect(f.html.indexOf("Sammanfattning: Deltagarna")).toBeLessThan(f.html.indexOf(`${VIKTIGT}. (6)`));
    expect(f.html).toContain('<p class="lead">Sammanfattning: Deltagarna vill bli lyssnade på.</p>');
    expect(f.docx.indexOf("Sammanfattning: Deltagarna")).toBeLessThan(f.docx.indexOf(`${VIKTIGT}. (6)`));
  });
});
