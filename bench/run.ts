/**
 * `npm run bench`: every figure of BENCHMARKS.md in one run, on the embedded database (PGlite).
 *
 * 1. Start-up time and memory of the real server. It is started as `npm start` starts it, minus npm:
 *    `node_modules/.bin/tsx server/main.ts`. The tsx binary runs the server in a child node process;
 *    memory is read from the process that holds the listening socket (found through /proc), and the
 *    tsx wrapper is reported separately.
 * 2. Answering (bench/answering.ts): the public question page against bare node:http, and finished
 *    responses through the form and the API.
 * 3. CSV import of 100 000 lines (bench/import.ts), 4. results (bench/results.ts) and 5. bilagor
 *    (bench/reports.ts), each in a node process of its own so that its memory figures are its own.
 * 6. Respondents while two staff members load a 51 000-answer insamling's results (bench/contention.ts,
 *    the real server on a seeded DATA_DIR), in a node process of its own.
 * 7. Several processes behind nginx on PostgreSQL (bench/cluster.ts), in a node process of its own.
 * 8. Memory of the embedded server through a first start, at rest and under respondents, before issue 22 and
 *    now, tsx and compiled (bench/footprint.ts), in a node process of its own.
 * 9. The respondent's real path, six requests with each page's hidden fields, 1 and 8 at once, on PGlite and
 *    on PostgreSQL with one and two processes (bench/path.ts), in a node process of its own.
 *
 * BENCH_ONLY=start,answering,import,results,reports,contention,cluster,footprint,path picks parts. Loopback only, every step bounded, temporary
 * directories removed at the end. Linux only (/proc).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { benchAnswering } from "./answering.js";
import { startPostgres, type Cluster } from "./postgres.js";
import {
  cleanup, freePort, killAll, listeningPid, processTree, root, rssMiB, spawnServer, stop, tempDataDir, waitForReady,
} from "../test/process/helpers.js";

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const READY_TIMEOUT = 60_000;

type Row = [string, string, string, string, string];

const fmt = (n: number, digits = 0) => n.toFixed(digits);
function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}
function quantile(values: number[], q: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawns the server, waits for the first 200 on /readyz; returns the time from spawn. */
async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawnServer({ dataDir, port, viaTsxCli: true, env: { LOG_LEVEL: "info" } });
  await waitForReady(proc, port, READY_TIMEOUT);
  return { proc, port, ms: performance.now() - t0 };
}

async function stopOrFail(proc: Awaited<ReturnType<typeof startOnce>>["proc"]) {
  const exit = await stop(proc, 20_000);
  if (exit.code !== 0) throw new Error(`servern slutade med kod ${exit.code}/${exit.signal}\n${proc.stderr()}`);
  return exit.ms;
}

const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

async function startup() {
  const rows: Row[] = [];
  const loadBefore = loadavg();
  const log = (msg: string) => process.stderr.write(msg + "\n");

  // (1) First start: empty DATA_DIR → migrations, demo förbund, admin account (argon2 hash).
  const firstStarts: number[] = [];
  const stops: number[] = [];
  const firstRss: number[] = [];
  let keptDir = "";
  for (let i = 0; i < REPEAT; i++) {
    const dir = tempDataDir();
    const { proc, port, ms } = await startOnce(dir);
    if (!/engångslösenord/.test(proc.stdout())) throw new Error("första starten skrev inget engångslösenord – var katalogen tom?");
    firstStarts.push(ms);
    const pid = listeningPid(proc.pid, port);
    if (pid) firstRss.push(rssMiB(pid));
    stops.push(await stopOrFail(proc));
    log(`första start ${i + 1}/${REPEAT}: ${fmt(ms)} ms`);
    keptDir = dir;
  }
  const f = stats(firstStarts);
  rows.push(["Första start (tom DATA_DIR) → första 200 på /readyz", `${fmt(f.median)} ms`, `${fmt(f.min)} ms`, `${fmt(f.max)} ms`, `${REPEAT} starter, ny katalog varje gång`]);

  // (2) Later start of the same DATA_DIR.
  const laterStarts: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const { proc, ms } = await startOnce(keptDir);
    if (/Första start/.test(proc.stdout())) throw new Error("en senare start gjorde första start igen");
    laterStarts.push(ms);
    stops.push(await stopOrFail(proc));
    log(`senare start ${i + 1}/${REPEAT}: ${fmt(ms)} ms`);
  }
  const l = stats(laterStarts);
  rows.push(["Senare start (samma DATA_DIR) → första 200 på /readyz", `${fmt(l.median)} ms`, `${fmt(l.min)} ms`, `${fmt(l.max)} ms`, `${REPEAT} starter`]);
  const s = stats(stops);
  rows.push(["SIGTERM → processen har slutat (kod 0)", `${fmt(s.median)} ms`, `${fmt(s.min)} ms`, `${fmt(s.max)} ms`, `${stops.length} stopp, inga öppna anslutningar`]);

  // (3) Resident memory of the listening process: idle after start, and after sequential GET /login.
  const fr = stats(firstRss);
  rows.push(["RSS för serverprocessen direkt efter första start", `${fmt(fr.median, 1)} MiB`, `${fmt(fr.min, 1)} MiB`, `${fmt(fr.max, 1)} MiB`, "vid första 200 på /readyz; PGlite:s initdb lämnar minne kvar"]);
  const { proc, port } = await startOnce(keptDir);
  const pid = listeningPid(proc.pid, port);
  if (!pid) throw new Error(`hittade ingen process som lyssnar på port ${port} under pid ${proc.pid}`);
  const wrapperPids = processTree(proc.pid).filter((p) => p !== pid);
  await sleep(2_000);
  const idle = rssMiB(pid);
  const wrapper = wrapperPids.reduce((sum, p) => sum + (fs.existsSync(`/proc/${p}`) ? rssMiB(p) : 0), 0);
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(10_000) });
    const html = await res.text();
    if (res.status !== 200 || !html.includes('lang="sv"')) throw new Error(`GET /login gav ${res.status}`);
    latencies.push(performance.now() - t0);
  }
  await sleep(500);
  const busy = rssMiB(pid);
  await stopOrFail(proc);
  rows.push([`RSS för serverprocessen, vilande 2 s efter en senare start`, `${fmt(idle, 1)} MiB`, "", "", `pid som lyssnar (tsx-barnprocessen); tsx-omslaget själv: ${fmt(wrapper, 1)} MiB`]);
  rows.push([`RSS för serverprocessen efter ${REQUESTS} GET /login i följd`, `${fmt(busy, 1)} MiB`, "", "", `en åt gången, keep-alive`]);
  const lat = stats(latencies);
  rows.push([`Svarstid GET /login (${REQUESTS} i följd)`, `${fmt(lat.median, 1)} ms`, `${fmt(lat.min, 1)} ms`, `${fmt(lat.max, 1)} ms`, `p95 ${fmt(quantile(latencies, 0.95), 1)} ms`]);

  console.log("## Start och minne\n");
  console.log(`Belastning (loadavg 1/5/15 min): före ${loadBefore}, efter ${loadavg()}`);
  console.log(`Databas: inbäddad PGlite, start med \`tsx server/main.ts\` (som \`npm start\`, utan npm)\n`);
  console.log("| mätning | median | min | max | anmärkning |");
  console.log("|---|---:|---:|---:|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

/** A bench file run in a node process of its own; its standard output is the report. */
async function child(file: string, nodeArgs: string[] = [], env: Record<string, string> = {}, timeoutMs = 15 * 60_000) {
  const promise = promisify(execFile)(process.execPath, [...nodeArgs, "--import", "tsx", path.join(root, "bench", file)], {
    cwd: root, env: { ...process.env, NODE_NO_WARNINGS: "1", ...env }, maxBuffer: 16 * 2 ** 20, timeout: timeoutMs, killSignal: "SIGKILL",
  });
  promise.child.stderr?.pipe(process.stderr); // its progress, as it goes
  const { stdout } = await promise;
  return stdout.trim();
}

/** The PostgreSQL cluster of the results part, when this run started one; stopped in the end. */
let cluster: Cluster | undefined;

/**
 * The server for the results part: BENCH_DATABASE_URL if given; none with BENCH_POSTGRES=0; else a
 * throwaway cluster of our own on a free loopback port (bench/postgres.ts), or none with the reason.
 */
async function resultsServer(log: (m: string) => void): Promise<{ url?: string; note: string }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, note: "PostgreSQL: BENCH_DATABASE_URL (given)" };
  if (process.env.BENCH_POSTGRES === "0") return { note: "PostgreSQL-delen hoppades över: BENCH_POSTGRES=0" };
  const started = await startPostgres({ maxSeconds: RESULTS_TIMEOUT / 1000 + 120, log });
  if ("skip" in started) return { note: `PostgreSQL-delen hoppades över: ${started.skip}` };
  cluster = started;
  return { url: started.url, note: `PostgreSQL: eget tillfälligt kluster (${started.version}, ${started.bin}) på 127.0.0.1:${started.port}, ${started.settings}, i övrigt standardinställningar` };
}
const RESULTS_TIMEOUT = 25 * 60_000;

async function main() {
  const only = (process.env.BENCH_ONLY ?? "start,answering,import,results,reports,contention,cluster,footprint,path").split(",").map((s) => s.trim());
  const log = (msg: string) => process.stderr.write(msg + "\n");
  const cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
  console.log(`Maskin: ${os.cpus().length} kärnor (\`nproc\`), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB minne, ${cpu}, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`Kommando: \`npm run bench\`${process.env.BENCH_ONLY ? ` (BENCH_ONLY=${process.env.BENCH_ONLY})` : ""}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC\n`);
  if (only.includes("start")) await startup();
  if (only.includes("answering")) {
    log("svar: frågesidan, formuläret och API:t …");
    console.log("\n## Svar: frågesidan och slutförda svar\n");
    console.log((await benchAnswering()).markdown);
  }
  if (only.includes("import")) {
    log("CSV-import …");
    console.log("\n## CSV-import\n");
    console.log("| mätning | tid | minne |\n|---|---:|---|");
    console.log(await child("import.ts", ["--expose-gc"]));
  }
  if (only.includes("results") && fs.existsSync(path.join(root, "bench", "results.ts"))) {
    log("resultat …");
    const server = await resultsServer(log);
    log(server.note);
    console.log("\n## Resultat\n");
    console.log(`${server.note}\n`);
    try {
      // TEST_DATABASE_URL is not passed on: without a server of its own, the part runs on PGlite only.
      console.log(await child("results.ts", ["--expose-gc"], { BENCH_DATABASE_URL: server.url ?? "", TEST_DATABASE_URL: "" }, RESULTS_TIMEOUT));
    } finally {
      await cluster?.stop();
      cluster = undefined;
    }
  }
  if (only.includes("reports")) {
    log("bilagor …");
    console.log("\n## Bilagor\n");
    console.log(await child("reports.ts", ["--expose-gc"]));
  }
  if (only.includes("contention")) {
    log("svarande medan personalen läser en stor insamling …");
    console.log("\n## Svarande medan personalen läser en stor insamling\n");
    console.log(await child("contention.ts"));
  }
  if (only.includes("cluster")) {
    log("kluster: nginx och flera processer på PostgreSQL …");
    console.log("\n## Flera processer bakom nginx på PostgreSQL\n");
    console.log(await child("cluster.ts", [], { TEST_DATABASE_URL: "" }));
  }
  if (only.includes("footprint")) {
    log("minne: den inbäddade servern före och nu …");
    console.log("\n## Minne: den inbäddade servern\n");
    console.log(await child("footprint.ts", [], { TEST_DATABASE_URL: "" }, 40 * 60_000));
  }
  if (only.includes("path")) {
    log("svarsvägen: sex förfrågningar per svarande …");
    console.log("\n## Svarsvägen: sex förfrågningar per svarande\n");
    console.log(await child("path.ts", [], { TEST_DATABASE_URL: "" }, 40 * 60_000));
  }
}

let failed = false;
const interrupt = () => { void Promise.allSettled([killAll(), cluster?.stop()]).finally(() => { cleanup(); process.exit(130); }); };
process.on("SIGINT", interrupt);
process.on("SIGTERM", interrupt);
try {
  await main();
} catch (err) {
  failed = true;
  console.error(err instanceof Error ? err.message : err);
} finally {
  await killAll();
  await cluster?.stop().catch((err) => console.error(err));
  cleanup();
}
process.exit(failed ? 1 : 0);
