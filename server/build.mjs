/**
 * `npm run build`, and `npm install`'s postinstall: what a server runs from, made once at install.
 *
 * 1. The compiled JavaScript in dist/ (tsc with tsconfig.build.json), which `npm start` (server/launch.mjs)
 *    runs instead of the TypeScript through tsx: about 60 MiB less memory for as long as the server runs.
 *    dist/views, dist/public and dist/models/migrations are links to the source's own, which the code finds
 *    beside itself; dist/build.json records the sources it was made from, so a changed source is noticed.
 * 2. The empty PGlite data directory that a first start copies (models/db.ts): PGlite's initdb, which would
 *    otherwise run in the first start and leave about 700 MiB behind in the server process.
 *
 * Plain JavaScript, so that it runs before anything is compiled. With --install (postinstall) nothing fails the
 * installation: without TypeScript (npm ci --omit=dev) or on an error, it says so and `npm start` runs the
 * TypeScript through tsx as before. Plain `npm run build` exits with 1 on an error.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceState } from "./launch.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const install = process.argv.includes("--install");
const require = createRequire(import.meta.url);
const say = (line) => console.log(`samspår build: ${line}`);

function compile() {
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc");
  } catch {
    say("TypeScript saknas (installerat utan utvecklingspaket?): ingen kompilering, npm start kör källan genom tsx.");
    return true;
  }
  const before = sourceState(root);
  for (const entry of ["server", "models", "surveys", "build.json"]) fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  } catch {
    // tsc writes the files even when a type is wrong; `npm run lint` is where types are judged. No stamp, no use.
    say("tsc rapporterade fel (se ovan): dist/ används inte, npm start kör källan genom tsx.");
    return false;
  }
  const link = (target, at) => {
    fs.rmSync(at, { recursive: true, force: true });
    fs.symlinkSync(path.relative(path.dirname(at), target), at);
  };
  link(path.join(root, "views"), path.join(dist, "views"));
  link(path.join(root, "public"), path.join(dist, "public"));
  link(path.join(root, "models", "migrations"), path.join(dist, "models", "migrations"));
  fs.writeFileSync(path.join(dist, "build.json"), JSON.stringify({ ...before, builtAt: new Date().toISOString() }, null, 2) + "\n");
  say("kompilerat till dist/.");
  return true;
}

function template() {
  const main = require.resolve("@electric-sql/pglite");
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(main), "..", "package.json"), "utf8"));
  const target = path.join(dist, `pglite-${version}`);
  if (fs.existsSync(path.join(target, "PG_VERSION"))) return true;
  for (const old of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
    if (old.startsWith("pglite-")) fs.rmSync(path.join(dist, old), { recursive: true, force: true });
  }
  const compiled = path.join(dist, "models", "initdb.js");
  const args = fs.existsSync(compiled) ? [compiled, target] : ["--import", "tsx", path.join(root, "models", "initdb.ts"), target];
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  } catch {
    say("den tomma databaskatalogen kunde inte göras: första start kör initdb i en egen process i stället.");
    return false;
  }
  say(`tom databaskatalog för första start: ${path.relative(root, target)}/.`);
  return true;
}

fs.mkdirSync(dist, { recursive: true });
const compiled = compile();
const prepared = template();
process.exit((compiled && prepared) || install ? 0 : 1);
