/**
 * Single sign-on: the rules around the OpenID Connect protocol (client.ts). A person signs in only into an existing,
 * active account whose address the provider has verified, or, when the förbund's admin allowed it for the domain and
 * the configuration trusts the provider for that domain, into a läsare account made at that moment. Role and förbund
 * are always Samspår's own; nothing else is taken from the provider. Every sign-in and every refusal is in the audit
 * log with the provider's name.
 */
import type { Ctx } from "../context.js";
import type { OidcProvider } from "../config.js";
import type { ForbundUser } from "../http/types.js";
import { NotFoundError } from "../errors.js";
import { refused, type Done } from "../result.js";
import * as accounts from "../accounts/service.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import { AuthorizationResponseError, authorizationRequest, endSessionUrl, finishAuthorization, type Identity } from "./client.js";
import type { Pending } from "./session.js";

/** How long a sign-in may take at the provider before its answer is no longer taken. */
const PENDING_MS = 15 * 60 * 1000;

/** Who creates accounts: said in every refusal of an address without one. */
export const WHO_CREATES = "Konton skapas av förbundets administratör (förbundschefen), som bjuder in dig under Användare med just den adress du loggar in med.";

export function providerById(ctx: Ctx, id: string): OidcProvider {
  const p = ctx.config.oidc.find((p) => p.id === id);
  if (!p) throw new NotFoundError("Det finns ingen sådan inloggning.");
  return p;
}

const callbackUri = (ctx: Ctx, p: OidcProvider) => `${ctx.config.baseUrl}/login/sso/${p.id}/callback`;

/** The buttons of the login page. */
export const buttons = (ctx: Ctx, next: string) => ctx.config.oidc.map((p) => ({
  name: p.name, href: `/login/sso/${p.id}` + (next === "/start" ? "" : `?next=${encodeURIComponent(next)}`),
}));

export type Begun = { ok: true; url: string; pending: Pending } | { ok: false; status: 502; message: string };

/** Starts a sign-in: the address at the provider, and the secrets the session keeps until the answer. */
export async function begin(ctx: Ctx, p: OidcProvider, next: string): Promise<Begun> {
  try {
    const req = await authorizationRequest(p, callbackUri(ctx, p));
    return { ok: true, url: req.url, pending: { provider: p.id, state: req.state, nonce: req.nonce, verifier: req.verifier, next, startedAt: ctx.clock.now().getTime() } };
  } catch (e) {
    ctx.log.error(`Enkel inloggning: ${p.name} (${p.issuerUrl}) gick inte att nå`, e);
    return { ok: false, status: 502, message: `Inloggning med ${p.name} fungerar inte just nu: Samspår når inte ${p.name}. Försök igen om en stund, eller logga in med lösenord.` };
  }
}

export type Finished =
  | { ok: true; userId: string; next: string; created?: string }
  | { ok: false; status: 400 | 403 | 502; message: string };

const restart = "Börja om med knappen på inloggningssidan.";

/**
 * Takes the provider's answer at the callback address. `pending` is what the session kept (already removed from it:
 * an answer is taken once). Refusals are Swedish sentences for the person, and say who can help.
 */
export async function finish(ctx: Ctx, p: OidcProvider, pending: Pending | undefined, currentUrl: URL): Promise<Finished> {
  if (!pending || pending.provider !== p.id || ctx.clock.now().getTime() - pending.startedAt > PENDING_MS) {
    return { ok: false, status: 400, message: `Inloggningen kunde inte slutföras: den började inte i den här webbläsaren, eller tog för lång tid. ${restart}` };
  }
  let who: Identity;
  try {
    who = await finishAuthorization(p, currentUrl, pending);
  } catch (e) {
    if (e instanceof AuthorizationResponseError) {
      const cancelled = e.error === "access_denied";
      await refusal(ctx, p, null, null, `leverantören svarade ${e.error}`);
      return { ok: false, status: 400, message: cancelled ? `Inloggningen avbröts hos ${p.name}. ${restart}` : `${p.name} kunde inte logga in dig (${e.error}). ${restart}` };
    }
    if (e instanceof TypeError) { // fetch: the provider could not be reached
      ctx.log.error(`Enkel inloggning: ${p.name} (${p.issuerUrl}) gick inte att nå`, e);
      return { ok: false, status: 502, message: `Samspår når inte ${p.name} just nu, så inloggningen kunde inte slutföras. Försök igen om en stund, eller logga in med lösenord.` };
    }
    // A state, nonce, PKCE or ID token check failed: an answer that does not belong to this browser's request.
    ctx.log.info(`Enkel inloggning: svaret från ${p.name} godtogs inte (${(e as { code?: string }).code ?? "fel"}: ${(e as Error).message})`);
    await refusal(ctx, p, null, null, "svaret godtogs inte (state, nonce, PKCE eller ID-token)");
    return { ok: false, status: 400, message: `Svaret från ${p.name} hörde inte till inloggningen som började i den här webbläsaren, så du är inte inloggad. ${restart}` };
  }
  return signInAs(ctx, p, who, pending.next);
}

async function signInAs(ctx: Ctx, p: OidcProvider, who: Identity, next: string): Promise<Finished> {
  const email = who.email;
  if (!email) {
    await refusal(ctx, p, null, null, "ingen e-postadress");
    return { ok: false, status: 403, message: `${p.name} skickade ingen e-postadress, så Samspår kan inte veta vilket konto du har. Den som sköter inloggningen hos ${p.name} kan lägga till den (anspråket email).` };
  }
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!who.emailVerified) {
    await refusal(ctx, p, email, null, "adressen är inte bekräftad");
    return { ok: false, status: 403, message: `${p.name} har inte bekräftat att adressen ${email} är din, så den kan inte användas för att logga in. Den som sköter inloggningen hos ${p.name} kan bekräfta adressen; under tiden kan du logga in med lösenord om du har ett. ${WHO_CREATES}` };
  }
  if (p.allowedDomains.length && !p.allowedDomains.includes(domain)) {
    await refusal(ctx, p, email, null, "domänen är inte tillåten för leverantören");
    return { ok: false, status: 403, message: `Med ${p.name} kan bara adresser på ${p.allowedDomains.join(", ")} logga in, och ${email} är inte en sådan. Använd din egen organisations knapp, eller logga in med lösenord.` };
  }
  let user = await accounts.findByEmail(ctx, email);
  let created: string | undefined;
  if (!user) {
    // Just in time only where the configuration trusts this provider for the domain and a förbund's admin allowed it.
    const forbundId = p.allowedDomains.includes(domain) ? await accounts.jitForbundOf(ctx, domain) : undefined;
    if (forbundId) {
      user = await accounts.createFromSso(ctx, { forbundId, email, name: (who.name ?? "").trim().slice(0, 200), provider: p.name })
        ?? await accounts.findByEmail(ctx, email);
      created = (await organisation.getForbund(ctx, forbundId))?.name ?? "förbundet";
    }
  }
  if (!user) {
    await refusal(ctx, p, email, null, "inget konto");
    return { ok: false, status: 403, message: `Det finns inget konto i Samspår för ${email}. ${WHO_CREATES} Be hen om det och logga sedan in igen.` };
  }
  if (!user.active) {
    await refusal(ctx, p, email, user.forbundId, "kontot är inaktiverat");
    return { ok: false, status: 403, message: `Kontot för ${email} är inaktiverat. Förbundets administratör (förbundschefen) kan aktivera det igen under Användare.` };
  }
  await accounts.noteSsoSignIn(ctx, user.id, p.name);
  await audit.record(ctx, user, "login", { via: p.name });
  return { ok: true, userId: user.id, next, created };
}

function refusal(ctx: Ctx, p: OidcProvider, email: string | null, forbundId: string | null, reason: string) {
  return audit.record(ctx, { id: null, email, forbundId }, "login.failed", { via: p.name, skäl: reason });
}

/** The signed-out page's offer: the provider's end-session address, when it has one and can be reached. */
export async function signedOut(ctx: Ctx, providerId: string | undefined) {
  const p = ctx.config.oidc.find((p) => p.id === providerId);
  if (!p) return undefined;
  const url = await endSessionUrl(p, `${ctx.config.baseUrl}/login`).catch(() => undefined);
  return url ? { name: p.name, url } : undefined;
}

/** The admin's page: the förbund's settings and the domains the configuration lets it choose. */
export async function settingsPage(ctx: Ctx, user: ForbundUser) {
  const settings = await accounts.signInSettings(ctx, user.forbundId);
  const offered = [...new Set(ctx.config.oidc.flatMap((p) => p.allowedDomains))].sort();
  const taken = new Set(await accounts.jitDomainsTakenElsewhere(ctx, user.forbundId, offered));
  return {
    providers: ctx.config.oidc.map((p) => ({ name: p.name, domains: p.allowedDomains.join(", ") })),
    settings,
    domains: offered.map((d) => ({ domain: d, taken: taken.has(d), providers: ctx.config.oidc.filter((p) => p.allowedDomains.includes(d)).map((p) => p.name).join(", ") })),
  };
}

/**
 * Changes the förbund's settings. Requiring single sign-on needs a configured provider and an admin who has just
 * signed in through one: the requirement ends every password session, and an admin who never tried the provider
 * could lock the förbund out.
 */
export async function updateSettings(ctx: Ctx, user: ForbundUser, sessionSso: string | undefined, v: { requireSso: boolean; jitDomains: string[] }): Promise<Done> {
  const offered = new Set(ctx.config.oidc.flatMap((p) => p.allowedDomains));
  const unknown = v.jitDomains.filter((d) => !offered.has(d));
  if (unknown.length) return refused({ jitDomains: `${unknown.join(", ")} finns inte bland domänerna i Samspårs inställningar.` });
  const before = await accounts.signInSettings(ctx, user.forbundId);
  if (v.requireSso && !before.requireSso) {
    if (!ctx.config.oidc.length) return refused({ requireSso: "Ingen leverantör för enkel inloggning är inställd i Samspår. Driftansvarig ställer in den (OIDC_ISSUER_URL med flera)." });
    if (!sessionSso) return refused({ requireSso: "Logga in med enkel inloggning själv först (logga ut och använd knappen på inloggningssidan): då vet du att den fungerar innan lösenorden slutar gälla." });
  }
  return accounts.updateSignInSettings(ctx, user, { requireSso: v.requireSso, jitDomains: [...new Set(v.jitDomains)].sort() });
}
