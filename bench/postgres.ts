/**
 * A throwaway PostgreSQL cluster for `npm run bench`, like .ci/run starts one: initdb into a new
 * temporary directory, the server listening on 127.0.0.1 only (a free port, its socket in that
 * directory), trust authentication for the one local user. Every step has a timeout; stop() stops the
 * server and removes the directory. A watchdog shell (as the same user as the server) stops it and
 * removes the directory too if this process dies without stopping it, or after `maxSeconds` at most.
 *
 * The binaries: PG_BIN if set, else the newest /usr/lib/postgresql/<version>/bin (Debian), else the
 * directory of initdb on PATH. Run as root, the cluster is owned by the user postgres (initdb refuses
 * root). When none is found, startPostgres() returns the reason and the bench skips the part.
 *
 * Settings beyond the defaults: fsync=off (as in CI; it only speeds up generating the data, the
 * measured queries only read), unless the caller passes its own (bench/cluster.ts measures writes, with
 * fsync on). Nothing else is tuned (shared_buffers 128 MB, work_mem 4 MB …).
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../test/process/helpers.js";

const run = promisify(execFile);

export type Cluster = { url: string; version: string; bin: string; port: number; settings: string; /** The server's log file (pg_ctl -l). */ logFile: string; stop(): Promise<void> };

function findBin(): string | undefined {
  const ok = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (process.env.PG_BIN) return ok(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => ok(path.join(debian, v, "bin")))
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    if (versions.length) return path.join(debian, versions[versions.length - 1], "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && ok(dir)) return dir;
  return undefined;
}

/** uid and gid of the user postgres from /etc/passwd, when running as root. */
function postgresUser(): { uid: number; gid: number } | undefined {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

const SETTINGS = "fsync=off";

/** Starts a cluster, or says why it cannot. */
export async function startPostgres(opts: { maxSeconds: number; log?: (m: string) => void; settings?: string[] }): Promise<Cluster | { skip: string }> {
  const log = opts.log ?? (() => {});
  const settings = opts.settings ?? [SETTINGS];
  const bin = findBin();
  if (!bin) return { skip: "inga PostgreSQL-program (initdb, pg_ctl) hittades: varken PG_BIN, /usr/lib/postgresql/*/bin eller PATH" };
  let as: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    as = postgresUser();
    if (!as) return { skip: "körs som root men användaren postgres finns inte (initdb vägrar köra som root)" };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-bench-pg-"));
  if (as) fs.chownSync(dir, as.uid, as.gid);
  const data = path.join(dir, "data");
  const port = await freePort();
  const exec = (file: string, args: string[], ms: number) =>
    run(path.join(bin, file), args, { cwd: dir, timeout: ms, killSignal: "SIGKILL", ...(as ?? {}), env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" } });
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let started = false;
  const stopServer = async () => {
    if (!started) return;
    started = false;
    try {
      await exec("pg_ctl", ["-D", data, "-m", "fast", "-t", "30", "-w", "stop"], 40_000);
    } catch (err) {
      log(`pg_ctl stop misslyckades (${(err as Error).message.split("\n")[0]}); försöker -m immediate`);
      await exec("pg_ctl", ["-D", data, "-m", "immediate", "-t", "20", "-w", "stop"], 30_000).catch(() => undefined);
    }
  };
  try {
    const { stdout: versionOut } = await exec("postgres", ["--version"], 10_000);
    const version = versionOut.trim();
    log(`PostgreSQL: initdb i ${dir} (${version}) …`);
    await exec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], 120_000);
    const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${settings.map((x) => ` -c ${x}`).join("")}`;
    await exec("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", serverOpts, "-t", "60", "-w", "start"], 70_000);
    started = true;
    log(`PostgreSQL: lyssnar på 127.0.0.1:${port}`);
  } catch (err) {
    const serverLog = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000) : "";
    await stopServer();
    remove();
    throw new Error(`PostgreSQL-klustret kunde inte startas: ${(err as Error).message}\n${serverLog}`);
  }

  // Watchdog: stops the cluster when this process is gone, or after maxSeconds at the latest.
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `end=$(( $(date +%s) + ${Math.ceil(opts.maxSeconds)} ));
    while [ -d /proc/${process.pid} ] && [ -d ${q(data)} ] && [ $(date +%s) -lt $end ]; do sleep 2; done
    if [ -f ${q(path.join(data, "postmaster.pid"))} ]; then ${q(path.join(bin, "pg_ctl"))} -D ${q(data)} -m immediate -t 20 -w stop >/dev/null 2>&1; fi
    rm -rf ${q(dir)}`;
  const watchdog = spawn("/bin/sh", ["-c", script], { detached: true, stdio: "ignore", cwd: "/", ...(as ?? {}) });
  watchdog.unref();

  const { stdout: version } = await exec("postgres", ["--version"], 10_000);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`, version: version.trim(), bin, port, settings: settings.join(", ") || "inga", logFile: path.join(dir, "server.log"),
    async stop() {
      await stopServer();
      if (watchdog.pid) try { process.kill(-watchdog.pid, "SIGKILL"); } catch { /* already gone */ }
      remove();
      log("PostgreSQL: stoppat och katalogen borttagen");
    },
  };
}
