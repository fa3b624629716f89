/**
 * Goals beyond the enkätsvar: the demo förbund's default goals from first start, närvaro as a goal
 * whose threshold the närvaro summary uses, and the share of finished participants to arbete or
 * studier from the insatsrapporter (002: SE-Höglandet 2024, 42 of 74 = 57 % against 35 %).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { firstStart } from "../../server/bootstrap.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as organisation from "../../server/organisation/service.js";
import * as deviations from "../../server/deviations/service.js";
import { goals } from "../../models/schema.js";

const nbsp = "\u00A0";
let t: TestApp;
let A: string;
let org: organisation.Organisation;
let adminEmail: string;
const bearer: Record<string, string> = {};
const api = (method: "get" | "post" | "put", path: string, who = "admin") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);

type GoalJson = { id: string; text: string; rule: { metric: string; threshold: number; questions: string[] } | null; verdict: string; value: number | null; threshold: number | null; ruleText: string; figuresText: string; interventionId: string | null; questionnaire: string | null; missing: { text: string; href: string }[] };
const goalsOf = async (year: number): Promise<GoalJson[]> => {
  const res = await api("get", `/api/v1/goals?year=${year}`, "lasare");
  expect(res.status).toBe(200);
  return res.body.goals;
};
const byMetric = (list: GoalJson[], metric: string) => list.filter((g) => g.rule?.metric === metric);
const group = (name: string) => org.groups.find((g) => g.name === name)!;
const insats = (name: string) => org.interventions.find((i) => i.name === name)!;
const party = (name: string) => org.parties.find((p) => p.name === name)!.id;
const everyone = (status: string, except: Record<string, string> = {}) => Object.fromEntries(org.parties.map((p) => [p.id, except[p.id] ?? status]));
const split = (women: number, men: number, other = 0) => ({ women, men, other });

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2024-11-20T10:00:00Z") }, env: { ADMIN_EMAIL: "forsta@samspar.test", ADMIN_PASSWORD: "demo-losenord-123" } });
  await firstStart(t.ctx, () => {});
  const [f] = await organisation.listForbund(t.ctx);
  A = f.id;
  org = await organisation.getOrganisation(t.ctx, A);
  const users = {
    admin: await makeUser(t.ctx, { forbundId: A, role: "admin" }),
    lasare: await makeUser(t.ctx, { forbundId: A, role: "lasare" }),
  };
  adminEmail = users.admin.email;
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
});
afterAll(async () => { await t?.close(); });

describe("demoförbundets standardmål vid första start", () => {
  it("när demoförbundet skapas så har innevarande år 002:s mål redan, utan att någon öppnat /mal", async () => {
    const list = await goalsOf(2024);
    expect(list.map((g) => g.text)).toHaveLength(7);
    const indikator = byMetric(list, "sharePositive");
    expect(indikator.map((g) => org.interventions.find((i) => i.id === g.interventionId)!.name).sort()).toEqual(["Förrehabilitering", "IT-spåret", "SE-Höglandet"]);
    for (const g of indikator) expect(g.rule).toMatchObject({ threshold: 0.7, questions: ["q1", "q2", "q3", "q4b", "q5", "q6", "q7"] });
    expect(byMetric(list, "mean")[0]).toMatchObject({ rule: { threshold: 7, questions: ["q3"] }, ruleText: "Medelvärde ≥ 7 på fråga 3" });
    expect(byMetric(list, "median")[0]).toMatchObject({ rule: { threshold: 7, questions: ["q9a", "q9b", "q9c", "q9d"] }, ruleText: "Median > 7 på var och en av frågorna 9a, 9b, 9c och 9d" });
    expect(byMetric(list, "attendance")[0]).toMatchObject({
      questionnaire: null, interventionId: null, rule: { threshold: 0.75, questions: [] },
      ruleText: `Närvaro ≥ 75${nbsp}% i varje grupp över året`, verdict: "underlag_saknas", label: "Underlag saknas",
    });
    // Every grupp is judged: each one without meetings is named, with where meetings are registered.
    const narvaro = byMetric(list, "attendance")[0];
    expect(narvaro.missing.length).toBeGreaterThan(1);
    expect(narvaro.missing).toContainEqual({ text: "Inga möten registrerade för Styrelse", href: "/narvaro" });
    // In one sentence, not one per grupp.
    expect(narvaro.figuresText).toMatch(/^Inga möten registrerade för någon av de \d+ grupperna: .*Styrelse/);
    expect(narvaro.figuresText.match(/Inga möten registrerade/g)).toHaveLength(1);
    expect(byMetric(list, "shareToWorkOrStudies")[0]).toMatchObject({
      questionnaire: null, interventionId: insats("SE-Höglandet").id, rule: { threshold: 0.35, questions: [] },
      ruleText: `Andel avslutade deltagare till arbete eller studier ≥ 35${nbsp}% enligt insatsrapporten`,
      verdict: "underlag_saknas", value: null, figuresText: "Ingen insatsrapport för SE-Höglandet 2024",
      missing: [{ text: "Ingen insatsrapport för SE-Höglandet 2024", href: "/insatsrapporter" }],
    });
  });

  it("när en administratör öppnar ett senare år så skapas inga mål; hon kan kopiera förra årets efter att ha sett dem", async () => {
    expect(await goalsOf(2025)).toEqual([]);
    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    const page = (await agent.get("/mal?year=2025")).text;
    expect(page).toContain("Kopiera målen från 2024 (7 mål)");
    expect(await goalsOf(2025)).toEqual([]);
    expect((await agent.get("/mal/skapa?year=2025&source=forra-aret")).text).toContain("Skapa 7 mål för 2025");
    expect(await goalsOf(2025)).toEqual([]);
  });
});

describe("andel till arbete eller studier enligt insatsrapporten", () => {
  it("när SE-Höglandets helårsrapport 2024 har 40 till arbete och 2 till studier av 74 avslutade så är målet 35 % Uppfyllt med 57 %", async () => {
    const report = await api("post", "/api/v1/intervention-reports").send({
      interventionId: insats("SE-Höglandet").id, periodStart: "2024-01-01", periodEnd: "2024-12-31",
      participants: split(95, 125), newParticipants: split(30, 41),
      finished: { arbete: split(17, 23), studier: split(2, 0), annat: split(13, 19) }, efterstod: split(21, 25), answers: {},
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const goal = byMetric(await goalsOf(2024), "shareToWorkOrStudies")[0];
    expect(goal).toMatchObject({ verdict: "uppfyllt", threshold: 0.35, figuresText: `42 av 74 avslutade till arbete (40) eller studier (2): 57${nbsp}%` });
    expect(goal.value).toBeCloseTo(42 / 74, 12);

    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    const page = await agent.get("/mal?year=2024");
    expect(page.text).toContain(`42 av 74 avslutade till arbete (40) eller studier (2): 57${nbsp}%`);
    expect(page.text).toContain("Andel avslutade deltagare till arbete eller studier ≥ 35");
  });

  it("när målet skapas via API:t så krävs en insats och varken enkät, kommunområde eller frågor (422), annars 201", async () => {
    const base = { year: 2024, text: "Minst 20 % av IT-spårets deltagare går till arbete eller studier." };
    const rule = { metric: "shareToWorkOrStudies", comparison: ">=", threshold: 0.2 };
    const noInsats = await api("post", "/api/v1/goals").send({ ...base, rule });
    expect(noInsats.status).toBe(422);
    expect(noInsats.body.error.issues).toContainEqual({ path: "interventionId", message: expect.stringContaining("Välj vilken insats") });
    const withMore = await api("post", "/api/v1/goals").send({
      ...base, rule: { ...rule, questions: ["q1"] }, interventionId: insats("IT-spåret").id, questionnaire: "indikator-deltagare-pagaende", areaId: org.areas[0].id,
    });
    expect(withMore.status).toBe(422);
    expect(withMore.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["areaId", "questionnaire", "rule.questions"]);
    const tooBig = await api("post", "/api/v1/goals").send({ ...base, rule: { ...rule, threshold: 20 }, interventionId: insats("IT-spåret").id });
    expect(tooBig.status).toBe(422);
    const ok = await api("post", "/api/v1/goals").send({ ...base, rule, interventionId: insats("IT-spåret").id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ rule: { metric: "shareToWorkOrStudies", threshold: 0.2, questions: [] }, verdict: "underlag_saknas", figuresText: "Ingen insatsrapport för IT-spåret 2024" });
  });

  it("när målet skapas i formuläret utan insats så visas det igen med 422 och det skrivna kvar; med insats sparas det som bråk", async () => {
    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    const form = await agent.get("/mal/ny?year=2024");
    expect(form.text).toContain("Andel avslutade deltagare till arbete eller studier (insatsrapport, välj insats)");
    expect(form.text).toContain("Närvaro (närvaro i varje grupp, registrerade möten)");
    const fields = {
      year: "2024", text: "Förrehabilitering: minst 30 % till arbete eller studier", type: "regel", questionnaire: "", interventionId: "", areaId: "",
      metric: "shareToWorkOrStudies", comparison: ">=", threshold: "30", questions: "", verdict: "", comment: "", sortOrder: "940",
    };
    const bad = await postForm(agent, "/mal/ny?year=2024", "/mal/ny", fields);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Välj vilken insats målet gäller");
    expect(bad.text).toContain('value="30"');
    expect(bad.text).toContain("Förrehabilitering: minst 30 % till arbete eller studier");
    const ok = await postForm(agent, "/mal/ny?year=2024", "/mal/ny", { ...fields, interventionId: insats("Förrehabilitering").id });
    expect(ok.status).toBe(303);
    const [row] = await t.ctx.db.select().from(goals).where(and(eq(goals.forbundId, A), eq(goals.sortOrder, 940)));
    expect(row).toMatchObject({ questionnaireId: null, interventionId: insats("Förrehabilitering").id, rule: { metric: "shareToWorkOrStudies", comparison: ">=", threshold: 0.3, questions: [] } });
    const edit = await agent.get(`/mal/${row.id}`);
    expect(edit.text).toContain('value="30"');
    expect(edit.text).toContain("Ingen insatsrapport för Förrehabilitering 2024");
  });
});

describe("behovsfrågor i mål", () => {
  it("när ett mål om andel ja gäller fråga 4a (behov av stöd) så vägras det med 422 och ett svenskt skäl", async () => {
    const res = await api("post", "/api/v1/goals").send({
      year: 2024, text: "Många har behov av stöd", questionnaire: "indikator-deltagare-pagaende", interventionId: insats("SE-Höglandet").id,
      rule: { metric: "shareYes", comparison: ">=", threshold: 0.7, questions: ["q4a"] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toContainEqual({ path: "rule", message: expect.stringContaining("fråga 4a gäller behov") });
  });
});

describe("närvaro som mål", () => {
  const styrelseDates = ["2024-02-01", "2024-03-14", "2024-04-25", "2024-06-13", "2024-09-19", "2024-10-24", "2024-12-12"];

  it("när 002:s styrelse har 86–100 % närvaro men de andra grupperna inga möten så är målet om samtliga grupper Underlag saknas, med grupperna namngivna", async () => {
    for (const [i, date] of styrelseDates.entries()) {
      const attendance = everyone("ordinarie", i === 2 ? { [party("Arbetsförmedlingen")]: "franvarande" } : i === 3 ? { [party("Region")]: "ersattare" } : {});
      const res = await api("post", "/api/v1/attendance").send({ groupId: group("Styrelse").id, date, attendance });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const goal = byMetric(await goalsOf(2024), "attendance")[0];
    expect(goal.verdict).toBe("underlag_saknas");
    expect(goal.value).toBeCloseTo(27 / 28, 12);
    expect(goal.figuresText).toMatch(new RegExp(`^Styrelse 96${nbsp}% \\(86–100${nbsp}%\\)\\. Inga möten registrerade för \\d+ av \\d+ grupper: .*Beredningsgrupp`));
    expect(goal.missing).toContainEqual({ text: "Inga möten registrerade för Beredningsgrupp", href: "/narvaro" });
    expect(goal.missing.map((m) => m.text)).not.toContain("Inga möten registrerade för Styrelse");
    const summary = await api("get", "/api/v1/attendance/summary?year=2024", "lasare");
    expect(summary.body.goal).toMatchObject({ threshold: 0.75, verdict: "underlag_saknas" });
    const page = (await (await loginAgent(t.app, adminEmail, PASSWORD)).get("/mal?year=2024")).text;
    expect(page).toContain("Underlag saknas");
    expect(page).toContain('<a href="/narvaro">Registrera möten och närvaro</a>');
  });

  it("när en Samverksgrupp ligger under 75 % så är målet Ej uppfyllt och raden nämner gruppen och parten under gränsen", async () => {
    const samverk = group("Samverk Eksjö styrgrupp").id;
    for (const [i, date] of ["2024-03-01", "2024-05-01", "2024-09-01", "2024-11-01"].entries()) {
      const attendance = everyone("ordinarie", i > 0 ? { [party("Region")]: "franvarande", [party("Försäkringskassan")]: "franvarande" } : {});
      expect((await api("post", "/api/v1/attendance").send({ groupId: samverk, date, attendance })).status).toBe(201);
    }
    const goal = byMetric(await goalsOf(2024), "attendance")[0];
    expect(goal.verdict).toBe("ej_uppfyllt");
    expect(goal.value).toBe(10 / 16);
    expect(goal.figuresText.startsWith(`Samverk Eksjö styrgrupp 63${nbsp}% (25–100${nbsp}%), Styrelse 96${nbsp}% (86–100${nbsp}%); `
      + `under gränsen: Region i Samverk Eksjö styrgrupp 25${nbsp}%, Försäkringskassan i Samverk Eksjö styrgrupp 25${nbsp}%. Inga möten registrerade för `)).toBe(true);
    const summary = await api("get", "/api/v1/attendance/summary?year=2024", "lasare");
    expect(summary.body.goal).toMatchObject({ threshold: 0.75, verdict: "ej_uppfyllt" });
  });

  it("när närvaromålet ändras till 60 % så tar sammanställningen gränsen därifrån, och utan mål gäller 75 %", async () => {
    const goal = byMetric(await goalsOf(2024), "attendance")[0];
    const put = await api("put", `/api/v1/goals/${goal.id}`).send({
      year: 2024, text: goal.text, rule: { metric: "attendance", comparison: ">=", threshold: 0.6 }, sortOrder: 920,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ verdict: "underlag_saknas", threshold: 0.6, ruleText: `Närvaro ≥ 60${nbsp}% i varje grupp över året` });
    const summary = await api("get", "/api/v1/attendance/summary?year=2024", "lasare");
    expect(summary.status).toBe(200);
    expect(Object.keys(summary.body)).toEqual(["groups", "goal"]);
    expect(summary.body.goal).toMatchObject({ threshold: 0.6, verdict: "underlag_saknas", ruleText: `Närvaro ≥ 60${nbsp}% i varje grupp över året` });
    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    expect((await agent.get("/narvaro?year=2024")).text).toContain("gränsen kommer från");
    const goalsPage = (await agent.get("/mal?year=2024")).text;
    expect(goalsPage).toContain("Förbundets alla grupper");
    expect(goalsPage).toContain(`Närvaro ≥ 60${nbsp}% i varje grupp över året`);
    const edit = await agent.get(`/mal/${goal.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('<option value="attendance" selected>');
    expect(edit.text).toContain('value="60"');

    const bad = await api("put", `/api/v1/goals/${goal.id}`).send({
      year: 2024, text: goal.text, rule: { metric: "attendance", comparison: ">=", threshold: 0.6 }, interventionId: insats("IT-spåret").id, questionnaire: "samverkan-utvardering",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["interventionId", "questionnaire"]);

    const del = await postForm(agent, `/mal/${goal.id}`, `/mal/${goal.id}/ta-bort`, {});
    expect(del.status).toBe(303);
    const without = await api("get", "/api/v1/attendance/summary?year=2024", "lasare");
    expect(without.body.goal).toMatchObject({ threshold: 0.75, verdict: "ej_uppfyllt" });
    expect((await agent.get("/narvaro?year=2024")).text).toContain("året har inget närvaromål");
  });
});

describe("antal rapporterade avvikelser under året (004: minst 12 rapporter)", () => {
  const report = (severity: "allvarlig" | "mindre_allvarlig") => deviations.report(t.ctx, A, {
    occurredMonth: "2024-03", areaId: org.areas[0].id, interventionId: null,
    reporter: { partyId: org.parties[0].id, unitId: null, role: "Handläggare", name: null, email: null },
    concerned: [{ partyId: org.parties[1].id, unitId: null }], description: "Ingen part tog ansvar för planeringen.",
    consequences: ["dubbelarbete"], consequenceOther: null, causes: ["bristande_tillit"], causeOther: null,
    proposal: null, actionTaken: null, severity, frequency: null,
  }, "form");

  it("när målet är ≥ 12 och årets rapporter räknas upp så går det från Ej uppfyllt till Uppfyllt, utan enkät och insats", async () => {
    const rule = { metric: "deviationReports", comparison: ">=", threshold: 12 };
    const base = { year: 2024, text: "Minst 12 rapporter om avvikelser i samverkan under året." };
    const withInsats = await api("post", "/api/v1/goals").send({ ...base, rule, interventionId: insats("IT-spåret").id });
    expect(withInsats.status).toBe(422);
    expect(withInsats.body.error.issues).toContainEqual({ path: "interventionId", message: expect.stringContaining("Välj ingen insats") });
    const half = await api("post", "/api/v1/goals").send({ ...base, rule: { ...rule, threshold: 12.5 } });
    expect(half.status).toBe(422);

    const before = (await api("get", "/api/v1/deviations/analysis?year=2024")).body.total as number;
    const ok = await api("post", "/api/v1/goals").send({ ...base, rule });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ verdict: before >= 12 ? "uppfyllt" : "ej_uppfyllt", value: before, threshold: 12, ruleText: "Antal rapporterade avvikelser i samverkan ≥ 12 under året" });

    for (let i = before; i < 12; i++) expect((await report(i % 2 ? "allvarlig" : "mindre_allvarlig")).ok).toBe(true);
    const goal = byMetric(await goalsOf(2024), "deviationReports")[0];
    expect(goal).toMatchObject({ verdict: "uppfyllt", value: Math.max(before, 12), figuresText: `${Math.max(before, 12)} avvikelser rapporterade 2024`, missing: [] });
    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    expect((await agent.get("/mal/ny?year=2024")).text).toContain("Antal rapporterade avvikelser i samverkan (avvikelser i samverkan, förbundets rapporter under året)");
    expect((await agent.get("/mal?year=2024")).text).toContain(`${Math.max(before, 12)} avvikelser rapporterade 2024`);
  });
});

describe("antal deltagare med positiv förflyttning (stegförflyttning, issue 19)", () => {
  it("utan matris är målet Underlag saknas; med matrisen räknas de positiva förflyttningarna och målet bedöms i Tabell måluppfyllelse", async () => {
    const se = insats("SE-Höglandet").id;
    const rule = { metric: "positiveMovements", comparison: ">=", threshold: 4 };
    const base = { year: 2024, text: "Minst 4 deltagare i SE-Höglandet tar ett steg mot egen försörjning." };
    const withArea = await api("post", "/api/v1/goals").send({ ...base, rule, interventionId: se, areaId: org.areas[0].id });
    expect(withArea.status).toBe(422);
    expect((await api("post", "/api/v1/goals").send({ ...base, rule: { ...rule, threshold: 0.4 }, interventionId: se })).status).toBe(422);

    const created = await api("post", "/api/v1/goals").send({ ...base, rule, interventionId: se });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      verdict: "underlag_saknas", value: null, ruleText: "Antal deltagare med positiv förflyttning ≥ 4 enligt förflyttningsmatrisen",
      figuresText: "Ingen förflyttningsmatris för SE-Höglandet 2024", missing: [{ text: "Ingen förflyttningsmatris för SE-Höglandet 2024", href: "/stegforflyttning?year=2024" }],
    });

    // 2 to arbete and 1 from aktivitetsstöd to ingen ersättning are positive; to a-kassa (another support) and staying are not.
    const matrix = { forsorjningsstod: { arbete: 2, a_kassa: 1, forsorjningsstod: 3 }, aktivitetsstod: { ingen: 1 } };
    expect((await api("put", `/api/v1/interventions/${se}/movements/2024`).send({ matrix })).status).toBe(200);
    let goal = byMetric(await goalsOf(2024), "positiveMovements")[0];
    expect(goal).toMatchObject({ verdict: "ej_uppfyllt", value: 3, missing: [] });
    expect(goal.figuresText).toContain("3 av 7 deltagare i förflyttningsmatrisen för SE-Höglandet 2024 med positiv förflyttning.");

    await api("put", `/api/v1/interventions/${se}/movements/2024`).send({ matrix: { ...matrix, a_kassa: { studiemedel: 1 } } });
    goal = byMetric(await goalsOf(2024), "positiveMovements")[0];
    expect(goal).toMatchObject({ verdict: "uppfyllt", value: 4 });
    const table = await api("get", "/api/v1/reports/2024/maluppfyllelse?format=csv");
    expect(table.status).toBe(200);
    expect(table.text).toContain("Antal deltagare med positiv förflyttning ≥ 4 enligt förflyttningsmatrisen");
    expect(table.text).toContain("Uppfyllt");
    const agent = await loginAgent(t.app, adminEmail, PASSWORD);
    expect((await agent.get("/mal/ny?year=2024")).text).toContain("Antal deltagare med positiv förflyttning (stegförflyttning, en insats eller alla insatsers matriser)");
  });
});
