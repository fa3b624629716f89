/** The platform: the förbund hosted on this instance, and new förbund with their first administrator. */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import type { Mailer } from "../mail.js";
import { conflict, refused, type Done } from "../result.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import * as tokens from "../tokens/service.js";
import * as organisation from "../organisation/service.js";
import * as accounts from "../accounts/service.js";
import * as audit from "../audit/service.js";
import type { CreateForbundInput } from "./schema.js";
import { transactional, unitOfWork } from "../unit-of-work.js";

const dateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** Every förbund on the instance as the platform page shows it: names and counts, no personal data. */
export async function listForbund(ctx: Ctx) {
  const rows = await organisation.listForbund(ctx);
  return rows.map((f) => ({ id: f.id, name: f.name, isDemo: f.isDemo, areaCount: f.areaCount, created: dateFormat.format(f.createdAt) }));
}

export type CreateResult = Done<{ forbundId: string; name: string }>;

/**
 * Creates a förbund with the four standard parties and invites its first administrator.
 * All of it happens in one transaction: an e-mail that already has an account rolls the förbund
 * back, so nothing half-made remains. The invitation is queued in the same transaction, so it goes
 * out only if the förbund and the account exist; it is the platform's mail (no förbund), so the
 * superadmin who created the förbund finds it in the platform's Utkorg.
 */
export async function createForbund(ctx: Ctx, actor: CurrentUser, v: CreateForbundInput): Promise<CreateResult> {
  const taken = (await organisation.listForbund(ctx)).some((f) => f.name.toLowerCase() === v.name.toLowerCase());
  if (taken) return { ok: false, errors: { name: "Det finns redan ett förbund med det namnet." } };
  let forbundId: string;
  try {
    const platformMail: Mailer = { ...ctx.mailer, send: (m, db) => ctx.mailer.send({ ...m, forbundId: null }, db) };
    forbundId = await unitOfWork({ ...ctx, mailer: platformMail }, async (txCtx) => {
      const { forbund } = await organisation.createForbund(txCtx, v.name);
      await accounts.inviteUser(txCtx, actor, forbund.id, { email: v.adminEmail, name: v.adminName, role: "admin", areaIds: [] });
      // Recorded in the new förbund's log so that its administrators see how it came to be.
      await audit.record(txCtx, { ...actor, forbundId: forbund.id }, "forbund.created", { forbundId: forbund.id, name: forbund.name });
      return forbund.id;
    });
  } catch (err) {
    if (err instanceof ConflictError) return { ok: false, errors: { adminEmail: err.message } };
    throw err;
  }
  return { ok: true, forbundId, name: v.name };
}

function mustBeSuperadmin(actor: CurrentUser) {
  if (actor.role !== "superadmin") throw new ForbiddenError("Bara plattformsadministratören skapar förbund och deras nycklar.");
}

/**
 * POST /api/v1/platform/forbund: a förbund with the four standard parties and no account yet; its first administrator
 * is invited on /plattform, or an integration gets a key (createForbundToken). Audited in the new förbund's log.
 */
export const createForbundBare = transactional(async function createForbundBare(ctx: Ctx, actor: CurrentUser, name: string): Promise<Done<{ id: string }>> {
  mustBeSuperadmin(actor);
  const taken = (await organisation.listForbund(ctx)).some((f) => f.name.toLowerCase() === name.toLowerCase());
  if (taken) return refused({ name: "Det finns redan ett förbund med det namnet." });
  const { forbund } = await organisation.createForbund(ctx, name);
  await audit.record(ctx, { ...actor, forbundId: forbund.id }, "forbund.created", { forbundId: forbund.id, name: forbund.name });
  return { ok: true, id: forbund.id };
});

/**
 * POST /api/v1/platform/forbund/:id/tokens: an API key in a förbund for an integration. A key belongs to an account
 * (tokens/), so it is issued to the förbund's integration account of that role (accounts.integrationAccount: no
 * password, made on first use, visible to the förbund's admin). Recorded in the förbund's log with the superadmin as
 * the one who made it; the secret is returned once and never stored.
 */
export const createForbundToken = transactional(async function createForbundToken(ctx: Ctx, actor: CurrentUser, forbundId: string, v: { name: string; role: "admin" | "lasare" }): Promise<Done<{ token: string }>> {
  mustBeSuperadmin(actor);
  if (!(await organisation.listForbund(ctx)).some((f) => f.id === forbundId)) throw new NotFoundError("Förbundet finns inte.");
  const account = await accounts.integrationAccount(ctx, forbundId, v.role);
  if (!account.active) return conflict({ role: "Förbundets integrationskonto för den rollen är avstängt av förbundets administratör. Be förbundet aktivera det." });
  const issued = await tokens.issueToken(ctx, account.id, v.name);
  await audit.record(ctx, { ...actor, forbundId }, "token.created", { tokenId: issued.id, name: v.name, role: v.role, userId: account.id, byPlatform: true });
  return { ok: true, token: issued.secret };
});
