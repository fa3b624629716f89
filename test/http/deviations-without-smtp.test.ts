/**
 * Avvikelser without SMTP (the default): nothing pretends to be sent. The case page says the request is
 * saved but not sent and shows the party's link to pass on; an address typed with the request is used,
 * and saved in the settings only when the user may change them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as deviations from "../../server/deviations/service.js";
import * as accounts from "../../server/accounts/service.js";

let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, koord: Agent;

beforeAll(async () => {
  t = await startTestApp({ smtp: false, clock: { now: () => new Date("2024-03-15T09:00:00Z") } });
  F = await makeForbund(t.ctx, "Förbund Utan Post", ["Eksjö"]);
  const users = {
    admin: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "koordinator", areaIds: [F.areas[0].id] }),
  };
  [admin, koord] = await Promise.all([users.admin, users.koord].map((u) => loginAgent(t.app, u.email, PASSWORD)));
});
afterAll(async () => { await t?.close(); });

const csrfOf = new Map<Agent, string>();
async function send(agent: Agent, action: string, fields: Record<string, unknown>) {
  if (!csrfOf.has(agent)) csrfOf.set(agent, csrfFrom((await agent.get("/konto/byt-losenord")).text));
  return agent.post(action).type("form").send({ ...fields, _csrf: csrfOf.get(agent) });
}
const makeCase = () => makeDeviation(t.ctx, F, { areaId: F.areas[0].id });
const contacts = async () => (await deviations.getSettings(t.ctx, F.forbund.id)).partyContacts;

describe("begäran om svar utan e-post", () => {
  it("när koordinatorn skriver partens adress och e-post inte är inställd så står det sparad men inte skickad, länken visas och fungerar, och inställningarna ändras inte", async () => {
    const c = await makeCase();
    const form = await koord.get(`/avvikelser/${c.id}`);
    expect(form.text).toContain(`name="contact_${F.partyIds.Region}"`);
    expect(form.text).toContain("Be en administratör spara den");

    const res = await send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Region], [`contact_${F.partyIds.Region}`]: "region@exempel.se" });
    expect(res.status).toBe(303);
    const page = await koord.get(`/avvikelser/${c.id}`);
    expect(page.text).toContain("sparad men inte skickad – e-post är inte inställd");
    expect(page.text).not.toContain("Begäran om svar är skickad");
    const link = /http:\/\/samspar\.test(\/a\/svar\/[A-Za-z0-9_-]{40,})/.exec(page.text)!;
    const answerPage = await request(t.app).get(link[1]);
    expect(answerPage.status).toBe(200);
    expect(answerPage.text).toContain(c.caseNumber);
    expect(await contacts()).toEqual({});
    const detail = await deviations.getCase(t.ctx, await loadAdmin(), c.id);
    expect(detail.requests[0].contactEmail).toBe("region@exempel.se");
  });

  it("när en administratör skriver partens adress så sparas den i inställningarna; en ogiltig adress ger 422 med det inskrivna kvar", async () => {
    const c = await makeCase();
    const bad = await send(admin, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Kommun], [`contact_${F.partyIds.Kommun}`]: "inte-en-adress" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(`href="#contact_${F.partyIds.Kommun}"`);
    expect(bad.text).toContain('value="inte-en-adress"');
    const ok = await send(admin, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Kommun], [`contact_${F.partyIds.Kommun}`]: "kommun@exempel.se" });
    expect(ok.status).toBe(303);
    expect(await contacts()).toEqual({ [F.partyIds.Kommun]: "kommun@exempel.se" });
    expect((await admin.get(`/avvikelser/${c.id}`)).text).toContain("sparad men inte skickad – e-post är inte inställd");
    const utkorg = await admin.get("/utkorg");
    expect(utkorg.text).toContain("kommun@exempel.se");
    expect(utkorg.text).toContain("region@exempel.se");
  });

  it("när en part varken har en sparad eller inskriven adress så vägras begäran och fältet för adressen syns", async () => {
    const c = await makeCase();
    const res = await send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Försäkringskassan] });
    expect(res.status).toBe(422);
    expect(res.text).toContain("ingen kontaktadress");
    expect(res.text).toMatch(/<details open>/);
  });
});

async function loadAdmin() {
  const list = await accounts.listUsers(t.ctx, F.forbund.id);
  return (await accounts.loadForbundUser(t.ctx, list.find((u) => u.role === "admin")!.id))!;
}
