/**
 * Answering benchmark (issue 4, "Performance"), one run on one machine:
 *   - the first question page (GET /e/:slug/fraga/1?lang=sv, as the start page's button asks for it,
 *     no cookie) against a bare node:http server that sends the same bytes and headers;
 *   - the start page, and the staff's /login page for comparison;
 *   - finished responses on the embedded database (PGlite): the form's final page (POST page 2) for
 *     respondents whose page 1 is saved, the whole form per respondent (POST page 1, then page 2), and
 *     the responses API.
 * Every run counts its status codes (anything but the expected one is reported in bold) and the
 * finished responses are counted in the database as well.
 *
 * Three processes on loopback: the app (createApp + openEmbedded + migrate, as server/main.ts does, in
 * a temporary DATA_DIR), the bare node:http server, and this one, which drives autocannon. Each run
 * is bounded (BENCH_SECONDS, default 10 s) after a 2 s warm-up. Prints Markdown; `npm run bench`
 * includes it.
 *
 *   npx tsx bench/answering.ts              # BENCH_SECONDS=10 BENCH_CONNECTIONS=10
 *   BENCH_NODE_ENV=production npx tsx bench/answering.ts
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { swedishDate } from "../server/dates.js";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "..");

type AppInfo = { port: number; slug: string; collectionId: string; apiToken: string };
type Child = { proc: ChildProcess; info: Promise<Record<string, unknown>>; ask(line: string): Promise<Record<string, unknown>> };

/** Spawns this file in a role; the child prints one JSON line when it listens and answers JSON lines to commands. */
function spawnRole(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", self, ...args], {
    cwd: root, env: { ...process.env, NODE_NO_WARNINGS: "1", ...env }, stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: proc.stdout! });
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  lines.on("line", (line) => { if (line.startsWith("{")) waiting.shift()?.(JSON.parse(line)); });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    waiting.push(resolve);
    proc.once("exit", (code) => reject(new Error(`${args[0]} slutade med kod ${code}`)));
  });
  const info = next();
  return { proc, info, ask: (line) => { const p = next(); proc.stdin!.write(line + "\n"); return p; } };
}

// ——— role: the app on embedded PGlite ———
async function serveApp(dir: string) {
  const { openEmbedded } = await import("../models/db.js");
  const { createApp } = await import("../server/app.js");
  const { loadConfig } = await import("../server/config.js");
  const { createMailer } = await import("../server/mail.js");
  const { createLogger } = await import("../server/log.js");
  const { systemClock } = await import("../server/clock.js");
  const organisation = await import("../server/organisation/service.js");
  const orgRepo = await import("../server/organisation/repo.js");
  const { insertUser } = await import("../server/accounts/repo.js");
  const accounts = await import("../server/accounts/service.js");
  const tokens = await import("../server/tokens/service.js");
  const collections = await import("../server/collections/service.js");
  const { sql } = await import("drizzle-orm");
  const { validateAnswers } = await import("../surveys/answers.js");

  const database = await openEmbedded(dir);
  await database.migrate();
  const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://127.0.0.1:3000", HOST: "127.0.0.1", LOG_LEVEL: "silent", SEED_DEMO: "false" });
  const deps = {
    config, database, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench-anonymity-key",
    mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
  };
  const ctx = { ...deps, db: database.db };
  const { forbund } = await organisation.createForbund(ctx, "Mätförbundet");
  const area = await orgRepo.insertArea(ctx.db, forbund.id, "Norra");
  const user = await insertUser(ctx.db, { forbundId: forbund.id, email: "bench@exempel.se", name: "Bench", role: "koordinator", areaIds: [area.id] });
  const apiToken = (await tokens.createToken(ctx, (await accounts.loadCurrentUser(ctx, user.id))!, "bench")).secret;
  const c = await collections.createCollection(ctx, forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Mätning", areaId: area.id });
  const app = createApp({ ...deps, sessionSecret: crypto.randomBytes(32).toString("hex") });
  const server = http.createServer(app);
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => {
    const info: AppInfo = { port: (server.address() as { port: number }).port, slug: c.slug, collectionId: c.id, apiToken };
    console.log(JSON.stringify(info));
  });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === "count") {
      const res = await ctx.db.execute(sql`select finished, count(*)::int as n from responses where collection_id = ${c.id} group by finished`);
      const rows = (res as unknown as { rows: { finished: boolean; n: number }[] }).rows;
      console.log(JSON.stringify({ finished: rows.find((r) => r.finished)?.n ?? 0, unfinished: rows.find((r) => !r.finished)?.n ?? 0 }));
    }
    if (line.startsWith("prepare ")) {
      // Unfinished responses with page 1 answered, as POST page 1 saves them, under the tokens savedToken(i).
      const n = Number(line.slice(8));
      const { answers } = validateAnswers(c.definition, { q1: "5", q2: "4", q3: "6", q4a: "ja", q4b: "3", q5: "4", q6: "5", q7: "6" }, { requireAnswers: false });
      await ctx.db.execute(sql`insert into responses (collection_id, forbund_id, answered_on, language, finished, answers, resume_token_hash)
        select ${c.id}::uuid, ${forbund.id}::uuid, ${swedishDate(new Date())}::date, 'sv', false, ${JSON.stringify(answers)}::jsonb,
          encode(sha256(convert_to('benchsaved' || lpad(i::text, 12, '0'), 'UTF8')), 'hex')
        from generate_series(0, ${n - 1}) i`);
      console.log(JSON.stringify({ prepared: n }));
    }
    if (line === "exit") break;
  }
  server.closeAllConnections();
  server.close();
  await database.close();
  process.exit(0);
}

// ——— role: a bare node:http server sending the captured bytes ———
function serveBare(file: string) {
  const { headers, body } = JSON.parse(fs.readFileSync(file, "utf8")) as { headers: Record<string, string>; body: string };
  const bytes = Buffer.from(body, "utf8");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { ...headers, "content-length": bytes.length });
    res.end(bytes);
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
  process.stdin.on("data", () => process.exit(0));
}

/** The resume token of the i-th response that "prepare" saved (as the database computes its hash). */
const savedToken = (i: number) => `benchsaved${String(i).padStart(12, "0")}`;

// ——— the measurements ———
type Run = { rps: number; p50: number; p99: number; total: number; byStatus: Record<string, number>; errors: number; cpuUs: number };

/** CPU time (user + system) a process has used so far, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuUs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** A warm-up, then the measured run; `pid` is the server process whose CPU time per request is reported. */
async function load(opts: autocannon.Options, seconds: number, pid: number): Promise<Run> {
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const cpu0 = cpuUs(pid);
  const r = await autocannon({ ...opts, duration: seconds });
  const used = cpuUs(pid) - cpu0;
  const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { rps: total / seconds, p50: r.latency.p50, p99: r.latency.p99, total, byStatus, errors: r.errors + r.timeouts, cpuUs: total ? used / total : 0 };
}

/** Two runs as one: their requests and rates added up, the worse p50 and p99. */
const both = (a: Run, b: Run): Run => ({
  rps: (a.rps + b.rps) / 2, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), total: a.total + b.total, errors: a.errors + b.errors,
  byStatus: Object.fromEntries([...new Set([...Object.keys(a.byStatus), ...Object.keys(b.byStatus)])].map((k) => [k, (a.byStatus[k] ?? 0) + (b.byStatus[k] ?? 0)])),
  cpuUs: (a.cpuUs * a.total + b.cpuUs * b.total) / Math.max(1, a.total + b.total),
});

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
/** Every status code with its count, and (in bold) how many were not the one expected. */
function statuses(r: Run, expected: string) {
  const other = r.total - (r.byStatus[expected] ?? 0);
  return Object.entries(r.byStatus).map(([k, v]) => `${v} × ${k}`).join(", ")
    + (other ? `; **${other} andra än ${expected}**` : "")
    + (r.errors ? `; **${r.errors} fel/timeouts**` : "");
}

export type AnsweringBench = { markdown: string; pageRatio: number; formRps: number; formP99: number; apiRps: number; apiP99: number };

/** Runs every measurement and returns the Markdown report. */
export async function benchAnswering(opts: { seconds?: number; connections?: number; nodeEnv?: string } = {}): Promise<AnsweringBench> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const connections = opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 10);
  const nodeEnv = opts.nodeEnv ?? process.env.BENCH_NODE_ENV ?? "";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-bench-answering-"));
  const children: Child[] = [];
  const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(" ");
  try {
    const app = spawnRole(["--serve-app", path.join(dir, "data")], nodeEnv ? { NODE_ENV: nodeEnv } : {});
    children.push(app);
    const info = (await app.info) as AppInfo;
    const base = `http://127.0.0.1:${info.port}`;
    // As the start page's "Börja" button sends it.
    const pagePath = `/e/${info.slug}/fraga/1?lang=sv`;

    // One visit as a browser makes it: the exact bytes and headers of the page, and no cookie.
    const first = await fetch(base + pagePath);
    const body = await first.text();
    if (first.status !== 200 || !body.includes("Del 1 av 2")) throw new Error(`frågesidan gav ${first.status}`);
    if (first.headers.get("set-cookie")) throw new Error("frågesidan satte en kaka");
    const headers: Record<string, string> = {};
    first.headers.forEach((v, k) => { if (!["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(k)) headers[k] = v; });
    const file = path.join(dir, "page.json");
    fs.writeFileSync(file, JSON.stringify({ headers, body }));
    const bare = spawnRole(["--serve-bare", file]);
    children.push(bare);
    const barePort = ((await bare.info) as { port: number }).port;

    // Bare and app in turn, twice (ABAB), so that neither gets the quieter moment of a shared machine.
    const appPid = app.proc.pid!, barePid = bare.proc.pid!;
    const bareRuns = [], pageRuns = [];
    for (let i = 0; i < 2; i++) {
      bareRuns.push(await load({ url: `http://127.0.0.1:${barePort}${pagePath}`, connections }, seconds, barePid));
      pageRuns.push(await load({ url: base + pagePath, connections }, seconds, appPid));
    }
    const bareRun = both(bareRuns[0], bareRuns[1]), page = both(pageRuns[0], pageRuns[1]);
    // The same page through Express (an extra query parameter, which the page ignores, keeps it off the recording).
    const viaExpress = await load({ url: `${base}${pagePath}&via=express`, connections }, seconds, appPid);
    const start = await load({ url: `${base}/e/${info.slug}`, connections }, seconds, appPid);
    const startBytes = Buffer.byteLength(await (await fetch(`${base}/e/${info.slug}`)).text());
    // For comparison: a page of the staff's browser stack (session read and touched in the database, CSRF).
    const loginPage = await fetch(`${base}/login`);
    const cookie = loginPage.headers.get("set-cookie")!.split(";")[0];
    const login = await load({ url: `${base}/login`, connections, headers: { cookie } }, seconds, appPid);

    const answers = { q1: 5, q2: 4, q3: 6, q4a: "ja", q4b: 3, q5: 4, q6: 5, q7: 6, q8: "Att ha en plan och någon att fråga." };
    const count = async () => Number((await app.ask("count")).finished);
    const random = () => crypto.randomBytes(24).toString("base64url");
    const form = { "content-type": "application/x-www-form-urlencoded" };

    // (1) The final page of the form: the respondent's page 1 is saved already (as it always is in this
    // two-page questionnaire), so each request reads that response and finishes it. The saved responses
    // are made first (the rows POST page 1 would store, under known tokens) and handed out one per request.
    const page1 = (s: string) => new URLSearchParams({ s, key: random(), lang: "sv", action: "next", visible: "q1,q2,q3,q4a,q4b,q5,q6,q7", q1: "5", q2: "4", q3: "6", q4a: "ja", q4b: "3", q5: "4", q6: "5", q7: "6" }).toString();
    const final = (s: string) => new URLSearchParams({ s, key: random(), lang: "sv", action: "next", q8: "Mer tid", q9: "Bra stöd", q10: "" }).toString();
    const saved = Math.ceil((seconds + 2) * 5000);
    await app.ask(`prepare ${saved}`);
    const c0 = await count();
    let next = 0;
    const finishSaved = await load({
      url: base, connections,
      requests: [{
        method: "POST", path: `/e/${info.slug}/fraga/2`, headers: form,
        setupRequest: (req) => ({ ...req, body: final(savedToken(next++ % saved)) }),
      }],
    }, seconds, appPid);
    const c1 = await count();
    if (next > saved) throw new Error(`de ${saved} sparade svaren räckte inte till mätningen (${next} förfrågningar)`);

    // (2) The whole form per respondent: page 1 (saved) then page 2 (finished), a fresh token each time.
    const flow = await load({
      url: base, connections,
      requests: [
        { method: "POST", path: `/e/${info.slug}/fraga/1`, headers: form, setupRequest: (req, ctx) => { const s = (ctx as { s: string }).s = random(); return { ...req, body: page1(s) }; } },
        { method: "POST", path: `/e/${info.slug}/fraga/2`, headers: form, setupRequest: (req, ctx) => ({ ...req, body: final((ctx as { s: string }).s) }) },
      ],
    }, seconds, appPid);
    const c2 = await count();

    // (3) The responses API with a Bearer token.
    const api = await load({
      url: `${base}/api/v1/collections/${info.collectionId}/responses`, connections, method: "POST",
      headers: { authorization: `Bearer ${info.apiToken}`, "content-type": "application/json" }, body: JSON.stringify({ answers }),
    }, seconds, appPid);
    const c3 = await count();

    const cpu = os.cpus()[0]?.model ?? "?";
    const ratio = page.rps / bareRun.rps;
    const flowResponses = (flow.byStatus["303"] ?? 0) / 2 / seconds;
    const ok = (r: Run) => r.rps >= 1000 && r.p99 < 50;
    const out: string[] = [];
    out.push(`Maskin: ${os.cpus().length} kärnor (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; loadavg före ${loadBefore}, efter ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}.`);
    out.push(`Kommando: \`npx tsx bench/answering.ts\` (BENCH_SECONDS=${seconds}, BENCH_CONNECTIONS=${connections}${nodeEnv ? `, BENCH_NODE_ENV=${nodeEnv}` : ", NODE_ENV ej satt som vid npm start"}). autocannon ${connections} anslutningar, ${seconds} s per mätning efter 2 s uppvärmning (naken server och frågesidan växelvis två gånger var); appen, den nakna servern och lastgeneratorn i var sin process på 127.0.0.1; inbäddad PGlite i en tillfällig DATA_DIR. Serverns CPU per förfrågan: user + system ur /proc/<pid>/stat under mätningen, delat med antalet svar.`);
    out.push("");
    const cpuRatio = bareRun.cpuUs / page.cpuUs;
    const row = (name: string, r: Run, expected: string, goal: string, extra = "") =>
      out.push(`| ${name} | ${fmt(r.rps)} | ${r.p50} ms | ${r.p99} ms | ${fmt(r.cpuUs)} µs | ${statuses(r, expected)}${extra} | ${goal} |`);
    out.push("| mätning | förfrågningar/s | p50 | p99 | serverns CPU per förfrågan | svar | mål |");
    out.push("|---|---:|---:|---:|---:|---|---|");
    row(`naken node:http med samma byte (${fmt(Buffer.byteLength(body))} B kropp + samma huvuden); två körningar: ${fmt(bareRuns[0].rps)} och ${fmt(bareRuns[1].rps)}/s`, bareRun, "200", "referens");
    row(`GET \`/e/:slug/fraga/1?lang=sv\` (första frågesidan, ingen kaka); två körningar: ${fmt(pageRuns[0].rps)} och ${fmt(pageRuns[1].rps)}/s`, page, "200",
      `≥ 0,5 × naken: **${fmt(ratio, 2)} ×** ${ratio >= 0.5 ? "uppfyllt" : "**ej uppfyllt**"} (CPU per förfrågan: ${fmt(cpuRatio, 2)} × naken)`);
    row("samma sida genom Express och EJS (`…?lang=sv&via=express`: inte ur inspelningen)", viaExpress, "200", `${fmt(viaExpress.rps / bareRun.rps, 2)} × naken`);
    row(`GET \`/e/:slug\` (startsidan, ${fmt(startBytes)} B kropp: inte jämförbar med den nakna servern)`, start, "200", "–");
    row("jämförelse: GET `/login` med sessionskaka (personalens sidor: session i databasen, CSRF)", login, "200", `${fmt(login.rps / bareRun.rps, 2)} × naken`);
    row("POST `/e/:slug/fraga/2`, sista sidan: läser det sparade svaret och slutför det (303 till tack)", finishSaved, "303",
      `≥ 1 000/s och p99 < 50 ms: ${ok(finishSaved) ? "uppfyllt" : "**ej uppfyllt**"}`, `; i databasen ${c1 - c0} nya slutförda (varav ${c1 - c0 - (finishSaved.byStatus["303"] ?? 0)} under uppvärmningen)`);
    row(`hela formuläret per svarande: POST sida 1 (sparas) + POST sida 2 (slutförs) = **${fmt(flowResponses)} slutförda svar/s**`, flow, "303",
      `${flowResponses >= 1000 && flow.p99 < 50 ? "uppfyllt" : "ej uppfyllt"} räknat i svar/s`, `; i databasen ${c2 - c1} nya slutförda`);
    row("POST `/api/v1/collections/:id/responses` (Bearer, slutfört svar)", api, "201",
      `≥ 1 000/s och p99 < 50 ms: ${ok(api) ? "uppfyllt" : "**ej uppfyllt**"}`, `; i databasen ${c3 - c2} nya slutförda (varav ${c3 - c2 - (api.byStatus["201"] ?? 0)} under uppvärmningen)`);
    out.push("");
    out.push(`Sista sidan: före mätningen sparades ${fmt(saved)} ej slutförda svar med sida 1 besvarad (samma svar som POST sida 1 sparar, med en känd token var), och varje förfrågan slutför ett av dem; ${fmt(next)} användes under uppvärmning och mätning.`);
    return { markdown: out.join("\n"), pageRatio: ratio, formRps: finishSaved.rps, formP99: finishSaved.p99, apiRps: api.rps, apiP99: api.p99 };
  } finally {
    for (const c of children) {
      c.proc.stdin?.write("exit\n");
      await new Promise((r) => { const t = setTimeout(() => { c.proc.kill("SIGKILL"); r(null); }, 5_000); c.proc.once("exit", () => { clearTimeout(t); r(null); }); });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
if (role === "--serve-app") await serveApp(process.argv[3]);
else if (role === "--serve-bare") serveBare(process.argv[3]);
else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  console.log((await benchAnswering()).markdown);
  process.exit(0);
}
