/** Rows of groups and the nation (issue 20): the platform's groups, the förbund's sharing and comparison, the national view. */
import { admin, superadminOnly, type FeatureMatrix, type Row } from "./types.js";
import * as groups from "../../../server/groups/service.js";
import * as accounts from "../../../server/accounts/service.js";

/** Förbund A's groups: another förbund's admin finds no group at all (404), a scoped koordinator is refused (403). */
const memberWide: Row = ["login", "ok", 403, "ok", "ok", 404];
const memberAdmin: Row = ["login", 403, 403, "ok", "ok", 404];
/** Only the nationell läsare; no förbund role reads the national view. */
const national: Row = ["login", 403, 403, 403, 403, 403];
const apiNational: Row = [401, 403, 403, 403, 403, 403];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /plattform/forbundsgrupper": superadminOnly,
    "POST /plattform/forbundsgrupper": superadminOnly,
    "POST /plattform/forbundsgrupper/:id/inbjudan": superadminOnly,
    "POST /plattform/nationella-lasare": superadminOnly,
    "GET /forbundsgrupper": ["login", "ok", 403, "ok", "ok", "ok"],
    "POST /forbundsgrupper/nationell-delning": admin,
    "POST /forbundsgrupper/:id/delning": memberAdmin,
    "GET /forbundsgrupper/:id/jamforelse": memberWide,
    "GET /forbundsgrupper/:id/jamforelse/fil": memberWide,
    "GET /nationellt": national,
    "GET /nationellt/fil": national,
    "POST /api/v1/platform/groups": [401, 403, 403, 403, "ok", 403],
    "PUT /api/v1/sharing/national": [401, 403, 403, "ok", "ok", "ok"],
    "PUT /api/v1/sharing/:groupId": [401, 403, 403, "ok", "ok", 404],
    "GET /api/v1/groups/:id/comparison": [401, "ok", 403, "ok", "ok", 404],
    "GET /api/v1/national/indicators": apiNational,
  },

  async params(path, f): Promise<Record<string, string> | undefined> {
    if (!/forbundsgrupper\/:id|sharing\/:groupId|groups\/:id/.test(path)) return undefined;
    const superadmin = (await accounts.loadCurrentUser(f.t.ctx, f.userIds.superadmin))!;
    const made = await groups.createGroup(f.t.ctx, superadmin, { name: `Matrisgrupp ${Math.random().toString(36).slice(2)}`, forbundIds: [f.forbundA.forbund.id] });
    if (!made.ok) throw new Error("gruppen kunde inte skapas");
    return { id: made.id, groupId: made.id };
  },
};
