/**
 * The respondent stack as built for speed: no session or cookie, the insamlingar and API-token caches
 * with their invalidation, first-visit pages sent from a recording, batched statements, and the
 * database's own check that an insamling is open before a finished answer is stored.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { eq, sql } from "drizzle-orm";
import { loginAgent, startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import { collections as collectionsTable, responses, sessions } from "../../models/schema.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
let admin: NonNullable<Awaited<ReturnType<typeof accounts.loadForbundUser>>>;
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
  admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "admin" })).id))!;
});
afterAll(async () => { await t?.close(); });

const newCollection = (v: Partial<collections.CreateCollectionInput> = {}) => collections.createCollection(t.ctx, forbund.forbund.id, {
  questionnaire: "indikator-deltagare-pagaende", year: 2026, name: `Stack ${crypto.randomBytes(3).toString("hex")}`, areaId: forbund.areas[0].id, ...v,
});
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const sessionCount = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0].n;
const finishedOf = async (id: string) => (await t.ctx.db.select().from(responses).where(eq(responses.collectionId, id))).filter((r) => r.finished);
const firstPage = { q1: "5", q2: "4", q3: "6", q4a: "nej", action: "next" };

describe("ingen session för den som svarar", () => {
  it("när någon svarar på hela enkäten så sätts ingen kaka och ingen session sparas, och formuläret har inget CSRF-fält", async () => {
    const c = await newCollection();
    const before = await sessionCount();
    const start = await request(t.app).get(`/e/${c.slug}`);
    const p1 = await request(t.app).get(`/e/${c.slug}/fraga/1?lang=sv`);
    expect(p1.text).not.toContain("_csrf");
    const r1 = await request(t.app).post(`/e/${c.slug}/fraga/1`).type("form")
      .send({ s: hidden(p1.text, "s"), key: hidden(p1.text, "key"), lang: "sv", ...firstPage });
    expect(r1.status).toBe(303);
    const p2 = await request(t.app).get(r1.headers.location);
    const r2 = await request(t.app).post(`/e/${c.slug}/fraga/2`).type("form")
      .send({ s: hidden(p2.text, "s"), key: hidden(p2.text, "key"), lang: "sv", q8: "Bra", action: "next" });
    expect(r2.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    const thanks = await request(t.app).get(r2.headers.location);
    for (const res of [start, p1, r1, p2, r2, thanks]) expect(res.headers["set-cookie"]).toBeUndefined();
    expect(await sessionCount()).toBe(before);
    expect(await finishedOf(c.id)).toHaveLength(1);
  });

  it("när en inloggad handläggare öppnar enkäten så rörs inte sessionen, och personalens formulär kräver fortfarande CSRF", async () => {
    const c = await newCollection();
    const user = await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "koordinator", areaIds: [forbund.areas[0].id] });
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    const page = await agent.get(`/e/${c.slug}/fraga/1`);
    expect(page.status).toBe(200);
    expect(page.headers["set-cookie"]).toBeUndefined();
    expect((await agent.post("/logout").type("form").send({})).status).toBe(403);
  });

  it("när en okänd sökväg under /e/ anropas så blir det 404 utan kaka", async () => {
    const res = await request(t.app).get("/e/abcd1234/okand/sida");
    expect(res.status).toBe(404);
    expect(res.headers["set-cookie"]).toBeUndefined();
  });
});

describe("första besöket ur inspelning", () => {
  it("när frågesidan hämtas flera gånger så är huvuden och sidan desamma men de slumpade fälten nya varje gång", async () => {
    const c = await newCollection();
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await request(t.app).get(`/e/${c.slug}/fraga/1?lang=sv`));
    const headers = (r: request.Response) => JSON.stringify(Object.entries(r.headers).filter(([k]) => k !== "date"));
    const normal = (html: string) => html.replace(/name="(s|key)" value="[^"]+"/g, 'name="$1" value=""');
    for (const p of pages.slice(1)) {
      expect(p.status).toBe(200);
      expect(headers(p)).toBe(headers(pages[0]));
      expect(normal(p.text)).toBe(normal(pages[0].text));
    }
    const values = pages.flatMap((p) => [hidden(p.text, "s"), hidden(p.text, "key")]);
    expect(new Set(values).size).toBe(6);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(pages[0].headers["content-security-policy"]).toContain("script-src 'self'");
    expect(pages[0].headers["cache-control"]).toBe("no-store");
    expect(Number(pages[1].headers["content-length"])).toBe(Buffer.byteLength(pages[1].text));
  });

  it("när insamlingen stängs eller ändras genom tjänsten så syns det genast, även på sidor som spelats in", async () => {
    const c = await newCollection({ languages: ["sv"] });
    expect((await request(t.app).get(`/e/${c.slug}`)).text).not.toContain("English");
    await request(t.app).get(`/e/${c.slug}/fraga/1`);
    await collections.updateDetails(t.ctx, admin, c.id, { name: c.name, opensOn: null, closesOn: null, languages: ["sv", "en"] });
    expect((await request(t.app).get(`/e/${c.slug}`)).text).toContain("English");
    await collections.changeStatus(t.ctx, admin, c.id, "stangd");
    expect((await request(t.app).get(`/e/${c.slug}/fraga/1`)).status).toBe(410);
    expect((await request(t.app).get(`/e/${c.slug}`)).status).toBe(410);
    await collections.changeStatus(t.ctx, admin, c.id, "oppen");
    expect((await request(t.app).get(`/e/${c.slug}/fraga/1`)).status).toBe(200);
  });

});

describe("samlade databassatser", () => {
  it("när många svarar samtidigt så sparas vart och ett av svaren en gång, även när samma sida skickas flera gånger på en gång", async () => {
    const c = await newCollection();
    const tokens = Array.from({ length: 25 }, () => crypto.randomBytes(24).toString("base64url"));
    const send = (s: string, page: number, fields: Record<string, string>) =>
      request(t.app).post(`/e/${c.slug}/fraga/${page}`).type("form").send({ s, key: crypto.randomBytes(24).toString("base64url"), lang: "sv", ...fields });
    const saved = await Promise.all(tokens.map((s, i) => send(s, 1, { ...firstPage, q1: String((i % 6) + 1) })));
    expect(saved.map((r) => r.status)).toEqual(tokens.map(() => 303));
    const twice = [...tokens, tokens[0], tokens[0], tokens[1]];
    const done = await Promise.all(twice.map((s) => send(s, 2, { q8: `Svar ${s.slice(0, 4)}`, action: "next" })));
    expect(done.map((r) => r.headers.location)).toEqual(twice.map(() => `/e/${c.slug}/tack?lang=sv`));
    const rows = await finishedOf(c.id);
    expect(rows).toHaveLength(25);
    // each response kept its own first page
    expect(rows.map((r) => r.answers.q1).sort()).toEqual(tokens.map((_, i) => (i % 6) + 1).sort());
  });

  it("när API:t får många svar samtidigt så får vart och ett sitt eget id", async () => {
    const c = await newCollection();
    const key = (await tokens.createToken(t.ctx, admin, "samtidigt")).secret;
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => request(t.app).post(`/api/v1/collections/${c.id}/responses`)
      .set("Authorization", `Bearer ${key}`).send({ answers: { q1: (i % 6) + 1 } })));
    expect(res.map((r) => r.status)).toEqual(res.map(() => 201));
    expect(new Set(res.map((r) => r.body.id)).size).toBe(20);
    expect(await finishedOf(c.id)).toHaveLength(20);
  });
});

describe("API-nycklar och insamlingar i minnet", () => {
  it("när insamlingen stängs i databasen av en annan process så sparas inget slutfört svar, och den svarande får sidan om stängd enkät", async () => {
    const c = await newCollection();
    const p1 = await request(t.app).get(`/e/${c.slug}/fraga/1`);
    const s = hidden(p1.text, "s")!;
    await request(t.app).post(`/e/${c.slug}/fraga/1`).type("form").send({ s, key: hidden(p1.text, "key"), lang: "sv", ...firstPage });
    // As another process would: straight in the database, so this process's cache still says open.
    await t.ctx.db.update(collectionsTable).set({ status: "stangd" }).where(eq(collectionsTable.id, c.id));
    const done = await request(t.app).post(`/e/${c.slug}/fraga/2`).type("form").send({ s, key: crypto.randomBytes(24).toString("base64url"), lang: "sv", q8: "Sent", action: "next" });
    expect(done.status).toBe(410);
    expect(done.text).toContain("Enkäten är stängd");
    expect(await finishedOf(c.id)).toHaveLength(0);
    // and the cache has learnt it
    expect((await request(t.app).get(`/e/${c.slug}/fraga/1`)).status).toBe(410);
  });
  it("när kontot bakom en nyckel inaktiveras så slutar nyckeln gälla genast, trots att den nyss använts", async () => {
    const u = await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "koordinator", areaIds: [forbund.areas[0].id] });
    const key = (await tokens.createToken(t.ctx, (await accounts.loadForbundUser(t.ctx, u.id))!, "snart ogiltig")).secret;
    const get = () => request(t.app).get("/api/v1/organisation").set("Authorization", `Bearer ${key}`);
    expect((await get()).status).toBe(200);
    await accounts.setActive(t.ctx, admin, forbund.forbund.id, u.id, false);
    expect((await get()).status).toBe(401);
  });

  it("när insamlingen stängs i databasen av en annan process så tar API:t inte emot svaret (409)", async () => {
    const c = await newCollection();
    const key = (await tokens.createToken(t.ctx, admin, "stängd")).secret;
    const post = () => request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${key}`).send({ answers: { q1: 3 } });
    expect((await post()).status).toBe(201);
    await t.ctx.db.update(collectionsTable).set({ status: "stangd" }).where(eq(collectionsTable.id, c.id));
    expect((await post()).status).toBe(409);
    expect(await finishedOf(c.id)).toHaveLength(1);
  });

  it("när en insamling hör till ett annat förbund så hittar inte nyckeln den, inte heller ur minnet", async () => {
    const c = await newCollection();
    const key = (await tokens.createToken(t.ctx, admin, "eget")).secret;
    expect((await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${key}`).send({ answers: { q1: 3 } })).status).toBe(201);
    const other = await makeForbund(t.ctx);
    const otherAdmin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: other.forbund.id, role: "admin" })).id))!;
    const otherKey = (await tokens.createToken(t.ctx, otherAdmin, "annat")).secret;
    expect((await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${otherKey}`).send({ answers: { q1: 3 } })).status).toBe(404);
  });
});
