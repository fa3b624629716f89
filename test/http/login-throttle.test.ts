/**
 * Sign-in that cannot be used to lock people out (issue 12, finding 5): failures are throttled per
 * account and source address together, with growing delays, and per source; a source that has not
 * failed is never held up; the account holder hears about many failures once per hour. The counters
 * live in the database, so every app process sees the same ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { createApp } from "../../server/app.js";
import { settled } from "../../server/later.js";
import { sql } from "drizzle-orm";
import { sha256Hex } from "../../server/crypto.js";

let now = Date.parse("2025-03-10T08:00:00Z");
const clock = { now: () => new Date(now) };
const advance = (ms: number) => { now += ms; };

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: "true" }, clock }); });
afterAll(async () => { await t?.close(); });

const recipient = (m: { to?: unknown }) => (m.to && typeof m.to === "object" && "text" in m.to ? String(m.to.text) : "");
const mailsTo = (email: string) => t.mail.messages.filter((m) => recipient(m) === email);

/** A login from one source address (X-Forwarded-For, with TRUST_PROXY), as a fresh browser would send it. */
async function loginFrom(ip: string, email: string, password: string, app = t.app) {
  const agent = request.agent(app);
  const page = await agent.get("/login").set("X-Forwarded-For", ip);
  return agent.post("/login").set("X-Forwarded-For", ip).type("form").send({ email, password, _csrf: csrfFrom(page.text) });
}

async function lasare() {
  const { forbund } = await makeForbund(t.ctx);
  return makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
}


describe("inloggning som inte kan användas för att låsa ute någon", () => {
  it("när någon gissar fel lösenord från många adresser så kommer ägaren ändå in med rätt lösenord från sin egen adress", async () => {
    const user = await lasare();
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await loginFrom(`10.1.0.${i}`, user.email, `fel ${i}`)).status);
    for (let i = 0; i < 6; i++) statuses.push((await loginFrom("10.1.1.1", user.email, `fel igen ${i}`)).status);
    expect(statuses.filter((s) => s === 422).length).toBeGreaterThanOrEqual(12);
    const owner = await loginFrom("10.1.9.9", user.email, PASSWORD);
    expect(owner.status).toBe(303);
  });

  it("när samma adress gissar fel på samma konto så växer väntan, och rätt lösenord därifrån får vänta den också", async () => {
    const user = await lasare();
    const ip = "10.2.0.1";
    for (let i = 0; i < 4; i++) expect((await loginFrom(ip, user.email, `fel ${i}`)).status).toBe(422);
    const waits: string[] = [];
    for (let round = 0; round < 3; round++) {
      const held = await loginFrom(ip, user.email, PASSWORD);
      expect(held.status).toBe(429);
      expect(held.text).toContain("För många misslyckade inloggningar");
      expect(held.text).toContain(`value="${user.email}"`);
      waits.push(String(held.headers["retry-after"]));
      advance(Number(held.headers["retry-after"]) * 1000);
      expect((await loginFrom(ip, user.email, `fel igen ${round}`)).status).toBe(422);
    }
    expect(waits).toEqual(["1", "2", "4"]);
    const next = await loginFrom(ip, user.email, PASSWORD);
    expect(next.status).toBe(429);
    advance(Number(next.headers["retry-after"]) * 1000);
    expect((await loginFrom(ip, user.email, PASSWORD)).status).toBe(303);
    // a success from that address starts it over
    expect((await loginFrom(ip, user.email, "fel en gång till")).status).toBe(422);
    expect((await loginFrom(ip, user.email, PASSWORD)).status).toBe(303);
  });

  it("när en adress misslyckas mot många konton så stoppas adressen, men inte samma konto från en annan adress", async () => {
    const user = await lasare();
    for (let i = 0; i < 30; i++) expect((await loginFrom("10.3.0.1", `okand-${i}@exempel.se`, "fel lösenord")).status).toBe(422);
    const stopped = await loginFrom("10.3.0.1", user.email, PASSWORD);
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers["retry-after"])).toBeGreaterThan(0);
    expect((await loginFrom("10.3.0.2", user.email, PASSWORD)).status).toBe(303);
  });

  it("när ett konto får många misslyckade inloggningar så får ägaren ett mejl om det, ett per timme och inte ett per försök", async () => {
    const user = await lasare();
    for (let i = 1; i <= 25; i++) await loginFrom(`10.4.0.${i}`, user.email, `fel ${i}`);
    await t.delivered();
    await settled(); await t.delivered();
    const first = mailsTo(user.email);
    expect(first.length).toBe(1);
    expect(first[0].subject).toBe("Misslyckade inloggningar på ditt konto i Samspår");
    expect(first[0].text).toContain("Ditt konto är inte spärrat");
    advance(61 * 60 * 1000);
    for (let i = 1; i <= 12; i++) await loginFrom(`10.4.1.${i}`, user.email, `fel ${i}`);
    await settled(); await t.delivered();
    expect(mailsTo(user.email).length).toBe(2);
    // an address without an account gets no mail
    for (let i = 1; i <= 12; i++) await loginFrom(`10.4.2.${i}`, "ingen-alls@exempel.se", "fel");
    await settled(); await t.delivered();
    expect(mailsTo("ingen-alls@exempel.se").length).toBe(0);
  });

  it("när någon läser räknarna i databasen så kan hen inte pröva sig fram till adressen eller kontot bakom dem", async () => {
    // An attacker with the table tries every candidate (here: the right one) through the key's plain digest.
    const user = await lasare();
    await loginFrom("10.9.8.7", user.email, "fel lösenord");
    const keys = ((await t.ctx.db.execute(sql`select key from auth_throttle`)) as unknown as { rows: { key: string }[] }).rows.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    const guesses = ["login-adress\n10.9.8.7", `login\n${user.email}\n10.9.8.7`, `login-konto\n${user.email}`].map(sha256Hex);
    for (const g of guesses) expect(keys).not.toContain(g);
    expect(keys.join(" ")).not.toContain("10.9.8.7");
  });

  it("när två appar delar databasen så räknar de samma försök", async () => {
    const user = await lasare();
    const other = createApp({ ...t.ctx, sessionSecret: "en-annan-process-en-annan-process-0123" });
    for (let i = 0; i < 4; i++) expect((await loginFrom("10.5.0.1", user.email, `fel ${i}`)).status).toBe(422);
    expect((await loginFrom("10.5.0.1", user.email, "fel igen", other)).status).toBe(429);
  });
});
