/**
 * PGlite's initdb, in a process of its own: `node models/initdb.js <directory>` (or with `--import tsx` and
 * the .ts file) makes an empty, cleanly shut down PostgreSQL data directory and exits.
 *
 * Why a process of its own: initdb in PGlite starts a second PostgreSQL and the initdb program beside the
 * first, all WebAssembly, and the process keeps that memory (about 700 MiB) until it ends — WebAssembly
 * memory is never given back. `npm install` runs this once to make the template that every first start
 * copies (models/db.ts); a first start without the template runs it as a short-lived child.
 *
 * The directory is made under a temporary name beside the target and renamed into place when complete, so
 * a directory at the target is always whole.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";

export async function initdb(target: string): Promise<void> {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-`));
  try {
    const pg = await PGlite.create(tmp);
    await pg.close();
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error("Användning: node models/initdb.js <katalog>");
    process.exit(2);
  }
  try {
    await initdb(target);
    process.exit(0);
  } catch (err) {
    console.error(`initdb misslyckades: ${(err as Error).message}`);
    process.exit(1);
  }
}
