/** Insamlingar: list, create, details with QR code and poster, invitations and reminders; and the collections API. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, patch, post, type Route } from "../http/route.js";
import { apiParse, invalidFields } from "../http/api.js";
import { parseForm, parseParams, refusedStatus, renderInvalid, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import * as collections from "./service.js";
import * as invitations from "./invitations.js";
import * as answering from "../answering/service.js";
import {
  cardView, collectionJson, detailView, editFormValues, languageChoices, languageQrs, listRow, newFormValues, posterView, questionnaireChoices,
  respondentGroupChoices, svgDataUri,
} from "./present.js";
import { apiCreate, apiPatch, autoReminderForm, collectionForm, editForm, idParam, inviteForm, posterQuery, statusForm } from "./schema.js";
import { swedishDate } from "../dates.js";

const year = (ctx: Ctx) => Number(swedishDate(ctx.clock.now()).slice(0, 4));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The poster's and card's model: one QR code, or one per offered language (?qr=per-sprak). */
async function posterPageOf(ctx: Ctx, req: Request) {
  const c = await collections.getManaged(ctx, forbundUserOf(req), parseParams(idParam, req.params).id);
  const { qr } = posterQuery.parse(req.query);
  const perLanguage = qr === "per-sprak" && c.languages.length > 1;
  const [names, svg, perLanguageSvg, own] = await Promise.all([
    collections.names(ctx, c.forbundId), collections.qrCode(ctx, c, "svg"),
    perLanguage ? Promise.all(c.languages.map(async (l) => [l, await collections.qrCode(ctx, c, "svg", l)] as const)) : [],
    perLanguage ? collections.ownWords(ctx, c.forbundId) : undefined,
  ]);
  const qrs = languageQrs(ctx, c, new Map(perLanguageSvg), own);
  return { c, view: posterView(ctx, c, c.interventionId ? names.interventions.get(c.interventionId) ?? "" : "", { perLanguage, qrs, qrDataUri: svgDataUri(svg) }) };
}

export function collectionsRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const today = () => swedishDate(ctx.clock.now());

  const listPage = async (req: Request) => {
    const list = await collections.listFor(ctx, forbundUserOf(req));
    const [names, counts] = await Promise.all([collections.names(ctx, forbundOf(req)), collections.responseCounts(ctx, forbundOf(req))]);
    return { title: "Insamlingar", rows: list.map((c) => listRow(c, names, collections.countsOf(counts, c.id), today())) };
  };
  const newPage = async (req: Request) => {
    const defs = await collections.questionnaireDefinitions(ctx, forbundOf(req));
    return {
      title: "Ny insamling", ...(await collections.formChoices(ctx, forbundUserOf(req))),
      questionnaires: questionnaireChoices(defs), respondentGroups: respondentGroupChoices, languageChoices: languageChoices(defs),
    };
  };
  const detailPage = async (req: Request, extra: { errors?: FieldErrors; values?: object; emails?: string; autoReminderDays?: string } = {}) => {
    const c = await collections.getManaged(ctx, forbundUserOf(req), id(req));
    const [names, counts, inv, svg] = await Promise.all([
      collections.names(ctx, c.forbundId), collections.responseCounts(ctx, c.forbundId, [c.id]), invitations.counts(ctx, c.id), collections.qrCode(ctx, c, "svg"),
    ]);
    return {
      title: c.name, c: detailView(ctx, c, names, collections.countsOf(counts, c.id), inv, today()),
      qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
      errors: {}, values: editFormValues(c), emails: "", autoReminderDays: c.autoReminderDays ? String(c.autoReminderDays) : "", ...extra,
    };
  };

  return [
    get("/insamlingar", "koordinator", async (req, res) => {
      res.render("collections/index", await listPage(req));
    }),
    get("/insamlingar/ny", "koordinator", async (req, res) => {
      const page = await newPage(req);
      res.render("collections/new", { ...page, errors: {}, values: newFormValues(undefined, { year: year(ctx), areaId: page.areas.length === 1 && page.areaRequired ? page.areas[0].id : undefined }) });
    }),
    post("/insamlingar", "koordinator", async (req, res) => {
      const form = parseForm(collectionForm, req.body);
      const saved = form.ok ? await collections.createFor(ctx, forbundUserOf(req), form.data) : form;
      if (!saved.ok) return renderInvalid(res, "collections/new", saved.errors, newFormValues(req.body ?? {}, { year: year(ctx) }), await newPage(req));
      req.session.flash = `Insamlingen ${saved.collection.name} är skapad.`;
      await seeOther(req, res, `/insamlingar/${saved.collection.id}`);
    }),
    get("/insamlingar/:id", "koordinator", async (req, res) => {
      res.render("collections/show", await detailPage(req));
    }),
    post("/insamlingar/:id", "koordinator", async (req, res) => {
      const form = parseForm(editForm, req.body);
      const saved = form.ok ? await collections.updateDetails(ctx, forbundUserOf(req), id(req), form.data) : form;
      if (!saved.ok) return res.status(422).render("collections/show", await detailPage(req, { errors: saved.errors, values: editFormValues(req.body) }));
      req.session.flash = "Ändringarna är sparade.";
      await seeOther(req, res, `/insamlingar/${saved.collection.id}`);
    }),
    post("/insamlingar/:id/status", "koordinator", async (req, res) => {
      const form = parseForm(statusForm, req.body);
      if (!form.ok) return res.status(422).render("collections/show", await detailPage(req, { errors: form.errors }));
      const c = await collections.changeStatus(ctx, forbundUserOf(req), id(req), form.data.status);
      req.session.flash = c.status === "stangd" ? "Insamlingen är stängd. Inga fler svar tas emot." : "Insamlingen är öppen för svar.";
      await seeOther(req, res, `/insamlingar/${c.id}`);
    }),
    get("/insamlingar/:id/qr.png", "koordinator", async (req, res) => {
      const c = await collections.getManaged(ctx, forbundUserOf(req), id(req));
      res.attachment(`qr-${c.slug}.png`).type("png").send(await collections.qrCode(ctx, c, "png"));
    }),
    get("/insamlingar/:id/qr.svg", "koordinator", async (req, res) => {
      const c = await collections.getManaged(ctx, forbundUserOf(req), id(req));
      res.attachment(`qr-${c.slug}.svg`).type("image/svg+xml").send(await collections.qrCode(ctx, c, "svg"));
    }),
    get("/insamlingar/:id/affisch", "koordinator", async (req, res) => {
      const poster = await posterPageOf(ctx, req);
      res.render("collections/poster", { title: `Affisch: ${poster.c.name}`, poster: poster.view });
    }),
    get("/insamlingar/:id/kort", "koordinator", async (req, res) => {
      const poster = await posterPageOf(ctx, req);
      res.render("collections/card", { title: `Kort att dela ut: ${poster.c.name}`, poster: cardView(poster.view) });
    }),

    // Invitations: counts only on the page, never who has answered.
    post("/insamlingar/:id/inbjudningar", "koordinator", async (req, res) => {
      const form = parseForm(inviteForm, req.body);
      const done = form.ok ? await invitations.invite(ctx, forbundUserOf(req), id(req), form.data.emails) : form;
      if (!done.ok) return res.status(refusedStatus(done)).render("collections/show", await detailPage(req, { errors: done.errors, emails: String(req.body?.emails ?? "") }));
      req.session.flash = [
        `${plural(done.sent, "inbjudan är skickad", "inbjudningar är skickade")}.`,
        done.skipped ? `${plural(done.skipped, "adress var", "adresser var")} redan inbjudna och hoppades över.` : "",
        done.failed ? `${plural(done.failed, "inbjudan", "inbjudningar")} kunde inte skickas; försök igen senare.` : "",
      ].filter(Boolean).join(" ");
      await seeOther(req, res, `/insamlingar/${id(req)}`);
    }),
    post("/insamlingar/:id/paminnelser", "koordinator", async (req, res) => {
      const done = await invitations.remind(ctx, forbundUserOf(req), id(req));
      if (!done.ok) return res.status(refusedStatus(done)).render("collections/show", await detailPage(req, { errors: done.errors }));
      req.session.flash = done.sent || done.failed
        ? `${plural(done.sent, "påminnelse är skickad", "påminnelser är skickade")}.${done.failed ? ` ${done.failed} kunde inte skickas; försök igen senare.` : ""}`
        : "Ingen att påminna: alla har svarat, fått en påminnelse i dag eller fått sin adress raderad.";
      await seeOther(req, res, `/insamlingar/${id(req)}`);
    }),
    post("/insamlingar/:id/paminnelser/automatiskt", "koordinator", async (req, res) => {
      const form = parseForm(autoReminderForm, req.body);
      if (!form.ok) return res.status(422).render("collections/show", await detailPage(req, { errors: form.errors, autoReminderDays: String(req.body?.autoReminderDays ?? "") }));
      const c = await invitations.setAutoReminder(ctx, forbundUserOf(req), id(req), form.data.autoReminderDays);
      req.session.flash = c.autoReminderDays
        ? `En påminnelse skickas automatiskt ${plural(c.autoReminderDays, "dag", "dagar")} efter inbjudan till den som inte har svarat.`
        : "Inga automatiska påminnelser skickas.";
      await seeOther(req, res, `/insamlingar/${c.id}`);
    }),
    post("/insamlingar/:id/inbjudningar/radera", "koordinator", async (req, res) => {
      const n = await invitations.deleteAddresses(ctx, forbundUserOf(req), id(req));
      req.session.flash = n ? `${plural(n, "e-postadress är raderad", "e-postadresser är raderade")}. Inga fler påminnelser kan skickas.` : "Det fanns inga e-postadresser att radera.";
      await seeOther(req, res, `/insamlingar/${id(req)}`);
    }),
  ];
}

/** The service's messages by form field, under the API's field names. */
const apiFieldNames: Record<string, string> = { opensOn: "opensAt", closesOn: "closesAt" };

export function collectionsApiRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const json = async (c: collections.Collection) =>
    collectionJson(ctx, c, collections.countsOf(await collections.responseCounts(ctx, c.forbundId, [c.id]), c.id), await answering.offeredLanguages(ctx, c));

  return [
    post("/api/v1/collections", "apiKoordinator", async (req, res) => {
      const v = apiParse(apiCreate, req.body);
      const saved = await collections.createFor(ctx, forbundUserOf(req), {
        questionnaire: v.questionnaire, year: v.year, name: v.name, interventionId: v.interventionId ?? null, areaId: v.areaId ?? null,
        respondentGroup: v.respondentGroup ?? null, opensOn: v.opensAt ?? null, closesOn: v.closesAt ?? null, languages: v.languages, onePerPage: v.onePerPage, status: "oppen", asked: v.asked ?? null,
      }, { missingAreaForbidden: true });
      if (!saved.ok) throw invalidFields(saved.errors, apiFieldNames);
      const c = saved.collection;
      res.status(201).location(`/api/v1/collections/${c.id}`).json({ id: c.id, slug: c.slug, url: collections.publicUrl(ctx, c.slug) });
    }),
    // A koordinator sees their kommunområden's insamlingar; admins and läsare all of the förbund's.
    get("/api/v1/collections", "api", async (req, res) => {
      const list = await collections.listFor(ctx, forbundUserOf(req));
      const counts = await collections.responseCounts(ctx, forbundOf(req));
      res.json({ collections: await Promise.all(list.map(async (c) => collectionJson(ctx, c, collections.countsOf(counts, c.id), await answering.offeredLanguages(ctx, c)))) });
    }),
    get("/api/v1/collections/:id", "api", async (req, res) => {
      res.json(await json(await collections.getVisible(ctx, forbundUserOf(req), id(req))));
    }),
    patch("/api/v1/collections/:id", "apiKoordinator", async (req, res) => {
      const v = apiParse(apiPatch, req.body);
      const saved = await collections.patchCollection(ctx, forbundUserOf(req), id(req), {
        status: v.status, opensOn: v.opensAt, closesOn: v.closesAt, invitationRetentionDays: v.invitationRetentionDays, onePerPage: v.onePerPage, asked: v.asked,
      });
      if (!saved.ok) throw invalidFields(saved.errors, apiFieldNames);
      res.json(await json(saved.collection));
    }),
  ];
}
