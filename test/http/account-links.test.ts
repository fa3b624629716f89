/**
 * One-time links (issue 12, finding 5): a link works once, however many use it at the same moment;
 * a newer link, or using one, ends the account's older ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import { settled } from "../../server/later.js";

let now = Date.parse("2025-03-10T08:00:00Z");
const clock = { now: () => new Date(now) };
const advance = (ms: number) => { now += ms; };

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: "true" }, clock }); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => (m.to && typeof m.to === "object" && "text" in m.to ? String(m.to.text) : "");
const linkIn = (text: string | undefined) => /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(text ?? "")![1];

async function lasare() {
  const { forbund } = await makeForbund(t.ctx);
  return makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
}


describe("engångslänkar", () => {
  async function resetLink(email: string) {
    const before = t.mail.messages.length;
    await accounts.requestReset(t.ctx, email);
    await settled();
    const mails = await t.mail.waitFor(before + 1);
    return linkIn(mails.slice(before).find((m) => recipient(m) === email)?.text);
  }

  it("när en länk används tio gånger samtidigt så lyckas exakt en", async () => {
    const user = await lasare();
    const link = await resetLink(user.email);
    const agents = Array.from({ length: 10 }, () => request.agent(t.app));
    const tokens = await Promise.all(agents.map(async (a) => csrfFrom((await a.get(link)).text)));
    const results = await Promise.all(agents.map((a, i) =>
      a.post(link).type("form").send({ _csrf: tokens[i], password: `nytt lösenord nummer ${i}`, confirm: `nytt lösenord nummer ${i}` })));
    const won = results.flatMap((r, i) => (r.status === 303 ? [i] : []));
    expect(won.length).toBe(1);
    expect(results.filter((r) => r.status !== 303).every((r) => r.status === 410)).toBe(true);
    await loginAgent(t.app, user.email, `nytt lösenord nummer ${won[0]}`);
  });

  it("när samma länk löses in tio gånger på en gång i tjänsten så lyckas exakt en", async () => {
    const user = await lasare();
    const token = (await resetLink(user.email)).split("/").at(-1)!;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => accounts.completeLink(t.ctx, token, `parallellt lösenord ${i}`)));
    expect(results.filter(Boolean).length).toBe(1);
  });

  it("när en nyare länk skickas så slutar den äldre att gälla, och den nya fungerar en gång", async () => {
    const user = await lasare();
    const older = await resetLink(user.email);
    advance(1000);
    const newer = await resetLink(user.email);
    expect((await request(t.app).get(older)).status).toBe(410);
    expect((await request(t.app).get(newer)).status).toBe(200);
    const agent = request.agent(t.app);
    expect((await postForm(agent, newer, newer, { password: "ett alldeles nytt lösenord", confirm: "ett alldeles nytt lösenord" })).status).toBe(303);
    expect((await request(t.app).get(newer)).status).toBe(410);
    expect((await request(t.app).get(older)).status).toBe(410);
  });

  it("när en länk används så slutar kontots andra länkar att gälla", async () => {
    const user = await lasare();
    // A link, then two issued at the same moment (two processes): whichever is used ends the others.
    await resetLink(user.email);
    await Promise.all([accounts.requestReset(t.ctx, user.email), accounts.requestReset(t.ctx, user.email)]);
    await settled();
    const valid = (await t.mail.waitFor(t.mail.messages.length)).filter((m) => recipient(m) === user.email).map((m) => linkIn(m.text));
    expect(valid.length).toBe(3);
    const agent = request.agent(t.app);
    const usable = [];
    for (const l of valid) if ((await request(t.app).get(l)).status === 200) usable.push(l);
    expect(usable.length).toBeGreaterThanOrEqual(1);
    expect((await postForm(agent, usable[0], usable[0], { password: "ännu ett nytt lösenord", confirm: "ännu ett nytt lösenord" })).status).toBe(303);
    for (const l of valid) expect((await request(t.app).get(l)).status).toBe(410);
  });
});
