import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => (m.to && typeof m.to === "object" && "text" in m.to ? String(m.to.text) : "");

async function adminOf(areaNames?: string[]) {
  const f = await makeForbund(t.ctx, undefined, areaNames);
  const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
  return { ...f, admin, agent: await loginAgent(t.app, admin.email, PASSWORD) };
}

describe("användare", () => {
  it("när admin bjuder in en koordinator så kommer ett mejl via SMTP vars länk låter hen välja lösenord och logga in", async () => {
    const { agent, areas } = await adminOf();
    const page = await agent.get("/anvandare");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Bjud in en användare");
    expect(page.text).toContain("Samverkanskoordinator");
    const before = (await t.delivered()).length;
    const res = await postForm(agent, "/anvandare", "/anvandare", {
      email: "Ny.Koordinator@Exempel.se", name: "Nora Koordinator", role: "koordinator", areaIds: [areas[1].id],
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/anvandare");
    const list = await agent.get("/anvandare");
    expect(list.text).toContain("En inbjudan är skickad till ny.koordinator@exempel.se");
    expect(list.text).toContain("Nora Koordinator");
    expect(list.text).toContain("Södra");
    expect(list.text).toContain("Inbjudan väntar");

    const mail = (await t.delivered())[before];
    expect(recipient(mail)).toBe("ny.koordinator@exempel.se");
    expect(mail.subject).toBe("Inbjudan till Samspår");
    expect(mail.text).toContain("7 dagar");
    const link = /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(mail.text ?? "")![1];
    const invitee = request.agent(t.app);
    const set = await postForm(invitee, link, link, { password: "koordinatorns lösenord", confirm: "koordinatorns lösenord" });
    expect(set.status).toBe(303);
    await loginAgent(t.app, "ny.koordinator@exempel.se", "koordinatorns lösenord");
    expect((await agent.get("/anvandare")).text).not.toContain("Inbjudan väntar");
  });

  it("när e-postadressen redan har ett konto så visas formuläret igen med 422, meddelandet vid fältet och det som skrevs", async () => {
    const { agent, forbund } = await adminOf();
    const other = await makeForbund(t.ctx);
    const taken = await makeUser(t.ctx, { forbundId: other.forbund.id, role: "lasare" });
    const before = (await t.delivered()).length;
    const res = await postForm(agent, "/anvandare", "/anvandare", { email: taken.email, name: "Dubbel Person", role: "lasare" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Något behöver rättas");
    expect(res.text).toMatch(/id="email-error"[^>]*>.*Det finns redan ett konto med den e-postadressen/s);
    expect(res.text).toContain(`value="${taken.email}"`);
    expect(res.text).toContain('value="Dubbel Person"');
    expect(res.text).toMatch(/value="lasare" checked/);
    expect((await accounts.listUsers(t.ctx, forbund.id)).map((u) => u.email)).not.toContain(taken.email);
    expect((await t.delivered()).length).toBe(before);
  });

  it("när inbjudan saknar namn och roll så blir det 422 med meddelanden och valda kommunområden kvar", async () => {
    const { agent, areas } = await adminOf();
    const res = await postForm(agent, "/anvandare", "/anvandare", { email: "inte-en-adress", name: "", areaIds: areas[0].id });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Skriv en giltig e-postadress.");
    expect(res.text).toContain("Skriv personens namn.");
    expect(res.text).toContain("Välj en roll.");
    expect(res.text).toContain('value="inte-en-adress"');
    expect(res.text).toMatch(new RegExp(`value="${areas[0].id}" checked`));
  });

  it("när admin ändrar namn, roll och kommunområden så sparas det, och ett ogiltigt formulär ger 422", async () => {
    const { agent, forbund, areas } = await adminOf();
    const person = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const page = await agent.get(`/anvandare/${person.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(person.email);
    const bad = await postForm(agent, `/anvandare/${person.id}`, `/anvandare/${person.id}`, { name: "", role: "koordinator" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Skriv personens namn.");
    const ok = await postForm(agent, `/anvandare/${person.id}`, `/anvandare/${person.id}`, { name: "Kim Ny", role: "koordinator", areaIds: [areas[0].id, areas[1].id] });
    expect(ok.status).toBe(303);
    const saved = await accounts.getUser(t.ctx, forbund.id, person.id);
    expect(saved).toMatchObject({ name: "Kim Ny", role: "koordinator" });
    expect(saved.areaIds.sort()).toEqual([areas[0].id, areas[1].id].sort());
  });

  it("när admin i förbund A ber om en användare i förbund B så blir det 404 och inget ändras", async () => {
    const { agent } = await adminOf();
    const b = await makeForbund(t.ctx);
    const stranger = await makeUser(t.ctx, { forbundId: b.forbund.id, role: "lasare" });
    expect((await agent.get(`/anvandare/${stranger.id}`)).status).toBe(404);
    expect((await postForm(agent, "/anvandare", `/anvandare/${stranger.id}`, { name: "Kapad", role: "admin" })).status).toBe(404);
    expect((await postForm(agent, "/anvandare", `/anvandare/${stranger.id}/inaktivera`, {})).status).toBe(404);
    expect((await postForm(agent, "/anvandare", `/anvandare/${stranger.id}/ny-inbjudan`, {})).status).toBe(404);
    expect((await agent.get("/anvandare/inte-ett-id")).status).toBe(404);
    expect((await agent.get("/anvandare")).text).not.toContain(stranger.email);
    expect(await accounts.getUser(t.ctx, b.forbund.id, stranger.id)).toMatchObject({ role: "lasare", active: true });
  });

  it("när admin inaktiverar en användare så loggas hen ut direkt och kan inte logga in, och aktivering ger tillbaka inloggningen", async () => {
    const { agent, forbund } = await adminOf();
    const person = await makeUser(t.ctx, { forbundId: forbund.id, role: "koordinator" });
    const theirs = await loginAgent(t.app, person.email, PASSWORD);
    expect((await theirs.get("/start")).status).toBe(200);
    const res = await postForm(agent, `/anvandare/${person.id}`, `/anvandare/${person.id}/inaktivera`, {});
    expect(res.status).toBe(303);
    expect((await agent.get(`/anvandare/${person.id}`)).text).toContain("Inaktiverad");
    const after = await theirs.get("/start");
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    const retry = await postForm(request.agent(t.app), "/login", "/login", { email: person.email, password: PASSWORD });
    expect(retry.status).toBe(422);
    await postForm(agent, `/anvandare/${person.id}`, `/anvandare/${person.id}/aktivera`, {});
    await loginAgent(t.app, person.email, PASSWORD);
  });

  it("när admin försöker inaktivera sig själv så visas en vänlig 403-sida", async () => {
    const { agent, admin } = await adminOf();
    const res = await postForm(agent, "/anvandare", `/anvandare/${admin.id}/inaktivera`, {});
    expect(res.status).toBe(403);
    expect(res.text).toContain("Du kan inte inaktivera ditt eget konto.");
  });

  it("när inbjudan inte har använts så kan admin skicka en ny länk, men inte till den som redan valt lösenord", async () => {
    const { agent, forbund, admin } = await adminOf();
    const actor = (await accounts.loadCurrentUser(t.ctx, admin.id))!;
    const invited = await accounts.inviteUser(t.ctx, actor, forbund.id, { email: `vantar-${Date.now()}@exempel.se`, name: "Väntar", role: "lasare", areaIds: [] });
    const before = (await t.delivered()).length;
    const res = await postForm(agent, `/anvandare/${invited.id}`, `/anvandare/${invited.id}/ny-inbjudan`, {});
    expect(res.status).toBe(303);
    const mail = (await t.delivered())[before];
    expect(recipient(mail)).toBe(invited.email);
    expect(mail.text).toMatch(/\/konto\/losenord\//);
    const hasPassword = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    expect((await postForm(agent, `/anvandare/${hasPassword.id}`, `/anvandare/${hasPassword.id}/ny-inbjudan`, {})).status).toBe(409);
  });

  it("när en koordinator eller läsare öppnar användarsidan så blir det 403", async () => {
    const { forbund } = await makeForbund(t.ctx);
    for (const role of ["koordinator", "lasare"] as const) {
      const u = await makeUser(t.ctx, { forbundId: forbund.id, role });
      const agent = await loginAgent(t.app, u.email, PASSWORD);
      expect((await agent.get("/anvandare")).status).toBe(403);
      expect((await agent.get(`/anvandare/${u.id}`)).status).toBe(403);
      expect((await postForm(agent, "/start", "/anvandare", { email: "x@exempel.se", name: "X", role: "admin" })).status).toBe(403);
    }
  });
});
