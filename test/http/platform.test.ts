import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as organisation from "../../server/organisation/service.js";
import * as audit from "../../server/audit/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => {
  const to = m.to as { text?: string } | undefined;
  return to?.text ?? "";
};

describe("plattformen", () => {
  it("när plattformsadministratören skapar ett förbund så syns det i listan med fyra parter och den inbjudna administratören kommer bara åt sitt förbund", async () => {
    const other = await makeForbund(t.ctx, "Förbund Grannen", ["Hemligdalen"]);
    const superadmin = await makeUser(t.ctx, { forbundId: other.forbund.id, role: "superadmin" });
    const agent = await loginAgent(t.app, superadmin.email, PASSWORD);
    const before = (await t.delivered()).length;

    const res = await postForm(agent, "/plattform", "/plattform/forbund", {
      name: "  Samordningsförbundet Nyby ", adminEmail: "Chef@Nyby.se", adminName: "Nina Chef",
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/plattform");
    const page = await agent.get("/plattform");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Förbundet Samordningsförbundet Nyby är skapat");
    expect(page.text).toContain("Samordningsförbundet Nyby");
    expect(page.text).toContain("Förbund Grannen");

    const created = (await organisation.listForbund(t.ctx)).find((f) => f.name === "Samordningsförbundet Nyby")!;
    expect(created).toBeDefined();
    expect(created.isDemo).toBe(false);
    const org = await organisation.getOrganisation(t.ctx, created.id);
    expect(org.parties.map((p) => p.name)).toEqual(["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan"]);
    expect(org.areas).toEqual([]);

    const log = await audit.list(t.ctx, created.id);
    const entry = log.find((e) => e.action === "forbund.created")!;
    expect(entry.detail).toEqual({ forbundId: created.id, name: "Samordningsförbundet Nyby" });
    expect(entry.actorEmail).toBe(superadmin.email);

    const mails = await t.delivered();
    expect(mails).toHaveLength(before + 1);
    const mail = mails[before];
    expect(recipient(mail)).toBe("chef@nyby.se");
    expect(mail.text).toContain("Samordningsförbundet Nyby");
    const link = /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(mail.text ?? "")![1];

    const invited = request.agent(t.app);
    const set = await postForm(invited, link, link, { password: "nybys nya lösenord", confirm: "nybys nya lösenord" });
    expect(set.status).toBe(303);
    expect((await invited.get(link)).status).toBe(410);

    const admin = await loginAgent(t.app, "chef@nyby.se", "nybys nya lösenord");
    const start = await admin.get("/start");
    expect(start.status).toBe(200);
    expect(start.text).toContain("Samordningsförbundet Nyby");
    expect(start.text).not.toContain("Förbund Grannen");
    const orgPage = await admin.get("/organisation");
    expect(orgPage.status).toBe(200);
    expect(orgPage.text).toContain("Försäkringskassan");
    expect(orgPage.text).not.toContain("Hemligdalen");
    expect((await admin.get("/plattform")).status).toBe(403);
  });

  it("när administratörens e-postadress redan har ett konto så blir det 422 vid fältet, värdena står kvar och inget förbund skapas", async () => {
    const home = await makeForbund(t.ctx);
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const existing = await makeUser(t.ctx, { forbundId: home.forbund.id, role: "lasare" });
    const agent = await loginAgent(t.app, superadmin.email, PASSWORD);
    const forbundBefore = await organisation.countForbund(t.ctx);
    const mailsBefore = (await t.delivered()).length;

    const res = await postForm(agent, "/plattform", "/plattform/forbund", {
      name: "Förbund Dubblett", adminEmail: existing.email.toUpperCase(), adminName: "Dubbel Person",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Det finns redan ett konto med den e-postadressen.");
    expect(res.text).toContain('href="#adminEmail"');
    expect(res.text).toContain('id="adminEmail-error"');
    expect(res.text).toContain('value="Förbund Dubblett"');
    expect(res.text).toContain('value="Dubbel Person"');
    expect(res.text).toContain(`value="${existing.email.toUpperCase()}"`);
    expect(await organisation.countForbund(t.ctx)).toBe(forbundBefore);
    expect((await organisation.listForbund(t.ctx)).some((f) => f.name === "Förbund Dubblett")).toBe(false);
    // delivered() first waits for the work the request started after its answer, then delivers the whole
    // outbox: any mail the refused request had caused would be at the SMTP server now.
    expect(await t.delivered()).toHaveLength(mailsBefore);
  });

  it("när förbundets namn saknas eller e-postadressen är ogiltig så blir det 422 med meddelanden och inget förbund", async () => {
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const agent = await loginAgent(t.app, superadmin.email, PASSWORD);
    const forbundBefore = await organisation.countForbund(t.ctx);
    const res = await postForm(agent, "/plattform", "/plattform/forbund", { name: "   ", adminEmail: "inte-en-adress", adminName: "Någon" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Skriv förbundets namn.");
    expect(res.text).toContain('id="adminEmail-error"');
    expect(res.text).toContain('value="inte-en-adress"');
    expect(await organisation.countForbund(t.ctx)).toBe(forbundBefore);
  });

  it("när ett förbund med samma namn redan finns så blir det 422 vid namnet", async () => {
    await makeForbund(t.ctx, "Förbund Samma Namn");
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const agent = await loginAgent(t.app, superadmin.email, PASSWORD);
    const forbundBefore = await organisation.countForbund(t.ctx);
    const res = await postForm(agent, "/plattform", "/plattform/forbund", { name: "förbund samma namn", adminEmail: "ny@samma.se", adminName: "Ny" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Det finns redan ett förbund med det namnet.");
    expect(await organisation.countForbund(t.ctx)).toBe(forbundBefore);
  });

  it.each(["admin", "koordinator", "lasare"] as const)("när en %s öppnar plattformen eller skickar formuläret med giltig CSRF-token så blir det 403", async (role) => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role });
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    expect((await agent.get("/plattform")).status).toBe(403);
    const forbundBefore = await organisation.countForbund(t.ctx);
    const res = await postForm(agent, "/start", "/plattform/forbund", { name: `Smygförbund ${role}`, adminEmail: `smyg-${role}@exempel.se`, adminName: "Smyg" });
    expect(res.status).toBe(403);
    expect(await organisation.countForbund(t.ctx)).toBe(forbundBefore);
  });

  it("när en anonym besökare öppnar eller skickar till plattformen så skickas den till inloggningen", async () => {
    const get = await request(t.app).get("/plattform");
    expect(get.status).toBe(303);
    expect(get.headers.location).toBe("/login?next=%2Fplattform");
    const agent = request.agent(t.app);
    const page = await agent.get("/login");
    const forbundBefore = await organisation.countForbund(t.ctx);
    const post = await agent.post("/plattform/forbund").type("form")
      .send({ name: "Anonymt förbund", adminEmail: "anonym@exempel.se", adminName: "Anonym", _csrf: csrfFrom(page.text) });
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe("/login");
    expect(await organisation.countForbund(t.ctx)).toBe(forbundBefore);
  });

  it("när en plattformsadministratör utan förbund öppnar /start så skickas den till /plattform", async () => {
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const agent = await loginAgent(t.app, superadmin.email, PASSWORD);
    const start = await agent.get("/start");
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe("/plattform");
    const page = await agent.get("/plattform");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Plattform</h1>");
  });
});

describe("plattformens API", () => {
  const superKey = async () => {
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    return { user: superadmin, key: (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, superadmin.id))!, "plattform")).secret };
  };
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it("när plattformens nyckel skapar ett förbund och en nyckel i det så fungerar nyckeln som förbundets integration, och loggen säger vem", async () => {
    const { user, key } = await superKey();
    const created = await request(t.app).post("/api/v1/platform/forbund").set(bearer(key)).send({ name: "Samordningsförbundet API-by" });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(["id"]);
    const id = created.body.id as string;
    const org = await organisation.getOrganisation(t.ctx, id);
    expect(org.parties.map((p) => p.name)).toEqual(["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan"]);

    const made = await request(t.app).post(`/api/v1/platform/forbund/${id}/tokens`).set(bearer(key)).send({ name: "Ekonomisystemet", role: "admin" });
    expect(made.status).toBe(201);
    expect(Object.keys(made.body)).toEqual(["token"]);
    expect(made.headers["cache-control"]).toBe("no-store");
    // the key is the förbund's: it reads the förbund's own things, as its admin
    const own = await request(t.app).get("/api/v1/aggregates/2026").set(bearer(made.body.token));
    expect(own.status).toBe(200);
    expect(own.body.forbund).toEqual({ id, name: "Samordningsförbundet API-by" });
    // a second key of the same role belongs to the same integration account; a läsare key to another
    const second = await request(t.app).post(`/api/v1/platform/forbund/${id}/tokens`).set(bearer(key)).send({ name: "Rapportverktyget", role: "lasare" });
    expect(second.status).toBe(201);
    expect((await request(t.app).get("/api/v1/aggregates/2026").set(bearer(second.body.token))).status).toBe(403);
    const users = await accounts.listUsers(t.ctx, id);
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual([[`integration-admin@${id}.samspar.invalid`, "admin"], [`integration-lasare@${id}.samspar.invalid`, "lasare"]]);

    const log = await audit.list(t.ctx, id);
    expect(log.find((e) => e.action === "forbund.created")).toMatchObject({ actorEmail: user.email });
    const tokenLines = log.filter((e) => e.action === "token.created");
    expect(tokenLines).toHaveLength(2);
    expect(tokenLines.map((e) => e.actorEmail)).toEqual([user.email, user.email]);
    expect(tokenLines.map((e) => (e.detail as { role: string }).role).sort()).toEqual(["admin", "lasare"]);
    expect(JSON.stringify(log)).not.toContain(made.body.token);
  });

  it("när namnet är taget eller fel så blir det 422; ett okänt förbund 404; fel roll 422; och bara plattformens nyckel får", async () => {
    const { key } = await superKey();
    const first = await request(t.app).post("/api/v1/platform/forbund").set(bearer(key)).send({ name: "Förbundet Dubbel" });
    expect(first.status).toBe(201);
    const taken = await request(t.app).post("/api/v1/platform/forbund").set(bearer(key)).send({ name: "förbundet dubbel" });
    expect(taken.status).toBe(422);
    expect(taken.body.error.issues).toEqual([{ path: "name", message: "Det finns redan ett förbund med det namnet." }]);
    const empty = await request(t.app).post("/api/v1/platform/forbund").set(bearer(key)).send({ name: " ", extra: 1 });
    expect(empty.status).toBe(422);
    expect(empty.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["extra", "name"]);

    const badRole = await request(t.app).post(`/api/v1/platform/forbund/${first.body.id}/tokens`).set(bearer(key)).send({ name: "x", role: "superadmin" });
    expect(badRole.status).toBe(422);
    expect(badRole.body.error.issues[0].path).toBe("role");
    const unknown = await request(t.app).post("/api/v1/platform/forbund/7d1f3c2a-5b4e-4a9d-8c6f-0e1d2c3b4a59/tokens").set(bearer(key)).send({ name: "x", role: "admin" });
    expect(unknown.status).toBe(404);

    const f = await makeForbund(t.ctx, "Förbund Vanligt");
    const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
    const adminKey = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, admin.id))!, "admin")).secret;
    expect((await request(t.app).post("/api/v1/platform/forbund").set(bearer(adminKey)).send({ name: "Smyg" })).status).toBe(403);
    expect((await request(t.app).post(`/api/v1/platform/forbund/${f.forbund.id}/tokens`).set(bearer(adminKey)).send({ name: "x", role: "admin" })).status).toBe(403);
    expect((await request(t.app).post("/api/v1/platform/forbund").send({ name: "Smyg" })).status).toBe(401);
  });
});

describe("API-nycklar för konton utan förbund", () => {
  it("när en nationell läsare och en plattformsadministratör utan förbund skapar nycklar på /api-nycklar så ser de sina egna och nyckeln fungerar", async () => {
    const reader = await makeUser(t.ctx, { forbundId: null, role: "nationell" });
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const other = await makeUser(t.ctx, { forbundId: null, role: "nationell" });
    await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, other.id))!, "någon annans");
    for (const [u, name, url] of [[reader, "NNS rapport", "/api/v1/national/indicators?year=2026&questionnaire=indikator-deltagare-pagaende"], [superadmin, "Plattformsskript", null]] as const) {
      const agent = await loginAgent(t.app, u.email, PASSWORD);
      const page = await agent.get("/api-nycklar");
      expect(page.status).toBe(200);
      expect(page.text).toContain('href="/api-nycklar"');
      const made = await postForm(agent, "/api-nycklar", "/api-nycklar", { name });
      expect(made.status).toBe(201);
      const secret = /id="new-token"[^>]*value="(ssp_[^"]+)"/.exec(made.text)![1];
      expect(made.text).toContain(name);
      expect(made.text).not.toContain("någon annans");
      if (url) expect((await request(t.app).get(url).set("Authorization", `Bearer ${secret}`)).status).toBe(200);
      else expect((await request(t.app).post("/api/v1/platform/forbund").set("Authorization", `Bearer ${secret}`).send({ name: "Förbund via egen nyckel" })).status).toBe(201);
    }
  });
});
