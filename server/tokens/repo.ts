/** SQL for API tokens. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { apiTokens, users } from "../../models/schema.js";

export async function insertToken(db: Db, v: { userId: string; name: string; tokenHash: string; prefix: string }) {
  const [row] = await db.insert(apiTokens).values(v).returning();
  return row;
}

export async function findActiveByHash(db: Db, tokenHash: string) {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

/** Tokens of a förbund (all users) or of one user, newest first, with the owner's e-mail. */
export async function listTokens(db: Db, where: { forbundId: string; userId?: string }) {
  return db.select({
    id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt,
    lastUsedOn: apiTokens.lastUsedOn, revokedAt: apiTokens.revokedAt, userId: apiTokens.userId, ownerEmail: users.email,
  }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(users.forbundId, where.forbundId), where.userId ? eq(apiTokens.userId, where.userId) : undefined))
    .orderBy(desc(apiTokens.createdAt));
}

/** One account's own tokens, newest first (an account without a förbund: the superadmin, the nationell läsare). */
export async function listOwnTokens(db: Db, userId: string) {
  return db.select({
    id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt,
    lastUsedOn: apiTokens.lastUsedOn, revokedAt: apiTokens.revokedAt, userId: apiTokens.userId, ownerEmail: users.email,
  }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function findToken(db: Db, id: string) {
  const [row] = await db.select({ token: apiTokens, forbundId: users.forbundId })
    .from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.id, id));
  return row;
}

export async function revokeToken(db: Db, id: string, at: Date) {
  await db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
}

export async function markUsed(db: Db, id: string, day: string) {
  await db.update(apiTokens).set({ lastUsedOn: day }).where(eq(apiTokens.id, id));
}
