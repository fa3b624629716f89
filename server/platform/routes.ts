/** Platform pages for the superadmin: the förbund on the instance and a form to create one. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, renderInvalid, seeOther } from "../http/forms.js";
import { userOf } from "../http/guards.js";
import * as platform from "./service.js";
import { createForbundForm } from "./schema.js";

export function platformRoutes(ctx: Ctx): Route[] {
  const locals = async () => ({ title: "Plattform", list: await platform.listForbund(ctx) });
  const typed = (req: Request) => ({ name: req.body?.name, adminEmail: req.body?.adminEmail, adminName: req.body?.adminName });
  return [
    get("/plattform", "superadmin", async (_req, res) => {
      res.render("platform/index", { ...(await locals()), errors: {}, values: {} });
    }),
    post("/plattform/forbund", "superadmin", async (req, res) => {
      const form = parseForm(createForbundForm, req.body);
      if (!form.ok) return renderInvalid(res, "platform/index", form.errors, typed(req), await locals());
      const created = await platform.createForbund(ctx, userOf(req), form.data);
      if (!created.ok) return renderInvalid(res, "platform/index", created.errors, typed(req), await locals());
      req.session.flash = `Förbundet ${created.name} är skapat. En inbjudan har skickats till ${form.data.adminEmail}.`;
      await seeOther(req, res, "/plattform");
    }),
  ];
}
