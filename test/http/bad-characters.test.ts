/**
 * Bad characters never lose an answer (issue 12, finding 4): every route the app mounts gets NUL and
 * other C0 control characters, lone surrogates and invalid UTF-8 (overlong C0 80, a UTF-8-encoded
 * surrogate, FF) in its form fields, JSON strings, query string and route parameters, as a caller its
 * guard lets through (with a valid CSRF token), and must never answer 5xx.
 *
 * A form is filled as the page that shows it fills it (hidden fields, chosen options), so that the
 * bad characters reach the database instead of stopping at the first validation; JSON routes get a
 * valid body with one string at a time made bad.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import request from "supertest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { allRoutes } from "../../server/app.js";
import type { Route } from "../../server/http/route.js";
import { startTestApp, loginAgent, csrfFrom } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as collections from "../../server/collections/service.js";
import { responses } from "../../models/schema.js";
import { eq } from "drizzle-orm";
import type { Caller, Fixtures } from "./authz/types.js";
import { fill, paramsFor } from "./authz/all.js";

// Each test sends every bad value to one route, dozens of requests: 16 s for the largest forms at a load of 12 on two cores.
vi.setConfig({ testTimeout: 60_000 });

/** NUL and other C0 control characters (tab, newline and carriage return are allowed and not tested here). */
const C0 = "a\u0000b\u0001c\u0008d\u000be\u001bf\u001fg";
/** Percent-encoded: an overlong NUL, a UTF-8-encoded lone surrogate, a byte that is never UTF-8, and NUL. */
const BAD_UTF8 = "%C0%80%ED%A0%80%FF%00";
/** The same as raw bytes in a body. */
const RAW = Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xff, 0x00]);
/** Query names the app reads somewhere; each gets the bad value on its own. */
const QUERY_NAMES = ["year", "questionnaire", "interventionId", "areaId", "respondentGroup", "format", "status", "lang", "next", "q", "version", "draft", "language", "i", "token"];
const Q = "indikator-deltagare-pagaende";
/** Queries without which a route answers 422 before it reads anything. */
const baseQuery: Record<string, Record<string, string>> = {
  "/resultat/ar": { year: "2026", questionnaire: Q },
  "/resultat/ar.csv": { year: "2026", questionnaire: Q },
  "/api/v1/results": { year: "2026", questionnaire: Q },
  "/api/v1/reports/:year": { format: "zip" },
  "/api/v1/reports/:year/:bilaga": { format: "csv" },
  "/api/v1/reports/:year/statistik": { format: "csv" },
  "/statistik/bilaga": { format: "csv" },
};

let fx: Fixtures;
const emails = {} as Record<Exclude<Caller, "anonym">, string>;
const bearer = {} as Record<Caller, string>;
const agents = new Map<string, ReturnType<typeof request.agent>>();

async function agentOf(caller: Caller) {
  let agent = agents.get(caller);
  if (!agent) {
    agent = caller === "anonym" ? request.agent(fx.t.app) : await loginAgent(fx.t.app, emails[caller], PASSWORD);
    if (caller === "anonym") await agent.get("/login");
    agents.set(caller, agent);
  }
  return agent;
}

/** The caller the route's guard lets through. */
const callerFor = (r: Route): Caller => (r.guard === "public" ? "anonym" : r.guard === "superadmin" ? "superadmin" : "admin");

// ——— Forms as their pages fill them ———

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : undefined;
};

/** What a person types into an empty field of each kind, so that the form passes its own checks. */
const typed: Record<string, () => string> = {
  text: () => `Text ${nonce()}`, textarea: () => `En text ${nonce()}`, email: () => `fuzz-${nonce()}@exempel.se`,
  number: () => "1", date: () => "2024-03-14", month: () => "2024-02", search: () => "Text", url: () => "https://exempel.se",
};
/** Empty fields whose kind alone does not say what passes, by name. */
const byName: [RegExp, () => string][] = [
  [/^(fromYear|occurredYear)$/, () => "2024"], [/^toYear$/, () => "2026"], [/^year$/, () => "2026"],
  [/^periodStart$/, () => "2024-01-01"], [/^periodEnd$/, () => "2024-12-31"],
  [/^emails$/, () => `fuzz-${nonce()}@exempel.se`], [/^contact_/, () => `fuzz-${nonce()}@exempel.se`],
  [/^threshold$/, () => "70"], [/^questions$/, () => "1"], [/^questionnaire$/, () => Q],
  [/^(key|id)$/, () => `fuzz-${nonce()}`], [/^metric$/, () => "sharePositive"],
  [/^csv$/, () => "q1;q8\n3;Ett svar\n"],
  [/^json$/, () => JSON.stringify({
    id: `fuzz-${nonce()}`, version: 1, title: { sv: "Fuzz" }, respondentGroup: "evenemang", intro: { sv: "Anonym." }, source: "local", readOnly: false,
    languages: ["sv"], sections: [{ id: "del-1", title: { sv: "Del" }, questions: [{ id: "q1", kind: "text", text: { sv: "Fritt?" } }] }],
  })],
];
/** What a person types into an empty field: by its name when that says more than its kind. */
const fillFor = (name: string, type: string) => (byName.find(([re]) => re.test(name))?.[1] ?? typed[type] ?? (() => ""))();
const nonce = () => crypto.randomBytes(3).toString("hex");
/** A typed value made new, so that each request's names and addresses are its own (a name already taken stops a form early). */
const renew = (v: string) => v.replace(/(Text|En text) [0-9a-f]{6}$/, (_, w: string) => `${w} ${nonce()}`).replace(/^fuzz-[0-9a-f]{6}@/, () => `fuzz-${nonce()}@`);

/** The fields of a form's HTML as a person would send them: what is preset, the first choice of each group, and empty text filled in. */
function formFields(html: string, fillEmpty = true): [string, string][] {
  const out: [string, string][] = [];
  const radios = new Set<string>();
  const re = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>|<button\b[^>]*>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = m[0].slice(0, m[0].indexOf(">") + 1);
    const name = attr(tag, "name");
    if (!name || /\sdisabled/.test(tag)) continue;
    if (tag.startsWith("<textarea")) out.push([name, unescape(m[1] ?? "") || (fillEmpty ? fillFor(name, "textarea") : "")]);
    else if (tag.startsWith("<select")) {
      // a browser sends the selected option, else the first; a person answers a "Välj …" placeholder with the first real choice
      const opts = [...(m[2] ?? "").matchAll(/<option\b[^>]*>([^<]*)/g)];
      const placeholder = opts[0] && !attr(opts[0][0], "value") && /^\s*Välj/.test(opts[0][1]);
      const chosen = opts.find((o) => /\sselected/.test(o[0])) ?? (fillEmpty && placeholder ? opts.find((o) => attr(o[0], "value")) : undefined) ?? opts[0];
      out.push([name, chosen ? attr(chosen[0], "value") ?? "" : ""]);
    } else if (tag.startsWith("<button")) {
      if (!out.some(([n]) => n === name)) out.push([name, attr(tag, "value") ?? ""]);
    } else {
      const type = attr(tag, "type") ?? "text";
      if (type === "file" || type === "submit") continue;
      // an unchecked box counts only as the first of its group: a required choice is then made
      if (type === "checkbox" && !/\schecked/.test(tag) && out.some(([n]) => n === name)) continue;
      if (type === "radio") {
        // the checked one, else the first of the group
        if (/\schecked/.test(tag)) { const i = out.findIndex(([n]) => n === name); if (i >= 0) out.splice(i, 1); radios.add(name); out.push([name, attr(tag, "value") ?? "on"]); }
        else if (!out.some(([n]) => n === name) && !radios.has(name)) out.push([name, attr(tag, "value") ?? "on"]);
        continue;
      }
      out.push([name, attr(tag, "value") || (type === "checkbox" ? "on" : fillEmpty ? fillFor(name, type) : "")]);
    }
  }
  if (!fillEmpty) return out;
  return out.map(([n, v]) => [n, v || (byName.find(([re]) => re.test(n))?.[1]() ?? v)]);
}

/** The form of a page's HTML that posts to `url`. */
function formIn(html: string, page: string, url: string): string | undefined {
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const tag = m[0].slice(0, m[0].indexOf(">") + 1);
    if (!/method="post"/i.test(tag)) continue;
    const action = (attr(tag, "action") ?? page).split(/[?#]/)[0];
    if (action === url) return m[0];
  }
  return undefined;
}

/** The form that posts to `url`, found on the page itself or a page above it; undefined when none shows it. */
async function formFor(agent: ReturnType<typeof request.agent>, url: string): Promise<string | undefined> {
  const segments = url.split("/");
  // the page itself, its "new" page (POST /narvaro is the form on /narvaro/ny), then the pages above it
  const pages = [url, `${url}/ny`, ...segments.map((_, i) => segments.slice(0, segments.length - 1 - i).join("/")).filter((p) => p.length > 1)];
  for (const page of pages) {
    const res = await agent.get(page);
    if (res.status !== 200 || !String(res.headers["content-type"]).includes("html")) continue;
    const found = formIn(res.text, page, url);
    if (found) return found;
  }
  return undefined;
}

let addresses = 0;
/** A request as if from a new address. */
const fresh = <T extends { set(field: string, value: string): T }>(req: T): T => (addresses++, req.set("X-Forwarded-For", `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`));
/** Bodies go out byte for byte (superagent would otherwise turn a Buffer into a form or JSON of its own). */
const asIs = (body: unknown) => body as string;
const enc = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);

// ——— Valid JSON bodies of the API's writing routes ———

async function jsonBody(key: string, params: Record<string, string>): Promise<unknown> {
  const A = fx.forbundA;
  const area = A.areas[0].id;
  const intervention = async () => (await orgRepo.insertIntervention(fx.t.ctx.db, { forbundId: A.forbund.id, name: `Insats ${crypto.randomBytes(3).toString("hex")}`, kind: "individinriktad" }, [area])).id;
  switch (key) {
    case "POST /api/v1/collections": return { questionnaire: Q, year: 2026, name: "Fuzz", areaId: area, languages: ["sv"] };
    case "PATCH /api/v1/collections/:id": return { status: "oppen", opensAt: "2026-01-01" };
    case "POST /api/v1/collections/:id/responses": return { answers: { q1: 3 }, language: "sv" };
    case "POST /api/v1/deviations": return {
      occurredMonth: "2024-02", areaId: area, reporter: { partyId: A.partyIds.Kommun, role: "Handläggare" },
      concerned: [{ partyId: A.partyIds.Region }], description: "Ett ärende", consequences: ["dubbelarbete"], causes: ["bristande_tillit"],
      proposal: "Förslag", actionTaken: "Åtgärd", severity: "allvarlig",
    };
    case "PATCH /api/v1/deviations/:id": return { status: "under_handlaggning", note: "Anteckning" };
    case "POST /api/v1/goals": case "PUT /api/v1/goals/:id": return { year: 2026, text: "Ett mål", verdict: "uppfyllt", comment: "Bedömt" };
    case "POST /api/v1/attendance": {
      const g = await orgRepo.insertGroup(fx.t.ctx.db, { forbundId: A.forbund.id, name: `Grupp ${crypto.randomBytes(3).toString("hex")}`, kind: "samverk_styrgrupp", areaId: area }, Object.values(A.partyIds));
      return { groupId: g.id, date: "2024-03-14", attendance: Object.fromEntries(Object.values(A.partyIds).map((p) => [p, "ordinarie"])), note: "Möte" };
    }
    case "POST /api/v1/intervention-reports": return {
      interventionId: await intervention(), areaId: area, periodStart: "2024-01-01", periodEnd: "2024-12-31", participants: { women: 1, men: 1, other: 0 },
    };
    case "PUT /api/v1/interventions/:id/funding/:year": return { amount: 1000 };
    case "POST /api/v1/questionnaires": case "PUT /api/v1/questionnaires/:id": return {
      id: key.startsWith("PUT") ? params.id : `fuzz-${crypto.randomBytes(4).toString("hex")}`, version: 1, title: { sv: "Fuzz" }, respondentGroup: "evenemang",
      intro: { sv: "Anonym." }, source: "local", readOnly: false, languages: ["sv"],
      sections: [{ id: "del-1", title: { sv: "Del" }, questions: [{ id: "q1", kind: "text", text: { sv: "Fritt?" } }] }],
    };
    default: return {};
  }
}

/** Every path to a string in a JSON value. */
function stringPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v === "string") return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...at, i]));
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, k]));
  return [];
}
function withString(v: unknown, path: (string | number)[], f: (s: string) => string): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  o[last] = f(o[last] as string);
  return copy;
}
const MARK = "\u2063\u2063";
/** JSON text with raw bytes inserted into one string (bytes JSON.stringify cannot write). */
function jsonWithBytes(v: unknown, path: (string | number)[]): Buffer {
  const [before, after] = JSON.stringify(withString(v, path, (s) => s + MARK)).split(MARK);
  return Buffer.concat([Buffer.from(before), RAW, Buffer.from(after)]);
}

// ——— The requests ———

type Attempt = { label: string; send: () => PromiseLike<request.Response> };

async function attempts(r: Route): Promise<Attempt[]> {
  const key = `${r.method.toUpperCase()} ${r.path}`;
  const caller = callerFor(r);
  const params = await paramsFor(r.path, fx);
  const encoded = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)]));
  const url = fill(r.path, encoded);
  const isApi = r.path.startsWith("/api/");
  const isRespondent = r.path.startsWith("/e/");
  const base = baseQuery[r.path] ?? {};
  const urls: [string, string][] = [];
  // route parameters: each one with control characters, each one as invalid UTF-8
  for (const k of Object.keys(params)) {
    urls.push([`:${k} C0`, fill(r.path, { ...encoded, [k]: `${encoded[k]}${encodeURIComponent(C0)}` })]);
    urls.push([`:${k} UTF-8`, fill(r.path, { ...encoded, [k]: `${encoded[k]}${BAD_UTF8}` })]);
  }
  const out: Attempt[] = [];

  if (r.method === "get") {
    const qs = (q: Record<string, string>) => (Object.keys(q).length ? `?${enc(Object.entries(q)).join("&")}` : "");
    for (const name of new Set([...QUERY_NAMES, ...Object.keys(base)])) {
      const others = Object.entries(base).filter(([k]) => k !== name);
      urls.push([`?${name}`, `${url}?${[...enc(others), `${name}=${encodeURIComponent((base[name] ?? "") + C0)}${BAD_UTF8}`].join("&")}`]);
    }
    for (const [label, u] of urls) {
      const withBase = u.includes("?") ? u : u + qs(base);
      if (isApi) out.push({ label, send: () => fresh(request(fx.t.app).get(withBase)).set("Authorization", `Bearer ${bearer[caller]}`) });
      else if (isRespondent) out.push({ label, send: () => fresh(request(fx.t.app).get(withBase)) });
      else out.push({ label, send: async () => fresh((await agentOf(caller)).get(withBase)) });
    }
    return out;
  }

  if (isApi) {
    const send = (u: string, body: Buffer | string, type = "application/json") =>
      fresh(request(fx.t.app)[r.method](u)).set("Authorization", `Bearer ${bearer[caller]}`).set("Content-Type", type).serialize(asIs).send(body);
    if (key === "POST /api/v1/collections/:id/import") {
      // q8 is a free-text question of the questionnaire
      const csv = (v: string) => `q1;q8\n3;${v}\n`;
      out.push({ label: "CSV C0", send: () => send(url, csv(`Ett svar${C0}`), "text/csv") });
      out.push({ label: "CSV bytes", send: () => send(url, Buffer.concat([Buffer.from("q1;q8\n3;Ett"), RAW, Buffer.from("svar\n")]), "text/csv") });
      out.push({ label: "CSV header C0", send: () => send(url, `q1${C0};q8\n3;Ett svar\n`, "text/csv") });
      for (const [label, u] of urls) out.push({ label, send: () => send(u, csv("Ett svar"), "text/csv") });
      return out;
    }
    const body = await jsonBody(key, params);
    for (const p of stringPaths(body)) {
      const at = p.join(".");
      out.push({ label: `${at} C0`, send: () => send(url, JSON.stringify(withString(body, p, (s) => s + C0))) });
      out.push({ label: `${at} surrogate`, send: () => send(url, JSON.stringify(withString(body, p, (s) => `${s}\uD800x\uDC00`))) });
      out.push({ label: `${at} bytes`, send: () => send(url, jsonWithBytes(body, p)) });
    }
    out.push({ label: "unknown key C0", send: () => send(url, JSON.stringify({ ...(body as object), [`k${C0}`]: C0 })) });
    for (const [label, u] of urls) out.push({ label, send: () => send(u, JSON.stringify(body)) });
    return out;
  }

  // A form: as its page fills it, one field at a time made bad; then every field with raw bytes.
  // logout gets an agent of its own, so the shared one stays signed in
  const agent = isRespondent ? request.agent(fx.t.app) : r.path === "/logout" ? await loginAgent(fx.t.app, emails.admin, PASSWORD) : await agentOf(caller);
  const token = isRespondent ? undefined : csrfFrom((await agent.get("/konto/glomt-losenord")).text);
  const post = (u: string, body: string | Buffer) => fresh(agent.post(u)).set("Content-Type", "application/x-www-form-urlencoded").serialize(asIs).send(body);
  if ("n" in params) {
    // Every page of the questionnaire (the free-text questions come late), each variant sent by a new
    // respondent who has just reached that page as anyone does: page by page, answers as preset.
    const reach = async (n: number) => {
      const respondent = request.agent(fx.t.app);
      let page = fill(r.path, { ...encoded, n: "1" });
      let form = await formFor(respondent, page);
      let fields = form ? formFields(form) : undefined;
      for (let i = 1; i < n && fields; i++) {
        const next = await fresh(respondent.post(page)).type("form").send(enc(fields).join("&"));
        const location = String(next.headers.location ?? "");
        if (next.status !== 303 || !/\/fraga\/\d+/.test(location)) return undefined;
        page = location.split(/[?#]/)[0];
        form = formIn((await respondent.get(location)).text, page, page);
        fields = form ? formFields(form) : undefined;
      }
      return fields && { respondent, page, fields };
    };
    const first = await reach(1);
    if (first) for (const [label, u] of urls) out.push({ label, send: () => post(u, enc(first.fields).join("&")) });
    for (let n = 1; n <= 20; n++) {
      const here = await reach(n);
      if (!here) break;
      formBodies(here.fields).forEach(([label], i) => out.push({
        label: `sida ${n}: ${label}`,
        send: async () => {
          const again = (await reach(n))!;
          return fresh(again.respondent.post(again.page)).set("Content-Type", "application/x-www-form-urlencoded").serialize(asIs).send(formBodies(again.fields)[i][1]);
        },
      }));
    }
  } else {
    const form = await formFor(agent, url);
    // The form as preset, or with its empty fields filled in when only that passes its checks.
    let fields: [string, string][] = [["_csrf", token!], ["name", "x"], ["text", "x"], ["description", "x"], ["email", "x@exempel.se"], ["note", "x"]];
    if (form) {
      fields = formFields(form, false);
      if ((await post(url, enc(fields).join("&"))).status >= 400) {
        const filled = formFields(form, true);
        if ((await post(url, enc(filled).join("&"))).status < 400) fields = filled;
      }
    }
    if (token && !fields.some(([n]) => n === "_csrf")) fields.push(["_csrf", token]);
    for (const [label, body] of formBodies(fields)) out.push({ label, send: () => post(url, body) });
    // a form with a second button (preview, then import) is also sent as that button sends it
    if (fields.some(([n, v]) => n === "action" && v === "preview")) {
      const imported = fields.map(([n, v]): [string, string] => [n, n === "action" ? "import" : v]);
      for (const [label, body] of formBodies(imported)) out.push({ label: `import: ${label}`, send: () => post(url, body) });
    }
    for (const [label, u] of urls) out.push({ label, send: () => post(u, enc(fields).join("&")) });
  }
  return out;
}

/** A form's bodies: as filled, with one field at a time made bad (control characters, percent-encoded invalid UTF-8, raw invalid bytes). */
function formBodies(preset: [string, string][]): [string, string | Buffer][] {
  let fields = preset;
  const out: [string, string | Buffer][] = [];
  const editable = preset.map(([n], i) => [n, i] as const).filter(([n]) => n !== "_csrf").slice(0, 60);
  for (const [name, i] of editable) {
    fields = fields.map(([n, v]) => [n, renew(v)]);
    // inside a pasted file: a CSV value, or a JSON string written with escapes (\u0000, a lone \ud800)
    const inner = fields[i][1].includes("Ett svar") ? fields[i][1].replace("Ett svar", `Ett svar${C0}`)
      : fields[i][1].includes('"Fuzz"') ? fields[i][1].replace('"Fuzz"', '"Fuzz\\u0000\\u001b\\ud800"') : undefined;
    if (inner !== undefined) out.push([`${name} inuti`, enc(fields.map(([n, v], j) => [n, j === i ? inner : v])).join("&")]);
    out.push([`${name} C0`, enc(fields.map(([n, v], j) => [n, j === i ? v + C0 : v])).join("&")]);
    out.push([`${name} UTF-8`, enc(fields).map((p, j) => (j === i ? p + BAD_UTF8 : p)).join("&")]);
    out.push([`${name} bytes`, Buffer.concat(enc(fields).flatMap((p, j) => [...(j ? [Buffer.from("&")] : []), Buffer.from(p), ...(j === i ? [RAW] : [])]))]);
  }
  return out;
}

beforeAll(async () => {
  // Each request from its own address (X-Forwarded-For), so that the public forms' rate limits never answer in the fuzz's place.
  const t = await startTestApp({ env: { TRUST_PROXY: "1" } });
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
    bearer[caller] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, user.id))!, "fuzz")).secret;
  }
  fx = { t, forbundA, userIds };
});
afterAll(async () => { await fx?.t.close(); });

describe("dåliga tecken i varje rutt", () => {
  // Built before the app exists: the routes need only their table, not the database.
  const routes = allRoutes({} as never).filter((r) => r.path !== "/static/vendor/chart.umd.min.js");

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    "när %s får NUL, andra styrtecken, ensamma surrogat och ogiltig UTF-8 så svarar den aldrig 5xx", async (_key, r) => {
      const failures: string[] = [];
      for (const a of await attempts(r)) {
        const res = await a.send();
        if (res.status >= 500) failures.push(`${a.label}: ${res.status}`);
      }
      expect(failures).toEqual([]);
    }, 120_000);

  it("när en deltagare skriver NUL och andra styrtecken i ett fritextsvar så sparas svaret, utan de tecknen", async () => {
    const c = await collections.createCollection(fx.t.ctx, fx.forbundA.forbund.id, { questionnaire: Q, year: 2026, name: "Fritext", areaId: fx.forbundA.areas[0].id });
    const respondent = request.agent(fx.t.app);
    let page = `/e/${c.slug}/fraga/1`;
    let form = await formFor(respondent, page);
    for (let n = 1; form && !form.includes('name="q8"'); n++) {
      const next = await respondent.post(page).type("form").send(enc(formFields(form)).join("&"));
      page = String(next.headers.location).split("?")[0];
      form = formIn((await respondent.get(String(next.headers.location))).text, page, page);
    }
    const fields = formFields(form!).map(([n, v]): [string, string] => [n, n === "q8" ? "Hej\u0000 där\u001b!\r\nRad två\tslut" : v]);
    const res = await respondent.post(page).type("form").send(enc(fields).join("&"));
    expect(res.status).toBe(303);
    const [row] = await fx.t.ctx.db.select().from(responses).where(eq(responses.collectionId, c.id));
    expect(row.answers.q8).toBe("Hej där!\r\nRad två\tslut");
  });

  it("när en JSON-kropp är djupt nästlad så svarar API:t 400, inte 500", async () => {
    const params = await paramsFor("/api/v1/collections/:id/responses", fx);
    const res = await request(fx.t.app).post(`/api/v1/collections/${params.id}/responses`).set("Authorization", `Bearer ${bearer.admin}`)
      .set("Content-Type", "application/json").send(`{"answers": ${"[".repeat(500)}"x"${"]".repeat(500)}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("för djupt nästlad");
  });

  it("när en översättares XLSX har styrtecken i cellerna så läses den utan 5xx", async () => {
    const agent = await agentOf("admin");
    const params = await paramsFor("/enkater/:id/texter", fx);
    const xlsx = await agent.get(`/enkater/${params.id}/texter.xlsx`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const ws = wb.worksheets[0];
    const col = ws.getRow(1).cellCount + 1;
    ws.getRow(1).getCell(col).value = "en";
    ws.eachRow((row, n) => { if (n > 1) row.getCell(col).value = "Yes or no BAD?"; });
    // Excel writes a control character in a cell as _x0000_ (exceljs itself leaves them out), and a lone surrogate as _xD800_.
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    for (const name of Object.keys(zip.files).filter((f) => f.endsWith(".xml"))) {
      zip.file(name, (await zip.file(name)!.async("string")).replaceAll(" BAD", "_x0000__x0001__x001B__xD800_"));
    }
    const file = await zip.generateAsync({ type: "nodebuffer" });
    const page = await agent.get(`/enkater/${params.id}`);
    const res = await agent.post(`/enkater/${params.id}/texter`).field("_csrf", csrfFrom(page.text)).attach("file", file, "texter.xlsx");
    expect(res.status).toBe(303);
    const json = (await agent.get(`/enkater/${params.id}/definition.json`)).text;
    expect(json).toContain("Yes or no");
    expect(json).not.toMatch(/\\u00[01]|\\ud800/i);
  });
});
