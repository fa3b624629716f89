/** createApp: composes the Express app from its dependencies. Nothing runs on import. */
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import session from "express-session";
import { csrfSync } from "csrf-sync";
import { uploadOne } from "./http/upload.js";
import type { Deps, Ctx } from "./context.js";
import type { Route } from "./http/route.js";
import { guard } from "./http/guards.js";
import { cleanInput } from "./http/clean.js";
import { canReadForbundWide } from "./http/scope.js";
import { errorHandler, notFound } from "./http/error-handler.js";
import { DbSessionStore } from "./accounts/session-store.js";
import * as accounts from "./accounts/service.js";
import { apiRoutes, browserRoutes, plainRoutes, respondentRoutes } from "./routes.js";
import { roleLabels, atLeast } from "./accounts/roles.js";
import { serveRecorded } from "./answering/fast.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type AppOptions = Deps & { sessionSecret: string; isReady?: () => boolean };

/** Every route: its input cleaned of characters the database refuses (http/clean.ts), then its guard, then its handlers. */
function mount(router: express.Router, ctx: Ctx, routes: Route[]) {
  for (const r of routes) router[r.method](r.path, [cleanInput, guard(ctx, r.guard), ...r.handlers]);
}

/** Every route the app mounts, for the authorization matrix and the docs. */
export function allRoutes(ctx: Ctx): Route[] {
  return [...plainRoutes(ctx, () => true), ...apiRoutes(ctx), ...respondentRoutes(ctx), ...browserRoutes(ctx)];
}

export function createApp(opts: AppOptions): Express {
  const ctx: Ctx = { ...opts, db: opts.database.db };
  const app = express();
  app.set("trust proxy", opts.config.trustProxy);
  app.set("view engine", "ejs");
  app.set("views", path.join(root, "views"));
  // Compiled templates are kept (Express turns this on by itself only with NODE_ENV=production); a
  // changed template needs a restart.
  app.set("view cache", true);
  app.disable("x-powered-by");
  app.locals.roleLabels = roleLabels;
  app.locals.atLeast = atLeast;
  app.locals.canReadForbundWide = canReadForbundWide;

  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        "script-src": ["'self'"],
        "upgrade-insecure-requests": opts.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: opts.config.secureCookies,
  }));
  app.use("/static", express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Browsers ask for /favicon.ico on their own. Answered here, before the session: a late answer from the
  // browser stack would send the old session's cookie again (rolling sessions) and undo a login that just happened.
  app.get("/favicon.ico", (_req, res) => { res.type("image/svg+xml").sendFile(path.join(root, "public", "favicon.svg"), { maxAge: "1d" }); });
  const plain = express.Router();
  mount(plain, ctx, plainRoutes(ctx, opts.isReady ?? (() => true)));
  app.use(plain);

  // API stack: JSON, Bearer tokens, no cookies.
  const api = express.Router();
  api.use("/api", express.json({ limit: "1mb" }));
  mount(api, ctx, apiRoutes(ctx));
  api.use("/api", notFound);
  app.use(api);

  // Respondent stack: the anonymous answering pages, before the session. A respondent gets no cookie and
  // the database no session row; the random resume token and submission key in each form carry the flow
  // (there is no signed-in state a forged form could abuse, so CSRF tokens would protect nothing here).
  const respondent = express.Router();
  respondent.use("/e", express.urlencoded({ extended: false, limit: "1mb" }));
  mount(respondent, ctx, respondentRoutes(ctx));
  respondent.use("/e", notFound);
  app.use(respondent);

  // Browser stack: forms, sessions in the database, CSRF on every POST.
  const browser = express.Router();
  // Pasted CSV on the import page may be large; every other form stays small.
  browser.post("/insamlingar/:id/import", express.urlencoded({ extended: false, limit: "25mb" }));
  browser.use(express.urlencoded({ extended: false, limit: "1mb" }));
  // A translator's XLSX: one file, read into memory before the CSRF check (which needs the form's _csrf field).
  browser.post("/enkater/:id/texter", uploadOne("file", 5 * 1024 * 1024));
  browser.use(session({
    name: "samspar.sid",
    secret: opts.sessionSecret,
    store: new DbSessionStore(ctx),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Behind an HTTPS proxy (BASE_URL https://…) the cookie is Secure and the proxy's X-Forwarded-Proto is trusted for it.
    proxy: opts.config.secureCookies || undefined,
    cookie: { httpOnly: true, sameSite: "lax", secure: opts.config.secureCookies, maxAge: 8 * 60 * 60 * 1000 },
  }));
  const loadUser: RequestHandler = async (req, res, next) => {
    if (req.session.userId) {
      req.user = await accounts.loadCurrentUser(ctx, req.session.userId);
      if (!req.user) delete req.session.userId;
    }
    res.locals.user = req.user ?? null;
    res.locals.flash = req.session.flash ?? null;
    if (req.session.flash && req.method === "GET") delete req.session.flash;
    next();
  };
  // express-session writes a response's headers before its save has finished, and a browser follows a
  // redirect on the headers alone: on a PostgreSQL server the next request could then read the session on
  // another connection before the write (a fresh login bounced back to /login). Save first, then redirect.
  browser.use((req, res, next) => {
    const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
    res.redirect = ((a: number | string, b?: string | number) => {
      const [status, url] = typeof a === "number" ? [a, String(b)] : [typeof b === "number" ? b : 302, a];
      if (!req.session) return redirect(status, url);
      req.session.save((err) => (err ? next(err) : redirect(status, url)));
    }) as typeof res.redirect;
    next();
  });
  browser.use(loadUser);
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (typeof req.body?._csrf === "string" ? req.body._csrf : undefined),
  });
  browser.use(csrfSynchronisedProtection);
  browser.use((req, res, next) => {
    res.locals.csrfToken = generateToken(req);
    res.locals.currentPath = req.path;
    next();
  });
  mount(browser, ctx, browserRoutes(ctx));
  browser.use(notFound);
  app.use(browser);

  app.use(errorHandler(opts.log));

  // A first visit to an open insamling's start page or first question page, once Express has rendered
  // it, is sent before Express with fresh random fields (answering/fast.ts): the page everyone who
  // scans a poster asks for. Everything else goes through the stacks above.
  // (Express's app(req, res) calls app.handle, which the types do not show.)
  const entry = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void };
  const withExpress = entry.handle.bind(app);
  entry.handle = (req, res, next) => {
    if (!serveRecorded(ctx, req, res)) withExpress(req, res, next);
  };
  return app;
}
