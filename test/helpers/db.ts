/** One database per test file, restored from the migrated template (PGlite or a PostgreSQL server). */
import fs from "node:fs";
import crypto from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { fromPglite, fromUrl, type Database } from "../../models/db.js";

export async function openTestDatabase(): Promise<Database> {
  // A file outside the "database" project would be left out of CI's PostgreSQL pass without anyone noticing.
  if (!inject("databaseProject")) {
    throw new Error("Testfilen öppnar en testdatabas men hör inte till projektet \"database\": importera test/helpers/app.js eller test/helpers/db.js i själva testfilen (vitest.config.ts).");
  }
  const tpl = inject("template");
  if (tpl.kind === "pglite") {
    const blob = new Blob([fs.readFileSync(tpl.file)]);
    return fromPglite(await PGlite.create({ loadDataDir: blob }));
  }
  const name = `samspar_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: tpl.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${tpl.name}`);
  await admin.end();
  const u = new URL(tpl.url);
  u.pathname = `/${name}`;
  const database = fromUrl(u.toString());
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: tpl.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
