/**
 * The API's description of itself: GET /api/v1/openapi.json (OpenAPI 3.1) and GET /api/v1/docs (the same
 * as a page for people, from the app's own files). Both without a key: the description holds no data.
 */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { openApiDocument, type OpenApiDocument } from "../http/openapi.js";
import { apiDescriptions } from "../api-description.js";
import { swedishDate } from "../dates.js";
import { docsPage } from "./present.js";

/**
 * `apiRoutes` is the api stack's route table (server/routes.ts), asked for when the description is first
 * wanted; the document is the same until the process restarts, so it is built once.
 */
export function apiDocsRoutes(ctx: Ctx, apiRoutes: (ctx: Ctx) => Route[]): Route[] {
  let doc: OpenApiDocument | undefined;
  const document = () => (doc ??= openApiDocument(apiRoutes(ctx), apiDescriptions(swedishDate(ctx.clock.now())), { baseUrl: ctx.config.baseUrl }));
  return [
    get("/api/v1/openapi.json", "public", (_req, res) => {
      res.set("Cache-Control", "public, max-age=300").json(document());
    }),
    get("/api/v1/docs", "public", (_req, res) => {
      res.set("Cache-Control", "public, max-age=300").render("apidocs/index", { title: "API:t", ...docsPage(document()) });
    }),
  ];
}
