/** The OpenAPI document as a page for people: operations by tag, each with its role, parameters, body, example and answers. */
import type { OpenApiDocument } from "../http/openapi.js";

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: Schema; example?: unknown };
type Media = { schema?: Schema; example?: unknown };
type Operation = {
  operationId: string; tags: string[]; summary: string; description: string;
  parameters: Parameter[]; requestBody?: { description?: string; content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media>; $ref?: string }>;
};


/** A schema in a few words: "heltal 1990–2100", "uuid", "en av: json, html". */
export function schemaWords(s: Schema): string {
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(schemaWords).join(" eller ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `en av: ${(s.enum as unknown[]).join(", ")}`;
  if (s.type === "null") return "null";
  if (s.format === "uuid") return "uuid";
  const range = s.minimum !== undefined && s.maximum !== undefined && Number(s.maximum) < 1e9 ? ` ${String(s.minimum)}–${String(s.maximum)}` : "";
  if (s.type === "integer") return `heltal${range}`;
  if (s.type === "number") return `tal${range}`;
  if (Array.isArray(s.type)) return (s.type as string[]).map((t) => (t === "string" ? "text" : t === "number" ? "tal" : t)).join(" eller ");
  if (s.type === "string") return s.pattern ? `text (${String(s.pattern)})` : "text";
  return typeof s.type === "string" ? s.type : "valfritt";
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const anchorOf = (s: string) => s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** A paragraph with `code` in it, as parts: every other part is code. */
const withCode = (p: string) => p.split("`").map((text, i) => ({ text, code: i % 2 === 1 }));

/** What views/apidocs/index.ejs shows. */
export function docsPage(doc: OpenApiDocument) {
  const byTag = new Map<string, ReturnType<typeof operationView>[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as Operation;
      const tag = op.tags[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationView(method, path, op, doc.components.responses as Record<string, { description: string }>));
    }
  }
  return {
    intro: doc.info.description.split("\n\n").map(withCode),
    groups: [...byTag.entries()].map(([tag, operations]) => ({ tag, anchor: anchorOf(tag), operations })),
  };
}

function operationView(method: string, path: string, op: Operation, shared: Record<string, { description: string }>) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return {
    anchor: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    // The description's last paragraph is what the route needs (http/openapi.ts): shown as its own line.
    description: op.description.split("\n\n").slice(0, -1),
    role: op.description.split("\n\n").at(-1) ?? "",
    parameters: op.parameters.map((p) => ({
      name: p.name, where: p.in === "path" ? "sökväg" : "fråga", required: p.required,
      type: schemaWords(p.schema), description: p.description ?? "", example: p.example === undefined ? "" : String(p.example),
    })),
    body: body ? { type: body[0], description: op.requestBody?.description ?? "", schema: pretty(body[1].schema), example: body[1].example === undefined ? null : typeof body[1].example === "string" ? body[1].example : pretty(body[1].example) } : null,
    responses: Object.entries(op.responses).map(([status, r]) => ({
      status,
      description: r.$ref ? shared[r.$ref.split("/").at(-1)!]?.description ?? "" : r.description ?? "",
      types: r.$ref ? ["application/json"] : Object.keys(r.content ?? {}),
    })),
  };
}
