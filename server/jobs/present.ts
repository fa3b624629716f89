/** What the job pages show: Swedish times, outcomes and summaries, never a database row. */
import type { JobDefinition, Run } from "./service.js";

const dateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" });
const when = (d: Date | null | undefined) => (d ? dateTime.format(d) : "–");

/** A run's outcome as a person reads it; a run without an end after an hour was cut off (its process stopped). */
export function outcomeText(run: Pick<Run, "outcome" | "finishedAt" | "startedAt">, now: Date): string {
  if (run.outcome === "ok") return "Lyckades";
  if (run.outcome === "failed") return "Misslyckades";
  return now.getTime() - run.startedAt.getTime() > 60 * 60_000 ? "Avbröts" : "Pågår";
}

function duration(run: Pick<Run, "startedAt" | "finishedAt">): string {
  if (!run.finishedAt) return "–";
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return ms < 1000 ? "under 1 s" : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

const labelOf = (jobs: readonly JobDefinition[], name: string) => jobs.find((j) => j.name === name)?.label ?? name;

export function runRow(run: Run, jobs: readonly JobDefinition[], now: Date) {
  return {
    job: labelOf(jobs, run.job), started: when(run.startedAt), duration: duration(run), outcome: outcomeText(run, now),
    failed: run.outcome === "failed", summary: run.summary ?? "", error: run.error ?? "",
  };
}

export function platformJobRow(o: { job: JobDefinition; last?: Run }, now: Date) {
  return {
    name: o.job.name, label: o.job.label, when: o.job.when, cron: o.job.cron,
    last: o.last ? when(o.last.startedAt) : "Har inte körts än", outcome: o.last ? outcomeText(o.last, now) : "",
    failed: o.last?.outcome === "failed", summary: o.last?.summary ?? "", error: o.last?.error ?? "",
  };
}

/** A förbund admin's row: the job's latest run, and what the latest run that concerned the förbund did for it. */
export function forbundJobRow(o: { job: JobDefinition; last?: Run; forForbund?: { run: Run; counts: Record<string, number> } }, now: Date) {
  const mine = o.forForbund;
  const forForbund = o.job.scope === "plattform" ? "Gäller hela plattformen"
    : !mine ? "Har inte gjort något för förbundet än"
      : mine.counts.fel ? `${when(mine.run.startedAt)}: misslyckades för förbundet`
        : `${when(mine.run.startedAt)}: ${o.job.describe(mine.counts)}`;
  return {
    label: o.job.label, when: o.job.when,
    last: o.last ? when(o.last.startedAt) : "Har inte körts än", outcome: o.last ? outcomeText(o.last, now) : "",
    failed: o.last?.outcome === "failed", forForbund,
  };
}
