/**
 * Groups of förbund and the nation: the platform's group pages (superadmin), the förbund's groups and sharing
 * (/forbundsgrupper: readers see, the admin chooses), the comparison page and bilaga, the national view (nationell läsare),
 * and the API (POST /api/v1/platform/groups, PUT /api/v1/sharing/:groupId, GET /api/v1/groups/:id/comparison,
 * GET /api/v1/national/indicators).
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, seeOther, type FieldErrors } from "../http/forms.js";
import { forbundUserOf, forbundWide, userOf } from "../http/guards.js";
import { apiParse, invalidFields, refusal } from "../http/api.js";
import { atLeast } from "../accounts/roles.js";
import { currentYear } from "../dates.js";
import * as reports from "../reports/service.js";
import * as accounts from "../accounts/service.js";
import * as groups from "./service.js";
import { columnHeads, comparisonJson, outcomeTable, comparisonModel, comparisonRows, goalRows, nationalJson, nationalModel } from "./present.js";
import {
  apiCreateGroup, apiSharing, comparisonQuery, createGroupForm, fileQuery, groupParam, inviteForm, nationalApiQuery, nationalReaderForm, nationalYearQuery, sharingForm, sharingParam,
} from "./schema.js";

const slug = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

export function groupsRoutes(ctx: Ctx): Route[] {
  const platformPage = async (res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}, status = 200) => {
    const locals = { title: "Grupper av förbund", groups: await groups.platformGroups(ctx), forbund: await groups.forbundChoices(ctx) };
    if (status === 422) return renderInvalid(res, "groups/platform", errors, values, locals);
    res.render("groups/platform", { ...locals, errors, values });
  };
  const forbundPage = async (req: Request, res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}, form: string | null = null) => {
    const user = forbundUserOf(req);
    const locals = {
      title: "Grupper och delning", ...(await groups.forbundGroups(ctx, user)), isAdmin: atLeast(user.role, "admin"), form,
      questionnaires: groups.shareableQuestionnaires, nationalQuestionnaires: groups.nationalQuestionnaires, thisYear: currentYear(ctx.clock),
    };
    if (form) return renderInvalid(res, "groups/index", errors, values, locals);
    res.render("groups/index", { ...locals, errors, values });
  };
  const typed = (req: Request) => ({ questionnaire: req.body?.questionnaire, year: req.body?.year });

  return [
    get("/plattform/forbundsgrupper", "superadmin", async (_req, res) => platformPage(res)),
    post("/plattform/forbundsgrupper", "superadmin", async (req, res) => {
      const values = { name: req.body?.name, forbundIds: [req.body?.forbundIds ?? []].flat() };
      const form = parseForm(createGroupForm, req.body ?? {});
      if (!form.ok) return platformPage(res, form.errors, values, 422);
      const created = await groups.createGroup(ctx, userOf(req), form.data);
      if (!created.ok) return platformPage(res, created.errors, values, 422);
      req.session.flash = `Gruppen ${form.data.name} är skapad och ${form.data.forbundIds.length} förbund är inbjudna.`;
      await seeOther(req, res, "/plattform/forbundsgrupper");
    }),
    post("/plattform/forbundsgrupper/:id/inbjudan", "superadmin", async (req, res) => {
      const { id } = parseParams(groupParam, req.params);
      const form = parseForm(inviteForm, req.body ?? {});
      if (!form.ok) return platformPage(res, form.errors, {}, 422);
      const done = await groups.inviteForbund(ctx, userOf(req), id, form.data.forbundIds);
      if (!done.ok) return platformPage(res, done.errors, {}, 422);
      req.session.flash = `${done.added} förbund är inbjudna till gruppen.`;
      await seeOther(req, res, "/plattform/forbundsgrupper");
    }),

    post("/plattform/nationella-lasare", "superadmin", async (req, res) => {
      const values = { readerName: req.body?.readerName, readerEmail: req.body?.readerEmail };
      const form = parseForm(nationalReaderForm, req.body ?? {});
      if (!form.ok) return platformPage(res, form.errors, values, 422);
      const done = await accounts.inviteNationalReader(ctx, userOf(req), { name: form.data.readerName, email: form.data.readerEmail });
      if (!done.ok) return platformPage(res, { readerEmail: done.errors.email }, values, 422);
      req.session.flash = `En inbjudan har skickats till ${form.data.readerEmail}.`;
      await seeOther(req, res, "/plattform/forbundsgrupper");
    }),

    get("/forbundsgrupper", "signedIn", forbundWide, async (req, res) => forbundPage(req, res)),
    post("/forbundsgrupper/nationell-delning", "admin", async (req, res) => {
      const form = parseForm(sharingForm, req.body ?? {});
      if (!form.ok) return forbundPage(req, res, form.errors, typed(req), "national");
      const done = await groups.setNationalSharing(ctx, forbundUserOf(req), form.data);
      if (!done.ok) return forbundPage(req, res, done.errors, typed(req), "national");
      req.session.flash = done.share ? `Förbundet delar nu ${form.data.year} nationellt.` : `Förbundet delar inte längre ${form.data.year} nationellt.`;
      await seeOther(req, res, "/forbundsgrupper");
    }),
    post("/forbundsgrupper/:id/delning", "admin", async (req, res) => {
      const { id } = parseParams(groupParam, req.params);
      await groups.checkMember(ctx, forbundUserOf(req), id);
      const form = parseForm(sharingForm, req.body ?? {});
      if (!form.ok) return forbundPage(req, res, form.errors, typed(req), id);
      const done = await groups.setGroupSharing(ctx, forbundUserOf(req), id, form.data);
      if (!done.ok) return forbundPage(req, res, done.errors, typed(req), id);
      req.session.flash = done.share ? `Förbundet delar nu sina siffror för ${form.data.year} med gruppen.` : `Förbundet delar inte längre sina siffror för ${form.data.year} med gruppen.`;
      await seeOther(req, res, "/forbundsgrupper");
    }),
    get("/forbundsgrupper/:id/jamforelse", "signedIn", forbundWide, async (req, res) => {
      const { id } = parseParams(groupParam, req.params);
      await groups.checkMember(ctx, forbundUserOf(req), id);
      const q = parseForm(comparisonQuery, req.query);
      if (!q.ok) return forbundPage(req, res, q.errors, {}, id);
      const out = await groups.groupComparison(ctx, forbundUserOf(req), id, q.data);
      if (!out.ok) return forbundPage(req, res, out.errors, {}, id);
      const c = out.comparison;
      res.render("groups/comparison", {
        title: `Jämförelse ${c.group.name}`, c, heads: columnHeads(c), rows: comparisonRows(c), goals: goalRows(c), questionnaire: c.definition.id,
        outcomes: outcomeTable(c),
        questionnaireTitle: groups.shareableQuestionnaires.find((x) => x.value === c.definition.id)?.label, formats: reports.formatLabels,
      });
    }),
    get("/forbundsgrupper/:id/jamforelse/fil", "signedIn", forbundWide, async (req, res) => {
      const { id } = parseParams(groupParam, req.params);
      await groups.checkMember(ctx, forbundUserOf(req), id);
      const q = fileQuery.safeParse(req.query);
      if (!q.success) throw invalidFields({ format: q.error.issues[0].message });
      const out = await groups.groupComparison(ctx, forbundUserOf(req), id, q.data);
      if (!out.ok) throw invalidFields(out.errors);
      const file = await reports.render(comparisonModel(out.comparison), q.data.format);
      await groups.recordExport(ctx, userOf(req), { what: "jamforelse", groupId: id, questionnaire: q.data.questionnaire, year: q.data.year, format: q.data.format });
      if (q.data.format !== "html") res.attachment(`Jämförelse ${slug(out.comparison.group.name)} ${q.data.questionnaire} ${q.data.year}.${q.data.format}`);
      res.type(file.type).send(file.body);
    }),

    get("/nationellt", "national", async (req, res) => {
      const user = userOf(req);
      const y = nationalYearQuery.safeParse(req.query);
      const year = (y.success ? y.data.year : undefined) ?? currentYear(ctx.clock);
      const overview = await groups.nationalOverview(ctx, user, year);
      const q = typeof req.query.questionnaire === "string" && req.query.questionnaire ? comparisonQuery.safeParse({ ...req.query, year: String(year) }) : null;
      const out = q?.success ? await groups.nationalIndicators(ctx, user, q.data) : null;
      const v = out?.ok ? out.national : null;
      res.status(out && !out.ok ? 422 : 200).render("groups/national", {
        title: "Nationellt", year, overview, errors: out && !out.ok ? out.errors : {}, formats: reports.formatLabels,
        v, heads: v ? columnHeads(v) : [], rows: v ? comparisonRows(v) : [], questionnaire: v?.definition.id ?? null,
        questionnaireTitle: v ? groups.nationalQuestionnaires.find((x) => x.value === v.definition.id)?.label : null,
      });
    }),
    get("/nationellt/fil", "national", async (req, res) => {
      const q = fileQuery.safeParse(req.query);
      if (!q.success) throw invalidFields({ format: q.error.issues[0].message });
      const out = await groups.nationalIndicators(ctx, userOf(req), q.data);
      if (!out.ok) throw invalidFields(out.errors);
      const file = await reports.render(nationalModel(out.national), q.data.format);
      await groups.recordExport(ctx, userOf(req), { what: "nationellt", questionnaire: q.data.questionnaire, year: q.data.year, format: q.data.format });
      if (q.data.format !== "html") res.attachment(`Indikatorer nationellt ${q.data.questionnaire} ${q.data.year}.${q.data.format}`);
      res.type(file.type).send(file.body);
    }),
  ];
}

export function groupsApiRoutes(ctx: Ctx): Route[] {
  return [
    post("/api/v1/platform/groups", "apiSuperadmin", async (req, res) => {
      const body = apiParse(apiCreateGroup, req.body);
      const created = await groups.createGroup(ctx, userOf(req), body);
      if (!created.ok) throw refusal(created);
      res.status(201).json({ id: created.id });
    }),
    put("/api/v1/sharing/national", "apiAdmin", async (req, res) => {
      const body = apiParse(apiSharing, req.body);
      const done = await groups.setNationalSharing(ctx, forbundUserOf(req), body);
      if (!done.ok) throw refusal(done);
      res.json({ questionnaire: body.questionnaire, year: body.year, share: done.share });
    }),
    put("/api/v1/sharing/:groupId", "apiAdmin", async (req, res) => {
      const { groupId } = parseParams(sharingParam, req.params);
      await groups.checkMember(ctx, forbundUserOf(req), groupId); // 404 for a group the förbund is not in, before any validation
      const body = apiParse(apiSharing, req.body);
      const done = await groups.setGroupSharing(ctx, forbundUserOf(req), groupId, body);
      if (!done.ok) throw refusal(done);
      res.json({ groupId, questionnaire: body.questionnaire, year: body.year, share: done.share });
    }),
    get("/api/v1/groups/:id/comparison", "api", forbundWide, async (req, res) => {
      const { id } = parseParams(groupParam, req.params);
      await groups.checkMember(ctx, forbundUserOf(req), id);
      const q = apiParse(comparisonQuery, req.query, "Frågan är felaktig.", "(query)");
      const out = await groups.groupComparison(ctx, forbundUserOf(req), id, q);
      if (!out.ok) throw refusal(out);
      res.json(comparisonJson(out.comparison));
    }),
    get("/api/v1/national/indicators", "apiNational", async (req, res) => {
      const q = apiParse(nationalApiQuery, req.query, "Frågan är felaktig.", "(query)");
      const out = await groups.nationalIndicators(ctx, userOf(req), q);
      if (!out.ok) throw refusal(out);
      if (q.format === "json") return res.json(nationalJson(out.national));
      const file = await reports.render(nationalModel(out.national), q.format);
      await groups.recordExport(ctx, userOf(req), { what: "nationellt", questionnaire: q.questionnaire, year: q.year, format: q.format });
      res.attachment(`Indikatorer nationellt ${q.questionnaire} ${q.year}.${q.format}`).type(file.type).send(file.body);
    }),
  ];
}
