/**
 * Cluster benchmark (issue 13, "Measured"), one run on one machine:
 *   1. the load balancer's own cost: a bare node:http server (a fixed 2 KiB page) asked directly and
 *      through nginx, in turn twice (ABAB), with nginx's own CPU time per request;
 *   2. Samspår on a PostgreSQL server (a throwaway cluster of its own, bench/postgres.ts, fsync on as
 *      in production) behind nginx, with 1 and then 2 app processes (`node --import tsx server/main.ts`,
 *      the same SESSION_SECRET as README advises): complete responses per second (the whole public form
 *      per respondent: POST page 1, POST page 2, counted in the database too) and the staff results page
 *      of an insamling with 50 000 finished responses (GET /resultat/insamling/:id, signed in), its p99.
 * CPU time per complete response is read from /proc for each part (app processes, nginx, PostgreSQL, this
 * process, which drives autocannon), so the figures say where a 2-core machine spends its time.
 *
 *   npx tsx bench/cluster.ts                    # BENCH_SECONDS=10 BENCH_CONNECTIONS=10
 *   BENCH_ONLY=cluster npm run bench            # the same as part of npm run bench
 *
 * Needs nginx (NGINX_BIN or /usr/sbin/nginx) and PostgreSQL's initdb/pg_ctl; without them it says why and
 * measures nothing. Loopback only; every process and directory is removed at the end.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startPostgres, type Cluster } from "./postgres.js";
import { generate } from "./results.js";
import { fromUrl } from "../models/db.js";
import { cleanup, killAll, listeningPid, processTree, waitForReady } from "../test/process/helpers.js";
import { Browser, findNginx, respondentForms, spawnApps, startNginx, type AppProcess, type Nginx } from "../test/process/cluster.js";

const ADMIN = { email: "bench@samspar.example.se", password: "ett långt lösenord för mätningen" };
const RESULTS_RESPONSES = 50_000;

type Run = { rps: number; p50: number; p99: number; total: number; byStatus: Record<string, number>; errors: number; seconds: number };

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const loadavg = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

/** CPU time (user + system) of some processes so far, in µs (Linux /proc; ticks of 10 ms). */
function cpuUs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      sum += (Number(f[11]) + Number(f[12])) * 10_000;
    } catch { /* gone */ }
  }
  return sum;
}
const selfCpuUs = () => { const u = process.cpuUsage(); return u.user + u.system; };

/** The CPU time of each part during `fn`, in µs. Process trees are read again at the end (PostgreSQL forks backends). */
async function measured<T>(parts: Parts, fn: () => Promise<T>): Promise<[T, Record<string, number>]> {
  const before = Object.fromEntries(Object.entries(parts).map(([k, pids]) => [k, new Map(pids().map((p) => [p, cpuUs([p])]))]));
  const self0 = selfCpuUs();
  const out = await fn();
  const used: Record<string, number> = { lastgenerator: selfCpuUs() - self0 };
  for (const [k, pids] of Object.entries(parts)) {
    used[k] = pids().reduce((sum, p) => sum + cpuUs([p]) - (before[k].get(p) ?? 0), 0);
  }
  return [out, used];
}

type Parts = Record<string, () => number[]>;

/** A warm-up, then the measured run, with the CPU time of `parts` during the measured run only. */
async function load(opts: autocannon.Options, seconds: number, parts: Parts = {}): Promise<Run & { cpu: Record<string, number> }> {
  await autocannon({ ...opts, duration: 2 });
  const [r, cpu] = await measured(parts, () => autocannon({ ...opts, duration: seconds }));
  const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]));
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { rps: total / seconds, p50: r.latency.p50, p99: r.latency.p99, total, byStatus, errors: r.errors + r.timeouts, seconds, cpu };
}

function statuses(r: Run, expected: string) {
  const other = r.total - (r.byStatus[expected] ?? 0);
  return Object.entries(r.byStatus).map(([k, v]) => `${fmt(v)} × ${k}`).join(", ")
    + (other ? `; **${fmt(other)} andra än ${expected}**` : "") + (r.errors ? `; **${r.errors} fel/timeouts**` : "");
}

/** A bare node:http server in a process of its own: the same 2 KiB for every request. */
async function startBare(): Promise<{ port: number; pid: number; stop(): void }> {
  const code = `const http = require("node:http"); const body = Buffer.from("<!doctype html>" + "x".repeat(2033));
    const s = http.createServer((q, r) => { r.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length }); r.end(body); });
    s.keepAliveTimeout = 30000; s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", (c) => reject(new Error(`den nakna servern slutade med kod ${c}`)));
  });
  return { port, pid: child.pid!, stop: () => child.kill("SIGKILL") };
}

const both = (a: Run, b: Run): Run => ({
  rps: (a.rps + b.rps) / 2, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), total: a.total + b.total, errors: a.errors + b.errors,
  byStatus: Object.fromEntries([...new Set([...Object.keys(a.byStatus), ...Object.keys(b.byStatus)])].map((k) => [k, (a.byStatus[k] ?? 0) + (b.byStatus[k] ?? 0)])),
  seconds: a.seconds + b.seconds,
});

export async function benchCluster(opts: { seconds?: number; connections?: number; log?: (m: string) => void } = {}): Promise<string> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const connections = opts.connections ?? Number(process.env.BENCH_CONNECTIONS ?? 10);
  const log = opts.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const nginxBin = findNginx();
  if (!nginxBin) return "Hoppades över: nginx saknas (apt-get install nginx, eller sätt NGINX_BIN).";
  const out: string[] = [];
  const loadBefore = loadavg();
  let cluster: Cluster | undefined;
  const nginxes: Nginx[] = [];
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  let sql: pg.Client | undefined;
  try {
    // ——— 1. the load balancer's own cost ———
    log("kluster: nginx framför en naken node:http-server …");
    bare = await startBare();
    const lb = await startNginx(nginxBin, [bare.port]);
    nginxes.push(lb);
    const nginxPids = () => processTree(lb.proc.pid);
    const bareRuns: Run[] = [], viaRuns: Run[] = [];
    let nginxCpu = 0;
    for (let i = 0; i < 2; i++) {
      bareRuns.push(await load({ url: `http://127.0.0.1:${bare.port}/`, connections }, seconds));
      const r = await load({ url: `${lb.url}/`, connections }, seconds, { nginx: nginxPids });
      viaRuns.push(r);
      nginxCpu += r.cpu.nginx;
    }
    const direct = both(bareRuns[0], bareRuns[1]), via = both(viaRuns[0], viaRuns[1]);
    const nginxUs = nginxCpu / via.total;
    await lb.stop();
    bare.stop();
    bare = undefined;

    // ——— 2. Samspår on PostgreSQL behind nginx ———
    const started = await startPostgres({ maxSeconds: 30 * 60, log, settings: ["fsync=on"] });
    if ("skip" in started) return `Hoppades över: ${started.skip}`;
    cluster = started;
    const url = cluster.url;
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
    const postmaster = Number(/^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${(await sql.query("select pg_backend_pid() as p")).rows[0].p}/status`, "utf8"))![1]);
    const env = {
      DATABASE_URL: url, BASE_URL: "http://127.0.0.1:8080", SESSION_SECRET: crypto.randomBytes(36).toString("base64url"),
      TRUST_PROXY: "loopback", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "silent",
    };
    const apps: AppProcess[] = [];
    const startApp = async () => {
      const [a] = await spawnApps(1, env);
      await waitForReady(a.proc, a.port, 90_000);
      apps.push(a);
      return a;
    };
    log("kluster: PostgreSQL och två processer …");
    const first = await startApp();
    await startApp();

    // The data: an insamling for the respondents, and one with 50 000 finished responses for the results page.
    const staff = new Browser(first.url);
    await staff.signIn(ADMIN.email, ADMIN.password);
    const createCollection = async (name: string) => {
      const res = await staff.postForm("/insamlingar/ny", "/insamlingar", { questionnaire: "indikator-deltagare-pagaende", year: "2026", name, status: "oppen", languages: "sv" });
      const id = /\/insamlingar\/([0-9a-f-]{36})$/.exec(res.location ?? "")?.[1];
      if (res.status !== 303 || !id) throw new Error(`insamlingen kunde inte skapas: ${res.status}`);
      const [row] = (await sql!.query("select slug, forbund_id from collections where id = $1", [id])).rows as { slug: string; forbund_id: string }[];
      return { id, slug: row.slug, forbundId: row.forbund_id };
    };
    const answering = await createCollection("Svarsmätning");
    const big = await createCollection("Resultatmätning");
    log(`kluster: ${fmt(RESULTS_RESPONSES)} svar till resultatsidan …`);
    const database = fromUrl(url);
    await generate(database.db, { id: big.id, forbundId: big.forbundId }, RESULTS_RESPONSES);
    await database.close();
    await sql.query("vacuum analyze");
    const resultsPath = `/resultat/insamling/${big.id}`;
    const check = await staff.get(resultsPath);
    if (check.status !== 200 || !check.text.includes("Resultatmätning")) throw new Error(`resultatsidan gav ${check.status}`);
    const cookie = staff.cookieHeader();
    const finished = async () => Number((await sql!.query("select count(*)::int as n from responses where collection_id = $1 and finished", [answering.id])).rows[0].n);

    const random = () => crypto.randomBytes(24).toString("base64url");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const parts = {
      // Both processes run throughout; with one upstream the other is idle (its mail worker finds no SMTP_URL).
      app: () => apps.map((a) => listeningPid(a.proc.pid, a.port) ?? a.proc.pid),
      nginx: () => processTree(nginxes.at(-1)!.proc.pid),
      postgres: () => processTree(postmaster),
    };
    type Phase = { n: number; flow: Run & { cpu: Record<string, number> }; responses: number; stored: number; results: Run & { cpu: Record<string, number> } };
    const phase = async (n: number): Promise<Phase> => {
      const lbN = await startNginx(nginxBin, apps.slice(0, n).map((a) => a.port));
      nginxes.push(lbN);
      log(`kluster: ${n} process(er) bakom nginx: hela formuläret …`);
      const c0 = await finished();
      const flow = await load({
        url: lbN.url, connections,
        requests: [
          { method: "POST", path: `/e/${answering.slug}/fraga/1`, headers: form, setupRequest: (req, ctx) => { const s = (ctx as { s: string }).s = random(); return { ...req, body: new URLSearchParams(respondentForms.page1(s, random())).toString() }; } },
          { method: "POST", path: `/e/${answering.slug}/fraga/2`, headers: form, setupRequest: (req, ctx) => ({ ...req, body: new URLSearchParams(respondentForms.page2((ctx as { s: string }).s, random())).toString() }) },
        ],
      }, seconds, parts);
      const stored = (await finished()) - c0;
      log(`kluster: ${n} process(er) bakom nginx: resultatsidan …`);
      const results = await load({ url: lbN.url + resultsPath, connections: 4, headers: { cookie } }, seconds, parts);
      await lbN.stop();
      return { n, flow, responses: (flow.byStatus["303"] ?? 0) / 2 / seconds, stored, results };
    };
    // 1, 2, 1, 2 processes behind nginx, so that neither gets the quieter moment of a shared machine.
    const runs: Phase[] = [];
    for (const n of [1, 2, 1, 2]) runs.push(await phase(n));

    // ——— report ———
    const cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
    out.push(`Maskin: ${os.cpus().length} kärnor (${cpuModel}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, nginx ${/nginx\/([\d.]+)/.exec(await nginxVersion(nginxBin))?.[1] ?? "?"}, ${cluster.version}; loadavg före ${loadBefore}, efter ${loadavg()}.`);
    out.push(`Kommando: \`npx tsx bench/cluster.ts\` (BENCH_SECONDS=${seconds}, BENCH_CONNECTIONS=${connections}). autocannon i den här processen, ${seconds} s per mätning efter 2 s uppvärmning; allt på 127.0.0.1. PostgreSQL: eget tillfälligt kluster, inställningar ${cluster.settings} (annars standard). nginx: konfigurationen i README (\`worker_processes 1\`, keepalive till processerna).`);
    out.push("");
    out.push("**Lastbalanseraren själv** (naken node:http-server, 2 KiB per svar, direkt och genom nginx växelvis två gånger):");
    out.push("");
    out.push("| väg | förfrågningar/s | p50 | p99 | svar |");
    out.push("|---|---:|---:|---:|---|");
    out.push(`| direkt till servern (${fmt(bareRuns[0].rps)} och ${fmt(bareRuns[1].rps)}/s) | ${fmt(direct.rps)} | ${direct.p50} ms | ${direct.p99} ms | ${statuses(direct, "200")} |`);
    out.push(`| genom nginx (${fmt(viaRuns[0].rps)} och ${fmt(viaRuns[1].rps)}/s) | ${fmt(via.rps)} | ${via.p50} ms | ${via.p99} ms | ${statuses(via, "200")} |`);
    out.push("");
    out.push(`nginx egen CPU: ${fmt(nginxUs)} µs per förfrågan (user + system ur /proc för master och worker under mätningen).`);
    out.push("");
    out.push(`**Samspår bakom nginx på PostgreSQL** (${connections} anslutningar för svaren, 4 för resultatsidan; resultatsidan läser en insamling med ${fmt(RESULTS_RESPONSES)} slutförda svar):`);
    out.push("");
    out.push("| processer | slutförda svar/s (hela formuläret) | p50 / p99 per förfrågan | i databasen | resultatsidan: förfrågningar/s | resultatsidan p50 / p99 | svar |");
    out.push("|---:|---:|---:|---:|---:|---:|---|");
    for (const p of runs) {
      out.push(`| ${p.n} | **${fmt(p.responses)}** | ${p.flow.p50} / ${p.flow.p99} ms | ${fmt(p.stored)} nya slutförda (varav uppvärmning ${fmt(p.stored - (p.flow.byStatus["303"] ?? 0) / 2)}) | ${fmt(p.results.rps, 1)} | ${p.results.p50} / **${p.results.p99} ms** | formuläret: ${statuses(p.flow, "303")}; resultat: ${statuses(p.results, "200")} |`);
    }
    const mean = (n: number, f: (p: Phase) => number) => { const xs = runs.filter((p) => p.n === n).map(f); return xs.reduce((x, y) => x + y, 0) / xs.length; };
    out.push("");
    out.push(`Medel av två körningar: 1 process ${fmt(mean(1, (p) => p.responses))} slutförda svar/s och resultatsidans p99 ${fmt(mean(1, (p) => p.results.p99))} ms; 2 processer ${fmt(mean(2, (p) => p.responses))} svar/s och p99 ${fmt(mean(2, (p) => p.results.p99))} ms.`);
    out.push("");
    out.push("CPU per slutfört svar och per resultatsida (µs: user + system ur /proc under mätningen, delat med antalet; Samspår = processerna som lyssnar, PostgreSQL = postmaster och alla backends, lastgeneratorn = den här processen):");
    out.push("");
    out.push("| processer | mätning | Samspår | nginx | PostgreSQL | lastgeneratorn | summa |");
    out.push("|---:|---|---:|---:|---:|---:|---:|");
    for (const p of [...runs].sort((a, b) => a.n - b.n)) {
      const per = (cpu: Record<string, number>, n: number) => ["app", "nginx", "postgres", "lastgenerator"].map((k) => cpu[k] / n);
      const row = (what: string, vals: number[]) => out.push(`| ${p.n} | ${what} | ${vals.map((v) => fmt(v)).join(" | ")} | ${fmt(vals.reduce((a, b) => a + b, 0))} |`);
      row("slutfört svar (2 förfrågningar)", per(p.flow.cpu, Math.max(1, (p.flow.byStatus["303"] ?? 0) / 2)));
      row("resultatsida", per(p.results.cpu, Math.max(1, p.results.total)));
    }
    return out.join("\n");
  } finally {
    bare?.stop();
    for (const n of nginxes) await n.stop().catch(() => undefined);
    await killAll();
    await sql?.end().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    cleanup();
  }
}

async function nginxVersion(bin: string): Promise<string> {
  return new Promise((resolve) => {
    const c = spawn(bin, ["-v"], { stdio: ["ignore", "ignore", "pipe"] });
    let s = "";
    c.stderr!.on("data", (d: Buffer) => { s += d.toString(); });
    c.on("close", () => resolve(s));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchCluster().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
