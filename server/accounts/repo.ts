/** SQL for accounts, sessions and one-time links. Returns plain objects. */
import { and, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { accountLinks, authThrottle, forbund, sessions, signInSettings, ssoJitDomains, userAreas, users } from "../../models/schema.js";
import type { CurrentUser, Role } from "../http/types.js";
import type { Counter, Decision, Rule } from "./throttle.pure.js";

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** The signed-in user with förbund name and kommunområden, or undefined when missing or inactive. */
export async function loadCurrentUser(db: Db, id: string): Promise<CurrentUser | undefined> {
  const [row] = await db
    .select({ user: users, forbundName: forbund.name })
    .from(users)
    .leftJoin(forbund, eq(forbund.id, users.forbundId))
    .where(and(eq(users.id, id), eq(users.active, true)));
  if (!row) return undefined;
  const areas = await db.select({ areaId: userAreas.areaId }).from(userAreas).where(eq(userAreas.userId, id));
  const u = row.user;
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, forbundId: u.forbundId,
    forbundName: row.forbundName, areaIds: areas.map((a) => a.areaId), mustChangePassword: u.mustChangePassword,
  };
}

export async function insertUser(db: Db, v: {
  forbundId: string | null; email: string; name: string; role: Role; passwordHash?: string | null;
  mustChangePassword?: boolean; areaIds?: string[]; ssoProvider?: string;
}): Promise<UserRow> {
  const [row] = await db.insert(users).values({
    forbundId: v.forbundId, email: v.email, name: v.name, role: v.role,
    passwordHash: v.passwordHash ?? null, mustChangePassword: v.mustChangePassword ?? false, ssoProvider: v.ssoProvider ?? null,
  }).returning();
  if (v.areaIds?.length) await db.insert(userAreas).values(v.areaIds.map((areaId) => ({ userId: row.id, areaId })));
  return row;
}

export async function listUsers(db: Db, forbundId: string) {
  const rows = await db.select().from(users).where(eq(users.forbundId, forbundId)).orderBy(users.email);
  const areaRows = await db
    .select({ userId: userAreas.userId, areaId: userAreas.areaId })
    .from(userAreas).innerJoin(users, eq(users.id, userAreas.userId))
    .where(eq(users.forbundId, forbundId));
  return rows.map((u) => ({ ...u, areaIds: areaRows.filter((a) => a.userId === u.id).map((a) => a.areaId) }));
}

export async function updateUser(db: Db, id: string, v: { name?: string; role?: Role; active?: boolean; areaIds?: string[] }) {
  const { areaIds, ...fields } = v;
  if (Object.keys(fields).length) await db.update(users).set(fields).where(eq(users.id, id));
  if (areaIds) {
    await db.delete(userAreas).where(eq(userAreas.userId, id));
    if (areaIds.length) await db.insert(userAreas).values(areaIds.map((areaId) => ({ userId: id, areaId })));
  }
}

/** Sets a new password and ends the account's sessions but `keepSession` (the one that changed it), in one transaction. */
export async function setPasswordHash(db: Db, id: string, passwordHash: string, keepSession: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, id));
    await tx.delete(sessions).where(and(sql`${sessions.data}->>'userId' = ${id}`, ne(sessions.sid, keepSession)));
  });
}

/** Notes the provider an account just signed in through. */
export async function setSsoProvider(db: Db, id: string, provider: string) {
  await db.update(users).set({ ssoProvider: provider }).where(eq(users.id, id));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

/**
 * Issues a one-time link and ends the account's other unused links, in one transaction; the user's row
 * is locked, so two links issued at once are issued one after the other and only the newer works.
 */
export async function issueLink(db: Db, v: { userId: string; purpose: "invite" | "reset"; tokenHash: string; expiresAt: Date }, now: Date) {
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, v.userId)).for("update");
    await endLinks(tx, v.userId, now);
    await tx.insert(accountLinks).values(v);
  });
}

const endLinks = (db: Db, userId: string, now: Date) =>
  db.update(accountLinks).set({ expiresAt: now })
    .where(and(eq(accountLinks.userId, userId), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)));

export async function findValidLink(db: Db, tokenHash: string, now: Date) {
  const [row] = await db.select().from(accountLinks).where(and(
    eq(accountLinks.tokenHash, tokenHash), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now),
  ));
  return row;
}

/**
 * Uses a valid link of an active account once: claims it (a conditional update, so of many uses at the
 * same moment exactly one gets the row), sets the password, ends the account's other links and all its
 * sessions, in one transaction. Undefined when the link was not (or no longer) valid.
 */
export async function useLink(db: Db, tokenHash: string, passwordHash: string, now: Date) {
  return db.transaction(async (tx) => {
    const [link] = await tx.update(accountLinks).set({ usedAt: now }).where(and(
      eq(accountLinks.tokenHash, tokenHash), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now),
      sql`exists (select 1 from ${users} where ${users.id} = ${accountLinks.userId} and ${users.active})`,
    )).returning({ userId: accountLinks.userId, purpose: accountLinks.purpose });
    if (!link) return undefined;
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, link.userId));
    await endLinks(tx, link.userId, now);
    await tx.delete(sessions).where(sql`${sessions.data}->>'userId' = ${link.userId}`);
    return link;
  });
}

// Sessions (express-session store)
export async function getSession(db: Db, sid: string, now: Date) {
  const [row] = await db.select().from(sessions).where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, now)));
  return row?.data;
}
export async function putSession(db: Db, sid: string, data: unknown, expiresAt: Date) {
  await db.insert(sessions).values({ sid, data, expiresAt })
    .onConflictDoUpdate({ target: sessions.sid, set: { data, expiresAt } });
}
export async function touchSession(db: Db, sid: string, expiresAt: Date) {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.sid, sid));
}
export async function deleteSession(db: Db, sid: string) {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}
export async function deleteSessionsOfUser(db: Db, userId: string) {
  await db.delete(sessions).where(sql`${sessions.data}->>'userId' = ${userId}`);
}
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  return (await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ sid: sessions.sid })).length;
}

// Throttle counters (auth_throttle)

/**
 * Applies each rule to its counter in one transaction, the rows locked: the new counts are stored only
 * when every rule lets the attempt through, so two processes never both take the last free attempt.
 */
export async function throttle(db: Db, now: Date, steps: { key: string; rule: Rule }[]): Promise<Decision[]> {
  await db.delete(authThrottle).where(lt(authThrottle.expiresAt, now));
  const keys = [...new Set(steps.map((s) => s.key))].sort();
  return db.transaction(async (tx) => {
    // A placeholder that has already expired makes every key lockable; sorted, so two transactions never wait on each other in a circle.
    await tx.insert(authThrottle).values(keys.map((key) => ({ key, count: 0, windowStart: now, expiresAt: now }))).onConflictDoNothing();
    const rows = await tx.select().from(authThrottle).where(inArray(authThrottle.key, keys)).orderBy(authThrottle.key).for("update");
    const byKey = new Map<string, Counter>(rows.map(({ key, ...c }) => [key, c]));
    const decisions = steps.map((s) => s.rule(byKey.get(s.key), now));
    if (decisions.every((d) => d.allow)) {
      for (const [i, s] of steps.entries()) {
        const d = decisions[i];
        if (!d.allow) continue;
        if (d.next) await tx.update(authThrottle).set(d.next).where(eq(authThrottle.key, s.key));
        else await tx.delete(authThrottle).where(eq(authThrottle.key, s.key));
      }
    }
    return decisions;
  });
}

// How a förbund signs in (sign_in_settings, sso_jit_domains)

/** Whether the förbund requires single sign-on, and the domains whose staff get an account at their first one. */
export async function getSignInSettings(db: Db, forbundId: string) {
  const [row] = await db.select({ requireSso: signInSettings.requireSso }).from(signInSettings).where(eq(signInSettings.forbundId, forbundId));
  const domains = await db.select({ domain: ssoJitDomains.domain }).from(ssoJitDomains)
    .where(eq(ssoJitDomains.forbundId, forbundId)).orderBy(ssoJitDomains.domain);
  return { requireSso: row?.requireSso ?? false, jitDomains: domains.map((d) => d.domain) };
}

/** The domains among `domains` that another förbund has taken for just-in-time accounts. */
export async function jitDomainsTakenElsewhere(db: Db, forbundId: string, domains: string[]): Promise<string[]> {
  if (!domains.length) return [];
  const rows = await db.select({ domain: ssoJitDomains.domain }).from(ssoJitDomains)
    .where(and(inArray(ssoJitDomains.domain, domains), ne(ssoJitDomains.forbundId, forbundId)));
  return rows.map((r) => r.domain);
}

/**
 * Stores the förbund's settings. Undefined when a domain was taken by another förbund in the meantime (the
 * primary key decides); the caller's transaction is then to be rolled back.
 */
export async function putSignInSettings(db: Db, forbundId: string, v: { requireSso: boolean; jitDomains: string[] }, now: Date) {
  await db.insert(signInSettings).values({ forbundId, requireSso: v.requireSso, updatedAt: now })
    .onConflictDoUpdate({ target: signInSettings.forbundId, set: { requireSso: v.requireSso, updatedAt: now } });
  await db.delete(ssoJitDomains).where(and(eq(ssoJitDomains.forbundId, forbundId),
    v.jitDomains.length ? sql`${ssoJitDomains.domain} not in (${sql.join(v.jitDomains.map((d) => sql`${d}`), sql`, `)})` : sql`true`));
  if (!v.jitDomains.length) return true;
  await db.insert(ssoJitDomains).values(v.jitDomains.map((domain) => ({ domain, forbundId, createdAt: now }))).onConflictDoNothing();
  const mine = await db.select({ domain: ssoJitDomains.domain }).from(ssoJitDomains)
    .where(and(eq(ssoJitDomains.forbundId, forbundId), inArray(ssoJitDomains.domain, v.jitDomains)));
  return mine.length === v.jitDomains.length;
}

/** The förbund whose admin allowed just-in-time accounts for the domain. */
export async function jitForbundOf(db: Db, domain: string): Promise<string | undefined> {
  const [row] = await db.select({ forbundId: ssoJitDomains.forbundId }).from(ssoJitDomains).where(eq(ssoJitDomains.domain, domain));
  return row?.forbundId;
}

/** Whether the förbund requires single sign-on. */
export async function requiresSso(db: Db, forbundId: string): Promise<boolean> {
  const [row] = await db.select({ requireSso: signInSettings.requireSso }).from(signInSettings).where(eq(signInSettings.forbundId, forbundId));
  return row?.requireSso ?? false;
}

/** The names of the förbund that require single sign-on, for the login page. */
export async function forbundNamesRequiringSso(db: Db): Promise<string[]> {
  const rows = await db.select({ name: forbund.name }).from(signInSettings)
    .innerJoin(forbund, eq(forbund.id, signInSettings.forbundId)).where(eq(signInSettings.requireSso, true)).orderBy(forbund.name);
  return rows.map((r) => r.name);
}

/** Ends the sessions of the förbund's accounts (its superadmin excepted) that were not begun through single sign-on. */
export async function deletePasswordSessions(db: Db, forbundId: string) {
  await db.delete(sessions).where(and(
    sql`${sessions.data}->>'sso' is null`,
    sql`(${sessions.data}->>'userId')::uuid in (select ${users.id} from ${users} where ${users.forbundId} = ${forbundId} and ${users.role} <> 'superadmin')`,
  ));
}
