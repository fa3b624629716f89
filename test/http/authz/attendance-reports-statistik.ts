/**
 * Rows of närvaro, insatsrapporter and statistik (issue 8). Meetings and reports are made in förbund
 * A's areas[0], the koordinator's kommunområde; that a koordinator cannot reach another kommunområde's
 * is proven in test/http/attendance.test.ts and test/http/interventionreports.test.ts.
 */
import crypto from "node:crypto";
import * as orgRepo from "../../../server/organisation/repo.js";
import * as attendanceRepo from "../../../server/attendance/repo.js";
import * as reportsRepo from "../../../server/interventionreports/repo.js";
import { zeroCounts } from "../../../server/interventionreports/outcomes.pure.js";
import { admin, api, apiForbundWide, forbundWide, koordinator, signedIn, type FeatureMatrix, type Fixtures, type Row } from "./types.js";

/** A meeting or report of förbund A (the koordinator's kommunområde): another förbund's admin must not find it. */
const ofThisForbund: Row = ["login", 403, "ok", "ok", "ok", 404];

async function makeMeeting({ t, forbundA }: Fixtures) {
  const A = forbundA.forbund.id;
  const partyIds = Object.values(forbundA.partyIds);
  const group = await orgRepo.insertGroup(t.ctx.db, { forbundId: A, name: `Grupp ${crypto.randomBytes(4).toString("hex")}`, kind: "samverk_styrgrupp", areaId: forbundA.areas[0].id }, partyIds);
  const m = await attendanceRepo.insertMeeting(t.ctx.db, { forbundId: A, groupId: group.id, heldOn: "2024-03-14", note: "" },
    Object.fromEntries(partyIds.map((p) => [p, "ordinarie" as const])));
  return m.id;
}

async function makeIntervention({ t, forbundA }: Fixtures) {
  return (await orgRepo.insertIntervention(t.ctx.db, { forbundId: forbundA.forbund.id, name: `Insats ${crypto.randomBytes(4).toString("hex")}`, kind: "individinriktad" }, [forbundA.areas[0].id])).id;
}

async function makeReport(f: Fixtures) {
  const r = await reportsRepo.insertReport(f.t.ctx.db, {
    forbundId: f.forbundA.forbund.id, interventionId: await makeIntervention(f), areaId: f.forbundA.areas[0].id, year: 2024,
    periodStart: "2024-01-01", periodEnd: "2024-12-31", counts: zeroCounts(), answers: {},
  });
  return r.id;
}

/** An insats of förbund A with its own helårsrapport for 2024 (what GET …/outcomes/:year reads). */
async function makeYearReport(f: Fixtures) {
  const interventionId = await makeIntervention(f);
  await reportsRepo.insertReport(f.t.ctx.db, {
    forbundId: f.forbundA.forbund.id, interventionId, areaId: null, year: 2024,
    periodStart: "2024-01-01", periodEnd: "2024-12-31", counts: zeroCounts(), answers: {},
  });
  return interventionId;
}

export const matrix: FeatureMatrix = {
  rows: {
    // Närvaro: the summary is for every reader; recording is the koordinator's. A POST without fields is 422.
    "GET /narvaro": signedIn,
    "GET /narvaro/ny": koordinator,
    "POST /narvaro": koordinator,
    "GET /narvaro/:id": ofThisForbund,
    "POST /narvaro/:id": ofThisForbund,
    "POST /narvaro/:id/ta-bort": ofThisForbund,

    // Insatsrapporter
    "GET /insatsrapporter": koordinator,
    "GET /insatsrapporter/ny": koordinator,
    "POST /insatsrapporter": koordinator,
    "GET /insatsrapporter/:id": ofThisForbund,
    "POST /insatsrapporter/:id": ofThisForbund,
    "POST /insatsrapporter/:id/ta-bort": ofThisForbund,

    // Statistik: read förbund-wide (not by the scoped koordinator), the schablon and the money by the admin
    "GET /statistik": forbundWide,
    "GET /statistik/bilaga": forbundWide,
    "POST /statistik/schablon": admin,
    "POST /statistik/finansiering": admin,

    // API
    "POST /api/v1/attendance": [401, 403, 422, 422, 422, 422],
    "GET /api/v1/attendance/summary": api,
    "POST /api/v1/intervention-reports": [401, 403, 422, 422, 422, 422],
    "GET /api/v1/intervention-reports": api,
    "PUT /api/v1/interventions/:id/funding/:year": [401, 403, 403, 422, 422, 404],
    "GET /api/v1/reports/:year/statistik": apiForbundWide,

    // Utfall per insats och år, stegförflyttning och ekonomi (issue 19): an insats of förbund A is not found by another förbund's admin
    "PUT /api/v1/interventions/:id/outcomes/:year": [401, 403, 422, 422, 422, 404],
    "GET /api/v1/interventions/:id/outcomes/:year": [401, 200, 200, 200, 200, 404],
    "PUT /api/v1/interventions/:id/movements/:year": [401, 403, 422, 422, 422, 404],
    "GET /api/v1/interventions/:id/movements/:year": [401, 200, 200, 200, 200, 404],
    "GET /api/v1/interventions/:id/effect/:year": [401, 200, 200, 200, 200, 404],
    "PUT /api/v1/nyckeltal/:year": [401, 403, 403, "ok", "ok", "ok"], // every rate is optional: {} saves an empty table
    "GET /api/v1/nyckeltal/:year": api,
    "GET /ekonomi": forbundWide,
    "POST /ekonomi": admin,
    "GET /stegforflyttning": signedIn,
    "GET /stegforflyttning/nyckeltal": signedIn,
    "POST /stegforflyttning/nyckeltal": admin,
    "GET /stegforflyttning/:id": ["login", "ok", "ok", "ok", "ok", 404],
    "POST /stegforflyttning/:id": ["login", 403, "ok", "ok", "ok", 404],
  },

  async params(path, f): Promise<Record<string, string> | undefined> {
    if (path.startsWith("/narvaro/:id")) return { id: await makeMeeting(f) };
    if (path.startsWith("/insatsrapporter/:id")) return { id: await makeReport(f) };
    if (path === "/api/v1/interventions/:id/funding/:year") return { id: await makeIntervention(f), year: "2024" };
    if (path === "/api/v1/reports/:year/statistik") return { year: "2024" };
    if (path.startsWith("/api/v1/interventions/:id/outcomes/")) return { id: await makeYearReport(f), year: "2024" };
    if (path.startsWith("/api/v1/interventions/:id/")) return { id: await makeIntervention(f), year: "2024" };
    if (path === "/api/v1/nyckeltal/:year") return { year: "2024" };
    if (path === "/stegforflyttning/:id") return { id: await makeIntervention(f) };
    return undefined;
  },
};
