/** Configuration: parsed once from the environment with zod, frozen, and passed in. */
import { z } from "zod";
import type { LogFormat, LogLevel } from "./log.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "ska vara true eller false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A number of seconds, fractions allowed (tests run the mail worker in seconds instead of minutes). */
const seconds = z.coerce.number({ message: "ska vara ett antal sekunder" }).positive("ska vara större än 0");
const secondsList = z.string().regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, "ska vara sekunder med komma emellan, t.ex. 60,300,1800,7200")
  .transform((v) => v.split(",").map(Number));

const envSchema = z.object({
  PORT: z.coerce.number({ message: "ska vara ett portnummer" }).int("ska vara ett heltal").min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  BASE_URL: z.url({ message: "ska vara en absolut adress, t.ex. https://samspar.example.se" }).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "ska börja med postgres:// eller postgresql://")
    .optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "ska börja med smtp:// eller smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("Samspår <noreply@samspar.local>"),
  SESSION_SECRET: z.string().min(32, "ska vara minst 32 tecken").optional(),
  ANONYMITY_KEY: z.string().min(32, "ska vara minst 32 tecken (t.ex. innehållet i DATA_DIR/anonymity-key)").optional(),
  ADMIN_EMAIL: z.email({ message: "ska vara en e-postadress" }).optional(),
  ADMIN_PASSWORD: z.string().min(12, "ska vara minst 12 tecken").optional(),
  TRUST_PROXY: z.string().optional(),
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(["silent", "warn", "info", "debug"], { message: "ska vara silent, warn, info eller debug" }).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"], { message: "ska vara json eller pretty" }).optional(),
  METRICS_TOKEN: z.string().min(32, "ska vara minst 32 tecken").optional(),
  MAIL_POLL_SECONDS: seconds.default(5),
  MAIL_RETRY_SECONDS: secondsList.default([60, 300, 1800, 7200]),
  MAIL_LEASE_SECONDS: seconds.default(300),
  JOBS_CRON: z.string().trim().regex(/^\S+(\s+\S+){4}$/, "ska vara ett cron-uttryck med fem fält, t.ex. \"* * * * *\"").optional(),
  JOBS_POLL_SECONDS: z.coerce.number({ message: "ska vara ett antal sekunder" }).int("ska vara ett heltal").min(1, "ska vara minst 1").max(45, "ska vara högst 45").default(30),
});

/**
 * An OpenID Connect provider staff may sign in through. The first is configured by OIDC_ISSUER_URL, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET, OIDC_NAME and OIDC_ALLOWED_DOMAINS; more by the same names with a number after OIDC_
 * (OIDC_2_ISSUER_URL …). Numbered plain variables rather than one JSON value: each secret stays one variable that a
 * secret store, systemd or a container platform can hand over on its own, and a typo points at one named variable.
 */
export type OidcProvider = Readonly<{
  /** "1" for the unnumbered variables, otherwise the number: part of the callback address, /login/sso/<id>/callback. */
  id: string;
  issuerUrl: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret?: string;
  /** The button's words after "Logga in med …", e.g. "Region Jönköpings län". */
  name: string;
  /** The only e-mail domains this provider may vouch for (lower case); empty: any domain. */
  allowedDomains: readonly string[];
}>;

export type Config = Readonly<{
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret?: string;
  /** The secret behind invitation marks and rate-limit keys; never stored in the database (bootstrap.ts). */
  anonymityKey?: string;
  adminEmail?: string;
  adminPassword?: string;
  trustProxy: boolean | number | string;
  seedDemo: boolean;
  secureCookies: boolean;
  logLevel: LogLevel;
  /** Unset: JSON lines, or readable lines when standard output is a terminal (decided where the logger is made). */
  logFormat?: LogFormat;
  /** The Bearer token that /metrics asks for; unset, /metrics does not exist. */
  metricsToken?: string;
  /** The mail worker (outbox/worker.ts): how often it looks for due mail, the waits after each failed attempt, and how long a claimed message is its own. */
  mailWorker: Readonly<{ pollMs: number; retryMs: readonly number[]; leaseMs: number }>;
  /**
   * The scheduled jobs (jobs/): `cron` replaces every job's own schedule (to check a new installation, and for
   * the cluster test); `pollSeconds`: how often a process looks at the schedules and the queues.
   */
  jobs: Readonly<{ cron?: string; pollSeconds: number }>;
  /** Single sign-on providers (sso/), in the order of their numbers; empty: password sign-in only. */
  oidc: readonly OidcProvider[];
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super("Felaktig konfiguration:\n" + problems.map((p) => `  - ${p}`).join("\n"));
  }
}

/** Empty strings count as unset, as they do in most .env files. */
function withoutEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined || v === "false" || v === "0") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v; // e.g. "loopback" or a list of addresses, as Express understands it
}

const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "ska vara domäner med komma emellan, t.ex. rjl.se,hoglandet.se");
const oidcSchema = z.object({
  ISSUER_URL: z.url({ message: "ska vara leverantörens absoluta adress (issuer), t.ex. https://login.example.se" })
    // Plain http only on this machine (tests, trying it out): elsewhere the tokens would travel in the clear.
    .refine((v) => /^https:\/\//.test(v) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(v), "ska börja med https:// (http bara för localhost)"),
  CLIENT_ID: z.string().min(1).max(500),
  CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  NAME: z.string().trim().min(1).max(100),
  ALLOWED_DOMAINS: z.string().transform((v) => v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean)).pipe(z.array(domain)).optional(),
});
const OIDC_FIELDS = ["ISSUER_URL", "CLIENT_ID", "CLIENT_SECRET", "NAME", "ALLOWED_DOMAINS"];

/** The OIDC_… (id "1") and OIDC_<n>_… providers, or the problems with them. */
function parseOidc(env: Record<string, string>): { providers: OidcProvider[]; problems: string[] } {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    const m = /^OIDC_(?:(\d+)_)?([A-Z_]+)$/.exec(key);
    if (!m) continue;
    if (!OIDC_FIELDS.includes(m[2])) { problems.push(`${key}: okänd variabel (känner ${OIDC_FIELDS.map((f) => "OIDC_" + f).join(", ")})`); continue; }
    const id = m[1] ?? "1";
    if (!/^[1-9]\d{0,2}$/.test(id)) { problems.push(`${key}: numret ska vara 2, 3 …`); continue; }
    if (m[1] === "1") { problems.push(`${key}: den första leverantören har inget nummer (OIDC_${m[2]})`); continue; }
    ids.add(id);
  }
  const providers: OidcProvider[] = [];
  for (const id of [...ids].sort((a, b) => Number(a) - Number(b))) {
    const prefix = id === "1" ? "OIDC_" : `OIDC_${id}_`;
    const parsed = oidcSchema.safeParse(Object.fromEntries(OIDC_FIELDS.map((f) => [f, env[prefix + f]])));
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${prefix}${i.path.join(".")}: ${i.code === "invalid_type" ? "saknas" : i.message}`));
      continue;
    }
    const p = parsed.data;
    providers.push(Object.freeze({
      id, issuerUrl: p.ISSUER_URL, clientId: p.CLIENT_ID, clientSecret: p.CLIENT_SECRET, name: p.NAME,
      allowedDomains: Object.freeze(p.ALLOWED_DOMAINS ?? []),
    }));
  }
  return { providers, problems };
}

/** Parses the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const given = withoutEmpty(env) as Record<string, string>;
  const parsed = envSchema.safeParse(given);
  const oidc = parseOidc(given);
  if (!parsed.success || oidc.problems.length) {
    throw new ConfigError([...(parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? []), ...oidc.problems]);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  if (e.ADMIN_PASSWORD && !e.ADMIN_EMAIL) throw new ConfigError(["ADMIN_PASSWORD: kräver ADMIN_EMAIL"]);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET,
    anonymityKey: e.ANONYMITY_KEY,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO,
    secureCookies: baseUrl.startsWith("https://"),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
    jobs: Object.freeze({ cron: e.JOBS_CRON, pollSeconds: e.JOBS_POLL_SECONDS }),
    oidc: Object.freeze(oidc.providers),
    mailWorker: Object.freeze({
      pollMs: e.MAIL_POLL_SECONDS * 1000,
      retryMs: Object.freeze(e.MAIL_RETRY_SECONDS.map((s) => s * 1000)),
      leaseMs: e.MAIL_LEASE_SECONDS * 1000,
    }),
  });
}
