/**
 * Scheduled jobs' runs (server/jobs/): one row per run, whichever process ran it. The queue itself is
 * pg-boss's own schema (`pgboss`), which pg-boss creates and migrates; this table is what the pages show.
 */
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * `detail`: counts for the whole run and per förbund ({ total: {…}, forbund: { [id]: {…} } }), so a
 * förbund's admin sees what the run did for their förbund. `error`: a short reason without personal data.
 */
export const jobRuns = pgTable("job_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  job: text("job").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  // null while running; "ok" or "failed" once finished.
  outcome: text("outcome"),
  summary: text("summary"),
  detail: jsonb("detail").$type<{ total: Record<string, number>; forbund: Record<string, Record<string, number>> }>().notNull().default(sql`'{"total":{},"forbund":{}}'::jsonb`),
  error: text("error"),
}, (t) => [
  check("job_runs_outcome", sql`${t.outcome} in ('ok', 'failed')`),
  index("job_runs_job_started").on(t.job, t.startedAt), index("job_runs_started").on(t.startedAt)]);

export type JobRunRow = typeof jobRuns.$inferSelect;
