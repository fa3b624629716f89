/** Mål: the goals of a year with their verdicts (/mal), the goal form for admins, and the goals API. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, seeOther } from "../http/forms.js";
import { forbundOf, forbundWide, forbundUserOf } from "../http/guards.js";
import * as results from "../results/service.js";
import * as goals from "./service.js";
import { goalChoices, goalFormValues, goalJson, goalListRow, plannedRows, typedGoalValues } from "./present.js";
import { apiGoal, goalForm, goalYearQuery, idParam, yearPlanForm } from "./schema.js";
import { currentYear } from "../dates.js";
import { apiParse, invalidFields } from "../http/api.js";

export function goalRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const goalYear = (req: Request) => parseParams(goalYearQuery, req.query).year ?? currentYear(ctx.clock);
  const goalPage = async (req: Request) => ({
    choices: goalChoices(await results.organisationOf(ctx, forbundOf(req)), await results.questionnaireChoices(ctx, forbundOf(req))),
  });
  const editPage = async (req: Request, goalId: string) => {
    const outcome = await goals.goalOutcome(ctx, forbundOf(req), goalId);
    return { title: "Ändra mål", goal: goalListRow(outcome, await results.organisationOf(ctx, forbundOf(req))), ...(await goalPage(req)) };
  };

  return [
    // Goals: whoever reads the whole förbund reads them (http/scope.ts); admins change them.
    get("/mal", "signedIn", forbundWide, async (req, res) => {
      const y = goalYear(req);
      const page = await goals.goalsPage(ctx, forbundUserOf(req), y);
      const org = await results.organisationOf(ctx, forbundOf(req));
      res.render("goals/index", { title: `Mål ${y}`, year: y, previousCount: page.previousCount, goals: page.goals.map((o) => goalListRow(o, org)) });
    }),
    // A year's goals are created on purpose: a preview (GET, creates nothing), then the admin's POST.
    get("/mal/skapa", "admin", async (req, res) => {
      const form = parseForm(yearPlanForm, req.query);
      if (!form.ok) return renderInvalid(res, "goals/create", form.errors, {}, { title: "Skapa årets mål", year: goalYear(req), plan: null, source: "" });
      const { year, source } = form.data;
      const plan = await goals.yearPlan(ctx, forbundOf(req), year, source);
      res.render("goals/create", { title: `Skapa mål för ${year}`, year, source, plan: plannedRows(plan), errors: {}, values: {} });
    }),
    post("/mal/skapa", "admin", async (req, res) => {
      const form = parseForm(yearPlanForm, req.body);
      const out = form.ok ? await goals.createYearGoals(ctx, forbundUserOf(req), form.data.year, form.data.source) : form;
      if (!out.ok) {
        const year = form.ok ? form.data.year : goalYear(req);
        const plan = form.ok ? plannedRows(await goals.yearPlan(ctx, forbundOf(req), year, form.data.source)) : null;
        return renderInvalid(res, "goals/create", out.errors, {}, { title: `Skapa mål för ${year}`, year, source: form.ok ? form.data.source : "", plan });
      }
      req.session.flash = `${out.created} mål är skapade för ${form.ok ? form.data.year : ""}. Ändra eller ta bort dem om de inte passar.`;
      await seeOther(req, res, `/mal?year=${form.ok ? form.data.year : ""}`);
    }),
    get("/mal/ny", "admin", async (req, res) => {
      res.render("goals/new", { title: "Nytt mål", ...(await goalPage(req)), errors: {}, values: goalFormValues(undefined, { year: goalYear(req) }) });
    }),
    post("/mal/ny", "admin", async (req, res) => {
      const form = parseForm(goalForm, req.body);
      const saved = form.ok ? await goals.saveGoal(ctx, forbundUserOf(req), null, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "goals/new", saved.errors, typedGoalValues(req.body), { title: "Nytt mål", ...(await goalPage(req)) });
      req.session.flash = "Målet är sparat.";
      await seeOther(req, res, `/mal?year=${saved.goal.year}`);
    }),
    get("/mal/:id", "admin", async (req, res) => {
      const page = await editPage(req, id(req));
      res.render("goals/edit", { ...page, errors: {}, values: goalFormValues(await goals.getGoal(ctx, forbundOf(req), id(req))) });
    }),
    post("/mal/:id", "admin", async (req, res) => {
      const goalId = id(req), form = parseForm(goalForm, req.body);
      const saved = form.ok ? await goals.saveGoal(ctx, forbundUserOf(req), goalId, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "goals/edit", saved.errors, typedGoalValues(req.body), await editPage(req, goalId));
      req.session.flash = "Ändringarna är sparade.";
      await seeOther(req, res, `/mal?year=${saved.goal.year}`);
    }),
    post("/mal/:id/ta-bort", "admin", async (req, res) => {
      const g = await goals.deleteGoal(ctx, forbundUserOf(req), id(req));
      req.session.flash = "Målet är borttaget.";
      await seeOther(req, res, `/mal?year=${g.year}`);
    }),
  ];
}


/** The questions of a rule are reported at "rule", as the API names it. */
const RULE_FIELDS = { questions: "rule" };

export function goalApiRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const saved = async (req: Request, goalId: string | null) => {
    const out = await goals.saveGoal(ctx, forbundUserOf(req), goalId, apiParse(apiGoal, req.body));
    if (!out.ok) throw invalidFields(out.errors, RULE_FIELDS);
    return goalJson(await goals.goalOutcome(ctx, forbundOf(req), out.goal.id));
  };

  return [
    get("/api/v1/goals", "api", forbundWide, async (req, res) => {
      const y = apiParse(goalYearQuery, req.query, undefined, "(query)").year ?? currentYear(ctx.clock);
      res.json({ goals: (await goals.goalOutcomes(ctx, forbundOf(req), y)).map(goalJson) });
    }),
    post("/api/v1/goals", "apiAdmin", async (req, res) => {
      const goal = await saved(req, null);
      res.status(201).location(`/api/v1/goals/${goal.id}`).json(goal);
    }),
    put("/api/v1/goals/:id", "apiAdmin", async (req, res) => {
      await goals.getGoal(ctx, forbundOf(req), id(req)); // another förbund's goal: 404 before anything else
      res.json(await saved(req, id(req)));
    }),
  ];
}
