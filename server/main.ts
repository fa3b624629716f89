/** The only file that reads the environment, opens the database, migrates and listens. */
import http from "node:http";
import path from "node:path";
import { loadConfig, ConfigError, type Config } from "./config.js";
import { openDatabase, DataDirLockedError, type Database } from "../models/db.js";
import { createApp } from "./app.js";
import { createMailer } from "./mail.js";
import { systemClock } from "./clock.js";
import { createLogger } from "./log.js";
import { firstStart, resolveSessionSecret } from "./bootstrap.js";
import { purgeInvitationAddresses } from "./collections/invitations.js";
import { settled } from "./later.js";

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

const log = createLogger(config.logLevel);
const t0 = performance.now();
let database: Database;
try {
  database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
} catch (err) {
  if (err instanceof DataDirLockedError) fail(err.message);
  fail(`Databasen kunde inte öppnas: ${(err as Error).message}`);
}
await database.migrate();
const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, "outbox") });
const deps = { config, database, mailer, clock: systemClock, log };
await firstStart({ ...deps, db: database.db }, (line) => console.log(line));

// Housekeeping: invitation addresses are deleted once their insamling has been closed long enough.
const housekeeping = async () => {
  const removed = await purgeInvitationAddresses({ ...deps, db: database.db }).catch((err) => { log.error("Städningen misslyckades", err); return 0; });
  if (removed) log.info(`Städning: ${removed} inbjudningsadresser raderade.`);
};
await housekeeping();
const housekeepingTimer = setInterval(() => void housekeeping(), 60 * 60 * 1000);
housekeepingTimer.unref();

let ready = true;
const app = createApp({ ...deps, sessionSecret: resolveSessionSecret(config), isReady: () => ready });
const server = http.createServer(app);
server.listen(config.port, config.host, () => {
  const ms = Math.round(performance.now() - t0);
  log.info(`Samspår är igång på ${config.baseUrl} (databas: ${database.kind === "pglite" ? `inbäddad PGlite i ${path.resolve(config.dataDir, "pg")}` : "PostgreSQL-server"}, klar på ${ms} ms)`);
  if (!config.smtpUrl) log.info(`E-post skrivs som .eml-filer till ${path.resolve(config.dataDir, "outbox")} (SMTP_URL saknas).`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  ready = false;
  clearInterval(housekeepingTimer);
  log.info(`${signal}: stänger – väntar på pågående förfrågningar.`);
  server.close(async () => {
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
