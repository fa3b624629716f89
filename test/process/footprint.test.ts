/**
 * Issue 22's footprint, as mechanisms (the figures are in BENCHMARKS.md, measured by bench/footprint.ts):
 * a first start makes its data directory without PGlite's initdb in the server process — from the template
 * that `npm install` prepares, or in a short-lived child process — and the libraries only staff files need
 * (docx, exceljs, @napi-rs/canvas) are not loaded when the server's modules are.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openEmbedded, prepareDataDir, pgliteTemplateDir } from "../../models/db.js";
import { EMBEDDED_MEMORY, embeddedChild } from "../../server/launch.mjs";
import { cleanup, freePort, killAll, listeningPid, root, spawnServer, stop, tempDataDir, waitForReady } from "./helpers.js";

afterAll(async () => {
  await killAll();
  cleanup();
});

/** The highest resident memory of this process since `reset` (VmHWM, reset through clear_refs), in MiB. */
const peak = () => Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
const resident = () => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
const resetPeak = () => fs.writeFileSync("/proc/self/clear_refs", "5");

describe("första start: datakatalogen", () => {
  it("görs av initdb i en egen process när mallen saknas, och kopieras från mallen när den finns", async () => {
    const a = tempDataDir(), b = tempDataDir();
    resetPeak();
    const before = resident();
    expect(await prepareDataDir(path.join(a, "pg"), path.join(a, "ingen-mall"))).toBe("initdb");
    // initdb in this process would have left about 700 MiB here (models/initdb.ts); the child's memory is its own.
    expect(peak() - before).toBeLessThan(150);
    expect(fs.existsSync(path.join(a, "pg", "PG_VERSION"))).toBe(true);
    expect(await prepareDataDir(path.join(a, "pg"), null)).toBe("found");

    // A table in a's directory marks it; b made with a's directory as its template has it.
    const pg = await PGlite.create(path.join(a, "pg"));
    await pg.exec("create table mallmarkering (x int); insert into mallmarkering values (22);");
    await pg.close();
    expect(await prepareDataDir(path.join(b, "pg"), path.join(a, "pg"))).toBe("template");
    const database = await openEmbedded(b);
    try {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      expect((await client.query<{ x: number }>("select x from mallmarkering")).rows).toEqual([{ x: 22 }]);
      expect((await client.query<{ shared_buffers: string }>("show shared_buffers")).rows[0].shared_buffers).toBe("16MB");
    } finally {
      await database.close();
    }
    expect(fs.readdirSync(path.dirname(path.join(b, "pg"))).filter((f) => f.startsWith("pg."))).toEqual([]);
  }, 300_000);

  it("en tom pg-katalog räknas inte som en databas", async () => {
    const a = tempDataDir();
    fs.mkdirSync(path.join(a, "pg"));
    const template = pgliteTemplateDir();
    const origin = await prepareDataDir(path.join(a, "pg"), fs.existsSync(template) ? template : path.join(a, "ingen-mall"));
    expect(["template", "initdb"]).toContain(origin);
    expect(fs.existsSync(path.join(a, "pg", "PG_VERSION"))).toBe(true);
  }, 300_000);
});

describe("bibliotek som bara personalens filer behöver", () => {
  it("docx, exceljs och @napi-rs/canvas läses inte in med serverns moduler, först när en fil görs", async () => {
    const dir = tempDataDir();
    const log = path.join(dir, "resolved.txt");
    // A resolve hook (on Node's hooks thread) writes down every module the process loads.
    const hook = `data:text/javascript,${encodeURIComponent(`import fs from "node:fs"; let file;
      export function initialize(data) { file = data.file; }
      export async function resolve(s, c, next) { const r = await next(s, c); fs.appendFileSync(file, r.url + "\\n"); return r; }`)}`;
    const script = `import { register } from "node:module";
      register(${JSON.stringify(hook)}, { data: { file: ${JSON.stringify(log)} } });
      // What server/main.ts imports, and so loads at start.
      for (const m of ["server/app.ts", "server/jobs/registry.ts", "server/bootstrap.ts", "server/outbox/worker.ts", "server/jobs/scheduler.ts"]) {
        await import(${JSON.stringify(root)} + "/" + m);
      }
      const fs = await import("node:fs");
      fs.appendFileSync(${JSON.stringify(log)}, "--- efter start\\n");
      const { render } = await import(${JSON.stringify(root)} + "/server/reports/service.ts");
      const model = { title: "T", sections: [{ heading: "H", paragraphs: ["p"], tables: [], charts: [{ title: "D", alt: "a", labels: ["x"], series: [{ label: "s", values: [1] }], percent: false }] }] };
      await render(model, "docx");
      await render(model, "xlsx");`;
    await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, timeout: 120_000 });
    const [atStart, afterwards] = fs.readFileSync(log, "utf8").split("--- efter start\n");
    const heavy = /\/node_modules\/(docx|exceljs|@napi-rs\/canvas)\//;
    expect(atStart).toContain("/server/app.ts");
    expect(atStart.split("\n").filter((u) => heavy.test(u))).toEqual([]);
    for (const lib of ["docx", "exceljs", "@napi-rs/canvas"]) expect(afterwards).toContain(`/node_modules/${lib}/`);
  }, 180_000);
});

describe("npm start på den inbäddade databasen: minnesinställningarna", () => {
  it("gäller bara den inbäddade databasen, och driftens egna värden står kvar", () => {
    expect(embeddedChild({ DATABASE_URL: "postgres://x" }, [])).toBeNull();
    expect(embeddedChild({ SAMSPAR_MEMORY: "av" }, [])).toBeNull();
    expect(embeddedChild({ SAMSPAR_LAUNCHED: "1" }, [])).toBeNull();
    expect(embeddedChild({}, [])!.execArgv).toEqual(EMBEDDED_MEMORY);
    const child = embeddedChild({ NODE_OPTIONS: "--max-old-space-size=512" }, ["--enable-source-maps"])!;
    expect(child.execArgv).toEqual(["--enable-source-maps", "--max-semi-space-size=2"]);
    expect(child.env).toMatchObject({ NODE_OPTIONS: "--max-old-space-size=512", SAMSPAR_LAUNCHED: "1" });
  });

  it("servern kör i en barnprocess med dem, och SIGTERM till npm start stänger båda", async () => {
    const port = await freePort();
    const proc = spawnServer({ dataDir: tempDataDir(), port, viaLaunch: true, env: { LOG_LEVEL: "warn" } });
    await waitForReady(proc, port, 240_000);
    const server = listeningPid(proc.pid, port)!;
    expect(server).not.toBe(proc.pid);
    const argv = fs.readFileSync(`/proc/${server}/cmdline`, "utf8").split("\0");
    for (const flag of EMBEDDED_MEMORY) expect(argv).toContain(flag);
    const exit = await stop(proc, 30_000);
    expect(exit.code).toBe(0);
    expect(fs.existsSync(`/proc/${server}`)).toBe(false);
  }, 300_000);
});
