/** Insatsrapporter: the list (/insatsrapporter), the report form (/insatsrapporter/ny, /insatsrapporter/:id) and the API. */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import { NotFoundError, ValidationError } from "../errors.js";
import * as reports from "./service.js";
import { formColumns, formGroups, formPlainFields, formQuestions, listPage, newValues, outcomesJson, periodLabel, reportJson, reportValues, yearFigureJson } from "./present.js";
import { apiOutcomes, apiReport, apiYearQuery, idParam, interventionYearParams, newQuery, reportForm, yearQuery } from "./schema.js";
import { currentYear } from "../dates.js";
import { apiParse } from "../http/api.js";

export function interventionReportsRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;

  const formPage = async (req: Request, report?: reports.Report) => {
    const { org, interventions, areas } = await reports.reportable(ctx, forbundUserOf(req));
    return {
      title: report ? `Rapport ${report.interventionName}${report.areaName ? ` ${report.areaName}` : ""}, ${periodLabel(report.periodStart, report.periodEnd).toLowerCase()}` : "Ny insatsrapport",
      reportId: report?.id ?? null, action: report ? `/insatsrapporter/${report.id}` : "/insatsrapporter",
      year: report?.year ?? null, countGroups: formGroups, columns: formColumns, plainFields: formPlainFields, questions: formQuestions,
      interventionOptions: interventions.map((i) => ({ value: i.id, label: i.name })),
      areaOptions: areas.map((a) => ({ value: a.id, label: a.name })), hasAreas: org.areas.length > 0,
    };
  };
  const invalid = async (req: Request, res: Response, errors: FieldErrors, report?: reports.Report) =>
    renderInvalid(res, "interventionreports/form", errors, req.body ?? {}, await formPage(req, report));

  return [
    get("/insatsrapporter", "koordinator", async (req, res) => {
      const user = forbundUserOf(req);
      const year = yearQuery.parse(req.query).year ?? currentYear(ctx.clock);
      const [list, { interventions }] = await Promise.all([reports.listReports(ctx, forbundOf(req), year), reports.reportable(ctx, user)]);
      const figures = await reports.yearFigures(ctx, forbundOf(req), year, list);
      const mine = new Map(interventions.map((i) => [i.id, i]));
      res.render("interventionreports/index", {
        title: `Insatsrapporter ${year}`, year, canReport: mine.size > 0,
        page: listPage(figures, list, (r) => !!mine.get(r.interventionId) && reports.mayReport(user, mine.get(r.interventionId)!, r.areaId),
          await reports.hiddenOfYear(ctx, forbundOf(req), year, figures)),
      });
    }),
    get("/insatsrapporter/ny", "koordinator", async (req, res) => {
      const year = yearQuery.parse(req.query).year ?? currentYear(ctx.clock);
      res.render("interventionreports/form", { ...(await formPage(req)), errors: {}, values: newValues(year, newQuery.parse(req.query).insats) });
    }),
    post("/insatsrapporter", "koordinator", async (req, res) => {
      const form = parseForm(reportForm, req.body ?? {});
      const saved = form.ok ? await reports.createReport(ctx, forbundUserOf(req), form.data) : form;
      if (!saved.ok) return invalid(req, res, saved.errors);
      req.session.flash = "Rapporten är sparad.";
      await seeOther(req, res, `/insatsrapporter?year=${saved.year}`);
    }),
    get("/insatsrapporter/:id", "koordinator", async (req, res) => {
      const report = await reports.getManaged(ctx, forbundUserOf(req), id(req));
      res.render("interventionreports/form", { ...(await formPage(req, report)), errors: {}, values: reportValues(report) });
    }),
    post("/insatsrapporter/:id", "koordinator", async (req, res) => {
      const report = await reports.getManaged(ctx, forbundUserOf(req), id(req));
      const form = parseForm(reportForm, req.body ?? {});
      const saved = form.ok ? await reports.updateReport(ctx, forbundUserOf(req), report.id, form.data) : form;
      if (!saved.ok) return invalid(req, res, saved.errors, report);
      req.session.flash = "Ändringarna i rapporten är sparade.";
      await seeOther(req, res, `/insatsrapporter?year=${saved.year}`);
    }),
    post("/insatsrapporter/:id/ta-bort", "koordinator", async (req, res) => {
      const report = await reports.deleteReport(ctx, forbundUserOf(req), id(req));
      req.session.flash = `Rapporten för ${report.interventionName}${report.areaName ? ` i ${report.areaName}` : ""} är borttagen.`;
      await seeOther(req, res, `/insatsrapporter?year=${report.year}`);
    }),
  ];
}


/** A refused save as the API's 422: every message by its path. */
const refuse = (errors: FieldErrors) => new ValidationError(Object.values(errors)[0], Object.entries(errors).map(([path, message]) => ({ path, message })));

export function interventionReportsApiRoutes(ctx: Ctx): Route[] {
  const figure = async (req: Request, id: string, year: number) => {
    const f = await reports.outcomesOf(ctx, forbundOf(req), id, year);
    if (!f) throw new NotFoundError(`Ingen insatsrapport för insatsen ${year}.`);
    return outcomesJson(f, year, await reports.hiddenOfYear(ctx, forbundOf(req), year));
  };
  return [
    put("/api/v1/interventions/:id/outcomes/:year", "apiKoordinator", async (req, res) => {
      const { id, year } = parseParams(interventionYearParams, req.params);
      await reports.outcomesOf(ctx, forbundOf(req), id, year); // 404 for another förbund's insats, before any validation
      const saved = await reports.setOutcomes(ctx, forbundUserOf(req), id, year, apiParse(apiOutcomes, req.body));
      if (!saved.ok) throw refuse(saved.errors);
      res.json(await figure(req, id, year));
    }),
    get("/api/v1/interventions/:id/outcomes/:year", "api", async (req, res) => {
      const { id, year } = parseParams(interventionYearParams, req.params);
      res.json(await figure(req, id, year));
    }),
    post("/api/v1/intervention-reports", "apiKoordinator", async (req, res) => {
      const input = apiParse(apiReport, req.body);
      const saved = await reports.createReport(ctx, forbundUserOf(req), input);
      if (!saved.ok) throw refuse(saved.errors);
      res.status(201).json({ id: saved.id });
    }),
    get("/api/v1/intervention-reports", "api", async (req, res) => {
      const year = apiParse(apiYearQuery, req.query, undefined, "(query)").year ?? currentYear(ctx.clock);
      const list = await reports.listReports(ctx, forbundOf(req), year);
      const figures = await reports.yearFigures(ctx, forbundOf(req), year, list);
      res.json({ year, reports: list.map(reportJson), interventions: figures.map(yearFigureJson) });
    }),
  ];
}
