/**
 * CSRF protection for the browser stack. A signed-in session carries a synchronizer token (csrf-sync)
 * that every form sends back. A visitor without a signed-in session (the login page, the public
 * deviation form) gets no token: storing one would write a session row and set a cookie for every
 * anonymous visit. There the browser's own headers decide, as Go's net/http CrossOriginProtection does:
 * Sec-Fetch-Site when the browser sends it, otherwise Origin against our own host. A form from another
 * site is refused; a request with neither header does not come from a browser (every current browser
 * sends Origin with a form POST), so it cannot be one forged in a victim's browser.
 */
import crypto from "node:crypto";
import type { Request, RequestHandler } from "express";
import { csrfSync } from "csrf-sync";
import { leadingField } from "./upload.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export type Csrf = {
  /** The check before every route of the browser stack. */
  protect: RequestHandler;
  /** The token for the page's forms; empty without a signed-in session. */
  token(req: Request): string;
  /** Before an upload's body is read: the form's first field must be the signed-in session's token (the page's forms put it first). */
  leading: RequestHandler;
};

export function csrfProtection(baseUrl: string): Csrf {
  const { csrfSynchronisedProtection, generateToken, getTokenFromState, invalidCsrfTokenError } = csrfSync({
    getTokenFromRequest: (req) => (typeof req.body?._csrf === "string" ? req.body._csrf : undefined),
  });
  const ownHost = new URL(baseUrl).host;
  const signedIn = (req: Request) => !!req.session?.userId;

  /** A request a browser sent from a page of another site (or another origin of the same site). */
  const fromElsewhere = (req: Request): boolean => {
    const site = req.get("sec-fetch-site");
    if (site) return site !== "same-origin" && site !== "none";
    const origin = req.get("origin");
    if (!origin) return false;
    let host: string;
    try { host = new URL(origin).host; } catch { return true; } // "null": a sandboxed or privacy-sensitive context
    return host !== ownHost && host !== req.get("host");
  };

  return {
    protect: (req, res, next) => {
      if (SAFE.has(req.method)) return next();
      if (signedIn(req)) return csrfSynchronisedProtection(req, res, next);
      return fromElsewhere(req) ? next(invalidCsrfTokenError) : next();
    },
    token: (req) => (signedIn(req) ? generateToken(req) : ""),
    leading: async (req, _res, next) => {
      const stored = signedIn(req) ? getTokenFromState(req) : undefined;
      const token = await leadingField(req, "_csrf");
      if (typeof stored !== "string" || typeof token !== "string") return next(invalidCsrfTokenError);
      const [a, b] = [Buffer.from(token), Buffer.from(stored)];
      next(a.length === b.length && crypto.timingSafeEqual(a, b) ? undefined : invalidCsrfTokenError);
    },
  };
}
