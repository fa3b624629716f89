/** Rows of the collections feature: insamlingar pages, QR, poster, invitations, and the collections API. */
import crypto from "node:crypto";
import * as collections from "../../../server/collections/service.js";
import { api, koordinator, type FeatureMatrix, type Row } from "./types.js";

/** An insamling of förbund A in the koordinator's kommunområde: läsare 403, another förbund's admin 404. */
const managed: Row = ["login", 403, "ok", "ok", "ok", 404];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /insamlingar": koordinator,
    "GET /insamlingar/ny": koordinator,
    "POST /insamlingar": koordinator, // empty form: 422
    "GET /insamlingar/:id": managed,
    "POST /insamlingar/:id": managed, // empty form: 422
    "POST /insamlingar/:id/status": managed, // no status: 422
    "GET /insamlingar/:id/qr.png": managed,
    "GET /insamlingar/:id/qr.svg": managed,
    "GET /insamlingar/:id/affisch": managed,
    "GET /insamlingar/:id/kort": managed,
    "POST /insamlingar/:id/inbjudningar": managed, // no addresses: 422
    "POST /insamlingar/:id/paminnelser": managed,
    "POST /insamlingar/:id/paminnelser/automatiskt": managed, // empty: turns them off
    "POST /insamlingar/:id/inbjudningar/radera": managed,
    "POST /api/v1/collections": [401, 403, 422, 422, 422, 422],
    "GET /api/v1/collections": api,
    // läsare may read an insamling; the koordinator's own kommunområde; another förbund: 404
    "GET /api/v1/collections/:id": [401, 200, 200, 200, 200, 404],
    "PATCH /api/v1/collections/:id": [401, 403, 200, 200, 200, 404],
  },

  async params(path, { t, forbundA }) {
    const mine = /^\/insamlingar\/:id(\/(status|qr\.png|qr\.svg|affisch|kort|inbjudningar|paminnelser|paminnelser\/automatiskt|inbjudningar\/radera))?$/.test(path)
      || path === "/api/v1/collections/:id";
    if (!mine) return undefined;
    const c = await collections.createCollection(t.ctx, forbundA.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: `Insamling ${crypto.randomBytes(4).toString("hex")}`, areaId: forbundA.areas[0].id,
    });
    return { id: c.id };
  },
};
