/** Login, logout, password change and the one-time links of invitations and resets. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, renderInvalid, renderRefused, parseParams, seeOther } from "../http/forms.js";
import { userOf } from "../http/guards.js";
import * as audit from "../audit/service.js";
import * as accounts from "./service.js";
import * as sso from "../sso/service.js";
import { waitText } from "./present.js";
import { changePasswordForm, forgotForm, loginForm, setPasswordForm, tokenParam } from "./schema.js";

/** Only a local path may follow login, never another site. */
const safeNext = (v: unknown) => (typeof v === "string" && /^\/(?![/\\])/.test(v) ? v : "/start");

function signIn(req: Request, userId: string): Promise<void> {
  // A new session id at login prevents session fixation.
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : ((req.session.userId = userId), resolve()))));
}

/** What every rendering of the login page shows: the single sign-on buttons and the förbund that require them. */
const loginLocals = async (ctx: Ctx, next: string) =>
  ({ title: "Logga in", next, ssoButtons: sso.buttons(ctx, next), ssoRequiredBy: await accounts.forbundRequiringSso(ctx) });

export function accountRoutes(ctx: Ctx): Route[] {
  return [
    get("/login", "public", async (req, res) => {
      if (req.user) return seeOther(req, res, "/start");
      res.render("accounts/login", { ...(await loginLocals(ctx, safeNext(req.query.next))), values: {}, errors: {} });
    }),
    post("/login", "public", async (req, res) => {
      const locals = await loginLocals(ctx, safeNext(req.body?.next));
      const form = parseForm(loginForm, req.body);
      if (!form.ok) return renderInvalid(res, "accounts/login", form.errors, req.body, locals);
      const result = await accounts.login(ctx, form.data.email, form.data.password, req.ip);
      if (result.ok) {
        await signIn(req, result.userId);
        return seeOther(req, res, locals.next);
      }
      if (result.retryAfter) {
        return res.status(429).set("Retry-After", String(result.retryAfter)).render("accounts/login", {
          ...locals, values: { email: form.data.email },
          errors: { _form: `För många misslyckade inloggningar härifrån. Vänta ${waitText(result.retryAfter)} och försök igen, eller återställ ditt lösenord.` },
        });
      }
      if (result.ssoRequired) {
        const how = locals.ssoButtons.length === 1 ? `knappen ”Logga in med ${locals.ssoButtons[0].name}”` : "din organisations knapp";
        return renderInvalid(res, "accounts/login", { _form: `Ditt förbund loggar bara in med enkel inloggning, så lösenordet kan inte användas. Använd ${how}.` }, { email: form.data.email }, locals);
      }
      renderInvalid(res, "accounts/login", { _form: "Fel e-postadress eller lösenord." }, { email: form.data.email }, locals);
    }),
    post("/logout", "public", async (req, res) => {
      if (req.user) await audit.record(ctx, req.user, "logout");
      const provider = req.session.sso;
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie("samspar.sid");
      // After single sign-on the person is still signed in at the provider: the next page offers its end-session address.
      await seeOther(req, res, provider ? `/utloggad?via=${encodeURIComponent(provider)}` : "/login");
    }),
    get("/konto/glomt-losenord", "public", (_req, res) => {
      res.render("accounts/forgot", { title: "Glömt lösenord", values: {}, errors: {}, sent: false });
    }),
    post("/konto/glomt-losenord", "public", async (req, res) => {
      const form = parseForm(forgotForm, req.body);
      if (!form.ok) return renderInvalid(res, "accounts/forgot", form.errors, req.body, { title: "Glömt lösenord", sent: false });
      const { retryAfter } = await accounts.requestReset(ctx, form.data.email, req.ip);
      if (retryAfter) {
        return res.status(429).set("Retry-After", String(retryAfter)).render("accounts/forgot", {
          title: "Glömt lösenord", values: form.data, sent: false,
          errors: { _form: `För många förfrågningar härifrån. Vänta ${waitText(retryAfter)} och försök igen.` },
        });
      }
      res.render("accounts/forgot", { title: "Glömt lösenord", values: {}, errors: {}, sent: true });
    }),
    get("/konto/losenord/:token", "public", async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const found = await accounts.findLink(ctx, token);
      res.status(found ? 200 : 410).render("accounts/set-password", {
        title: "Välj lösenord", valid: !!found, email: found?.user.email, errors: {}, values: {},
      });
    }),
    post("/konto/losenord/:token", "public", async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const found = await accounts.findLink(ctx, token);
      const locals = { title: "Välj lösenord", valid: !!found, email: found?.user.email };
      if (!found) return res.status(410).render("accounts/set-password", { ...locals, errors: {}, values: {} });
      const form = parseForm(setPasswordForm, req.body);
      if (!form.ok) return renderInvalid(res, "accounts/set-password", form.errors, {}, locals);
      const userId = await accounts.completeLink(ctx, token, form.data.password);
      if (!userId) return res.status(410).render("accounts/set-password", { ...locals, valid: false, errors: {}, values: {} });
      if (!(await accounts.passwordAllowedFor(ctx, userId))) {
        req.session.flash = "Lösenordet är sparat, men ditt förbund loggar bara in med enkel inloggning: använd knappen nedan.";
        return seeOther(req, res, "/login");
      }
      await signIn(req, userId);
      await seeOther(req, res, "/start");
    }),
    get("/konto/byt-losenord", "account", async (req, res) => {
      const user = userOf(req);
      const state = await accounts.passwordState(ctx, user);
      res.render("accounts/change-password", { title: "Byt lösenord", errors: {}, values: {}, forced: user.mustChangePassword && !req.session.sso, state });
    }),
    post("/konto/byt-losenord", "account", async (req, res) => {
      const user = userOf(req);
      const locals = { title: "Byt lösenord", forced: user.mustChangePassword && !req.session.sso, state: await accounts.passwordState(ctx, user) };
      const form = parseForm(changePasswordForm, req.body);
      if (!form.ok) return renderInvalid(res, "accounts/change-password", form.errors, {}, locals);
      const done = await accounts.changePassword(ctx, user, form.data.current, form.data.password, req.sessionID);
      if (!done.ok) return renderRefused(res, "accounts/change-password", done, {}, locals);
      req.session.flash = "Ditt lösenord är bytt.";
      await seeOther(req, res, "/start");
    }),
  ];
}
