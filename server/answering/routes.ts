/**
 * Public, anonymous answering (/e/:slug …) and the responses API. The public pages are never cached
 * and send no referrer; nothing about the respondent is logged.
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, put, type Handler, type Route } from "../http/route.js";
import { parseForm, parseParams, seeOther as staffSeeOther, type FieldErrors } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import { apiParse, questionIssues } from "../http/api.js";
import { ValidationError } from "../errors.js";
import * as answering from "./service.js";
import * as present from "./present.js";
import * as fast from "./fast.js";
import * as languages from "./languages.js";
import * as own from "./own-words.js";
import { dbRateLimit } from "../ratelimit/store.js";
import { hasCatalog } from "./words/index.js";
import {
  collectionIdParam, languageBody, languageParam, pageForm, pageParam, pageQuery, resumeMailAddress, resumeMailForm, resumeParam, resumeQuery, responsesBody,
  slugParam, startQuery, thanksQuery, wordsBody,
} from "./schema.js";

const respondentHeaders: Handler = (_req, res, next) => {
  res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", Vary: "Accept-Language" });
  next();
};

/** The language for this request: the one asked for, else the browser's when the insamling offers it. */
const languageOf = (req: Request, c: answering.Collection, asked?: string) => answering.chooseLanguage(c, asked, req.headers["accept-language"]);

const render = (res: Response, view: string, model: object & { status?: number }) =>
  res.status(model.status ?? 200).render(`answering/${view}`, model);

/** 303 See Other without a body (Express's redirect negotiates a "Redirecting to" page nobody sees). */
const seeOther = (res: Response, url: string) => res.status(303).location(url).end();

/** The open insamling at this address, or undefined after a kind page (unknown or not yet open 404, closed 410). */
async function openCollection(ctx: Ctx, req: Request, res: Response, lang?: string) {
  const p = slugParam.safeParse(req.params);
  const found: answering.Lookup = p.success ? await answering.lookup(ctx, p.data.slug) : { state: "unknown" };
  if (found.state === "open") return found.collection;
  render(res, "message", present.unavailablePage(found, lang, req.headers["accept-language"]));
  return undefined;
}

/** The page (or step) number, or undefined after a redirect to the start page when the insamling has no such page. */
function pageNumber(req: Request, res: Response, c: answering.Collection, lang: string, mode: answering.Mode) {
  const p = pageParam.safeParse(req.params);
  if (p.success && p.data.n <= answering.pageCount(c.definition, mode)) return p.data.n;
  seeOther(res, present.hrefs.start(c.slug, { lang }));
  return undefined;
}

/**
 * "Skicka länken till mig" sends real mail to any address typed: per client address 20 tries an hour, per
 * saved-answers link 5 (every try counts, sent or not). Counted in the database under keyed hashes
 * (ratelimit/store.ts). Over the limit, the respondent gets a page in their language with the link to copy.
 */
function resumeMailLimits(ctx: Ctx) {
  const tooMany: Handler = (req, res) => {
    const form = resumeMailForm.safeParse(req.body ?? {});
    const slug = slugParam.safeParse(req.params);
    const lang = form.data?.lang && hasCatalog(form.data.lang) ? form.data.lang : "sv";
    // The link continues as the saved page's does: one question per page when the respondent was answering so.
    const link = form.success && slug.success ? present.hrefs.resume(ctx.config.baseUrl, slug.data.slug, form.data.s, form.data.i, form.data.vy ?? "sidor") : undefined;
    render(res, "message", present.tooManyMailsPage(lang, link));
  };
  const options = { windowMs: 60 * 60_000, standardHeaders: "draft-8" as const, legacyHeaders: false, handler: tooMany };
  return [
    dbRateLimit(ctx, "svar:lanken-med-epost", { ...options, limit: 20 }),
    dbRateLimit(ctx, "svar:lanken-med-epost:lank", {
      ...options, limit: 5,
      // A form without a resume token sends nothing (it gets the expired page); only the client's limit counts it.
      skip: (req) => !resumeMailForm.safeParse(req.body ?? {}).success,
      keyGenerator: (req) => resumeMailForm.safeParse(req.body ?? {}).data?.s ?? "",
    }),
  ];
}

const hrefOf = (mode: answering.Mode) => (mode === "steg" ? present.hrefs.step : present.hrefs.page);
const viewOf = (mode: answering.Mode) => (mode === "steg" ? present.questionStep : present.questionPage);

export function answeringRoutes(ctx: Ctx): Route[] {
  const mailLimits = resumeMailLimits(ctx);
  /** A question page (sidor) or step (steg): a first visit from the start page, or a page of a response under way. */
  const showPage = (mode: answering.Mode): Handler => async (req, res) => {
    const q = pageQuery.parse(req.query);
    const c = await openCollection(ctx, req, res, q.lang);
    const lang = c && languageOf(req, c, q.lang);
    const n = c && pageNumber(req, res, c, lang!, mode);
    if (!c || !n) return;
    // Page 1 and step 1 (the first question: a condition always points to an earlier one) start a response.
    if (n > 1 && !q.s) return seeOther(res, present.hrefs.start(c.slug, { lang, i: q.i }));
    if (n === 1 && !q.s && !q.i) {
      // A first visit: the same page for everyone but its two random fields (see fast.ts).
      const model = viewOf(mode)(c, n, { lang: lang!, ...fast.slotValues, values: {} });
      return fast.renderAndRecord(ctx, res, c, mode === "steg" ? "step" : "page", lang!, "answering/page", model);
    }
    if (await answering.invitationState(ctx, c, q.i) === "answered") return render(res, "message", present.answeredPage(c, lang!));
    const saved = await answering.progress(ctx, c, q.s);
    if (saved.finished) return seeOther(res, present.hrefs.thanks(c.slug, lang));
    const token = q.s ?? answering.newToken();
    if (mode === "steg") {
      // A step whose question the answers so far do not ask leads on to the next one that is asked.
      const shown = answering.shownStepOf(c, n, saved.answers);
      if (shown !== n) return seeOther(res, present.hrefs.step(c.slug, shown, { s: q.s, lang, i: q.i }));
    }
    // Without an invitation and with none of the page's own fields saved yet, the page is recorded per shape (fast.ts).
    const shape = !q.i && present.formShape(c, mode, n, lang!, saved.answers);
    if (shape) {
      const stands = { lang: lang!, ...fast.slotValues, values: saved.answers };
      return fast.renderForm(ctx, res, c, { mode, n, lang: lang!, shape }, token, "answering/page", () => viewOf(mode)(c, n, stands));
    }
    render(res, "page", viewOf(mode)(c, n, { lang: lang!, token, key: answering.newToken(), invitation: q.i, values: saved.answers }));
  };

  /** A page or step sent: saved, moved on, shown again with its errors or its new follow-up, or finished. */
  const sendPage = (mode: answering.Mode): Handler => async (req, res) => {
    const form = parseForm(pageForm, req.body);
    // The page's language even when the form is broken, so that "Sidan hade gått ut" is in it (lättläst too).
    const asked = form.ok ? form.data.lang : pageForm.shape.lang.parse((req.body as Record<string, unknown> | undefined)?.lang);
    const c = await openCollection(ctx, req, res, asked);
    const lang = c && languageOf(req, c, asked);
    const n = c && pageNumber(req, res, c, lang!, mode);
    if (!c || !n) return;
    if (!form.ok) return render(res, "message", present.expiredPage(c, lang!));
    const { s, i } = form.data;
    const out = await answering.submitPage(ctx, c, n, form.data, req.body, mode);
    const again = (status: number, page: number, extra: Partial<present.PageInput>) =>
      render(res, "page", { ...viewOf(mode)(c, page, { lang: lang!, token: s, key: answering.newToken(), invitation: i, values: {}, ...extra }), status });
    switch (out.kind) {
      case "invalid": return again(422, out.page, { values: out.values, issues: out.issues });
      case "reveal": return again(200, out.page, { values: out.values, revealed: out.revealed });
      case "moved": return seeOther(res, hrefOf(mode)(c.slug, out.page, { s, lang, i }));
      case "saved": return render(res, "saved", present.savedPage(c, ctx.config.baseUrl, lang!, s, i, mode, { canMail: !!ctx.mailer.deliver }));
      case "answered": return render(res, "message", present.answeredPage(c, lang!));
      case "closed": return render(res, "message", present.unavailablePage(out.lookup, lang));
      case "finished": return seeOther(res, present.hrefs.thanks(c.slug, lang));
    }
  };

  return [
    get("/e/:slug", "public", respondentHeaders, async (req, res) => {
      const q = startQuery.parse(req.query);
      const c = await openCollection(ctx, req, res, q.lang);
      if (!c) return;
      const lang = languageOf(req, c, q.lang);
      if (!q.i) return fast.renderAndRecord(ctx, res, c, "start", lang, "answering/start", present.startPage(c, lang));
      if (await answering.invitationState(ctx, c, q.i) === "answered") return render(res, "message", present.answeredPage(c, lang));
      render(res, "start", present.startPage(c, lang, q.i));
    }),

    get("/e/:slug/fraga/:n", "public", respondentHeaders, showPage("sidor")),
    post("/e/:slug/fraga/:n", "public", respondentHeaders, sendPage("sidor")),
    // One question per page: the same form, a question at a time (steps.pure.ts).
    get("/e/:slug/steg/:n", "public", respondentHeaders, showPage("steg")),
    post("/e/:slug/steg/:n", "public", respondentHeaders, sendPage("steg")),

    get("/e/:slug/fortsatt/:token", "public", respondentHeaders, async (req, res) => {
      const q = resumeQuery.parse(req.query);
      const c = await openCollection(ctx, req, res, q.lang);
      if (!c) return;
      const p = resumeParam.safeParse(req.params);
      const mode = q.vy ?? "sidor";
      const found = p.success ? await answering.resume(ctx, c, p.data.token, mode) : undefined;
      if (!found) return render(res, "message", present.badLinkPage(c, languageOf(req, c, q.lang)));
      if (found.finished) return seeOther(res, present.hrefs.thanks(c.slug, found.language));
      seeOther(res, hrefOf(mode)(c.slug, found.page, { s: p.data!.token, lang: found.language, i: q.i }));
    }),

    // The address is used for this one mail and then forgotten: not stored, not logged, not in the outbox (service.ts).
    post("/e/:slug/skicka-lanken", "public", respondentHeaders, ...mailLimits, async (req, res) => {
      const form = resumeMailForm.safeParse(req.body ?? {});
      const c = await openCollection(ctx, req, res, form.data?.lang);
      if (!c) return;
      const lang = languageOf(req, c, form.data?.lang);
      if (!form.success) return render(res, "message", present.expiredPage(c, lang));
      const { s, i } = form.data;
      const mode: answering.Mode = form.data.vy ?? "sidor";
      const page = (mail: Omit<present.ResumeMailState, "canMail">, status = 200) =>
        render(res, "saved", { ...present.savedPage(c, ctx.config.baseUrl, lang, s, i, mode, { canMail: !!ctx.mailer.deliver, ...mail }), status });
      const address = resumeMailAddress.safeParse(req.body?.epost ?? "");
      if (!address.success) return page({ invalid: true, typed: String(req.body?.epost ?? "").slice(0, 254) }, 422);
      const out = await answering.mailResumeLink(ctx, c, s, { to: address.data, ...present.resumeMail(c, ctx.config.baseUrl, lang, s, i, mode) });
      switch (out) {
        case "sent": return page({ sent: true });
        case "failed": return page({ failed: true }, 503);
        case "no-smtp": return page({});
        case "unknown": return render(res, "message", present.badLinkPage(c, lang));
        case "finished": return seeOther(res, present.hrefs.thanks(c.slug, lang));
      }
    }),
    get("/e/:slug/tack", "public", respondentHeaders, async (req, res) => {
      const q = thanksQuery.parse(req.query);
      const p = slugParam.safeParse(req.params);
      const found: answering.Lookup = p.success ? await answering.lookup(ctx, p.data.slug) : { state: "unknown" };
      if (found.state === "unknown") return render(res, "message", present.unavailablePage(found, q.lang, req.headers["accept-language"]));
      const lang = languageOf(req, found.collection, q.lang);
      // While the insamling is open the page is recorded and sent from then on before Express (fast.ts).
      if (found.state === "open") return fast.renderAndRecord(ctx, res, found.collection, "thanks", lang, "answering/message", present.thanksPage(found.collection, lang));
      render(res, "message", present.thanksPage(found.collection, lang));
    }),
  ];
}

export function answeringApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/languages", "api", async (req, res) => {
      res.json({ languages: await languages.listLanguages(ctx, forbundOf(req)) });
    }),
    put("/api/v1/languages/:code", "apiAdmin", async (req, res) => {
      const { code } = apiParse(languageParam, req.params, "Ogiltig adress.", "(path)");
      const body = apiParse(languageBody, req.body, "Ange {\"enabled\": true} eller {\"enabled\": false}.");
      res.json(await languages.setEnabled(ctx, forbundUserOf(req), code, body.enabled));
    }),
    get("/api/v1/languages/:code/words", "apiAdmin", async (req, res) => {
      const { code } = apiParse(languageParam, req.params, "Ogiltig adress.", "(path)");
      res.json(await languages.languageWords(ctx, forbundUserOf(req), code));
    }),
    put("/api/v1/languages/:code/words", "apiAdmin", async (req, res) => {
      const { code } = apiParse(languageParam, req.params, "Ogiltig adress.", "(path)");
      const body = apiParse(wordsBody, req.body, "Ange {\"words\": {\"<nyckel>\": \"text\" eller null}}.");
      const saved = await languages.saveWords(ctx, forbundUserOf(req), code, body.words);
      if (!saved.ok) throw new ValidationError(`Orden kunde inte sparas: ${Object.keys(saved.errors).join(", ")}.`, Object.entries(saved.errors).map(([k, message]) => ({ path: `words.${k}`, message })));
      res.json({ code: saved.code, words: saved.words });
    }),
    post("/api/v1/collections/:id/responses", "apiKoordinator", async (req, res) => {
      const { id } = parseParams(collectionIdParam, req.params);
      const c = await answering.openManaged(ctx, forbundUserOf(req), id);
      const body = responsesBody.safeParse(req.body);
      if (!body.success) {
        throw new ValidationError("Svaren saknas eller har fel form.", questionIssues(body.error.issues.map((i) => ({ question: i.path.join("."), message: i.message }))));
      }
      res.status(201).json(await answering.storeApiResponse(ctx, c, body.data.answers));
    }),
  ];
}

/** The admin's pages for the respondents' languages: enable a language, and the förbund's own interface words (a form and an XLSX round trip). */
export function languagePagesRoutes(ctx: Ctx): Route[] {
  const codeOf = (req: Request) => parseParams(languageParam, req.params).code;
  const wordsPage = (res: Response, w: languages.LanguageWords, status = 200, typed?: Record<string, string>, errors: FieldErrors = {}) =>
    res.status(status).render("languages/words", {
      title: `Gränssnittets ord: ${own.wordsView(w).name}`, w: own.wordsView(w, typed, errors),
      errorList: Object.entries(errors).map(([key, text]) => ({ href: key in w.words ? `#${key}` : "#file", text })),
    });
  return [
    get("/sprak", "admin", async (req, res) => {
      res.render("languages/index", { title: "Språk för de svarande", languages: own.languagesView(await languages.listLanguages(ctx, forbundOf(req))) });
    }),
    post("/sprak/:code", "admin", async (req, res) => {
      const enabled = (req.body as Record<string, unknown>).enabled === "ja";
      const l = await languages.setEnabled(ctx, forbundUserOf(req), codeOf(req), enabled);
      req.session.flash = `${l.name} är ${l.enabled ? "påslaget" : "avstängt"} för de svarande.`;
      await staffSeeOther(req, res, "/sprak");
    }),
    get("/sprak/:code/ord", "admin", async (req, res) => {
      wordsPage(res, await languages.languageWords(ctx, forbundUserOf(req), codeOf(req)));
    }),
    post("/sprak/:code/ord", "admin", async (req, res) => {
      const user = forbundUserOf(req);
      const before = await languages.languageWords(ctx, user, codeOf(req));
      const typed = own.typedWords(before, req.body as Record<string, unknown>);
      const saved = await languages.saveWords(ctx, user, before.code, typed);
      if (!saved.ok) return wordsPage(res, before, 422, typed, saved.errors);
      req.session.flash = "Förbundets ord är sparade.";
      await staffSeeOther(req, res, `/sprak/${before.code}/ord`);
    }),
    get("/sprak/:code/ord.xlsx", "admin", async (req, res) => {
      const w = await languages.languageWords(ctx, forbundUserOf(req), codeOf(req));
      res.attachment(`Samspår ord ${w.code}.xlsx`).type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(await own.wordsWorkbook(w));
    }),
    post("/sprak/:code/ord/xlsx", "admin", async (req, res) => {
      const user = forbundUserOf(req);
      const before = await languages.languageWords(ctx, user, codeOf(req));
      const file = (req as Request & { file?: { buffer: Buffer } }).file;
      const problem = res.locals.uploadError as string | undefined;
      const read: own.ReadWords = problem ? { ok: false, errors: { file: problem } }
        : file ? await own.readWordsWorkbook(file.buffer) : { ok: false, errors: { file: "Välj en Excel-fil (.xlsx) att läsa in." } };
      if (!read.ok) return wordsPage(res, before, 422, undefined, read.errors);
      // Nothing is saved unless every row can be: the service refuses the whole file with a message per row.
      const saved = await languages.saveWords(ctx, user, before.code, read.words);
      if (!saved.ok) return wordsPage(res, before, 422, undefined, own.rowErrors(saved.errors, read.rows));
      req.session.flash = `Filen är inläst: ${Object.keys(read.words).length} rader.`;
      await staffSeeOther(req, res, `/sprak/${before.code}/ord`);
    }),
  ];
}
