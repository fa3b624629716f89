/**
 * Running a job and reading its runs. `runJob(ctx, name)` is what the scheduler calls (scheduler.ts) and
 * what tests call with a test clock: it records the run in job_runs (started, finished, ok or failed, a
 * Swedish summary and counts per förbund) and never throws, so one failing job does not stop the others.
 */
import type { Ctx } from "../context.js";
import { loggable } from "../http/error-handler.js";
import { maskPii } from "../privacy/pii.js";
import { JOBS, type Counts, type JobDefinition } from "./registry.js";
import * as repo from "./repo.js";
import { countJobRun } from "../metrics.js";

export type { JobDefinition };
export type Run = repo.JobRunRow;
export type Ran = { id: string; outcome: "ok" | "failed"; summary: string; detail: repo.RunDetail; error: string | null };

/**
 * What the run's error may say: the message without query parameters (loggable), with personal details
 * masked and cut short. Stored for the superadmin's page; never an address or a respondent's text.
 */
export function errorText(err: unknown): string {
  const safe = loggable(err);
  const message = safe instanceof Error ? `${safe.name === "Error" ? "" : `${safe.name}: `}${safe.message}` : String(safe);
  return maskPii(message.split("\n")[0]).slice(0, 300);
}

const sum = (parts: Counts[]): Counts => {
  const total: Counts = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) total[k] = (total[k] ?? 0) + v;
  return total;
};

/** Runs the named job now, with ctx's clock, and records the run. */
export async function runJob(ctx: Ctx, name: string, jobs: readonly JobDefinition[] = JOBS): Promise<Ran> {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`Okänt jobb: ${name}`);
  const id = await repo.insertRun(ctx.db, job.name, ctx.clock.now());
  try {
    const result = await job.run(ctx);
    const forbund = result.forbund ?? {};
    const total = result.total ?? sum(Object.values(forbund));
    const detail = { total, forbund };
    const failures = result.errors ?? [];
    const outcome = failures.length ? "failed" as const : "ok" as const;
    const error = failures.length ? failures.map(errorText).join(" · ").slice(0, 500) : null;
    const summary = job.describe(total) + (failures.length ? ` (misslyckades för ${failures.length} förbund)` : "");
    await repo.finishRun(ctx.db, id, { finishedAt: ctx.clock.now(), outcome, summary, detail, error });
    countJobRun(job.name, outcome);
    if (error) ctx.log.error(`Jobbet ${job.name} misslyckades delvis: ${error}`);
    else ctx.log.info(`Jobbet ${job.name}: ${summary}.`);
    return { id, outcome, summary, detail, error };
  } catch (err) {
    const error = errorText(err);
    ctx.log.error(`Jobbet ${job.name} misslyckades: ${error}`);
    await repo.finishRun(ctx.db, id, { finishedAt: ctx.clock.now(), outcome: "failed", summary: "Misslyckades", error });
    countJobRun(job.name, "failed");
    return { id, outcome: "failed", summary: "Misslyckades", detail: { total: {}, forbund: {} }, error };
  }
}

/** The jobs with their latest run, for the platform's page. */
export async function platformOverview(ctx: Ctx, jobs: readonly JobDefinition[] = JOBS) {
  const latest = new Map((await repo.latestPerJob(ctx.db)).map((r) => [r.job, r]));
  return jobs.map((job) => ({ job, last: latest.get(job.name) }));
}

/** The last `limit` runs of every job, newest first. */
export const recentRuns = (ctx: Ctx, limit = 20) => repo.recentRuns(ctx.db, limit);

/**
 * For a förbund's admin: each job's latest run, and the latest run that did something for this förbund
 * with its counts (platform-wide jobs have no förbund counts).
 */
export async function forbundOverview(ctx: Ctx, forbundId: string, jobs: readonly JobDefinition[] = JOBS) {
  const [latest, mine] = await Promise.all([repo.latestPerJob(ctx.db), repo.latestForForbundPerJob(ctx.db, forbundId)]);
  const last = new Map(latest.map((r) => [r.job, r]));
  const forMe = new Map(mine.map((r) => [r.job, r]));
  return jobs.map((job) => {
    const run = forMe.get(job.name);
    return { job, last: last.get(job.name), forForbund: run && { run, counts: run.detail.forbund[forbundId] ?? {} } };
  });
}
