/**
 * One rule for who may read which results (issue 12, finding 6). A koordinator scoped to kommunområden
 * reads what belongs to those kommunområden: their insamlingar and those insamlingars' results (page,
 * CSV, API). Everything förbund-wide — the year view, the goals, Statistik, every bilaga in every
 * format, the ZIP and their API — is refused with 403, on a page and in the API alike. A koordinator
 * without a kommunområde, läsare and admins read the whole förbund.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as collections from "../../server/collections/service.js";
import { bilagor, fileFormats } from "../../server/reports/service.js";

const Q = "indikator-deltagare-pagaende";
const YEAR = 2026;
const q = `year=${YEAR}&questionnaire=${Q}`;

let t: TestApp;
type Who = "scoped" | "unscoped" | "lasare" | "admin";
const agents = {} as Record<Who, ReturnType<typeof request.agent>>;
const keys = {} as Record<Who, string>;
let own: string, other: string, ownArea: string, otherArea: string;

beforeAll(async () => {
  t = await startTestApp();
  const f = await makeForbund(t.ctx, "Förbund A");
  ownArea = f.areas[0].id;
  otherArea = f.areas[1].id;
  const users: Record<Who, Awaited<ReturnType<typeof makeUser>>> = {
    scoped: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] }),
    unscoped: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [] }),
    lasare: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "lasare" }),
    admin: await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" }),
  };
  for (const [who, u] of Object.entries(users) as [Who, typeof users.admin][]) {
    agents[who] = await loginAgent(t.app, u.email, PASSWORD);
    keys[who] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
  }
  own = (await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: Q, year: YEAR, name: "Norra", areaId: f.areas[0].id })).id;
  other = (await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: Q, year: YEAR, name: "Södra", areaId: f.areas[1].id })).id;
});
afterAll(async () => { await t?.close(); });

/** Every förbund-wide output on a page: the year view, goals, Statistik, each bilaga as preview and in each format, the ZIP. */
const pages = [
  `/resultat/ar?${q}`, `/resultat/ar.csv?${q}`, `/mal?year=${YEAR}`, `/bilagor?year=${YEAR}`, `/bilagor/${YEAR}/alla.zip`,
  `/statistik?year=${YEAR}`, ...["html", "csv", "docx", "xlsx"].map((f) => `/statistik/bilaga?year=${YEAR}&format=${f}`),
  ...bilagor.flatMap((b) => [`/bilagor/${YEAR}/${b.slug}/forhandsgranska`, ...fileFormats.map((f) => `/bilagor/${YEAR}/${b.slug}.${f}`)]),
];
/** The same in the API. */
const api = [
  `/api/v1/results?${q}`, `/api/v1/goals?year=${YEAR}`, `/api/v1/reports/${YEAR}?format=zip`,
  ...["json", "html", "csv", "docx", "xlsx"].map((f) => `/api/v1/reports/${YEAR}/statistik?format=${f}`),
  ...bilagor.flatMap((b) => ["json", ...fileFormats].map((f) => `/api/v1/reports/${YEAR}/${b.api}?format=${f}`)),
];

describe("en koordinator med kommunområden läser bara sina kommunområden", () => {
  it.each(pages)("när koordinatorn öppnar %s så får hen 403 med en förklaring på svenska", async (url) => {
    const res = await agents.scoped.get(url);
    expect(res.status).toBe(403);
    expect(res.text).toContain("hela förbundet");
  });

  it.each(api)("när koordinatorns API-nyckel hämtar %s så blir svaret 403 som JSON", async (url) => {
    const res = await request(t.app).get(url).set("Authorization", `Bearer ${keys.scoped}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("hela förbundet") });
  });

  it("när koordinatorn ber om årsvyn för ett kommunområde, sitt eget eller ett annat, så nekas hen: årsvyn läggs ihop över insamlingar", async () => {
    for (const area of [ownArea, otherArea]) {
      expect((await agents.scoped.get(`/resultat/ar?${q}&areaId=${area}`)).status).toBe(403);
      expect((await agents.scoped.get(`/resultat/ar.csv?${q}&areaId=${area}`)).status).toBe(403);
      expect((await request(t.app).get(`/api/v1/results?${q}&areaId=${area}`).set("Authorization", `Bearer ${keys.scoped}`)).status).toBe(403);
    }
  });

  it("när koordinatorn sparar text till en bilaga så nekas hen: texterna hör till hela förbundets bilagor", async () => {
    const csrf = csrfFrom((await agents.scoped.get("/start")).text);
    const res = await agents.scoped.post(`/bilagor/${YEAR}/avvikelser/texter`).type("form").send({ _csrf: csrf, analys: "Analys" });
    expect(res.status).toBe(403);
  });

  it("när koordinatorn läser resultaten av en insamling i sitt kommunområde så får hen dem: sida, CSV och API", async () => {
    expect((await agents.scoped.get(`/resultat/insamling/${own}`)).status).toBe(200);
    expect((await agents.scoped.get(`/resultat/insamling/${own}.csv`)).status).toBe(200);
    expect((await request(t.app).get(`/api/v1/collections/${own}/results`).set("Authorization", `Bearer ${keys.scoped}`)).status).toBe(200);
  });

  it("när koordinatorn läser resultaten av en insamling i ett annat kommunområde så nekas hen", async () => {
    expect((await agents.scoped.get(`/resultat/insamling/${other}`)).status).toBe(403);
    expect((await agents.scoped.get(`/resultat/insamling/${other}.csv`)).status).toBe(403);
    expect((await request(t.app).get(`/api/v1/collections/${other}/results`).set("Authorization", `Bearer ${keys.scoped}`)).status).toBe(403);
  });

  it("när koordinatorn ser resultatsidan och menyn så erbjuds inga förbundsövergripande sidor", async () => {
    const res = await agents.scoped.get("/resultat");
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/action="\/resultat\/ar"|href="\/mal"|href="\/bilagor"|href="\/statistik"/);
    expect(res.text).toContain(`/resultat/insamling/${own}`);
    expect(res.text).not.toContain(`/resultat/insamling/${other}`);
  });
});

describe("läsare, administratörer och koordinatorer utan kommunområde läser hela förbundet", () => {
  it.each(["unscoped", "lasare", "admin"] as const)("när %s öppnar de förbundsövergripande sidorna så får hen dem", async (who) => {
    for (const url of [`/resultat/ar?${q}`, `/mal?year=${YEAR}`, `/bilagor?year=${YEAR}`, `/bilagor/${YEAR}/indikatorenkater.csv`, `/statistik?year=${YEAR}`]) {
      expect((await agents[who].get(url)).status, url).toBe(200);
    }
    for (const url of [`/api/v1/results?${q}`, `/api/v1/reports/${YEAR}/maluppfyllelse?format=json`, `/api/v1/reports/${YEAR}/statistik?format=json`]) {
      expect((await request(t.app).get(url).set("Authorization", `Bearer ${keys[who]}`)).status, url).toBe(200);
    }
  });

  it("när en koordinator utan kommunområde läser en insamlings resultat så får hen dem, i vilket kommunområde som helst", async () => {
    for (const id of [own, other]) {
      expect((await agents.unscoped.get(`/resultat/insamling/${id}`)).status).toBe(200);
      expect((await request(t.app).get(`/api/v1/collections/${id}/results`).set("Authorization", `Bearer ${keys.unscoped}`)).status).toBe(200);
    }
  });
});
