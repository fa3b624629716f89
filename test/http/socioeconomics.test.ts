import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import ExcelJS from "exceljs";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as audit from "../../server/audit/service.js";

let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let other: Awaited<ReturnType<typeof makeForbund>>;
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, lasare: Agent;
const bearer: Record<string, string> = {};
let seHoglandet: string, itSparet: string, uppdrag: string, otherInsats: string;

const thin = "\u202F";
const api = (method: "get" | "put" | "post", path: string, who = "admin") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);
const split = (women: number, men: number, other = 0) => ({ women, men, other });
/** Binary bodies (docx, xlsx) as a Buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2025-02-10T10:00:00Z") } });
  F = await makeForbund(t.ctx, "Förbund Statistik", ["Eksjö", "Nässjö"]);
  other = await makeForbund(t.ctx, "Annat förbund");
  const A = F.forbund.id;
  seHoglandet = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Höglandet", kind: "individinriktad", fromYear: 2019 }, [])).id;
  itSparet = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "IT-spåret", kind: "individinriktad", fromYear: 2022 }, [])).id;
  uppdrag = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "Uppdrag samverkan", kind: "strukturovergripande", fromYear: 2019 }, [])).id;
  otherInsats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: other.forbund.id, name: "Annan insats", kind: "individinriktad" }, [])).id;
  const users = {
    admin: await makeUser(t.ctx, { forbundId: A, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [F.areas[0].id] }),
    lasare: await makeUser(t.ctx, { forbundId: A, role: "lasare" }),
    annat: await makeUser(t.ctx, { forbundId: other.forbund.id, role: "admin" }),
  };
  [admin, lasare] = await Promise.all([users.admin, users.lasare].map((u) => loginAgent(t.app, u.email, PASSWORD)));
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;

  // 002's figures for 2024: SE-Höglandet's helårsrapport, and IT-spåret (19 deltagare, 4 avslutade: 1 arbete, 1 studier, 2 annat).
  const reports = [
    { interventionId: seHoglandet, periodStart: "2024-01-01", periodEnd: "2024-12-31", participants: split(95, 125), newParticipants: split(30, 41),
      finished: { arbete: split(17, 23), studier: split(2, 0), annat: split(13, 19) }, efterstod: split(21, 25) },
    { interventionId: itSparet, periodStart: "2024-01-01", periodEnd: "2024-12-31", participants: split(5, 14),
      finished: { arbete: split(0, 1), studier: split(0, 1), annat: split(1, 1) } },
  ];
  for (const r of reports) expect((await api("post", "/api/v1/intervention-reports").send(r)).status).toBe(201);
});
afterAll(async () => { await t?.close(); });

const csrfOf = new Map<Agent, string>();
async function send(agent: Agent, action: string, fields: Record<string, unknown>) {
  if (!csrfOf.has(agent)) csrfOf.set(agent, csrfFrom((await agent.get("/konto/byt-losenord")).text));
  return agent.post(action).type("form").send({ ...fields, _csrf: csrfOf.get(agent) });
}

describe("medel per insats och den socioekonomiska effekten", () => {
  it("när medlen för 2024 läggs in så ger Statistik-bilagan 002:s siffror: 8 164 800 mot 3 975 750 = 4 189 050 och −2 011 200", async () => {
    const se = await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`).send({ amount: 3_975_750 });
    expect(se.status).toBe(200);
    expect(se.body).toEqual({ interventionId: seHoglandet, year: 2024, amount: 3_975_750 });
    expect((await api("put", `/api/v1/interventions/${itSparet}/funding/2024`).send({ amount: 2_400_000 })).status).toBe(200);

    const res = await api("get", "/api/v1/reports/2024/statistik?format=json", "lasare");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["outcomeThreshold", "interventions"]);
    const byName = Object.fromEntries(res.body.interventions.map((i: { name: string }) => [i.name, i]));
    expect(byName["SE-Höglandet"]).toMatchObject({
      id: seHoglandet, name: "SE-Höglandet", participants: 220, finished: 74, toWorkOrStudies: 42,
      socioeconomicEffect: 8_164_800, funding: 3_975_750, difference: 4_189_050,
      participantsByGender: split(95, 125), finishedByGender: split(32, 42), finishedByOutcome: { arbete: 40, studier: 2, annat: 32 }, efterstod: 46,
    });
    expect(byName["SE-Höglandet"].shareToWorkOrStudies).toBeCloseTo(42 / 74, 12);
    expect(byName["IT-spåret"]).toMatchObject({ participants: 19, finished: 4, toWorkOrStudies: 2, shareToWorkOrStudies: 0.5, socioeconomicEffect: 388_800, funding: 2_400_000, difference: -2_011_200 });
    expect(byName["Uppdrag samverkan"]).toBeUndefined(); // neither a report nor money for 2024
    // JSON is the default format
    expect((await api("get", "/api/v1/reports/2024/statistik", "lasare")).body).toEqual(res.body);
    expect((await api("get", "/api/v1/reports/2024/statistik", "koord")).status).toBe(403); // förbund-wide: not for a koordinator of one kommunområde
  });

  it("när en strukturövergripande insats har medel så får den ingen effekt och ingen negativ differens (issue 16); null tar bort medlen", async () => {
    expect((await api("put", `/api/v1/interventions/${uppdrag}/funding/2024`).send({ amount: 500_000 })).status).toBe(200);
    let row = (await api("get", "/api/v1/reports/2024/statistik")).body.interventions.find((i: { id: string }) => i.id === uppdrag);
    expect(row).toMatchObject({ kind: "strukturovergripande", participants: 0, finished: 0, shareToWorkOrStudies: null, socioeconomicEffect: null, funding: 500_000, difference: null, reported: false });
    const html = (await api("get", "/api/v1/reports/2024/statistik?format=html")).text;
    expect(html).toContain("Strukturövergripande insatser 2024: medel (ingen socioekonomisk effekt beräknas)");
    expect(html).not.toContain("\u2212500");
    expect((await api("put", `/api/v1/interventions/${uppdrag}/funding/2024`).send({ amount: null })).status).toBe(200);
    row = (await api("get", "/api/v1/reports/2024/statistik")).body.interventions.find((i: { id: string }) => i.id === uppdrag);
    expect(row).toBeUndefined();
  });

  it("när beloppet är fel, anroparen inte är admin eller insatsen hör till ett annat förbund så vägras det", async () => {
    const bad = await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`).send({ amount: -5 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([{ path: "amount", message: "kan inte vara negativt" }]);
    expect((await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`).send({ amount: "3 975 750" })).status).toBe(422);
    expect((await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`).send({ amount: 1, extra: 2 })).status).toBe(422);
    expect((await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`, "koord").send({ amount: 1 })).status).toBe(403);
    expect((await api("put", `/api/v1/interventions/${seHoglandet}/funding/2024`, "annat").send({ amount: 1 })).status).toBe(404);
    expect((await api("put", `/api/v1/interventions/${otherInsats}/funding/2024`).send({ amount: 1 })).status).toBe(404);
    expect((await api("put", `/api/v1/interventions/${seHoglandet}/funding/tjugo`).send({ amount: 1 })).status).toBe(404);
    expect((await api("get", "/api/v1/reports/2024/statistik?format=pdf")).status).toBe(422);
    // another förbund sees only its own (empty) figures
    expect((await api("get", "/api/v1/reports/2024/statistik", "annat")).body).toEqual({ outcomeThreshold: null, interventions: [] });
  });
});

describe("Statistik-bilagan i alla format", () => {
  it("när bilagan hämtas som HTML, CSV, Word och Excel så har alla samma siffror, och exporten loggas", async () => {
    const html = await api("get", "/api/v1/reports/2024/statistik?format=html");
    expect(html.status).toBe(200);
    expect(html.type).toBe("text/html");
    expect(html.text).toContain("<h1>Statistik 2024</h1>");
    expect(html.text).toContain(`<td class="num">4${thin}189${thin}050</td>`);
    expect(html.text).toContain(`<td class="num">\u22122${thin}011${thin}200</td>`);
    expect(html.text).toContain("Många argument kan ställas mot denna typ av schablonisering");

    const csv = await api("get", "/api/v1/reports/2024/statistik?format=csv");
    expect(csv.headers["content-disposition"]).toContain("Statistik 2024.csv");
    expect(csv.text).toContain("SE-Höglandet;42;8164800;3975750;4189050");
    expect(csv.text).toContain("IT-spåret;2;388800;2400000;-2011200");

    const docx = await api("get", "/api/v1/reports/2024/statistik?format=docx").buffer(true).parse(binary);
    expect(docx.status).toBe(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe("PK");

    const xlsx = await api("get", "/api/v1/reports/2024/statistik?format=xlsx").buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet("Socioekonomisk effekt 2024")!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["SE-Höglandet", 42, 8_164_800, 3_975_750, 4_189_050]);

    const entries = await audit.list(t.ctx, F.forbund.id);
    expect(entries.filter((e) => e.action === "export" && (e.detail as { what?: string }).what === "statistik").length).toBeGreaterThanOrEqual(4);
  });
});

describe("statistiksidan", () => {
  it("när en läsare öppnar sidan så syns tabellerna men inte formulären", async () => {
    const res = await lasare.get("/statistik?year=2024");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`8${thin}164${thin}800`);
    expect(res.text).toContain("Total ekonomisk effekt är 16");
    expect(res.text).not.toContain('action="/statistik/schablon"');
    expect((await send(lasare, "/statistik/schablon", { year: "2024" })).status).toBe(403);
    const file = await lasare.get("/statistik/bilaga?year=2024&format=csv");
    expect(file.status).toBe(200);
    expect(file.headers["content-disposition"]).toContain("Statistik 2024.csv");
  });

  it("när admin ändrar schablonen så följer effekten med, och fel visas igen med 422 och det som skrevs", async () => {
    const bad = await send(admin, "/statistik/schablon", { year: "2023", publicSupport: "tio tusen", adminCost: "500", newRevenue: "5 700" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Offentlig försörjning: skriv ett belopp i hela kronor per månad, till exempel 10 000.");
    expect(bad.text).toContain('value="tio tusen"');
    const ok = await send(admin, "/statistik/schablon", { year: "2024", publicSupport: "11 000", adminCost: "500", newRevenue: "5 700" });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/statistik?year=2024");
    const se = (await api("get", "/api/v1/reports/2024/statistik")).body.interventions.find((i: { id: string }) => i.id === seHoglandet);
    expect(se.socioeconomicEffect).toBe(42 * 17_200 * 12);
    expect(se.difference).toBe(42 * 17_200 * 12 - 3_975_750);
    // another year keeps the model's defaults
    expect((await admin.get("/statistik?year=2023")).text).toContain(`194${thin}400 kr per år`);
  });

  it("när admin sparar medlen i formuläret så räknas differensen om, och ett felaktigt belopp visas vid sitt fält", async () => {
    const bad = await send(admin, "/statistik/finansiering", { year: "2024", [`funding.${seHoglandet}`]: "3,9 miljoner", [`funding.${itSparet}`]: "2 400 000" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("SE-Höglandet: skriv beloppet i hela kronor, till exempel 3 975 750, eller lämna tomt.");
    expect(bad.text).toContain('value="3,9 miljoner"');
    const ok = await send(admin, "/statistik/finansiering", { year: "2024", [`funding.${seHoglandet}`]: "4 000 000", [`funding.${itSparet}`]: "2 400 000 kr", [`funding.${uppdrag}`]: "" });
    expect(ok.status).toBe(303);
    const rows = (await api("get", "/api/v1/reports/2024/statistik")).body.interventions;
    expect(rows.find((i: { id: string }) => i.id === seHoglandet).funding).toBe(4_000_000);
    expect(rows.find((i: { id: string }) => i.id === itSparet).funding).toBe(2_400_000);
    expect(rows.find((i: { id: string }) => i.id === uppdrag)).toBeUndefined();
  });
});
