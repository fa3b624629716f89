/** Rows of single sign-on (issue 21). The matrix's app has no provider configured, so its addresses are not found for anyone. */
import { admin, type FeatureMatrix } from "./types.js";

export const matrix: FeatureMatrix = {
  rows: {
    "GET /login/sso/:provider": [404, 404, 404, 404, 404, 404],
    "GET /login/sso/:provider/callback": [404, 404, 404, 404, 404, 404],
    "GET /utloggad": [200, 303, 303, 303, 303, 303],
    "GET /anvandare/inloggning": admin,
    "POST /anvandare/inloggning": admin,
  },
  params: async (path) => (path.startsWith("/login/sso/") ? { provider: "1" } : undefined),
};
