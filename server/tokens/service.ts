/** API tokens: belong to a user and carry that user's förbund and role; stored hashed, shown once. */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import { NotFoundError, ForbiddenError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as audit from "../audit/service.js";
import { randomToken, sha256Hex } from "../crypto.js";
import * as repo from "./repo.js";
import { transactional } from "../unit-of-work.js";

const PREFIX = "ssp_";

/** Creates a token for the user; the returned secret is never stored and cannot be shown again. */
export const createToken = transactional(async function createToken(ctx: Ctx, user: CurrentUser, name: string) {
  // An account without a förbund has a key only for the platform API (superadmin) or the national one (nationell läsare).
  if (!user.forbundId && user.role !== "superadmin" && user.role !== "nationell") throw new ForbiddenError("API-nycklar hör till ett förbund.");
  const issued = await issueToken(ctx, user.id, name);
  await audit.record(ctx, user, "token.created", { tokenId: issued.id, name });
  return issued;
});

/**
 * A new token for an account, not audited here: the caller records who made it (createToken: the owner; the platform:
 * the superadmin, in the förbund's log). The returned secret is never stored.
 */
export async function issueToken(ctx: Ctx, userId: string, name: string) {
  const secret = PREFIX + randomToken(32);
  const row = await repo.insertToken(ctx.db, { userId, name, tokenHash: sha256Hex(secret), prefix: secret.slice(0, 10) });
  return { id: row.id, name, secret };
}

// A client posting many requests would otherwise cost three queries per request (token, user, its
// kommunområden). A valid token's user is kept for AUTH_CACHE_MS; revoking a token and deactivating an
// account (forgetUser, from accounts) drop it at once; a changed role or kommunområde applies within
// AUTH_CACHE_MS. Unknown tokens are never cached. Keys are the sha256 of the token, never the token.
const AUTH_CACHE_MS = 5_000;
type AuthEntry = { tokenId: string; user: CurrentUser; lastUsedOn: string | null; until: number };
// generation: bumped on every forget, so a lookup that raced with a revocation is not cached.
type AuthCache = { entries: Map<string, AuthEntry>; generation: number };
const authCaches = new WeakMap<object, AuthCache>();
function authCacheOf(ctx: Ctx): AuthCache {
  let c = authCaches.get(ctx.database);
  if (!c) authCaches.set(ctx.database, c = { entries: new Map(), generation: 0 });
  return c;
}
function forget(ctx: Ctx, drop: (e: AuthEntry) => boolean) {
  const cache = authCacheOf(ctx);
  cache.generation++;
  for (const [hash, e] of cache.entries) if (drop(e)) cache.entries.delete(hash);
}

/** Forgets every cached authentication of a user (their account was deactivated). */
export function forgetUser(ctx: Ctx, userId: string) {
  forget(ctx, (e) => e.user.id === userId);
}

/**
 * The user behind a Bearer token, or undefined when the token is unknown, revoked or its user inactive.
 * `loadUser` is accounts' loader, passed in by the guard: accounts calls forgetUser, so tokens cannot import accounts.
 */
export async function authenticate(ctx: Ctx, secret: string, loadUser: (ctx: Ctx, id: string) => Promise<CurrentUser | undefined>): Promise<CurrentUser | undefined> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) return undefined;
  const hash = sha256Hex(secret);
  const cache = authCacheOf(ctx);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const hit = cache.entries.get(hash);
  if (hit && hit.until > performance.now() && hit.lastUsedOn === today) return hit.user;
  cache.entries.delete(hash);
  const generation = cache.generation;
  const row = await repo.findActiveByHash(ctx.db, hash);
  const user = row && await loadUser(ctx, row.userId);
  if (!row || !user) return undefined;
  if (row.lastUsedOn !== today) await repo.markUsed(ctx.db, row.id, today);
  if (generation === cache.generation) {
    if (cache.entries.size >= 10_000) cache.entries.clear();
    cache.entries.set(hash, { tokenId: row.id, user, lastUsedOn: today, until: performance.now() + AUTH_CACHE_MS });
  }
  return user;
}

/** Own tokens for everyone; an admin sees every token of the förbund. An account without a förbund sees its own. */
export async function listTokens(ctx: Ctx, user: CurrentUser) {
  if (!user.forbundId) return repo.listOwnTokens(ctx.db, user.id);
  return repo.listTokens(ctx.db, { forbundId: user.forbundId, userId: atLeast(user.role, "admin") ? undefined : user.id });
}

export const revokeToken = transactional(async function revokeToken(ctx: Ctx, user: CurrentUser, id: string) {
  const found = await repo.findToken(ctx.db, id);
  const mayRevoke = found && found.forbundId === user.forbundId && (found.token.userId === user.id || atLeast(user.role, "admin"));
  if (!found || !mayRevoke) throw new NotFoundError("API-nyckeln finns inte.");
  if (!found.token.revokedAt) {
    await repo.revokeToken(ctx.db, id, ctx.clock.now());
    forget(ctx, (e) => e.tokenId === id);
    await audit.record(ctx, user, "token.revoked", { tokenId: id, name: found.token.name });
  }
});
