/** Results: per insamling and per year (with CSV), goals and their verdicts, the results and goals API, and chart.js itself. */
import path from "node:path";
import { createRequire } from "node:module";
import type { Request } from "express";
import type { z } from "zod";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors } from "../http/forms.js";
import { forbundOf, forbundWide, userOf } from "../http/guards.js";
import { ValidationError } from "../errors.js";
import * as results from "./service.js";
import {
  collectionResultsView, filterChoices, goalChoices, goalFormValues, goalJson, goalListRow, overviewRows, resultsCsv, resultsJson,
  typedGoalValues, yearResultsJson, yearResultsView,
} from "./present.js";
import { apiGoal, apiIssues, goalForm, goalYearQuery, idParam, yearFilter } from "./schema.js";

// chart.js exports no path to its browser build, so it is found beside the package's main file.
const chartJsFile = path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js");

export function resultsRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const year = () => results.currentYear(ctx);
  const goalYear = (req: Request) => parseParams(goalYearQuery, req.query).year ?? year();

  const filterPage = async (req: Request) => {
    const o = await results.overview(ctx, userOf(req));
    const questionnaires = await results.questionnaireChoices(ctx, forbundOf(req));
    return { rows: overviewRows(o.list, o.counts, o.org), choices: filterChoices({ ...o, questionnaires }, year()) };
  };
  const goalPage = async (req: Request) => ({
    choices: goalChoices(await results.organisationOf(ctx, forbundOf(req)), await results.questionnaireChoices(ctx, forbundOf(req))),
  });
  const editPage = async (req: Request, goalId: string) => {
    const outcome = await results.goalOutcome(ctx, forbundOf(req), goalId);
    return { title: "Ändra mål", goal: goalListRow(outcome, await results.organisationOf(ctx, forbundOf(req))), ...(await goalPage(req)) };
  };

  return [
    get("/static/vendor/chart.umd.min.js", "public", (_req, res) => {
      res.sendFile(chartJsFile, { maxAge: "365d", immutable: true });
    }),

    get("/resultat", "signedIn", async (req, res) => {
      res.render("results/index", { title: "Resultat", ...(await filterPage(req)), errors: {}, values: { year: String(year()) } });
    }),
    get("/resultat/insamling/:id.csv", "signedIn", async (req, res) => {
      const r = await results.collectionResults(ctx, userOf(req), id(req));
      await results.recordExport(ctx, userOf(req), { collectionId: r.collection.id, format: "csv" });
      res.attachment(`resultat-${r.collection.year}-${r.collection.slug}.csv`).type("text/csv; charset=utf-8").send(resultsCsv(r.view));
    }),
    get("/resultat/insamling/:id", "signedIn", async (req, res) => {
      const r = await results.collectionResults(ctx, userOf(req), id(req), { texts: true });
      res.render("results/collection", { title: `Resultat: ${r.collection.name}`, r: collectionResultsView(r) });
    }),
    get("/resultat/ar.csv", "signedIn", forbundWide, async (req, res) => {
      const form = parseForm(yearFilter, req.query);
      const out = form.ok ? await results.yearResults(ctx, userOf(req), form.data) : form;
      if (!out.ok) throw new ValidationError(`Välj år och enkät: ${Object.values(out.errors).join(" ")}`);
      await results.recordExport(ctx, userOf(req), { ...out.results.filter, format: "csv" });
      res.attachment(`resultat-${out.results.filter.year}-${out.results.filter.questionnaire}.csv`).type("text/csv; charset=utf-8").send(resultsCsv(out.results.view));
    }),
    get("/resultat/ar", "signedIn", forbundWide, async (req, res) => {
      const form = parseForm(yearFilter, req.query);
      const out = form.ok ? await results.yearResults(ctx, userOf(req), form.data, { texts: true }) : form;
      if (!out.ok) return renderInvalid(res, "results/index", out.errors, req.query, { title: "Resultat", ...(await filterPage(req)) });
      const { choices } = await filterPage(req);
      res.render("results/year", { title: `Resultat ${out.results.filter.year}`, r: yearResultsView(out.results), choices, values: out.results.filter });
    }),

    // Goals: whoever reads the whole förbund reads them (http/scope.ts); admins change them.
    get("/mal", "signedIn", forbundWide, async (req, res) => {
      const y = goalYear(req);
      const page = await results.goalsPage(ctx, userOf(req), y);
      const org = await results.organisationOf(ctx, forbundOf(req));
      res.render("results/goals", { title: `Mål ${y}`, year: y, created: page.created, goals: page.goals.map((o) => goalListRow(o, org)) });
    }),
    get("/mal/ny", "admin", async (req, res) => {
      res.render("results/goal-new", { title: "Nytt mål", ...(await goalPage(req)), errors: {}, values: goalFormValues(undefined, { year: goalYear(req) }) });
    }),
    post("/mal/ny", "admin", async (req, res) => {
      const form = parseForm(goalForm, req.body);
      const saved = form.ok ? await results.saveGoal(ctx, userOf(req), null, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "results/goal-new", saved.errors, typedGoalValues(req.body), { title: "Nytt mål", ...(await goalPage(req)) });
      req.session.flash = "Målet är sparat.";
      res.redirect(303, `/mal?year=${saved.goal.year}`);
    }),
    get("/mal/:id", "admin", async (req, res) => {
      const page = await editPage(req, id(req));
      res.render("results/goal-edit", { ...page, errors: {}, values: goalFormValues(await results.getGoal(ctx, forbundOf(req), id(req))) });
    }),
    post("/mal/:id", "admin", async (req, res) => {
      const goalId = id(req), form = parseForm(goalForm, req.body);
      const saved = form.ok ? await results.saveGoal(ctx, userOf(req), goalId, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "results/goal-edit", saved.errors, typedGoalValues(req.body), await editPage(req, goalId));
      req.session.flash = "Ändringarna är sparade.";
      res.redirect(303, `/mal?year=${saved.goal.year}`);
    }),
    post("/mal/:id/ta-bort", "admin", async (req, res) => {
      const g = await results.deleteGoal(ctx, userOf(req), id(req));
      req.session.flash = "Målet är borttaget.";
      res.redirect(303, `/mal?year=${g.year}`);
    }),
  ];
}

/** Parses a JSON body or query, or answers 422 with the issues. */
function parseJson<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationError("Uppgifterna är felaktiga.", apiIssues(r.error));
  return r.data;
}
const fieldIssues = (errors: FieldErrors) => Object.entries(errors).map(([p, message]) => ({ path: p === "questions" ? "rule" : p, message }));

export function resultsApiRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const saved = async (req: Request, goalId: string | null) => {
    const out = await results.saveGoal(ctx, userOf(req), goalId, parseJson(apiGoal, req.body));
    if (!out.ok) throw new ValidationError("Uppgifterna är felaktiga.", fieldIssues(out.errors));
    return goalJson(await results.goalOutcome(ctx, forbundOf(req), out.goal.id));
  };

  return [
    // A koordinator reads their kommunområden's insamlingar (403 for others); admins and läsare all of the förbund's.
    get("/api/v1/collections/:id/results", "api", async (req, res) => {
      res.json(resultsJson(await results.collectionResults(ctx, userOf(req), id(req))));
    }),
    get("/api/v1/results", "api", forbundWide, async (req, res) => {
      const out = await results.yearResults(ctx, userOf(req), parseJson(yearFilter, req.query));
      if (!out.ok) throw new ValidationError("Uppgifterna är felaktiga.", fieldIssues(out.errors));
      res.json(yearResultsJson(out.results));
    }),
    get("/api/v1/goals", "api", forbundWide, async (req, res) => {
      const y = parseJson(goalYearQuery, req.query).year ?? results.currentYear(ctx);
      res.json({ goals: (await results.goalOutcomes(ctx, forbundOf(req), y)).map(goalJson) });
    }),
    post("/api/v1/goals", "apiAdmin", async (req, res) => {
      const goal = await saved(req, null);
      res.status(201).location(`/api/v1/goals/${goal.id}`).json(goal);
    }),
    put("/api/v1/goals/:id", "apiAdmin", async (req, res) => {
      await results.getGoal(ctx, forbundOf(req), id(req)); // another förbund's goal: 404 before anything else
      res.json(await saved(req, id(req)));
    }),
  ];
}
