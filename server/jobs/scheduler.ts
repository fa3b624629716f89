/**
 * The scheduler: pg-boss on the database the app already has, PostgreSQL or the embedded PGlite.
 *
 * Each job (registry.ts) is a pg-boss queue with a cron schedule. Every process starts a scheduler; pg-boss
 * lets one of them per cron tick put the schedule's job in the queue (a time row updated in one statement),
 * the job is unique per minute (a singleton key), and a worker of any one process takes it with
 * `for update skip locked`: each scheduled run happens once, whatever the number of processes. The queues
 * are "stately" (at most one job waiting and one running), and a run is not retried: the next one does
 * what is still due, since every handler is idempotent.
 *
 * pg-boss reaches the database through its `db` option (an object with `executeSql`), over the app's own
 * PGlite instance or pg pool (db.ts), so there is no second connection setting and no second pool.
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import PgBoss from "pg-boss";
import type { Ctx } from "../context.js";
import type { Db } from "../../models/db.js";
import { JOBS, TIME_ZONE, type JobDefinition } from "./registry.js";
import { errorText, runJob } from "./service.js";

type Result = { rows: unknown[] };
const last = (r: Result | Result[]): Result => (Array.isArray(r) ? r.at(-1) ?? { rows: [] } : r);

/**
 * pg-boss's database adapter. pg-boss sends its maintenance as one text of several statements with its own
 * BEGIN … COMMIT and no parameters; when one of them fails, PostgreSQL leaves that connection inside an
 * aborted transaction. Its own pool lets the server end such a connection after 30 s; ours is shared
 * with the app, so the adapter runs such a text on a connection (or, on PGlite, in a transaction) of its
 * own and rolls back on failure.
 */
export function bossDb(db: Db): PgBoss.Db {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    return {
      async executeSql(text, values) {
        if (values?.length) return client.query(text, values);
        // Inside PGlite's transaction the text's own BEGIN and COMMIT only warn; a failure rolls back.
        return last(await client.transaction((tx) => tx.exec(text)));
      },
    };
  }
  if (client instanceof pg.Pool) {
    return {
      async executeSql(text, values) {
        if (values?.length) return client.query(text, values);
        const conn = await client.connect();
        try {
          return last(await conn.query(text) as unknown as Result | Result[]);
        } catch (err) {
          await conn.query("rollback").catch(() => {});
          throw err;
        } finally {
          conn.release();
        }
      },
    };
  }
  throw new Error("Jobbkön behöver databasens PGlite-instans eller pg-pool.");
}

export type SchedulerOptions = {
  jobs?: readonly JobDefinition[];
  /** How often an idle worker asks for its queue's next job (seconds). Scheduled jobs run hourly at most, so 30 s is plenty. */
  pollingIntervalSeconds?: number;
  /** How often one process checks the cron schedules (pg-boss: 1–45 s). */
  cronMonitorIntervalSeconds?: number;
  /** How often scheduled jobs are moved into their queues (pg-boss: 1–45 s). */
  cronWorkerIntervalSeconds?: number;
  /** How often pg-boss expires, archives and deletes its own old jobs (seconds). */
  maintenanceIntervalSeconds?: number;
  /** How long stop() waits for a running job before it gives up on it (ms). */
  stopTimeoutMs?: number;
};

export type Scheduler = { boss: PgBoss; stop(): Promise<void> };

/** The pg-boss schema in the app's database (created and migrated by pg-boss at start). */
export const BOSS_SCHEMA = "pgboss";

/**
 * Starts pg-boss, creates the queues and schedules of `jobs` (and removes schedules of jobs no longer
 * defined), and works each queue with runJob. `stop` lets a running job finish (up to stopTimeoutMs).
 */
export async function startScheduler(ctx: Ctx, opts: SchedulerOptions = {}): Promise<Scheduler> {
  const jobs = opts.jobs ?? JOBS;
  const polling = opts.pollingIntervalSeconds ?? 30;
  const boss = new PgBoss({
    db: bossDb(ctx.db),
    schema: BOSS_SCHEMA,
    cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: opts.cronWorkerIntervalSeconds ?? 30,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 300,
    // pg-boss's own job rows: kept a week after they finish; job_runs is what the pages show.
    deleteAfterDays: 7,
  });
  boss.on("error", (err) => ctx.log.error(`Jobbkön: ${errorText(err)}`));
  try {
    // Several processes starting at once create pg-boss's schema, its queues and the schedules one after the
    // other: two createQueue at the same moment deadlock on PostgreSQL (seen in the cluster test).
    await ctx.database.exclusively("jobs", async () => {
      await boss.start();
      const defined = new Set(jobs.map((j) => j.name));
      for (const s of await boss.getSchedules()) if (!defined.has(s.name)) await boss.unschedule(s.name);
      for (const job of jobs) {
        const queue = { name: job.name, policy: "stately" as const, retryLimit: 0, expireInSeconds: 30 * 60 };
        await boss.createQueue(job.name, queue);
        await boss.updateQueue(job.name, queue);
        await boss.schedule(job.name, job.cron, {}, { tz: TIME_ZONE });
      }
    });
    for (const job of jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: polling }, async () => {
        await runJob(ctx, job.name, jobs);
      });
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: false }).catch(() => {});
    throw err;
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: opts.stopTimeoutMs ?? 10_000 });
    },
  };
}
