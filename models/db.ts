/** Opens the database: PGlite in DATA_DIR/pg by default, a PostgreSQL server with DATABASE_URL. */
import { AsyncLocalStorage } from "node:async_hooks";
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import pg from "pg";
import lockfile from "proper-lockfile";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  /**
   * Runs fn while holding a PostgreSQL advisory lock (session level, on one connection of its own): several
   * processes starting at once on one server migrate and seed one after the other. PGlite has one process
   * by construction (the lock file), so there it just runs fn.
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  /** The connection pool's use, read only (for /metrics); null on PGlite, which is one connection in the process. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
};

/** pg.Pool's counts: connections open, of those idle, and queries waiting for one. */
export type PoolStats = { total: number; idle: number; waiting: number };

/** The PostgreSQL error code behind Drizzle's wrapper (the same on PGlite and on a server). */
export function pgCode(err: unknown): string | undefined {
  for (let e = err, i = 0; e && typeof e === "object" && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
/** A unique index refused the row (a name or number already taken). */
export const isUniqueViolation = (err: unknown) => pgCode(err) === "23505";
/** A foreign key still points at the row being deleted. */
export const isForeignKeyViolation = (err: unknown) => pgCode(err) === "23503";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `Datakatalogen ${dir} används redan av en annan Samspår-process (servern eller CLI). ` +
        "Stoppa den först: två processer i samma inbäddade databas kan förstöra den. " +
        "Om ingen process kör, vänta tio sekunder och försök igen.",
    );
  }
}

/**
 * PGlite runs each statement synchronously in this thread and settles its promise in a microtask, so
 * a request's statements would run back to back without ever returning to the event loop: one staff
 * page of fifteen statements was one block of 130 ms during which no other request was even read.
 * Each statement (and each transaction, as a whole) therefore first waits one turn of the event loop
 * (setImmediate): requests that arrived meanwhile are read, and their statements queue in PGlite's
 * own first-come order between this request's statements. Costs a few µs when idle.
 *
 * Statements run inside behindOthers() wait further, a turn at a time, while any other statement is
 * waiting or running (at most BEHIND_MAX_MS each, so they are slowed, never stopped, by a steady
 * stream of others): a respondent's statement then waits at most for the one staff statement already
 * running, not also for the next statement of every staff page being read.
 */
function yieldingEachStatement(client: PGlite): PGlite {
  const state = { others: 0 };
  const waitingFirst: Record<string, unknown> = {};
  for (const name of ["query", "exec", "transaction"] as const) {
    const run = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    waitingFirst[name] = async (...args: unknown[]) => {
      const behind = behindContext.getStore() === true;
      if (!behind) state.others++;
      try {
        await turn();
        if (behind) {
          const until = performance.now() + BEHIND_MAX_MS;
          while (state.others > 0 && performance.now() < until) await turn();
        }
        return await run(...args);
      } finally {
        if (!behind) state.others--;
      }
    };
  }
  // Everything else is the client's own (its getters read private fields, so they run on the client itself).
  return new Proxy(client, {
    get(target, prop) {
      if (typeof prop === "string" && prop in waitingFirst) return waitingFirst[prop];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const behindContext = new AsyncLocalStorage<boolean>();
export const BEHIND_MAX_MS = 50;

/**
 * Runs fn with its statements on the embedded database behind everyone else's (see above): for long
 * reads that no one waits for as urgently as a respondent waits for the next page, such as the staff's
 * results. Nothing changes on a PostgreSQL server, where each request has a connection of its own.
 */
export function behindOthers<T>(fn: () => Promise<T>): Promise<T> {
  return behindContext.run(true, fn);
}

/** Wraps an already opened PGlite (tests restore one from a template). */
export function fromPglite(client: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  const db = drizzlePglite(yieldingEachStatement(client), { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    exclusively: (_name, fn) => fn(),
    ping: async () => !client.closed && (await client.query("select 1")).rows.length === 1,
    poolStats: () => null,
    close: async () => {
      if (!client.closed) await client.close();
      await onClose();
    },
  };
}

/** Connects to a PostgreSQL server. */
export function fromUrl(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  // An idle connection that the server ends (a restart, or a dropped database) must not crash the
  // process: the pool replaces it on the next query. After close() it is expected and not reported.
  pool.on("error", (err) => { if (!closed) console.error(`PostgreSQL: en vilande anslutning avbröts (${err.message})`); });
  return {
    db,
    kind: "postgres",
    migrate: () => migratePg(drizzlePg(pool), { migrationsFolder }),
    async exclusively(name, fn) {
      const conn = await pool.connect();
      try {
        await conn.query("select pg_advisory_lock(hashtext($1))", [`samspar:${name}`]);
        return await fn();
      } finally {
        await conn.query("select pg_advisory_unlock(hashtext($1))", [`samspar:${name}`]).catch(() => {});
        conn.release();
      }
    },
    ping: async () => !closed && (await db.execute(sql`select 1`)) !== undefined,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * PostgreSQL's settings inside PGlite, after PGlite's own. shared_buffers is PostgreSQL's default 128 MB,
 * and in PGlite the buffer pool is WebAssembly memory of the server process that, once touched, is never
 * given back: 16 MB took a bare PGlite from about 250 to 120 MiB (PSS) after start. A page outside the pool
 * is read through the operating system's file cache, which is not the process's memory. BENCHMARKS.md
 * (*Minne*) has the measurements.
 */
export const PGLITE_SETTINGS = ["shared_buffers=16MB"];

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package's directory: models/.. from the TypeScript, dist/models/../.. from the compiled JavaScript. */
const packageRoot = fs.existsSync(path.join(here, "..", "package.json")) ? path.resolve(here, "..") : path.resolve(here, "..", "..");

/**
 * The empty data directory that `npm install` prepares (`npm run build`, server/build.mjs): PGlite's initdb
 * once, at install, so that no first start runs it. Named by PGlite's version, as the files are its.
 */
export function pgliteTemplateDir(): string {
  const main = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(main), "..", "package.json"), "utf8")) as { version: string };
  return path.join(packageRoot, "dist", `pglite-${pkg.version}`);
}

/** How the data directory came to be: it was there, copied from the template, or made by initdb in a child process. */
export type DataDirOrigin = "found" | "template" | "initdb";

/**
 * Makes DATA_DIR/pg on a first start without PGlite's initdb in this process (see models/initdb.ts: it
 * would leave about 700 MiB behind for as long as the server runs). The template is copied when there is one;
 * otherwise initdb runs in a short-lived child process. Either way under a temporary name, renamed into
 * place when whole. A directory that is there but not a database (no PG_VERSION, not empty) is left to PGlite.
 */
export async function prepareDataDir(pgDir: string, template: string | null = pgliteTemplateDir()): Promise<DataDirOrigin> {
  if (fs.existsSync(path.join(pgDir, "PG_VERSION"))) return "found";
  if (fs.existsSync(pgDir)) {
    if (fs.readdirSync(pgDir).length > 0) return "found";
    fs.rmdirSync(pgDir);
  }
  if (template && fs.existsSync(path.join(template, "PG_VERSION"))) {
    const tmp = `${pgDir}.kopia-${process.pid}`;
    try {
      fs.cpSync(template, tmp, { recursive: true });
      fs.renameSync(tmp, pgDir);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return "template";
  }
  const script = path.join(here, `initdb${path.extname(fileURLToPath(import.meta.url))}`);
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  await promisify(execFile)(process.execPath, [...loader, script, pgDir], { cwd: packageRoot, timeout: 10 * 60_000 });
  return "initdb";
}

/** Opens PGlite in dataDir/pg, holding a lock so a second process cannot open the same files. */
export async function openEmbedded(dataDir: string, opts: { template?: string | null } = {}): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, "samspar.lock"),
      stale: 10_000,
      onCompromised: (err) => console.error("Låset på datakatalogen gick förlorat:", err.message),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw err;
  }
  try {
    const pgDir = path.join(dataDir, "pg");
    await prepareDataDir(pgDir, opts.template === undefined ? pgliteTemplateDir() : opts.template);
    const client = await PGlite.create(pgDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ["-c", s])] });
    return fromPglite(client, release);
  } catch (err) {
    await release();
    throw err;
  }
}

export function openDatabase(opts: { dataDir: string; databaseUrl?: string }): Promise<Database> {
  return opts.databaseUrl ? Promise.resolve(fromUrl(opts.databaseUrl)) : openEmbedded(opts.dataDir);
}
