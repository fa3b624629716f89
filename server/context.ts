/** What every feature receives: config, database, mailer, clock and logger; built once in createApp. */
import type { Config } from "./config.js";
import type { Database, Db } from "../models/db.js";
import type { Mailer } from "./mail.js";
import type { Clock } from "./clock.js";
import type { Logger } from "./log.js";

/**
 * `anonymityKey`: a secret kept outside the database (ANONYMITY_KEY, SESSION_SECRET or DATA_DIR, never the
 * database: bootstrap.ts), under which an invitation's "answered" mark (answering/held.ts) and a rate-limit key
 * (ratelimit/store.ts) are made opaque to anyone who reads the database.
 */
export type Deps = { config: Config; database: Database; mailer: Mailer; clock: Clock; log: Logger; anonymityKey: string };
export type Ctx = Deps & { db: Db };
