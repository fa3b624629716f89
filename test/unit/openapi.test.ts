/**
 * The OpenAPI builder (server/http/openapi.ts) on a small route table of its own: roles come from the
 * guards, required query parameters from what the zod schema refuses, a route without a description is
 * still there and says so, and the few words of the docs page (apidocs/present.ts).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Validator } from "@seriousme/openapi-schema-validator";
import { get, post, type Route } from "../../server/http/route.js";
import { forbundWide } from "../../server/http/guards.js";
import { openApiDocument, operationId, type ApiDescriptions } from "../../server/http/openapi.js";
import { docsPage, schemaWords } from "../../server/apidocs/present.js";

const noop = () => undefined;
const routes: Route[] = [
  get("/api/v1/things", "api", forbundWide, noop),
  post("/api/v1/things/:id/parts", "apiKoordinator", noop),
  get("/api/v1/new-thing", "apiAdmin", noop),
  get("/healthz", "public", noop), // not the API's
];
const descriptions: ApiDescriptions = {
  "GET /api/v1/things": {
    tag: "Saker",
    summary: "Sakerna",
    query: z.object({
      year: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional()),
      kind: z.preprocess((v) => v ?? "", z.string().min(1, "Välj slag.")),
      format: z.preprocess((v) => v ?? "json", z.enum(["json", "csv"])),
    }),
    example: { query: { year: "2026", kind: "stol" } },
    responses: { 200: { description: "Sakerna.", json: "object" } },
  },
  "POST /api/v1/things/:id/parts": {
    tag: "Saker",
    summary: "Lägg till en del",
    params: z.object({ id: z.uuid() }),
    body: z.object({ name: z.string().min(1) }).strict(),
    example: { params: { id: "7d1f3c2a-5b4e-4a9d-8c6f-0e1d2c3b4a59" }, body: { name: "Ben" } },
    responses: { 201: { description: "Delen.", json: z.object({ id: z.uuid() }) } },
    conflict: "Delen finns redan.",
  },
};
const doc = openApiDocument(routes, descriptions, { baseUrl: "https://samspar.example" });
type Op = Record<string, unknown> & { parameters: { name: string; in: string; required: boolean; example?: string }[]; responses: Record<string, unknown> };
const op = (path: string, method: string) => (doc.paths as Record<string, Record<string, Op>>)[path][method];

describe("OpenAPI-byggaren", () => {
  it("när dokumentet byggs så är det giltig OpenAPI 3.1 och har bara API:ts rutter", async () => {
    expect((await new Validator().validate(doc as unknown as Record<string, unknown>)).valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(["/api/v1/things", "/api/v1/things/{id}/parts", "/api/v1/new-thing"]);
    expect(doc.servers).toEqual([{ url: "https://samspar.example" }]);
  });

  it("när en rutt har en vakt så står dess roll i security och x-samspar-roll, och förbundsövergripande utdata märks", () => {
    expect(op("/api/v1/things", "get")).toMatchObject({ security: [{ apiNyckel: ["lasare"] }], "x-samspar-roll": "lasare", "x-samspar-hela-forbundet": true });
    expect(op("/api/v1/things/{id}/parts", "post")).toMatchObject({ security: [{ apiNyckel: ["koordinator"] }], "x-samspar-hela-forbundet": false });
    expect(op("/api/v1/new-thing", "get")).toMatchObject({ security: [{ apiNyckel: ["admin"] }] });
  });

  it("när en frågeparameter kan utelämnas enligt ruttens zod-schema så är den inte obligatorisk, annars är den det", () => {
    expect(op("/api/v1/things", "get").parameters.map((p) => [p.name, p.required, p.example])).toEqual([
      ["year", false, 2026], ["kind", true, "stol"], ["format", false, undefined],
    ]);
  });

  it("när en rutt tar en kropp och en sökvägsparameter så har den felen den kan ge: 400, 401, 403, 404, 409, 413 och 422", () => {
    expect(Object.keys(op("/api/v1/things/{id}/parts", "post").responses).sort()).toEqual(["201", "400", "401", "403", "404", "409", "413", "422"]);
    expect(op("/api/v1/things/{id}/parts", "post")).toMatchObject({
      requestBody: { content: { "application/json": { schema: { type: "object", required: ["name"], additionalProperties: false }, example: { name: "Ben" } } } },
    });
  });

  it("när en rutt saknar beskrivning så finns den ändå, med sökväg och roll, och säger att den inte är beskriven", () => {
    expect(op("/api/v1/new-thing", "get")).toMatchObject({ summary: "Inte beskriven än", "x-samspar-beskriven": false, tags: ["Övrigt"] });
  });

  it("när felets form beskrivs så har den code, message och issues med path och message", () => {
    const fel = doc.components.schemas.Fel as { properties: { error: { required: string[]; properties: { issues: { items: { required: string[] } } } } } };
    expect(fel.properties.error.required).toEqual(["code", "message"]);
    expect(fel.properties.error.properties.issues.items.required).toEqual(["path", "message"]);
  });

  it("när en operation får ett id så är det läsbart och unikt", () => {
    expect(operationId("post", "/api/v1/collections/:id/responses")).toBe("postCollectionsByIdResponses");
    expect(operationId("get", "/api/v1/reports/:year/statistik")).toBe("getReportsByYearStatistik");
    expect(operationId("get", "/api/v1/openapi.json")).toBe("getOpenapiJson");
  });
});

describe("sidan för människor", () => {
  it("när ett schema sägs med några ord så blir det svenska", () => {
    expect(schemaWords({ type: "integer", minimum: 1990, maximum: 2100 })).toBe("heltal 1990–2100");
    expect(schemaWords({ anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] })).toBe("uuid eller null");
    expect(schemaWords({ type: "string", enum: ["json", "csv"] })).toBe("en av: json, csv");
  });

  it("när sidan byggs så grupperas operationerna per tagg och rollen står på en egen rad", () => {
    const page = docsPage(doc);
    expect(page.groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ["Saker", ["GET /api/v1/things", "POST /api/v1/things/{id}/parts"]], ["Övrigt", ["GET /api/v1/new-thing"]],
    ]);
    const things = page.groups[0].operations[0];
    expect(things.role).toContain("vilken roll som helst");
    expect(things.role).toContain("samverkanskoordinator med kommunområden nekas");
    expect(things.description).toEqual([]);
  });
});
