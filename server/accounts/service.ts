/** Accounts: login, passwords, invitations, password reset and user administration. */
import type { Ctx } from "../context.js";
import { isForbundUser, type CurrentUser, type ForbundUser, type Role } from "../http/types.js";
import { ConflictError, NotFoundError, ForbiddenError } from "../errors.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as tokens from "../tokens/service.js";
import * as repo from "./repo.js";
import { hashPassword, verifyPassword } from "./password.js";
import { keyedDigest, randomToken, sha256Hex } from "../crypto.js";
import { accountFailure, addressAttempt, addressSuccess, forget, limits, pairAttempt, resetFromSource, resetRequest, sourceOf } from "./throttle.pure.js";
import { later } from "../later.js";
import { renderMail } from "../mail.js";
import { transactional, unitOfWork } from "../unit-of-work.js";
import { refused, type Done } from "../result.js";

const INVITE_DAYS = 7;
const RESET_HOURS = 2;

export const loadCurrentUser = (ctx: Ctx, id: string) => repo.loadCurrentUser(ctx.db, id);

/** The user, when the account is active and belongs to a förbund (scripts and tests acting as one). */
export const loadForbundUser = async (ctx: Ctx, id: string): Promise<ForbundUser | undefined> => {
  const user = await loadCurrentUser(ctx, id);
  return user && isForbundUser(user) ? user : undefined;
};

/** `ssoRequired`: the password was right, but the account's förbund signs in only through single sign-on. */
export type LoginResult = { ok: true; userId: string } | { ok: false; retryAfter?: number; ssoRequired?: boolean };

// Keyed: an IPv4 address or an e-mail address is guessable, so a plain digest of it could be reversed by trying them all.
const throttleKey = (ctx: Ctx, ...parts: string[]) => keyedDigest(ctx.anonymityKey, `samspar:login-throttle:v1\n${parts.join("\n")}`, "hex");

/**
 * Checks e-mail and password from one source address, throttled per account and source together and
 * per source (throttle.pure.ts); records the attempt. `retryAfter` (seconds) when the attempt was held
 * without checking the password.
 */
export async function login(ctx: Ctx, email: string, password: string, ip: string | undefined): Promise<LoginResult> {
  const who = email.trim().toLowerCase().slice(0, 320);
  const source = sourceOf(ip);
  const now = ctx.clock.now();
  const fromSource = throttleKey(ctx, "login-adress", source);
  const pair = throttleKey(ctx, "login", who, source);
  const held = (await repo.throttle(ctx.db, now, [{ key: fromSource, rule: addressAttempt }, { key: pair, rule: pairAttempt }]))
    .find((d) => !d.allow);
  if (held && !held.allow) return { ok: false, retryAfter: held.retryAfter };

  const user = await repo.findUserByEmail(ctx.db, who);
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
  if (!user || !ok) {
    await audit.record(ctx, { id: null, email: who, forbundId: user?.forbundId ?? null }, "login.failed");
    const [counted] = await repo.throttle(ctx.db, now, [{ key: throttleKey(ctx, "login-konto", who), rule: accountFailure }]);
    if (counted.allow && counted.notify && user?.active) later(ctx.log, "Mejlet om misslyckade inloggningar", () => tellAboutFailures(ctx, user));
    return { ok: false };
  }
  await repo.throttle(ctx.db, now, [{ key: fromSource, rule: addressSuccess }, { key: pair, rule: forget }]);
  // Only after the right password, so that the answer tells no one else which addresses have accounts where.
  if (!(await passwordAllowed(ctx, user))) {
    await audit.record(ctx, user, "login.failed", { skäl: "förbundet kräver enkel inloggning" });
    return { ok: false, ssoRequired: true };
  }
  await audit.record(ctx, user, "login");
  return { ok: true, userId: user.id };
}

/**
 * Whether the account may sign in with its password: not when its förbund requires single sign-on and a provider is
 * configured. The platform's superadmin always may: it is the way back in when a provider fails.
 */
export async function passwordAllowed(ctx: Ctx, user: Pick<repo.UserRow, "forbundId" | "role">): Promise<boolean> {
  // With no provider configured (any more) the requirement would lock everyone out: passwords work again.
  if (user.role === "superadmin" || !user.forbundId || !ctx.config.oidc.length) return true;
  return !(await repo.requiresSso(ctx.db, user.forbundId));
}

/** passwordAllowed for the account behind an id (after a one-time link has set its password). */
export async function passwordAllowedFor(ctx: Ctx, userId: string): Promise<boolean> {
  const user = await repo.findUser(ctx.db, userId);
  return !user || passwordAllowed(ctx, user);
}

/**
 * How an account signs in, for its own "Byt lösenord" page: with a password; through single sign-on because its förbund
 * requires it; or only through single sign-on because it has no password (created at its first sign-in, or invited
 * and never chose one but signs in through a provider).
 */
export type PasswordState = "password" | "sso-required" | "sso-only";

export async function passwordState(ctx: Ctx, user: CurrentUser): Promise<PasswordState> {
  const row = await repo.findUser(ctx.db, user.id);
  if (!row?.passwordHash) return "sso-only";
  return (await passwordAllowed(ctx, row)) ? "password" : "sso-required";
}

/** Notes that the account signed in through the provider (the users page shows it). */
export const noteSsoSignIn = (ctx: Ctx, userId: string, provider: string) => repo.setSsoProvider(ctx.db, userId, provider);

/** The förbund whose accounts sign in only through single sign-on (the login page names them). */
export const forbundRequiringSso = async (ctx: Ctx) => (ctx.config.oidc.length ? repo.forbundNamesRequiringSso(ctx.db) : []);

/** The förbund's sign-in settings: single sign-on required, and the domains with just-in-time accounts. */
export const signInSettings = (ctx: Ctx, forbundId: string) => repo.getSignInSettings(ctx.db, forbundId);

/** The domains among `domains` that another förbund has already taken for just-in-time accounts. */
export const jitDomainsTakenElsewhere = (ctx: Ctx, forbundId: string, domains: string[]) => repo.jitDomainsTakenElsewhere(ctx.db, forbundId, domains);

/**
 * Changes the förbund's sign-in settings. Requiring single sign-on ends every session of the förbund's accounts that
 * began with a password (its superadmin's excepted), so that the requirement holds at once. A domain another förbund
 * has taken is refused: one domain leads to one förbund.
 */
export async function updateSignInSettings(ctx: Ctx, actor: ForbundUser, v: { requireSso: boolean; jitDomains: string[] }): Promise<Done> {
  const forbundId = actor.forbundId;
  const takenMessage = (domains: string[]) => refused({ jitDomains: `${domains.join(", ")} används redan av ett annat förbund: en domän kan bara leda till ett förbund.` });
  const taken = await repo.jitDomainsTakenElsewhere(ctx.db, forbundId, v.jitDomains);
  if (taken.length) return takenMessage(taken);
  try {
    await unitOfWork(ctx, async (ctx) => {
      const before = await repo.getSignInSettings(ctx.db, forbundId);
      if (!(await repo.putSignInSettings(ctx.db, forbundId, v, ctx.clock.now()))) throw new ConflictError("taken");
      if (v.requireSso && !before.requireSso) await repo.deletePasswordSessions(ctx.db, forbundId);
      await audit.record(ctx, actor, "signin.settings_changed", {
        enkel_inloggning_krävs: v.requireSso ? "ja" : "nej", konton_vid_första_inloggningen: v.jitDomains.join(", ") || "inga",
      });
    });
  } catch (e) {
    if (e instanceof ConflictError) return takenMessage(await repo.jitDomainsTakenElsewhere(ctx.db, forbundId, v.jitDomains));
    throw e;
  }
  return { ok: true };
}

/** The active or inactive account with the address (any case), for single sign-on. */
export async function findByEmail(ctx: Ctx, email: string) {
  const user = await repo.findUserByEmail(ctx.db, email);
  return user && { id: user.id, email: user.email, active: user.active, forbundId: user.forbundId, role: user.role };
}

/** The förbund whose admin allowed just-in-time accounts for the domain. */
export const jitForbundOf = (ctx: Ctx, domain: string) => repo.jitForbundOf(ctx.db, domain);

/**
 * Creates a läsare in the förbund for an address a provider vouched for (just in time), without a password: role and
 * förbund are Samspår's, never the provider's; the admin may raise the role afterwards. Undefined when the address
 * got an account in the meantime (the unique index decides).
 */
export const createFromSso = transactional(async function createFromSso(ctx: Ctx, v: { forbundId: string; email: string; name: string; provider: string }) {
  if (await repo.findUserByEmail(ctx.db, v.email)) return undefined;
  const user = await repo.insertUser(ctx.db, { forbundId: v.forbundId, email: v.email, name: v.name, role: "lasare", ssoProvider: v.provider });
  await audit.record(ctx, { id: null, email: v.email, forbundId: v.forbundId }, "user.created_sso", { userId: user.id, email: user.email, role: user.role, via: v.provider });
  return { id: user.id, email: user.email, forbundId: user.forbundId, role: user.role, active: user.active };
});

/** Tells an account holder that someone keeps trying wrong passwords: once per window (accountFailure), after the answer. */
async function tellAboutFailures(ctx: Ctx, user: repo.UserRow) {
  await ctx.mailer.send({
    forbundId: user.role === "superadmin" ? null : user.forbundId,
    to: user.email,
    ...renderMail("login-failures", { attempts: limits.notifyAfter, forgotUrl: `${ctx.config.baseUrl}/konto/glomt-losenord` }),
  }, ctx.db);
  await audit.record(ctx, user, "login.failures_notified");
}

/** Changes the password when the current one is right, and signs the account out everywhere but in `keepSession`. */
export async function changePassword(ctx: Ctx, user: CurrentUser, current: string, next: string, keepSession: string): Promise<Done> {
  const row = await repo.findUser(ctx.db, user.id);
  // An account without a password signs in through its organisation; a password would be a second way in nobody asked for.
  if (row && !row.passwordHash) return refused({ current: "Kontot har inget lösenord att byta: du loggar in med din organisations konto (enkel inloggning)." });
  if (!row || !(await verifyPassword(row.passwordHash, current))) return refused({ current: "Det nuvarande lösenordet stämmer inte." });
  const passwordHash = await hashPassword(next); // the slow hash stays outside the transaction
  await unitOfWork(ctx, async (ctx) => {
    await repo.setPasswordHash(ctx.db, user.id, passwordHash, keepSession);
    await audit.record(ctx, user, "password.changed");
  });
  return { ok: true };
}

/** Who invites to which förbund (an invitation), or nothing more (a reset someone asked for). */
type LinkMail = { purpose: "invite"; inviter: string; forbundName: string } | { purpose: "reset" };

async function sendLink(ctx: Ctx, user: Pick<repo.UserRow, "id" | "email" | "forbundId" | "role">, mail: LinkMail) {
  const { purpose } = mail;
  const token = randomToken(32);
  const ms = purpose === "invite" ? INVITE_DAYS * 86_400_000 : RESET_HOURS * 3_600_000;
  const expiresAt = new Date(ctx.clock.now().getTime() + ms);
  const forbundId = user.role === "superadmin" ? null : user.forbundId;
  // In a förbund that signs in only through single sign-on, an invitation tells the way in and carries no password link.
  if (mail.purpose === "invite" && !(await passwordAllowed(ctx, user))) {
    return ctx.mailer.send({
      forbundId, to: user.email,
      ...renderMail("account-invitation-sso", { inviter: mail.inviter, forbundName: mail.forbundName, url: `${ctx.config.baseUrl}/login`, providers: ctx.config.oidc.map((p) => p.name) }),
    }, ctx.db);
  }
  await repo.issueLink(ctx.db, { userId: user.id, purpose, tokenHash: sha256Hex(token), expiresAt }, ctx.clock.now());
  const url = `${ctx.config.baseUrl}/konto/losenord/${token}`;
  await ctx.mailer.send({
    // A superadmin's link is the platform's mail: in a förbund's Utkorg, that förbund's admins could take the account over.
    forbundId,
    to: user.email,
    ...(mail.purpose === "invite"
      ? renderMail("account-invitation", { inviter: mail.inviter, forbundName: mail.forbundName, days: INVITE_DAYS, url })
      : renderMail("password-reset", { hours: RESET_HOURS, url })),
  }, ctx.db);
}

/**
 * Asks for a reset link. Neither the answer nor its time may tell whether the address has an account:
 * every address is counted the same way (at most a few mails per address and hour), and looking the
 * account up, issuing the link and sending the mail all happen after the answer. `retryAfter` (seconds)
 * when the source address has asked too often, whatever the e-mail addresses.
 */
export async function requestReset(ctx: Ctx, email: string, ip?: string): Promise<{ retryAfter?: number }> {
  const who = email.trim().toLowerCase();
  const [fromSource, toAddress] = await repo.throttle(ctx.db, ctx.clock.now(), [
    { key: throttleKey(ctx, "reset-adress", sourceOf(ip)), rule: resetFromSource },
    { key: throttleKey(ctx, "reset", who), rule: resetRequest },
  ]);
  if (!fromSource.allow) return { retryAfter: fromSource.retryAfter };
  if (toAddress.allow) later(ctx.log, "Återställningen av lösenord", () => sendReset(ctx, who));
  return {};
}

/** Sends a reset link when the address belongs to an active account, otherwise nothing. */
const sendReset = transactional(async function sendReset(ctx: Ctx, email: string) {
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user || !user.active) return;
  await sendLink(ctx, user, { purpose: "reset" });
  await audit.record(ctx, user, "password.reset_requested");
});

/** The account behind a valid one-time link, for the set-password page. */
export async function findLink(ctx: Ctx, token: string) {
  const link = await repo.findValidLink(ctx.db, sha256Hex(token), ctx.clock.now());
  if (!link) return undefined;
  const user = await repo.findUser(ctx.db, link.userId);
  if (!user || !user.active) return undefined;
  return { link, user };
}

/** Sets the password through a one-time link, which then works no more; ends the account's sessions. Returns the user id. */
export async function completeLink(ctx: Ctx, token: string, password: string): Promise<string | undefined> {
  // The slow hash comes first, so that claiming the link and what follows from it is one short transaction.
  const passwordHash = await hashPassword(password);
  return unitOfWork(ctx, async (ctx) => {
    const used = await repo.useLink(ctx.db, sha256Hex(token), passwordHash, ctx.clock.now());
    if (!used) return undefined;
    const user = await repo.findUser(ctx.db, used.userId);
    if (user) await audit.record(ctx, user, "password.changed", { via: used.purpose === "invite" ? "inbjudan" : "återställning" });
    return used.userId;
  });
}

async function checkAreas(ctx: Ctx, forbundId: string, areaIds: string[]) {
  const org = await organisation.getOrganisation(ctx, forbundId);
  const known = new Set(org.areas.map((a) => a.id));
  if (areaIds.some((id) => !known.has(id))) throw new NotFoundError("Kommunområdet finns inte i förbundet.");
}

export async function listUsers(ctx: Ctx, forbundId: string) {
  return repo.listUsers(ctx.db, forbundId);
}

export const inviteUser = transactional(async function inviteUser(ctx: Ctx, actor: CurrentUser, forbundId: string, v: { email: string; name: string; role: Role; areaIds: string[] }) {
  if (await repo.findUserByEmail(ctx.db, v.email)) throw new ConflictError("Det finns redan ett konto med den e-postadressen.");
  await checkAreas(ctx, forbundId, v.areaIds);
  const user = await repo.insertUser(ctx.db, { forbundId, ...v });
  const forbundName = (await organisation.getForbund(ctx, forbundId))?.name ?? "";
  await sendLink(ctx, user, { purpose: "invite", inviter: actor.name || actor.email, forbundName });
  await audit.record(ctx, { ...actor, forbundId }, "user.invited", { userId: user.id, email: user.email, role: v.role });
  return user;
});

async function userInForbund(ctx: Ctx, forbundId: string, userId: string) {
  const user = await repo.findUser(ctx.db, userId);
  if (!user || user.forbundId !== forbundId) throw new NotFoundError("Användaren finns inte.");
  return user;
}

export async function getUser(ctx: Ctx, forbundId: string, userId: string) {
  const user = await userInForbund(ctx, forbundId, userId);
  const all = await repo.listUsers(ctx.db, forbundId);
  return all.find((u) => u.id === user.id)!;
}

export const updateUser = transactional(async function updateUser(ctx: Ctx, actor: CurrentUser, forbundId: string, userId: string, v: { name: string; role: Role; areaIds: string[] }) {
  const user = await userInForbund(ctx, forbundId, userId);
  if (user.role === "superadmin") throw new ForbiddenError("Plattformsadministratörens roll ändras inte här.");
  if (user.id === actor.id && v.role !== user.role) throw new ForbiddenError("Du kan inte ändra din egen roll.");
  await checkAreas(ctx, forbundId, v.areaIds);
  await repo.updateUser(ctx.db, userId, v);
  await audit.record(ctx, { ...actor, forbundId }, "user.updated", { userId, role: v.role });
});

export const setActive = transactional(async function setActive(ctx: Ctx, actor: CurrentUser, forbundId: string, userId: string, active: boolean) {
  const user = await userInForbund(ctx, forbundId, userId);
  if (user.id === actor.id) throw new ForbiddenError("Du kan inte inaktivera ditt eget konto.");
  if (user.role === "superadmin") throw new ForbiddenError("Plattformsadministratören kan inte inaktiveras här.");
  await repo.updateUser(ctx.db, userId, { active });
  if (!active) await repo.deleteSessionsOfUser(ctx.db, userId);
  if (!active) tokens.forgetUser(ctx, userId);
  await audit.record(ctx, { ...actor, forbundId }, active ? "user.activated" : "user.deactivated", { userId, email: user.email });
});

/** inviteUser for a form: a taken e-mail address comes back as a field error instead of an exception. */
export async function inviteUserFromForm(ctx: Ctx, actor: CurrentUser, forbundId: string, v: { email: string; name: string; role: Role; areaIds: string[] }) {
  try {
    return { ok: true as const, user: await inviteUser(ctx, actor, forbundId, v) };
  } catch (e) {
    if (e instanceof ConflictError) return { ok: false as const, errors: { email: e.message } };
    throw e;
  }
}

/** Sends a new invitation link to a user of the förbund who has not chosen a password yet. */
export const resendInvitation = transactional(async function resendInvitation(ctx: Ctx, actor: CurrentUser, forbundId: string, userId: string) {
  const user = await userInForbund(ctx, forbundId, userId);
  if (user.passwordHash) throw new ConflictError("Användaren har redan valt ett lösenord. Be hen använda ”Glömt lösenord” vid behov.");
  if (user.ssoProvider) throw new ConflictError(`Användaren loggar redan in med enkel inloggning (${user.ssoProvider}) och behöver ingen inbjudan.`);
  if (!user.active) throw new ConflictError("Kontot är inaktiverat. Aktivera det innan du skickar en ny inbjudan.");
  const forbundName = (await organisation.getForbund(ctx, forbundId))?.name ?? "";
  await sendLink(ctx, user, { purpose: "invite", inviter: actor.name || actor.email, forbundName });
  await audit.record(ctx, { ...actor, forbundId }, "user.invited", { userId: user.id, email: user.email, role: user.role, resent: true });
});

/** Deletes the sessions whose time has run out (they are refused already; this keeps the table small); returns how many. Run by the sessions job. */
export function purgeExpiredSessions(ctx: Ctx): Promise<number> {
  return repo.deleteExpiredSessions(ctx.db, ctx.clock.now());
}

/**
 * Invites a nationell läsare (NNS): an account with no förbund, which reads only what förbund share nationally
 * (server/groups/). Its invitation is the platform's mail (no förbund), recorded in the platform's log.
 */
export const inviteNationalReader = transactional(async function inviteNationalReader(ctx: Ctx, actor: CurrentUser, v: { email: string; name: string }) {
  if (actor.role !== "superadmin") throw new ForbiddenError("Bara plattformsadministratören bjuder in nationella läsare.");
  if (await repo.findUserByEmail(ctx.db, v.email)) return { ok: false as const, errors: { email: "Det finns redan ett konto med den e-postadressen." } };
  const user = await repo.insertUser(ctx.db, { forbundId: null, email: v.email, name: v.name, role: "nationell" });
  await sendLink(ctx, user, { purpose: "invite", inviter: actor.name || actor.email, forbundName: "Samspårs nationella sammanställning" });
  await audit.record(ctx, { ...actor, forbundId: null }, "user.invited", { userId: user.id, email: user.email, role: "nationell" });
  return { ok: true as const, id: user.id };
});

/**
 * The account an integration's API keys belong to in a förbund, one per role, made on first use. It has no password
 * and its address is in the reserved domain .invalid, so nobody signs in with it or receives its mail; the förbund's
 * admin sees it among the users and deactivates it to stop every key it holds.
 */
export async function integrationAccount(ctx: Ctx, forbundId: string, role: "admin" | "lasare"): Promise<{ id: string; email: string; active: boolean }> {
  const email = `integration-${role}@${forbundId}.samspar.invalid`;
  const found = await repo.findUserByEmail(ctx.db, email);
  if (found) return { id: found.id, email: found.email, active: found.active };
  const user = await repo.insertUser(ctx.db, { forbundId, email, name: role === "admin" ? "Integration (administratör)" : "Integration (läsare)", role });
  return { id: user.id, email: user.email, active: true };
}
