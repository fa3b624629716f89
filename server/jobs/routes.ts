/** The job pages: every job's schedule and runs for the superadmin (/plattform/jobb), and what they did for the förbund for its admins (/jobb). */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { forbundOf } from "../http/guards.js";
import * as jobs from "./service.js";
import { JOBS } from "./registry.js";
import { forbundJobRow, platformJobRow, runRow } from "./present.js";

export function jobsRoutes(ctx: Ctx): Route[] {
  return [
    get("/plattform/jobb", "superadmin", async (_req, res) => {
      const now = ctx.clock.now();
      const [overview, recent] = await Promise.all([jobs.platformOverview(ctx), jobs.recentRuns(ctx, 20)]);
      res.set("Cache-Control", "no-store").render("jobs/platform", {
        title: "Schemalagda jobb", jobs: overview.map((o) => platformJobRow(o, now)), runs: recent.map((r) => runRow(r, JOBS, now)),
      });
    }),
    get("/jobb", "admin", async (req, res) => {
      const now = ctx.clock.now();
      const overview = await jobs.forbundOverview(ctx, forbundOf(req));
      res.set("Cache-Control", "no-store").render("jobs/index", { title: "Schemalagda jobb", jobs: overview.map((o) => forbundJobRow(o, now)) });
    }),
  ];
}
