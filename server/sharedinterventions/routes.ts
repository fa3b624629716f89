/**
 * Shared insatser: the förbund's page (/delade-insatser: its insatser with their co-funders and the invitations it has
 * had; the admin invites, withdraws and accepts), one shared insats's year (/delade-insatser/:id), and the API
 * (GET /api/v1/shared-interventions, POST …/:id/cofunders, POST …/:id/accept, POST …/:id/cofunders/:forbundId/end,
 * GET …/:id/:year). Ending a co-funding asks first on a page of its own, so it works without JavaScript.
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, seeOther, type FieldErrors } from "../http/forms.js";
import { forbundOf, forbundUserOf, forbundWide } from "../http/guards.js";
import { apiParse, refusal } from "../http/api.js";
import { atLeast } from "../accounts/roles.js";
import { currentYear } from "../dates.js";
import * as shared from "./service.js";
import { NotFoundError } from "../errors.js";
import { sharedYear } from "./parts.js";
import { overviewJson, sharedYearJson, sharedYearTable } from "./present.js";
import { apiCofunder, cofunderForm, cofunderParams, endQuery, interventionParam, interventionYearParams, pageYearQuery } from "./schema.js";

export function sharedInterventionsRoutes(ctx: Ctx): Route[] {
  const page = async (req: Request, res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}, form: string | null = null) => {
    const user = forbundUserOf(req);
    const locals = { title: "Delade insatser", ...(await shared.overview(ctx, user.forbundId)), isAdmin: atLeast(user.role, "admin"), form, year: currentYear(ctx.clock), ownId: user.forbundId };
    if (form) return renderInvalid(res, "sharedinterventions/index", errors, values, locals);
    res.render("sharedinterventions/index", { ...locals, errors, values });
  };
  const id = (req: Request) => parseParams(interventionParam, req.params).id;

  return [
    get("/delade-insatser", "signedIn", forbundWide, async (req, res) => page(req, res)),
    post("/delade-insatser/:id/inbjudan", "admin", async (req, res) => {
      await shared.access(ctx, forbundOf(req), id(req)); // 404 for an insats the förbund neither owns nor co-funds, before the form
      const form = parseForm(cofunderForm, req.body ?? {});
      if (!form.ok) return page(req, res, form.errors, req.body ?? {}, id(req));
      const done = await shared.inviteCofunder(ctx, forbundUserOf(req), id(req), form.data.forbundId);
      if (!done.ok) return page(req, res, done.errors, req.body ?? {}, id(req));
      req.session.flash = "Förbundet är inbjudet att samfinansiera insatsen. Dess administratör accepterar på sidan Delade insatser.";
      await seeOther(req, res, "/delade-insatser");
    }),
    post("/delade-insatser/:id/inbjudan/ta-bort", "admin", async (req, res) => {
      await shared.access(ctx, forbundOf(req), id(req));
      const form = parseForm(cofunderForm, req.body ?? {});
      if (!form.ok) return page(req, res, form.errors, {}, id(req));
      const done = await shared.withdrawInvitation(ctx, forbundUserOf(req), id(req), form.data.forbundId);
      if (!done.ok) return page(req, res, done.errors, {}, id(req));
      req.session.flash = "Inbjudan är återkallad.";
      await seeOther(req, res, "/delade-insatser");
    }),
    post("/delade-insatser/:id/acceptera", "admin", async (req, res) => {
      const done = await shared.acceptInvitation(ctx, forbundUserOf(req), id(req));
      req.session.flash = `Förbundet samfinansierar nu ${done.name}. Rapportera era deltagare under Insatsrapporter och era medel under Statistik.`;
      await seeOther(req, res, `/delade-insatser/${done.id}`);
    }),
    get("/delade-insatser/:id/avsluta", "admin", async (req, res) => {
      const a = await shared.access(ctx, forbundOf(req), id(req));
      const q = endQuery.safeParse(req.query);
      const c = q.success ? a.cofunders.find((x) => x.id === q.data.forbundId && x.accepted && x.lastYear === null) : undefined;
      if (!c || (a.role === "cofunder" && c.id !== forbundOf(req))) throw new NotFoundError("Förbundet samfinansierar inte insatsen.");
      res.render("sharedinterventions/end", { title: `Avsluta samfinansieringen av ${a.intervention.name}`, a, cofunder: c, year: currentYear(ctx.clock) });
    }),
    post("/delade-insatser/:id/avsluta", "admin", async (req, res) => {
      await shared.access(ctx, forbundOf(req), id(req));
      const form = parseForm(cofunderForm, req.body ?? {});
      if (!form.ok) return page(req, res, form.errors, {}, id(req));
      const done = await shared.endCofunding(ctx, forbundUserOf(req), id(req), form.data.forbundId);
      if (!done.ok) return page(req, res, done.errors, {}, id(req));
      req.session.flash = `Samfinansieringen är avslutad. Siffrorna till och med ${done.lastYear} finns kvar; senare år kan inte föras in för den.`;
      await seeOther(req, res, "/delade-insatser");
    }),
    get("/delade-insatser/:id", "signedIn", forbundWide, async (req, res) => {
      const year = pageYearQuery.parse(req.query).year ?? currentYear(ctx.clock);
      const v = await sharedYear(ctx, forbundOf(req), id(req), year);
      res.render("sharedinterventions/year", { title: `${v.intervention.name} ${year} – delad insats`, v, year, table: sharedYearTable(v) });
    }),
  ];
}

export function sharedInterventionsApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/shared-interventions", "api", forbundWide, async (req, res) => {
      res.json(overviewJson(await shared.overview(ctx, forbundOf(req))));
    }),
    post("/api/v1/shared-interventions/:id/cofunders", "apiAdmin", async (req, res) => {
      const { id } = parseParams(interventionParam, req.params);
      await shared.access(ctx, forbundOf(req), id); // 404 for an insats the förbund neither owns nor co-funds, before any validation
      const body = apiParse(apiCofunder, req.body);
      const done = await shared.inviteCofunder(ctx, forbundUserOf(req), id, body.forbundId);
      if (!done.ok) throw refusal(done);
      res.status(201).json({ forbundId: done.forbundId, status: "invited" });
    }),
    post("/api/v1/shared-interventions/:id/accept", "apiAdmin", async (req, res) => {
      const { id } = parseParams(interventionParam, req.params);
      const done = await shared.acceptInvitation(ctx, forbundUserOf(req), id);
      res.json({ id: done.id, status: "accepted" });
    }),
    post("/api/v1/shared-interventions/:id/cofunders/:forbundId/end", "apiAdmin", async (req, res) => {
      const { id, forbundId } = parseParams(cofunderParams, req.params);
      const done = await shared.endCofunding(ctx, forbundUserOf(req), id, forbundId);
      if (!done.ok) throw refusal(done);
      res.json({ forbundId, status: "ended", lastYear: done.lastYear });
    }),
    get("/api/v1/shared-interventions/:id/:year", "api", forbundWide, async (req, res) => {
      const { id, year } = parseParams(interventionYearParams, req.params);
      res.json(sharedYearJson(await sharedYear(ctx, forbundOf(req), id, year)));
    }),
  ];
}
