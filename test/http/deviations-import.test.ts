/**
 * Import of earlier cases (issue 18): the nine cases of a förbund's 2024 log (the Bilaga 6 of seed 002)
 * come in as 2024 cases, all or nothing, by API and by the page with its preview.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as deviations from "../../server/deviations/service.js";
import * as audit from "../../server/audit/service.js";

let now = new Date("2025-03-10T09:00:00Z");
let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let adminKey: string, koordKey: string;
let admin: ReturnType<typeof request.agent>;
let adminUser: Awaited<ReturnType<typeof accounts.loadForbundUser>>;

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  F = await makeForbund(t.ctx, "Förbund Höglandet", ["Eksjö", "Nässjö"]);
  await orgRepo.insertUnit(t.ctx.db, F.forbund.id, F.partyIds.Region, "Psykiatri");
  await orgRepo.insertUnit(t.ctx.db, F.forbund.id, F.partyIds.Region, "Annan specialistvård");
  await orgRepo.insertIntervention(t.ctx.db, { forbundId: F.forbund.id, name: "SE-Höglandet", kind: "individinriktad" }, [F.areas[0].id]);
  const a = await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" });
  const k = await makeUser(t.ctx, { forbundId: F.forbund.id, role: "koordinator", areaIds: [F.areas[0].id] });
  adminUser = await accounts.loadForbundUser(t.ctx, a.id);
  adminKey = (await tokens.createToken(t.ctx, adminUser!, "test")).secret;
  koordKey = (await tokens.createToken(t.ctx, (await accounts.loadForbundUser(t.ctx, k.id))!, "test")).secret;
  admin = await loginAgent(t.app, a.email, PASSWORD);
});
afterAll(async () => { await t?.close(); });

const HEADER = "ar;rapporterad;inträffade;kommunområde;insats;rapportör_part;berörda_parter;beskrivning;konsekvenser;orsaker;förslag;åtgärd;allvarlighet;status;beslut";
const line = (n: number, parties: string, over: Partial<Record<string, string>> = {}) => {
  const v = {
    ar: "2024", rapporterad: `2024-${String(n + 1).padStart(2, "0")}-15`, inträffade: `2024-${String(n + 1).padStart(2, "0")}`, kommunområde: n % 2 ? "Eksjö" : "nässjö",
    insats: n < 4 ? "SE-Höglandet" : "", rapportör_part: "Kommun", berörda_parter: parties,
    beskrivning: `Ärende ${n}: SIP-mötet blev inte av eftersom ingen part tog ansvar för kallelsen.`,
    konsekvenser: "Individer riskerar bli utan behovsanpassat stöd|stress_oro", orsaker: "Otydlig ansvarsfördelning mellan parterna|bristande_kommunikation",
    förslag: "Tydliggör processen", åtgärd: "Dialog mellan berörda parter", allvarlighet: "allvarlig", status: "Avslutad", beslut: "Rutin för kallelser", ...over,
  };
  return Object.values(v).join(";");
};
/** The nine cases of the Bilaga 6 in seed 002: Kommun 8, Region 5 (psykiatri 3, annan specialistvård 1), Arbetsförmedlingen 5, Försäkringskassan 1. */
const NINE = [
  "Kommun|Region/Psykiatri|Arbetsförmedlingen", "Kommun|Region/Psykiatri|Arbetsförmedlingen", "Kommun|Arbetsförmedlingen",
  "Kommun|Region/Annan specialistvård", "Kommun|Region", "Kommun|Arbetsförmedlingen", "Kommun|Försäkringskassan", "Kommun",
  "Region/Psykiatri|Arbetsförmedlingen",
];
const csvOf = (lines: string[]) => `\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`;
const postCsv = (key: string, body: string) => request(t.app).post("/api/v1/deviations/import").set("Authorization", `Bearer ${key}`).set("Content-Type", "text/csv").send(body);
const count2024 = async () => (await deviations.listCases(t.ctx, adminUser!, { year: 2024 })).length;

describe("import av tidigare avvikelser", () => {
  it("när en rad har personuppgifter eller en okänd part så vägras hela filen med radnumren, och inget importeras", async () => {
    const before = await count2024();
    const res = await postCsv(adminKey, csvOf([
      line(1, NINE[0]),
      line(2, NINE[1], { beskrivning: "Personen har personnummer 811218-9876." }),
      line(3, "Kommun|Kyrkan", { allvarlighet: "ganska" }),
    ]));
    expect(res.status).toBe(422);
    expect(res.body.imported).toBe(0);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4]);
    expect(res.body.rejected[0].errors.join(" ")).toContain("personnummer");
    expect(res.body.rejected[1].errors.join(" ")).toContain("Kyrkan");
    expect(res.body.rejected[1].errors.join(" ")).toContain("allvarlighet");
    expect(await count2024()).toBe(before);
  });

  it("när rubrikraden saknar en kolumn så pekar felet på rad 1; fel typ är 415 och en koordinator nekas", async () => {
    const res = await postCsv(adminKey, "ar;beskrivning\r\n2024;Text\r\n");
    expect(res.status).toBe(422);
    expect(res.body.rejected[0].line).toBe(1);
    expect(res.body.rejected[0].errors.join(" ")).toContain("kommunområde saknas");
    const json = await request(t.app).post("/api/v1/deviations/import").set("Authorization", `Bearer ${adminKey}`).send({ csv: "x" });
    expect(json.status).toBe(415);
    expect((await postCsv(koordKey, csvOf([line(1, NINE[0])]))).status).toBe(403);
  });

  it("när de nio ärendena från 2024 importeras så får de 2024 års nummer efter dem som finns, märks importerade och ger Bilaga 6:s analys och jämförelsen året efter", async () => {
    now = new Date("2024-06-01T09:00:00Z");
    const live = await makeDeviation(t.ctx, F, { areaId: F.areas[0].id, severity: "mindre_allvarlig" }); // one live 2024 case first
    now = new Date("2025-03-10T09:00:00Z");
    expect(live.caseNumber).toBe("AV-2024-001");
    const res = await postCsv(adminKey, csvOf(NINE.map((p, i) => line(i + 1, p))));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ imported: 9, rejected: [] });

    const cases = await deviations.listCases(t.ctx, adminUser!, { year: 2024 });
    const imported = cases.filter((c) => c.caseNumber !== live.caseNumber).map((c) => c.caseNumber).sort();
    expect(imported).toEqual(Array.from({ length: 9 }, (_, i) => `AV-2024-${String(i + 2).padStart(3, "0")}`));
    const one = await deviations.getCase(t.ctx, adminUser!, cases.find((c) => c.caseNumber === "AV-2024-002")!.id);
    expect(one.importedAt).not.toBeNull();
    expect(one.status).toBe("avslutad");
    expect(one.events.map((e) => e.kind)).toEqual(["imported"]);

    const analysis = await request(t.app).get("/api/v1/deviations/analysis?year=2024").set("Authorization", `Bearer ${adminKey}`);
    expect(analysis.status).toBe(200);
    expect(analysis.body.total).toBe(10);
    expect(analysis.body.bySeverity).toEqual({ allvarlig: 9, mindreAllvarlig: 1 });
    expect(analysis.body.byParty).toMatchObject({ Kommun: 8, Region: 6, Arbetsförmedlingen: 5, Försäkringskassan: 1 }); // + the live case's Region
    expect(analysis.body.byUnit.Region).toMatchObject({ Psykiatri: 3, "Annan specialistvård": 1 });
    const trend = await request(t.app).get("/api/v1/deviations/analysis?year=2025").set("Authorization", `Bearer ${adminKey}`);
    expect(trend.body.previousYear).toBe(10);
    expect((await audit.list(t.ctx, F.forbund.id)).some((e) => e.action === "deviations.imported")).toBe(true);
  });

  it("när administratören förhandsgranskar på sidan så sparas inget och raderna visas; sedan importeras de och listan har dem", async () => {
    const page = await admin.get("/avvikelser/import");
    expect(page.status).toBe(200);
    expect(page.text).toContain("berörda_parter");
    const csrf = csrfFrom(page.text);
    const csv = csvOf([line(1, NINE[0], { ar: "2023", rapporterad: "2023-05-02", inträffade: "2023-04" })]);
    const before = await deviations.listCases(t.ctx, adminUser!, { year: 2023 });
    const preview = await admin.post("/avvikelser/import").type("form").send({ _csrf: csrf, csv, action: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Alla 1 ärenden kan importeras (2023)");
    expect(preview.text).toContain("Region/Psykiatri");
    expect(await deviations.listCases(t.ctx, adminUser!, { year: 2023 })).toHaveLength(before.length);
    const bad = await admin.post("/avvikelser/import").type("form").send({ _csrf: csrf, csv: csvOf([line(1, "Kyrkan")]), action: "import" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Kyrkan");
    expect(bad.text).toContain("Inget har importerats");
    const done = await admin.post("/avvikelser/import").type("form").send({ _csrf: csrf, csv, action: "import" });
    expect(done.status).toBe(303);
    expect(await deviations.listCases(t.ctx, adminUser!, { year: 2023 })).toHaveLength(before.length + 1);
  });
});
