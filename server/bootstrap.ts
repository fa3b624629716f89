/** First start: schema, demo förbund and the first account; the secrets. Shared by the server and the CLI. */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { Ctx } from "./context.js";
import type { Config } from "./config.js";
import type { Database } from "../models/db.js";
import { keepSecret } from "./instance/repo.js";
import * as organisation from "./organisation/service.js";
import { seedDemoForbund } from "./organisation/demo.js";
import { countUsers, insertUser } from "./accounts/repo.js";
import { generatePassword, hashPassword } from "./accounts/password.js";
import { keyedDigest, randomToken } from "./crypto.js";

export const DEFAULT_ADMIN_EMAIL = "admin@samspar.local";

/**
 * When the database has no account: creates the demo förbund (unless SEED_DEMO=false or förbund
 * already exist) and the first account, a superadmin at home in the demo förbund. A generated
 * password is printed once through `announce` and must be changed at first login.
 */
export async function firstStart(ctx: Ctx, announce: (line: string) => void): Promise<void> {
  if ((await countUsers(ctx.db)) > 0) return;
  let forbundId: string | null = null;
  if (ctx.config.seedDemo && (await organisation.countForbund(ctx)) === 0) {
    forbundId = await seedDemoForbund(ctx);
    announce(`Första start: demoförbundet "Höglandets samordningsförbund (demo)" är skapat.`);
  }
  const email = ctx.config.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const password = ctx.config.adminPassword ?? generatePassword();
  await insertUser(ctx.db, {
    forbundId, email, name: "Administratör", role: "superadmin",
    passwordHash: await hashPassword(password), mustChangePassword: !ctx.config.adminPassword,
  });
  if (ctx.config.adminPassword) {
    announce(`Första start: administratörskontot ${email} har lösenordet från ADMIN_PASSWORD.`);
  } else {
    announce(`Första start: administratörskonto ${email}, engångslösenord ${password}`);
    announce("Lösenordet visas bara denna gång och ska bytas vid första inloggningen.");
  }
}

/**
 * The session secret: SESSION_SECRET, or one created once and kept in the database (instance_secrets), so that
 * every process and host on the database signs cookies alike, on PGlite as on PostgreSQL. Run after the
 * migrations. Nothing else is derived from it: the anonymity key must not be computable from the database.
 */
export async function resolveSessionSecret(config: Config, database: Database): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  return keepSecret(database.db, "session-secret", randomToken(48));
}

export type AnonymityKey = {
  key: string;
  /** Where its secret came from; "fil" is DATA_DIR/anonymity-key. */
  source: "ANONYMITY_KEY" | "SESSION_SECRET" | "fil";
  /** A line for the log at start when several hosts would not share the key. */
  notice?: string;
};

export const ANONYMITY_KEY_FILE = "anonymity-key";

/**
 * The key that makes invitation marks (answering/held.ts) and rate-limit keys opaque to a database reader,
 * derived from a secret that never enters the database: ANONYMITY_KEY, else SESSION_SECRET (as before
 * ANONYMITY_KEY existed, so pending marks keep their meaning), else DATA_DIR/anonymity-key, created once.
 * An installation that ran without SESSION_SECRET before has its secret in DATA_DIR/session-secret: the file
 * is created from it, so the marks made before the upgrade are still recognised.
 * Throws with a Swedish message when the file can neither be read nor created.
 */
export function resolveAnonymityKey(config: Config): AnonymityKey {
  if (config.anonymityKey) return { key: anonymityKeyFrom(config.anonymityKey), source: "ANONYMITY_KEY" };
  if (config.sessionSecret) return { key: anonymityKeyFrom(config.sessionSecret), source: "SESSION_SECRET" };
  const file = path.join(config.dataDir, ANONYMITY_KEY_FILE);
  let secret: string;
  try {
    secret = createOnce(file, () => readIfThere(path.join(config.dataDir, "session-secret")) ?? randomToken(48));
  } catch (err) {
    throw new Error(`Nyckeln för anonymiteten kunde inte läsas eller skapas i ${file} (${(err as Error).message}). Sätt ANONYMITY_KEY, eller ge processen skrivrätt i DATA_DIR.`);
  }
  const notice = config.databaseUrl
    ? `Anonymitetsnyckeln kommer från ${path.resolve(file)}. Med PostgreSQL och flera värdar: sätt samma ANONYMITY_KEY på alla ` +
      "(till exempel filens innehåll), annars känner en värd inte igen en annan värds märken för väntande inbjudningssvar och räknar gränserna för sig."
    : undefined;
  return { key: anonymityKeyFrom(secret), source: "fil", notice };
}

function readIfThere(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * The file's content, or `make()` written to it by whichever process gets there first. The value is written
 * to a file of its own and then linked into place, which fails with EEXIST if another process was first: a
 * reader never sees a half-written file. Where hard links are not supported, an exclusive create (flag wx).
 */
function createOnce(file: string, make: () => string): string {
  const found = readIfThere(file);
  if (found) return found;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = make();
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}`;
  try {
    fs.writeFileSync(tmp, value + "\n", { mode: 0o600, flag: "wx" });
    fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "ENOTSUP" || code === "EXDEV") {
      try { fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" }); } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    } else if (code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const kept = readIfThere(file);
  if (!kept) throw new Error("filen är tom");
  return kept;
}

/**
 * The key derived from a secret kept outside the database: every process sharing the secret computes the
 * same invitation marks, and a database reader, who has none of it, cannot.
 */
export function anonymityKeyFrom(secret: string): string {
  return keyedDigest(secret, "samspar:anonymity-key:v1", "base64url");
}
