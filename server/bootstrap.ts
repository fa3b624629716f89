/** First start: schema, demo förbund and the first account. Shared by the server and the CLI. */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { Ctx } from "./context.js";
import type { Config } from "./config.js";
import * as organisation from "./organisation/service.js";
import { seedDemoForbund } from "./organisation/demo.js";
import { countUsers, insertUser } from "./accounts/repo.js";
import { generatePassword, hashPassword } from "./accounts/password.js";

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

/** SESSION_SECRET, or one generated once and kept in DATA_DIR so sessions survive restarts. */
export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/**
 * The key that makes invitation marks opaque to a database reader (answering/held.ts), derived from the
 * session secret so that every process sharing that secret computes the same marks, and nothing of it is
 * stored in the database.
 */
export function anonymityKeyFrom(sessionSecret: string): string {
  return crypto.createHmac("sha256", sessionSecret).update("samspar:anonymity-key:v1").digest("base64url");
}
