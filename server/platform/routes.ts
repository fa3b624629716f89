/** Platform pages for the superadmin: the förbund on the instance and a form to create one. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, renderInvalid, seeOther } from "../http/forms.js";
import { userOf } from "../http/guards.js";
import { parseParams } from "../http/forms.js";
import { apiParse, refusal } from "../http/api.js";
import * as platform from "./service.js";
import { apiCreateForbund, apiCreateForbundToken, createForbundForm, forbundParam } from "./schema.js";

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

/** The platform API (superadmin keys): POST /api/v1/platform/forbund and POST /api/v1/platform/forbund/:id/tokens. */
export function platformApiRoutes(ctx: Ctx): Route[] {
  return [
    post("/api/v1/platform/forbund", "apiSuperadmin", async (req, res) => {
      const body = apiParse(apiCreateForbund, req.body);
      const created = await platform.createForbundBare(ctx, userOf(req), body.name);
      if (!created.ok) throw refusal(created);
      res.status(201).json({ id: created.id });
    }),
    post("/api/v1/platform/forbund/:id/tokens", "apiSuperadmin", async (req, res) => {
      const { id } = parseParams(forbundParam, req.params);
      const body = apiParse(apiCreateForbundToken, req.body);
      const made = await platform.createForbundToken(ctx, userOf(req), id, body);
      if (!made.ok) throw refusal(made);
      // The secret is in this answer only.
      res.status(201).set("Cache-Control", "no-store").json({ token: made.token });
    }),
  ];
}
