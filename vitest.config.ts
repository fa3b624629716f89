import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects. "database": the files that open the per-file test database — those that import
 * test/helpers/app.ts or test/helpers/db.ts themselves (every http and browser test, the few unit tests
 * on a database) — and the cluster test, which needs a PostgreSQL server. "unit": everything else (pure
 * functions, and the process tests, whose servers always run on their own PGlite). `npm test` runs both on
 * PGlite; CI's PostgreSQL pass runs only "database" (`--project database`): the rest would prove nothing new.
 * Recognised by import rather than by folder or a marker, so nothing is to be remembered; a file that
 * reaches the database another way fails loudly (openTestDatabase checks it is in "database").
 */
const opensDatabase = /from "(?:\.\.\/)+helpers\/(?:app|db)\.js"/;
const testFiles = (fs.readdirSync("test", { recursive: true }) as string[])
  .filter((f) => f.endsWith(".test.ts")).map((f) => path.posix.join("test", f.split(path.sep).join("/")));
const databaseFiles = testFiles.filter((f) => f === "test/process/cluster.test.ts" || opensDatabase.test(fs.readFileSync(f, "utf8")));
const unitFiles = testFiles.filter((f) => !databaseFiles.includes(f));

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: more workers only add PGlite start-up cost.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: unitFiles } },
      {
        extends: true,
        test: { name: "database", include: databaseFiles, globalSetup: ["test/global-setup.ts"], provide: { databaseProject: true } },
      },
    ],
  },
});
