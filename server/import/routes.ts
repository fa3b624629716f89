/** CSV import of old answers: the API (text/csv body, streamed) and the insamling's import page with a preview. */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, seeOther } from "../http/forms.js";
import { forbundUserOf } from "../http/guards.js";
import * as importing from "./service.js";
import { columnGuide, previewTable } from "./present.js";
import { collectionIdParam, importForm } from "./schema.js";

const VIEW = "import/index";

export function importRoutes(ctx: Ctx): Route[] {
  const page = (c: importing.Collection, extra: object = {}) => ({
    title: `Importera svar – ${c.name}`, collection: c, guide: columnGuide(c.definition), answeredOn: importing.answeredOnFor(c), errors: {}, values: { csv: "" }, preview: null, lineErrors: [], errorCount: 0, ...extra,
  });
  const managed = (req: Request) => importing.collectionFor(ctx, forbundUserOf(req), parseParams(collectionIdParam, req.params).id);
  const rejected = (res: Response, c: importing.Collection, csv: string, lineErrors: unknown[], errorCount: number, imported = false) =>
    res.status(422).render(VIEW, page(c, {
      values: { csv }, lineErrors, errorCount,
      errors: { csv: `${errorCount} ${errorCount === 1 ? "rad har" : "rader har"} fel – se listan nedan.${imported ? " Inget har importerats." : ""}` },
    }));

  return [
    get("/insamlingar/:id/import", "koordinator", async (req, res) => {
      res.render(VIEW, page(await managed(req)));
    }),
    post("/insamlingar/:id/import", "koordinator", async (req, res) => {
      const c = await managed(req);
      const form = parseForm(importForm, req.body);
      if (!form.ok) return res.status(422).render(VIEW, page(c, { errors: form.errors, values: { csv: req.body?.csv ?? "" } }));
      const { csv, action } = form.data;
      if (action === "preview") {
        const p = importing.preview(c, csv);
        if (p.errorCount) return rejected(res, c, csv, p.errors, p.errorCount);
        return res.render(VIEW, page(c, { values: { csv }, preview: { ...previewTable(c.definition, p.columns, p.rows), total: p.total } }));
      }
      const result = await importing.importCsv(ctx, forbundUserOf(req), c, [csv]);
      if (result.rejectedCount) return rejected(res, c, csv, result.rejected, result.rejectedCount, true);
      req.session.flash = `${result.imported} svar importerade.`;
      await seeOther(req, res, `/insamlingar/${c.id}`);
    }),
  ];
}

export function importApiRoutes(ctx: Ctx): Route[] {
  return [
    // The body is not parsed by a middleware: the service reads the request as a stream, so a
    // 100 000-line file never sits in memory whole.
    post("/api/v1/collections/:id/import", "apiKoordinator", async (req, res) => {
      const { id } = parseParams(collectionIdParam, req.params);
      const c = await importing.collectionFor(ctx, forbundUserOf(req), id);
      importing.checkUpload(req.is(["text/csv", "text/plain"]), Number(req.get("content-length") ?? 0));
      const result = await importing.importCsv(ctx, forbundUserOf(req), c, req);
      res.status(result.rejectedCount ? 422 : 201).json(importing.apiAnswer(result));
    }),
  ];
}
