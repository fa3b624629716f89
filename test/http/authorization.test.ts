/**
 * The authorization matrix: every route the app mounts, for every kind of caller. A route added
 * without a row here fails the first test, so no page can go live without someone deciding who may use it.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { allRoutes } from "../../server/app.js";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

const callers = ["anonym", "lasare", "koordinator", "admin", "superadmin", "annat"] as const;
type Caller = (typeof callers)[number];
/** "login": redirected to the login page · "ok": let through (any answer but 401/403/404/500 and the login redirect) · a number: exactly that status. */
type Expect = "login" | "ok" | number;
type Row = [anonym: Expect, lasare: Expect, koordinator: Expect, admin: Expect, superadmin: Expect, annat: Expect];

//                                                anonym    läsare  koord.  admin  superadm. annat förbund (admin)
const everyone: Row = ["ok", "ok", "ok", "ok", "ok", "ok"];
const signedIn: Row = ["login", "ok", "ok", "ok", "ok", "ok"];
const admin: Row = ["login", 403, 403, "ok", "ok", "ok"];
const adminOfThisForbund: Row = ["login", 403, 403, "ok", "ok", 404]; // ids of förbund A; another förbund's admin must not find them
const superadminOnly: Row = ["login", 403, 403, 403, "ok", 403];
const api: Row = [401, 200, 200, 200, 200, 200];

const matrix: Record<string, Row> = {
  "GET /healthz": [200, 200, 200, 200, 200, 200],
  "GET /readyz": [200, 200, 200, 200, 200, 200],
  "GET /api/v1/organisation": api,
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
  "GET /utkorg/:file": ["login", 403, 403, 404, 404, 404], // no such message: the guard lets admins through to a 404
  "GET /logg": admin,
  "GET /plattform": superadminOnly,
  "POST /plattform/forbund": superadminOnly,
};

let t: TestApp;
let forbundA: Awaited<ReturnType<typeof makeForbund>>;
const emails = {} as Record<Exclude<Caller, "anonym">, string>;
const agents = {} as Record<Caller, ReturnType<typeof request.agent>>;
const bearer = {} as Record<Caller, string | undefined>;

async function agentFor(caller: Caller) {
  if (caller === "anonym") {
    const agent = request.agent(t.app);
    await agent.get("/login");
    return agent;
  }
  return loginAgent(t.app, emails[caller], PASSWORD);
}

/** Fresh records of förbund A for each request, so that one caller's change never decides the next caller's answer. */
async function paramsFor(path: string): Promise<Record<string, string>> {
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
  if (path.startsWith("/utkorg/")) return { file: `2026-01-01T00-00-00-000Z-${id}.eml` };
  if (path.startsWith("/konto/losenord/")) return { token: crypto.randomBytes(24).toString("base64url") };
  return {};
}

const fill = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, k: string) => params[k]);

beforeAll(async () => {
  t = await startTestApp();
  forbundA = await makeForbund(t.ctx, "Förbund A");
  const forbundB = await makeForbund(t.ctx, "Förbund B");
  const A = forbundA.forbund.id;
  for (const [caller, forbundId, role] of [
    ["lasare", A, "lasare"], ["koordinator", A, "koordinator"], ["admin", A, "admin"],
    ["superadmin", A, "superadmin"], ["annat", forbundB.forbund.id, "admin"],
  ] as const) {
    const user = await makeUser(t.ctx, { forbundId, role, areaIds: role === "koordinator" ? [forbundA.areas[0].id] : [] });
    emails[caller] = user.email;
    const current = (await accounts.loadCurrentUser(t.ctx, user.id))!;
    bearer[caller] = (await tokens.createToken(t.ctx, current, "matris")).secret;
  }
  for (const caller of callers) agents[caller] = await agentFor(caller);
});
afterAll(async () => { await t?.close(); });

describe("behörighetsmatrisen", () => {
  it("när appen monterar en rutt så har den en rad i matrisen, och varje rad hör till en rutt", () => {
    const mounted = allRoutes(t.ctx).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(mounted.filter((k) => !(k in matrix)), "rutter utan rad i matrisen").toEqual([]);
    expect(Object.keys(matrix).filter((k) => !mounted.includes(k)), "rader utan rutt").toEqual([]);
  });

  const rows = Object.entries(matrix);
  it.each(rows)("när %s anropas så får varje roll sitt svar", async (key, expected) => {
    const [method, path] = key.split(" ") as ["GET" | "POST", string];
    const failures: string[] = [];
    for (const [i, caller] of callers.entries()) {
      const url = fill(path, await paramsFor(path));
      let res;
      if (path.startsWith("/api/")) {
        const req = request(t.app).get(url);
        res = caller === "anonym" ? await req : await req.set("Authorization", `Bearer ${bearer[caller]}`);
      } else if (method === "GET") {
        res = await agents[caller].get(url);
      } else {
        // A fresh agent for logout so the shared one stays signed in.
        const agent = path === "/logout" ? await agentFor(caller) : agents[caller];
        const csrf = csrfFrom((await agent.get("/konto/glomt-losenord")).text);
        res = await agent.post(url).type("form").send({ _csrf: csrf });
      }
      const want = expected[i];
      const toLogin = res.status === 303 && String(res.headers.location).startsWith("/login");
      const ok = want === "login" ? toLogin
        : want === "ok" ? !toLogin && ![401, 403, 404].includes(res.status) && res.status < 500
        : res.status === want;
      if (!ok) failures.push(`${caller}: väntade ${want}, fick ${res.status}${res.headers.location ? ` → ${res.headers.location}` : ""}`);
    }
    expect(failures).toEqual([]);
  });
});
