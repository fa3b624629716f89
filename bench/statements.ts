/**
 * The SQL statements behind each request of the respondent's real path (bench/path.ts), counted from
 * PostgreSQL's own log (log_statement=all): a throwaway cluster, Samspår as `npm start` starts it (one or
 * two processes, the second behind nginx), a warm-up, then one respondent at a time through the six
 * requests with a marker statement in the log before each request. Prints, per request kind, the
 * statements per request and the texts (numbers and strings blanked) with their counts.
 *
 *   npx tsx bench/statements.ts                  # two processes behind nginx, 20 paths
 *   BENCH_STATEMENTS_PROCESSES=1 BENCH_STATEMENTS_PATHS=50 npx tsx bench/statements.ts
 *
 * What it prints says what the requests ask the database, not how fast: run it on a quiet or a busy machine alike.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startPostgres } from "./postgres.js";
import { KINDS, onePath, postgresStack, type Kind, type Tally } from "./path.js";
import { cleanup } from "../test/process/helpers.js";
import { findNginx } from "../test/process/cluster.js";

const MARK = "samspar_bench_mark";

/** Nanoseconds on a CPU so far, summed over every thread of the processes. */
function onCpuNs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      for (const task of fs.readdirSync(`/proc/${pid}/task`)) sum += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      return 0; // gone
    }
  }
  return sum;
}

export async function countStatements(opts: { processes?: number; paths?: number } = {}): Promise<string> {
  const processes = opts.processes ?? Number(process.env.BENCH_STATEMENTS_PROCESSES ?? 2);
  const paths = opts.paths ?? Number(process.env.BENCH_STATEMENTS_PATHS ?? 20);
  const started = await startPostgres({ maxSeconds: 10 * 60, settings: ["fsync=off", "log_statement=all", "log_line_prefix='%p '", "track_functions=pl"] });
  if ("skip" in started) return `Hoppades över: ${started.skip}`;
  const cluster = started;
  const marker = new pg.Client({ connectionString: cluster.url });
  try {
    const stack = await postgresStack(cluster, processes, processes > 1 ? findNginx() : undefined);
    try {
      await marker.connect();
      const markerPid = (await marker.query<{ p: number }>("select pg_backend_pid() as p")).rows[0].p;
      const c = await stack.collection("Satserna");
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const tally: Tally = { completed: 0, latencies: Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Record<Kind, number[]>, unexpected: {}, errors: 0 };
      // Warm-up: every process's caches and recorded pages (a first visit is recorded once per process and language).
      for (let i = 0; i < 10; i++) await onePath(agent, stack.base, c.slug, tally);
      // Give the batchers' and the pool's stragglers a moment, then mark where the measured part starts.
      await new Promise((r) => setTimeout(r, 300));
      const mark = (what: string) => marker.query(`select '${MARK}:${what}'`).then(() => undefined);
      for (let i = 0; i < paths; i++) await onePath(agent, stack.base, c.slug, tally, (kind) => mark(kind));
      await mark("slut");
      await new Promise((r) => setTimeout(r, 300));

      // CPU per request kind, one request at a time, without the log: the time on a CPU of every thread of
      // the parts (/proc/<pid>/task/*/schedstat, in ns, exact rather than in 10 ms ticks), read before and
      // after each request. With one request at a time there is no group commit (answering/batch.ts).
      await marker.query("alter system set log_statement = 'none'");
      await marker.query("select pg_reload_conf()");
      const parts = { app: stack.parts.app, postgres: () => stack.parts.postgres().filter((p) => p !== markerPid), ...(stack.parts.nginx ? { nginx: stack.parts.nginx } : {}) };
      await marker.query("select pg_stat_reset()");
      const cpu: Record<string, Record<string, number>> = Object.fromEntries(KINDS.map((k) => [k, {}]));
      const pidsOf = Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f()]));
      // Per process, so that one that ends (an autovacuum worker) or starts in between counts for nothing.
      const read = () => Object.fromEntries(Object.entries(pidsOf).map(([k, pids]) => [k, new Map(pids.map((p) => [p, onCpuNs([p])]))]));
      const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((s, [p, ns]) => s + (a.has(p) && ns ? Math.max(0, ns - a.get(p)!) : 0), 0);
      let last: ReturnType<typeof read> | undefined, lastKind: Kind | undefined;
      const cpuRuns = Number(process.env.BENCH_STATEMENTS_CPU_PATHS ?? 200);
      const account = () => {
        const now = read();
        if (last && lastKind) for (const k of Object.keys(now)) cpu[lastKind][k] = (cpu[lastKind][k] ?? 0) + delta(last[k], now[k]);
        return now;
      };
      for (let i = 0; i < cpuRuns; i++) {
        await onePath(agent, stack.base, c.slug, tally, async (kind) => { last = account(); lastKind = kind; });
        account();
        last = undefined;
      }
      agent.destroy();
      // The triggers' own time (track_functions=pl): what the database does for each write besides the write.
      await new Promise((r) => setTimeout(r, 1_100));
      const functions = (await marker.query<{ name: string; calls: string; total: number; self: number }>(
        "select funcname as name, calls, total_time as total, self_time as self from pg_stat_user_functions order by total_time desc")).rows;

      // The log: "<pid> LOG:  statement: …" or "<pid> LOG:  execute <unnamed>: …", continuation lines indented.
      const lines = fs.readFileSync(cluster.logFile, "utf8").split("\n");
      const entries: { pid: number; text: string }[] = [];
      for (const line of lines) {
        const m = /^(\d+) LOG:\s+(?:statement|execute [^:]*): (.*)$/.exec(line);
        if (m) entries.push({ pid: Number(m[1]), text: m[2] });
        else if (/^\s/.test(line) && entries.length && !/^\d+ /.test(line)) entries[entries.length - 1].text += " " + line.trim();
      }
      const start = entries.findIndex((e) => e.text.includes(`${MARK}:`));
      const perKind = new Map<string, Map<string, number>>();
      let current: string | undefined;
      for (const e of entries.slice(start)) {
        const m = new RegExp(`'${MARK}:([^']+)'`).exec(e.text);
        if (m && e.pid === markerPid) { current = m[1] === "slut" ? undefined : m[1]; continue; }
        if (!current) continue;
        const shape = e.text.replace(/\s+/g, " ").replace(/'[^']*'/g, "'…'").replace(/\b\d+\b/g, "N").slice(0, 160);
        const counts = perKind.get(current) ?? new Map<string, number>();
        counts.set(shape, (counts.get(shape) ?? 0) + 1);
        perKind.set(current, counts);
      }
      const out = [`${processes} process(er), ${paths} vägar efter 10 i uppvärmning; satser per förfrågan (ur PostgreSQL:s logg, log_statement=all):`, ""];
      let total = 0;
      for (const kind of KINDS) {
        const counts = perKind.get(kind) ?? new Map<string, number>();
        const n = [...counts.values()].reduce((a, b) => a + b, 0);
        total += n;
        out.push(`${kind}: ${(n / paths).toFixed(2)} per förfrågan`);
        for (const [text, k] of [...counts].sort((a, b) => b[1] - a[1])) out.push(`    ${(k / paths).toFixed(2)} × ${text}`);
      }
      out.push("", `Summa: ${(total / paths).toFixed(2)} satser per slutfört svar.`, "");
      const names = Object.keys(parts);
      out.push(`CPU per förfrågan i µs, en förfrågan åt gången, ${cpuRuns} vägar (alla trådar, /proc/<pid>/task/*/schedstat):`, "");
      out.push(`| förfrågan | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`);
      const sum: Record<string, number> = {};
      for (const kind of KINDS) {
        out.push(`| ${kind} | ${names.map((k) => { sum[k] = (sum[k] ?? 0) + (cpu[kind][k] ?? 0); return ((cpu[kind][k] ?? 0) / cpuRuns / 1000).toFixed(0); }).join(" | ")} |`);
      }
      out.push(`| hela vägen | ${names.map((k) => (sum[k] / cpuRuns / 1000).toFixed(0)).join(" | ")} |`);
      out.push("", `PL/pgSQL-funktioner (triggrarna) under de ${cpuRuns} vägarna, per väg: anrop, total tid och egen tid i µs (track_functions=pl):`, "");
      for (const f of functions) out.push(`    ${f.name}: ${(Number(f.calls) / cpuRuns).toFixed(2)} anrop, ${(f.total * 1000 / cpuRuns).toFixed(0)} µs (egen ${(f.self * 1000 / cpuRuns).toFixed(0)} µs)`);
      return out.join("\n");
    } finally {
      await stack.stop();
    }
  } finally {
    await marker.end().catch(() => undefined);
    await cluster.stop();
    cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  countStatements().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
