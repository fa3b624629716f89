/** Rows of the reports feature: the Bilagor page, the files and the ZIP, and the reports API. */
import { admin, apiForbundWide, forbundWide, type FeatureMatrix } from "./types.js";

export const matrix: FeatureMatrix = {
  rows: {
    // Every bilaga covers the whole förbund: the scoped koordinator is refused all of it (forbund-wide.test.ts: every format).
    "GET /bilagor": forbundWide,
    "GET /bilagor/:year/:file": forbundWide, // each caller gets its own förbund's bilaga
    "GET /bilagor/:year/:bilaga/forhandsgranska": forbundWide,
    "POST /bilagor/:year/:bilaga/texter": ["login", 403, 403, "ok", "ok", "ok"], // a koordinator of the whole förbund may write; writes in the caller's own förbund
    "POST /bilagor/:year/numrering": admin, // the förbund's numbering of its årsredovisning: the admin sets it, in the caller's own förbund
    "GET /api/v1/reports/:year": [401, 422, 403, 422, 422, 422], // no ?format=zip
    "GET /api/v1/reports/:year/:bilaga": apiForbundWide,
  },

  async params(path): Promise<Record<string, string> | undefined> {
    if (path === "/bilagor/:year/:file") return { year: "2026", file: "maluppfyllelse.csv" };
    if (path === "/bilagor/:year/:bilaga/forhandsgranska") return { year: "2026", bilaga: "avvikelser" };
    if (path === "/bilagor/:year/:bilaga/texter") return { year: "2026", bilaga: "avvikelser" };
    if (path === "/api/v1/reports/:year") return { year: "2026" };
    if (path === "/bilagor/:year/numrering") return { year: "2026" };
    if (path === "/api/v1/reports/:year/:bilaga") return { year: "2026", bilaga: "maluppfyllelse" };
    return undefined;
  },
};
