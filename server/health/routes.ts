/** Liveness and readiness for load balancers and the newcomer check; metrics for Prometheus. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { appMetrics } from "../metrics.js";

export function healthRoutes(ctx: Ctx, isReady: () => boolean): Route[] {
  return [
    get("/healthz", "public", (_req, res) => { res.json({ status: "ok" }); }),
    get("/readyz", "public", async (_req, res) => {
      const ok = isReady() && (await ctx.database.ping().catch(() => false));
      res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not_ready", database: ctx.database.kind });
    }),
    get("/metrics", "metrics", async (_req, res) => {
      const { contentType, text } = await appMetrics(ctx).scrape();
      res.set("Cache-Control", "no-store").type(contentType).send(text);
    }),
  ];
}
