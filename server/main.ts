/** The only file that reads the environment, opens the database, migrates and listens. */
import http from "node:http";
import path from "node:path";
import { loadConfig, ConfigError, type Config } from "./config.js";
import { openDatabase, DataDirLockedError, type Database } from "../models/db.js";
import { createApp } from "./app.js";
import { createMailer } from "./mail.js";
import { systemClock } from "./clock.js";
import { createLogger } from "./log.js";
import { firstStart, resolveAnonymityKey, resolveSessionSecret } from "./bootstrap.js";
import { startMailWorker } from "./outbox/worker.js";
import { settled } from "./later.js";
import { startScheduler } from "./jobs/scheduler.js";
import { JOBS } from "./jobs/registry.js";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

// JSON lines unless LOG_FORMAT says otherwise; unset and in a terminal (a newcomer's `npm start`), readable lines.
const log = createLogger(config.logLevel, { format: config.logFormat ?? (process.stdout.isTTY ? "pretty" : "json") });
const t0 = performance.now();
let database: Database;
try {
  database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
} catch (err) {
  if (err instanceof DataDirLockedError) fail(err.message);
  fail(`Databasen kunde inte öppnas: ${(err as Error).message}`);
}
const mailer = createMailer({ db: database.db, clock: systemClock, smtpUrl: config.smtpUrl, from: config.mailFrom });
// The anonymity key comes from the environment or DATA_DIR, never from the database (bootstrap.ts).
let anonymity: ReturnType<typeof resolveAnonymityKey>;
try { anonymity = resolveAnonymityKey(config); } catch (err) { fail((err as Error).message); }
if (anonymity.notice) log.info(anonymity.notice);
const deps = { config, database, mailer, clock: systemClock, log, anonymityKey: anonymity.key };
// Migrations and the first start's seeding run under one lock: five processes started at once on an empty
// PostgreSQL database give one schema, one demo förbund and one admin.
await database.exclusively("startup", async () => {
  await database.migrate();
  await firstStart({ ...deps, db: database.db }, (line) => console.log(line));
});
// SESSION_SECRET, or the one every process on this database shares (created by the first).
const sessionSecret = await resolveSessionSecret(config, database);

// Scheduled jobs (reminders, retention, purges): every process runs the scheduler, and each run happens once
// across them (server/jobs/).
const scheduler = await startScheduler({ ...deps, db: database.db }, {
  jobs: config.jobs.cron ? JOBS.map((job) => ({ ...job, cron: config.jobs.cron!, when: `Enligt JOBS_CRON (${config.jobs.cron})` })) : JOBS,
  pollingIntervalSeconds: config.jobs.pollSeconds, cronMonitorIntervalSeconds: config.jobs.pollSeconds, cronWorkerIntervalSeconds: config.jobs.pollSeconds,
});
// Queued mail goes out from this process (with SMTP_URL); the worker claims rows so other processes may run one too.
const mailWorker = startMailWorker({ ...deps, db: database.db });

let ready = true;
const app = createApp({ ...deps, sessionSecret, isReady: () => ready });
// The app is one request listener (server/app.ts): observation, the recorded first pages, then Express.
const server = http.createServer(app);
server.listen(config.port, config.host, () => {
  const ms = Math.round(performance.now() - t0);
  log.info(`Samspår är igång på ${config.baseUrl} (databas: ${database.kind === "pglite" ? `inbäddad PGlite i ${path.resolve(config.dataDir, "pg")}` : "PostgreSQL-server"}, klar på ${ms} ms)`);
  if (!config.smtpUrl) log.info("E-post skickas inte (SMTP_URL saknas): meddelandena sparas i databasen och visas för administratörer under Utkorg.");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  ready = false;
  // No new pass or job starts; one under way finishes (and marks what it did) before the database closes.
  const mailStopped = mailWorker.stop();
  const jobsStopped = scheduler.stop().catch((err) => log.error("Jobben kunde inte stoppas snällt", err));
  log.info(`${signal}: stänger – väntar på pågående förfrågningar.`);
  server.close(async () => {
    await mailStopped;
    await jobsStopped;
    await settled(); // a reset mail asked for just before the signal is still sent
    await database.close();
    log.info("Databasen är stängd. Hej då.");
    process.exit(0);
  });
  // A request answered during shutdown leaves a keep-alive connection idle: close those as they appear.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
  // Requests that hang longer than this are cut off so the process does end.
  setTimeout(() => { server.closeAllConnections(); }, 10_000).unref();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
