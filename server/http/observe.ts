/**
 * Every request, at the app's entry point (before Express, so the recorded pages of answering/fast.ts are
 * counted too): a request id for its log lines, then, when the response is done, one access line and the
 * request metrics — each with the route's pattern, never the path. A respondent's slug, a resume token and an
 * invitation token are all in paths, so the path itself never reaches a log line or a metric label.
 */
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { withRequestId } from "../log.js";
import { appMetrics } from "../metrics.js";

/** The label of a request no route matched: a fixed word, never its path. */
export const NO_ROUTE = "(ingen route)";

// Labels for what no Express route matches but is still one thing: the static files, the recorded pages.
const labels = new WeakMap<object, string>();

/** Names the route of a request that does not go through an Express route (a fixed pattern). */
export function labelRoute(req: IncomingMessage, pattern: string) {
  labels.set(req, pattern);
}

/**
 * The route a request matched, as its pattern (`/e/:slug/fortsatt/:token`); a labelled one's label;
 * otherwise NO_ROUTE. Every router is mounted at the root, so a route's path is the whole pattern.
 */
export function routeOf(req: Pick<Request, "baseUrl" | "route">): string {
  const pattern = typeof req.route?.path === "string" ? req.route.path : undefined;
  if (pattern) return `${req.baseUrl ?? ""}${pattern}`;
  return labels.get(req) ?? NO_ROUTE;
}

// A proxy's id (nginx's $request_id is 32 hex digits) is kept so that its log and ours meet; anything else is replaced.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's id: the proxy's X-Request-Id when it is short and plain, otherwise a new random one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && SAFE_ID.test(given) ? given : crypto.randomUUID();
}

/** Wraps the app's entry point: `handle` runs within the request's id; the access line and metrics follow the response. */
export function observeRequests(ctx: Ctx) {
  const metrics = appMetrics(ctx);
  return (req: IncomingMessage, res: ServerResponse, handle: () => void) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    // "close" comes for every response: after it was sent, or when the client went away first.
    res.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(req as Request);
      const method = req.method ?? "?";
      const status = res.statusCode;
      metrics.observeRequest(method, route, status, seconds);
      ctx.log.access?.({ requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10, aborted: !res.writableFinished });
    });
    withRequestId(requestId, handle);
  };
}
