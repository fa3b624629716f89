/**
 * Real processes for the process tests and the benchmark: the server and the CLI are spawned as
 * node processes (never imported), on loopback, each on its own temporary DATA_DIR.
 * Nothing here imports vitest, so bench/run.ts uses it too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const tsxBin = path.join(root, "node_modules/.bin/tsx");

/** A port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const tempDirs = new Set<string>();

/** A new, empty temporary directory; removed by cleanup(). */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-proc-"));
  tempDirs.add(dir);
  return dir;
}

/**
 * A minimal environment: nothing from the caller's Samspår settings leaks in (no DATABASE_URL,
 * TEST_DATABASE_URL, SMTP_URL, PORT…), so the child always runs on embedded PGlite in its DATA_DIR.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "SYSTEMROOT"];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, HOST: "127.0.0.1", NODE_NO_WARNINGS: "1", ...extra };
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Proc = {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** Resolves with the exit, or rejects after `ms` (the process is then killed). */
  waitExit(ms: number): Promise<Exit>;
  /** Waits until the output (stdout + stderr) matches. */
  waitForOutput(re: RegExp, ms: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
};

const running = new Set<Proc>();

function track(child: ChildProcess, what: string): Proc {
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (d: string) => { out += d; listeners.forEach((l) => l()); });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => { err += d; listeners.forEach((l) => l()); });
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => { exit = { code, signal }; });
    // "close" comes after the output streams have ended, so stdout() is complete.
    child.on("close", () => { running.delete(proc); listeners.forEach((l) => l()); resolve(exit ?? { code: child.exitCode, signal: child.signalCode }); });
  });
  const describe = () => `${what} (pid ${child.pid})\n--- stdout ---\n${out}\n--- stderr ---\n${err}`;
  const proc: Proc = {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitExit(ms) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { proc.kill("SIGKILL"); reject(new Error(`slutade inte inom ${ms} ms: ${describe()}`)); }, ms);
        void exited.then((e) => { clearTimeout(timer); resolve(e); });
      });
    },
    waitForOutput(re, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out + err)) { done(); resolve(); return; }
          if (exit || child.exitCode !== null) { done(); reject(new Error(`processen slutade innan ${re} syntes: ${describe()}`)); }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`${re} syntes inte inom ${ms} ms: ${describe()}`)); }, ms);
        const done = () => { clearTimeout(timer); listeners.delete(check); };
        listeners.add(check);
        check();
      });
    },
    kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGKILL cannot be relayed: a wrapper (the tsx binary) would leave its server child running.
      if (signal === "SIGKILL" && child.pid) {
        for (const pid of processTree(child.pid).slice(1).reverse()) {
          try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ }
        }
      }
      child.kill(signal);
    },
  };
  running.add(proc);
  return proc;
}

export type ServerOpts = { dataDir: string; port: number; env?: Record<string, string>; viaTsxCli?: boolean; viaLaunch?: boolean };

/**
 * Starts `server/main.ts` as `npm start` does, minus npm. By default `node --import tsx server/main.ts`,
 * so the spawned pid is the process that listens; with viaTsxCli the tsx binary is used, which
 * runs the server in a child process (see listeningPid); with viaLaunch `node server/launch.mjs`, exactly as
 * `npm start` (on the embedded database also a parent and a child).
 */
export function spawnServer(opts: ServerOpts): Proc {
  const env = childEnv({ PORT: String(opts.port), DATA_DIR: opts.dataDir, ...opts.env });
  const child = opts.viaLaunch
    ? spawn(process.execPath, ["server/launch.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] })
    : opts.viaTsxCli
    ? spawn(tsxBin, ["server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  return track(child, `servern på port ${opts.port}`);
}

/** Runs the CLI to the end (bounded) and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>, ms = 120_000) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], { cwd: root, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  const proc = track(child, `cli ${args.join(" ")}`);
  const exit = await proc.waitExit(ms);
  return { ...exit, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** Polls GET /readyz until 200; fails early when the process exits and after `ms`. */
export async function waitForReady(proc: Proc, port: number, ms = 150_000): Promise<number> {
  const t0 = performance.now();
  const deadline = Date.now() + ms;
  let exited = false;
  void proc.exited.then(() => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`servern slutade innan den blev redo: koder ${proc.child.exitCode}/${proc.child.signalCode}\n${proc.stdout()}\n${proc.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill("SIGKILL");
  throw new Error(`servern blev inte redo inom ${ms} ms\n${proc.stdout()}\n${proc.stderr()}`);
}

/** Sends SIGTERM and waits (bounded) for the exit. */
export async function stop(proc: Proc, ms = 15_000): Promise<Exit & { ms: number }> {
  const t0 = performance.now();
  proc.kill("SIGTERM");
  const exit = await proc.waitExit(ms);
  return { ...exit, ms: performance.now() - t0 };
}

/** Kills every process still running (SIGKILL) and waits for them; for afterEach/afterAll. */
export async function killAll(): Promise<void> {
  const procs = [...running];
  for (const p of procs) p.kill("SIGKILL");
  await Promise.all(procs.map((p) => p.waitExit(5_000).catch(() => undefined)));
}

/** Removes the temporary directories made by tempDataDir(). */
export function cleanup(): void {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Children of a pid (Linux /proc), recursively, the pid itself first. */
export function processTree(pid: number): number[] {
  const result = [pid];
  for (let i = 0; i < result.length; i++) {
    let children: string[] = [];
    try {
      for (const task of fs.readdirSync(`/proc/${result[i]}/task`)) {
        children = children.concat(fs.readFileSync(`/proc/${result[i]}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean));
      }
    } catch {
      // gone
    }
    result.push(...children.map(Number));
  }
  return result;
}

/** The pid in `rootPid`'s process tree that holds the listening TCP socket on `port` (Linux /proc). */
export function listeningPid(rootPid: number, port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try { text = fs.readFileSync(file, "utf8"); } catch { continue; }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex, st 0A is LISTEN, inode is the tenth field
      if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  for (const pid of processTree(rootPid)) {
    let fds: string[] = [];
    try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

/** Resident memory of a process in MiB, from /proc/<pid>/status VmRSS. */
export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`VmRSS saknas för pid ${pid}`);
  return Number(m[1]) / 1024;
}
