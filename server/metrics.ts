/**
 * Metrics for Prometheus (GET /metrics, behind METRICS_TOKEN): requests and their durations by route
 * pattern, method and status; the mail outbox by state and the database pool, read when scraped; job runs;
 * and Node's own process metrics. Labels are route patterns and fixed words only — never a path or
 * anything a user typed — so the number of series stays bounded and no series tells about a person.
 */
import client from "prom-client";
import type { Ctx } from "./context.js";
import * as outboxRepo from "./outbox/repo.js";
import { mailState } from "../models/schema.js";

// What belongs to the process, not to one app: Node's metrics and the scheduled jobs' runs.
const processRegistry = new client.Registry();
let defaultsCollected = false;

/**
 * Runs of scheduled jobs by job name and outcome ("ok" or "failed"). `job` is the job's fixed name
 * (for example "mail", "retention"), never data.
 */
export const jobRunsTotal = new client.Counter({
  name: "samspar_job_runs_total",
  help: "Körningar av schemalagda jobb, per jobb och utfall (ok, failed).",
  labelNames: ["job", "outcome"] as const,
  registers: [processRegistry],
});

/** Counts one run of a scheduled job. */
export function countJobRun(job: string, outcome: "ok" | "failed") {
  jobRunsTotal.inc({ job, outcome });
}

export type AppMetrics = {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The text Prometheus scrapes, and its content type. */
  scrape(): Promise<{ contentType: string; text: string }>;
};

// One set per app (its ctx): tests run many apps in one process, each with its own counts.
const perApp = new WeakMap<Ctx, AppMetrics>();

/** The app's metrics, created on first use. */
export function appMetrics(ctx: Ctx): AppMetrics {
  let m = perApp.get(ctx);
  if (!m) perApp.set(ctx, m = createAppMetrics(ctx));
  return m;
}

function createAppMetrics(ctx: Ctx): AppMetrics {
  if (!defaultsCollected) {
    client.collectDefaultMetrics({ register: processRegistry });
    defaultsCollected = true;
  }
  const registry = new client.Registry();
  const labelNames = ["method", "route", "status"] as const;
  const requests = new client.Counter({
    name: "samspar_http_requests_total",
    help: "Besvarade förfrågningar per metod, ruttmönster och status.",
    labelNames, registers: [registry],
  });
  const durations = new client.Histogram({
    name: "samspar_http_request_duration_seconds",
    help: "Svarstid per metod, ruttmönster och status, i sekunder.",
    labelNames, registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  new client.Gauge({
    name: "samspar_mail_outbox_messages",
    help: "Meddelanden i utkorgen (mail_outbox) per tillstånd, i alla förbund.",
    labelNames: ["state"] as const, registers: [registry],
    async collect() {
      this.reset();
      try {
        const counts = new Map((await outboxRepo.countByState(ctx.db)).map((r) => [r.state, r.n]));
        for (const state of mailState.enumValues) this.set({ state }, counts.get(state) ?? 0);
      } catch (err) {
        // The rest of the scrape still answers; the gauge is left without values.
        ctx.log.error("Mätvärdena för utkorgen kunde inte läsas", err);
      }
    },
  });
  const pool = (name: string, help: string, read: (s: { total: number; idle: number; waiting: number }) => number) =>
    new client.Gauge({
      name, help, registers: [registry],
      collect() {
        this.reset();
        const stats = ctx.database.poolStats();
        if (stats) this.set(read(stats));
      },
    });
  // Only with a pool: the embedded PGlite is one connection inside the process, and a 0 would mislead.
  if (ctx.database.poolStats()) {
    pool("samspar_db_pool_connections", "Öppna anslutningar i PostgreSQL-poolen.", (s) => s.total);
    pool("samspar_db_pool_idle_connections", "Vilande anslutningar i PostgreSQL-poolen.", (s) => s.idle);
    pool("samspar_db_pool_waiting_queries", "Frågor som väntar på en anslutning ur PostgreSQL-poolen.", (s) => s.waiting);
  }

  return {
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
    async scrape() {
      const texts = await Promise.all([registry.metrics(), processRegistry.metrics()]);
      return { contentType: registry.contentType, text: texts.join("\n") };
    },
  };
}
