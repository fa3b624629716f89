/**
 * The authorization matrix: every route the app mounts, for every kind of caller. A route added
 * without a row fails the first test, so no page goes live without someone deciding who may use it.
 * Each feature keeps its rows in test/http/authz/<feature>.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { allRoutes } from "../../server/app.js";
import { startTestApp, loginAgent, csrfFrom } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import { callers, type Caller, type Fixtures } from "./authz/types.js";
import { matrix, paramsFor as paramsOf, fill } from "./authz/all.js";

let fx: Fixtures;
const emails = {} as Record<Exclude<Caller, "anonym">, string>;
const agents = {} as Record<Caller, ReturnType<typeof request.agent>>;
const bearer = {} as Record<Caller, string | undefined>;

async function agentFor(caller: Caller) {
  if (caller === "anonym") {
    const agent = request.agent(fx.t.app);
    await agent.get("/login");
    return agent;
  }
  return loginAgent(fx.t.app, emails[caller], PASSWORD);
}

const paramsFor = (path: string) => paramsOf(path, fx);

beforeAll(async () => {
  const t = await startTestApp({ env: { METRICS_TOKEN: "matrisens-metrics-nyckel-0123456789abcdef" } });
  const forbundA = await makeForbund(t.ctx, "Förbund A");
  const forbundB = await makeForbund(t.ctx, "Förbund B");
  const A = forbundA.forbund.id;
  const userIds = {} as Fixtures["userIds"];
  for (const [caller, forbundId, role] of [
    ["lasare", A, "lasare"], ["koordinator", A, "koordinator"], ["admin", A, "admin"],
    ["superadmin", A, "superadmin"], ["annat", forbundB.forbund.id, "admin"],
  ] as const) {
    const user = await makeUser(t.ctx, { forbundId, role, areaIds: role === "koordinator" ? [forbundA.areas[0].id] : [] });
    emails[caller] = user.email;
    userIds[caller] = user.id;
    const current = (await accounts.loadCurrentUser(t.ctx, user.id))!;
    bearer[caller] = (await tokens.createToken(t.ctx, current, "matris")).secret;
  }
  fx = { t, forbundA, userIds };
  for (const caller of callers) agents[caller] = await agentFor(caller);
});
afterAll(async () => { await fx?.t.close(); });

describe("behörighetsmatrisen", () => {
  it("när appen monterar en rutt så har den en rad i matrisen, och varje rad hör till en rutt", () => {
    const mounted = allRoutes(fx.t.ctx).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(mounted.filter((k) => !(k in matrix)), "rutter utan rad i matrisen").toEqual([]);
    expect(Object.keys(matrix).filter((k) => !mounted.includes(k)), "rader utan rutt").toEqual([]);
  });

  it.each(Object.entries(matrix))("när %s anropas så får varje roll sitt svar", async (key, expected) => {
    const [method, path] = key.split(" ") as [string, string];
    const failures: string[] = [];
    for (const [i, caller] of callers.entries()) {
      const url = fill(path, await paramsFor(path));
      let res;
      if (path.startsWith("/api/")) {
        const m = method.toLowerCase() as "get" | "post" | "patch";
        const req = request(fx.t.app)[m](url);
        const withAuth = caller === "anonym" ? req : req.set("Authorization", `Bearer ${bearer[caller]}`);
        res = method === "GET" ? await withAuth : await withAuth.send({});
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
