/**
 * Rows of shared insatser (issue 20). An insats of förbund A: another förbund's admin ("annat") does not find it.
 * Accepting needs an invitation: that path gets an insats of a new förbund that has invited A. That a förbund which
 * does not co-fund gets 404 everywhere, and that a co-funder cannot write to the owner's part, is proven in
 * test/http/shared-interventions.test.ts.
 */
import crypto from "node:crypto";
import * as orgRepo from "../../../server/organisation/repo.js";
import * as organisation from "../../../server/organisation/service.js";
import * as sharedRepo from "../../../server/sharedinterventions/repo.js";
import { apiForbundWide, forbundWide, type FeatureMatrix, type Row } from "./types.js";

const ofThisForbundWide: Row = ["login", "ok", 403, "ok", "ok", 404];
const adminOfThisForbund: Row = ["login", 403, 403, "ok", "ok", 404];
const apiAdminOfThisForbund: Row = [401, 403, 403, "ok", "ok", 404];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /delade-insatser": forbundWide,
    "GET /delade-insatser/:id": ofThisForbundWide,
    "POST /delade-insatser/:id/inbjudan": adminOfThisForbund,
    "POST /delade-insatser/:id/inbjudan/ta-bort": adminOfThisForbund,
    "POST /delade-insatser/:id/acceptera": adminOfThisForbund,
    "GET /delade-insatser/:id/avsluta": adminOfThisForbund,
    "POST /delade-insatser/:id/avsluta": adminOfThisForbund,
    "GET /api/v1/shared-interventions": apiForbundWide,
    "POST /api/v1/shared-interventions/:id/cofunders": apiAdminOfThisForbund,
    "POST /api/v1/shared-interventions/:id/accept": apiAdminOfThisForbund,
    "POST /api/v1/shared-interventions/:id/cofunders/:forbundId/end": apiAdminOfThisForbund,
    "GET /api/v1/shared-interventions/:id/:year": [401, "ok", 403, "ok", "ok", 404],
  },

  async params(path, { t, forbundA }): Promise<Record<string, string> | undefined> {
    if (!/delade-insatser\/:id|shared-interventions\/:id/.test(path)) return undefined;
    const name = `Delad insats ${crypto.randomBytes(4).toString("hex")}`;
    if (/acceptera|accept$/.test(path)) {
      const { forbund: owner } = await organisation.createForbund(t.ctx, `Ägare ${crypto.randomBytes(3).toString("hex")}`);
      const id = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: owner.id, name, kind: "individinriktad" }, [])).id;
      await sharedRepo.invite(t.ctx.db, id, forbundA.forbund.id, new Date());
      return { id };
    }
    if (/avsluta|\/end$/.test(path)) {
      // An insats of A with an accepted co-funder: A's admin may end that co-funding (GET asks first: ?forbundId=).
      const id = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: forbundA.forbund.id, name, kind: "individinriktad" }, [])).id;
      const { forbund: cofunder } = await organisation.createForbund(t.ctx, `Medfinansiär ${crypto.randomBytes(3).toString("hex")}`);
      await sharedRepo.invite(t.ctx.db, id, cofunder.id, new Date());
      await sharedRepo.accept(t.ctx.db, id, cofunder.id, new Date());
      return { id, forbundId: cofunder.id, ...(path.endsWith("/avsluta") ? { "?": `forbundId=${cofunder.id}` } : {}) };
    }
    return { id: (await orgRepo.insertIntervention(t.ctx.db, { forbundId: forbundA.forbund.id, name, kind: "individinriktad" }, [])).id, year: "2024" };
  },
};
