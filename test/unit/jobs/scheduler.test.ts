/**
 * The scheduler on the test's database (PGlite, or PostgreSQL with TEST_DATABASE_URL): pg-boss's schema,
 * schedules, workers and maintenance through the app's own connection, and one run per period of a
 * scheduled job however many schedulers run on the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { waitFor } from "../../helpers/wait.js";
import { openTestDatabase } from "../../helpers/db.js";
import { fromUrl, type Database } from "../../../models/db.js";
import { loadConfig } from "../../../server/config.js";
import { createMailer } from "../../../server/mail.js";
import type { Ctx } from "../../../server/context.js";
import { bossDb, startScheduler, type Scheduler } from "../../../server/jobs/scheduler.js";
import { runJob } from "../../../server/jobs/service.js";
import type { JobDefinition } from "../../../server/jobs/registry.js";

let database: Database;
let ctx: Ctx;
const errors: string[] = [];

function ctxOn(d: Database): Ctx {
  const config = loadConfig({ DATA_DIR: "/nonexistent-test-dir", BASE_URL: "http://samspar.test", LOG_LEVEL: "silent" });
  const clock = { now: () => new Date() };
  const log = { info: () => {}, error: (m: string) => { errors.push(m); } };
  return { config, database: d, db: d.db, clock, log, anonymityKey: "k", mailer: createMailer({ db: d.db, clock, from: config.mailFrom }) };
}

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = ctxOn(database);
});
afterAll(async () => { await database?.close(); });

const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
const client = () => (database.db as unknown as { $client: unknown }).$client;
const runsOf = async (job: string) =>
  (await rows<{ n: number; ok: number }>(sql`select count(*)::int as n, count(*) filter (where outcome = 'ok')::int as ok from job_runs where job = ${job}`))[0];
const until = (check: () => Promise<boolean>, ms: number) => waitFor("jobbkörningen", check, { timeout: ms, interval: 100 });
/** pg-boss stamps `cron_on` each time a scheduler has checked the schedules (at most once per cronMonitorIntervalSeconds). */
const cronChecked = async () => (await rows<{ at: string | null }>(sql`select cron_on::text as at from pgboss.version`))[0]?.at ?? null;
/** Waits until the schedules have been checked `n` more times. */
async function cronChecks(n: number) {
  const seen = new Set([await cronChecked()]);
  await waitFor(`${n} nya kontroller av schemat`, async () => { seen.add(await cronChecked()); return seen.size > n; }, { timeout: 20_000, interval: 50 });
}
const fast = { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, maintenanceIntervalSeconds: 1, stopTimeoutMs: 2000 };

describe("jobbkön på appens databas", () => {
  it("när pg-boss flera satser misslyckas så rullas de tillbaka och appens anslutning fungerar sedan", async () => {
    const boss = bossDb(ctx.db);
    await expect(boss.executeSql("BEGIN; select 1; select 1/0; COMMIT;", [])).rejects.toThrow(/division by zero/);
    const c = client();
    if (c instanceof PGlite) expect(c.isInTransaction()).toBe(false);
    // Every connection of the pool is still usable (none was handed back inside an aborted transaction).
    for (let i = 0; i < 12; i++) expect((await rows(sql`select 1 as one`))[0]).toEqual({ one: 1 });
  });

  it("när två schemaläggare körs på samma databas så körs ett schemalagt jobb en gång per period", async () => {
    // Every minute: pg-boss's cron is per minute, the shortest period there is.
    let active = 0, overlapped = false;
    const job: JobDefinition = {
      name: "provjobb", label: "Provjobb", cron: "* * * * *", when: "Varje minut", scope: "plattform",
      async run() {
        if (active++) overlapped = true;
        await new Promise((r) => setTimeout(r, 200));
        active--;
        return { total: { varv: 1 } };
      },
      describe: (c) => `${c.varv ?? 0} varv`,
    };
    // The second scheduler has a database handle of its own: a second pool on PostgreSQL, as another
    // process would; PGlite is one process's by construction, so there the two share its one instance.
    const c = client();
    const other = c instanceof pg.Pool ? fromUrl(String((c as pg.Pool).options.connectionString)) : undefined;
    const ctx2 = other ? ctxOn(other) : ctx;
    const t0 = Date.now();
    let a: Scheduler | undefined, b: Scheduler | undefined;
    try {
      [a, b] = await Promise.all([startScheduler(ctx, { ...fast, jobs: [job] }), startScheduler(ctx2, { ...fast, jobs: [job] })]);
      await until(async () => (await runsOf("provjobb")).n >= 1, 20_000);
      // The schedules are checked twice more (each check would send a second job if the dedup failed).
      await cronChecks(2);
    } finally {
      await Promise.all([a?.stop(), b?.stop()]);
      await other?.close();
    }
    const t1 = Date.now();
    const minutes = Math.floor(t1 / 60_000) - Math.floor(t0 / 60_000) + 1;
    const runs = await runsOf("provjobb");
    expect(runs.n).toBeGreaterThanOrEqual(1);
    expect(runs.n).toBeLessThanOrEqual(minutes);
    expect(runs.ok).toBe(runs.n);
    expect(overlapped).toBe(false);
    const queued = (await rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'provjobb'`))[0].n;
    expect(queued).toBe(runs.n);
    // pg-boss's maintenance ran (every second here) without an error.
    expect(errors.filter((e) => e.startsWith("Jobbkön"))).toEqual([]);
    const schedules = await rows<{ name: string; timezone: string }>(sql`select name, timezone from pgboss.schedule`);
    expect(schedules).toEqual([{ name: "provjobb", timezone: "Europe/Stockholm" }]);
  });

  it("när ett jobb kastar ett fel så sparas körningen som misslyckad, utan personuppgifter i felet", async () => {
    const job: JobDefinition = {
      name: "trasigt", label: "Trasigt", cron: "0 * * * *", when: "", scope: "plattform",
      run: async () => { throw new Error("Kunde inte nå anna.andersson@example.se"); },
      describe: () => "",
    };
    const ran = await runJob(ctx, "trasigt", [job]);
    expect(ran.outcome).toBe("failed");
    expect(ran.error).not.toContain("anna.andersson");
    const row = (await rows<{ outcome: string; error: string; finished_at: Date | null }>(sql`select outcome, error, finished_at from job_runs where job = 'trasigt'`))[0];
    expect(row.outcome).toBe("failed");
    expect(row.error).toMatch(/Kunde inte nå \[/);
    expect(row.finished_at).not.toBeNull();
  });

  it("när ett jobb misslyckas för ett förbund så räknas de andra förbunden och körningen är misslyckad", async () => {
    const job: JobDefinition = {
      name: "delvis", label: "Delvis", cron: "0 * * * *", when: "", scope: "forbund",
      run: async () => ({ forbund: { a: { n: 2 }, b: { fel: 1 } }, errors: [new Error("Failed query: select 1\nparams: hemligt")] }),
      describe: (c) => `${c.n ?? 0} gjorda`,
    };
    const ran = await runJob(ctx, "delvis", [job]);
    expect(ran.outcome).toBe("failed");
    expect(ran.summary).toBe("2 gjorda (misslyckades för 1 förbund)");
    expect(ran.detail.forbund).toEqual({ a: { n: 2 }, b: { fel: 1 } });
    expect(ran.error).not.toContain("hemligt");
  });
});
