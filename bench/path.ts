/**
 * The respondent's real path (issue 22), as a browser without JavaScript takes it, against the real server
 * started as `npm start` starts it (`node server/launch.mjs`: the compiled server when it is current):
 *
 *   1. GET  /e/:slug                  the start page (the poster's link)
 *   2. GET  /e/:slug/fraga/1?…        its form (method get) with its hidden fields
 *   3. POST /e/:slug/fraga/1          page 1's hidden fields (s, key, lang, visible) + answers + action=next → 303
 *   4. GET  the 303's Location         page 2
 *   5. POST /e/:slug/fraga/2          page 2's hidden fields + answers + action=next → 303
 *   6. GET  the 303's Location         the thanks page
 *
 * Each respondent is a loop over a keep-alive connection of its own; 1 and 8 at once, BENCH_PATH_SECONDS
 * (default 40) after a 3 s warm-up. Completed responses are counted in the database afterwards (each run has
 * an insamling of its own). CPU per completed response from /proc (user + system of each part), p50 and p99
 * per request kind, and the PSS of every process of the stack (bench/memory.ts) at rest, at most during the run
 * and after it. Stacks: the embedded database (one process by design) and a PostgreSQL server of its own
 * (bench/postgres.ts) with one process, and with two behind nginx (README's configuration).
 *
 *   npx tsx bench/path.ts                         # all stacks
 *   BENCH_PATH_STACKS=pglite npx tsx bench/path.ts  # pglite, postgres1, postgres2 (comma-separated)
 *   BENCH_PATH_CPU_PROF=/tmp/prof npx tsx bench/path.ts  # and a CPU profile of each server process (node --cpu-prof)
 *   BENCH_ONLY=path npm run bench
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startPostgres, type Cluster } from "./postgres.js";
import { sampleStack, stackPssMiB } from "./memory.js";
import { openEmbedded } from "../models/db.js";
import { compiledIsCurrent } from "../server/launch.mjs";
import { childEnv, cleanup, freePort, listeningPid, processTree, root, tempDataDir } from "../test/process/helpers.js";
import { Browser, findNginx, respondentForms, startNginx, type Nginx } from "../test/process/cluster.js";

export const ADMIN = { email: "bench@samspar.example.se", password: "ett långt lösenord för mätningen" };
export const KINDS = ["GET start", "GET sida 1", "POST sida 1", "GET sida 2", "POST sida 2", "GET tack"] as const;
export type Kind = (typeof KINDS)[number];

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

// ——— a browser's requests, one keep-alive connection per respondent ———

type Reply = { status: number; location: string | undefined; body: string };

function request(agent: http.Agent, base: URL, method: string, target: string, form?: URLSearchParams): Promise<Reply> {
  const body = form?.toString();
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent, host: base.hostname, port: base.port, method, path: target,
      headers: {
        accept: "text/html", "accept-language": "sv-SE,sv;q=0.9",
        ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), origin: base.origin } : {}),
      },
      timeout: 30_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => entities[e]);
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));

/** The page's answering form as a browser would submit it: method, action, hidden fields, and the fields it has. */
function parseForm(html: string, cls: string) {
  const start = html.search(new RegExp(`<form\\b[^>]*class="${cls}"`));
  if (start < 0) throw new Error(`formuläret .${cls} saknas`);
  const end = html.indexOf("</form>", start);
  const form = html.slice(start, end);
  const a = attrs(/<form\b[^>]*>/.exec(form)![0]);
  const hidden: [string, string][] = [];
  const names = new Set<string>();
  for (const m of form.matchAll(/<(input|textarea|select)\b[^>]*>/g)) {
    const at = attrs(m[0]);
    if (!at.name) continue;
    if (at.type === "hidden") hidden.push([at.name, at.value ?? ""]);
    else names.add(at.name);
  }
  return { method: (a.method ?? "get").toLowerCase(), action: a.action!, hidden, names };
}

/** Hidden fields, then the respondent's answers to the fields the page has, then the button (action=next). */
function submission(page: ReturnType<typeof parseForm>, answers: Record<string, string>) {
  const f = new URLSearchParams(page.hidden);
  for (const [k, v] of Object.entries(answers)) if (page.names.has(k)) f.append(k, v);
  f.append("action", "next");
  return f;
}
const answers1 = Object.fromEntries(Object.entries(respondentForms.page1("", "")).filter(([k]) => /^q/.test(k)));
const answers2 = Object.fromEntries(Object.entries(respondentForms.page2("", "")).filter(([k]) => /^q/.test(k)));

export type Tally = { completed: number; latencies: Record<Kind, number[]>; unexpected: Record<string, number>; errors: number };

/**
 * One respondent through the six requests; every latency is recorded when `tally` is given. Returns whether it
 * reached the thanks page. `before` runs before each request (bench/statements.ts marks the database's log).
 */
export async function onePath(agent: http.Agent, base: URL, slug: string, tally: Tally, before?: (kind: Kind) => Promise<void>): Promise<boolean> {
  const step = async (kind: Kind, method: string, target: string, expect: number, form?: URLSearchParams) => {
    await before?.(kind);
    const t0 = performance.now();
    const r = await request(agent, base, method, target, form);
    tally.latencies[kind].push(performance.now() - t0);
    if (r.status !== expect) {
      const key = `${kind} → ${r.status}`;
      tally.unexpected[key] = (tally.unexpected[key] ?? 0) + 1;
      throw new Error(key);
    }
    return r;
  };
  const start = await step("GET start", "GET", `/e/${slug}`, 200);
  const go = parseForm(start.body, "start-form");
  const page1 = await step("GET sida 1", "GET", `${go.action}?${new URLSearchParams(go.hidden)}`, 200);
  const form1 = parseForm(page1.body, "answer-form");
  const after1 = await step("POST sida 1", "POST", form1.action, 303, submission(form1, answers1));
  const page2 = await step("GET sida 2", "GET", after1.location!, 200);
  const form2 = parseForm(page2.body, "answer-form");
  const after2 = await step("POST sida 2", "POST", form2.action, 303, submission(form2, answers2));
  const thanks = await step("GET tack", "GET", after2.location!, 200);
  if (!/\/tack/.test(after2.location!) || !thanks.body.includes("<h1")) throw new Error("ingen tacksida");
  return true;
}

/** `respondents` loops at once: warm-up, then the measured seconds. A path under way at the end is finished (not counted). */
export async function drive(base: URL, slug: string, respondents: number, seconds: number, onMeasure: () => void) {
  const newTally = (): Tally => ({ completed: 0, latencies: Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<Kind, number[]>, unexpected: {}, errors: 0 });
  const warm = newTally(), measured = newTally();
  let phase: "warm" | "measured" | "done" = "warm";
  const agents = Array.from({ length: respondents }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  let finished = 0;
  const loop = async (agent: http.Agent) => {
    while (phase !== "done") {
      const inWindow = phase === "measured";
      const tally = inWindow ? measured : warm;
      try {
        await onePath(agent, base, slug, tally);
        finished++;
        if (inWindow && phase === "measured") measured.completed++;
        else warm.completed++;
      } catch {
        tally.errors++;
        await sleep(10);
      }
    }
  };
  const loops = agents.map((a) => loop(a));
  await sleep(3_000);
  phase = "measured";
  onMeasure();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  phase = "done";
  const elapsed = (performance.now() - t0) / 1000;
  await Promise.all(loops);
  for (const a of agents) a.destroy();
  return { measured, warm, elapsed, finished };
}

// ——— the stacks ———

/**
 * CPU time (user + system) of some processes so far, in µs (Linux /proc; ticks of 10 ms), with the time of their
 * children that have ended (cutime, cstime): PostgreSQL's backends that end during a run are counted in the
 * postmaster's, and a live child is not counted twice.
 */
function cpuUs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      sum += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10_000;
    } catch { /* gone */ }
  }
  return sum;
}

export type Server = { port: number; child: ChildProcess; output: () => string; pid: () => number };

/** How a server is started: by default as `npm start` starts it (minus npm), from this tree. */
export type Launch = { cwd: string; command: string; args: string[] };
export const npmStart: Launch = {
  cwd: root, command: process.execPath,
  // BENCH_PATH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (for finding what costs).
  args: [...(process.env.BENCH_PATH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PATH_CPU_PROF)}`] : []), "server/launch.mjs"],
};

/** Starts a server on loopback; resolves when /readyz answers 200. */
export async function startServer(env: Record<string, string>, launch: Launch = npmStart, onSpawn?: (pid: number) => void): Promise<Server> {
  const port = await freePort();
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd, env: childEnv({ PORT: String(port), LOG_LEVEL: "warn", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  onSpawn?.(child.pid!);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { out += d.toString(); });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`servern slutade med kod ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { child.kill("SIGKILL"); throw new Error(`servern svarade inte inom 180 s:\n${out}`); }
    await sleep(100);
  }
  return { port, child, output: () => out, pid: () => listeningPid(child.pid!, port) ?? child.pid! };
}

export async function stopServer(s: Server) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGTERM");
  await Promise.race([exited, sleep(20_000).then(() => s.child.kill("SIGKILL"))]);
}

export type Stack = {
  name: string;
  base: URL;
  /** Roots of every process of the stack (memory). */
  roots(): number[];
  /** The parts whose CPU is counted: Samspår's processes, and PostgreSQL and nginx when there are. */
  parts: Record<string, () => number[]>;
  collection(name: string): Promise<{ id: string; slug: string }>;
  /** Completed responses of an insamling, counted in the database (on PGlite after the server has stopped). */
  counts(ids: string[]): Promise<Record<string, number>>;
  /**
   * Transactions committed or rolled back in the database so far (PostgreSQL's pg_stat_database): a statement
   * outside BEGIN is one. Per complete response it shows how well the group commit (answering/batch.ts) works.
   */
  transactions?(): Promise<number>;
  stop(): Promise<void>;
};

export async function createCollection(staff: Browser, name: string) {
  const res = await staff.postForm("/insamlingar/ny", "/insamlingar", { questionnaire: "indikator-deltagare-pagaende", year: "2026", name, status: "oppen", languages: "sv" });
  const id = /\/insamlingar\/([0-9a-f-]{36})$/.exec(res.location ?? "")?.[1];
  if (res.status !== 303 || !id) throw new Error(`insamlingen kunde inte skapas: ${res.status}`);
  const page = await staff.get(`/insamlingar/${id}`);
  const slug = /\/e\/([A-Za-z0-9_-]+)/.exec(page.text)?.[1];
  if (!slug) throw new Error("insamlingens adress (/e/…) syns inte på dess sida");
  return { id, slug };
}

async function pgliteStack(): Promise<Stack> {
  const dataDir = tempDataDir();
  // SAMSPAR_MEMORY=av measures the embedded server without server/launch.mjs's memory settings, for comparison.
  const server = await startServer({ DATA_DIR: dataDir, ...(process.env.SAMSPAR_MEMORY ? { SAMSPAR_MEMORY: process.env.SAMSPAR_MEMORY } : {}) });
  const staff = new Browser(`http://127.0.0.1:${server.port}`);
  await staff.signIn(ADMIN.email, ADMIN.password);
  return {
    name: "inbäddad PGlite, 1 process",
    base: new URL(`http://127.0.0.1:${server.port}`),
    roots: () => [server.child.pid!],
    parts: { app: () => processTree(server.child.pid!) },
    collection: (name) => createCollection(staff, name),
    async counts(ids) {
      await stopServer(server);
      const database = await openEmbedded(dataDir);
      try {
        const client = (database.db as unknown as { $client: { query<T>(q: string, p: unknown[]): Promise<{ rows: T[] }> } }).$client;
        const out: Record<string, number> = {};
        for (const id of ids) out[id] = (await client.query<{ n: number }>("select count(*)::int as n from responses where collection_id = $1 and finished", [id])).rows[0].n;
        return out;
      } finally {
        await database.close();
      }
    },
    stop: () => stopServer(server),
  };
}

export async function postgresStack(cluster: Cluster, processes: number, nginxBin: string | undefined, behindNginx = processes > 1): Promise<Stack> {
  const sql = new pg.Client({ connectionString: cluster.url });
  await sql.connect();
  const backend = (await sql.query<{ p: number }>("select pg_backend_pid() as p")).rows[0].p;
  const postmaster = Number(/^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${backend}/status`, "utf8"))![1]);
  const env = { DATABASE_URL: cluster.url, SESSION_SECRET: crypto.randomBytes(36).toString("base64url"), TRUST_PROXY: "loopback" };
  const servers: Server[] = [];
  for (let i = 0; i < processes; i++) servers.push(await startServer({ ...env, DATA_DIR: tempDataDir() }));
  let nginx: Nginx | undefined;
  if (behindNginx) {
    if (!nginxBin) throw new Error("nginx saknas");
    nginx = await startNginx(nginxBin, servers.map((s) => s.port));
  }
  const base = new URL(nginx ? nginx.url : `http://127.0.0.1:${servers[0].port}`);
  const staff = new Browser(base.origin);
  await staff.signIn(ADMIN.email, ADMIN.password);
  return {
    name: `PostgreSQL-server, ${processes} process${processes > 1 ? "er" : ""}${nginx ? " bakom nginx" : ""}`,
    base,
    roots: () => [...servers.map((s) => s.child.pid!), postmaster, ...(nginx ? [nginx.proc.pid] : [])],
    parts: {
      app: () => servers.flatMap((s) => processTree(s.child.pid!)),
      postgres: () => processTree(postmaster),
      ...(nginx ? { nginx: () => processTree(nginx.proc.pid) } : {}),
    },
    collection: (name) => createCollection(staff, name),
    async transactions() {
      // The statistics reach the view when a backend is idle or at least once a second: a moment's wait first.
      await sleep(1_100);
      return Number((await sql.query<{ n: string }>("select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()")).rows[0].n);
    },
    async counts(ids) {
      const out: Record<string, number> = {};
      for (const id of ids) out[id] = (await sql.query<{ n: number }>("select count(*)::int as n from responses where collection_id = $1 and finished", [id])).rows[0].n;
      return out;
    },
    async stop() {
      await nginx?.stop();
      for (const s of servers) await stopServer(s);
      await sql.end().catch(() => undefined);
    },
  };
}

// ——— runs and the report ———

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

type RunResult = {
  stack: string; respondents: number; seconds: number; rate: number; completed: number; inDb: number; clientTotal: number;
  cpuPer: Record<string, number>; transactionsPer?: number; latencies: Record<Kind, number[]>; unexpected: Record<string, number>; errors: number;
  memory: { rest: number; max: number; after: number };
};

async function runOn(stack: Stack, respondents: number, seconds: number, log: (m: string) => void): Promise<RunResult & { id: string }> {
  const c = await stack.collection(`Svarsvägen ${respondents} åt gången`);
  await sleep(2_000);
  const rest = stackPssMiB(stack.roots());
  const memory = sampleStack(() => stack.roots(), 100);
  const before: Record<string, number> = {};
  const tx0 = await stack.transactions?.();
  const self0 = process.cpuUsage();
  log(`svarsvägen: ${stack.name}, ${respondents} åt gången, ${seconds} s …`);
  const r = await drive(stack.base, c.slug, respondents, seconds, () => {
    for (const [k, pids] of Object.entries(stack.parts)) before[k] = cpuUs(pids());
    Object.assign(self0, process.cpuUsage());
  });
  const used: Record<string, number> = {};
  for (const [k, pids] of Object.entries(stack.parts)) used[k] = cpuUs(pids()) - before[k];
  const self = process.cpuUsage(self0);
  used.lastgenerator = self.user + self.system;
  // Counted from the start of the warm-up, as the completed responses in the database are (r.finished).
  const tx1 = await stack.transactions?.();
  const mem = memory.stop();
  await sleep(1_000);
  const after = stackPssMiB(stack.roots());
  const n = Math.max(1, r.measured.completed);
  return {
    id: c.id, stack: stack.name, respondents, seconds: r.elapsed, rate: r.measured.completed / r.elapsed, completed: r.measured.completed,
    inDb: 0, clientTotal: r.finished,
    cpuPer: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, v / n / 1000])),
    transactionsPer: tx0 !== undefined && tx1 !== undefined ? (tx1 - tx0) / Math.max(1, r.finished) : undefined,
    latencies: r.measured.latencies, unexpected: { ...r.warm.unexpected, ...r.measured.unexpected }, errors: r.measured.errors + r.warm.errors,
    memory: { rest, max: mem.max, after },
  };
}

export async function benchPath(opts: { seconds?: number; stacks?: string[]; log?: (m: string) => void } = {}): Promise<string> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_PATH_SECONDS ?? 40);
  const stacks = opts.stacks ?? (process.env.BENCH_PATH_STACKS ?? "pglite,postgres1,postgres2").split(",").map((s) => s.trim());
  const log = opts.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const compiled = compiledIsCurrent(root);
  const loadBefore = loadavg();
  const results: RunResult[] = [];
  const notes: string[] = [];
  let cluster: Cluster | undefined;
  try {
    const measure = async (stack: Stack) => {
      const runs: (RunResult & { id: string })[] = [];
      try {
        for (const n of [1, 8]) runs.push(await runOn(stack, n, seconds, log));
        const counts = await stack.counts(runs.map((r) => r.id));
        for (const r of runs) r.inDb = counts[r.id];
      } finally {
        await stack.stop();
      }
      results.push(...runs);
    };
    if (stacks.includes("pglite")) await measure(await pgliteStack());
    if (stacks.some((s) => s.startsWith("postgres"))) {
      const started = await startPostgres({ maxSeconds: 30 * 60, log, settings: ["fsync=on"] });
      if ("skip" in started) notes.push(`PostgreSQL hoppades över: ${started.skip}`);
      else {
        cluster = started;
        if (stacks.includes("postgres1")) await measure(await postgresStack(cluster, 1, undefined));
        const nginxBin = findNginx();
        // postgres1nginx: one process behind nginx, to tell nginx's hop from the second process (not in the default run).
        if (stacks.includes("postgres1nginx") && nginxBin) await measure(await postgresStack(cluster, 1, nginxBin, true));
        if (stacks.includes("postgres2")) {
          if (nginxBin) await measure(await postgresStack(cluster, 2, nginxBin));
          else notes.push("Två processer hoppades över: nginx saknas.");
        }
      }
    }
  } finally {
    await cluster?.stop().catch(() => undefined);
    cleanup();
  }

  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "?";
  const out: string[] = [];
  out.push(`Maskin: ${os.cpus().length} kärnor (${cpuModel}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}${cluster ? `, ${cluster.version}` : ""}. ` +
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; loadavg (1/5/15 min) före ${loadBefore}, efter ${loadavg()}.`);
  out.push(`Servern startad som \`npm start\` (\`node server/launch.mjs\`: ${compiled ? "kompilerad, dist/" : "TypeScript genom tsx: dist/ saknas eller är äldre än källan"}). ` +
    `${fmt(seconds)} s per körning efter 3 s uppvärmning; varje svarande en egen keep-alive-anslutning; lastgeneratorn är den här processen.` +
    (cluster ? ` PostgreSQL: eget tillfälligt kluster, ${cluster.settings}.` : ""));
  for (const n of notes) out.push(n);
  out.push("");
  out.push("| databas och processer | svarande åt gången | slutförda svar/s | slutförda (i databasen, med uppvärmning) | Samspår CPU per svar | PostgreSQL | nginx | lastgeneratorn | minne (PSS) vila → högst → efter | PostgreSQL-transaktioner per svar | avvikelser |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
  for (const r of results) {
    const cpu = (k: string) => (r.cpuPer[k] === undefined ? "–" : `${fmt(r.cpuPer[k], 2)} ms`);
    const odd = [...Object.entries(r.unexpected).map(([k, v]) => `**${fmt(v)} × ${k}**`), ...(r.errors ? [`**${r.errors} avbrutna vägar**`] : [])].join(", ") || "inga";
    const db = r.inDb === r.clientTotal ? `${fmt(r.completed)} (${fmt(r.inDb)})` : `${fmt(r.completed)} (**${fmt(r.inDb)} i databasen mot ${fmt(r.clientTotal)} tacksidor**)`;
    out.push(`| ${r.stack} | ${r.respondents} | **${fmt(r.rate, 1)}** | ${db} | ${cpu("app")} | ${cpu("postgres")} | ${cpu("nginx")} | ${cpu("lastgenerator")} | ${fmt(r.memory.rest)} → ${fmt(r.memory.max)} → ${fmt(r.memory.after)} MiB | ${r.transactionsPer === undefined ? "–" : fmt(r.transactionsPer, 2)} | ${odd} |`);
  }
  out.push("");
  out.push("Svarstid per förfrågan, p50 / p99 i ms (klientens tid, från förfrågan till sista byte):");
  out.push("");
  out.push(`| databas och processer | åt gången | ${KINDS.join(" | ")} |`);
  out.push(`|---|---:|${KINDS.map(() => "---:").join("|")}|`);
  for (const r of results) {
    out.push(`| ${r.stack} | ${r.respondents} | ${KINDS.map((k) => `${fmt(quantile(r.latencies[k], 0.5), 1)} / ${fmt(quantile(r.latencies[k], 0.99), 1)}`).join(" | ")} |`);
  }
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchPath().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
