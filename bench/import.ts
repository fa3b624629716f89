/**
 * CSV import of 100 000 lines into an insamling of indikator-deltagare-pagaende, through the import
 * service, on a fresh embedded database (PGlite) in a temporary directory.
 *
 * The file is written to disk and read back as a stream, as an upload would arrive; the time covers
 * parsing, validation, spooling and the insert transaction. Peak RSS is sampled every 20 ms during the
 * import (and the process's lifetime maximum is reported beside it). Run on its own with
 * `npx tsx bench/import.ts`; prints one Markdown table row.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { openEmbedded } from "../models/db.js";
import { responses } from "../models/schema.js";
import { loadConfig } from "../server/config.js";
import { createLogger } from "../server/log.js";
import type { Ctx } from "../server/context.js";
import * as accounts from "../server/accounts/service.js";
import * as collections from "../server/collections/service.js";
import * as importing from "../server/import/service.js";
import { frequencyLabels } from "../surveys/define.js";
import { makeForbund, makeUser } from "../test/helpers/factories.js";

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 100_000);
const MiB = 1024 * 1024;

/** A deterministic CSV: codes and words mixed, 4b only after a ja, some free text. */
function writeCsv(file: string, lines: number) {
  let seed = 42;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const freq = () => { const v = rnd(7); return rnd(2) ? String(v) : v === 0 ? "Vet inte" : frequencyLabels[v - 1].sv; };
  const texts = ["", "", "", "Trygghet och tid", "Att någon lyssnar", "Mer struktur, tack"];
  const out = fs.openSync(file, "w");
  fs.writeSync(out, "\uFEFFq1;q2;q3;q4a;q4b;q5;q6;q7;q8;q9;q10\r\n");
  let buf = "";
  for (let i = 0; i < lines; i++) {
    const yes = rnd(3) > 0;
    buf += [freq(), freq(), freq(), yes ? "ja" : "nej", yes ? freq() : "", freq(), freq(), freq(), texts[rnd(6)], texts[rnd(6)], texts[rnd(6)]].join(";") + "\r\n";
    if (buf.length > 1 << 16) { fs.writeSync(out, buf); buf = ""; }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}

export type ImportBench = { lines: number; seconds: number; fileMiB: number; rssBeforeMiB: number; peakRssMiB: number; maxRssMiB: number };

/** Generates the file, imports it on a fresh PGlite, and returns the figures. */
export async function benchImport(lines = LINES): Promise<ImportBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-bench-import-"));
  const database = await openEmbedded(path.join(dir, "data"));
  try {
    await database.migrate();
    const config = loadConfig({ DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" });
    const ctx: Ctx = {
      config, database, db: database.db, log: createLogger("silent"), clock: { now: () => new Date() }, anonymityKey: "bench-anonymity-key",
      mailer: { send: async () => {} },
    };
    const A = await makeForbund(ctx, "Bänkförbundet");
    const admin = (await accounts.loadForbundUser(ctx, (await makeUser(ctx, { forbundId: A.forbund.id, role: "admin" })).id))!;
    const c = await collections.createCollection(ctx, A.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2024, name: "Import", closesOn: "2024-10-31" });
    const file = path.join(dir, "svar.csv");
    writeCsv(file, lines);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const t0 = performance.now();
    const result = await importing.importCsv(ctx, admin, c, fs.createReadStream(file, { highWaterMark: 64 * 1024 }));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);

    if (result.imported !== lines) throw new Error(`importen gav ${result.imported} svar, väntade ${lines}: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    const [{ n }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(responses).where(eq(responses.collectionId, c.id));
    if (n !== lines) throw new Error(`databasen har ${n} svar, väntade ${lines}`);
    return {
      lines, seconds, fileMiB: fs.statSync(file).size / MiB, rssBeforeMiB: rssBefore / MiB, peakRssMiB: peak / MiB,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, d = 1) => n.toFixed(d).replace(".", ",");

/** The result as a row of BENCHMARKS.md's table. */
export function markdownRow(b: ImportBench): string {
  return `| CSV-import, ${b.lines.toLocaleString("sv-SE")} rader (${fmt(b.fileMiB)} MiB, indikator-deltagare-pagaende, PGlite) | ${fmt(b.seconds)} s | RSS ${fmt(b.rssBeforeMiB, 0)} → topp ${fmt(b.peakRssMiB, 0)} MiB under importen (processens max ${fmt(b.maxRssMiB, 0)} MiB) |`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchImport().then((b) => console.log(markdownRow(b))).catch((err) => { console.error(err); process.exit(1); });
}
