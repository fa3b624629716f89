/**
 * The API's description of itself (OpenAPI 3.1), built from the route table and a description per route
 * whose request schemas are the very zod schemas the routes validate with (zod 4's JSON Schema output).
 * Which role a route needs is read from the route's guard, never written twice; a route without a
 * description still appears (path, role, errors), marked `x-samspar-beskriven: false`, and the test
 * (test/http/openapi.test.ts) fails naming it.
 */
import { z } from "zod";
import type { Guard, Method, Route } from "./route.js";
import type { Role } from "./types.js";
import { forbundWide } from "./guards.js";
import { FORBUND_WIDE_REFUSED } from "./scope.js";

/** One example request: path parameters, query parameters and body, as a client sends them. */
export type ApiExample = { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };

/** A response: JSON (with its schema, or described in words only) or files of the given media types. */
export type ApiResponse = { description: string; json?: z.ZodType | "object"; files?: readonly string[] };

/** What is said about one route besides what the route table already knows (method, path, guard). */
export type ApiOperation = {
  tag: string;
  summary: string;
  description?: string;
  /** The path parameters' zod object, as the route parses them. */
  params?: z.ZodType;
  /** The query's zod object, as the route parses it. */
  query?: z.ZodType;
  /** Words for each parameter (path or query). */
  paramText?: Readonly<Record<string, string>>;
  /** A JSON body: the zod schema the route validates it with. */
  body?: z.ZodType;
  /** A name for the body's schema when several routes take it: it is then written once, under components. */
  bodyName?: string;
  /** A CSV body read by the feature itself (no zod schema): what it holds. */
  csv?: string;
  example?: ApiExample;
  /** The route's own answers: its success and any error answer it shapes differently from the shared ones. */
  responses: Readonly<Record<number, ApiResponse>>;
  /** 409 when the state of things can refuse the request. */
  conflict?: string;
  /** 404 for something the body names (path parameters get theirs by themselves). */
  notFound?: string;
};

export type ApiDescriptions = Readonly<Record<string, ApiOperation>>;

/** The key of a route in the descriptions: "GET /api/v1/collections/:id". */
export const routeKey = (method: Method | string, path: string) => `${method.toUpperCase()} ${path}`;

/** The error every API answer other than a success has (server/http/error-handler.ts, http/api.ts). */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: "Felets slag: unauthorized, forbidden, not_found, validation, conflict, internal, eller body-parserns (entity.parse.failed, entity.too.large)." }),
    message: z.string().meta({ description: "Vad som gick fel, på svenska." }),
    issues: z.array(z.object({
      path: z.string().meta({ description: "Fältet, med punkter: answers.q3, funding.0.amount; (body) eller (query) när det gäller helheten." }),
      message: z.string().meta({ description: "Vad som är fel med fältet, på svenska." }),
      question: z.string().nullable().optional().meta({ description: "Frågans id, i svars- och enkät-API:erna (där kontraktet hade fältet före path)." }),
    })).optional().meta({ description: "Vid 422: ett fel per fält." }),
  }),
}).meta({ title: "Fel" });

/** The role a guard lets through, lowest first; null for a route without a key. */
export const guardRole: Partial<Record<Guard, Role>> = { api: "lasare", apiKoordinator: "koordinator", apiAdmin: "admin", apiSuperadmin: "superadmin", apiNational: "nationell" };

const roleWords: Record<Role, string> = {
  lasare: "en API-nyckel (vilken roll som helst: läsare, koordinator eller administratör)",
  koordinator: "en API-nyckel för en samverkanskoordinator eller administratör",
  admin: "en API-nyckel för förbundets administratör",
  superadmin: "en API-nyckel för plattformens administratör",
  nationell: "en API-nyckel för en nationell läsare (NNS)",
};

/** Whether a route is a förbund-wide output (http/guards.ts forbundWide, after the guard). */
export const isForbundWide = (r: Route) => r.handlers.includes(forbundWide);

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of what a client sends to the zod schema (its input side). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/**
 * A parameter is required when leaving it out gets an issue from the route's own schema: a preprocess may
 * turn a missing value into a default, which JSON Schema's `required` on the input side cannot tell.
 */
function missingIsRefused(schema: z.ZodType, name: string): boolean {
  const r = schema.safeParse({});
  return !r.success && r.error.issues.some((i) => i.path[0] === name || (i.code === "unrecognized_keys" && i.keys.includes(name)));
}

function parameters(op: ApiOperation, where: "path" | "query", schema: z.ZodType | undefined, example: Record<string, string> = {}) {
  if (!schema) return [];
  const properties = (jsonSchemaOf(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, s]) => ({
    name, in: where,
    required: where === "path" || missingIsRefused(schema, name),
    ...(op.paramText?.[name] ? { description: op.paramText[name] } : {}),
    schema: s,
    ...(name in example ? { example: typedExample(example[name], s) } : {}),
  }));
}

/** A parameter's example as its schema types it: "2026" for an integer is 2026 (the URL carries it as text either way). */
function typedExample(value: string, s: JsonSchema): string | number {
  const types = [s.type, ...((s.anyOf as JsonSchema[] | undefined) ?? []).map((x) => x.type)].flat();
  return (types.includes("integer") || types.includes("number")) && !types.includes("string") && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** "/api/v1/collections/:id" → "/api/v1/collections/{id}". */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** A stable, readable id: POST /api/v1/collections/:id/responses → postCollectionsByIdResponses. */
export function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1\//, "").split(/[/.\-]/).filter(Boolean)
    .map((w) => (w.startsWith(":") ? `By${w[1].toUpperCase()}${w.slice(2)}` : w[0].toUpperCase() + w.slice(1)));
  return method.toLowerCase() + words.join("");
}

const fileSchema = (type: string) => (type.startsWith("text/") ? { type: "string" } : { type: "string", contentMediaType: type });

function content(r: ApiResponse) {
  const out: Record<string, unknown> = {};
  if (r.json) out["application/json"] = { schema: r.json === "object" ? { type: "object" } : jsonSchemaOf(r.json) };
  for (const f of r.files ?? []) out[f] = { schema: fileSchema(f) };
  return out;
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Fel" } } } });
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function operation(route: Route, op: ApiOperation | undefined, schemas: Record<string, JsonSchema>) {
  const role = guardRole[route.guard] ?? null;
  const wide = isForbundWide(route);
  const needs = role ? `Kräver ${roleWords[role]}.` : "Kräver ingen API-nyckel.";
  const wideWords = wide ? " En förbundsövergripande sammanställning: en samverkanskoordinator med kommunområden nekas (403)." : "";
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op?.responses ?? {})) {
    responses[status] = { description: r.description, ...(r.json || r.files ? { content: content(r) } : {}) };
  }
  // A path parameter that does not parse is simply not found (http/forms.ts parseParams): 404, never 422.
  const takesInput = !!(op?.query || op?.body || op?.csv);
  if (op?.body) { responses["400"] ??= ref("Otolkbar"); responses["413"] ??= ref("ForStor"); }
  if (role) { responses["401"] ??= ref("SaknarNyckel"); responses["403"] ??= ref("IngenBehorighet"); }
  if (op?.notFound) responses["404"] ??= errorResponse(op.notFound);
  if (/:\w+/.test(route.path)) responses["404"] ??= ref("FinnsInte");
  if (op?.conflict) responses["409"] ??= errorResponse(op.conflict);
  if (takesInput) responses["422"] ??= ref("FelaktigaUppgifter");
  if (!Object.keys(responses).some((s) => s.startsWith("2"))) responses["200"] = { description: "Svaret." };

  const pathParams = op?.params
    ? parameters(op, "path", op.params, op.example?.params)
    : [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (op?.body && op.bodyName) schemas[op.bodyName] ??= jsonSchemaOf(op.body);
  const body = op?.body
    ? { required: true, content: { "application/json": { schema: op.bodyName ? { $ref: `#/components/schemas/${op.bodyName}` } : jsonSchemaOf(op.body), ...(op.example && "body" in op.example ? { example: op.example.body } : {}) } } }
    : op?.csv
      ? { required: true, description: op.csv, content: { "text/csv": { schema: { type: "string" }, ...(typeof op.example?.body === "string" ? { example: op.example.body } : {}) } } }
      : undefined;
  return {
    operationId: operationId(route.method, route.path),
    tags: [op?.tag ?? "Övrigt"],
    summary: op?.summary ?? "Inte beskriven än",
    description: [op?.description, needs + wideWords].filter(Boolean).join("\n\n"),
    // OpenAPI 3.1: for a scheme other than OAuth the array may name the roles a request needs.
    security: role ? [{ apiNyckel: [role] }] : [],
    "x-samspar-roll": role,
    "x-samspar-hela-forbundet": wide,
    ...(op ? {} : { "x-samspar-beskriven": false }),
    parameters: [...pathParams, ...(op ? parameters(op, "query", op.query, op.example?.query) : [])],
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}


/** The whole document for the routes under /api/v1, in the route table's order. */
export function openApiDocument(routes: readonly Route[], descriptions: ApiDescriptions, opts: { baseUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = { Fel: jsonSchemaOf(apiErrorBody) };
  const tags: string[] = [];
  for (const r of routes.filter((x) => x.path.startsWith("/api/v1/"))) {
    const op = descriptions[routeKey(r.method, r.path)];
    const tag = op?.tag ?? "Övrigt";
    if (!tags.includes(tag)) tags.push(tag);
    (paths[openApiPath(r.path)] ??= {})[r.method] = operation(r, op, schemas);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Samspår API",
      version: "1",
      description: [
        "Samspårs API för förbundets egna verktyg (uppföljning i Excel, regionens BI): insamlingar, resultat, mål, avvikelser, närvaro, insatsrapporter, statistik, bilagor och enkäter.",
        "Varje anrop (utom beskrivningen själv) skickar en API-nyckel: `Authorization: Bearer <nyckel>`. En nyckel skapas under API-nycklar i Samspår och har sitt kontos förbund och roll.",
        "Alla resultat följer rapporteringsgränsen: det som bygger på färre svar än gränsen visas inte, i API:t lika lite som på sidorna.",
        "Ett fel svarar alltid med `{\"error\": {\"code\", \"message\", \"issues\"}}`; vid 422 har `issues` ett fel per fält med `path` och `message` (på svenska).",
        `En förbundsövergripande sammanställning nekas en samverkanskoordinator med kommunområden: ”${FORBUND_WIDE_REFUSED}”`,
      ].join("\n\n"),
    },
    servers: [{ url: opts.baseUrl }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiNyckel: { type: "http", scheme: "bearer", description: "En API-nyckel från sidan API-nycklar i Samspår. Nyckeln har sitt kontos förbund och roll; listan i varje anrops security säger vilken roll som minst krävs." },
      },
      schemas,
      responses: {
        SaknarNyckel: errorResponse("Ingen, en ogiltig eller en återkallad API-nyckel."),
        IngenBehorighet: errorResponse("Nyckelns konto har inte den roll som krävs, hör inte till något förbund, ansvarar inte för postens kommunområde, eller (för förbundsövergripande sammanställningar) är en samverkanskoordinator med kommunområden."),
        FinnsInte: errorResponse("Posten finns inte, eller hör till ett annat förbund eller ett kommunområde nyckelns konto inte ser."),
        FelaktigaUppgifter: errorResponse("Uppgifterna är felaktiga: issues har ett fel per fält (path och message)."),
        Otolkbar: errorResponse("Kroppen är inte giltig JSON."),
        ForStor: errorResponse("Kroppen är för stor: högst 1 MB."),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
