/** Single sign-on: the button's start, the provider's answer, the signed-out page, and the admin's settings. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, renderRefused, seeOther } from "../http/forms.js";
import { forbundUserOf } from "../http/guards.js";
import * as sso from "./service.js";
import { providerParam, settingsForm } from "./schema.js";

/** Only a local path may follow login, never another site. */
const safeNext = (v: unknown) => (typeof v === "string" && /^\/(?![/\\])/.test(v) ? v : "/start");

/** A new session id at sign-in prevents session fixation; `sso` says which provider began it. */
function signIn(req: Request, userId: string, provider: string): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : ((req.session.userId = userId), (req.session.sso = provider), resolve()))));
}

const refusedPage = (name: string, message: string) => ({ title: "Inloggningen gick inte", providerName: name, message });

export function ssoRoutes(ctx: Ctx): Route[] {
  return [
    get("/login/sso/:provider", "public", async (req, res) => {
      const p = sso.providerById(ctx, parseParams(providerParam, req.params).provider);
      if (req.user) return seeOther(req, res, "/start");
      const begun = await sso.begin(ctx, p, safeNext(req.query.next));
      if (!begun.ok) return res.status(begun.status).render("sso/refused", refusedPage(p.name, begun.message));
      req.session.oidc = begun.pending;
      await seeOther(req, res, begun.url);
    }),
    get("/login/sso/:provider/callback", "public", async (req, res) => {
      const p = sso.providerById(ctx, parseParams(providerParam, req.params).provider);
      const pending = req.session.oidc;
      delete req.session.oidc; // one answer per request, whatever it says
      // The address the provider sent the browser to, as the provider knows it (BASE_URL), with its answer.
      const current = new URL(`${ctx.config.baseUrl}/login/sso/${p.id}/callback${new URL(req.originalUrl, "http://x").search}`);
      const done = await sso.finish(ctx, p, pending, current);
      if (!done.ok) {
        // The session held only the sign-in under way: it leaves no row behind (an anonymous visit stores none).
        if (!req.session.userId) {
          await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
          res.clearCookie("samspar.sid");
        }
        res.status(done.status).render("sso/refused", refusedPage(p.name, done.message));
        return;
      }
      await signIn(req, done.userId, p.id);
      if (done.created) req.session.flash = `Välkommen! Ett konto som läsare har skapats åt dig i ${done.created}. Förbundets administratör kan ge dig en annan roll.`;
      await seeOther(req, res, done.next);
    }),
    get("/utloggad", "public", async (req, res) => {
      if (req.user) return seeOther(req, res, "/start");
      const via = typeof req.query.via === "string" ? req.query.via : undefined;
      res.render("sso/signed-out", { title: "Utloggad", provider: await sso.signedOut(ctx, via) });
    }),
    get("/anvandare/inloggning", "admin", async (req, res) => {
      const page = await sso.settingsPage(ctx, forbundUserOf(req));
      res.render("sso/settings", { title: "Inloggning", ...page, errors: {}, values: page.settings, ssoSession: !!req.session.sso });
    }),
    post("/anvandare/inloggning", "admin", async (req, res) => {
      const user = forbundUserOf(req);
      const page = await sso.settingsPage(ctx, user);
      const locals = { title: "Inloggning", ...page, ssoSession: !!req.session.sso };
      const form = parseForm(settingsForm, req.body);
      const typed = { requireSso: req.body?.requireSso === "ja", jitDomains: settingsForm.shape.jitDomains.safeParse(req.body?.jitDomains).data ?? [] };
      if (!form.ok) return renderInvalid(res, "sso/settings", form.errors, typed, locals);
      const done = await sso.updateSettings(ctx, user, req.session.sso, form.data);
      if (!done.ok) return renderRefused(res, "sso/settings", done, typed, locals);
      req.session.flash = "Inställningarna för inloggning är sparade.";
      await seeOther(req, res, "/anvandare/inloggning");
    }),
  ];
}
