/**
 * Bilagor to the årsredovisning: the page per year (/bilagor), the texts written for them
 * (/bilagor/:year/:bilaga/texter), a preview (/bilagor/:year/:bilaga/forhandsgranska), each bilaga as a file
 * (/bilagor/:year/utvardering-samverkan.docx …) or all as one ZIP (/bilagor/:year/alla.zip), and the
 * API (/api/v1/reports/:year/:bilaga?format=…, /api/v1/reports/:year?format=zip).
 */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, seeOther } from "../http/forms.js";
import { forbundOf, forbundWide, forbundUserOf } from "../http/guards.js";
import * as reports from "./service.js";
import { apiFormat, apiParams, apiZipFormat, fileParams, numberingForm, previewParams, textParams, textsForm, yearParam, yearQuery } from "./schema.js";
import * as socio from "../socioeconomics/service.js";
import { currentYear } from "../dates.js";
import { apiParse } from "../http/api.js";

const send = (res: Response, file: reports.File, inline = false) => {
  if (!inline) res.attachment(file.filename);
  res.type(file.type).send(file.body);
};

/** The Statistik bilaga's files come from socioeconomics (which renders through reports, so reports/service cannot import it). */
const statistikOf = (ctx: Ctx, req: Request, year: number): reports.StatistikFile => (format) => socio.exportBilaga(ctx, forbundUserOf(req), year, format);

export function reportsRoutes(ctx: Ctx): Route[] {
  return [
    get("/bilagor", "signedIn", forbundWide, async (req, res) => {
      const q = yearQuery.safeParse(req.query);
      const year = (q.success ? q.data.year : undefined) ?? currentYear(ctx.clock);
      res.render("reports/index", { title: `Bilagor ${year}`, ...(await reports.page(ctx, forbundUserOf(req), year)) });
    }),
    post("/bilagor/:year/:bilaga/texter", "koordinator", forbundWide, async (req, res) => {
      const { year, bilaga } = parseParams(textParams, req.params);
      const form = parseForm(textsForm(await reports.textFields(ctx, forbundOf(req), year, bilaga)), req.body ?? {});
      if (!form.ok) {
        const values = (req.body ?? {}) as Record<string, unknown>;
        return renderInvalid(res, "reports/index", form.errors, values, { title: `Bilagor ${year}`, ...(await reports.page(ctx, forbundUserOf(req), year, { slug: bilaga, values })) });
      }
      await reports.saveTexts(ctx, forbundUserOf(req), year, bilaga, form.data);
      req.session.flash = "Texterna är sparade. De finns med i bilagan i alla format.";
      await seeOther(req, res, `/bilagor?year=${year}#texter-${bilaga}`);
    }),
    post("/bilagor/:year/numrering", "admin", forbundWide, async (req, res) => {
      const { year } = parseParams(yearParam, req.params);
      const form = parseForm(numberingForm, req.body ?? {});
      if (!form.ok) {
        const values = (req.body ?? {}) as Record<string, unknown>;
        return renderInvalid(res, "reports/index", form.errors, values, { title: `Bilagor ${year}`, ...(await reports.page(ctx, forbundUserOf(req), year, { slug: "numrering", values })) });
      }
      await reports.saveNumbering(ctx, forbundUserOf(req), year, form.data);
      req.session.flash = `Numreringen för ${year} är sparad. Den gäller bilagorna i alla format och filnamnen i ZIP-filen.`;
      await seeOther(req, res, `/bilagor?year=${year}#numrering`);
    }),
    get("/bilagor/:year/:bilaga/forhandsgranska", "signedIn", forbundWide, async (req, res) => {
      const { year, bilaga } = parseParams(previewParams, req.params);
      send(res, await reports.preview(ctx, forbundUserOf(req), year, bilaga), true);
    }),
    get("/bilagor/:year/:file", "signedIn", forbundWide, async (req, res) => {
      const { year, file } = parseParams(fileParams, req.params);
      if (file.zip) return send(res, await reports.exportZip(ctx, forbundUserOf(req), year, statistikOf(ctx, req, year)));
      send(res, await reports.exportFile(ctx, forbundUserOf(req), year, file.slug, file.format), file.format === "html");
    }),
  ];
}

export function reportsApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/reports/:year", "api", forbundWide, async (req, res) => {
      const { year } = parseParams(yearParam, req.params);
      apiParse(apiZipFormat, req.query, "Okänt format.", "(query)");
      send(res, await reports.exportZip(ctx, forbundUserOf(req), year, statistikOf(ctx, req, year)));
    }),
    get("/api/v1/reports/:year/:bilaga", "api", forbundWide, async (req, res) => {
      const { year, bilaga } = parseParams(apiParams, req.params);
      const { format } = apiParse(apiFormat, req.query, "Okänt format.", "(query)");
      const b = reports.byApiName(bilaga)!;
      if (format === "json") return res.json((await reports.numberedModel(ctx, forbundUserOf(req), year, b.slug)).model);
      send(res, await reports.exportFile(ctx, forbundUserOf(req), year, b.slug, format));
    }),
  ];
}
