import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let other: Awaited<ReturnType<typeof makeForbund>>;
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, koord: Agent;
const bearer: Record<string, string> = {};
let seHoglandet: string, itSparet: string, otherInsats: string;
let aneby: string, eksjo: string, tranas: string;

const api = (method: "get" | "post", path: string, who = "koord") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);
const split = (women: number, men: number, other = 0) => ({ women, men, other });

/** 002 Bilaga 3: Helårsrapport SE Höglandet 2024. */
const seHoglandet2024 = () => ({
  interventionId: seHoglandet, periodStart: "2024-01-01", periodEnd: "2024-12-31",
  participants: split(95, 125), newParticipants: split(30, 41),
  finished: { arbete: split(17, 23), studier: split(2, 0), annat: split(13, 19) },
  efterstod: split(21, 25),
  answers: { gatt_bra: "SE-metoden fungerar när coacherna jobbar tätt med deltagarna.", hinder: "Sjukskrivning i personalgruppen." },
});

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2025-01-20T10:00:00Z") } });
  F = await makeForbund(t.ctx, "Förbund Rapporter", ["Aneby", "Eksjö", "Tranås"]);
  other = await makeForbund(t.ctx, "Annat förbund");
  const A = F.forbund.id;
  [aneby, eksjo, tranas] = F.areas.map((a) => a.id);
  seHoglandet = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Höglandet", kind: "individinriktad" }, [aneby, eksjo, tranas])).id;
  itSparet = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "IT-spåret", kind: "individinriktad" }, [eksjo])).id;
  otherInsats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: other.forbund.id, name: "SE-Annat", kind: "individinriktad" }, [])).id;
  const users = {
    admin: await makeUser(t.ctx, { forbundId: A, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [aneby] }),
    lasare: await makeUser(t.ctx, { forbundId: A, role: "lasare" }),
  };
  [admin, koord] = await Promise.all([users.admin, users.koord].map((u) => loginAgent(t.app, u.email, PASSWORD)));
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
});
afterAll(async () => { await t?.close(); });

const csrfOf = new Map<Agent, string>();
async function send(agent: Agent, action: string, fields: Record<string, unknown>) {
  if (!csrfOf.has(agent)) csrfOf.set(agent, csrfFrom((await agent.get("/konto/byt-losenord")).text));
  return agent.post(action).type("form").send({ ...fields, _csrf: csrfOf.get(agent) });
}

describe("insatsrapporter via API:t", () => {
  it("när SE-Höglandets helårsrapport 2024 skickas så blir det 201 med id, och listan ger 220 deltagare och 42 av 74 till arbete eller studier", async () => {
    const res = await api("post", "/api/v1/intervention-reports", "admin").send(seHoglandet2024());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(Object.keys(res.body)).toEqual(["id"]);
    const list = await api("get", "/api/v1/intervention-reports?year=2024", "lasare");
    expect(list.status).toBe(200);
    const r = list.body.reports.find((x: { id: string }) => x.id === res.body.id);
    expect(r).toMatchObject({
      interventionName: "SE-Höglandet", areaId: null, periodStart: "2024-01-01", periodEnd: "2024-12-31",
      participants: split(95, 125), finished: { arbete: split(17, 23), studier: split(2, 0), annat: split(13, 19) }, efterstod: split(21, 25),
      answers: { hinder: "Sjukskrivning i personalgruppen." },
      totals: { participants: 220, finished: 74, arbete: 40, studier: 2, annat: 32, toWorkOrStudies: 42, efterstod: 46 },
    });
    expect(r.totals.shareToWorkOrStudies).toBeCloseTo(42 / 74, 12);
    expect(list.body.interventions).toContainEqual(expect.objectContaining({ name: "SE-Höglandet", participants: 220, toWorkOrStudies: 42, source: "insats" }));
  });

  it("när siffrorna inte är hela tal ≥ 0 eller avslutade är fler än deltagarna så blir det 422 med svenska meddelanden", async () => {
    const bad = await api("post", "/api/v1/intervention-reports", "admin").send({
      ...seHoglandet2024(), participants: { women: -1, men: 2.5, other: "3" }, answers: { okand: "x" },
    });
    expect(bad.status).toBe(422);
    const issues = Object.fromEntries(bad.body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(issues).toMatchObject({
      "participants.women": "kan inte vara negativt", "participants.men": "ska vara ett heltal", "participants.other": "ska vara ett heltal",
      "answers.okand": "okänt fält",
    });
    const period = await api("post", "/api/v1/intervention-reports", "admin").send({ ...seHoglandet2024(), periodEnd: "2025-01-31", participants: { women: -1 } });
    expect(period.body.error.issues).toEqual([
      { path: "participants.women", message: "kan inte vara negativt" }, { path: "periodEnd", message: "perioden ska ligga inom ett kalenderår" },
    ]);
    const tooMany = await api("post", "/api/v1/intervention-reports", "admin").send({ ...seHoglandet2024(), periodStart: "2024-01-01", periodEnd: "2024-06-30", participants: split(10, 125) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.issues).toEqual([
      { path: "finished.arbete.women", message: "Avslutade kvinnor (32) kan inte vara fler än deltagande kvinnor (10)." },
      { path: "newParticipants.women", message: "Nya deltagare kvinnor (30) kan inte vara fler än deltagande kvinnor (10)." },
    ]);
    const again = await api("post", "/api/v1/intervention-reports", "admin").send(seHoglandet2024());
    expect(again.status).toBe(422);
    expect(again.body.error.issues[0].path).toBe("periodStart");
    const pii = await api("post", "/api/v1/intervention-reports", "admin").send({ ...seHoglandet2024(), periodEnd: "2024-06-30", answers: { ovrigt: "Kontakta anna@exempel.se" } });
    expect(pii.status).toBe(422);
    expect(pii.body.error.issues[0]).toMatchObject({ path: "answers.ovrigt" });
    expect(pii.body.error.issues[0].message).toContain("e-postadress");
  });

  it("när kommunområdena rapporterar var för sig så läggs de ihop till insatsen", async () => {
    const base = { interventionId: itSparet, periodStart: "2024-01-01", periodEnd: "2024-12-31" };
    // IT-spåret runs only in Eksjö: a report for Aneby is refused by field
    const wrongArea = await api("post", "/api/v1/intervention-reports", "admin").send({ ...base, areaId: aneby, participants: split(1, 1) });
    expect(wrongArea.status).toBe(422);
    expect(wrongArea.body.error.issues[0]).toEqual({ path: "areaId", message: "IT-spåret bedrivs inte i Aneby. Välj ett av insatsens kommunområden, eller hela insatsen." });
    const se = { ...base, interventionId: seHoglandet, periodStart: "2023-01-01", periodEnd: "2023-12-31" };
    for (const [areaId, p, arbete] of [[aneby, split(10, 12), split(2, 3)], [eksjo, split(20, 21, 1), split(4, 4)]] as const) {
      const res = await api("post", "/api/v1/intervention-reports", "admin").send({ ...se, areaId, participants: p, finished: { arbete } });
      expect(res.status).toBe(201);
    }
    const list = await api("get", "/api/v1/intervention-reports?year=2023");
    expect(list.body.reports).toHaveLength(2);
    expect(list.body.interventions).toEqual([expect.objectContaining({
      name: "SE-Höglandet", source: "kommunomraden", reports: 2, participants: 64, finished: 13, toWorkOrStudies: 13, shareToWorkOrStudies: 1,
    })]);
  });

  it("när en koordinator rapporterar utanför sina kommunområden så blir det 403, ett annat förbunds insats 404", async () => {
    const base = { periodStart: "2022-01-01", periodEnd: "2022-12-31", participants: split(1, 1) };
    expect((await api("post", "/api/v1/intervention-reports").send({ ...base, interventionId: seHoglandet, areaId: eksjo })).status).toBe(403);
    expect((await api("post", "/api/v1/intervention-reports").send({ ...base, interventionId: itSparet })).status).toBe(403);
    expect((await api("post", "/api/v1/intervention-reports").send({ ...base, interventionId: otherInsats })).status).toBe(404);
    expect((await api("post", "/api/v1/intervention-reports", "lasare").send({ ...base, interventionId: seHoglandet })).status).toBe(403);
    expect((await api("post", "/api/v1/intervention-reports").send({ ...base, interventionId: seHoglandet, areaId: aneby })).status).toBe(201);
    expect((await api("get", "/api/v1/intervention-reports?year=1800")).status).toBe(422);
  });
});

describe("insatsrapporter i webbläsaren", () => {
  const form = (over: Record<string, string> = {}) => ({
    interventionId: seHoglandet, areaId: aneby, periodStart: "2021-01-01", periodEnd: "2021-12-31",
    "participants.women": "9", "participants.men": "12", "newParticipants.women": "3",
    "finished.arbete.women": "2", "finished.arbete.men": "3", "finished.studier.women": "1", "finished.annat.men": "2",
    "efterstod.women": "1", "answers.gatt_bra": "Bra samarbete med arbetsgivarna i Aneby.", ...over,
  });

  it("när formuläret har fel så visas det igen med 422, meddelanden per fält och allt som skrevs", async () => {
    const res = await send(koord, "/insatsrapporter", form({ "participants.men": "tolv", "finished.annat.women": "20", periodEnd: "2020-12-31" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain("Deltagare under perioden, män: skriv ett heltal som är 0 eller större.");
    expect(res.text).toContain("Periodens sista dag kan inte vara före den första.");
    expect(res.text).toContain('value="tolv"');
    expect(res.text).toContain("Bra samarbete med arbetsgivarna i Aneby.");
    expect(res.text).toContain('href="#participants.men"');
    const sum = await send(koord, "/insatsrapporter", form({ "finished.annat.women": "20" }));
    expect(sum.status).toBe(422);
    expect(sum.text).toContain("Avslutade kvinnor (23) kan inte vara fler än deltagande kvinnor (9).");
  });

  it("när formuläret är rätt så sparas rapporten, syns i listan och kan ändras och tas bort", async () => {
    const res = await send(koord, "/insatsrapporter", form());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/insatsrapporter?year=2021");
    const list = await koord.get("/insatsrapporter?year=2021");
    expect(list.text).toContain("Helår 2021");
    expect(list.text).toContain("21 (kvinnor 9, män 12, annat/okänt 0)");
    const id = /href="\/insatsrapporter\/([0-9a-f-]{36})"/.exec(list.text)![1];
    const page = await koord.get(`/insatsrapporter/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="12"');
    expect((await send(koord, `/insatsrapporter/${id}`, form({ "participants.men": "13" }))).status).toBe(303);
    expect((await koord.get(`/insatsrapporter/${id}`)).text).toContain('value="13"');
    expect((await send(koord, `/insatsrapporter/${id}/ta-bort`, {})).status).toBe(303);
    expect((await koord.get(`/insatsrapporter/${id}`)).status).toBe(404);
  });

  it("när en koordinator öppnar en rapport från ett annat kommunområde så blir det 403, men admin når den", async () => {
    const made = await api("post", "/api/v1/intervention-reports", "admin").send({ interventionId: itSparet, periodStart: "2021-01-01", periodEnd: "2021-06-30", participants: split(2, 5) });
    expect(made.status).toBe(201);
    expect((await koord.get(`/insatsrapporter/${made.body.id}`)).status).toBe(403);
    expect((await admin.get(`/insatsrapporter/${made.body.id}`)).status).toBe(200);
    expect((await admin.get("/insatsrapporter/ny")).text).toContain("IT-spåret");
    expect((await koord.get("/insatsrapporter/ny")).text).not.toContain("IT-spåret");
  });
});
