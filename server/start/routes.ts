/** The staff start page: the förbund at a glance. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { userOf } from "../http/guards.js";
import * as organisation from "../organisation/service.js";
import { roleLabels } from "../accounts/roles.js";
import { seeOther } from "../http/forms.js";

export function startRoutes(ctx: Ctx): Route[] {
  return [
    get("/", "public", (req, res) => seeOther(req, res, req.user ? "/start" : "/login")),
    get("/start", "account", async (req, res) => {
      const user = userOf(req);
      if (user.role === "nationell") return seeOther(req, res, "/nationellt");
      if (!user.forbundId) return seeOther(req, res, "/plattform");
      const org = await organisation.getOrganisation(ctx, user.forbundId);
      const myAreas = org.areas.filter((a) => user.areaIds.includes(a.id)).map((a) => a.name);
      res.render("start/index", {
        title: "Start", org, roleLabel: roleLabels[user.role], myAreas,
        counts: {
          areas: org.areas.length, parties: org.parties.length, interventions: org.interventions.length, groups: org.groups.length,
        },
      });
    }),
  ];
}
