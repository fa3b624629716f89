import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";
import * as tokens from "../../server/tokens/service.js";
import * as accounts from "../../server/accounts/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

describe("hälsa", () => {
  it("när processen och databasen är uppe så svarar /healthz och /readyz 200", async () => {
    expect((await request(t.app).get("/healthz")).status).toBe(200);
    const ready = await request(t.app).get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
  });
});

describe("sidor", () => {
  it("när någon öppnar /login så är sidan på svenska med skip-länk och formulär", async () => {
    const res = await request(t.app).get("/login");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('href="#main"');
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("när en sida saknas så blir det en svensk 404-sida", async () => {
    const res = await request(t.app).get("/finns-inte");
    expect(res.status).toBe(404);
    expect(res.text).toContain("Sidan finns inte");
  });

  it("när en anonym besökare öppnar /start så skickas den till inloggningen", async () => {
    const res = await request(t.app).get("/start");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Fstart");
  });
});

describe("inloggning", () => {
  it("när lösenordet är rätt så visar startsidan förbundet, och fel lösenord ger 422 med e-posten kvar", async () => {
    const { forbund } = await makeForbund(t.ctx, "Förbund Inlogg");
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin" });
    const agent = request.agent(t.app);
    const bad = await postForm(agent, "/login", "/login", { email: user.email, password: "fel lösenord" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Fel e-postadress eller lösenord");
    expect(bad.text).toContain(`value="${user.email}"`);
    const ok = await postForm(agent, "/login", "/login", { email: user.email, password: PASSWORD });
    expect(ok.status).toBe(303);
    const start = await agent.get("/start");
    expect(start.status).toBe(200);
    expect(start.text).toContain("Förbund Inlogg");
  });

  it("när ett formulär skickas från en annan webbplats så avvisas det med 403", async () => {
    const res = await request(t.app).post("/login").set("Origin", "https://ond.example").type("form").send({ email: "a@b.se", password: "x" });
    expect(res.status).toBe(403);
  });

  it("när kontot har engångslösenord så måste det bytas innan något annat visas", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin", mustChangePassword: true });
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    const start = await agent.get("/start");
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe("/konto/byt-losenord");
    const changed = await postForm(agent, "/konto/byt-losenord", "/konto/byt-losenord", { current: PASSWORD, password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord" });
    expect(changed.status).toBe(303);
    expect((await agent.get("/start")).status).toBe(200);
  });
});

describe("glömt lösenord", () => {
  it("när en användare ber om återställning så kommer ett mejl via SMTP med en engångslänk som fungerar en gång", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const agent = request.agent(t.app);
    const before = (await t.delivered()).length;
    const res = await postForm(agent, "/konto/glomt-losenord", "/konto/glomt-losenord", { email: user.email });
    expect(res.status).toBe(200);
    const mails = await t.delivered();
    const mail = mails[before];
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(user.email);
    const link = /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(mail.text ?? "")![1];
    const set = await postForm(agent, link, link, { password: "helt nytt lösenord 1", confirm: "helt nytt lösenord 1" });
    expect(set.status).toBe(303);
    expect((await agent.get(link)).status).toBe(410);
    await loginAgent(t.app, user.email, "helt nytt lösenord 1");
  });
});

describe("API v1", () => {
  it("när nyckeln saknas eller är fel så blir det 401 som JSON", async () => {
    const none = await request(t.app).get("/api/v1/organisation");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const bad = await request(t.app).get("/api/v1/organisation").set("Authorization", "Bearer ssp_fel");
    expect(bad.status).toBe(401);
  });

  it("när nyckeln är giltig så visas förbundets organisation i avtalad form, och en återkallad nyckel ger 401", async () => {
    const forbundId = await seedDemoForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId, role: "lasare" });
    const current = (await accounts.loadCurrentUser(t.ctx, user.id))!;
    const { secret, id } = await tokens.createToken(t.ctx, current, "test");
    const res = await request(t.app).get("/api/v1/organisation").set("Authorization", `Bearer ${secret}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["areas", "groups", "id", "interventions", "name", "parties"]);
    expect(res.body.areas.map((a: { name: string }) => a.name)).toEqual(["Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"]);
    expect(res.body.parties.map((p: { name: string }) => p.name)).toEqual(["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan"]);
    expect(res.body.interventions.map((i: { name: string }) => i.name).sort()).toEqual(["Förrehabilitering", "IT-spåret", "SE-Höglandet", "Uppdrag samverkan"]);
    const group = res.body.groups.find((g: { name: string }) => g.name === "Samverk Eksjö styrgrupp");
    expect(Object.keys(group).sort()).toEqual(["areaId", "id", "kind", "name", "partyIds"]);
    expect(group.partyIds).toHaveLength(4);
    await tokens.revokeToken(t.ctx, current, id);
    expect((await request(t.app).get("/api/v1/organisation").set("Authorization", `Bearer ${secret}`)).status).toBe(401);
  });

  it("när en okänd API-väg anropas så blir det 404 som JSON", async () => {
    const res = await request(t.app).get("/api/v1/finns-inte");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
