import fs from "node:fs";
import { spawn } from "node:child_process";
import readline from "node:readline";
import { childEnv, cleanup, freePort, killAll, root, stop, tempDataDir, waitForReady } from "../test/process/helpers.js";
import { signIn, type Seeded } from "./contention.js";

const dir = tempDataDir();
const profDir = process.env.PROF_DIR ?? "/tmp/perf-prof";
fs.mkdirSync(profDir, { recursive: true });
const seedProc = spawn(process.execPath, ["--import", "tsx", "bench/contention.ts", "--seed", dir, process.env.N ?? "51000", JSON.stringify({ open: 1000, large: 1000 })], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
let seeded!: Seeded;
for await (const line of readline.createInterface({ input: seedProc.stdout! })) if (line.startsWith("{")) seeded = JSON.parse(line);
const port = await freePort();
const child = spawn(process.execPath, [...(process.env.NOPROF ? [] : ["--cpu-prof", `--cpu-prof-dir=${profDir}`]), "--import", "tsx", "server/main.ts"], { cwd: root, env: childEnv({ PORT: String(port), DATA_DIR: dir }), stdio: ["ignore", "inherit", "inherit"] });
const server = { child, pid: child.pid!, exited: new Promise((r) => child.on("exit", r)), kill: (s: NodeJS.Signals) => child.kill(s), stdout: () => "", stderr: () => "", waitExit: (ms: number) => new Promise((r) => { child.on("exit", (code, signal) => r({ code, signal })); setTimeout(() => r({ code: null, signal: null }), ms); }) } as unknown as Parameters<typeof stop>[0];
await waitForReady(server, port, 120_000);
const base = `http://127.0.0.1:${port}`;
const cookie = await signIn(base);
const paths = (process.env.PATHS ?? "page").split(",");
for (const which of paths) {
  const p = which === "page" ? `/resultat/insamling/${seeded.largeId}` : which === "csv" ? `/resultat/insamling/${seeded.largeId}.csv` : `/api/v1/collections/${seeded.largeId}/results`;
  const ms: number[] = [];
  for (let i = 0; i < Number(process.env.LOOPS ?? 30); i++) {
    const t0 = performance.now();
    const res = await fetch(base + p, { headers: which === "api" ? { authorization: `Bearer ${seeded.apiToken}` } : { cookie } });
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(which, "p50", ms[Math.floor(ms.length / 2)].toFixed(1), "min", ms[0].toFixed(1), "max", ms[ms.length - 1].toFixed(1));
}
await stop(server, 30_000);
await killAll();
cleanup();
