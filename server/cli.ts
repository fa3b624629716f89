/** Command line: `npm run cli -- token:create --email <user> --name <label>`, `npm run migrate`. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig, ConfigError } from "./config.js";
import { openDatabase, DataDirLockedError } from "../models/db.js";
import { createMailer } from "./mail.js";
import { systemClock } from "./clock.js";
import { createLogger } from "./log.js";
import { firstStart, resolveAnonymityKey } from "./bootstrap.js";
import * as accounts from "./accounts/service.js";
import { findUserByEmail } from "./accounts/repo.js";
import * as tokens from "./tokens/service.js";

const usage = `Användning:
  npm run migrate
  npm run cli -- token:create --email <e-post> --name <namn>`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);
if (!command || !["migrate", "token:create"].includes(command)) fail(usage, 2);

let config;
try { config = loadConfig(process.env); } catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

let database;
try {
  database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
} catch (err) {
  if (err instanceof DataDirLockedError) fail(err.message);
  fail(`Databasen kunde inte öppnas: ${(err as Error).message}`);
}

try {
  const ctx = {
    config, database, db: database.db, clock: systemClock, log: createLogger("silent"),
    anonymityKey: resolveAnonymityKey(config).key,
    mailer: createMailer({ db: database.db, clock: systemClock, smtpUrl: config.smtpUrl, from: config.mailFrom }),
  };
  // Messages go to stderr so that standard output holds only what a script reads.
  await database.exclusively("startup", async () => {
    await database.migrate();
    await firstStart(ctx, (line) => console.error(line));
  });
  if (command === "migrate") {
    console.error("Databasen är migrerad.");
  } else {
    const { values } = parseArgs({ args: rest, options: { email: { type: "string" }, name: { type: "string" } } });
    const args = z.object({ email: z.email(), name: z.string().trim().min(1).max(100) }).safeParse(values);
    if (!args.success) fail(`token:create kräver --email <e-post> och --name <namn>.\n${usage}`, 2);
    const row = await findUserByEmail(ctx.db, args.data.email);
    const user = row && (await accounts.loadCurrentUser(ctx, row.id));
    if (!user) fail(`Det finns inget aktivt konto med e-postadressen ${args.data.email}.`);
    if (!user.forbundId) fail(`Kontot ${args.data.email} hör inte till något förbund; API-nycklar hör till ett förbund.`);
    const created = await tokens.createToken(ctx, user, args.data.name);
    console.error(`API-nyckel "${created.name}" skapad för ${user.email}. Den visas bara nu:`);
    console.log(created.secret);
  }
} finally {
  await database.close();
}
