/** API token pages: create (shown once), list, revoke. */
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, seeOther } from "../http/forms.js";
import { userOf } from "../http/guards.js";
import * as tokens from "./service.js";
import { createTokenForm, tokenIdParam } from "./schema.js";

export function tokenRoutes(ctx: Ctx): Route[] {
  const page = async (req: Parameters<Route["handlers"][0]>[0], extra: object = {}) => ({
    title: "API-nycklar", list: await tokens.listTokens(ctx, userOf(req)), errors: {}, values: {}, created: null, ...extra,
  });
  return [
    get("/api-nycklar", "account", async (req, res) => { res.render("tokens/index", await page(req)); }),
    post("/api-nycklar", "account", async (req, res) => {
      const form = parseForm(createTokenForm, req.body);
      if (!form.ok) return res.status(422).render("tokens/index", await page(req, { errors: form.errors, values: req.body }));
      const created = await tokens.createToken(ctx, userOf(req), form.data.name);
      // Shown on this response only: the secret is not stored and a reload will not show it again.
      res.status(201).set("Cache-Control", "no-store").render("tokens/index", await page(req, { created }));
    }),
    post("/api-nycklar/:id/aterkalla", "account", async (req, res) => {
      const { id } = parseParams(tokenIdParam, req.params);
      await tokens.revokeToken(ctx, userOf(req), id);
      req.session.flash = "API-nyckeln är återkallad.";
      await seeOther(req, res, "/api-nycklar");
    }),
  ];
}
