/** What a browser session holds for single sign-on: the sign-in under way, and the provider a session began with. */
import "express-session";

/** The secrets of one authorization request, kept in the session until its answer comes back (once). */
export type Pending = { provider: string; state: string; nonce: string; verifier: string; next: string; startedAt: number };

declare module "express-session" {
  interface SessionData {
    /** The sign-in under way (sso/routes.ts); removed when the provider's answer comes back, whatever it says. */
    oidc?: Pending;
    /** The provider's id when the session began through single sign-on; unset after a password. */
    sso?: string;
  }
}
