/** Rows of the results feature: results pages and CSV, goals pages, the results and goals API, chart.js. */
import crypto from "node:crypto";
import * as collections from "../../../server/collections/service.js";
import { makeGoal } from "../../helpers/factories.js";
import { admin, adminOfThisForbund, apiForbundWide, everyone, forbundWide, signedIn, type FeatureMatrix, type Row } from "./types.js";

/** An insamling of förbund A in the koordinator's kommunområde: every role of A may read its results; another förbund: 404. */
const visible: Row = ["login", "ok", "ok", "ok", "ok", 404];
/** No filter given: the year view asks for year and questionnaire; the scoped koordinator is refused first (förbund-wide). */
const noFilter: Row = ["login", 422, 403, 422, 422, 422];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /static/vendor/chart.umd.min.js": everyone,
    "GET /resultat": signedIn,
    "GET /resultat/insamling/:id.csv": visible,
    "GET /resultat/insamling/:id": visible,
    "GET /resultat/ar.csv": noFilter,
    "GET /resultat/ar": noFilter,
    "GET /mal": forbundWide,
    "GET /mal/skapa": admin, // no year or source: 422
    "POST /mal/skapa": admin, // empty form: 422
    "GET /mal/ny": admin,
    "POST /mal/ny": admin, // empty form: 422
    "GET /mal/:id": adminOfThisForbund,
    "POST /mal/:id": adminOfThisForbund, // empty form: 422
    "POST /mal/:id/ta-bort": adminOfThisForbund,
    "GET /api/v1/collections/:id/results": [401, 200, 200, 200, 200, 404],
    "GET /api/v1/results": [401, 422, 403, 422, 422, 422],
    "GET /api/v1/goals": apiForbundWide,
    "POST /api/v1/goals": [401, 403, 403, 422, 422, 422],
    "PUT /api/v1/goals/:id": [401, 403, 403, 422, 422, 404],
  },

  async params(path, { t, forbundA }) {
    const A = forbundA.forbund.id;
    if (/^\/resultat\/insamling\/:id(\.csv)?$/.test(path) || path === "/api/v1/collections/:id/results") {
      const c = await collections.createCollection(t.ctx, A, {
        questionnaire: "indikator-deltagare-pagaende", year: 2026, name: `Resultat ${crypto.randomBytes(4).toString("hex")}`, areaId: forbundA.areas[0].id,
      });
      return { id: c.id };
    }
    if (/^\/mal\/:id(\/ta-bort)?$/.test(path) || path === "/api/v1/goals/:id") {
      return { id: (await makeGoal(t.ctx, forbundA)).id };
    }
    return undefined;
  },
};
