/**
 * Memory of the embedded server (issue 22): the PSS of every process of the stack (bench/memory.ts), sampled
 * every 50 ms through a first start, at rest, after a member of staff has signed in and made an insamling,
 * and at most while 8 respondents take the real path (bench/path.ts) for BENCH_FOOTPRINT_SECONDS (default 20).
 *
 * Each way of starting is measured in the same run, one after the other, so that they share the machine's load:
 *   - before: the code before issue 22 (BENCH_BEFORE, default 1eba272), exported with `git archive` into a
 *     temporary directory beside this node_modules, started as its `npm start` did (`tsx server/main.ts`);
 *   - now, the TypeScript through tsx (`node --import tsx server/main.ts`, what `npm start` falls back to);
 *   - now, compiled (`npm start`: `node server/launch.mjs` running dist/), with the template made at install;
 *   - now, compiled, without the template: the first start runs initdb in a child process (the template is
 *     moved aside for that start and put back).
 * And a bare PGlite (no Samspår) opened on a data directory with shared_buffers 128, 32 and 16 MB.
 *
 *   npx tsx bench/footprint.ts
 *   BENCH_ONLY=footprint npm run bench
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sampleStack, stackPssMiB } from "./memory.js";
import { ADMIN, createCollection, drive, npmStart, startServer, stopServer, type Launch } from "./path.js";
import { pgliteTemplateDir } from "../models/db.js";
import { compiledIsCurrent } from "../server/launch.mjs";
import { cleanup, root, tempDataDir } from "../test/process/helpers.js";
import { Browser } from "../test/process/cluster.js";

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");

type Variant = { name: string; launch: Launch; withoutTemplate?: boolean };
type Figures = {
  firstReadyMs: number; firstMax: number; firstAtReady: number; firstRest: number;
  laterRest: number; staff: number; loadMax: number; loadAfter: number; rate: number; procs: number;
};

/** A first start on an empty DATA_DIR, then a later start on it with staff use and respondents. */
export async function measure(v: Variant, seconds: number, log: (m: string) => void): Promise<Figures> {
  const dataDir = tempDataDir();
  const env = { DATA_DIR: dataDir };
  const template = pgliteTemplateDir();
  const aside = `${template}.undan-${process.pid}`;
  if (v.withoutTemplate && fs.existsSync(template)) fs.renameSync(template, aside);
  let first;
  const t0 = performance.now();
  // The sampler follows the process tree from the first moment: the child initdb and tsx's helpers count too.
  let rootPid = 0;
  const sampler = sampleStack(() => (rootPid ? [rootPid] : []), 50);
  try {
    log(`minne: ${v.name}: första start …`);
    first = await startServer(env, v.launch, (pid) => { rootPid = pid; });
  } finally {
    if (v.withoutTemplate && fs.existsSync(aside)) fs.renameSync(aside, template);
  }
  const firstReadyMs = performance.now() - t0;
  const firstAtReady = stackPssMiB([first.child.pid!]);
  await sleep(5_000);
  const firstMax = sampler.stop().max;
  const firstRest = stackPssMiB([first.child.pid!]);
  await stopServer(first);

  log(`minne: ${v.name}: senare start, personal och svarande …`);
  const later = await startServer(env, v.launch);
  const roots = () => [later.child.pid!];
  await sleep(5_000);
  const laterRest = stackPssMiB(roots());
  const staff = new Browser(`http://127.0.0.1:${later.port}`);
  await staff.signIn(ADMIN.email, ADMIN.password);
  for (const p of ["/start", "/insamlingar"]) await staff.get(p);
  const c = await createCollection(staff, "Minnesmätning");
  await sleep(2_000);
  const staffPss = stackPssMiB(roots());
  const during = sampleStack(roots, 100);
  const r = await drive(new URL(`http://127.0.0.1:${later.port}`), c.slug, 8, seconds, () => {});
  const loadMax = during.stop().max;
  await sleep(2_000);
  const loadAfter = stackPssMiB(roots());
  const procs = new Set(roots()).size;
  await stopServer(later);
  return { firstReadyMs, firstMax, firstAtReady, firstRest, laterRest, staff: staffPss, loadMax, loadAfter, rate: r.measured.completed / r.elapsed, procs };
}

/** The code before issue 22, exported into a directory beside node_modules (its own dependencies are the same). */
function exportBefore(rev: string): string | undefined {
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-fore-"));
    execFileSync("sh", ["-c", `git -C "${root}" archive "${rev}" | tar -x -C "${dir}"`]);
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    return dir;
  } catch {
    return undefined;
  }
}

/** A bare PGlite on a copy of the template, with one shared_buffers: PSS after opening and after a few thousand rows. */
async function barePglite(sharedBuffers: string): Promise<{ open: number; used: number }> {
  const dir = tempDataDir();
  const code = `
    import fs from "node:fs";
    import { PGlite } from "@electric-sql/pglite";
    const pss = () => Number(/^Pss:\\s+(\\d+)/m.exec(fs.readFileSync("/proc/self/smaps_rollup", "utf8"))[1]) / 1024;
    fs.cpSync(${JSON.stringify(pgliteTemplateDir())}, ${JSON.stringify(path.join(dir, "pg"))}, { recursive: true });
    const pg = await PGlite.create(${JSON.stringify(path.join(dir, "pg"))}, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=${sharedBuffers}"] });
    await pg.query("select 1");
    const open = pss();
    await pg.exec("create table t (id serial primary key, answers jsonb not null, at timestamptz default now())");
    for (let i = 0; i < 20; i++) await pg.query("insert into t (answers) select jsonb_build_object('q1', g % 7, 'q2', md5(g::text)) from generate_series(1, 5000) g");
    await pg.query("select count(*), sum((answers->>'q1')::int) from t");
    console.log(JSON.stringify({ open, used: pss() }));
    await pg.close();`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8", timeout: 300_000 });
  return JSON.parse(out.trim().split("\n").pop()!) as { open: number; used: number };
}

export async function benchFootprint(opts: { seconds?: number; log?: (m: string) => void } = {}): Promise<string> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_FOOTPRINT_SECONDS ?? 20);
  const log = opts.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const before = process.env.BENCH_BEFORE ?? "1eba272";
  const loadBefore = loadavg();
  const out: string[] = [];
  const variants: Variant[] = [];
  const beforeDir = exportBefore(before);
  if (beforeDir) variants.push({ name: `före (${before}, \`tsx server/main.ts\`)`, launch: { cwd: beforeDir, command: path.join(root, "node_modules/.bin/tsx"), args: ["server/main.ts"] } });
  variants.push({ name: "nu, TypeScript genom tsx (`node --import tsx server/main.ts`)", launch: { cwd: root, command: process.execPath, args: ["--import", "tsx", "server/main.ts"] } });
  const compiled = compiledIsCurrent(root);
  if (compiled) {
    variants.push({ name: "nu, `npm start` (kompilerad, med mallen från installationen)", launch: npmStart });
    variants.push({ name: "nu, `npm start` (kompilerad, utan mallen: initdb i en barnprocess)", launch: npmStart, withoutTemplate: true });
  }
  const rows: [string, Figures][] = [];
  try {
    for (const v of variants) rows.push([v.name, await measure(v, seconds, log)]);
  } finally {
    if (beforeDir) fs.rmSync(beforeDir, { recursive: true, force: true });
  }
  log("minne: PGlite ensam med olika shared_buffers …");
  const bare: [string, { open: number; used: number }][] = [];
  for (const sb of ["128MB", "32MB", "16MB"]) bare.push([sb, await barePglite(sb)]);
  cleanup();

  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "?";
  out.push(`Maskin: ${os.cpus().length} kärnor (${cpuModel}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}. ` +
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; loadavg (1/5/15 min) före ${loadBefore}, efter ${loadavg()}.` +
    (compiled ? "" : " dist/ saknas eller är äldre än källan (`npm run build`): de kompilerade raderna är inte med."));
  out.push("");
  out.push(`PSS summerat över alla processer i serverns processträd (MiB). Första start: tom DATA_DIR, högsta värdet var 50:e ms från start till 5 s efter första 200 på /readyz. Personal: inloggning, två sidor och en ny insamling. Svarande: 8 åt gången på hela vägen i ${seconds} s.`);
  out.push("");
  out.push("| start | första start: tid till /readyz | högst under första start | vid /readyz | vila 5 s efter | senare start, vila | efter personal | högst med 8 svarande | efter | svar/s (8 åt gången) | processer |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const [name, f] of rows) {
    out.push(`| ${name} | ${fmt(f.firstReadyMs / 1000, 1)} s | **${fmt(f.firstMax)}** | ${fmt(f.firstAtReady)} | ${fmt(f.firstRest)} | **${fmt(f.laterRest)}** | ${fmt(f.staff)} | **${fmt(f.loadMax)}** | ${fmt(f.loadAfter)} | ${fmt(f.rate, 1)} | ${f.procs} |`);
  }
  out.push("");
  out.push("PGlite ensam (ingen Samspår-kod), på en kopia av mallen: PSS efter öppnandet och efter 100 000 rader i 20 satser och en läsning av alla:");
  out.push("");
  out.push("| shared_buffers | efter öppnandet | efter skrivningarna |");
  out.push("|---|---:|---:|");
  for (const [sb, b] of bare) out.push(`| ${sb} | ${fmt(b.open)} MiB | ${fmt(b.used)} MiB |`);
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchFootprint().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
