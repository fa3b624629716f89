/** The aggregate file's API: GET /api/v1/aggregates/:year (the förbund's admin) and POST /api/v1/platform/aggregates (superadmin). */
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseParams } from "../http/forms.js";
import { forbundUserOf, userOf } from "../http/guards.js";
import { refusal } from "../http/api.js";
import * as aggregates from "./service.js";
import { aggregateYearParam } from "./schema.js";

export function aggregatesApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/aggregates/:year", "apiAdmin", async (req, res) => {
      const { year } = parseParams(aggregateYearParam, req.params);
      res.json(await aggregates.forbundAggregate(ctx, forbundUserOf(req), year));
    }),
    post("/api/v1/platform/aggregates", "apiSuperadmin", async (req, res) => {
      const done = await aggregates.importAggregate(ctx, userOf(req), req.body);
      if (!done.ok) throw refusal(done, undefined, "Aggregatet kan inte läsas in.");
      res.status(201).json({ forbund: done.forbund, year: done.year, questionnaires: done.questionnaires });
    }),
  ];
}
