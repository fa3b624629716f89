/**
 * A real OpenID provider for the tests: oidc-provider (a certified implementation) on a free loopback port, with its
 * own login form where any name and password sign in. The name typed is the account: its e-mail address is the name,
 * verified unless the name begins with "obekraftad". Consent is given at once, as for a first-party client.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error oidc-provider has no types of its own and @types/oidc-provider is not installed.
import Provider from "oidc-provider";

/** `intercept`: a test's hand on every request as it reaches the provider (to change it on the way, as an attacker in between could). */
export type TestProvider = { issuer: string; clientId: string; clientSecret: string; intercept?: (req: http.IncomingMessage) => void; close(): Promise<void> };

/** A server on a free port, its handler set later: the app's and the provider's addresses must be known before either is made. */
export async function freeServer(): Promise<{ url: string; server: http.Server; handle(h: http.RequestListener): void; close(): Promise<void> }> {
  let handler: http.RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    handle: (h) => { handler = h; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

type Ctx = { oidc: { client: { clientId: string }; session: { accountId: string }; provider: { Grant: new (v: object) => Grant } } };
type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };

/** Starts a provider that knows one client, whose callback is at `appUrl`/login/sso/`id`/callback. */
export async function startProvider(appUrl: string, id = "1"): Promise<TestProvider> {
  const srv = await freeServer();
  const clientId = "samspar-test";
  const clientSecret = "hemlig-klienthemlighet-for-test";
  const provider = new Provider(srv.url, {
    clients: [{
      client_id: clientId, client_secret: clientSecret,
      redirect_uris: [`${appUrl}/login/sso/${id}/callback`], post_logout_redirect_uris: [`${appUrl}/login`],
      grant_types: ["authorization_code"], response_types: ["code"],
    }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: sub, email_verified: !sub.startsWith("obekraftad"), name: `Testperson ${sub.split("@")[0]}` }),
    }),
    // First party: the scopes are granted without a consent page.
    loadExistingGrant: async (ctx: Ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["testnyckel-for-leverantorens-kakor"] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
  });
  const handler = (provider as { callback(): http.RequestListener }).callback();
  const test: TestProvider = { issuer: srv.url, clientId, clientSecret, close: srv.close };
  srv.handle((req, res) => { test.intercept?.(req); return handler(req, res); });
  return test;
}

/** The environment that points the app's first provider at `p`. */
export const providerEnv = (p: TestProvider, name = "Testregionen", extra: Record<string, string> = {}) => ({
  OIDC_ISSUER_URL: p.issuer, OIDC_CLIENT_ID: p.clientId, OIDC_CLIENT_SECRET: p.clientSecret, OIDC_NAME: name, ...extra,
});

/**
 * Signs in at the provider as `login`, as a browser would but without one: follows the redirects from the
 * authorization address through the provider's login form (with the provider's own cookies) and returns the address
 * the provider sends the browser back to (the app's callback with code and state). For the tests where Chromium
 * would only add seconds.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookies = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const origin = new URL(authorizationUrl).origin;
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    if (!url.startsWith(origin)) return url; // back at the app
    const res = await fetch(url, { method: body ? "POST" : "GET", body, headers: { cookie: cookies() }, redirect: "manual" });
    keep(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) { url = new URL(location, url).href; continue; }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`leverantörens sida väntades vara inloggningen: ${res.status} ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams({ prompt: "login", login, password: "vilket-som-helst" });
  }
  throw new Error("för många omdirigeringar hos leverantören");
}
