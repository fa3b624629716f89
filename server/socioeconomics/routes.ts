/**
 * Statistik and socioekonomisk effekt: the page (/statistik) with the admin's schablon and funding
 * forms, the bilaga as a file, and the API (PUT funding, GET the Statistik bilaga).
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Handler, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors } from "../http/forms.js";
import { forbundOf, forbundWide, userOf } from "../http/guards.js";
import { ValidationError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as socio from "./service.js";
import { statistikBilaga } from "./bilaga.js";
import { fundingValues, modelView, schablonTotals, schablonValues, statistikJson } from "./present.js";
import { apiFormatQuery, apiFunding, apiIssues, apiYearParam, bilagaQuery, fundingParams, fundingYear, parseFunding, schablonForm, yearQuery } from "./schema.js";

/** route.ts has no put() yet; the API contract names PUT …/funding/:year, and Express mounts any method. */
const put = (p: string, guard: Route["guard"], ...handlers: Handler[]): Route => ({ ...post(p, guard, ...handlers), method: "put" as unknown as Route["method"] });

export function socioeconomicsRoutes(ctx: Ctx): Route[] {
  /** The page: the bilaga's tables, and for an admin the two forms (values as stored unless typed). */
  const page = async (req: Request, year: number, typed: Record<string, unknown> = {}) => {
    const forbundId = forbundOf(req);
    const [s, choices] = await Promise.all([socio.statistik(ctx, forbundId, year), socio.fundingChoices(ctx, forbundId, year)]);
    return {
      title: `Statistik ${year}`, year, bilaga: modelView(statistikBilaga(s)), isAdmin: atLeast(userOf(req).role, "admin"),
      schablonIsDefault: s.schablonIsDefault, totals: schablonTotals(s.schablon), fundingChoices: choices,
      values: { ...schablonValues(s.schablon), ...fundingValues(choices), ...typed },
    };
  };
  const invalid = async (req: Request, res: Response, errors: FieldErrors, year: number) => {
    const p = await page(req, year, req.body ?? {});
    renderInvalid(res, "socioeconomics/index", errors, p.values, p);
  };
  const yearOfBody = (req: Request) => fundingYear.safeParse(req.body ?? {}).data?.year ?? socio.currentYear(ctx);

  return [
    get("/statistik", "signedIn", forbundWide, async (req, res) => {
      res.render("socioeconomics/index", { ...(await page(req, yearQuery.parse(req.query).year ?? socio.currentYear(ctx))), errors: {} });
    }),
    get("/statistik/bilaga", "signedIn", forbundWide, async (req, res) => {
      const q = bilagaQuery.parse(req.query);
      const file = await socio.exportBilaga(ctx, userOf(req), q.year ?? socio.currentYear(ctx), q.format);
      if (q.format !== "html") res.attachment(file.filename);
      res.type(file.type).send(file.body);
    }),
    post("/statistik/schablon", "admin", async (req, res) => {
      const form = parseForm(schablonForm, req.body ?? {});
      if (!form.ok) return invalid(req, res, form.errors, yearOfBody(req));
      await socio.saveSchablon(ctx, userOf(req), form.data.year, form.data.schablon);
      req.session.flash = `Schablonen för ${form.data.year} är sparad.`;
      res.redirect(303, `/statistik?year=${form.data.year}`);
    }),
    post("/statistik/finansiering", "admin", async (req, res) => {
      const year = parseForm(fundingYear, req.body ?? {});
      if (!year.ok) return invalid(req, res, year.errors, socio.currentYear(ctx));
      const form = parseFunding(req.body ?? {}, await socio.fundingChoices(ctx, forbundOf(req), year.data.year));
      if (!form.ok) return invalid(req, res, form.errors, year.data.year);
      await socio.saveFunding(ctx, userOf(req), year.data.year, form.data);
      req.session.flash = `Medlen till insatserna ${year.data.year} är sparade.`;
      res.redirect(303, `/statistik?year=${year.data.year}`);
    }),
  ];
}

export function socioeconomicsApiRoutes(ctx: Ctx): Route[] {
  return [
    put("/api/v1/interventions/:id/funding/:year", "apiAdmin", async (req, res) => {
      const { id, year } = parseParams(fundingParams, req.params);
      await socio.checkIntervention(ctx, forbundOf(req), id); // 404 for another förbund's insats, before any validation
      const body = apiFunding.safeParse(req.body ?? {});
      if (!body.success) throw new ValidationError("Uppgifterna är felaktiga.", apiIssues(body.error));
      res.json(await socio.setFunding(ctx, userOf(req), id, year, body.data.amount));
    }),
    get("/api/v1/reports/:year/statistik", "api", forbundWide, async (req, res) => {
      const { year } = parseParams(apiYearParam, req.params);
      const q = apiFormatQuery.safeParse(req.query);
      if (!q.success) throw new ValidationError("Okänt format.", apiIssues(q.error));
      if (q.data.format === "json") return res.json(statistikJson(await socio.statistik(ctx, forbundOf(req), year)));
      const file = await socio.exportBilaga(ctx, userOf(req), year, q.data.format);
      res.attachment(file.filename).type(file.type).send(file.body);
    }),
  ];
}
