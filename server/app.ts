/** createApp: composes the Express app from its dependencies. Nothing runs on import. */
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express, type RequestHandler } from "express";
import helmet from "helmet";
import session from "express-session";
import { declaredAtMost, uploadOne } from "./http/upload.js";
import type { Deps, Ctx } from "./context.js";
import type { Route } from "./http/route.js";
import { guard } from "./http/guards.js";
import { csrfProtection } from "./http/csrf.js";
import { cleanInput } from "./http/clean.js";
import { canReadForbundWide } from "./http/scope.js";
import { errorHandler, notFound } from "./http/error-handler.js";
import { DbSessionStore } from "./accounts/session-store.js";
import * as accounts from "./accounts/service.js";
import { apiRoutes, browserRoutes, plainRoutes, respondentRoutes } from "./routes.js";
import { roleLabels, atLeast } from "./accounts/roles.js";
import { isUnderWay, serveRecorded, serveUnderWay } from "./answering/fast.js";
import { labelRoute, observeRequests } from "./http/observe.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MB = 1024 * 1024;

export type AppOptions = Deps & { sessionSecret: string; isReady?: () => boolean };

/** The app as Node's http server calls it: `http.createServer(createApp(opts))`. */
export type App = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Mounts each route: its input cleaned of characters the database refuses (http/clean.ts), its guard, then
 * `parse` (a body parser) after the guard, so a refused request's body is never read, and what it parsed cleaned too.
 */
function mount(router: express.Router, ctx: Ctx, routes: Route[], parse: RequestHandler[] = []) {
  const parsed = parse.length ? [...parse, cleanInput] : [];
  for (const r of routes) router[r.method](r.path, [cleanInput, guard(ctx, r.guard), ...parsed, ...r.handlers]);
}

/**
 * A stack whose every route is under /<prefix> (as routes.ts lays them out), skipped at once by any other
 * request: a respondent's request would otherwise be matched against each of the API's sixty routes in
 * turn. Case-insensitive, as Express's own routing is (/E/abc is /e/abc).
 */
function under(prefix: string, router: express.Router): RequestHandler {
  const inside = new RegExp(`^/${prefix}(?:/|$)`, "i");
  const handle: RequestHandler = (req, res, next) => (inside.test(req.path) ? router(req, res, next) : next());
  // The router's routes stay readable where a router's are (test/http/openapi.test.ts lists them all).
  return Object.assign(handle, { stack: router.stack });
}

/** Every route the app mounts, for the authorization matrix and the docs. */
export function allRoutes(ctx: Ctx): Route[] {
  return [...plainRoutes(ctx, () => true), ...apiRoutes(ctx), ...respondentRoutes(ctx), ...browserRoutes(ctx)];
}

/**
 * The app's one entry point, in the order a request meets it: its id, access line and metrics
 * (http/observe.ts); then, for a first visit to an open insamling's start or first question page, the page
 * recorded from Express's own rendering with fresh random fields (answering/fast.ts) — the page everyone who
 * scans a poster asks for; otherwise Express and its stacks.
 */
export function createApp(opts: AppOptions): App {
  const ctx: Ctx = { ...opts, db: opts.database.db };
  const app = expressApp(ctx, opts);
  const observe = observeRequests(ctx);
  return (req, res) => observe(req, res, () => {
    const recorded = serveRecorded(ctx, req, res);
    if (recorded) return labelRoute(req, recorded);
    if (!isUnderWay(ctx, req)) return app(req, res);
    // The page after the one just sent; when anything else applies (or the database fails) Express answers as before.
    serveUnderWay(ctx, req, res).then((served) => (served ? labelRoute(req, served) : app(req, res)), () => app(req, res));
  });
}

/** The Express app: the plain, API, respondent and browser stacks (exported for the tests that read its router stack). */
export function expressApp(ctx: Ctx, opts: AppOptions): Express {
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
  app.use("/static", (req, _res, next) => { labelRoute(req, "/static/*"); next(); }, express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Browsers ask for /favicon.ico on their own. Answered here, before the session: a late answer from the
  // browser stack would send the old session's cookie again (rolling sessions) and undo a login that just happened.
  app.get("/favicon.ico", (_req, res) => { res.type("image/svg+xml").sendFile(path.join(root, "public", "favicon.svg"), { maxAge: "1d" }); });
  const plain = express.Router();
  mount(plain, ctx, plainRoutes(ctx, opts.isReady ?? (() => true)));
  app.use(plain);

  // API stack: JSON, Bearer tokens, no cookies.
  const api = express.Router();
  // JSON is parsed after the route's guard: without a valid key the body is not read at all, and a
  // declared length over the limit is refused before reading (the CSV import reads its own stream).
  const jsonAtMost = declaredAtMost(MB, "JSON-kroppen är för stor: högst 1 MB.", { lengthRequired: false });
  mount(api, ctx, apiRoutes(ctx), [(req, res, next) => (req.is("application/json") ? jsonAtMost(req, res, next) : next()), express.json({ limit: "1mb" })]);
  api.use("/api", notFound);
  app.use(under("api", api));

  // Respondent stack: the anonymous answering pages, before the session. A respondent gets no cookie and
  // the database no session row; the random resume token and submission key in each form carry the flow
  // (there is no signed-in state a forged form could abuse, so CSRF tokens would protect nothing here).
  const respondent = express.Router();
  respondent.use("/e", express.urlencoded({ extended: false, limit: "1mb" }));
  mount(respondent, ctx, respondentRoutes(ctx));
  respondent.use("/e", notFound);
  app.use(under("e", respondent));

  // Browser stack: forms, sessions in the database, CSRF on every POST.
  const browser = express.Router();
  const sessions = session({
    name: "samspar.sid",
    secret: opts.sessionSecret,
    store: new DbSessionStore(ctx),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Behind an HTTPS proxy (BASE_URL https://…) the cookie is Secure and the proxy's X-Forwarded-Proto is trusted for it.
    proxy: opts.config.secureCookies || undefined,
    cookie: { httpOnly: true, sameSite: "lax", secure: opts.config.secureCookies, maxAge: 8 * 60 * 60 * 1000 },
  });
  const loadUser: RequestHandler = async (req, res, next) => {
    if (res.locals.user !== undefined) return next(); // already loaded for an upload (below)
    if (req.session.userId) {
      req.user = await accounts.loadCurrentUser(ctx, req.session.userId);
      if (!req.user) delete req.session.userId;
    }
    res.locals.user = req.user ?? null;
    res.locals.flash = req.session.flash ?? null;
    if (req.session.flash && req.method === "GET") delete req.session.flash;
    next();
  };
  // A token only in a signed-in session, so that an anonymous page stores no session (http/csrf.ts).
  const csrf = csrfProtection(opts.config.baseUrl);
  // An upload is refused before its body is read: first its declared size, then (the session read for
  // it here, a no-op when the stack reaches it again) a signed-in user, then the CSRF token that the
  // page's form sends as its first field. Only then is the body parsed.
  // The connection closes after the answer, so that a refused upload is not read off it to its end.
  const closeAfter: RequestHandler = (_req, res, next) => { res.set("Connection", "close"); next(); };
  const beforeUpload = (maxBytes: number, tooLarge: string) => [closeAfter, declaredAtMost(maxBytes, tooLarge), sessions, loadUser, guard(ctx, "account"), csrf.leading];
  // Pasted CSV on the import page may be large; every other form stays small.
  browser.post("/insamlingar/:id/import", ...beforeUpload(25 * MB, "Texten är för stor: högst 25 MB."), express.urlencoded({ extended: false, limit: "25mb" }));
  browser.post("/enkater/importera", ...beforeUpload(MB, "Texten är för stor: högst 1 MB."));
  // A translator's XLSX, one file in memory; the declared length may exceed the file by the form's own parts.
  browser.post("/enkater/:id/texter", ...beforeUpload(5 * MB + 64 * 1024, "Filen är för stor: högst 5 MB."), uploadOne("file", 5 * MB));
  // The förbund's own interface words as the XLSX the words page gave out.
  browser.post("/sprak/:code/ord/xlsx", ...beforeUpload(5 * MB + 64 * 1024, "Filen är för stor: högst 5 MB."), uploadOne("file", 5 * MB));
  browser.use(express.urlencoded({ extended: false, limit: "1mb" }));
  browser.use(sessions);
  browser.use(loadUser);
  browser.use(csrf.protect);
  browser.use((req, res, next) => {
    res.locals.csrfToken = csrf.token(req);
    res.locals.currentPath = req.path;
    next();
  });
  mount(browser, ctx, browserRoutes(ctx));
  browser.use(notFound);
  app.use(browser);

  app.use(errorHandler(opts.log));

  return app;
}
