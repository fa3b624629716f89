/** Rows of the walking skeleton: health, accounts, organisation, tokens, users, outbox, audit, platform. */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { mailOutbox } from "../../../models/schema.js";
import * as orgRepo from "../../../server/organisation/repo.js";
import * as accounts from "../../../server/accounts/service.js";
import * as tokens from "../../../server/tokens/service.js";
import { makeUser } from "../../helpers/factories.js";
import { admin, adminOfThisForbund, api, everyone, signedIn, superadminOnly, type FeatureMatrix } from "./types.js";

export const matrix: FeatureMatrix = {
  rows: {
    "GET /healthz": [200, 200, 200, 200, 200, 200],
    "GET /readyz": [200, 200, 200, 200, 200, 200],
    // only with METRICS_TOKEN (the matrix's app has one): no session or API key opens it
    "GET /metrics": [401, 401, 401, 401, 401, 401],
    "GET /api/v1/organisation": api,
    // the API's description of itself holds no data: anyone may read it (issue 21)
    "GET /api/v1/openapi.json": [200, 200, 200, 200, 200, 200],
    "GET /api/v1/docs": [200, 200, 200, 200, 200, 200],
    "GET /": [303, 303, 303, 303, 303, 303],
    "GET /start": signedIn,
    "GET /login": [200, 303, 303, 303, 303, 303],
    "POST /login": [422, 422, 422, 422, 422, 422],
    "POST /logout": [303, 303, 303, 303, 303, 303],
    "GET /konto/glomt-losenord": everyone,
    "POST /konto/glomt-losenord": [422, 422, 422, 422, 422, 422],
    "GET /konto/losenord/:token": [410, 410, 410, 410, 410, 410],
    "POST /konto/losenord/:token": [410, 410, 410, 410, 410, 410],
    "GET /konto/byt-losenord": signedIn,
    "POST /konto/byt-losenord": ["login", 422, 422, 422, 422, 422],
    "GET /organisation": signedIn,
    "GET /organisation/kommunomraden": admin,
    "POST /organisation/kommunomraden": admin,
    "GET /organisation/kommunomraden/:id": adminOfThisForbund,
    "POST /organisation/kommunomraden/:id": adminOfThisForbund,
    "POST /organisation/kommunomraden/:id/ta-bort": adminOfThisForbund,
    "GET /organisation/parter": admin,
    "POST /organisation/parter": admin,
    "GET /organisation/parter/:id": adminOfThisForbund,
    "POST /organisation/parter/:id": adminOfThisForbund,
    "POST /organisation/parter/:id/enheter": adminOfThisForbund,
    "GET /organisation/enheter/:id": adminOfThisForbund,
    "POST /organisation/enheter/:id": adminOfThisForbund,
    "POST /organisation/enheter/:id/ta-bort": adminOfThisForbund,
    "GET /organisation/insatser": admin,
    "POST /organisation/insatser": admin,
    "GET /organisation/insatser/:id": adminOfThisForbund,
    "POST /organisation/insatser/:id": adminOfThisForbund,
    "GET /organisation/grupper": admin,
    "POST /organisation/grupper": admin,
    "GET /organisation/grupper/:id": adminOfThisForbund,
    "POST /organisation/grupper/:id": adminOfThisForbund,
    "GET /organisation/installningar": admin,
    "POST /organisation/installningar": admin,
    "GET /api-nycklar": signedIn,
    "POST /api-nycklar": signedIn,
    // the token belongs to förbund A's admin: others in the förbund may not revoke it
    "POST /api-nycklar/:id/aterkalla": ["login", 404, 404, "ok", "ok", 404],
    "GET /anvandare": admin,
    "POST /anvandare": admin,
    "GET /anvandare/:id": adminOfThisForbund,
    "POST /anvandare/:id": adminOfThisForbund,
    "POST /anvandare/:id/inaktivera": adminOfThisForbund,
    "POST /anvandare/:id/aktivera": adminOfThisForbund,
    "POST /anvandare/:id/ny-inbjudan": adminOfThisForbund,
    "GET /utkorg": admin,
    // a message förbund A sent: another förbund's admin must not find it
    "GET /utkorg/:id": adminOfThisForbund,
    "POST /utkorg/:id/skicka-igen": adminOfThisForbund,
    "GET /logg": admin,
    "GET /jobb": admin,
    "GET /plattform": superadminOnly,
    "POST /plattform/forbund": superadminOnly,
    "GET /plattform/utkorg": superadminOnly,
    "GET /plattform/jobb": superadminOnly,
    "GET /plattform/utkorg/:id": superadminOnly,
    "POST /plattform/utkorg/:id/skicka-igen": superadminOnly,
  },

  async params(path, { t, forbundA }): Promise<Record<string, string> | undefined> {
    const db = t.ctx.db;
    const id = crypto.randomBytes(4).toString("hex");
    const A = forbundA.forbund.id;
    if (path.startsWith("/organisation/kommunomraden/")) return { id: (await orgRepo.insertArea(db, A, `Område ${id}`)).id };
    if (path.startsWith("/organisation/parter/")) return { id: (await orgRepo.insertParty(db, A, `Part ${id}`, 9)).id };
    if (path.startsWith("/organisation/enheter/")) return { id: (await orgRepo.insertUnit(db, A, forbundA.partyIds["Region"], `Enhet ${id}`)).id };
    if (path.startsWith("/organisation/insatser/")) return { id: (await orgRepo.insertIntervention(db, { forbundId: A, name: `Insats ${id}`, kind: "individinriktad" }, [])).id };
    if (path.startsWith("/organisation/grupper/")) return { id: (await orgRepo.insertGroup(db, { forbundId: A, name: `Grupp ${id}`, kind: "annan" }, [])).id };
    if (path.startsWith("/anvandare/")) return { id: (await makeUser(t.ctx, { forbundId: A, role: "koordinator" })).id };
    if (path.startsWith("/api-nycklar/")) {
      const owner = (await accounts.loadCurrentUser(t.ctx, (await makeUser(t.ctx, { forbundId: A, role: "admin" })).id))!;
      return { id: (await tokens.createToken(t.ctx, owner, `Nyckel ${id}`)).id };
    }
    if (path.startsWith("/utkorg/") || path.startsWith("/plattform/utkorg/")) {
      // A failed message, so that "Skicka igen" has something to do: förbund A's, or the platform's own.
      const forbundId = path.startsWith("/utkorg/") ? A : null;
      const to = `utkorg-${id}@exempel.se`;
      await t.ctx.mailer.send({ forbundId, to, subject: "Behörighet", text: "x" }, db);
      const [row] = await db.update(mailOutbox).set({ state: "failed", lastError: "test" }).where(eq(mailOutbox.recipient, to)).returning();
      return { id: row.id };
    }
    if (path.startsWith("/konto/losenord/")) return { token: crypto.randomBytes(24).toString("base64url") };
    return undefined;
  },
};
