/** Respondent languages per förbund (/api/v1/languages) and language versions of questionnaires, standard ones included. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq } from "drizzle-orm";
import { apiRequest, loginAgent, openCollectionByApi, PAGAENDE, postForm, startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbundWithStaff, PASSWORD, type ForbundWithStaff } from "../helpers/factories.js";
import { responses } from "../../models/schema.js";
import { textEntries } from "../../surveys/edit.js";
import { findSurvey } from "../../surveys/index.js";
import { apiKey } from "../../server/questionnaires/languages.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const setup = () => makeForbundWithStaff(t.ctx);
const api = (method: "get" | "put" | "post", path: string, key: string) => apiRequest(t.app, method, path, key);
/** A new insamling through the API, as a koordinator makes one. */
const openCollection = (s: ForbundWithStaff, questionnaire: string, languages?: string[]) =>
  openCollectionByApi(t.app, s.keys.koordinator, { questionnaire, areaId: s.areas[0].id, languages });

describe("språken förbundet erbjuder respondenterna", () => {
  it("när förbundet är nytt så listas varje språk med namn, granskningsläge och påslaget – svenska, lättläst och engelska är på", async () => {
    const s = await setup();
    const r = await api("get", "/api/v1/languages", s.keys.lasare);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(["languages"]);
    expect(r.body.languages.map((l: { code: string }) => l.code).sort()).toEqual(["ar", "en", "fa", "so", "sv", "sv-lattlast", "ti", "uk"]);
    for (const l of r.body.languages) expect(Object.keys(l).sort()).toEqual(["code", "enabled", "name", "state"]);
    const by = Object.fromEntries(r.body.languages.map((l: { code: string }) => [l.code, l]));
    expect(by.ar).toEqual({ code: "ar", name: "العربية", state: "utkast", enabled: false });
    expect(by.sv).toEqual({ code: "sv", name: "Svenska", state: "granskad", enabled: true });
    expect([by["sv-lattlast"].enabled, by.en.enabled, by.so.enabled]).toEqual([true, true, false]);
  });

  it("när administratören slår på arabiska så erbjuds det; en koordinator får inte, och fel indata ger 422 eller 404", async () => {
    const s = await setup();
    expect((await api("put", "/api/v1/languages/ar", s.keys.koordinator).send({ enabled: true })).status).toBe(403);
    expect((await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: "ja" })).status).toBe(422);
    expect((await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: true, extra: 1 })).status).toBe(422);
    expect((await api("put", "/api/v1/languages/xx", s.keys.admin).send({ enabled: true })).status).toBe(404);
    const sv = await api("put", "/api/v1/languages/sv", s.keys.admin).send({ enabled: false });
    expect(sv.status).toBe(422);
    expect(sv.body.error.message).toContain("Svenska kan inte stängas av");
    const on = await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ code: "ar", name: "العربية", state: "utkast", enabled: true });
    const list = await api("get", "/api/v1/languages", s.keys.koordinator);
    expect(list.body.languages.find((l: { code: string }) => l.code === "ar").enabled).toBe(true);
    const off = await api("put", "/api/v1/languages/en", s.keys.admin).send({ enabled: false });
    expect(off.body.enabled).toBe(false);
  });

  it("när ett språk inte är påslaget så kan en ny insamling inte välja det, och en insamling som har det slutar erbjuda det när det slås av", async () => {
    const s = await setup();
    const refused = await api("post", "/api/v1/collections", s.keys.koordinator).send({ questionnaire: PAGAENDE, year: 2026, name: "Utan arabiska", areaId: s.areas[0].id, languages: ["ar"] });
    expect(refused.status).toBe(422);
    await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: true });
    const c = await openCollection(s, PAGAENDE, ["ar"]);
    const on = await request(t.app).get(`/e/${c.slug}?lang=ar`);
    expect(on.text).toContain('<html lang="ar" dir="rtl">');
    expect(on.text).toContain("استبيان المؤشرات – المشاركون في برنامج جارٍ");
    await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: false });
    const off = await request(t.app).get(`/e/${c.slug}?lang=ar`);
    expect(off.text).toContain('<html lang="sv"');
    expect(off.text).not.toContain('hreflang="ar"');
  });
});

describe("språkversioner av enkäter, också standardenkäterna", () => {
  it("när någon hämtar den arabiska versionen av standardenkäten så finns varje text med sin svenska och stabila nycklar, från Samspårs utkast", async () => {
    const s = await setup();
    const r = await api("get", `/api/v1/questionnaires/${PAGAENDE}/translations/ar`, s.keys.koordinator);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ lang: "ar", version: 1, complete: true, state: "utkast" });
    const def = findSurvey(PAGAENDE)!;
    expect(Object.keys(r.body.texts)).toEqual(textEntries(def).map((e) => apiKey(e.key)));
    expect(Object.keys(r.body.texts)).toEqual(expect.arrayContaining(["title", "intro", "q1", "q4a", "q10", "section.stodet.title"]));
    expect(r.body.texts.q1).toEqual({ sv: "Får du stöd på ett sätt som är till stor nytta för dig?", text: "هل تحصل على الدعم بطريقة تفيدك كثيرًا؟" });
    expect((await api("get", `/api/v1/questionnaires/${PAGAENDE}/translations/ar`, s.keys.lasare)).status).toBe(403);
    expect((await api("get", `/api/v1/questionnaires/${PAGAENDE}/translations/sv`, s.keys.admin)).status).toBe(422);
    expect((await api("get", `/api/v1/questionnaires/${PAGAENDE}/translations/ar?version=7`, s.keys.admin)).status).toBe(404);
  });

  it("när en text saknas så är den null och versionen inte komplett; en okänd nyckel ger 422 som namnger den, och svenskan ändras aldrig", async () => {
    const s = await setup();
    const path = "/api/v1/questionnaires/indikator-personal/translations/so";
    const r = await api("get", path, s.keys.koordinator);
    expect(r.body.complete).toBe(false);
    expect(r.body.texts.title.text).toBeNull();
    const unknown = await api("put", path, s.keys.koordinator).send({ texts: { q1: "Su’aal", q99: "x" } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain("q99");
    expect((await api("get", path, s.keys.koordinator)).body.texts.q1.text).toBeNull(); // nothing saved
    const keys = Object.keys(r.body.texts);
    const some = await api("put", path, s.keys.koordinator).send({ texts: { title: "Sahanka shaqaalaha" } });
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ complete: false, missing: keys.filter((k) => k !== "title") });
    const all = await api("put", path, s.keys.koordinator).send({ texts: Object.fromEntries(keys.map((k) => [k, `so: ${k}`])), state: "granskad" });
    expect(all.body).toEqual({ complete: true, missing: [] });
    const after = await api("get", path, s.keys.koordinator);
    expect(after.body.state).toBe("granskad");
    expect(after.body.texts.title).toEqual({ sv: findSurvey("indikator-personal")!.title.sv, text: "so: title" });
    expect(findSurvey("indikator-personal")!.title.so).toBeUndefined(); // the standard in code is untouched
  });

  it("när en koordinator öppnar standardenkätens språkversion så är Samspårs utkast märkta, och att spara med granskad gör versionen granskad", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const show = await agent.get(`/enkater/${PAGAENDE}`);
    expect(show.text).toContain("Språkversioner");
    expect(show.text).toContain(`href="/enkater/${PAGAENDE}/oversattning?lang=so"`);
    const page = await agent.get(`/enkater/${PAGAENDE}/oversattning?lang=so`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("utkast (inte granskad)");
    expect(page.text).toContain("Källa: utkast: Samspårs förslag, inte granskat av en översättare");
    expect(page.text).toContain("Ma u heshaa taageero si aad ugu faa’iido badan adiga?");
    const fields = Object.fromEntries([...page.text.matchAll(/<textarea id="([^"]+)" name="[^"]+"[^>]*>([^<]*)<\/textarea>/g)].map((m) => [m[1], m[2].replace(/&#39;/g, "'").replace(/&amp;/g, "&")]));
    const path = `/enkater/${PAGAENDE}/oversattning?lang=so`;
    const saved = await postForm(agent, path, path, { ...fields, "t:q1": "Ma heshaa taageero faa’iido badan?", granskad: "ja" });
    expect(saved.status).toBe(303);
    const after = await agent.get(`/enkater/${PAGAENDE}/oversattning?lang=so`);
    expect(after.text).toContain("granskad av en översättare");
    expect(after.text).not.toContain("Samspårs förslag");
    expect(after.text).toContain("Ma heshaa taageero faa’iido badan?");
    expect((await loginAgent(t.app, s.users.lasare.email, PASSWORD).then((a) => a.get(`/enkater/${PAGAENDE}/oversattning?lang=so`))).status).toBe(403);
  });

  it("när en deltagare svarar på arabiska så hör svaret till standardenkätens insamling och version, som de svenska svaren", async () => {
    const s = await setup();
    await api("put", "/api/v1/languages/ar", s.keys.admin).send({ enabled: true });
    const c = await openCollection(s, PAGAENDE);
    const json = (await api("get", `/api/v1/collections/${c.id}`, s.keys.koordinator)).body;
    expect(json).toMatchObject({ questionnaire: PAGAENDE, questionnaireVersion: 1 });
    expect(json.languages).toContain("ar");
    const agent = request.agent(t.app);
    const first = await agent.get(`/e/${c.slug}/fraga/1`).set("Accept-Language", "ar-SE,ar;q=0.9");
    expect(first.text).toContain('<html lang="ar" dir="rtl">');
    const hidden = Object.fromEntries([...first.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const moved = await agent.post(`/e/${c.slug}/fraga/1`).type("form").send({ ...hidden, q1: "6", q2: "5", q3: "4", q4a: "nej", q5: "5", q6: "4", q7: "6", action: "next" });
    expect(moved.status).toBe(303);
    const second = await agent.get(moved.headers.location);
    const hidden2 = Object.fromEntries([...second.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, "&")]));
    const done = await agent.post(`/e/${c.slug}/fraga/2`).type("form").send({ ...hidden2, action: "next" });
    expect(done.status).toBe(303);
    const rows = await t.ctx.db.select().from(responses).where(and(eq(responses.collectionId, c.id), eq(responses.finished, true)));
    expect(rows.map((r) => [r.language, r.answers.q1])).toEqual([["ar", 6]]);
    const counted = (await api("get", `/api/v1/collections/${c.id}`, s.keys.koordinator)).body;
    expect(counted.responses.finished).toBe(1);
  });
});
