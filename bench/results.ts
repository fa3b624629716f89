/**
 * Results benchmark (issue 5, "Performance"): the figures of one insamling of 100 000 finished
 * responses × 10 questions, and memory as responses grow (10 000 / 100 000 / 1 000 000), on the
 * embedded database (PGlite in a temporary directory; BENCH_PGLITE_SIZES changes the sizes, empty
 * leaves PGlite out); with BENCH_DATABASE_URL (or TEST_DATABASE_URL) set to a PostgreSQL server, the
 * same in a temporary database there, plus a year view over 1 000 000 responses. `npm run bench`
 * starts a throwaway server of its own for this (bench/postgres.ts) and passes BENCH_DATABASE_URL.
 *
 * Data is generated in SQL with generate_series (no answers pass through Node; the triggers on
 * responses keep response_tallies up to date as the rows go in, so the generation time includes
 * that). Each size gets its own insamling; "kall" is the first results call for an insamling, "varm"
 * a later one (both read the counts from response_tallies: nothing is cached in the process, so the
 * two differ only by the database's own caches). Memory: JS heap after a full GC, RSS,
 * and the peak RSS during the calls (VmHWM, reset through /proc/self/clear_refs). Prints Markdown.
 *
 *   npx tsx bench/results.ts
 *   BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres npx tsx bench/results.ts
 *   node --expose-gc --import tsx bench/results.ts     # JS heap measured after a full GC
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { sql } from "drizzle-orm";
import { fromUrl, openEmbedded, type Database } from "../models/db.js";
import { loadConfig } from "../server/config.js";
import { createMailer } from "../server/mail.js";
import { createLogger } from "../server/log.js";
import { systemClock } from "../server/clock.js";
import type { Ctx } from "../server/context.js";
import * as organisation from "../server/organisation/service.js";
import * as orgRepo from "../server/organisation/repo.js";
import * as accounts from "../server/accounts/service.js";
import { insertUser } from "../server/accounts/repo.js";
import * as collections from "../server/collections/service.js";
import * as results from "../server/results/service.js";
import { responses } from "../models/schema.js";
import { swedishDate } from "../server/dates.js";

const QUESTIONNAIRE = "indikator-deltagare-pagaende";
/** Sizes of the insamlingar measured on PGlite (BENCH_PGLITE_SIZES=10000,100000 to leave out the million). */
const PGLITE_SIZES = (process.env.BENCH_PGLITE_SIZES ?? "10000,100000,1000000").split(",").map(Number).filter((n) => n > 0);
const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const mib = (bytes: number) => bytes / 2 ** 20;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const status = (field: "VmHWM" | "VmRSS") => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
/** Resets the peak RSS (VmHWM) to the current RSS; Linux only. */
const resetPeak = () => { try { fs.writeFileSync("/proc/self/clear_refs", "5"); } catch { /* not allowed here: the peak then covers the set-up too */ } };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/**
 * n finished responses to one insamling, 10 questions each: q1–q3 and q5–q7 on 0–6 (0 = vet inte),
 * q4a ja/nej with q4b only after ja, q8 and q9 free text (q10 left empty). Values are spread deterministically from the
 * row number; dated the 30 days before today, or `day`.
 */
export async function generate(db: Ctx["db"], c: { id: string; forbundId: string }, n: number, day?: string) {
  const CHUNK = 100_000;
  for (let from = 1; from <= n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK - 1);
    await db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers)
      select ${c.id}::uuid, ${c.forbundId}::uuid, ${day ? sql`${day}::date` : sql`current_date - 1 - (g % 30)`}, 'sv', true,
        jsonb_strip_nulls(jsonb_build_object(
          'q1', (g * 5 + 3) % 7, 'q2', (g * 11 + 1) % 7, 'q3', (g * 13 + 5) % 7,
          'q4a', case when g % 3 = 0 then 'nej' else 'ja' end,
          'q4b', case when g % 3 = 0 then null else (g * 17) % 6 + 1 end,
          'q5', (g * 19 + 2) % 7, 'q6', (g * 23) % 6 + 1, 'q7', (g * 29 + 4) % 7,
          'q8', 'Fritext nummer ' || g, 'q9', case when g % 2 = 0 then 'Annan fritext ' || g end))
      from generate_series(${from}::int, ${to}::int) g`);
  }
}

type Setup = { ctx: Ctx; user: NonNullable<Awaited<ReturnType<typeof accounts.loadForbundUser>>>; forbundId: string; areas: string[] };

export async function setUp(database: Database, dir: string): Promise<Setup> {
  await database.migrate();
  const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "silent", SEED_DEMO: "false" });
  const ctx: Ctx = {
    config, database, db: database.db, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench-anonymity-key",
    mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
  };
  const { forbund } = await organisation.createForbund(ctx, "Mätförbundet");
  const areas: string[] = [];
  for (let i = 0; i < 10; i++) areas.push((await orgRepo.insertArea(ctx.db, forbund.id, `Område ${i + 1}`)).id);
  const u = await insertUser(ctx.db, { forbundId: forbund.id, email: "bench@exempel.se", name: "Bench", role: "admin" });
  return { ctx, user: (await accounts.loadForbundUser(ctx, u.id))!, forbundId: forbund.id, areas };
}

type Row = string[];

/**
 * Measures one database; returns Markdown table rows. Each size is an insamling of its own year (two
 * years apart), because a results call also counts the other insamlingar of the same year (for the
 * suppression of small ones) and of the year before (for the comparison).
 */
async function measure(s: Setup, label: string, opts: { sizes: number[]; yearView: boolean; log: (m: string) => void }) {
  const rows: Row[] = [];
  const made: { n: number; id: string }[] = [];
  for (const [i, n] of opts.sizes.entries()) {
    const c = await collections.createCollection(s.ctx, s.forbundId, { questionnaire: QUESTIONNAIRE, year: 2020 + 2 * i, name: `Mätning ${n}`, areaId: s.areas[i] });
    const [ms] = await time(() => generate(s.ctx.db, c, n));
    opts.log(`${label}: ${fmt(n)} svar genererade på ${fmt(ms)} ms`);
    made.push({ n, id: c.id });
  }
  const yearIds: string[] = [];
  if (opts.yearView) {
    // A year view over 1 000 000 responses: ten insamlingar of 100 000, one per kommunområde.
    for (let i = 0; i < 10; i++) {
      const c = await collections.createCollection(s.ctx, s.forbundId, { questionnaire: QUESTIONNAIRE, year: 2030, name: `År ${i + 1}`, areaId: s.areas[i] });
      await generate(s.ctx.db, c, 100_000);
      yearIds.push(c.id);
    }
    opts.log(`${label}: årsvyns 1 000 000 svar genererade`);
  }
  await s.ctx.db.execute(sql`vacuum analyze responses`);

  // The figures of one insamling, each size: the first call (counted in SQL), then five more (counts reused).
  for (const { n, id } of made) {
    gc();
    const before = process.memoryUsage();
    resetPeak();
    const rssBefore = status("VmRSS");
    const [cold, r] = await time(() => results.collectionResults(s.ctx, s.user, id));
    if (r.view.n !== n || r.view.results.q1.suppressed) throw new Error(`fel antal: ${r.view.n} av ${n}`);
    const warm: number[] = [];
    for (let k = 0; k < 5; k++) warm.push((await time(() => results.collectionResults(s.ctx, s.user, id)))[0]);
    // Ten more responses today, as while an insamling is open (one statement: the triggers add them in one upsert).
    await generate(s.ctx.db, { id, forbundId: s.forbundId }, 10, swedishDate(new Date()));
    const [fresh, r2] = await time(() => results.collectionResults(s.ctx, s.user, id));
    if (r2.view.n !== n + 10) throw new Error(`fel antal efter nya svar: ${r2.view.n}`);
    const peak = status("VmHWM");
    gc();
    const after = process.memoryUsage();
    const goal = n === 100_000 ? `mål < 200 ms: kall ${cold < 200 ? "uppfyllt" : "**ej uppfyllt**"}, varm ${median(warm) < 200 ? "uppfyllt" : "**ej uppfyllt**"}` : "";
    rows.push([`${label}: en insamling, ${fmt(n)} slutförda svar × 10 frågor`, `${fmt(cold)} ms`, `${fmt(median(warm), 1)} ms`, `${fmt(fresh)} ms`,
      `${fmt(mib(after.heapUsed), 1)} MiB (${after.heapUsed >= before.heapUsed ? "+" : "−"}${fmt(mib(Math.abs(after.heapUsed - before.heapUsed)), 1)})`, `${fmt(mib(after.rss))} MiB`, `${fmt(rssBefore)} → ${fmt(peak)} MiB`, goal]);
    opts.log(`${label}: ${fmt(n)} kall ${fmt(cold)} ms, varm ${fmt(median(warm), 1)} ms, nya svar ${fmt(fresh)} ms`);
  }

  if (opts.yearView) {
    gc();
    const before = process.memoryUsage();
    const filter = { year: 2030, questionnaire: QUESTIONNAIRE };
    resetPeak();
    const rssBefore = status("VmRSS");
    const [cold, out] = await time(() => results.yearResults(s.ctx, s.user, filter));
    if (!out.ok || out.results.view.n !== 1_000_000) throw new Error(`årsvyn gav ${out.ok ? out.results.view.n : "fel"}`);
    const warm: number[] = [];
    for (let k = 0; k < 5; k++) warm.push((await time(() => results.yearResults(s.ctx, s.user, filter)))[0]);
    const peak = status("VmHWM");
    gc();
    const after = process.memoryUsage();
    rows.push([`${label}: årsvy över 10 insamlingar, ${fmt(1_000_000)} slutförda svar`, `${fmt(cold)} ms`, `${fmt(median(warm), 1)} ms`, "–",
      `${fmt(mib(after.heapUsed), 1)} MiB (${after.heapUsed >= before.heapUsed ? "+" : "−"}${fmt(mib(Math.abs(after.heapUsed - before.heapUsed)), 1)})`, `${fmt(mib(after.rss))} MiB`, `${fmt(rssBefore)} → ${fmt(peak)} MiB`,
      `mål < 1 s: kall ${cold < 1000 ? "uppfyllt" : "**ej uppfyllt**"}, varm ${median(warm) < 1000 ? "uppfyllt" : "**ej uppfyllt**"}`]);
    opts.log(`${label}: årsvy 1 M kall ${fmt(cold)} ms, varm ${fmt(median(warm), 1)} ms`);
  }
  return rows;
}

/** Creates a temporary database on the server, runs fn, and drops it. */
async function withServerDatabase<T>(url: string, fn: (u: string) => Promise<T>): Promise<T> {
  const name = `samspar_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

/** Runs every measurement and returns the Markdown report. */
export async function benchResults(opts: { databaseUrl?: string; log?: (m: string) => void } = {}): Promise<string> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const serverUrl = opts.databaseUrl || process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const rows: Row[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-bench-results-"));
  const loadBefore = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  let serverVersion = "";
  try {
    if (PGLITE_SIZES.length) {
      const embedded = await openEmbedded(path.join(dir, "data"));
      try {
        rows.push(...await measure(await setUp(embedded, dir), "PGlite", { sizes: PGLITE_SIZES, yearView: false, log }));
      } finally {
        await embedded.close();
      }
      // PGlite's WebAssembly memory goes back when collected: before the server part's figures.
      for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setTimeout(r, 200)); }
    }
    if (serverUrl) {
      await withServerDatabase(serverUrl, async (url) => {
        const database = fromUrl(url);
        try {
          serverVersion = String((await database.db.execute(sql`select current_setting('server_version') as v`) as unknown as { rows: { v: string }[] }).rows[0].v);
          rows.push(...await measure(await setUp(database, dir), "PostgreSQL", { sizes: [10_000, 100_000, 1_000_000], yearView: true, log }));
        } finally {
          await database.close();
        }
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: string[] = [];
  const cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
  out.push(`Maskin: ${os.cpus().length} kärnor, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${cpu}, Node ${process.version}, ${os.platform()} ${os.release()}; loadavg (1/5/15 min) före ${loadBefore}, efter ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}.`);
  out.push(`Databas: PGlite i en tillfällig katalog (${PGLITE_SIZES.map((n) => fmt(n)).join(" / ")} svar)${serverUrl ? `; PostgreSQL ${serverVersion} i en tillfällig databas på ${new URL(serverUrl).host}` : " (ingen PostgreSQL-server: sätt BENCH_DATABASE_URL för 1 000 000 svar och årsvyn)"}. JS-heap ${(globalThis as { gc?: unknown }).gc ? "efter full GC" : "utan --expose-gc (ungefärlig)"}.`);
  out.push("");
  out.push("| mätning | kall (första anropet) | varm (median av 5) | efter 10 nya svar i dag | JS-heap efteråt (ändring) | RSS efteråt | RSS före → högsta under anropen (VmHWM) | mål |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const r of rows) out.push(`| ${r.join(" | ")} |`);
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchResults().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
