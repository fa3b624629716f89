/** Insamlingar: pages (create, list, details, QR, poster, status), the koordinator's scope, and the collections API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as collections from "../../server/collections/service.js";
import { collections as collectionsTable, responses } from "../../models/schema.js";
import { findSurvey } from "../../surveys/index.js";
import { swedishDate } from "../../server/dates.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const Q = "indikator-deltagare-pagaende";
const today = () => swedishDate(new Date());

/** A förbund with an insats, a koordinator of its first kommunområde, an admin and a läsare, each with an API key. */
async function setup() {
  const f = await makeForbund(t.ctx);
  const A = f.forbund.id;
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Testet", kind: "individinriktad" }, [f.areas[0].id]);
  const { users, keys } = await makeStaff(t.ctx, f);
  return { ...f, A, insats, users, keys };
}

const formFields = (over: Record<string, unknown> = {}) => ({
  questionnaire: Q, year: "2026", name: "Deltagare våren", interventionId: "", areaId: "", respondentGroup: "",
  opensOn: "", closesOn: "", status: "oppen", ...over,
});

describe("insamlingar i webbgränssnittet", () => {
  it("när en koordinator skapar en insamling i formuläret (utan JavaScript) så finns den med adress, QR-kod och i listan", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const form = await agent.get("/insamlingar/ny");
    expect(form.status).toBe(200);
    expect(form.text).toContain("Indikatorenkät – deltagare i pågående insats");
    expect(form.text).toContain(`value="${new Date().getFullYear()}"`);
    // Only the koordinator's own kommunområde is offered.
    expect(form.text).toContain(`value="${s.areas[0].id}"`);
    expect(form.text).not.toContain(`value="${s.areas[1].id}"`);

    const res = await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields({
      interventionId: s.insats.id, areaId: s.areas[0].id, respondentGroup: "deltagare-pagaende", closesOn: "2099-12-31", languages: "en", onePerPage: "ja",
    }));
    expect(res.status).toBe(303);
    const id = /^\/insamlingar\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
    const [row] = await t.ctx.db.select().from(collectionsTable).where(eq(collectionsTable.id, id));
    expect(row).toMatchObject({ forbundId: s.A, questionnaireId: Q, year: 2026, areaId: s.areas[0].id, interventionId: s.insats.id, status: "oppen", closesOn: "2099-12-31", languages: ["sv", "en"], onePerPage: true });

    const page = await agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Insamlingen Deltagare våren är skapad.");
    // the edit form shows the setting ticked, and sending it unticked turns it off
    expect(page.text).toMatch(/id="onePerPage" name="onePerPage" value="ja" checked/);
    expect((await postForm(agent, res.headers.location, res.headers.location, { name: "Deltagare våren", languages: "en" })).status).toBe(303);
    expect((await t.ctx.db.select().from(collectionsTable).where(eq(collectionsTable.id, id)))[0].onePerPage).toBe(false);
    expect(page.text).toContain(`http://samspar.test/e/${row.slug}`);
    expect(page.text).toContain('src="data:image/svg+xml;base64,');
    expect(page.text).toContain(`/insamlingar/${id}/affisch`);
    expect(page.text).toContain(`/insamlingar/${id}/qr.png`);
    expect(page.text).toContain(`/insamlingar/${id}/qr.svg`);

    const list = await agent.get("/insamlingar");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Deltagare våren");
    expect(list.text).toContain("SE-Testet");
    expect(list.text).toContain(s.areas[0].name);
    expect(list.text).toContain("Öppen");
  });

  it("när formuläret har fel så visas det igen med 422, felen och allt som skrevs", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const res = await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields({ name: "", year: "20x6", opensOn: "2026-05-01", closesOn: "2026-04-01", respondentGroup: "personal" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain("Skriv ett namn på insamlingen.");
    expect(res.text).toContain("Skriv året med fyra siffror");
    expect(res.text).toContain("Slutdatumet kan inte vara före startdatumet.");
    expect(res.text).toContain('value="20x6"');
    expect(res.text).toContain('value="2026-05-01"');
    expect(res.text).toMatch(/<option value="personal" selected>/);

    const lang = await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields({ languages: "xx" }));
    expect(lang.status).toBe(422);
    expect(lang.text).toContain("Enkäten finns inte på xx. Den finns på: Svenska");
    const other = await makeForbund(t.ctx);
    const foreign = await orgRepo.insertIntervention(t.ctx.db, { forbundId: other.forbund.id, name: "Främmande", kind: "individinriktad" }, []);
    const bad = await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields({ interventionId: foreign.id }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Insatsen finns inte i förbundet.");
  });

  it("när en koordinator arbetar så gäller bara egna kommunområden: krav på område, 403 för andras insamlingar, och listan visar bara egna", async () => {
    const s = await setup();
    const admin = (await accounts.loadForbundUser(t.ctx, s.users.admin.id))!;
    const others = (await collections.createFor(t.ctx, admin, {
      questionnaire: Q, year: 2026, name: "Södra insamlingen", interventionId: null, areaId: s.areas[1].id, respondentGroup: null, opensOn: null, closesOn: null, status: "oppen",
    }));
    if (!others.ok) throw new Error("kunde inte skapa");
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);

    const noArea = await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields());
    expect(noArea.status).toBe(422);
    expect(noArea.text).toContain("Välj ett av dina kommunområden.");
    expect((await postForm(agent, "/insamlingar/ny", "/insamlingar", formFields({ areaId: s.areas[1].id }))).status).toBe(403);

    const id = others.collection.id;
    expect((await agent.get(`/insamlingar/${id}`)).status).toBe(403);
    expect((await agent.get(`/insamlingar/${id}/qr.png`)).status).toBe(403);
    expect((await agent.get(`/insamlingar/${id}/affisch`)).status).toBe(403);
    expect((await postForm(agent, "/insamlingar", `/insamlingar/${id}/status`, { status: "stangd" })).status).toBe(403);
    expect((await agent.get("/insamlingar")).text).not.toContain("Södra insamlingen");

    const adminAgent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    expect((await adminAgent.get("/insamlingar")).text).toContain("Södra insamlingen");
    expect((await adminAgent.get(`/insamlingar/${id}`)).status).toBe(200);
    // Admins may create insamlingar for the whole förbund.
    const whole = await postForm(adminAgent, "/insamlingar/ny", "/insamlingar", formFields({ name: "Hela förbundet" }));
    expect(whole.status).toBe(303);

    const lasare = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    expect((await lasare.get("/insamlingar")).status).toBe(403);
    expect((await lasare.get(`/insamlingar/${id}`)).status).toBe(403);
  });

  it("när QR-koden laddas ner så är PNG en riktig PNG och SVG en SVG, båda som bilagor", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "QR", areaId: s.areas[0].id });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const png = await agent.get(`/insamlingar/${c.id}/qr.png`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(png.status).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="?qr-${c.slug}\\.png"?$`));
    expect((png.body as Buffer).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const svg = await agent.get(`/insamlingar/${c.id}/qr.svg`).buffer(true).parse((res, cb) => {
      let s = "";
      res.on("data", (d: Buffer) => (s += d.toString()));
      res.on("end", () => cb(null, s));
    });
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="?qr-${c.slug}\\.svg"?$`));
    expect(svg.body as string).toContain("<svg");
  });

  it("när affischen öppnas så har den rubrik, QR-kod, kort adress, anonymitetsmeningen och utskriftsmallen", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Affischen", areaId: s.areas[0].id, interventionId: s.insats.id, closesOn: "2099-06-30" });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const res = await agent.get(`/insamlingar/${c.id}/affisch`);
    expect(res.status).toBe(200);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    expect(res.text).toContain("Indikatorenkät – deltagare i pågående insats");
    expect(res.text).toContain("SE-Testet");
    expect(res.text).toContain(`samspar.test/e/${c.slug}`);
    expect(res.text).toContain("Enkäten är anonym. Ingen kan se vad just du har svarat.");
    // the languages in their own names, each marked with its language
    expect(res.text).toContain('Du kan svara på: <span lang="sv" dir="ltr">Svenska</span> · <span lang="en" dir="ltr">English</span>');
    const arabic = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Affischen ar", areaId: s.areas[0].id });
    await t.ctx.db.update(collectionsTable).set({ languages: ["sv", "ar"] }).where(eq(collectionsTable.id, arabic.id));
    expect((await agent.get(`/insamlingar/${arabic.id}/affisch`)).text).toContain('<span lang="ar" dir="rtl">العربية</span>');
    expect(res.text).toContain('href="/static/css/poster.css"');
    expect(res.text).toContain("Skriv ut");
    expect(res.text).toContain('class="poster-qr" src="data:image/svg+xml;base64,');
    expect(res.text).not.toContain("<script");
    const css = await request(t.app).get("/static/css/poster.css");
    expect(css.text).toContain("@page");
    expect(css.text).toContain("A4");
  });

  it("när status ändras så stängs, öppnas igen och stängningsdagen sparas; namn, datum och språk går att ändra", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Status", areaId: s.areas[0].id, status: "utkast" });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const page = `/insamlingar/${c.id}`;
    expect((await agent.get(page)).text).toContain("Öppna insamlingen");

    expect((await postForm(agent, page, `${page}/status`, { status: "oppen" })).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).status).toBe("oppen");
    expect((await postForm(agent, page, `${page}/status`, { status: "stangd" })).status).toBe(303);
    let stored = await collections.getCollection(t.ctx, s.A, c.id);
    expect(stored).toMatchObject({ status: "stangd", closedOn: today() });
    const closed = await agent.get(page);
    expect(closed.text).toContain("Insamlingen är stängd.");
    expect(closed.text).toContain("Öppna insamlingen igen");
    expect((await postForm(agent, page, `${page}/status`, { status: "oppen" })).status).toBe(303);
    stored = await collections.getCollection(t.ctx, s.A, c.id);
    expect(stored).toMatchObject({ status: "oppen", closedOn: null });
    expect((await postForm(agent, page, `${page}/status`, { status: "utkast" })).status).toBe(422);

    const edited = await postForm(agent, page, page, { name: "Nytt namn", opensOn: "2026-01-10", closesOn: "2026-02-10", languages: ["en"] });
    expect(edited.status).toBe(303);
    expect(await collections.getCollection(t.ctx, s.A, c.id)).toMatchObject({ name: "Nytt namn", opensOn: "2026-01-10", closesOn: "2026-02-10", languages: ["sv", "en"] });
    const bad = await postForm(agent, page, page, { name: "Nytt namn", opensOn: "2026-03-10", closesOn: "2026-02-30" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Slutdatumet finns inte i kalendern.");
    expect(bad.text).toContain('value="2026-03-10"');
  });

  it("när adressernas lagringstid ändras i formuläret så sparas hela dagar 0–365, tomt blir förbundets standard och fel visas med det som skrevs", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Gallring", areaId: s.areas[0].id, closesOn: "2099-06-30" });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const page = `/insamlingar/${c.id}`;
    const fields = (days?: string) => ({ name: "Gallring", opensOn: "", closesOn: "2099-06-30", ...(days !== undefined && { invitationRetentionDays: days }) });
    const shown = await agent.get(page);
    expect(shown.text).toContain('<label for="invitationRetentionDays">');
    expect(shown.text).toContain('id="invitationRetentionDays" name="invitationRetentionDays" type="text" inputmode="numeric" value=""');
    expect(shown.text).toContain("raderas automatiskt när insamlingen har varit stängd i mer än 30 dagar (förbundets standard).");
    // Closing on the close date: closed from 2099-07-01, more than 30 days on 2099-08-01.
    expect(shown.text).toContain("Om insamlingen stänger på slutdatumet raderas de 2099-08-01 (tidigare om den stängs före slutdatumet).");

    expect((await postForm(agent, page, page, fields(" 14 "))).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).invitationRetentionDays).toBe(14);
    const fourteen = await agent.get(page);
    expect(fourteen.text).toContain('inputmode="numeric" value="14"');
    expect(fourteen.text).toContain("raderas automatiskt när insamlingen har varit stängd i mer än 14 dagar.");
    expect(fourteen.text).toContain("raderas de 2099-07-16");

    // A form without the field (an older page) leaves it as it is.
    expect((await postForm(agent, page, page, fields())).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).invitationRetentionDays).toBe(14);
    expect((await postForm(agent, page, page, fields("0"))).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).invitationRetentionDays).toBe(0);
    expect((await agent.get(page)).text).toContain("raderas automatiskt dagen efter att insamlingen har stängts.");
    expect((await postForm(agent, page, page, fields(""))).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).invitationRetentionDays).toBeNull();

    for (const typed of ["366", "tre", "-1", "2,5", "1000"]) {
      const bad = await postForm(agent, page, page, { ...fields(typed), name: "Nytt namn" });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('<a href="#invitationRetentionDays">Skriv antalet dagar som ett heltal från 0 till 365, eller lämna fältet tomt för förbundets standard.</a>');
      expect(bad.text).toContain(`inputmode="numeric" value="${typed}"`);
      expect(bad.text).toContain('aria-describedby="invitationRetentionDays-hint invitationRetentionDays-error" aria-invalid="true"');
      expect(bad.text).toContain('value="Nytt namn"');
    }
    expect(await collections.getCollection(t.ctx, s.A, c.id)).toMatchObject({ name: "Gallring", invitationRetentionDays: null });
  });

  it("när antalet tillfrågade skrivs i formuläret så sparas ett heltal, tomt blir okänt och fel visas med det som skrevs", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Gruppen", areaId: s.areas[0].id });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const page = `/insamlingar/${c.id}`;
    const fields = (asked?: string) => ({ name: "Gruppen", opensOn: "", closesOn: "", ...(asked !== undefined && { asked }) });
    const shown = await agent.get(page);
    expect(shown.text).toContain('<label for="asked">Antal tillfrågade (valfritt)</label>');
    expect(shown.text).toContain('id="asked" name="asked" type="text" inputmode="numeric" value=""');

    expect((await postForm(agent, page, page, fields(" 15 "))).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).asked).toBe(15);
    expect((await agent.get(page)).text).toContain('id="asked" name="asked" type="text" inputmode="numeric" value="15"');
    // A form without the field (an older page) leaves it as it is; empty makes it unknown.
    expect((await postForm(agent, page, page, fields())).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).asked).toBe(15);
    expect((await postForm(agent, page, page, fields(""))).status).toBe(303);
    expect((await collections.getCollection(t.ctx, s.A, c.id)).asked).toBeNull();

    for (const typed of ["femton", "-1", "2,5"]) {
      const bad = await postForm(agent, page, page, { ...fields(typed), name: "Nytt namn" });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('<a href="#asked">Skriv hur många som tillfrågades som ett heltal, 0 eller mer, eller lämna fältet tomt om det inte är känt.</a>');
      expect(bad.text).toContain(`inputmode="numeric" value="${typed}"`);
      expect(bad.text).toContain('aria-describedby="asked-hint asked-error" aria-invalid="true"');
    }
    expect(await collections.getCollection(t.ctx, s.A, c.id)).toMatchObject({ name: "Gruppen", asked: null });
  });

  it("när svar finns så räknas slutförda och ej slutförda var för sig", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Räknas", areaId: s.areas[0].id });
    const r = { collectionId: c.id, forbundId: s.A, answeredOn: today() };
    await t.ctx.db.insert(responses).values([{ ...r, finished: true }, { ...r, finished: true }, { ...r, finished: false }]);
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    expect((await agent.get(`/insamlingar/${c.id}`)).text).toContain("2 slutförda (+ 1 ej slutförda)");
    const list = await agent.get("/insamlingar");
    expect(list.text).toMatch(/<td>2<\/td><td>1<\/td>/);
  });

  it("när någon från ett annat förbund frågar efter en insamling så finns den inte", async () => {
    const s = await setup();
    const c = await collections.createCollection(t.ctx, s.A, { questionnaire: Q, year: 2026, name: "Hemlig", areaId: s.areas[0].id });
    const other = await makeForbund(t.ctx);
    const otherAdmin = await makeUser(t.ctx, { forbundId: other.forbund.id, role: "admin" });
    const agent = await loginAgent(t.app, otherAdmin.email, PASSWORD);
    expect((await agent.get(`/insamlingar/${c.id}`)).status).toBe(404);
    expect((await agent.get(`/insamlingar/${c.id}/qr.svg`)).status).toBe(404);
    expect((await agent.get("/insamlingar")).text).not.toContain("Hemlig");
    expect((await agent.get("/insamlingar/inte-ett-id")).status).toBe(404);
  });
});

describe("API v1 insamlingar", () => {
  const api = (key: string) => ({
    get: (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${key}`),
    post: (path: string, body: object) => request(t.app).post(path).set("Authorization", `Bearer ${key}`).send(body),
    patch: (path: string, body: object) => request(t.app).patch(path).set("Authorization", `Bearer ${key}`).send(body),
  });
  const fields = ["id", "slug", "url", "name", "questionnaire", "questionnaireVersion", "year", "interventionId", "areaId", "respondentGroup",
    "opensAt", "closesAt", "languages", "onePerPage", "status", "invitationRetentionDays", "asked", "responses"];

  it("när en koordinator skapar, listar, hämtar och ändrar en insamling så har svaren exakt de avtalade fälten", async () => {
    const s = await setup();
    const k = api(s.keys.koordinator);
    const created = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "Via API", interventionId: s.insats.id, areaId: s.areas[0].id });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["id", "slug", "url"]);
    expect(created.body.url).toBe(`http://samspar.test/e/${created.body.slug}`);
    const c = await collections.getCollection(t.ctx, s.A, created.body.id);
    expect(collections.isOpen(c, today())).toBe(true);

    const list = await k.get("/api/v1/collections");
    expect(list.status).toBe(200);
    expect(list.body.collections).toHaveLength(1);
    const item = list.body.collections[0];
    expect(Object.keys(item).sort()).toEqual([...fields].sort());
    expect(item).toEqual({
      id: c.id, slug: c.slug, url: created.body.url, name: "Via API", questionnaire: Q, questionnaireVersion: 1, year: 2026,
      interventionId: s.insats.id, areaId: s.areas[0].id, respondentGroup: "deltagare-pagaende", opensAt: null, closesAt: null,
      languages: findSurvey(Q)!.languages, onePerPage: false, status: "oppen", invitationRetentionDays: null, asked: null, responses: { finished: 0, unfinished: 0 },
    });
    const one = await k.get(`/api/v1/collections/${c.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(item);

    const patched = await k.patch(`/api/v1/collections/${c.id}`, { status: "stangd", closesAt: "2026-12-31" });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...item, status: "stangd", closesAt: "2026-12-31" });
    const reopened = await k.patch(`/api/v1/collections/${c.id}`, { status: "oppen", opensAt: "2026-01-01" });
    expect(reopened.body).toMatchObject({ status: "oppen", opensAt: "2026-01-01", closesAt: "2026-12-31" });
  });

  it("när invitationRetentionDays sätts med PATCH så sparas och visas det, null ger förbundets standard och fel värden ger 422", async () => {
    const s = await setup();
    const k = api(s.keys.koordinator);
    const created = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "Gallras", areaId: s.areas[0].id });
    const path = `/api/v1/collections/${created.body.id}`;
    const seven = await k.patch(path, { invitationRetentionDays: 7 });
    expect(seven.status).toBe(200);
    expect(seven.body).toMatchObject({ invitationRetentionDays: 7, status: "oppen" });
    expect((await collections.getCollection(t.ctx, s.A, created.body.id)).invitationRetentionDays).toBe(7);
    // Other changes leave it as it is; the read-only API shows it too.
    expect((await k.patch(path, { status: "stangd" })).body).toMatchObject({ status: "stangd", invitationRetentionDays: 7 });
    expect((await api(s.keys.lasare).get(path)).body.invitationRetentionDays).toBe(7);
    expect((await k.patch(path, { invitationRetentionDays: 0 })).body.invitationRetentionDays).toBe(0);
    expect((await k.patch(path, { invitationRetentionDays: null })).body.invitationRetentionDays).toBeNull();

    for (const bad of ["7", 366, -1, 2.5, true]) {
      const res = await k.patch(path, { invitationRetentionDays: bad });
      expect(res.status).toBe(422);
      expect(res.body.error.issues).toEqual([{ path: "invitationRetentionDays", message: "ska vara ett heltal 0–365 (dagar efter stängning), eller null för förbundets standard" }]);
    }
    expect((await api(s.keys.lasare).patch(path, { invitationRetentionDays: 3 })).status).toBe(403);
    expect((await collections.getCollection(t.ctx, s.A, created.body.id)).invitationRetentionDays).toBeNull();
  });

  it("när asked sätts när insamlingen skapas eller med PATCH så sparas det, null gör det okänt och fel värden ger 422 på svenska", async () => {
    const s = await setup();
    const k = api(s.keys.koordinator);
    const created = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "Tillfrågade", areaId: s.areas[0].id, asked: 15 });
    expect(created.status).toBe(201);
    const path = `/api/v1/collections/${created.body.id}`;
    expect((await k.get(path)).body.asked).toBe(15);
    expect((await k.patch(path, { asked: 0 })).body.asked).toBe(0);
    // Other changes leave it as it is.
    expect((await k.patch(path, { status: "stangd" })).body).toMatchObject({ status: "stangd", asked: 0 });
    expect((await k.patch(path, { asked: null })).body.asked).toBeNull();
    const message = "ska vara ett heltal 0 eller mer (hur många som tillfrågades), eller null om det inte är känt";
    for (const bad of ["15", -1, 2.5, true, 10_000_000]) {
      const res = await k.patch(path, { asked: bad });
      expect(res.status).toBe(422);
      expect(res.body.error.issues).toEqual([{ path: "asked", message }]);
    }
    const badCreate = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "Fel", areaId: s.areas[0].id, asked: -3 });
    expect(badCreate.status).toBe(422);
    expect(badCreate.body.error.issues).toEqual([{ path: "asked", message }]);
    expect((await api(s.keys.lasare).patch(path, { asked: 3 })).status).toBe(403);
    expect((await collections.getCollection(t.ctx, s.A, created.body.id)).asked).toBeNull();
  });

  it("när opensAt ligger i framtiden så är insamlingen öppen men tar inte emot svar förrän då", async () => {
    const s = await setup();
    const res = await api(s.keys.admin).post("/api/v1/collections", { questionnaire: Q, year: 2099, name: "Senare", opensAt: "2099-01-01", closesAt: "2099-02-01", languages: [] });
    expect(res.status).toBe(201);
    const c = await collections.getCollection(t.ctx, s.A, res.body.id);
    expect(c).toMatchObject({ status: "oppen", opensOn: "2099-01-01", closesOn: "2099-02-01", areaId: null, languages: ["sv"] });
    expect(collections.isOpen(c, today())).toBe(false);
  });

  it("när uppgifterna är fel så blir det 422 med varje fält, och en koordinators andra kommunområde ger 403", async () => {
    const s = await setup();
    const k = api(s.keys.koordinator);
    const bad = await k.post("/api/v1/collections", { questionnaire: Q, year: "tjugo", name: "", opensAt: "2026-13-01", extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation");
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["year", "name", "opensAt", "extra"]));
    expect(bad.body.error.issues).toContainEqual({ path: "extra", message: "okänt fält" });

    const unknown = await k.post("/api/v1/collections", { questionnaire: "finns-inte", year: 2026, name: "X", areaId: s.areas[0].id });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: "questionnaire", message: expect.any(String) }]);

    const other = await makeForbund(t.ctx);
    const foreign = await orgRepo.insertIntervention(t.ctx.db, { forbundId: other.forbund.id, name: "Annans", kind: "individinriktad" }, []);
    const foreignIds = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "X", interventionId: foreign.id, areaId: other.areas[0].id });
    expect(foreignIds.status).toBe(422);
    expect(foreignIds.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["areaId", "interventionId"]);

    // A koordinator must name one of their own kommunområden: none or another one is forbidden.
    expect((await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "X" })).status).toBe(403);
    expect((await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "X", areaId: s.areas[1].id })).status).toBe(403);
    expect((await api(s.keys.lasare).post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "X" })).status).toBe(403);

    const created = await k.post("/api/v1/collections", { questionnaire: Q, year: 2026, name: "Datum", areaId: s.areas[0].id, opensAt: "2026-03-01" });
    const dates = await k.patch(`/api/v1/collections/${created.body.id}`, { closesAt: "2026-02-01" });
    expect(dates.status).toBe(422);
    expect(dates.body.error.issues).toEqual([{ path: "closesAt", message: expect.any(String) }]);
    expect((await k.patch(`/api/v1/collections/${created.body.id}`, { status: "utkast" })).status).toBe(422);
    const malformed = await request(t.app).post("/api/v1/collections").set("Authorization", `Bearer ${s.keys.admin}`).type("json").send("{inte json");
    expect(malformed.status).toBe(400);
  });

  it("när läsare, koordinatorer och andra förbund läser så ser var och en rätt insamlingar", async () => {
    const s = await setup();
    const admin = (await accounts.loadForbundUser(t.ctx, s.users.admin.id))!;
    const mk = async (name: string, areaId: string | null) => {
      const r = await collections.createFor(t.ctx, admin, { questionnaire: Q, year: 2026, name, interventionId: null, areaId, respondentGroup: null, opensOn: null, closesOn: null, status: "oppen" });
      if (!r.ok) throw new Error("kunde inte skapa");
      return r.collection;
    };
    const norra = await mk("Norra", s.areas[0].id), sodra = await mk("Södra", s.areas[1].id), hela = await mk("Hela", null);
    const names = async (key: string) => ((await api(key).get("/api/v1/collections")).body.collections as { name: string }[]).map((c) => c.name).sort();
    expect(await names(s.keys.lasare)).toEqual(["Hela", "Norra", "Södra"]);
    expect(await names(s.keys.admin)).toEqual(["Hela", "Norra", "Södra"]);
    expect(await names(s.keys.koordinator)).toEqual(["Norra"]);
    expect((await api(s.keys.lasare).get(`/api/v1/collections/${sodra.id}`)).status).toBe(200);
    expect((await api(s.keys.koordinator).get(`/api/v1/collections/${norra.id}`)).status).toBe(200);
    expect((await api(s.keys.koordinator).get(`/api/v1/collections/${sodra.id}`)).status).toBe(403);
    expect((await api(s.keys.koordinator).patch(`/api/v1/collections/${hela.id}`, { status: "stangd" })).status).toBe(403);

    const other = await setup();
    expect(await names(other.keys.admin)).toEqual([]);
    expect((await api(other.keys.admin).get(`/api/v1/collections/${norra.id}`)).status).toBe(404);
    expect((await api(other.keys.admin).patch(`/api/v1/collections/${norra.id}`, { status: "stangd" })).status).toBe(404);
    expect((await api(other.keys.admin).get("/api/v1/collections/inte-ett-id")).status).toBe(404);
    expect((await request(t.app).get("/api/v1/collections")).status).toBe(401);
    expect((await collections.getCollection(t.ctx, s.A, norra.id)).status).toBe("oppen");
  });
});
