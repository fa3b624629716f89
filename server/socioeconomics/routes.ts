/**
 * Statistik and socioekonomisk effekt: the page (/statistik) with the admin's schablon and funding
 * forms, the bilaga as a file, and the API (PUT funding, GET the Statistik bilaga).
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundWide, forbundUserOf } from "../http/guards.js";
import { apiParse } from "../http/api.js";
import { currentYear } from "../dates.js";
import { atLeast } from "../accounts/roles.js";
import * as socio from "./service.js";
import { statistikBilaga } from "./bilaga.js";
import { fundingValues, modelView, schablonTotals, schablonValues, statistikJson } from "./present.js";
import {
  apiFormatQuery, apiFunding, apiMovements, apiNyckeltal, apiYearParam, bilagaQuery, fundingParams, fundingYear, movementParams, nyckeltalParams,
  parseFunding, schablonForm, yearQuery,
} from "./schema.js";
import { NotFoundError } from "../errors.js";
import { idParam } from "../http/fields.js";
import { effectJson, effectView, listView, wholeView, matrixForm, matrixReadView, matrixValues, movementsJson, nyckeltalForm, nyckeltalValues } from "./movements-present.js";
import { movementRules } from "./movements.pure.js";
import { EMPTY_ECONOMY_LINES, parseEconomyForm, parseMatrixForm, parseNyckeltalForm } from "./schema.js";
import { economyForm, economyValues, economyView } from "./movements-present.js";

export function socioeconomicsRoutes(ctx: Ctx): Route[] {
  /** The page: the bilaga's tables, and for an admin the two forms (values as stored unless typed). */
  const page = async (req: Request, year: number, typed: Record<string, unknown> = {}) => {
    const forbundId = forbundOf(req);
    const [s, choices] = await Promise.all([socio.statistik(ctx, forbundId, year), socio.fundingChoices(ctx, forbundId, year)]);
    return {
      title: `Statistik ${year}`, year, bilaga: modelView(statistikBilaga(s)), isAdmin: atLeast(forbundUserOf(req).role, "admin"),
      schablonIsDefault: s.schablonIsDefault, totals: schablonTotals(s.schablon), fundingChoices: choices,
      values: { ...schablonValues(s.schablon), ...fundingValues(choices), ...typed },
    };
  };
  const invalid = async (req: Request, res: Response, errors: FieldErrors, year: number) => {
    const p = await page(req, year, req.body ?? {});
    renderInvalid(res, "socioeconomics/index", errors, p.values, p);
  };
  const yearOfBody = (req: Request) => fundingYear.safeParse(req.body ?? {}).data?.year ?? currentYear(ctx.clock);

  return [
    get("/statistik", "signedIn", forbundWide, async (req, res) => {
      res.render("socioeconomics/index", { ...(await page(req, yearQuery.parse(req.query).year ?? currentYear(ctx.clock))), errors: {} });
    }),
    get("/statistik/bilaga", "signedIn", forbundWide, async (req, res) => {
      const q = bilagaQuery.parse(req.query);
      const file = await socio.exportBilaga(ctx, forbundUserOf(req), q.year ?? currentYear(ctx.clock), q.format);
      if (q.format !== "html") res.attachment(file.filename);
      res.type(file.type).send(file.body);
    }),
    post("/statistik/schablon", "admin", async (req, res) => {
      const form = parseForm(schablonForm, req.body ?? {});
      if (!form.ok) return invalid(req, res, form.errors, yearOfBody(req));
      await socio.saveSchablon(ctx, forbundUserOf(req), form.data.year, form.data.schablon);
      req.session.flash = `Schablonen för ${form.data.year} är sparad.`;
      await seeOther(req, res, `/statistik?year=${form.data.year}`);
    }),
    post("/statistik/finansiering", "admin", async (req, res) => {
      const year = parseForm(fundingYear, req.body ?? {});
      if (!year.ok) return invalid(req, res, year.errors, currentYear(ctx.clock));
      const form = parseFunding(req.body ?? {}, await socio.fundingChoices(ctx, forbundOf(req), year.data.year));
      if (!form.ok) return invalid(req, res, form.errors, year.data.year);
      await socio.saveFunding(ctx, forbundUserOf(req), year.data.year, form.data);
      req.session.flash = `Medlen till insatserna ${year.data.year} är sparade.`;
      await seeOther(req, res, `/statistik?year=${year.data.year}`);
    }),
  ];
}

/** Stegförflyttning: the year's list, an insats's matrix and effect, the nyckeltal. */
export function movementsRoutes(ctx: Ctx): Route[] {
  const yearOf = (req: Request) => yearQuery.parse(req.query).year ?? fundingYear.safeParse(req.body ?? {}).data?.year ?? currentYear(ctx.clock);
  const insatsPage = async (req: Request, id: string, year: number) => {
    const { effect: e, mayEdit, hidden, whole } = await socio.insatsEffectFor(ctx, forbundUserOf(req), id, year);
    return {
      whole: whole && wholeView(whole),
      title: `Stegförflyttning ${e.name} ${year}`, year, id, name: e.name, form: matrixForm("m"), followUpForm: matrixForm("y"),
      effect: effectView(e, hidden), rules: movementRules, mayEdit, outcomeThreshold: hidden?.threshold ?? null,
      // Only whoever may enter the matrix gets the form with its counts; anyone else reads it, under the förbund's threshold.
      values: mayEdit ? matrixValues(e.matrix, e.oneYearAfter) : {},
      read: mayEdit ? null : { end: matrixReadView(e, "mv", hidden), after: matrixReadView(e, "ya", hidden) },
    };
  };
  const nyckeltalPage = async (req: Request, year: number) => {
    const n = await socio.getNyckeltal(ctx, forbundOf(req), year);
    return { title: `Nyckeltal ${year}`, year, form: nyckeltalForm, isAdmin: atLeast(forbundUserOf(req).role, "admin"), values: nyckeltalValues(n), entered: !!n };
  };
  const economyPage = async (req: Request, year: number) => {
    const e = await socio.economy(ctx, forbundOf(req), year);
    return { title: `Ekonomi ${year}`, year, table: economyView(e), form: economyForm(e.lines.length + EMPTY_ECONOMY_LINES), values: economyValues(e),
      isAdmin: atLeast(forbundUserOf(req).role, "admin") };
  };
  return [
    get("/ekonomi", "signedIn", forbundWide, async (req, res) => {
      res.render("socioeconomics/ekonomi", { ...(await economyPage(req, yearOf(req))), errors: {} });
    }),
    post("/ekonomi", "admin", async (req, res) => {
      const year = parseForm(fundingYear, req.body ?? {});
      const form = parseEconomyForm(req.body ?? {});
      if (!year.ok || !form.ok) {
        const p = await economyPage(req, year.ok ? year.data.year : currentYear(ctx.clock));
        const rows = Object.keys(req.body ?? {}).filter((k) => /^line\.\d+\.label$/.test(k)).length;
        return renderInvalid(res, "socioeconomics/ekonomi", { ...(year.ok ? {} : year.errors), ...(form.ok ? {} : form.errors) }, req.body ?? {},
          { ...p, form: economyForm(Math.max(rows, p.form.lines.length)) });
      }
      await socio.saveEconomy(ctx, forbundUserOf(req), year.data.year, form.data.lines, form.data.year);
      req.session.flash = `Ekonomin för ${year.data.year} är sparad.`;
      await seeOther(req, res, `/ekonomi?year=${year.data.year}`);
    }),
    get("/stegforflyttning", "signedIn", async (req, res) => {
      const year = yearOf(req);
      const list = await socio.movementsOfYear(ctx, forbundOf(req), year);
      res.render("socioeconomics/stegforflyttning", { title: `Stegförflyttning ${year}`, year, list: listView(list, await socio.insatserWithHiddenMovements(ctx, forbundOf(req), list)),
        // A shared insats it co-funds too: each förbund enters its own participants' movements (issue 20).
        interventions: (await socio.fundingChoices(ctx, forbundOf(req), year)).map((i) => ({ id: i.id, name: i.sharedFrom ? `${i.name} (delad, ägs av ${i.sharedFrom})` : i.name })), rules: movementRules });
    }),
    get("/stegforflyttning/nyckeltal", "signedIn", async (req, res) => {
      res.render("socioeconomics/nyckeltal", { ...(await nyckeltalPage(req, yearOf(req))), errors: {} });
    }),
    post("/stegforflyttning/nyckeltal", "admin", async (req, res) => {
      const year = parseForm(fundingYear, req.body ?? {});
      if (!year.ok) return renderInvalid(res, "socioeconomics/nyckeltal", year.errors, req.body ?? {}, await nyckeltalPage(req, currentYear(ctx.clock)));
      const form = parseNyckeltalForm(req.body ?? {});
      if (!form.ok) return renderInvalid(res, "socioeconomics/nyckeltal", form.errors, req.body ?? {}, await nyckeltalPage(req, year.data.year));
      await socio.saveNyckeltal(ctx, forbundUserOf(req), year.data.year, form.data);
      req.session.flash = `Nyckeltalen för ${year.data.year} är sparade.`;
      await seeOther(req, res, `/stegforflyttning/nyckeltal?year=${year.data.year}`);
    }),
    get("/stegforflyttning/:id", "signedIn", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      res.render("socioeconomics/matrix", { ...(await insatsPage(req, id, yearOf(req))), errors: {} });
    }),
    post("/stegforflyttning/:id", "koordinator", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      await socio.movableIntervention(ctx, forbundUserOf(req), id);
      const year = parseForm(fundingYear, req.body ?? {});
      const form = parseMatrixForm(req.body ?? {});
      if (!year.ok || !form.ok) {
        return renderInvalid(res, "socioeconomics/matrix", { ...(year.ok ? {} : year.errors), ...(form.ok ? {} : form.errors) }, req.body ?? {},
          await insatsPage(req, id, year.ok ? year.data.year : currentYear(ctx.clock)));
      }
      await socio.saveMatrix(ctx, forbundUserOf(req), id, year.data.year, form.data);
      req.session.flash = `Förflyttningarna för ${year.data.year} är sparade.`;
      await seeOther(req, res, `/stegforflyttning/${id}?year=${year.data.year}`);
    }),
  ];
}

export function socioeconomicsApiRoutes(ctx: Ctx): Route[] {
  return [
    put("/api/v1/interventions/:id/funding/:year", "apiAdmin", async (req, res) => {
      const { id, year } = parseParams(fundingParams, req.params);
      await socio.checkIntervention(ctx, forbundOf(req), id); // 404 for another förbund's insats, before any validation
      const body = apiParse(apiFunding, req.body);
      res.json(await socio.setFunding(ctx, forbundUserOf(req), id, year, body.amount));
    }),
    put("/api/v1/interventions/:id/movements/:year", "apiKoordinator", async (req, res) => {
      const { id, year } = parseParams(movementParams, req.params);
      await socio.movableIntervention(ctx, forbundUserOf(req), id); // 404/403 before any validation
      const saved = await socio.saveMatrix(ctx, forbundUserOf(req), id, year, apiParse(apiMovements, req.body));
      res.json({ interventionId: id, year, ...saved });
    }),
    get("/api/v1/interventions/:id/movements/:year", "api", async (req, res) => {
      const { id, year } = parseParams(movementParams, req.params);
      const { effect, hidden, whole } = await socio.insatsEffectFor(ctx, forbundUserOf(req), id, year);
      res.json(movementsJson(effect, hidden, whole));
    }),
    get("/api/v1/interventions/:id/effect/:year", "api", async (req, res) => {
      const { id, year } = parseParams(movementParams, req.params);
      const { effect, hidden, whole } = await socio.insatsEffectFor(ctx, forbundUserOf(req), id, year);
      res.json(effectJson(effect, hidden, whole));
    }),
    put("/api/v1/nyckeltal/:year", "apiAdmin", async (req, res) => {
      const { year } = parseParams(nyckeltalParams, req.params);
      res.json(await socio.saveNyckeltal(ctx, forbundUserOf(req), year, apiParse(apiNyckeltal, req.body)));
    }),
    get("/api/v1/nyckeltal/:year", "api", async (req, res) => {
      const { year } = parseParams(nyckeltalParams, req.params);
      const n = await socio.getNyckeltal(ctx, forbundOf(req), year);
      if (!n) throw new NotFoundError(`Inga nyckeltal för ${year}.`);
      res.json(n);
    }),
    get("/api/v1/reports/:year/statistik", "api", forbundWide, async (req, res) => {
      const { year } = parseParams(apiYearParam, req.params);
      const { format } = apiParse(apiFormatQuery, req.query, "Okänt format.", "(query)");
      if (format === "json") return res.json(statistikJson(await socio.statistik(ctx, forbundOf(req), year)));
      const file = await socio.exportBilaga(ctx, forbundUserOf(req), year, format);
      res.attachment(file.filename).type(file.type).send(file.body);
    }),
  ];
}
