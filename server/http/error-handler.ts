/** The end of the chain: known errors become their status, anything else a 500 that reveals nothing. */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { HttpError, NotFoundError } from "../errors.js";
import { loggable, type Logger } from "../log.js";
import { routeOf } from "./observe.js";

const titles: Record<number, string> = {
  400: "Felaktig begäran", 401: "Inloggning krävs", 403: "Ingen behörighet", 404: "Sidan finns inte",
  409: "Konflikt", 413: "För stor begäran", 422: "Felaktiga uppgifter", 429: "För många försök", 500: "Något gick fel",
};

const isApi = (path: string) => path.startsWith("/api/");

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

// Both live with the logging now; kept here for the imports that knew them here.
export { loggable, routeOf };

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
      // Only method, route pattern and the error (as loggable makes it): never the path or the body, which
      // may hold a token, answers or personal data. The line carries the request's id, as its access line does.
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
