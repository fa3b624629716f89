import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as organisation from "../../server/organisation/service.js";
import * as audit from "../../server/audit/service.js";

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
