/** API tokens: belong to a user and carry that user's förbund and role; stored hashed, shown once. */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import { NotFoundError, ForbiddenError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as accounts from "../accounts/service.js";
import * as audit from "../audit/service.js";
import { randomSecret, sha256 } from "../accounts/password.js";
import * as repo from "./repo.js";

const PREFIX = "ssp_";

/** Creates a token for the user; the returned secret is never stored and cannot be shown again. */
export async function createToken(ctx: Ctx, user: CurrentUser, name: string) {
  if (!user.forbundId) throw new ForbiddenError("API-nycklar hör till ett förbund.");
  const secret = PREFIX + randomSecret(32);
  const row = await repo.insertToken(ctx.db, { userId: user.id, name, tokenHash: sha256(secret), prefix: secret.slice(0, 10) });
  await audit.record(ctx, user, "token.created", { tokenId: row.id, name });
  return { id: row.id, name, secret };
}

/** The user behind a Bearer token, or undefined when the token is unknown, revoked or its user inactive. */
export async function authenticate(ctx: Ctx, secret: string): Promise<CurrentUser | undefined> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) return undefined;
  const row = await repo.findActiveByHash(ctx.db, sha256(secret));
  if (!row) return undefined;
  const user = await accounts.loadCurrentUser(ctx, row.userId);
  if (!user) return undefined;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  if (row.lastUsedOn !== today) await repo.markUsed(ctx.db, row.id, today);
  return user;
}

/** Own tokens for everyone; an admin sees every token of the förbund. */
export async function listTokens(ctx: Ctx, user: CurrentUser) {
  if (!user.forbundId) return [];
  return repo.listTokens(ctx.db, { forbundId: user.forbundId, userId: atLeast(user.role, "admin") ? undefined : user.id });
}

export async function revokeToken(ctx: Ctx, user: CurrentUser, id: string) {
  const found = await repo.findToken(ctx.db, id);
  const mayRevoke = found && found.forbundId === user.forbundId && (found.token.userId === user.id || atLeast(user.role, "admin"));
  if (!found || !mayRevoke) throw new NotFoundError("API-nyckeln finns inte.");
  if (!found.token.revokedAt) {
    await repo.revokeToken(ctx.db, id, ctx.clock.now());
    await audit.record(ctx, user, "token.revoked", { tokenId: id, name: found.token.name });
  }
}
