/**
 * Rows of the deviations feature. Cases are created in förbund A's areas[0], the koordinator's
 * kommunområde; that a koordinator never sees another kommunområde's case is proven with a case in
 * areas[1] in test/http/deviations.test.ts. The token pages get real, fresh tokens: anyone holding
 * the link may use it, and only that one case is behind it.
 */
import crypto from "node:crypto";
import * as repo from "../../../server/deviations/repo.js";
import * as deviations from "../../../server/deviations/service.js";
import { caseNumber } from "../../../server/deviations/cases.pure.js";
import { admin, api, apiKoordinator, everyone, koordinator, signedIn, type FeatureMatrix, type Fixtures, type Row } from "./types.js";

/** A case of förbund A (the koordinator's kommunområde): another förbund's admin must not find it. */
const caseOfThisForbund: Row = ["login", 403, "ok", "ok", "ok", 404];
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** A case straight into the database (no mail), with its follow-up token. */
async function makeCase({ t, forbundA }: Fixtures) {
  const token = crypto.randomBytes(32).toString("base64url");
  const row = await repo.insertDeviation(t.ctx.db, {
    forbundId: forbundA.forbund.id, year: 2024, occurredMonth: "2024-02", areaId: forbundA.areas[0].id,
    reporterPartyId: forbundA.partyIds.Kommun, description: "Matrisens ärende", consequences: ["dubbelarbete"], causes: ["bristande_tillit"],
    severity: "allvarlig", followTokenHash: sha256(token), reportedOn: "2024-03-15",
  }, [{ partyId: forbundA.partyIds.Region, unitId: null }], { actorLabel: "Rapportören", kind: "reported", visibleToReporter: true }, caseNumber);
  return { id: row.id, token };
}

/** A report sent through the public form's service with a fresh submission key: the receipt's parameters. */
async function makeReceipt({ t, forbundA }: Fixtures) {
  const key = crypto.randomBytes(32).toString("base64url");
  const done = await deviations.report(t.ctx, forbundA.forbund.id, {
    occurredMonth: "2024-02", areaId: forbundA.areas[0].id, interventionId: null,
    reporter: { partyId: forbundA.partyIds.Kommun, unitId: null, role: null, name: null, email: null },
    concerned: [{ partyId: forbundA.partyIds.Region, unitId: null }], description: "Matrisens kvitto", consequences: ["dubbelarbete"],
    consequenceOther: null, causes: ["bristande_tillit"], causeOther: null, proposal: null, actionTaken: null, severity: "allvarlig", frequency: null,
  }, "form", key);
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
  return { publicSlug: (await deviations.getSettings(t.ctx, forbundA.forbund.id)).publicSlug, key };
}

async function makeRequest(f: Fixtures) {
  const c = await makeCase(f);
  const token = crypto.randomBytes(32).toString("base64url");
  const q = await repo.insertRequest(f.t.ctx.db, {
    deviationId: c.id, partyId: f.forbundA.partyIds.Region, contactEmail: "kontakt@region.exempel.se", tokenHash: sha256(token),
    requestedOn: "2024-03-15", deadline: "2024-05-14",
  });
  return { id: c.id, requestId: q.id, token };
}

export const matrix: FeatureMatrix = {
  rows: {
    // Public: the report form, the published summaries and the two token pages. A POST without fields is 422 for anyone.
    "GET /a/:publicSlug": everyone,
    "POST /a/:publicSlug": [422, 422, 422, 422, 422, 422],
    "GET /a/:publicSlug/besvarade": everyone,
    // The receipt: whoever holds the form's submission key sees its case number (the link only the first time).
    "GET /a/:publicSlug/kvitto/:key": everyone,
    "GET /a/uppfoljning/:token": everyone,
    "POST /a/uppfoljning/:token": [422, 422, 422, 422, 422, 422],
    "GET /a/svar/:token": everyone,
    "POST /a/svar/:token": [422, 422, 422, 422, 422, 422],

    // Staff
    "GET /avvikelser": koordinator,
    "GET /avvikelser/analys": signedIn,
    "GET /avvikelser/beredningsgrupp": koordinator,
    "GET /avvikelser/installningar": admin,
    "POST /avvikelser/installningar": admin,
    "GET /avvikelser/gallring": admin,
    "POST /avvikelser/gallring": admin,
    "POST /avvikelser/gallring/godkann": admin,
    "POST /avvikelser/gallring/aterkalla": admin,
    "POST /avvikelser/paminnelser": koordinator,
    "GET /avvikelser/import": admin,
    "POST /avvikelser/import": admin,
    "GET /avvikelser/:id": caseOfThisForbund,
    "POST /avvikelser/:id/status": caseOfThisForbund,
    "POST /avvikelser/:id/anteckning": caseOfThisForbund,
    "POST /avvikelser/:id/begar-svar": caseOfThisForbund,
    "POST /avvikelser/:id/svar/:requestId/godkann": caseOfThisForbund,
    "POST /avvikelser/:id/lyft": caseOfThisForbund,
    "POST /avvikelser/:id/effekt": caseOfThisForbund,
    "POST /avvikelser/:id/analys": caseOfThisForbund,
    "POST /avvikelser/:id/sammanfattning": caseOfThisForbund,

    // API: any förbund user may report and read the codes and the analysis; the cases are the koordinator's.
    "GET /api/v1/deviations/codes": api,
    "GET /api/v1/deviations/analysis": api,
    "POST /api/v1/deviations": [401, 422, 422, 422, 422, 422],
    // Earlier cases from the förbund's log: admins only; the matrix's body is not CSV (415 for those let through).
    "POST /api/v1/deviations/import": [401, 403, 403, 415, 415, 415],
    "GET /api/v1/deviations": apiKoordinator,
    "GET /api/v1/deviations/:id": [401, 403, "ok", "ok", "ok", 404],
    "PATCH /api/v1/deviations/:id": [401, 403, 422, 422, 422, 404],
  },

  async params(path, f): Promise<Record<string, string> | undefined> {
    if (path === "/avvikelser/:id/svar/:requestId/godkann") {
      const { id, requestId } = await makeRequest(f);
      return { id, requestId };
    }
    if (path.startsWith("/avvikelser/:id") || path.startsWith("/api/v1/deviations/:id")) return { id: (await makeCase(f)).id };
    if (path.startsWith("/a/uppfoljning/")) return { token: (await makeCase(f)).token };
    if (path.startsWith("/a/svar/")) return { token: (await makeRequest(f)).token };
    if (path === "/a/:publicSlug/kvitto/:key") return makeReceipt(f);
    if (path.startsWith("/a/:publicSlug")) return { publicSlug: (await deviations.getSettings(f.t.ctx, f.forbundA.forbund.id)).publicSlug };
    return undefined;
  },
};
