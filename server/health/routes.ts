/** Liveness and readiness for load balancers and the newcomer check. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";

export function healthRoutes(ctx: Ctx, isReady: () => boolean): Route[] {
  return [
    get("/healthz", "public", (_req, res) => { res.json({ status: "ok" }); }),
    get("/readyz", "public", async (_req, res) => {
      const ok = isReady() && (await ctx.database.ping().catch(() => false));
      res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not_ready", database: ctx.database.kind });
    }),
  ];
}
