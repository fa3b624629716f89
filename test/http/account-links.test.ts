/**
 * One-time links and password resets (issue 12, finding 5): a link works once, however many use it at
 * the same moment; a newer link, or using one, ends the account's older ones; asking for a reset answers
 * the same, by the same path, whether or not the address has an account, and sends at most a few mails
 * per address and hour.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { eq } from "drizzle-orm";
import { startTestApp, loginAgent, csrfFrom, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import { createApp } from "../../server/app.js";
import * as accounts from "../../server/accounts/service.js";
import { accountLinks } from "../../models/schema.js";
import type { Mailer } from "../../server/mail.js";
import { settled } from "../../server/later.js";

let now = Date.parse("2025-03-10T08:00:00Z");
const clock = { now: () => new Date(now) };
const advance = (ms: number) => { now += ms; };

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: "true" }, clock }); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => (m.to && typeof m.to === "object" && "text" in m.to ? String(m.to.text) : "");
const mailsTo = (email: string) => t.mail.messages.filter((m) => recipient(m) === email);
const linkIn = (text: string | undefined) => /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(text ?? "")![1];

async function lasare() {
  const { forbund } = await makeForbund(t.ctx);
  return makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
}

/** Asks for a reset link through the form, as a browser would, from one source address. */
async function askReset(email: string, opts: { ip?: string; app?: typeof t.app } = {}) {
  const agent = request.agent(opts.app ?? t.app);
  const page = await agent.get("/konto/glomt-losenord");
  const req = agent.post("/konto/glomt-losenord").type("form").timeout(10_000);
  if (opts.ip) req.set("X-Forwarded-For", opts.ip);
  return req.send({ email, _csrf: csrfFrom(page.text) });
}

describe("engångslänkar", () => {
  async function resetLink(email: string) {
    const before = t.mail.messages.length;
    await accounts.requestReset(t.ctx, email);
    await settled(); await t.delivered();
    const mails = await t.delivered();
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
    await settled(); await t.delivered();
    const valid = (await t.delivered()).filter((m) => recipient(m) === user.email).map((m) => linkIn(m.text));
    expect(valid.length).toBe(3);
    const agent = request.agent(t.app);
    const usable = [];
    for (const l of valid) if ((await request(t.app).get(l)).status === 200) usable.push(l);
    expect(usable.length).toBeGreaterThanOrEqual(1);
    expect((await postForm(agent, usable[0], usable[0], { password: "ännu ett nytt lösenord", confirm: "ännu ett nytt lösenord" })).status).toBe(303);
    for (const l of valid) expect((await request(t.app).get(l)).status).toBe(410);
  });
});

describe("glömt lösenord", () => {
  it("när någon ber om återställning för samma adress 60 gånger så skickas högst 3 mejl i timmen", async () => {
    const user = await lasare();
    for (let i = 0; i < 60; i++) {
      expect((await askReset(user.email, { ip: `10.6.0.${i}` })).status).toBe(200);
    }
    await settled(); await t.delivered();
    await t.delivered();
    const links = await t.ctx.db.select().from(accountLinks).where(eq(accountLinks.userId, user.id));
    expect(links.length).toBe(3);
    expect(mailsTo(user.email).length).toBe(3);
    advance(61 * 60 * 1000);
    await askReset(user.email);
    await settled(); await t.delivered();
    expect(mailsTo(user.email).length).toBe(4);
  });

  it("när en adress ber om återställning för många olika e-postadresser så får den vänta", async () => {
    for (let i = 0; i < 20; i++) expect((await askReset(`nagon-${i}@exempel.se`, { ip: "10.7.0.1" })).status).toBe(200);
    const held = await askReset("nagon-till@exempel.se", { ip: "10.7.0.1" });
    expect(held.status).toBe(429);
    expect(held.text).toContain("För många förfrågningar härifrån");
    expect((await askReset("nagon-till@exempel.se", { ip: "10.7.0.2" })).status).toBe(200);
    await settled(); await t.delivered();
  });

  it("när adressen är okänd så är svaret detsamma som för en känd adress", async () => {
    const user = await lasare();
    const ask = async (email: string) => {
      const res = await askReset(email);
      return { status: res.status, body: res.text.replace(/name="_csrf" value="[^"]*"/g, ""), cookie: !!res.headers["set-cookie"] };
    };
    const known = await ask(user.email);
    const unknown = await ask("finns-inte@exempel.se");
    expect(unknown).toEqual(known);
    await settled(); await t.delivered();
  });

  it("när e-posten dröjer så väntar svaret inte på den: en känd adress tar samma väg som en okänd", async () => {
    // A mailer that holds every message until the test lets it go: an answer that waited for the mail would never come.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const sent: string[] = [];
    const mailer: Mailer = { send: async (m) => { await held; sent.push(m.to); } };
    const app = createApp({ ...t.ctx, mailer, sessionSecret: "test-secret-test-secret-test-secret-0123" });
    const user = await lasare();
    const res = await askReset(user.email, { app });
    expect(res.status).toBe(200);
    expect(sent).toEqual([]);
    release();
    await settled(); await t.delivered();
    expect(sent).toEqual([user.email]);
  }, 20_000);
});
