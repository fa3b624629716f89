/**
 * Avvikelser i samverkan: the public report form and the token pages (/a/*), the staff pages
 * (/avvikelser/*) and the API (/api/v1/deviations/*).
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, patch, post, type Route } from "../http/route.js";
import { parseForm, parseParams, refusedStatus, renderInvalid, renderRefused, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import { NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as deviations from "./service.js";
import { dbRateLimit } from "../ratelimit/store.js";
import { analysisJson } from "./analysis.pure.js";
import { analysisPage, answerCase, importPreview, caseJson, caseRow, caseSummaryJson, caseView, followPage, formChoices, formErrors, liftChoices, publishedRow, reportFormValues, retentionView, statusChoices, statusLabels } from "./present.js";
import {
  analysisNoteForm, analysisQuery, answerForm, apiListQuery, apiReport, apiStatus, contactEmail, effectForm, idParam, infoForm,
  liftForm, listQuery, meetingQuery, noteForm, receiptParam, reportForm, requestForm, requestParam, settingsForm, slugParam, statusForm,
  importForm, submissionKey, summaryForm, tokenParam,
} from "./schema.js";
import { currentYear, swedishDate } from "../dates.js";
import { apiParse, refusal } from "../http/api.js";
import { chooseFormLanguage, deviationWords, formLanguages, htmlLang, languageNames, type DeviationWords } from "./words.js";

const WINDOW = 15 * 60_000;

/**
 * Per IP: the token pages allow 20 misses (404) per quarter of an hour. With 256-bit tokens guessing
 * is hopeless anyway; this keeps anyone from trying. Only misses count, so a reporter who opens
 * their link often is never locked out. The public form takes 30 reports per IP and hour. Counted in the
 * database (ratelimit/store.ts), so the limits are the same with one app process or ten.
 */
function limiters(ctx: Ctx) {
  // The page is in the visitor's language (as the page they came from: ?lang=, the form's lang field or the browser).
  const tooMany = (message: "tooManyMisses" | "tooManyReports") => (req: Request, res: Response) => {
    const w = deviationWords(pageLanguage(req));
    res.status(429).set("Vary", "Accept-Language").render("error", { title: w.t("tooManyTitle"), status: 429, message: w.t(message), ...inLanguage(w) });
  };
  return {
    misses: dbRateLimit(ctx, "avvikelser:missar", {
      windowMs: WINDOW, limit: 20, standardHeaders: "draft-8", legacyHeaders: false,
      skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => res.statusCode !== 404,
      handler: tooMany("tooManyMisses"),
    }),
    reports: dbRateLimit(ctx, "avvikelser:rapporter", {
      windowMs: 60 * 60_000, limit: 30, standardHeaders: "draft-8", legacyHeaders: false, skipFailedRequests: true,
      handler: tooMany("tooManyReports"),
    }),
  };
}

/** A public page's language: ?lang= (the switch), the form's lang field when one is sent, else the browser's (words.ts). */
const pageLanguage = (req: Request) => chooseFormLanguage(req.body?.lang ?? req.query.lang, req.get("accept-language"));
/** What every page in a public page's language has: its words, the html lang, and the layout's own lines. */
const inLanguage = (w: DeviationWords) => ({ dw: w, pageLang: w.htmlLang, skipText: w.t("skip"), footerText: w.t("footer") });
/** The language switch of a public page at `path`: each language in its own name, the current one marked. */
const switchAt = (path: string, w: DeviationWords) => formLanguages.map((code) => ({
  code, name: languageNames[code], lang: htmlLang(code), href: `${path}?lang=${code}`, current: code === w.lang,
}));
/**
 * Where a public page sends the visitor next (after a post): the language is kept in the address unless the
 * browser's own preference gives it anyway.
 */
const keepLanguage = (req: Request, w: DeviationWords) => (chooseFormLanguage(undefined, req.get("accept-language")) === w.lang ? "" : `?lang=${w.lang}`);

export function deviationsRoutes(ctx: Ctx): Route[] {
  const limit = limiters(ctx);
  const today = () => swedishDate(ctx.clock.now());
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const linkMissing = (res: Response, w: DeviationWords) =>
    res.status(404).set("Vary", "Accept-Language").render("deviations/link-missing", { title: w.t("linkMissingTitle"), ...inLanguage(w) });

  // ——— Public pages, each in the language chosen by ?lang=, the form's lang field or Accept-Language (words.ts) ———
  const formPage = async (req: Request) => {
    const { publicSlug } = parseParams(slugParam, req.params);
    const found = await deviations.findByPublicSlug(ctx, publicSlug);
    if (!found) throw new NotFoundError("Det finns inget rapportformulär på den här adressen.");
    const { org, codes } = await deviations.formOptions(ctx, found.settings.forbundId);
    const rules = { allvarlig: found.settings.severeDefinition, mindreAllvarlig: found.settings.minorDefinition };
    const w = deviationWords(pageLanguage(req));
    const languages = switchAt(`/a/${publicSlug}`, w);
    return { forbundId: found.settings.forbundId, w, locals: {
      title: w.t("title"), forbundName: found.forbundName, action: `/a/${publicSlug}`, ...inLanguage(w), languages,
      summariesHref: `/a/${publicSlug}/besvarade`, ...formChoices(org, codes, today(), rules, w),
    } };
  };

  /** The follow page's locals: the case in the reporter's language, with the switch. */
  const followLocals = (req: Request, w: DeviationWords, view: deviations.FollowView) => ({
    title: w.t("caseTitle", { caseNumber: view.caseNumber }), f: followPage(view, w), ...inLanguage(w), languages: switchAt(req.path, w),
  });
  /** A party's answer page's locals, in the page's language. */
  const answerLocals = (req: Request, w: DeviationWords, view: NonNullable<Awaited<ReturnType<typeof deviations.answerView>>>) => ({
    title: w.t("answerTitle", { caseNumber: view.detail.caseNumber }), c: answerCase(view.detail, w), r: view.request,
    forbundName: view.forbundName, locked: view.locked, ...inLanguage(w), languages: switchAt(req.path, w),
  });
  /** A phone shows little of the page: the title says there are errors (as on the form). */
  const invalidTitle = <T extends { title: string }>(w: DeviationWords, locals: T) => ({ ...locals, title: w.t("errorTitle", { title: locals.title }) });

  // ——— Staff: the case page with its forms ———
  const casePage = async (req: Request, caseId: string, extra: { errors?: FieldErrors; values?: object } = {}) => {
    const user = forbundUserOf(req);
    const detail = await deviations.getCase(ctx, user, caseId);
    const c = caseView(detail);
    const [{ parties }, settings] = await Promise.all([deviations.formOptions(ctx, forbundOf(req)).then((o) => o.org), deviations.getSettings(ctx, forbundOf(req))]);
    return {
      title: `Avvikelse ${c.caseNumber}`, c, parties, statusChoices, liftChoices, isAdmin: atLeast(user.role, "admin"),
      handOutLinks: deviations.handOutLinks(ctx, detail.requests), contacts: settings.partyContacts,
      errors: extra.errors ?? {}, values: { partyIds: c.concernedPartyIds, ...(extra.values ?? {}) },
    };
  };
  /** A case form: parse, run the service, then back to the case page (or the page again with 422). */
  const caseAction = <T>(
    parse: (body: unknown) => ReturnType<typeof parseForm<import("zod").ZodType<T>>>,
    run: (req: Request, caseId: string, data: T) => Promise<deviations.Handled>,
  ) => async (req: Request, res: Response) => {
    const caseId = id(req);
    await deviations.getCase(ctx, forbundUserOf(req), caseId); // 404 before anything else outside the user's scope
    const form = parse(req.body);
    const done = form.ok ? await run(req, caseId, form.data) : form;
    if (!done.ok) return renderRefused(res, "deviations/show", done, req.body ?? {}, await casePage(req, caseId, { values: req.body ?? {} }));
    req.session.flash = done.message;
    await seeOther(req, res, `/avvikelser/${caseId}`);
  };

  const importPage = (extra: object = {}) => ({
    title: "Importera tidigare avvikelser", columns: deviations.importColumns, errors: {}, values: { csv: "" }, preview: null, lineErrors: [], ...extra,
  });

  const settingsPage = async (req: Request) => {
    const forbundId = forbundOf(req);
    const [settings, { org }, dryRun] = await Promise.all([
      deviations.getSettings(ctx, forbundId), deviations.formOptions(ctx, forbundId), deviations.retentionCandidates(ctx, forbundId),
    ]);
    return {
      title: "Inställningar för avvikelser", settings, parties: org.parties, publicUrl: deviations.publicFormUrl(ctx, settings.publicSlug),
      retention: retentionView(deviations.retentionAcceptance(settings), settings.retentionMonths, dryRun.cases),
    };
  };
  const settingsValues = (s: deviations.Settings) => ({
    answerDays: String(s.answerDays), reminderDays: String(s.reminderDays), retentionMonths: String(s.retentionMonths),
    severeDefinition: s.severeDefinition, minorDefinition: s.minorDefinition,
    ...Object.fromEntries(Object.entries(s.partyContacts).map(([p, e]) => [`contact_${p}`, e])),
  });

  return [
    // ——— Public pages: the token pages first, so that /a/uppfoljning/… is never read as a form address ———
    get("/a/uppfoljning/:token", "public", limit.misses, async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const w = deviationWords(pageLanguage(req));
      const view = await deviations.followView(ctx, token);
      if (!view) return linkMissing(res, w);
      res.set("Cache-Control", "no-store").set("Referrer-Policy", "no-referrer").set("Vary", "Accept-Language")
        .render("deviations/follow", { ...followLocals(req, w, view), errors: {}, values: {} });
    }),
    post("/a/uppfoljning/:token", "public", limit.misses, async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const w = deviationWords(pageLanguage(req));
      const view = await deviations.followView(ctx, token);
      if (!view) return linkMissing(res, w);
      const form = parseForm(infoForm(w), req.body);
      if (!form.ok) return renderInvalid(res, "deviations/follow", form.errors, req.body ?? {}, invalidTitle(w, followLocals(req, w, view)));
      await deviations.addReporterInfo(ctx, token, form.data.info);
      req.session.flash = w.t("infoAdded");
      await seeOther(req, res, `/a/uppfoljning/${token}${keepLanguage(req, w)}`);
    }),
    get("/a/svar/:token", "public", limit.misses, async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const w = deviationWords(pageLanguage(req));
      const view = await deviations.answerView(ctx, token);
      if (!view) return linkMissing(res, w);
      res.set("Cache-Control", "no-store").set("Referrer-Policy", "no-referrer").set("Vary", "Accept-Language")
        .render("deviations/answer", { ...answerLocals(req, w, view), errors: {}, values: { answer: view.request.answer ?? "" } });
    }),
    post("/a/svar/:token", "public", limit.misses, async (req, res) => {
      const { token } = parseParams(tokenParam, req.params);
      const w = deviationWords(pageLanguage(req));
      const view = await deviations.answerView(ctx, token);
      if (!view) return linkMissing(res, w);
      const form = parseForm(answerForm(w), req.body);
      if (!form.ok) return renderInvalid(res, "deviations/answer", form.errors, req.body ?? {}, invalidTitle(w, answerLocals(req, w, view)));
      const done = await deviations.answer(ctx, token, form.data.answer);
      // Both go back to the answer page with a notice: an approved answer is shown there, locked. The one refusal
      // the service gives is that the answer is already approved; it is said in the page's language.
      req.session.flash = w.t(done.ok ? "answerSaved" : "answerApproved");
      await seeOther(req, res, `/a/svar/${token}${keepLanguage(req, w)}`);
    }),
    get("/a/:publicSlug", "public", limit.misses, async (req, res) => {
      const { locals } = await formPage(req);
      res.set("Vary", "Accept-Language").render("deviations/report", { ...locals, errors: {}, values: { ...reportFormValues(undefined, today()), key: deviations.newToken() } });
    }),
    post("/a/:publicSlug", "public", limit.misses, limit.reports, async (req, res) => {
      const { forbundId, w, locals } = await formPage(req);
      const key = submissionKey.safeParse(req.body?.key);
      const values = { ...reportFormValues(req.body ?? {}, today()), key: key.success ? key.data : deviations.newToken() };
      // A phone shows little of the page: the title says there are errors, and the summary comes first (_errors.ejs).
      const invalid = { ...locals, title: w.t("errorTitle", { title: locals.title }) };
      if (!key.success) return renderInvalid(res, "deviations/report", { _form: w.t("msg.expired") }, values, invalid);
      const form = parseForm(reportForm(today(), w), req.body);
      const done = form.ok ? await deviations.report(ctx, forbundId, form.data, "form", key.data) : form;
      if (!done.ok) return renderInvalid(res, "deviations/report", formErrors(done.errors), values, invalid);
      // Post/redirect/get: a reload or a resent form shows the receipt again and files nothing. The receipt keeps
      // the form's language: named in its address unless the browser's own preference gives it anyway.
      await seeOther(req, res, `${locals.action}/kvitto/${key.data}${keepLanguage(req, w)}`);
    }),
    get("/a/:publicSlug/kvitto/:key", "public", limit.misses, async (req, res) => {
      const { publicSlug, key } = parseParams(receiptParam, req.params);
      // The follow link is on the first view only; the page is never cached, and its address never leaves as a referrer.
      // No language switch here: switching would load the receipt again, without the link.
      const w = deviationWords(chooseFormLanguage(req.query.lang, req.get("accept-language")));
      const found = await deviations.findByPublicSlug(ctx, publicSlug);
      const receipt = found && await deviations.receipt(ctx, found.settings.forbundId, key);
      if (!found || !receipt) return linkMissing(res, w);
      // The follow link names the language, so that the case opens in it in any browser; the mail's link stays as it is.
      const followUrl = receipt.followUrl && w.lang !== "sv" ? `${receipt.followUrl}?lang=${w.lang}` : receipt.followUrl;
      res.set("Cache-Control", "no-store").set("Referrer-Policy", "no-referrer").set("Vary", "Accept-Language").render("deviations/reported", {
        title: w.t("thanks"), ...receipt, followUrl, forbundName: found.forbundName, ...inLanguage(w),
        formHref: `/a/${publicSlug}${w.lang === "sv" ? "" : `?lang=${w.lang}`}`,
      });
    }),
    get("/a/:publicSlug/besvarade", "public", limit.misses, async (req, res) => {
      const { publicSlug } = parseParams(slugParam, req.params);
      const found = await deviations.findByPublicSlug(ctx, publicSlug);
      if (!found) throw new NotFoundError("Det finns ingen sida på den här adressen.");
      const w = deviationWords(pageLanguage(req));
      const list = (await deviations.publishedSummaries(ctx, found.settings.forbundId)).map((s) => publishedRow(s, w));
      res.set("Vary", "Accept-Language").render("deviations/published", {
        title: w.t("publishedTitle"), forbundName: found.forbundName, list, ...inLanguage(w), languages: switchAt(`/a/${publicSlug}/besvarade`, w),
        ownLang: w.htmlLang === "sv" ? undefined : "sv", formHref: `/a/${publicSlug}${w.lang === "sv" ? "" : `?lang=${w.lang}`}`,
      });
    }),

    // ——— Staff ———
    get("/avvikelser", "koordinator", async (req, res) => {
      const user = forbundUserOf(req), filter = listQuery.parse(req.query);
      const [cases, settings, years] = await Promise.all([
        deviations.listCases(ctx, user, filter), deviations.getSettings(ctx, forbundOf(req)), deviations.listYears(ctx, forbundOf(req)),
      ]);
      res.render("deviations/index", {
        title: "Avvikelser i samverkan", cases: cases.map(caseRow), filter, years, statusChoices, isAdmin: atLeast(user.role, "admin"),
        publicUrl: deviations.publicFormUrl(ctx, settings.publicSlug), publicPath: `/a/${settings.publicSlug}`,
        summariesUrl: deviations.publicSummariesUrl(ctx, settings.publicSlug),
      });
    }),
    get("/avvikelser/analys", "signedIn", async (req, res) => {
      const year = analysisQuery.catch({ year: null }).parse(req.query).year ?? currentYear(ctx.clock);
      const [a, rules] = await Promise.all([deviations.analysis(ctx, forbundOf(req), year), deviations.severityRules(ctx, forbundOf(req))]);
      res.render("deviations/analysis", { title: `Avvikelser i samverkan ${year} – sammanställning och analys`, a: analysisPage(a, year), rules });
    }),
    get("/avvikelser/beredningsgrupp", "koordinator", async (req, res) => {
      const meeting = meetingQuery.parse(req.query).mote ?? today();
      const [list, decided] = await Promise.all([deviations.meetingList(ctx, forbundUserOf(req), meeting), deviations.decidedLifted(ctx, forbundUserOf(req))]);
      res.render("deviations/meeting", { title: "Ärenden till beredningsgruppen", meeting, list: list.map(caseRow), decided: decided.map(caseRow) });
    }),
    get("/avvikelser/installningar", "admin", async (req, res) => {
      const page = await settingsPage(req);
      res.render("deviations/settings", { ...page, errors: {}, values: settingsValues(page.settings) });
    }),
    post("/avvikelser/installningar", "admin", async (req, res) => {
      const page = await settingsPage(req);
      const form = parseForm(settingsForm, req.body);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      const partyContacts: Record<string, string> = {};
      for (const p of page.parties) {
        const typed = String(req.body?.[`contact_${p.id}`] ?? "").trim();
        const email = contactEmail.safeParse(typed);
        if (typed && !email.success) errors[`contact_${p.id}`] = email.error.issues[0].message;
        else if (typed) partyContacts[p.id] = typed;
      }
      if (!form.ok || Object.keys(errors).length) return renderInvalid(res, "deviations/settings", errors, req.body ?? {}, page);
      await deviations.saveSettings(ctx, forbundUserOf(req), forbundOf(req), { ...form.data, partyContacts });
      req.session.flash = "Inställningarna för avvikelser är sparade.";
      await seeOther(req, res, "/avvikelser/installningar");
    }),
    get("/avvikelser/gallring", "admin", async (req, res) => {
      const { retentionMonths, cases } = await deviations.retentionCandidates(ctx, forbundOf(req));
      res.render("deviations/retention", { title: "Gallring av avslutade avvikelser", retentionMonths, cases: cases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, closedOn: c.closedOn, status: statusLabels[c.status] })) });
    }),
    post("/avvikelser/gallring", "admin", async (req, res) => {
      const n = await deviations.runRetention(ctx, forbundUserOf(req), forbundOf(req));
      req.session.flash = n ? `${n} ${n === 1 ? "ärende är avidentifierat" : "ärenden är avidentifierade"}.` : "Inga ärenden behövde gallras.";
      await seeOther(req, res, "/avvikelser/gallring");
    }),
    post("/avvikelser/gallring/godkann", "admin", async (req, res) => {
      await deviations.acceptRetention(ctx, forbundUserOf(req), forbundOf(req));
      req.session.flash = "Automatisk gallring är godkänd. Varje natt avidentifieras de ärenden vars gallringsfrist har gått ut.";
      await seeOther(req, res, "/avvikelser/installningar#automatisk-gallring");
    }),
    post("/avvikelser/gallring/aterkalla", "admin", async (req, res) => {
      await deviations.withdrawRetention(ctx, forbundUserOf(req), forbundOf(req));
      req.session.flash = "Godkännandet är återkallat. Ärenden gallras nu bara när en administratör gör det för hand.";
      await seeOther(req, res, "/avvikelser/installningar#automatisk-gallring");
    }),
    post("/avvikelser/paminnelser", "koordinator", async (req, res) => {
      const n = await deviations.sendReminders(ctx, forbundUserOf(req));
      req.session.flash = n ? `${n} ${n === 1 ? "påminnelse är skickad" : "påminnelser är skickade"}.` : "Inga påminnelser behövde skickas i dag.";
      await seeOther(req, res, "/avvikelser");
    }),
    get("/avvikelser/import", "admin", async (req, res) => {
      res.render("deviations/import", importPage());
    }),
    post("/avvikelser/import", "admin", async (req, res) => {
      const form = parseForm(importForm, req.body);
      if (!form.ok) return res.status(422).render("deviations/import", importPage({ errors: form.errors, values: { csv: String(req.body?.csv ?? "") } }));
      const { csv, action } = form.data;
      const read = action === "preview" ? await deviations.previewImport(ctx, forbundOf(req), csv) : undefined;
      const done = read ? { imported: 0, rejected: read.rejected } : await deviations.importCases(ctx, forbundUserOf(req), csv);
      if (done.rejected.length) {
        const n = done.rejected.length;
        return res.status(422).render("deviations/import", importPage({
          values: { csv }, lineErrors: done.rejected,
          errors: { csv: `${n} ${n === 1 ? "rad har" : "rader har"} fel – se listan nedan. Inget har importerats.` },
        }));
      }
      if (read) return res.render("deviations/import", importPage({ values: { csv }, preview: importPreview(read.cases, await deviations.formOptions(ctx, forbundOf(req))) }));
      req.session.flash = `${done.imported} ${done.imported === 1 ? "ärende är importerat" : "ärenden är importerade"}.`;
      await seeOther(req, res, "/avvikelser");
    }),
    get("/avvikelser/:id", "koordinator", async (req, res) => {
      res.render("deviations/show", await casePage(req, id(req)));
    }),
    post("/avvikelser/:id/status", "koordinator", caseAction((b) => parseForm(statusForm, b),
      (req, caseId, v) => deviations.changeStatus(ctx, forbundUserOf(req), caseId, v))),
    post("/avvikelser/:id/anteckning", "koordinator", caseAction((b) => parseForm(noteForm, b),
      (req, caseId, v) => deviations.addNote(ctx, forbundUserOf(req), caseId, { note: v.entry, visible: v.entryVisible }))),
    post("/avvikelser/:id/begar-svar", "koordinator", caseAction((b) => parseForm(requestForm, b),
      (req, caseId, v) => deviations.requestAnswers(ctx, forbundUserOf(req), caseId, v.partyIds, v.contacts))),
    post("/avvikelser/:id/svar/:requestId/godkann", "koordinator", async (req, res) => {
      const { id: caseId, requestId } = parseParams(requestParam, req.params);
      const done = await deviations.approveAnswer(ctx, forbundUserOf(req), caseId, requestId);
      if (!done.ok) return res.status(refusedStatus(done)).render("deviations/show", await casePage(req, caseId, { errors: done.errors }));
      req.session.flash = done.message;
      await seeOther(req, res, `/avvikelser/${caseId}`);
    }),
    post("/avvikelser/:id/lyft", "koordinator", caseAction((b) => parseForm(liftForm, b),
      (req, caseId, v) => deviations.lift(ctx, forbundUserOf(req), caseId, { liftedTo: v.liftedTo, note: v.liftNote }))),
    post("/avvikelser/:id/effekt", "koordinator", caseAction((b) => parseForm(effectForm, b),
      (req, caseId, v) => deviations.saveEffect(ctx, forbundUserOf(req), caseId, v))),
    post("/avvikelser/:id/analys", "koordinator", caseAction((b) => parseForm(analysisNoteForm, b),
      (req, caseId, v) => deviations.saveAnalysisNote(ctx, forbundUserOf(req), caseId, v.analysisNote))),
    post("/avvikelser/:id/sammanfattning", "koordinator", caseAction((b) => parseForm(summaryForm, b),
      (req, caseId, v) => deviations.saveSummary(ctx, forbundUserOf(req), caseId, v))),
  ];
}


export function deviationsApiRoutes(ctx: Ctx): Route[] {
  const today = () => swedishDate(ctx.clock.now());
  const id = (req: Request) => parseParams(idParam, req.params).id;
  return [
    get("/api/v1/deviations/codes", "api", async (req, res) => {
      res.json(await deviations.getCodes(ctx, forbundOf(req)));
    }),
    get("/api/v1/deviations/analysis", "api", async (req, res) => {
      const year = apiParse(analysisQuery, req.query, undefined, "(query)").year ?? currentYear(ctx.clock);
      res.json(analysisJson(await deviations.analysis(ctx, forbundOf(req), year)));
    }),
    post("/api/v1/deviations", "api", async (req, res) => {
      const input = apiParse(apiReport(today()), req.body);
      const done = await deviations.report(ctx, forbundOf(req), input, "api");
      if (!done.ok) throw refusal(done);
      res.status(201).json({ id: done.id, caseNumber: done.caseNumber });
    }),
    // The body is read here, not by a parser: text/csv, at most MAX_IMPORT_BYTES, all lines or none.
    post("/api/v1/deviations/import", "apiAdmin", async (req, res) => {
      const text = await deviations.readCsvBody(req.is(["text/csv", "text/plain"]), Number(req.get("content-length") ?? 0), req);
      const done = await deviations.importCases(ctx, forbundUserOf(req), text);
      res.status(done.rejected.length ? 422 : 201).json({ imported: done.imported, rejected: done.rejected });
    }),
    get("/api/v1/deviations", "apiKoordinator", async (req, res) => {
      const q = apiParse(apiListQuery, req.query, undefined, "(query)");
      res.json({ deviations: (await deviations.listCases(ctx, forbundUserOf(req), q)).map(caseSummaryJson) });
    }),
    get("/api/v1/deviations/:id", "apiKoordinator", async (req, res) => {
      res.json(caseJson(await deviations.getCase(ctx, forbundUserOf(req), id(req))));
    }),
    patch("/api/v1/deviations/:id", "apiKoordinator", async (req, res) => {
      const caseId = id(req);
      await deviations.getCase(ctx, forbundUserOf(req), caseId); // 404 outside the caller's scope, before any validation
      const v = apiParse(apiStatus, req.body);
      const done = await deviations.changeStatus(ctx, forbundUserOf(req), caseId, { status: v.status, note: v.note, visible: v.visibleToReporter });
      if (!done.ok) throw refusal(done, {}, Object.values(done.errors)[0]);
      res.json(caseJson(await deviations.getCase(ctx, forbundUserOf(req), caseId)));
    }),
  ];
}
