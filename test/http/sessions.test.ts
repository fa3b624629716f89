/**
 * Sessions (issue 12, finding 5): a changed or reset password ends the account's other sessions;
 * anonymous visits store no session and set no cookie; a form posted without a signed-in session is
 * still refused when it comes from another site.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sql } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as deviations from "../../server/deviations/service.js";
import { sessions } from "../../models/schema.js";
import { settled } from "../../server/later.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => (m.to && typeof m.to === "object" && "text" in m.to ? String(m.to.text) : "");
const linkIn = (text: string | undefined) => /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(text ?? "")![1];

async function lasare() {
  const { forbund } = await makeForbund(t.ctx);
  return makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
}

const sessionRows = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0].n;

describe("sessioner", () => {
  it("när lösenordet byts så loggas kontots andra sessioner ut, men inte den som bytte", async () => {
    const user = await lasare();
    const mine = await loginAgent(t.app, user.email, PASSWORD);
    const elsewhere = await loginAgent(t.app, user.email, PASSWORD);
    expect((await elsewhere.get("/start")).status).toBe(200);
    const changed = await postForm(mine, "/konto/byt-losenord", "/konto/byt-losenord", { current: PASSWORD, password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord" });
    expect(changed.status).toBe(303);
    expect((await mine.get("/start")).status).toBe(200);
    const out = await elsewhere.get("/start");
    expect(out.status).toBe(303);
    expect(out.headers.location).toContain("/login");
  });

  it("när det nuvarande lösenordet är fel så blir det 422 med ett fel vid fältet, och varken lösenordet eller andra sessioner ändras", async () => {
    const user = await lasare();
    const mine = await loginAgent(t.app, user.email, PASSWORD);
    const elsewhere = await loginAgent(t.app, user.email, PASSWORD);
    const wrong = await postForm(mine, "/konto/byt-losenord", "/konto/byt-losenord", { current: "inte mitt lösenord", password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("Det nuvarande lösenordet stämmer inte.");
    expect((await elsewhere.get("/start")).status).toBe(200);
    expect((await loginAgent(t.app, user.email, PASSWORD).then((a) => a.get("/start"))).status).toBe(200);
  });

  it("när lösenordet återställs via länk så loggas kontots alla sessioner ut", async () => {
    const user = await lasare();
    const elsewhere = await loginAgent(t.app, user.email, PASSWORD);
    await accounts.requestReset(t.ctx, user.email);
    await settled(); await t.delivered();
    const link = linkIn((await t.delivered()).filter((m) => recipient(m) === user.email).at(-1)?.text);
    expect((await postForm(request.agent(t.app), link, link, { password: "återställt lösenord 1", confirm: "återställt lösenord 1" })).status).toBe(303);
    expect((await elsewhere.get("/start")).status).toBe(303);
  });

  it("när städningen körs så tas utgångna sessioner bort och giltiga blir kvar", async () => {
    const now = t.ctx.clock.now();
    await t.ctx.db.insert(sessions).values([
      { sid: "utgangen-session", data: {}, expiresAt: new Date(now.getTime() - 60_000) },
      { sid: "giltig-session", data: {}, expiresAt: new Date(now.getTime() + 60_000) },
    ]);
    await accounts.purgeExpiredSessions(t.ctx);
    const left = (await t.ctx.db.select({ sid: sessions.sid }).from(sessions)).map((r) => r.sid);
    expect(left).toContain("giltig-session");
    expect(left).not.toContain("utgangen-session");
  });

  it("när anonyma besökare öppnar sidor så skapas ingen session och ingen kaka", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const slug = (await deviations.getSettings(t.ctx, forbund.id)).publicSlug;
    const before = await sessionRows();
    const paths = [...Array(30).fill("/login"), ...Array(30).fill(`/a/${slug}`), ...Array(20).fill("/finns-inte"), ...Array(10).fill("/konto/glomt-losenord"), ...Array(10).fill("/start")];
    const cookies: string[] = [];
    for (const p of paths) {
      const res = await request(t.app).get(p);
      expect(res.status).toBeLessThan(500);
      if (res.headers["set-cookie"]) cookies.push(p);
    }
    expect(await sessionRows() - before).toBe(0);
    expect(cookies.length).toBe(0);
  });

  it("när ett formulär utan session kommer från en annan webbplats så avvisas det, men inte från Samspår själv", async () => {
    const user = await lasare();
    const send = (headers: Record<string, string>) => request(t.app).post("/login").set(headers).type("form").send({ email: user.email, password: "fel lösenord" });
    expect((await send({ Origin: "https://ond.example" })).status).toBe(403);
    expect((await send({ "Sec-Fetch-Site": "cross-site", Origin: "https://ond.example" })).status).toBe(403);
    expect((await send({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    expect((await send({ "Sec-Fetch-Site": "same-origin", Origin: "http://samspar.test" })).status).toBe(422);
    expect((await send({ Origin: "http://samspar.test" })).status).toBe(422);
  });

  it("när en inloggad session postar utan rätt token så avvisas det med 403", async () => {
    const user = await lasare();
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    const res = await agent.post("/konto/byt-losenord").type("form").send({ current: PASSWORD, password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord", _csrf: "fel" });
    expect(res.status).toBe(403);
    const none = await agent.post("/logout").type("form").send({});
    expect(none.status).toBe(403);
  });
});
