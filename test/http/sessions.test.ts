/**
 * Sessions (issue 12, finding 5): a changed or reset password ends the account's other sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
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

  it("när lösenordet återställs via länk så loggas kontots alla sessioner ut", async () => {
    const user = await lasare();
    const elsewhere = await loginAgent(t.app, user.email, PASSWORD);
    await accounts.requestReset(t.ctx, user.email);
    await settled();
    const link = linkIn((await t.mail.waitFor(t.mail.messages.length)).filter((m) => recipient(m) === user.email).at(-1)?.text);
    expect((await postForm(request.agent(t.app), link, link, { password: "återställt lösenord 1", confirm: "återställt lösenord 1" })).status).toBe(303);
    expect((await elsewhere.get("/start")).status).toBe(303);
  });
});
