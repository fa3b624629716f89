/** Results: per insamling and per year (with CSV, and the goals that apply beside them), the results API, and chart.js itself. */
import path from "node:path";
import { createRequire } from "node:module";
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid } from "../http/forms.js";
import { forbundOf, forbundWide, forbundUserOf } from "../http/guards.js";
import * as results from "./service.js";
import * as goals from "../goals/service.js";
import { collectionResultsView, filterChoices, overviewRows, resultsCsv, resultsJson, yearResultsJson, yearResultsView } from "./present.js";
import { idParam, yearFilter } from "./schema.js";
import { currentYear } from "../dates.js";
import { apiParse, invalidFields } from "../http/api.js";
import { ValidationError } from "../errors.js";

// chart.js exports no path to its browser build, so it is found beside the package's main file.
const chartJsFile = path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");

export function resultsRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const year = () => currentYear(ctx.clock);

  const filterPage = async (req: Request) => {
    const o = await results.overview(ctx, forbundUserOf(req));
    const questionnaires = await results.questionnaireChoices(ctx, forbundOf(req));
    return { rows: overviewRows(o.list, o.counts, o.org), choices: filterChoices({ ...o, questionnaires }, year()) };
  };

  return [
    get("/static/vendor/chart.umd.min.js", "public", (_req, res) => {
      res.sendFile(chartJsFile, { maxAge: "365d", immutable: true });
    }),

    get("/resultat", "signedIn", async (req, res) => {
      res.render("results/index", { title: "Resultat", ...(await filterPage(req)), errors: {}, values: { year: String(year()) } });
    }),
    get("/resultat/insamling/:id.csv", "signedIn", async (req, res) => {
      const r = await results.collectionResults(ctx, forbundUserOf(req), id(req));
      await results.recordExport(ctx, forbundUserOf(req), { collectionId: r.collection.id, format: "csv" });
      res.attachment(`resultat-${r.collection.year}-${r.collection.slug}.csv`).type("text/csv; charset=utf-8").send(resultsCsv(r.view));
    }),
    get("/resultat/insamling/:id", "signedIn", async (req, res) => {
      const r = await results.collectionResults(ctx, forbundUserOf(req), id(req), { texts: true });
      res.render("results/collection", { title: `Resultat: ${r.collection.name}`, r: collectionResultsView(await goals.withGoals(ctx, r, r.collection)) });
    }),
    get("/resultat/ar.csv", "signedIn", forbundWide, async (req, res) => {
      const form = parseForm(yearFilter, req.query);
      const out = form.ok ? await results.yearResults(ctx, forbundUserOf(req), form.data) : form;
      if (!out.ok) throw new ValidationError(`Välj år och enkät: ${Object.values(out.errors).join(" ")}`);
      await results.recordExport(ctx, forbundUserOf(req), { ...out.results.filter, format: "csv" });
      res.attachment(`resultat-${out.results.filter.year}-${out.results.filter.questionnaire}.csv`).type("text/csv; charset=utf-8").send(resultsCsv(out.results.view));
    }),
    get("/resultat/ar", "signedIn", forbundWide, async (req, res) => {
      const form = parseForm(yearFilter, req.query);
      const out = form.ok ? await results.yearResults(ctx, forbundUserOf(req), form.data, { texts: true }) : form;
      if (!out.ok) return renderInvalid(res, "results/index", out.errors, req.query, { title: "Resultat", ...(await filterPage(req)) });
      const { choices } = await filterPage(req);
      const r = await goals.withGoals(ctx, out.results, out.results.filter);
      res.render("results/year", { title: `Resultat ${r.filter.year}`, r: yearResultsView(r), choices, values: r.filter });
    }),
  ];
}


export function resultsApiRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;

  return [
    // A koordinator reads their kommunområden's insamlingar (403 for others); admins and läsare all of the förbund's.
    get("/api/v1/collections/:id/results", "api", async (req, res) => {
      const r = await results.collectionResults(ctx, forbundUserOf(req), id(req));
      res.json(resultsJson(await goals.withGoals(ctx, r, r.collection)));
    }),
    get("/api/v1/results", "api", forbundWide, async (req, res) => {
      const out = await results.yearResults(ctx, forbundUserOf(req), apiParse(yearFilter, req.query, undefined, "(query)"));
      if (!out.ok) throw invalidFields(out.errors);
      res.json(yearResultsJson(await goals.withGoals(ctx, out.results, out.results.filter)));
    }),
  ];
}
