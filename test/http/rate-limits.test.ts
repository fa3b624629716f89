/**
 * Rate limits count in the database: two app instances on one database (as two processes behind a load
 * balancer) share every counter, on PGlite and on PostgreSQL alike.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sql } from "drizzle-orm";
import type { App } from "../../server/app.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { createApp } from "../../server/app.js";
import type { Ctx } from "../../server/context.js";
import { DbRateLimitStore, purgeExpiredRateLimits } from "../../server/ratelimit/store.js";

// The store's own clock, for the window tests below (the limiters use the wall clock, as express-rate-limit does).
let now = Date.parse("2025-05-05T08:00:00Z");
const clock = () => new Date(now);
const advance = (ms: number) => { now += ms; };

let t: TestApp;
let other: { app: App; ctx: Ctx };
beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: "loopback" } });
  // Another process on the same database: its own app, limiters and caches (a distinct Database object).
  const ctx: Ctx = { ...t.ctx, database: { ...t.ctx.database } };
  other = { ctx, app: createApp({ ...ctx, sessionSecret: "en-annan-process-en-annan-process-0123" }) };
});
afterAll(async () => { await t?.close(); });

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const guess = (i: number) => `/a/uppfoljning/${`gissning${i}`.padEnd(43, "x")}`;
const from = (app: App, ip: string, path: string) => request(app).get(path).set("X-Forwarded-For", ip);

describe("gränserna för påhittade länkar räknas i databasen", () => {
  it("när två appar delar databasen så räknar de samma missar: 20 sammanlagt, inte 20 var", async () => {
    const ip = "10.77.0.1";
    for (let i = 0; i < 20; i++) {
      const res = await from(i % 2 ? other.app : t.app, ip, guess(i));
      expect(res.status, `miss ${i + 1}`).toBe(404);
    }
    expect((await from(t.app, ip, guess(20))).status).toBe(429);
    const blocked = await from(other.app, ip, guess(21));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("För många försök");
    // Another address is not held up.
    expect((await from(other.app, "10.77.0.2", guess(22))).status).toBe(404);
  });

  it("när fönstret (en kvart) har gått ut så räknas det från början igen, i båda apparna", async () => {
    const ip = "10.77.1.1";
    for (let i = 0; i < 20; i++) await from(t.app, ip, guess(i));
    expect((await from(other.app, ip, guess(20))).status).toBe(429);
    // The quarter of an hour has passed: every counter's window ends now.
    await t.ctx.db.execute(sql`update rate_limit_hits set reset_at = now() - interval '1 second'`);
    expect((await from(other.app, ip, guess(21))).status).toBe(404);
    expect((await from(t.app, ip, guess(22))).status).toBe(404);
  });

  it("när en adress räknas så lagras varken adressen eller en okryptad hash av den", async () => {
    const ip = "10.77.2.1";
    await from(t.app, ip, guess(1));
    const dump = JSON.stringify(rowsOf(await t.ctx.db.execute(sql`select * from rate_limit_hits`)));
    expect(dump).not.toContain(ip);
    for (const form of [ip, `::ffff:${ip}`]) {
      for (const alg of ["sha256", "sha1", "md5"]) expect(dump).not.toContain(crypto.createHash(alg).update(form).digest("hex"));
    }
    // The stored key is the keyed hash (under a key derived from the anonymity key, outside the database).
    expect(dump).toContain(new DbRateLimitStore(t.ctx, "avvikelser:missar").keyOf(ip));
  });
});

describe("räknaren i databasen", () => {
  it("när 40 träffar kommer samtidigt genom två processers räknare så räknas var och en exakt en gång", async () => {
    const a = new DbRateLimitStore(t.ctx, "prov:samtidigt", clock), b = new DbRateLimitStore(other.ctx, "prov:samtidigt", clock);
    for (const s of [a, b]) s.init({ windowMs: 60_000 } as Parameters<DbRateLimitStore["init"]>[0]);
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment("10.77.3.1")));
    expect(counts.map((c) => c.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(counts.map((c) => c.resetTime?.getTime())).size).toBe(1);
    await b.decrement("10.77.3.1");
    expect((await a.get("10.77.3.1"))?.totalHits).toBe(39);
    await a.resetKey("10.77.3.1");
    expect(await b.get("10.77.3.1")).toBeUndefined();
  });

  it("när fönstret har gått ut så börjar nästa träff om på 1 med ett nytt fönster", async () => {
    const s = new DbRateLimitStore(t.ctx, "prov:fonster", clock);
    s.init({ windowMs: 60_000 } as Parameters<DbRateLimitStore["init"]>[0]);
    const first = await s.increment("10.77.5.1");
    await s.increment("10.77.5.1");
    advance(60_000);
    expect(await s.get("10.77.5.1")).toBeUndefined();
    await s.decrement("10.77.5.1"); // nothing to give back after the window
    const next = await s.increment("10.77.5.1");
    expect(next.totalHits).toBe(1);
    expect(next.resetTime!.getTime()).toBe(first.resetTime!.getTime() + 60_000);
  });

  it("när ett fönster har gått ut så tar städningen bort raden, och räknare som gäller finns kvar", async () => {
    const s = new DbRateLimitStore(t.ctx, "prov:stadning", clock);
    s.init({ windowMs: 60_000 } as Parameters<DbRateLimitStore["init"]>[0]);
    await s.increment("10.77.4.1");
    advance(30_000);
    expect((await s.increment("10.77.4.1")).totalHits).toBe(2);
    await s.increment("10.77.4.2");
    advance(31_000);
    const before = Number(rowsOf<{ n: string }>(await t.ctx.db.execute(sql`select count(*) as n from rate_limit_hits`))[0].n);
    expect(await purgeExpiredRateLimits(t.ctx, clock())).toBeGreaterThanOrEqual(1);
    expect(await s.get("10.77.4.1")).toBeUndefined();
    expect((await s.get("10.77.4.2"))?.totalHits).toBe(1);
    const after = Number(rowsOf<{ n: string }>(await t.ctx.db.execute(sql`select count(*) as n from rate_limit_hits`))[0].n);
    expect(after).toBeLessThan(before);
    expect(rowsOf(await t.ctx.db.execute(sql`select 1 from rate_limit_hits where reset_at <= ${new Date(now).toISOString()}::timestamptz`))).toHaveLength(0);
  });
});
