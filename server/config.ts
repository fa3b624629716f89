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

/** Parses the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
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
    mailWorker: Object.freeze({
      pollMs: e.MAIL_POLL_SECONDS * 1000,
      retryMs: Object.freeze(e.MAIL_RETRY_SECONDS.map((s) => s * 1000)),
      leaseMs: e.MAIL_LEASE_SECONDS * 1000,
    }),
  });
}
