/** Rows of the aggregate files and the platform API (issue 20): the förbund's own aggregate, and the superadmin's import, förbund and keys. */
import type { FeatureMatrix, Row } from "./types.js";

const apiSuperadmin: Row = [401, 403, 403, 403, "ok", 403];

export const matrix: FeatureMatrix = {
  rows: {
    // Another förbund's admin gets its own förbund's aggregate: the route names no förbund.
    "GET /api/v1/aggregates/:year": [401, 403, 403, "ok", "ok", "ok"],
    "POST /api/v1/platform/aggregates": apiSuperadmin,
    "POST /api/v1/platform/forbund": apiSuperadmin,
    "POST /api/v1/platform/forbund/:id/tokens": apiSuperadmin,
  },

  async params(path, f): Promise<Record<string, string> | undefined> {
    if (path.includes("/aggregates/:year")) return { year: "2026" };
    if (path.includes("/platform/forbund/:id")) return { id: f.forbundA.forbund.id };
    return undefined;
  },
};
