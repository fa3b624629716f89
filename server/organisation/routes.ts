/** Organisation pages (read for every role; editing comes per part) and the organisation API. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { forbundOf } from "../http/guards.js";
import * as organisation from "./service.js";
import { organisationJson, organisationView } from "./present.js";

export function organisationRoutes(ctx: Ctx): Route[] {
  return [
    get("/organisation", "signedIn", async (req, res) => {
      const org = await organisation.getOrganisation(ctx, forbundOf(req));
      res.render("organisation/index", { title: "Organisation", org: organisationView(org) });
    }),
  ];
}

export function organisationApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/organisation", "api", async (req, res) => {
      res.json(organisationJson(await organisation.getOrganisation(ctx, forbundOf(req))));
    }),
  ];
}
