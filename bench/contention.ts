/**
 * Respondents while staff read a large insamling (issue 13, "Measured"): on the embedded database
 * (PGlite) the database is one single-threaded PostgreSQL inside the server process, so one long
 * statement, or long JavaScript work, holds up every other request. Goal: respondent requests' p99
 * under 50 ms while two staff members load results pages in a loop.
 *
 * 1. Seeding (a child process of this file, `--seed`, which opens DATA_DIR, migrates, writes and
 *    closes, before the server takes the directory's lock): a förbund with an admin who has a
 *    password; an open insamling of BENCH_LARGE (51 000) finished and released answers × 10 questions
 *    (bench/results.ts generate: scales, ja/nej, two free texts each distinct); last year's insamling
 *    of the same questionnaire (10 000); another open insamling of the same questionnaire and year
 *    for respondents; and in both open ones saved page-1 answers under known tokens, which the POST
 *    of the last page finishes one by one.
 * 2. The real server, as `npm start` starts it minus npm (`node --import tsx server/main.ts`, see
 *    test/process/helpers.ts), on that DATA_DIR, loopback only.
 * 3. Respondent requests, each with autocannon (BENCH_CONNECTIONS, default 10; 2 s warm-up, then
 *    BENCH_SECONDS, default 10): GET the start page, GET the first question page, POST the last page
 *    (finishing a saved answer, 303) in the other insamling, and POST the last page in the large
 *    insamling itself (a new snapshot every k answers, so its free text is read again). First alone,
 *    then while two staff members (a child process of this file, `--staff`: two signed-in sessions,
 *    each one request at a time) load the large insamling's results page in a loop, then (the first
 *    three) while they load its CSV and the results API's JSON. Before that, the staff pages alone
 *    (BENCH_STAFF_ALONE loads each, one at a time, after one cold load).
 *
 * Loopback only, every step bounded, the temporary directory removed at the end. Linux (/proc).
 *
 *   npx tsx bench/contention.ts                      # BENCH_SECONDS=10 BENCH_LARGE=51000
 *   BENCH_ONLY=contention npm run bench               # as part of npm run bench
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { formatInteger } from "../server/results/format.js";
import {
  cleanup, freePort, killAll, listeningPid, root, spawnServer, stop, tempDataDir, waitForReady,
} from "../test/process/helpers.js";
import { swedishDate } from "../server/dates.js";

const self = fileURLToPath(import.meta.url);
const QUESTIONNAIRE = "indikator-deltagare-pagaende";
const EMAIL = "personal@exempel.se";
const PASSWORD = "mätning-lösenord-1234";
type Pool = "open" | "large";
/** The resume token of the i-th saved page-1 answer of a pool (the open insamling's, or the large one's). */
const savedToken = (pool: Pool, i: number) => `bench${pool}${String(i).padStart(12, "0")}`;

export type Seeded = { largeId: string; largeSlug: string; largeN: number; openSlug: string; saved: Record<Pool, number>; apiToken: string; seconds: number };

// ——— role: seeding, before the server holds the directory ———
export async function seed(dir: string, largeN: number, saved: Record<Pool, number>): Promise<Seeded> {
  const t0 = performance.now();
  const { openEmbedded } = await import("../models/db.js");
  const { loadConfig } = await import("../server/config.js");
  const { createMailer } = await import("../server/mail.js");
  const { createLogger } = await import("../server/log.js");
  const { systemClock } = await import("../server/clock.js");
  const organisation = await import("../server/organisation/service.js");
  const orgRepo = await import("../server/organisation/repo.js");
  const { insertUser } = await import("../server/accounts/repo.js");
  const { hashPassword } = await import("../server/accounts/password.js");
  const accounts = await import("../server/accounts/service.js");
  const tokens = await import("../server/tokens/service.js");
  const collections = await import("../server/collections/service.js");
  const { validateAnswers } = await import("../surveys/answers.js");
  const { generate } = await import("./results.js");
  const { sql } = await import("drizzle-orm");

  // As server/main.ts opens it (DATA_DIR/pg, under DATA_DIR's lock file).
  const database = await openEmbedded(dir);
  try {
    await database.migrate();
    const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "silent", SEED_DEMO: "false" });
    const ctx = {
      config, database, db: database.db, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench-anonymity-key",
      mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
    };
    const { forbund } = await organisation.createForbund(ctx, "Mätförbundet");
    const north = await orgRepo.insertArea(ctx.db, forbund.id, "Norra");
    const south = await orgRepo.insertArea(ctx.db, forbund.id, "Södra");
    const u = await insertUser(ctx.db, { forbundId: forbund.id, email: EMAIL, name: "Personal", role: "admin", passwordHash: await hashPassword(PASSWORD) });
    const apiToken = (await tokens.createToken(ctx, (await accounts.loadCurrentUser(ctx, u.id))!, "mätning")).secret;
    const year = Number(swedishDate(new Date()).slice(0, 4));
    const large = await collections.createCollection(ctx, forbund.id, { questionnaire: QUESTIONNAIRE, year, name: "Stor insamling", areaId: north.id });
    await generate(ctx.db, large, largeN);
    const previous = await collections.createCollection(ctx, forbund.id, { questionnaire: QUESTIONNAIRE, year: year - 1, name: "Förra året", areaId: north.id });
    await generate(ctx.db, previous, 10_000);
    const open = await collections.createCollection(ctx, forbund.id, { questionnaire: QUESTIONNAIRE, year, name: "Öppen insamling", areaId: south.id });
    // Saved page-1 answers, as POST page 1 stores them, under the tokens savedToken(pool, i) (as bench/answering.ts).
    const { answers } = validateAnswers(open.definition, { q1: "5", q2: "4", q3: "6", q4a: "ja", q4b: "3", q5: "4", q6: "5", q7: "6" }, { requireAnswers: false });
    for (const [pool, c] of [["open", open], ["large", large]] as const) {
      await ctx.db.execute(sql`insert into responses (collection_id, forbund_id, answered_on, language, finished, answers, resume_token_hash)
        select ${c.id}::uuid, ${forbund.id}::uuid, ${swedishDate(new Date())}::date, 'sv', false, ${JSON.stringify(answers)}::jsonb,
          encode(sha256(convert_to(${`bench${pool}`} || lpad(i::text, 12, '0'), 'UTF8')), 'hex')
        from generate_series(0, ${saved[pool] - 1}) i`);
    }
    const res = await ctx.db.execute(sql`select count(*) filter (where finished and released)::int as released, count(*) filter (where finished and not released)::int as waiting
      from responses where collection_id = ${large.id}`);
    const counts = (res as unknown as { rows: { released: number; waiting: number }[] }).rows[0];
    if (counts.released !== largeN) throw new Error(`den stora insamlingen har ${counts.released} släppta svar (${counts.waiting} väntar), inte ${largeN}`);
    await ctx.db.execute(sql`vacuum analyze`);
    return { largeId: large.id, largeSlug: large.slug, largeN, openSlug: open.slug, saved, apiToken, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}

// ——— role: two staff members, each loading pages one at a time until told to stop ———
type StaffRun = { path: string; ms: number[]; statuses: Record<string, number> };

async function staff(base: string, paths: string[], sessions: { cookie?: string; bearer?: string }[]) {
  let stopping = false;
  const byPath = new Map<string, StaffRun>(paths.map((p) => [p, { path: p, ms: [], statuses: {} }]));
  const loop = async (session: { cookie?: string; bearer?: string }, offset: number) => {
    for (let i = offset; !stopping; i++) {
      const p = paths[i % paths.length];
      const headers: Record<string, string> = {};
      if (session.cookie) headers.cookie = session.cookie;
      if (p.startsWith("/api/") && session.bearer) headers.authorization = `Bearer ${session.bearer}`;
      const t0 = performance.now();
      const res = await fetch(base + p, { headers, redirect: "manual", signal: AbortSignal.timeout(120_000) });
      await res.arrayBuffer();
      const run = byPath.get(p)!;
      run.ms.push(performance.now() - t0);
      run.statuses[res.status] = (run.statuses[res.status] ?? 0) + 1;
    }
  };
  const loops = sessions.map((s, i) => loop(s, i));
  console.log(JSON.stringify({ started: true }));
  for await (const line of readline.createInterface({ input: process.stdin })) if (line === "stop") break;
  stopping = true;
  await Promise.all(loops);
  console.log(JSON.stringify({ runs: [...byPath.values()] }));
}

/** Spawns this file in a role; the child answers with JSON lines. */
function spawnRole(args: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", self, ...args], {
    cwd: root, env: { ...process.env, NODE_NO_WARNINGS: "1" }, stdio: ["pipe", "pipe", "inherit"],
  });
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  readline.createInterface({ input: proc.stdout! }).on("line", (line) => { if (line.startsWith("{")) waiting.shift()?.(JSON.parse(line)); });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    waiting.push(resolve);
    void exited.then((code) => reject(new Error(`${args[0]} slutade med kod ${code}`)));
  });
  return { proc, next, send: (line: string) => proc.stdin!.write(line + "\n"), exited };
}

// ——— the measurements ———
type Run = { rps: number; p50: number; p99: number; max: number; total: number; byStatus: Record<string, number>; errors: number };

async function load(opts: autocannon.Options, seconds: number): Promise<Run> {
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const r = await autocannon({ ...opts, duration: seconds });
  const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { rps: total / seconds, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, total, byStatus, errors: r.errors + r.timeouts };
}

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN; };
function statuses(byStatus: Record<string, number>, expected: string, errors = 0) {
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const other = total - (byStatus[expected] ?? 0);
  return Object.entries(byStatus).map(([k, v]) => `${fmt(v)} × ${k}`).join(", ") + (other ? `; **${fmt(other)} andra än ${expected}**` : "") + (errors ? `; **${errors} fel/timeouts**` : "");
}

export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST", redirect: "manual", body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
    headers: { "content-type": "application/x-www-form-urlencoded" }, signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 303 || !cookie) throw new Error(`inloggningen gav ${res.status}`);
  return cookie;
}

export async function benchContention(opts: { seconds?: number; connections?: number; largeN?: number; staffAlone?: number } = {}): Promise<string> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const connections = opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 10);
  const largeN = opts.largeN ?? Number(process.env.BENCH_LARGE ?? 51_000);
  const staffAlone = opts.staffAlone ?? Number(process.env.BENCH_STAFF_ALONE ?? 20);
  const log = (m: string) => process.stderr.write(`konkurrens: ${m}\n`);
  const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(" ");
  const dir = tempDataDir();
  const children: ReturnType<typeof spawnRole>[] = [];
  try {
    // Each POST finishes one saved answer: each pool serves a run alone (up to 2 500/s here) and one or
    // two under staff load (about 1 000/s at most). Unfinished answers are counted on every results page
    // (Ej slutförda), so the pools are no larger than that.
    const saved = { open: Math.ceil((seconds + 2) * 4_000), large: Math.ceil((seconds + 2) * 3_000) };
    const seeder = spawnRole(["--seed", dir, String(largeN), JSON.stringify(saved)]);
    const seeded = (await seeder.next()) as unknown as Seeded;
    await seeder.exited;
    log(`${fmt(largeN)} svar och ${fmt(saved.open + saved.large)} sparade sidor på ${fmt(seeded.seconds, 1)} s`);

    const port = await freePort();
    const server = spawnServer({ dataDir: dir, port });
    await waitForReady(server, port, 120_000);
    const pid = listeningPid(server.pid, port) ?? server.pid;
    const base = `http://127.0.0.1:${port}`;
    const cookies = [await signIn(base), await signIn(base)];
    const page = `/resultat/insamling/${seeded.largeId}`;
    const csv = `${page}.csv`;
    const api = `/api/v1/collections/${seeded.largeId}/results`;
    // The page shows the large insamling's figures (n) — not an error page.
    const first = await fetch(base + page, { headers: { cookie: cookies[0] } });
    const html = await first.text();
    if (first.status !== 200 || !html.includes(formatInteger(largeN))) throw new Error(`resultatsidan gav ${first.status} utan ${fmt(largeN)}`);

    // The staff pages alone, one at a time (the first load above was the cold one).
    const alone: Record<string, number[]> = {};
    for (const p of [page, csv, api]) {
      alone[p] = [];
      for (let i = 0; i < staffAlone; i++) {
        const t0 = performance.now();
        const res = await fetch(base + p, { headers: p === api ? { authorization: `Bearer ${seeded.apiToken}` } : { cookie: cookies[0] } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${p} gav ${res.status}`);
        alone[p].push(performance.now() - t0);
      }
    }
    log(`personalens sidor ensamma: ${[page, csv, api].map((p) => `${fmt(quantile(alone[p], 0.5))} ms`).join(", ")}`);

    const used: Record<Pool, number> = { open: 0, large: 0 };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    /** POST of the last page, each request finishing the next saved answer of the pool's insamling. */
    const finish = (pool: Pool) => load({
      url: base, connections,
      requests: [{
        method: "POST", path: `/e/${pool === "open" ? seeded.openSlug : seeded.largeSlug}/fraga/2`, headers: form,
        setupRequest: (req) => ({ ...req, body: new URLSearchParams({ s: savedToken(pool, used[pool]++), key: crypto.randomBytes(24).toString("base64url"), lang: "sv", action: "next", q8: "Mer tid", q9: "Bra stöd", q10: "" }).toString() }),
      }],
    }, seconds).then((run) => {
      if (used[pool] > seeded.saved[pool]) throw new Error(`de ${seeded.saved[pool]} sparade svaren (${pool}) räckte inte: ${used[pool]} förfrågningar`);
      return run;
    });
    type Measured = { name: string; run: Run; expected: string };
    const respondents = async (alsoLarge = false): Promise<Measured[]> => {
      const out: Measured[] = [];
      out.push({ name: "GET `/e/:slug` (startsidan)", expected: "200", run: await load({ url: `${base}/e/${seeded.openSlug}`, connections }, seconds) });
      out.push({ name: "GET `/e/:slug/fraga/1?lang=sv` (första frågesidan)", expected: "200", run: await load({ url: `${base}/e/${seeded.openSlug}/fraga/1?lang=sv`, connections }, seconds) });
      out.push({ name: "POST `/e/:slug/fraga/2` (sista sidan: slutför ett sparat svar i en annan insamling av samma enkät och år)", expected: "303", run: await finish("open") });
      // The hardest case: answers to the large insamling itself, so a new snapshot (k answers) comes every
      // few requests and the staff's pages read its free text again each time.
      if (alsoLarge) out.push({ name: "POST `/e/:slug/fraga/2` i den stora insamlingen (ny ögonblicksbild med några förfrågningars mellanrum)", expected: "303", run: await finish("large") });
      return out;
    };
    const underStaff = async (paths: string[], alsoLarge = false) => {
      const sessions = cookies.map((cookie) => ({ cookie, bearer: seeded.apiToken }));
      const s = spawnRole(["--staff", base, JSON.stringify(paths), JSON.stringify(sessions)]);
      children.push(s);
      await s.next();
      await new Promise((r) => setTimeout(r, 1_000));
      const runs = await respondents(alsoLarge);
      s.send("stop");
      const { runs: staffRuns } = (await s.next()) as { runs: StaffRun[] };
      await s.exited;
      return { runs, staffRuns };
    };

    log("svarande ensamma …");
    const aloneRuns = await respondents(true);
    log("svarande medan två i personalen laddar resultatsidan …");
    const withPage = await underStaff([page], true);
    log("svarande medan två i personalen laddar CSV och API-JSON …");
    const withExports = await underStaff([csv, api]);
    await stop(server, 20_000);

    const out: string[] = [];
    const cpu = os.cpus()[0]?.model ?? "?";
    out.push(`Maskin: ${os.cpus().length} kärnor (${cpu}), Node ${process.version}, ${os.platform()} ${os.release()}; loadavg före ${loadBefore}, efter ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}. Serverns pid ${pid}.`);
    out.push(`Kommando: \`npx tsx bench/contention.ts\` (BENCH_SECONDS=${seconds}, BENCH_CONNECTIONS=${connections}, BENCH_LARGE=${largeN}). Servern startad som \`npm start\` utan npm på en ny DATA_DIR (inbäddad PGlite); den öppna insamlingen med ${fmt(largeN)} slutförda och släppta svar × 10 frågor (två fritexter, alla olika), förra årets med 10 000, en annan öppen insamling av samma enkät och år, och sparade sidor 1 (${fmt(seeded.saved.open)} och ${fmt(seeded.saved.large)}, räknas som ej slutförda på resultatsidan) skapades före start (${fmt(seeded.seconds, 1)} s). autocannon ${connections} anslutningar, 2 s uppvärmning och ${seconds} s per rad; personalen: två inloggade sessioner i en egen process, en förfrågan i taget var.`);
    out.push("");
    out.push("| svarandes förfrågan | ensamma: förfrågningar/s, p50 / p99 (max) | medan två laddar resultatsidan | medan två laddar CSV och API-JSON | svar (ensamma / sidan / export) | mål p99 < 50 ms under last |");
    out.push("|---|---:|---:|---:|---|---|");
    const cell = (r: Run) => `${fmt(r.rps)}/s, ${r.p50} / ${r.p99} ms (${r.max})`;
    for (let i = 0; i < aloneRuns.length; i++) {
      const a = aloneRuns[i], b = withPage.runs[i], c = withExports.runs[i] as Measured | undefined;
      const ok = b.run.p99 < 50 && (!c || c.run.p99 < 50);
      out.push(`| ${b.name} | ${cell(a.run)} | ${cell(b.run)} | ${c ? cell(c.run) : "–"} | ${[a, b, c].map((x) => (x ? statuses(x.run.byStatus, x.expected, x.run.errors) : "–")).join(" / ")} | ${ok ? "uppfyllt" : "**ej uppfyllt**"} |`);
    }
    out.push("");
    out.push("| personalens sida (den stora insamlingen) | ensam: p50 / p99 (antal) | under svarandes last: p50 / p99 (antal, status) |");
    out.push("|---|---:|---:|");
    const staffRow = (label: string, p: string, r?: StaffRun) => out.push(`| ${label} | ${fmt(quantile(alone[p], 0.5))} / ${fmt(quantile(alone[p], 0.99))} ms (${alone[p].length}) | ${r ? `${fmt(quantile(r.ms, 0.5))} / ${fmt(quantile(r.ms, 0.99))} ms (${r.ms.length}, ${statuses(r.statuses, "200")})` : "–"} |`);
    staffRow("resultatsidan `GET /resultat/insamling/:id`", page, withPage.staffRuns.find((r) => r.path === page));
    staffRow("CSV `GET /resultat/insamling/:id.csv`", csv, withExports.staffRuns.find((r) => r.path === csv));
    staffRow("API `GET /api/v1/collections/:id/results`", api, withExports.staffRuns.find((r) => r.path === api));
    return out.join("\n");
  } finally {
    for (const c of children) c.proc.kill("SIGKILL");
    await killAll();
    cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
if (role === "--seed") {
  const seeded = await seed(process.argv[3], Number(process.argv[4]), JSON.parse(process.argv[5]) as Seeded["saved"]);
  console.log(JSON.stringify(seeded));
  process.exit(0);
} else if (role === "--staff") {
  await staff(process.argv[3], JSON.parse(process.argv[4]) as string[], JSON.parse(process.argv[5]) as { cookie?: string; bearer?: string }[]);
  process.exit(0);
} else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  benchContention().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
