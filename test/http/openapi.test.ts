/**
 * The API describes itself (issue 21): GET /api/v1/openapi.json is valid OpenAPI 3.1; every /api/v1 route
 * the app's Express router actually has is described (a new route without a description fails here, by
 * name); a request built from each example in the document passes the route's own zod schema (and the
 * CSV examples the features' own readers); the role the document names for a route is the one its guard
 * enforces; and what the app answers to each example is an answer the document lists, in the shape it says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { Router } from "express";
import { z } from "zod";
import { Validator } from "@seriousme/openapi-schema-validator";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser, type Forbund } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as deviations from "../../server/deviations/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { expressApp } from "../../server/app.js";
import { apiDescriptions, exampleInputs } from "../../server/api-description.js";
import { apiErrorBody, openApiPath, routeKey, type ApiOperation } from "../../server/http/openapi.js";
import { FORBUND_WIDE_REFUSED } from "../../server/http/scope.js";
import { swedishDate } from "../../server/dates.js";
import { findSurvey } from "../../surveys/index.js";
import { parseResponsesCsv } from "../../surveys/csv.js";
import { validateAnswers } from "../../surveys/answers.js";

type Param = { name: string; in: "path" | "query"; required: boolean; example?: string | number; schema: Record<string, unknown> };
type Operation = {
  "x-samspar-roll": "lasare" | "koordinator" | "admin" | "superadmin" | "nationell" | null; "x-samspar-hela-forbundet": boolean; "x-samspar-beskriven"?: false;
  security: Record<string, string[]>[]; parameters: Param[];
  requestBody?: { content: Record<string, { example?: unknown; schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };

let t: TestApp;
let f: Forbund;
let doc: Doc;
let described: Record<string, ApiOperation>;
type Who = "lasare" | "koordinator" | "scoped" | "admin" | "superadmin" | "nationell";
const keys = {} as Record<Who, string>;

beforeAll(async () => {
  t = await startTestApp();
  f = await makeForbund(t.ctx, "Förbund med API");
  const users: Record<Who, Awaited<ReturnType<typeof makeUser>>> = {
    lasare: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "lasare" }),
    // without kommunområden: reads the whole förbund, so only its role decides
    koordinator: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [] }),
    scoped: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] }),
    admin: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" }),
    // the platform's roles, without a förbund
    superadmin: await makeUser(t.ctx, { forbundId: null, role: "superadmin" }),
    nationell: await makeUser(t.ctx, { forbundId: null, role: "nationell" }),
  };
  for (const [who, u] of Object.entries(users) as [Who, typeof users.admin][]) {
    keys[who] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "openapi")).secret;
  }
  const res = await request(t.app).get("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body as Doc;
  described = apiDescriptions(swedishDate(t.ctx.clock.now()));
});
afterAll(async () => { await t?.close(); });

/** Every (method, path) the app's Express router has, nested routers included. */
function routerRoutes(stack: Router["stack"]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods).filter((m) => m !== "_all").map((m) => routeKey(m, layer.route!.path as string));
    const inner = (layer.handle as unknown as { stack?: Router["stack"] }).stack;
    return inner ? routerRoutes(inner) : [];
  });
}

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })));

/** The route's key in the descriptions: /api/v1/collections/{id} → /api/v1/collections/:id. */
const expressKey = (method: string, path: string) => routeKey(method, path.replace(/\{(\w+)\}/g, ":$1"));

/** The request a client builds from the document's examples for one operation. */
function exampleRequest(path: string, op: Operation) {
  const params: Record<string, string> = {}, query: Record<string, string> = {};
  for (const p of op.parameters) if (p.example !== undefined) (p.in === "path" ? params : query)[p.name] = String(p.example);
  const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const qs = new URLSearchParams(query).toString();
  const url = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? "")) + (qs ? `?${qs}` : "");
  return { url, params, query, type, body: media?.example };
}

function send(method: string, path: string, op: Operation, key?: string) {
  const ex = exampleRequest(path, op);
  let req = request(t.app)[method as "get" | "post" | "put" | "patch"](ex.url);
  if (key) req = req.set("Authorization", `Bearer ${key}`);
  if (ex.type === "text/csv") return req.type("text/csv").send(ex.body as string);
  return ex.body === undefined ? req : req.send(ex.body as object);
}

describe("API:ts beskrivning av sig själv", () => {
  it("när en integratör hämtar /api/v1/openapi.json utan nyckel så får hen ett giltigt OpenAPI 3.1-dokument", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], "valideraren").toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("när appens router har en rutt under /api/v1 så är den beskriven, och varje beskrivning hör till en rutt", () => {
    const app = expressApp(t.ctx, { ...t.ctx, sessionSecret: "test-secret-test-secret-test-secret-0123" });
    const mounted = [...new Set(routerRoutes(app.router.stack))].filter((k) => k.split(" ")[1].startsWith("/api/v1/"));
    expect(mounted.length).toBeGreaterThan(30);
    const inDoc = operations().map((o) => expressKey(o.method, o.path));
    expect(mounted.filter((k) => !(k in described)), "rutter utan beskrivning i server/api-description.ts").toEqual([]);
    expect(mounted.filter((k) => !inDoc.includes(k)), "rutter som saknas i /api/v1/openapi.json").toEqual([]);
    expect(Object.keys(described).filter((k) => !mounted.includes(k)), "beskrivningar utan rutt").toEqual([]);
    expect(operations().filter((o) => o.op["x-samspar-beskriven"] === false).map((o) => o.key), "operationer markerade som obeskrivna").toEqual([]);
  });

  it("när en operation tar parametrar eller en kropp så har dokumentet ett exempel för var och en som krävs, och kroppen", () => {
    const missing = operations().flatMap(({ key, op }) => [
      ...op.parameters.filter((p) => p.required && p.example === undefined).map((p) => `${key}: ${p.name}`),
      ...Object.entries(op.requestBody?.content ?? {}).filter(([, m]) => m.example === undefined).map(([type]) => `${key}: kropp ${type}`),
    ]);
    expect(missing).toEqual([]);
  });

  it("när en förfrågan byggs av exemplen i dokumentet så godtas den av ruttens egna zod-scheman", () => {
    const refused: string[] = [];
    for (const { key, method, path, op } of operations()) {
      const d = described[expressKey(method, path)];
      const ex = exampleRequest(path, op);
      for (const [part, schema, input] of [["sökväg", d.params, ex.params], ["fråga", d.query, ex.query], ["kropp", d.body, ex.body]] as const) {
        if (!schema) continue;
        const r = schema.safeParse(input ?? {});
        if (!r.success) refused.push(`${key} (${part}): ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      }
      // The parameters the document lists are the schema's own: none left out, none made up.
      const named = op.parameters.map((p) => p.name).sort();
      const own = [...Object.keys(shapeOf(d.params)), ...Object.keys(shapeOf(d.query))].sort();
      if ((d.params || d.query) && JSON.stringify(named) !== JSON.stringify(own)) refused.push(`${key}: parametrarna ${named.join(",")} ≠ schemats ${own.join(",")}`);
    }
    expect(refused).toEqual([]);
  });

  it("när exemplen prövas mot dokumentets egna JSON Schema så godtas de också där", () => {
    const refused: string[] = [];
    const resolve = (s: Record<string, unknown>) => (typeof s.$ref === "string" ? doc.components.schemas[s.$ref.split("/").at(-1)!] : s);
    const check = (what: string, schema: Record<string, unknown>, value: unknown) => {
      const r = z.fromJSONSchema(resolve(schema) as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value);
      if (!r.success) refused.push(`${what}: ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    };
    for (const { key, op } of operations()) {
      for (const p of op.parameters) if (p.example !== undefined) check(`${key} ${p.name}`, p.schema, p.example);
      const json = op.requestBody?.content["application/json"];
      if (json) check(`${key} kropp`, json.schema, json.example);
    }
    expect(refused).toEqual([]);
  });

  it("när exemplens svar och CSV-filer läses av funktionernas egna läsare så godtas de: svaren mot enkäten, CSV-raderna mot enkäten och förbundets organisation", async () => {
    const def = findSurvey(exampleInputs.questionnaire)!;
    expect(validateAnswers(def, exampleInputs.answers, { requireAnswers: true }).issues).toEqual([]);
    const csv = parseResponsesCsv(def, csvExample("POST", "/api/v1/collections/{id}/import"));
    expect(csv.errors).toEqual([]);
    expect(csv.rows.length).toBe(2);
    // makeForbund's förbund has kommunområdet Norra and the four standard parties the example names.
    const parsed = await deviations.previewImport(t.ctx, f.forbund.id, csvExample("POST", "/api/v1/deviations/import"));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.cases.length).toBe(1);
  });

  it("när exemplen skickas till verkliga poster så tas de emot: ett svar i en öppen insamling och ett årsfilter på resultaten", async () => {
    const c = await makeCollection(t.ctx, f);
    const op = doc.paths["/api/v1/collections/{id}/responses"].post;
    const body = exampleRequest("/api/v1/collections/{id}/responses", op).body as object;
    const res = await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${keys.admin}`).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // …and the insamling reads back in the shape the document gives it.
    const one = await request(t.app).get(`/api/v1/collections/${c.id}`).set("Authorization", `Bearer ${keys.admin}`);
    const shape = described["GET /api/v1/collections/:id"].responses[200].json as z.ZodType;
    expect(shape.safeParse(one.body).error?.issues ?? []).toEqual([]);
    expect(one.body.responses.finished).toBe(1);
    const results = exampleRequest("/api/v1/results", doc.paths["/api/v1/results"].get);
    const year = await request(t.app).get(`/api/v1/results?year=${results.query.year}&questionnaire=${results.query.questionnaire}`).set("Authorization", `Bearer ${keys.lasare}`);
    expect(year.status, JSON.stringify(year.body)).toBe(200);
  });

  it("när exemplen för en insats siffror, nyckeltalen och grupperna skickas till verkliga poster så tas de emot, och svaren har den form dokumentet säger", async () => {
    const insats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.forbund.id, name: "Steg för steg", kind: "individinriktad", fromYear: 2024 }, [])).id;
    const wrong: string[] = [];
    /** Sends the operation's example with the path's id (if any) replaced by a real record's. */
    const real = async (method: string, path: string, who: Who, id?: string) => {
      const op = doc.paths[path][method];
      const ex = exampleRequest(path, op);
      const url = id ? ex.url.replace(Object.values(ex.params).find((v) => /^[0-9a-f-]{36}$/.test(v))!, id) : ex.url;
      let req = request(t.app)[method as "get" | "put" | "post"](url).set("Authorization", `Bearer ${keys[who]}`);
      if (ex.body !== undefined) req = req.send(ex.body as object);
      const res = await req;
      const own = described[expressKey(method, path)].responses[res.status];
      if (!String(res.status).startsWith("2")) wrong.push(`${method.toUpperCase()} ${path} som ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (own?.json && own.json !== "object") {
        const shaped = own.json.safeParse(res.body);
        if (!shaped.success) wrong.push(`${method.toUpperCase()} ${path}: ${shaped.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      }
      return res;
    };
    await real("put", "/api/v1/nyckeltal/{year}", "admin");
    expect((await real("get", "/api/v1/nyckeltal/{year}", "lasare")).body.taxKommun).toBe(0.2138);
    await real("put", "/api/v1/interventions/{id}/outcomes/{year}", "koordinator", insats);
    expect((await real("get", "/api/v1/interventions/{id}/outcomes/{year}", "lasare", insats)).body.participants).toEqual({ women: 14, men: 11, other: 0 });
    await real("put", "/api/v1/interventions/{id}/movements/{year}", "koordinator", insats);
    expect((await real("get", "/api/v1/interventions/{id}/movements/{year}", "lasare", insats)).body.matrix.forsorjningsstod).toEqual({ arbete: 3, studiemedel: 1, forsorjningsstod: 4 });
    await real("get", "/api/v1/interventions/{id}/effect/{year}", "lasare", insats);

    const other = await makeForbund(t.ctx, "Förbund i samma län");
    const group = await request(t.app).post("/api/v1/platform/groups").set("Authorization", `Bearer ${keys.superadmin}`)
      .send({ ...(exampleRequest("/api/v1/platform/groups", doc.paths["/api/v1/platform/groups"].post).body as object), forbundIds: [f.forbund.id, other.forbund.id] });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    await real("put", "/api/v1/sharing/{groupId}", "admin", group.body.id);
    await real("get", "/api/v1/groups/{id}/comparison", "lasare", group.body.id);
    await real("put", "/api/v1/sharing/national", "admin");
    const national = await real("get", "/api/v1/national/indicators", "nationell");
    // the förbund that shares is listed; its few answers are below the reporting threshold, so none count
    expect(national.body.forbund.length).toBe(1);
    expect(national.body.forbundCount).toBe(0);
    expect(wrong).toEqual([]);
  });

  it("när en nyckel med för låg roll, eller ingen nyckel, skickar exemplet så nekar vakten precis som dokumentet säger", async () => {
    // The platform's roles are not above a förbund's: the förbund's admin is refused both.
    const below = { lasare: null, koordinator: "lasare", admin: "koordinator", superadmin: "admin", nationell: "admin" } as const;
    const wrong: string[] = [];
    for (const { key, method, path, op } of operations()) {
      const role = op["x-samspar-roll"];
      if (!role) {
        expect(op.security, key).toEqual([]);
        continue;
      }
      expect(op.security, key).toEqual([{ apiNyckel: [role] }]);
      const anonymous = await send(method, path, op);
      if (anonymous.status !== 401) wrong.push(`${key} utan nyckel: ${anonymous.status}`);
      const lower = below[role];
      if (lower) {
        const res = await send(method, path, op, keys[lower]);
        if (res.status !== 403 || !/behörighet/.test(res.body?.error?.message)) wrong.push(`${key} som ${lower}: ${res.status} ${res.body?.error?.message ?? ""}`);
      }
      const own = await send(method, path, op, keys[role === "lasare" ? "lasare" : role]);
      if (own.status === 401 || (own.status === 403 && !op["x-samspar-hela-forbundet"])) wrong.push(`${key} som ${role}: ${own.status} ${own.body?.error?.message ?? ""}`);
      // A förbund-wide output is refused to a koordinator scoped to kommunområden, and only such an output.
      if (role !== "admin") {
        const scoped = await send(method, path, op, keys.scoped);
        const refusedAsWide = scoped.status === 403 && scoped.body?.error?.message === FORBUND_WIDE_REFUSED;
        if (refusedAsWide !== op["x-samspar-hela-forbundet"]) wrong.push(`${key} som koordinator med kommunområde: ${scoped.status} ${scoped.body?.error?.message ?? ""}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("när en administratör skickar varje exempel så är svaret ett som dokumentet listar, i den form det säger", async () => {
    const unlisted: string[] = [];
    for (const { key, method, path, op } of operations()) {
      const res = await send(method, path, op, keys.admin);
      const listed = op.responses[String(res.status)];
      if (!listed) { unlisted.push(`${key}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`); continue; }
      const own = described[expressKey(method, path)].responses[res.status];
      const isJson = /json/.test(res.headers["content-type"] ?? "");
      const shaped = own?.json && own.json !== "object" ? own.json.safeParse(res.body) : undefined;
      if (shaped && !shaped.success) unlisted.push(`${key}: ${res.status} har inte den form dokumentet säger: ${shaped.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      if (listed.$ref && (!isJson || !apiErrorBody.safeParse(res.body).success)) unlisted.push(`${key}: ${res.status} är inte felformen`);
      const types = listed.$ref ? ["application/json"] : Object.keys(listed.content ?? {});
      const type = String(res.headers["content-type"] ?? "").split(";")[0];
      if (types.length && !types.includes(type)) unlisted.push(`${key}: ${res.status} som ${type}, dokumentet säger ${types.join(", ")}`);
    }
    expect(unlisted).toEqual([]);
  });

  it("när en förfrågan är felaktig så är felet den form dokumentet beskriver: en rad per fält med path och message", async () => {
    const res = await request(t.app).post("/api/v1/collections").set("Authorization", `Bearer ${keys.admin}`).send({ year: "förra året", okänt: 1 });
    expect(res.status).toBe(422);
    expect(apiErrorBody.parse(res.body).error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "year", message: expect.any(String) }),
      expect.objectContaining({ path: "okänt", message: "okänt fält" }),
    ]));
  });

  it("när en människa öppnar /api/v1/docs så får hen samma beskrivning som en sida, med varje operation", async () => {
    const res = await request(t.app).get("/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text).not.toMatch(/https?:\/\/(?!samspar\.test)[^"'\s]*\.(js|css)/); // nothing from a CDN
    for (const { method, path } of operations()) expect(res.text).toContain(`${method.toUpperCase()} ${path}`);
    expect(res.text).toContain("Samspårs API");
  });
});

function csvExample(method: string, path: string): string {
  const body = exampleRequest(path, doc.paths[path][method.toLowerCase()]).body;
  expect(typeof body).toBe("string");
  return body as string;
}

/** The keys of a zod object (or of the object inside a refine/transform). */
function shapeOf(schema: unknown): Record<string, unknown> {
  const def = (schema as { _zod?: { def?: { shape?: Record<string, unknown>; in?: unknown; schema?: unknown } } } | undefined)?._zod?.def;
  if (!def) return {};
  if (def.shape) return def.shape;
  return shapeOf(def.in ?? def.schema);
}

// Keep the path helper honest: the document's paths are the router's, with {name} for :name.
it("när en sökväg har parametrar så skrivs de {namn} i dokumentet", () => {
  expect(openApiPath("/api/v1/interventions/:id/funding/:year")).toBe("/api/v1/interventions/{id}/funding/{year}");
});
