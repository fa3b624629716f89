/** SQL for the job runs (job_runs). */
import { desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { jobRuns, type JobRunRow } from "../../models/schema.js";

export type { JobRunRow };
export type RunDetail = JobRunRow["detail"];

export async function insertRun(db: Db, job: string, startedAt: Date): Promise<string> {
  const [row] = await db.insert(jobRuns).values({ job, startedAt }).returning({ id: jobRuns.id });
  return row.id;
}

export async function finishRun(db: Db, id: string, v: { finishedAt: Date; outcome: "ok" | "failed"; summary: string; detail?: RunDetail; error?: string | null }) {
  await db.update(jobRuns).set({
    finishedAt: v.finishedAt, outcome: v.outcome, summary: v.summary, error: v.error ?? null, ...(v.detail && { detail: v.detail }),
  }).where(eq(jobRuns.id, id));
}

/** The latest run of each job (running or finished). */
export async function latestPerJob(db: Db): Promise<JobRunRow[]> {
  return db.selectDistinctOn([jobRuns.job]).from(jobRuns).orderBy(jobRuns.job, desc(jobRuns.startedAt));
}

/** The latest finished run of each job that did something for this förbund (counts under detail.forbund[id]). */
export async function latestForForbundPerJob(db: Db, forbundId: string): Promise<JobRunRow[]> {
  return db.selectDistinctOn([jobRuns.job]).from(jobRuns)
    .where(sql`${jobRuns.detail}->'forbund' ? ${forbundId}`)
    .orderBy(jobRuns.job, desc(jobRuns.startedAt));
}

export async function recentRuns(db: Db, limit: number, job?: string): Promise<JobRunRow[]> {
  return db.select().from(jobRuns).where(job ? eq(jobRuns.job, job) : undefined).orderBy(desc(jobRuns.startedAt)).limit(limit);
}

export async function deleteRunsBefore(db: Db, before: Date): Promise<number> {
  return (await db.delete(jobRuns).where(lt(jobRuns.startedAt, before)).returning({ id: jobRuns.id })).length;
}
