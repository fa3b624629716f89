/** What every feature receives: config, database, mailer, clock and logger; built once in createApp. */
import type { Config } from "./config.js";
import type { Database, Db } from "../models/db.js";
import type { Mailer } from "./mail.js";
import type { Clock } from "./clock.js";
import type { Logger } from "./log.js";

/**
 * `anonymityKey`: a secret kept outside the database (derived from the session secret), under which an
 * invitation's "answered" mark is made opaque to anyone who reads the database (answering/held.ts).
 */
export type Deps = { config: Config; database: Database; mailer: Mailer; clock: Clock; log: Logger; anonymityKey: string };
export type Ctx = Deps & { db: Db };
