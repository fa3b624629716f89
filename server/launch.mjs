/**
 * `npm start`: the compiled server in dist/ (server/build.mjs, run by `npm install`) when it was compiled
 * from the sources as they are now, else the TypeScript through tsx. The compiled server takes about
 * 60 MiB less memory (BENCHMARKS.md, *Minne*); a source changed since the build, or no build at all, is
 * never run stale.
 *
 * On the embedded database the server runs in a child process with smaller memory settings
 * (EMBEDDED_MEMORY); they can only be given when a process starts, and this one is already running.
 * With DATABASE_URL, or when started with them, the server runs in this same process.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The TypeScript that dist/ is compiled from: how many files, and the newest change among them. */
export function sourceState(root) {
  let files = 0, newest = 0;
  for (const dir of ["server", "models", "surveys"]) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true })) {
      if (!String(f).endsWith(".ts")) continue;
      files++;
      newest = Math.max(newest, fs.statSync(path.join(root, dir, String(f))).mtimeMs);
    }
  }
  const config = path.join(root, "tsconfig.build.json");
  if (fs.existsSync(config)) newest = Math.max(newest, fs.statSync(config).mtimeMs);
  return { files, newest };
}

/** Whether dist/ holds the compiled form of the sources as they are now. */
export function compiledIsCurrent(root) {
  try {
    const built = JSON.parse(fs.readFileSync(path.join(root, "dist", "build.json"), "utf8"));
    const now = sourceState(root);
    return built.files === now.files && built.newest >= now.newest && fs.existsSync(path.join(root, "dist", "server", "main.js"));
  } catch {
    return false;
  }
}

/**
 * The embedded server's memory settings (issue 22; BENCHMARKS.md, *Minne*, has the measurements): V8's young
 * generation at most 2 MiB per semi-space instead of 16, and its old generation at most 192 MiB (the server's
 * own data is about 50 MiB; PGlite's memory is outside V8's heap). An operator's own value of a setting, in
 * NODE_OPTIONS or on node's command line, is kept.
 */
export const EMBEDDED_MEMORY = ["--max-semi-space-size=2", "--max-old-space-size=192"];

/**
 * How this process should start the server: null to run it here (DATABASE_URL, SAMSPAR_MEMORY=av, or this is
 * already the child), else the node arguments and environment of a child process with EMBEDDED_MEMORY.
 */
export function embeddedChild(env, execArgv) {
  if (env.DATABASE_URL || env.SAMSPAR_MEMORY === "av" || env.SAMSPAR_LAUNCHED === "1") return null;
  const given = `${env.NODE_OPTIONS ?? ""} ${execArgv.join(" ")}`;
  const flags = EMBEDDED_MEMORY.filter((f) => !given.includes(f.slice(0, f.indexOf("="))));
  return { execArgv: [...execArgv, ...flags], env: { ...env, SAMSPAR_LAUNCHED: "1" } };
}

/** Runs this script again in a child with `child`'s settings; this process passes signals on and ends as it ends. */
function runAsChild(script, child) {
  const server = spawn(process.execPath, [...child.execArgv, script, ...process.argv.slice(2)], { stdio: "inherit", env: child.env });
  // systemd and a terminal signal the whole group, so the server may get a signal twice: its shutdown is idempotent.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const child = embeddedChild(process.env, process.execArgv);
  if (child) runAsChild(fileURLToPath(import.meta.url), child);
  else await runServer();
}

async function runServer() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  if (compiledIsCurrent(root)) {
    await import(pathToFileURL(path.join(root, "dist", "server", "main.js")).href);
  } else {
    console.error("Startar från TypeScript-källan genom tsx: dist/ saknas eller är äldre än källan. `npm run build` kompilerar (mindre minne).");
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(path.join(root, "server", "main.ts")).href);
  }
}
