/** The end of the chain: known errors become their status, anything else a 500 that reveals nothing. */
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { HttpError, NotFoundError } from "../errors.js";
import type { Logger } from "../log.js";

const titles: Record<number, string> = {
  400: "Felaktig begäran", 401: "Inloggning krävs", 403: "Ingen behörighet", 404: "Sidan finns inte",
  409: "Konflikt", 413: "För stor begäran", 422: "Felaktiga uppgifter", 429: "För många försök", 500: "Något gick fel",
};

const isApi = (path: string) => path.startsWith("/api/");

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/**
 * The path for a log line without what a path may carry: the route's pattern when a route matched
 * (/e/:slug/fortsatt/:token), otherwise the path with every segment that looks like a token or an id
 * (long, or with digits) replaced by ":…", so that a resume link or an invitation never reaches a log.
 */
export function routeOf(req: Pick<Request, "baseUrl" | "path" | "route">): string {
  const pattern = typeof req.route?.path === "string" ? req.route.path : undefined;
  if (pattern) return `${req.baseUrl ?? ""}${pattern}`;
  return req.path.split("/").map((seg) => (seg.length > 16 || /\d/.test(seg) ? ":…" : seg)).join("/");
}

/**
 * An error as it may be logged: its name, message and stack frames, and for a database error the
 * database's own message and code — never the failed query's parameters, which Drizzle puts in the
 * message and which may hold a respondent's answers.
 */
export function loggable(err: unknown): Error | unknown {
  if (!(err instanceof Error)) return err;
  const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).join("\n");
  const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
  const isQuery = err.message.startsWith("Failed query:");
  const message = isQuery
    ? `Databasfrågan misslyckades: ${typeof cause?.message === "string" ? cause.message : "okänt fel"}${typeof cause?.code === "string" ? ` (${cause.code})` : ""}`
    : err.message;
  const safe = new Error(message);
  safe.name = err.name;
  safe.stack = `${err.name}: ${message}\n${frames}`;
  return safe;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500, code = "internal", message = "Ett oväntat fel inträffade. Försök igen om en stund.";
    let issues: unknown;
    if (err instanceof HttpError) {
      ({ status, code, message, issues } = err);
    } else if (err?.code === "EBADCSRFTOKEN") {
      status = 403; code = "csrf";
      message = "Formuläret hade gått ut eller skickades från fel ställe. Gå tillbaka, ladda om sidan och försök igen.";
    } else if (typeof err?.status === "number" && err.status >= 400 && err.status < 500) {
      // body-parser and friends: malformed JSON, too large, bad encoding
      status = err.status; code = err.type ?? "bad_request";
      message = status === 413 ? "Det du skickade är för stort." : "Begäran kunde inte tolkas.";
    } else {
      // Only method, route and the error: never the body, which may hold answers or personal data.
      log.error(`500 ${req.method} ${routeOf(req)}`, loggable(err));
    }
    if (res.headersSent) return;
    if (isApi(req.path)) {
      res.status(status).json({ error: { code, message, ...(issues ? { issues } : {}) } });
      return;
    }
    res.status(status).render("error", { title: titles[status] ?? "Fel", status, message });
  };
}
