/** Accounts and what guards them: users, sessions, sign-in throttles, API tokens, account links, the audit log, instance secrets. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { forbund, areas } from "./organisation.js";

export const role = pgEnum("role", ["superadmin", "admin", "koordinator", "lasare", "nationell"]);
export const linkPurpose = pgEnum("link_purpose", ["invite", "reset"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  // null only for a superadmin created without a home förbund
  forbundId: uuid("forbund_id").references(() => forbund.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  name: text("name").notNull().default(""),
  role: role("role").notNull(),
  passwordHash: text("password_hash"),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  // The provider (its OIDC_NAME) the account last signed in through; null when it never has.
  ssoProvider: text("sso_provider"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("users_email").on(sql`lower(${t.email})`)]);

export const userAreas = pgTable("user_areas", {
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  areaId: uuid("area_id").notNull().references(() => areas.id, { onDelete: "cascade" }),
}, (t) => [primaryKey({ columns: [t.userId, t.areaId] })]);

export const sessions = pgTable("sessions", {
  sid: text("sid").primaryKey(),
  data: jsonb("data").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
}, (t) => [index("sessions_expires").on(t.expiresAt)]);

/**
 * Counters behind the sign-in throttle and the reset-mail limit, shared by every app process. The key is
 * the sha256 of what is counted (an address, an e-mail address, or both), so no address is stored in the clear.
 */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  // the counting window's start, and when the counter is forgotten (the end of a fixed window, or a while after the last failure)
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  // no attempt is let through before this time (growing delays)
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  // the account holder was told about the failures in this window
  notifiedAt: timestamp("notified_at", { withTimezone: true }),
}, (t) => [index("auth_throttle_expires").on(t.expiresAt)]);

/**
 * Hits counted by the rate limits of the public pages (server/ratelimit/), shared by every app process. The key is
 * an HMAC of the limit's name and the client's address under a key kept outside the database, so no address is
 * stored and a database reader cannot test guesses of one.
 */
export const rateLimitHits = pgTable("rate_limit_hits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  // the end of this key's window: counting starts over after it, and housekeeping deletes the row
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
}, (t) => [index("rate_limit_hits_reset_at").on(t.resetAt)]);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  // sha256 of the token; the token itself is shown once and never stored
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedOn: text("last_used_on"),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const accountLinks = pgTable("account_links", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  purpose: linkPurpose("purpose").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

export const auditLog = pgTable("audit_log", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").references(() => forbund.id, { onDelete: "cascade" }),
  actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
  actorEmail: text("actor_email"),
  action: text("action").notNull(),
  detail: jsonb("detail").notNull().default({}),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("audit_forbund_at").on(t.forbundId, t.at)]);

/**
 * Secrets the app processes share, created once by whichever process starts first (server/bootstrap.ts): the
 * session secret when SESSION_SECRET is unset. Never the anonymity key, which must stay outside the database.
 */
export const instanceSecrets = pgTable("instance_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
