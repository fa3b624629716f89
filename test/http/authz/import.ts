/** Rows of the import feature: the insamling's import page and the API import. */
import crypto from "node:crypto";
import * as collections from "../../../server/collections/service.js";
import type { FeatureMatrix } from "./types.js";

export const matrix: FeatureMatrix = {
  rows: {
    // the insamling lies in the koordinator's kommunområde; another förbund's admin must not find it
    "GET /insamlingar/:id/import": ["login", 403, "ok", "ok", "ok", 404],
    "POST /insamlingar/:id/import": ["login", 403, "ok", "ok", "ok", 404],
    // the matrix posts JSON: allowed callers get 415 (not CSV), the others never reach the body
    "POST /api/v1/collections/:id/import": [401, 403, "ok", "ok", "ok", 404],
  },

  async params(path, { t, forbundA }) {
    if (!/^\/(insamlingar|api\/v1\/collections)\/:id\/import$/.test(path)) return undefined;
    const c = await collections.createCollection(t.ctx, forbundA.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2024, name: `Import ${crypto.randomBytes(3).toString("hex")}`, areaId: forbundA.areas[0].id,
    });
    return { id: c.id };
  },
};
