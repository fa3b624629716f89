/**
 * The secrets at start: with no SESSION_SECRET the session secret is created once and kept in the database, the
 * same for every start; the anonymity key comes from outside the database and is found in no table.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sql } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import type { Database } from "../../models/db.js";
import { invitations } from "../../models/schema.js";
import { loadConfig } from "../../server/config.js";
import { createApp } from "../../server/app.js";
import { createMailer } from "../../server/mail.js";
import { createLogger } from "../../server/log.js";
import { systemClock } from "../../server/clock.js";
import type { Ctx } from "../../server/context.js";
import { ANONYMITY_KEY_FILE, anonymityKeyFrom, resolveAnonymityKey, resolveSessionSecret } from "../../server/bootstrap.js";
import * as collections from "../../server/collections/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as held from "../../server/answering/held.js";
import { DbRateLimitStore } from "../../server/ratelimit/store.js";
import { swedishDate } from "../../server/dates.js";

let database: Database;
let dataDir: string;
beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-secrets-"));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
// As if DATABASE_URL were set: resolveSessionSecret takes the database it is given, PGlite or PostgreSQL.
const configOf = (env: Record<string, string> = {}) =>
  loadConfig({ DATA_DIR: dataDir, DATABASE_URL: "postgres://db.example/samspar", BASE_URL: "http://samspar.test", LOG_LEVEL: "silent", ...env });

/** Every row of every table outside the system schemas, as text: what pg_dump would write. */
async function everyTable(db: Database["db"]): Promise<string> {
  const tables = rowsOf<{ s: string; t: string }>(await db.execute(sql`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`));
  expect(tables.map((x) => x.t)).toEqual(expect.arrayContaining(["instance_secrets", "held_invitation_marks", "rate_limit_hits"]));
  const out: string[] = [];
  for (const { s, t } of tables) {
    const rows = rowsOf<{ r: string }>(await db.execute(sql.raw(`select x::text as r from "${s}"."${t}" x`)));
    out.push(...rows.map((r) => `${s}.${t}: ${r.r}`));
  }
  return out.join("\n");
}

/** The forms a secret could take in a column. */
const formsOf = (value: string | Buffer) => {
  const b = typeof value === "string" ? Buffer.from(value) : value;
  return [typeof value === "string" ? value : "", b.toString("hex"), b.toString("base64"), b.toString("base64url")].filter((f) => f.length >= 16);
};

describe("sessionsnyckeln med DATABASE_URL och utan SESSION_SECRET", () => {
  it("när fem processer startar samtidigt och en till startar senare så får alla samma sessionsnyckel, sparad en gång i databasen", async () => {
    const config = configOf();
    const first = await Promise.all(Array.from({ length: 5 }, () => resolveSessionSecret(config, database)));
    expect(new Set(first).size).toBe(1);
    expect(first[0].length).toBeGreaterThanOrEqual(64);
    expect(await resolveSessionSecret(config, database)).toBe(first[0]);
    const stored = rowsOf<{ name: string; value: string }>(await database.db.execute(sql`select name, value from instance_secrets`));
    expect(stored).toEqual([{ name: "session-secret", value: first[0] }]);
  });

  it("när SESSION_SECRET är satt så används den, och databasens nyckel rörs inte", async () => {
    const before = await everyTable(database.db);
    const own = "x".repeat(40);
    expect(await resolveSessionSecret(configOf({ SESSION_SECRET: own }), database)).toBe(own);
    expect(await everyTable(database.db)).toBe(before);
  });
});

describe("anonymitetsnyckeln finns inte i databasen", () => {
  it("när appen har startat utan SESSION_SECRET och ett inbjudningssvar väntar så finns varken nyckeln, dess hemlighet eller något härlett i någon tabell", async () => {
    const config = configOf({ TRUST_PROXY: "loopback" });
    const anonymity = resolveAnonymityKey(config);
    const fileSecret = fs.readFileSync(path.join(dataDir, ANONYMITY_KEY_FILE), "utf8").trim();
    const sessionSecret = await resolveSessionSecret(config, database);
    const deps = {
      config, database, clock: systemClock, log: createLogger("silent"), anonymityKey: anonymity.key,
      mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
    };
    const ctx: Ctx = { ...deps, db: database.db };
    const app = createApp({ ...deps, sessionSecret });

    // An invited respondent's answer waits with its opaque mark; a rate limit has counted an address.
    const f = await makeForbund(ctx);
    const admin = (await accounts.loadForbundUser(ctx, (await makeUser(ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
    const c = await collections.createCollection(ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Nyckelprov", areaId: f.areas[0].id });
    await collections.changeStatus(ctx, admin, c.id, "oppen");
    const [inv] = await ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: c.forbundId, email: "en@inbjuden.se", tokenHash: crypto.randomBytes(32).toString("hex") }).returning();
    expect(await held.holdInvitedAnswers(ctx, {
      collectionId: c.id, forbundId: c.forbundId, invitationId: inv.id, tokenHash: crypto.randomBytes(32).toString("hex"),
      answers: { q1: 4 }, language: "sv", answeredOn: swedishDate(new Date()),
    })).toBe("held");
    expect((await request(app).get(`/a/uppfoljning/${"z".repeat(43)}`).set("X-Forwarded-For", "10.88.0.1")).status).toBe(404);
    expect(await held.isWaiting(ctx, c.id, inv.id)).toBe(true);

    const dump = await everyTable(database.db);
    expect(dump).toContain("held_invitation_marks");
    expect(dump).toContain(sessionSecret); // the session secret is there, as it should be
    const rateKey = crypto.createHmac("sha256", anonymity.key).update("samspar:rate-limit:v1").digest();
    for (const secret of [anonymity.key, fileSecret, rateKey]) {
      for (const form of formsOf(secret)) expect(dump).not.toContain(form);
    }
    // The stored marks are the key's, and the database's own secret does not yield them.
    const marks = rowsOf<{ mark: string }>(await database.db.execute(sql`select mark from held_invitation_marks where collection_id = ${c.id}`)).map((r) => r.mark);
    expect(marks).toEqual([held.invitationMark(ctx, inv.id)]);
    const fromDb = { ...ctx, anonymityKey: anonymityKeyFrom(sessionSecret) };
    expect(held.invitationMark(fromDb, inv.id)).not.toBe(marks[0]);
    expect(new DbRateLimitStore(fromDb, "avvikelser:missar").keyOf("10.88.0.1")).not.toBe(new DbRateLimitStore(ctx, "avvikelser:missar").keyOf("10.88.0.1"));
    expect(dump).toContain(new DbRateLimitStore(ctx, "avvikelser:missar").keyOf("10.88.0.1"));
  });
});
