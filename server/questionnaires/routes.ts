/**
 * Enkäter: the list, the editor of the förbund's own questionnaires (plain forms, one question at a
 * time, works without JavaScript), translations (form and XLSX), preview, publishing, JSON export
 * and import; and the questionnaires API.
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Route } from "../http/route.js";
import { parseForm, parseParams, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import { apiParse, questionIssues, zodIssues } from "../http/api.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import type { Definition } from "../../surveys/define.js";
import * as questionnaires from "./service.js";
import * as present from "./present.js";
import { readTextsWorkbook, textsWorkbook } from "./xlsx.js";
import { cleanDeep } from "../http/clean.js";
import {
  addQuestionForm, definitionQuery, idParam, importForm, moveForm, newForm, previewQuery, questionForm, questionParam,
  sectionForm, settingsForm, translationBody, translationForm, translationParams, translationQuery, translationVersionQuery, versionParam,
} from "./schema.js";

const editorPath = (id: string) => `/enkater/${id}`;
const sectionParam = (req: Request) => Number.parseInt(String(req.params.index), 10);
/** Admins may import NNS text as a new version of a standard questionnaire; the superadmin for every förbund. */
const importRights = (req: Request) => ({ mayImportNns: atLeast(forbundUserOf(req).role, "admin"), mayImportEverywhere: forbundUserOf(req).role === "superadmin" });

export function questionnairesRoutes(ctx: Ctx): Route[] {
  const key = (req: Request) => parseParams(idParam, req.params).id;
  const list = (req: Request) => questionnaires.list(ctx, forbundOf(req));

  const newPage = async (req: Request, values: object, errors: FieldErrors = {}) => ({
    title: "Ny enkät", values, errors, fromChoices: present.fromChoices(await list(req)), groupChoices: present.groupChoices,
  });
  const editorPage = async (req: Request, extra: { errors?: FieldErrors; values?: object } = {}) => {
    const e = await questionnaires.editable(ctx, forbundUserOf(req), key(req));
    return {
      title: `Enkät: ${e.draft.title?.sv ?? e.row.key}`, q: present.editorView(e), errors: {}, values: present.settingsValues(e.draft),
      groupChoices: present.groupChoices, languageCheckboxes: present.languageCheckboxes, ...extra,
    };
  };
  const questionPage = async (req: Request, qid: string, values?: object, errors: FieldErrors = {}) => {
    const e = await questionnaires.editable(ctx, forbundUserOf(req), key(req));
    const q = e.draft.sections.flatMap((s) => s.questions).find((x) => x.id === qid);
    if (!q) throw new NotFoundError("Frågan finns inte i enkäten.");
    return { title: `Fråga ${qid}`, page: present.questionPageView(e, qid), values: values ?? present.questionValues(q), errors };
  };
  const definitionPage = (res: Response, def: Definition, extra: { heading: string; note: string; editable: boolean; previewHref: string; jsonHref: string; translations?: unknown[] }) =>
    res.render("questionnaires/show", { title: extra.heading, def: present.definitionView(def), translations: [], ...extra });

  return [
    get("/enkater", "signedIn", async (req, res) => {
      res.render("questionnaires/index", { title: "Enkäter", ...present.listView(await list(req)), mayEdit: atLeast(forbundUserOf(req).role, "koordinator") });
    }),
    get("/enkater/ny", "koordinator", async (req, res) => {
      const from = typeof req.query.fran === "string" ? req.query.fran : "";
      res.render("questionnaires/new", await newPage(req, { id: "", title: "", respondentGroup: "", from }));
    }),
    post("/enkater", "koordinator", async (req, res) => {
      const form = parseForm(newForm, req.body);
      const made = form.ok ? await questionnaires.create(ctx, forbundUserOf(req), form.data) : form;
      if (!made.ok) return res.status(422).render("questionnaires/new", await newPage(req, { ...req.body }, made.errors));
      req.session.flash = "Enkäten är skapad som utkast. Ändra frågorna och publicera den när den är klar.";
      await seeOther(req, res, editorPath(made.id));
    }),
    get("/enkater/importera", "koordinator", (req, res) => {
      res.render("questionnaires/import", { title: "Importera enkät", values: { json: "" }, errors: {}, issues: [], ...importRights(req) });
    }),
    post("/enkater/importera", "koordinator", async (req, res) => {
      const form = parseForm(importForm, req.body);
      const again = (errors: FieldErrors, issues: string[] = [], status = 422) =>
        res.status(status).render("questionnaires/import", {
          title: "Importera enkät", values: { json: String(req.body?.json ?? ""), everyForbund: req.body?.everyForbund === "on" }, errors, issues, ...importRights(req),
        });
      if (!form.ok) return again(form.errors);
      let json: unknown;
      try { json = JSON.parse(form.data.json); } catch { return again({ json: "Texten är inte giltig JSON. Klistra in hela filen som laddades ner från en enkät." }); }
      if (questionnaires.isNnsText(json)) {
        const user = forbundUserOf(req), id = json.id;
        if (!atLeast(user.role, "admin")) return again({ json: "Bara förbundets administratör kan läsa in NNS text som en ny version av en standardenkät." }, [], 403);
        if (form.data.everyForbund && user.role === "superadmin") {
          const all = await questionnaires.importNnsVersionEverywhere(ctx, user, id, cleanDeep(json));
          const failed = all.filter((a) => !a.result.ok);
          if (failed.length === all.length) return again({ json: "NNS texten kunde inte läsas in i något förbund – se listan nedan." }, present.nnsIssues(all));
          req.session.flash = present.nnsEverywhereMessage(id, all);
          return seeOther(req, res, `/enkater/${id}`);
        }
        const done = await questionnaires.importNnsVersion(ctx, user, id, cleanDeep(json));
        if (!done.ok) return again({ json: "NNS texten stämmer inte med standardenkäten – se listan nedan." }, done.issues.map((i) => i.message));
        req.session.flash = present.nnsImportedMessage(done);
        return seeOther(req, res, `/enkater/${id}`);
      }
      // JSON escapes (\u0000, a lone \ud800) become characters only now, after the form's own cleaning
      const made = await questionnaires.importDefinition(ctx, forbundUserOf(req), cleanDeep(json));
      if (!made.ok) return again({ json: "Enkäten följer inte schemat – se listan nedan." }, made.issues.map((i) => i.message));
      req.session.flash = `Enkäten ${made.id} är importerad som utkast.`;
      await seeOther(req, res, editorPath(made.id));
    }),

    get("/enkater/:id", "signedIn", async (req, res) => {
      const id = key(req), user = forbundUserOf(req);
      if (questionnaires.isStandard(id) || !atLeast(user.role, "koordinator")) {
        const def = (await questionnaires.definitionJson(ctx, forbundOf(req), id)) as Definition;
        const standard = questionnaires.isStandard(id);
        // Koordinatorer and admins translate a standard questionnaire as language versions of it, never as a copy.
        const translations = standard && atLeast(user.role, "koordinator")
          ? present.languageVersionsList(id, await questionnaires.languageVersionsOf(ctx, user.forbundId, id)) : [];
        return definitionPage(res, def, {
          heading: present.titleOf(def), editable: false, previewHref: `/enkater/${id}/forhandsvisning`, jsonHref: `/enkater/${id}/definition.json`,
          note: standard ? present.standardNote(def) : "", translations,
        });
      }
      res.render("questionnaires/edit", await editorPage(req));
    }),
    get("/enkater/:id/definition.json", "signedIn", async (req, res) => {
      const q = definitionQuery.safeParse(req.query);
      if (!q.success) throw new NotFoundError();
      const json = present.definitionJsonView(await questionnaires.definitionJson(ctx, forbundOf(req), key(req), q.data), q.data);
      res.attachment(`${key(req)}${q.data.draft ? "-utkast" : ""}.json`).type("json").send(JSON.stringify(json, null, 2));
    }),
    get("/enkater/:id/versioner/:version", "signedIn", async (req, res) => {
      const { id, version } = parseParams(versionParam, req.params);
      const v = await questionnaires.versionOf(ctx, forbundOf(req), id, version);
      definitionPage(res, v.definition, {
        heading: `${present.titleOf(v.definition)}, version ${version}`, editable: false,
        previewHref: `/enkater/${id}/forhandsvisning?version=${version}`, jsonHref: `/enkater/${id}/definition.json?version=${version}`,
        note: v.changed.length ? `Frågor som ändrades i den här versionen och därför inte jämförs med tidigare år: ${v.changed.join(", ")}.` : "",
      });
    }),
    post("/enkater/:id/installningar", "koordinator", async (req, res) => {
      const form = parseForm(settingsForm, req.body);
      if (!form.ok) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: form.errors, values: present.typedSettings(req.body) }));
      await questionnaires.saveSettings(ctx, forbundUserOf(req), key(req), form.data);
      req.session.flash = "Enkätens uppgifter är sparade i utkastet.";
      await seeOther(req, res, editorPath(key(req)));
    }),
    post("/enkater/:id/avsnitt", "koordinator", async (req, res) => {
      const form = parseForm(sectionForm, req.body);
      if (!form.ok) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: { sectionTitle: form.errors.title } }));
      await questionnaires.addSection(ctx, forbundUserOf(req), key(req), form.data.title);
      req.session.flash = "Ett nytt avsnitt är tillagt sist i enkäten.";
      await seeOther(req, res, editorPath(key(req)));
    }),
    post("/enkater/:id/avsnitt/:index", "koordinator", async (req, res) => {
      const form = parseForm(sectionForm, req.body);
      const index = sectionParam(req);
      if (!form.ok || Number.isNaN(index)) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: { [`section-${index}`]: form.ok ? "Avsnittet finns inte." : form.errors.title } }));
      const remove = req.body?.action === "remove";
      await questionnaires.changeSection(ctx, forbundUserOf(req), key(req), index, { title: form.data.title, remove });
      req.session.flash = remove ? "Avsnittet är borttaget." : "Avsnittets rubrik är sparad.";
      await seeOther(req, res, editorPath(key(req)));
    }),
    post("/enkater/:id/fragor", "koordinator", async (req, res) => {
      const form = parseForm(addQuestionForm, req.body);
      if (!form.ok) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: { [`kind-${String(req.body?.section ?? 0)}`]: form.errors.kind ?? "Välj en frågetyp." } }));
      const qid = await questionnaires.addQuestionOf(ctx, forbundUserOf(req), key(req), form.data.kind, form.data.section);
      req.session.flash = `Frågan ${qid} är tillagd. Skriv frågan och spara.`;
      await seeOther(req, res, `${editorPath(key(req))}/fragor/${qid}`);
    }),
    get("/enkater/:id/fragor/:qid", "koordinator", async (req, res) => {
      const { qid } = parseParams(questionParam, req.params);
      res.render("questionnaires/question", await questionPage(req, qid));
    }),
    post("/enkater/:id/fragor/:qid", "koordinator", async (req, res) => {
      const { qid } = parseParams(questionParam, req.params);
      const form = parseForm(questionForm, req.body);
      const saved = form.ok ? await questionnaires.saveQuestion(ctx, forbundUserOf(req), key(req), qid, form.data) : form;
      if (!saved.ok) return res.status(422).render("questionnaires/question", await questionPage(req, qid, present.typedQuestion(req.body), saved.errors));
      req.session.flash = `Frågan ${saved.id} är sparad i utkastet.`;
      await seeOther(req, res, `${editorPath(key(req))}#fraga-${saved.id}`);
    }),
    post("/enkater/:id/fragor/:qid/flytta", "koordinator", async (req, res) => {
      const { qid } = parseParams(questionParam, req.params);
      const form = parseForm(moveForm, req.body);
      await questionnaires.editable(ctx, forbundUserOf(req), key(req)); // 404 for another förbund's, whatever was sent
      if (form.ok) await questionnaires.moveQuestionIn(ctx, forbundUserOf(req), key(req), qid, form.data.direction);
      req.session.flash = form.ok ? `Frågan ${qid} är flyttad ${form.data.direction === "up" ? "upp" : "ner"}.` : "Välj upp eller ner.";
      await seeOther(req, res, `${editorPath(key(req))}#fraga-${qid}`);
    }),
    post("/enkater/:id/fragor/:qid/ta-bort", "koordinator", async (req, res) => {
      const { qid } = parseParams(questionParam, req.params);
      await questionnaires.removeQuestionFrom(ctx, forbundUserOf(req), key(req), qid);
      req.session.flash = `Frågan ${qid} är borttagen ur utkastet.`;
      await seeOther(req, res, editorPath(key(req)));
    }),
    get("/enkater/:id/oversattning", "koordinator", async (req, res) => {
      const lang = translationQuery.safeParse(req.query).data?.lang;
      if (questionnaires.isStandard(key(req))) {
        if (!lang || lang === "sv") return seeOther(req, res, editorPath(key(req)));
        const t = present.languageVersionView(await questionnaires.translationOf(ctx, forbundUserOf(req), key(req), lang));
        return res.render("questionnaires/translate", { title: `Översättning: ${t.languageName}`, t, errors: {} });
      }
      const e = await questionnaires.editable(ctx, forbundUserOf(req), key(req));
      if (!lang || lang === "sv") return seeOther(req, res, editorPath(key(req)));
      res.render("questionnaires/translate", { title: `Översättning: ${lang}`, t: present.translationView(e, lang), errors: {} });
    }),
    post("/enkater/:id/oversattning", "koordinator", async (req, res) => {
      const lang = translationQuery.safeParse(req.query).data?.lang;
      const form = parseForm(translationForm, req.body);
      if (questionnaires.isStandard(key(req))) {
        if (!lang || lang === "sv" || !form.ok) return seeOther(req, res, editorPath(key(req)));
        const reviewed = (req.body as Record<string, unknown>).granskad === "ja";
        const saved = await questionnaires.saveTranslationOf(ctx, forbundUserOf(req), key(req), lang, undefined, form.data, reviewed ? "granskad" : "utkast");
        req.session.flash = saved.ok && saved.complete ? "Språkversionen är sparad och komplett." : "Språkversionen är sparad.";
        return seeOther(req, res, `${editorPath(key(req))}/oversattning?lang=${encodeURIComponent(lang)}`);
      }
      await questionnaires.editable(ctx, forbundUserOf(req), key(req));
      if (!lang || lang === "sv" || !form.ok) return seeOther(req, res, editorPath(key(req)));
      await questionnaires.saveTranslations(ctx, forbundUserOf(req), key(req), { [lang]: form.data });
      req.session.flash = "Översättningen är sparad i utkastet.";
      await seeOther(req, res, `${editorPath(key(req))}/oversattning?lang=${encodeURIComponent(lang)}`);
    }),
    get("/enkater/:id/texter.xlsx", "koordinator", async (req, res) => {
      const e = await questionnaires.editable(ctx, forbundUserOf(req), key(req));
      res.attachment(`${e.row.key} texter.xlsx`).type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(await textsWorkbook(e.draft));
    }),
    post("/enkater/:id/texter", "koordinator", async (req, res) => {
      const file = (req as Request & { file?: { buffer: Buffer } }).file;
      const problem = res.locals.uploadError as string | undefined;
      const read = problem ? { ok: false as const, message: problem } : file ? await readTextsWorkbook(file.buffer) : { ok: false as const, message: "Välj en Excel-fil (.xlsx) att läsa in." };
      if (!read.ok) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: { file: read.message } }));
      await questionnaires.saveTranslations(ctx, forbundUserOf(req), key(req), read.byLanguage);
      const langs = Object.keys(read.byLanguage);
      req.session.flash = langs.length ? `Översättningarna är inlästa: ${langs.join(", ")}.` : "Filen hade inga språkkolumner att läsa in.";
      await seeOther(req, res, editorPath(key(req)));
    }),
    post("/enkater/:id/publicera", "koordinator", async (req, res) => {
      const done = await questionnaires.publish(ctx, forbundUserOf(req), key(req));
      if (!done.ok) return res.status(422).render("questionnaires/edit", await editorPage(req, { errors: { publish: "Utkastet har fel som måste rättas innan det kan publiceras – se listan." } }));
      req.session.flash = present.publishedMessage(done);
      await seeOther(req, res, editorPath(key(req)));
    }),
    get("/enkater/:id/forhandsvisning", "signedIn", async (req, res) => {
      const q = previewQuery.parse(req.query);
      const found = await questionnaires.previewOf(ctx, forbundUserOf(req), key(req), q.version);
      res.render("questionnaires/preview", { title: `Förhandsvisning: ${found.def ? present.titleOf(found.def) : key(req)}`, ...present.previewFrame(key(req), found, q) });
    }),
    get("/enkater/:id/forhandsvisning/sida", "signedIn", async (req, res) => {
      const q = previewQuery.parse(req.query);
      const { def } = await questionnaires.previewOf(ctx, forbundUserOf(req), key(req), q.version);
      if (!def) return seeOther(req, res, `/enkater/${key(req)}/forhandsvisning`);
      const lang = q.lang && def.languages.includes(q.lang) ? q.lang : "sv";
      const total = def.sections.length;
      const page = (q.sida ?? 0) + (q.action === "next" ? 1 : q.action === "back" ? -1 : 0);
      const frame = `/enkater/${key(req)}/forhandsvisning/sida${q.version ? `?version=${q.version}` : ""}`;
      if (page > total) return res.render("answering/message", present.previewDone(def, lang, frame));
      const p = present.previewPage(def, "forhandsvisning", lang, Math.max(0, page), frame);
      res.render(p.view, p.model);
    }),
  ];
}

export function questionnairesApiRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const invalid = (issues: questionnaires.DraftIssue[]) => new ValidationError("Enkäten följer inte schemat.", questionIssues(issues, "(body)"));
  return [
    get("/api/v1/questionnaires", "api", async (req, res) => {
      res.json({ questionnaires: present.listJson(await questionnaires.list(ctx, forbundOf(req))) });
    }),
    get("/api/v1/questionnaires/:id", "api", async (req, res) => {
      const q = definitionQuery.safeParse(req.query);
      if (!q.success) throw new ValidationError("Ogiltig fråga.", zodIssues(q.error, "(query)"));
      res.json(present.definitionJsonView(await questionnaires.definitionJson(ctx, forbundOf(req), id(req), q.data), q.data));
    }),
    post("/api/v1/questionnaires/:id/versions", "apiAdmin", async (req, res) => {
      const done = await questionnaires.importNnsVersion(ctx, forbundUserOf(req), id(req), cleanDeep(req.body ?? {}));
      if (!done.ok) {
        throw new ValidationError("Versionen kan inte läsas in.", done.issues.map((i) => ({ question: i.question ?? null, path: i.path ?? i.question ?? "(body)", message: i.message })));
      }
      res.status(201).json({ id: done.id, version: done.version });
    }),
    post("/api/v1/questionnaires", "apiKoordinator", async (req, res) => {
      const made = await questionnaires.importDefinition(ctx, forbundUserOf(req), req.body);
      if (!made.ok) throw invalid(made.issues);
      res.status(201).json({ id: made.id, version: made.version });
    }),
    put("/api/v1/questionnaires/:id", "apiKoordinator", async (req, res) => {
      const saved = await questionnaires.replaceDraft(ctx, forbundUserOf(req), id(req), req.body);
      if (!saved.ok) throw invalid(saved.issues);
      res.json({ id: saved.id, version: saved.version });
    }),
    get("/api/v1/questionnaires/:id/translations/:lang", "apiKoordinator", async (req, res) => {
      const p = apiParse(translationParams, req.params, "Ogiltig adress.", "(path)");
      const q = apiParse(translationVersionQuery, req.query, "Ogiltig fråga.", "(query)");
      res.json(present.translationJson(await questionnaires.translationOf(ctx, forbundUserOf(req), p.id, p.lang, q.version)));
    }),
    put("/api/v1/questionnaires/:id/translations/:lang", "apiKoordinator", async (req, res) => {
      const p = apiParse(translationParams, req.params, "Ogiltig adress.", "(path)");
      const q = apiParse(translationVersionQuery, req.query, "Ogiltig fråga.", "(query)");
      const body = apiParse(translationBody, cleanDeep(req.body ?? {}), "Översättningen har fel form.");
      const saved = await questionnaires.saveTranslationOf(ctx, forbundUserOf(req), p.id, p.lang, q.version, body.texts, body.state);
      if (!saved.ok) {
        throw new ValidationError(`Enkätversionen har ingen text med nyckeln ${saved.unknown.join(", ")}.`,
          saved.unknown.map((k) => ({ path: `texts.${k}`, message: `Nyckeln ${k} finns inte i enkätversionen. Hämta nycklarna med GET på samma adress.` })));
      }
      res.json({ complete: saved.complete, missing: saved.missing });
    }),
    post("/api/v1/questionnaires/:id/publish", "apiKoordinator", async (req, res) => {
      const done = await questionnaires.publish(ctx, forbundUserOf(req), id(req));
      if (!done.ok) throw invalid(done.issues);
      res.json(present.publishedJson(done));
    }),
  ];
}
