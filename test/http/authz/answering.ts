/** Rows of the answering feature: the public form is the same for everyone; the API needs a koordinator who manages the insamling. */
import crypto from "node:crypto";
import * as collections from "../../../server/collections/service.js";
import * as answering from "../../../server/answering/service.js";
import { admin, api, everyone, type FeatureMatrix, type Row } from "./types.js";

const all = (status: number): Row => [status, status, status, status, status, status];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /e/:slug": all(200),
    "GET /e/:slug/fraga/:n": all(200),
    // sent without the page's hidden fields: a kind "the page had expired" page, for everyone alike
    "POST /e/:slug/fraga/:n": all(400),
    // one question per page: the same, a question at a time
    "GET /e/:slug/steg/:n": all(200),
    "POST /e/:slug/steg/:n": all(400),
    "GET /e/:slug/fortsatt/:token": all(303),
    // sent without the saved page's hidden fields: the same "the page had expired" page
    "POST /e/:slug/skicka-lanken": all(400),
    "GET /e/:slug/tack": everyone,
    // body {}: the koordinator of the kommunområde, admin and superadmin reach the check (422); another förbund does not find it
    "POST /api/v1/collections/:id/responses": [401, 403, 422, 422, 422, 404],
    "GET /api/v1/languages": api,
    // body {}: only an admin reaches the check (422)
    "PUT /api/v1/languages/:code": [401, 403, 403, 422, 422, 422],
    "GET /api/v1/languages/:code/words": [401, 403, 403, 200, 200, 200],
    // body {}: only an admin reaches the check (422)
    "PUT /api/v1/languages/:code/words": [401, 403, 403, 422, 422, 422],
    "GET /sprak": admin,
    "POST /sprak/:code": admin, // switches Arabic on or off, then back to /sprak
    "GET /sprak/:code/ord": admin,
    "POST /sprak/:code/ord": admin, // empty form: no own words, saved
    "GET /sprak/:code/ord.xlsx": admin,
    "POST /sprak/:code/ord/xlsx": admin, // no file: 422
  },

  async params(path, { t, forbundA }): Promise<Record<string, string> | undefined> {
    if (path.startsWith("/api/v1/languages/:code") || path.startsWith("/sprak/:code")) return { code: "ar" };
    const isOurs = path.startsWith("/e/") || /^\/api\/v1\/collections\/:id\/responses$/.test(path);
    if (!isOurs) return undefined;
    const c = await collections.createCollection(t.ctx, forbundA.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: `Matris ${crypto.randomBytes(3).toString("hex")}`,
      areaId: forbundA.areas[0].id,
    });
    if (path.startsWith("/api/")) return { id: c.id };
    // A saved, unfinished response so that the resume link leads on (303) to its page.
    const token = answering.newToken();
    await answering.submitPage(t.ctx, c, 1, { s: token, key: answering.newToken(), lang: "sv", action: "save", i: undefined, visible: undefined }, { q1: "3" });
    return { slug: c.slug, n: "1", token };
  },
};
