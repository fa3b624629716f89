/** Guards: the middleware each route's guard name stands for. */
import type { NextFunction, Request, Response, RequestHandler } from "express";
import type { Guard } from "./route.js";
import { isForbundUser, type CurrentUser, type ForbundUser, type Role } from "./types.js";
import type { Ctx } from "../context.js";
import { ForbiddenError, UnauthorizedError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as tokens from "../tokens/service.js";
import * as accounts from "../accounts/service.js";
import { canReadForbundWide, FORBUND_WIDE_REFUSED } from "./scope.js";
import { sameSecret } from "../crypto.js";
import { seeOther } from "./forms.js";

const PASSWORD_PAGE = "/konto/byt-losenord";

function signedIn(minimum: Role | null, needsForbund: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = req.user;
    if (!user) {
      const nextUrl = req.method === "GET" ? `?next=${encodeURIComponent(req.originalUrl)}` : "";
      return seeOther(req, res, `/login${nextUrl}`);
    }
    // A session begun through a provider proved who it is without the one-time password, so it need not replace it.
    if (user.mustChangePassword && !req.session?.sso && req.path !== PASSWORD_PAGE) return seeOther(req, res, PASSWORD_PAGE);
    if (needsForbund && !user.forbundId) return next(new ForbiddenError("Ditt konto hör inte till något förbund."));
    if (minimum && !atLeast(user.role, minimum)) return next(new ForbiddenError());
    next();
  };
}

/** A Bearer token's user; `minimum` a förbund role it must have, or `only` the one role of an account without a förbund. */
/** The nationell läsare's pages: signed in (else the login page), and that role (else 403). */
const nationalReader: RequestHandler = (req, res, next) =>
  signedIn(null, false)(req, res, (err?: unknown) => {
    if (err) return next(err);
    next(req.user?.role === "nationell" ? undefined : new ForbiddenError("Den nationella sammanställningen läses av nationella läsare."));
  });

function bearer(ctx: Ctx, minimum: Role | null, only?: "nationell" | "superadmin"): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new UnauthorizedError("API-nyckel saknas: skicka Authorization: Bearer <nyckel>.");
    const user = await tokens.authenticate(ctx, m[1], accounts.loadCurrentUser);
    if (!user) throw new UnauthorizedError("API-nyckeln är ogiltig eller återkallad.");
    if (only) {
      if (user.role !== only) throw new ForbiddenError("API-nyckelns konto har inte behörighet till detta.");
      req.user = user;
      return next();
    }
    if (!user.forbundId) throw new ForbiddenError("API-nyckeln hör inte till något förbund.");
    if (minimum && !atLeast(user.role, minimum)) throw new ForbiddenError("API-nyckelns konto har inte behörighet till detta.");
    req.user = user;
    next();
  };
}

/**
 * /metrics: only with `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time (as hashes, so
 * the length does not show either). Unset, the request goes on as if the route did not exist (404 at the
 * end of the browser stack); a missing or wrong token gets 401 and no detail.
 */
function metricsToken(ctx: Ctx): RequestHandler {
  return (req, res, next) => {
    const expected = ctx.config.metricsToken;
    if (!expected) return next("router");
    const m = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
    if (m && sameSecret(m[1], expected)) return next();
    res.status(401).set("WWW-Authenticate", "Bearer").type("text/plain").send("Obehörig\n");
  };
}

/** The middleware for a guard name. */
export function guard(ctx: Ctx, name: Guard): RequestHandler {
  switch (name) {
    case "public": return (_req, _res, next) => next();
    case "account": return signedIn(null, false);
    case "signedIn": return signedIn(null, true);
    case "koordinator": return signedIn("koordinator", true);
    case "admin": return signedIn("admin", true);
    case "superadmin": return signedIn("superadmin", false);
    case "national": return nationalReader;
    case "api": return bearer(ctx, null);
    case "apiKoordinator": return bearer(ctx, "koordinator");
    case "apiAdmin": return bearer(ctx, "admin");
    case "apiNational": return bearer(ctx, null, "nationell");
    case "apiSuperadmin": return bearer(ctx, null, "superadmin");
    case "metrics": return metricsToken(ctx);
  }
}

/**
 * After a route's guard, on every förbund-wide output (pages, exports, bilagor and the API alike): a
 * koordinator scoped to kommunområden gets 403 with the reason (http/scope.ts).
 */
export const forbundWide: RequestHandler = (req, _res, next) => {
  next(canReadForbundWide(userOf(req)) ? undefined : new ForbiddenError(FORBUND_WIDE_REFUSED));
};

/** Which förbund a signed-in request acts in; guards have made sure there is one. */
export function forbundOf(req: Request): string {
  const id = req.user?.forbundId;
  if (!id) throw new ForbiddenError("Ditt konto hör inte till något förbund.");
  return id;
}

/** The signed-in user; guards have made sure there is one. */
export function userOf(req: Request): CurrentUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

/** The signed-in user of a förbund; a förbund route's guard has made sure of both. */
export function forbundUserOf(req: Request): ForbundUser {
  const user = userOf(req);
  if (!isForbundUser(user)) throw new ForbiddenError("Ditt konto hör inte till något förbund.");
  return user;
}
