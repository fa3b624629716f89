/**
 * The OpenID Connect protocol, through openid-client (a certified relying party): discovery, the authorization code
 * flow with PKCE, state and nonce, the ID token's checks, userinfo and the end-session address. The only file that
 * imports openid-client.
 */
import * as oidc from "openid-client";
import type { OidcProvider } from "../config.js";

export { AuthorizationResponseError, ClientError, ResponseBodyError } from "openid-client";

// One discovery per provider and configuration; a failed one is forgotten, so the next sign-in tries again.
const discovered = new WeakMap<OidcProvider, Promise<oidc.Configuration>>();

/** The provider's metadata and our client, discovered from its issuer address once. */
export function configurationOf(p: OidcProvider): Promise<oidc.Configuration> {
  let found = discovered.get(p);
  if (!found) {
    found = oidc.discovery(new URL(p.issuerUrl), p.clientId, undefined,
      // client_secret_basic is OpenID Connect's default method; without a secret the client is public and PKCE carries it.
      p.clientSecret ? oidc.ClientSecretBasic(p.clientSecret) : oidc.None(),
      // config.ts allows plain http only for localhost (tests, trying it out).
      { execute: p.issuerUrl.startsWith("http://") ? [oidc.allowInsecureRequests] : [], timeout: 10 });
    found.catch(() => discovered.delete(p));
    discovered.set(p, found);
  }
  return found;
}

/** Fresh secrets for one authorization request and the address to send the browser to. */
export async function authorizationRequest(p: OidcProvider, redirectUri: string) {
  const config = await configurationOf(p);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: "openid email profile", response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state, nonce,
  });
  return { url: url.href, verifier, state, nonce };
}

export type Identity = { sub: string; email?: string; emailVerified: boolean; name?: string };

/**
 * Checks the provider's answer against the request's state, nonce and PKCE verifier, exchanges the code and returns
 * who the ID token names. The address comes from the ID token, or from userinfo when the token has none (many
 * providers put only `sub` in it); userinfo must name the same subject. Throws when any check fails.
 */
export async function finishAuthorization(p: OidcProvider, currentUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<Identity> {
  const config = await configurationOf(p);
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
    expectedState: checks.state, expectedNonce: checks.nonce, pkceCodeVerifier: checks.verifier, idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== "string" || claims.email_verified === undefined) {
    source = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)) };
  }
  return {
    sub: claims.sub,
    email: typeof source.email === "string" ? source.email.trim().toLowerCase() : undefined,
    // Some providers send the boolean as a string.
    emailVerified: source.email_verified === true || source.email_verified === "true",
    name: typeof source.name === "string" ? source.name : typeof claims.name === "string" ? claims.name : undefined,
  };
}

/** The provider's end-session address (RP-initiated logout), or undefined when it has none. */
export async function endSessionUrl(p: OidcProvider, postLogoutRedirectUri: string): Promise<string | undefined> {
  const config = await configurationOf(p);
  if (!config.serverMetadata().end_session_endpoint) return undefined;
  return oidc.buildEndSessionUrl(config, { client_id: p.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).href;
}
