/**
 * The in-process caches (the insamlingar at /e/<slug> and API tokens, 5 s): a change made through one process
 * is seen by another process on the same database within that bound. The caches' clock (performance.now) is
 * a fake one here, so the 5 s pass without waiting.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import request from "supertest";
import type { App } from "../../server/app.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import { createApp } from "../../server/app.js";
import type { Ctx } from "../../server/context.js";
import * as collections from "../../server/collections/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as languages from "../../server/answering/languages.js";

const BOUND_MS = 5_000;

let t: TestApp;
let A: { app: App; ctx: Ctx }, B: { app: App; ctx: Ctx };
let forbund: Awaited<ReturnType<typeof makeForbund>>;
beforeAll(async () => {
  t = await startTestApp();
  A = { app: t.app, ctx: t.ctx };
  // Another process on the same database: a distinct Database object has caches of its own.
  const ctx: Ctx = { ...t.ctx, database: { ...t.ctx.database } };
  B = { ctx, app: createApp({ ...ctx, sessionSecret: "en-annan-process-en-annan-process-0123" }) };
  forbund = await makeForbund(t.ctx);
});
afterAll(async () => { await t?.close(); });
beforeEach(() => { vi.useFakeTimers({ toFake: ["performance"] }); });
afterEach(() => { vi.useRealTimers(); });

async function admin() {
  const row = await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "admin" });
  return (await accounts.loadForbundUser(t.ctx, row.id))!;
}

describe("insamlingarnas cache", () => {
  it("när en insamling stängs genom process A så ser process B det inom 5 s, och A genast", async () => {
    const user = await admin();
    const c = await collections.createCollection(A.ctx, forbund.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Cacheprov", areaId: forbund.areas[0].id });
    await collections.changeStatus(A.ctx, user, c.id, "oppen");
    expect((await request(B.app).get(`/e/${c.slug}`)).status).toBe(200); // B reads it into its cache
    expect((await request(B.app).get(`/e/${c.slug}/fraga/1`)).status).toBe(200);

    await collections.changeStatus(A.ctx, user, c.id, "stangd");
    expect((await request(A.app).get(`/e/${c.slug}`)).status).toBe(410);
    // Within the bound B may still show it open (its cache) …
    vi.advanceTimersByTime(BOUND_MS - 1);
    expect((await request(B.app).get(`/e/${c.slug}`)).status).toBe(200);
    // … and no later than the bound it asks the database.
    vi.advanceTimersByTime(1);
    expect((await request(B.app).get(`/e/${c.slug}`)).status).toBe(410);
    expect((await request(B.app).get(`/e/${c.slug}/fraga/1`)).status).toBe(410);
  });

  it("när en insamling öppnas genom A efter att B har sett den stängd så tar B emot svar inom 5 s", async () => {
    const user = await admin();
    const c = await collections.createCollection(A.ctx, forbund.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Cacheprov 2", areaId: forbund.areas[0].id, status: "utkast" });
    expect((await request(B.app).get(`/e/${c.slug}`)).status).toBe(404); // not yet open
    await collections.changeStatus(A.ctx, user, c.id, "oppen");
    vi.advanceTimersByTime(BOUND_MS);
    expect((await request(B.app).get(`/e/${c.slug}`)).status).toBe(200);
  });
});

describe("API-nycklarnas cache", () => {
  it("när en nyckel återkallas genom process A så nekar process B den inom 5 s, och A genast", async () => {
    const user = await admin();
    const created = await tokens.createToken(A.ctx, user, "cacheprov");
    const get = (app: App) => request(app).get("/api/v1/organisation").set("Authorization", `Bearer ${created.secret}`);
    expect((await get(B.app)).status).toBe(200);
    await tokens.revokeToken(A.ctx, user, created.id);
    expect((await get(A.app)).status).toBe(401);
    vi.advanceTimersByTime(BOUND_MS - 1);
    expect((await get(B.app)).status).toBe(200);
    vi.advanceTimersByTime(1);
    expect((await get(B.app)).status).toBe(401);
  });

  it("när ett konto inaktiveras genom A så nekar B dess nyckel inom 5 s", async () => {
    const user = await admin();
    const created = await tokens.createToken(A.ctx, user, "cacheprov 2");
    const get = () => request(B.app).get("/api/v1/organisation").set("Authorization", `Bearer ${created.secret}`);
    expect((await get()).status).toBe(200);
    const other = await admin();
    await accounts.setActive(A.ctx, other, forbund.forbund.id, user.id, false);
    vi.advanceTimersByTime(BOUND_MS);
    expect((await get()).status).toBe(401);
  });
});

describe("förbundets egna ord (answering/languages.ts)", () => {
  it("när förbundets ord ändras genom A så visar B dem inom 5 s, och A genast – också på de inspelade första sidorna", async () => {
    // A förbund of its own: B's caches hold the shared one's words since the tests above, on an earlier fake clock.
    const f = await makeForbund(t.ctx);
    const user = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
    const c = await collections.createCollection(A.ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Ordprov", areaId: f.areas[0].id });
    expect((await request(B.app).get(`/e/${c.slug}`)).text).toContain(">Börja</button>");
    expect((await request(A.app).get(`/e/${c.slug}`)).text).toContain(">Börja</button>"); // recorded by A (answering/fast.ts)

    expect((await languages.saveWords(A.ctx, user, "sv", { start: "Sätt igång" })).ok).toBe(true);
    expect((await request(A.app).get(`/e/${c.slug}`)).text).toContain(">Sätt igång</button>");
    vi.advanceTimersByTime(BOUND_MS - 1);
    expect((await request(B.app).get(`/e/${c.slug}`)).text).toContain(">Börja</button>");
    vi.advanceTimersByTime(1);
    expect((await request(B.app).get(`/e/${c.slug}`)).text).toContain(">Sätt igång</button>");
  });
});

