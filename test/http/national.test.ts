/**
 * The nation (issue 20): the nationell läsare sees every förbund that shares an indicator questionnaire nationally,
 * the national aggregate of the questions with national wording and its change from last year, and exports it with
 * the number of förbund and questionnaires it is based on. Nothing a förbund did not share, and nothing below a
 * förbund's threshold, reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD, INDIKATOR, makeForbundWithStaff, releasedIndicatorAnswers, type ForbundWithStaff } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

type F = ForbundWithStaff;
const forbundWith = (name: string) => makeForbundWithStaff(t.ctx, name);
const answers = (f: F, year: number, n: number, positive?: number) => releasedIndicatorAnswers(t.ctx, f, year, n, positive);
const shareNationally = (f: F, year: number, share = true) =>
  request(t.app).put("/api/v1/sharing/national").set("Authorization", `Bearer ${f.keys.admin}`).send({ questionnaire: INDIKATOR, year, share });

let reader: { id: string; email: string; key: string };
let f1: F, f2: F, f3: F, f4: F;
beforeAll(async () => {
  [f1, f2, f3, f4] = [await forbundWith("Nord"), await forbundWith("Syd"), await forbundWith("Öst"), await forbundWith("Väst")];
  await answers(f1, 2025, 10, 5);
  await answers(f1, 2026, 10, 8);
  await answers(f2, 2026, 6, 3);
  await answers(f3, 2026, 40, 0); // does not share
  await answers(f4, 2026, 3, 3); // shares, but 3 < k
  for (const [f, y] of [[f1, 2025], [f1, 2026], [f2, 2026], [f4, 2026]] as const) expect((await shareNationally(f, y)).status).toBe(200);
  const user = await makeUser(t.ctx, { forbundId: null, role: "nationell" });
  reader = { id: user.id, email: user.email, key: (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, user.id))!, "nns")).secret };
});

const national = (key: string, query = `year=2026&questionnaire=${INDIKATOR}`) =>
  request(t.app).get(`/api/v1/national/indicators?${query}`).set("Authorization", `Bearer ${key}`);

describe("nationellt", () => {
  it("när förbund delar nationellt så ser den nationella läsaren dem, summan av de visade siffrorna och förändringen från året innan", async () => {
    const res = await national(reader.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ questionnaire: INDIKATOR, respondentGroup: "deltagare-pagaende", year: 2026, forbundCount: 2, questionnaires: 16 });
    const ids = res.body.forbund.map((x: { id: string }) => x.id);
    expect(ids.sort()).toEqual([f1.id, f2.id, f4.id].sort());
    expect(ids).not.toContain(f3.id); // did not share
    expect(res.body.forbund.find((x: { id: string }) => x.id === f4.id)).toMatchObject({ n: null, suppressed: true });
    expect(res.body.total.questions.q1).toMatchObject({ n: 16, sharePositive: 11 / 16, forbundCount: 2 });
    // Samspår's wording (4a, 4b) is shown per förbund only, never in the national aggregate
    expect(res.body.localOnly).toEqual(["q4a", "q4b"]);
    expect(res.body.total.questions).not.toHaveProperty("q4a");
    expect(res.body.forbund.find((x: { id: string }) => x.id === f1.id).questions.q4a).toMatchObject({ n: 10, shareYes: 0 });
    expect(res.body.previousYear).toMatchObject({ year: 2025, n: 10, forbundCount: 1 });
    expect(res.body.change.q1.sharePositive).toBeCloseTo(11 / 16 - 5 / 10, 12);
  });

  it("när ett förbund slutar dela nationellt så försvinner det ur sammanställningen", async () => {
    expect((await shareNationally(f2, 2026, false)).status).toBe(200);
    const res = await national(reader.key);
    expect(res.body.forbund.map((x: { id: string }) => x.id)).not.toContain(f2.id);
    expect(res.body).toMatchObject({ forbundCount: 1, questionnaires: 10 });
    expect((await shareNationally(f2, 2026, true)).status).toBe(200);
  });

  it("när någon annan än en nationell läsare frågar så blir det 403, och fel fråga ger 422", async () => {
    expect((await national(f1.keys.admin)).status).toBe(403);
    expect((await national(f1.keys.lasare)).status).toBe(403);
    expect((await request(t.app).get("/api/v1/national/indicators?year=2026")).status).toBe(401);
    const bad = await national(reader.key, "year=20&questionnaire=samverkan-utvardering");
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["year"]);
    const notIndicator = await national(reader.key, "year=2026&questionnaire=samverkan-utvardering");
    expect(notIndicator.status).toBe(422);
    expect(notIndicator.body.error.issues[0].path).toBe("questionnaire");
    // and a förbund cannot share a questionnaire nationally that is not an indicator questionnaire
    const own = await request(t.app).put("/api/v1/sharing/national").set("Authorization", `Bearer ${f1.keys.admin}`).send({ questionnaire: "samverkan-utvardering", year: 2026, share: true });
    expect(own.status).toBe(422);
  });

  it("när plattformen bjuder in en nationell läsare så loggar hen in, landar på den nationella sidan och laddar ner DOCX, XLSX och CSV med antal förbund och enkäter", async () => {
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const sup = await loginAgent(t.app, superadmin.email, PASSWORD);
    const bad = await postForm(sup, "/plattform/forbundsgrupper", "/plattform/nationella-lasare", { readerName: "Nina NNS", readerEmail: "inte en adress" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Skriv en e-postadress");
    expect(bad.text).toContain('value="Nina NNS"');
    expect((await postForm(sup, "/plattform/forbundsgrupper", "/plattform/nationella-lasare", { readerName: "Nina NNS", readerEmail: "nina@nns.test" })).status).toBe(303);
    const mail = await t.lastMailTo("nina@nns.test");
    const link = /http:\/\/samspar\.test(\/konto\/losenord\/\S+)/.exec(mail!.text)![1];
    const invited = request.agent(t.app);
    expect((await postForm(invited, link, link, { password: "ninas långa lösenord", confirm: "ninas långa lösenord" })).status).toBe(303);

    const agent = await loginAgent(t.app, "nina@nns.test", "ninas långa lösenord");
    const start = await agent.get("/start");
    expect(start.headers.location).toBe("/nationellt");
    const page = await agent.get(`/nationellt?year=2026&questionnaire=${INDIKATOR}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Sammanställningen bygger på 2 förbund och 16 besvarade enkäter");
    expect(page.text).toContain(f1.name);
    expect(page.text).not.toContain(f3.name);
    expect((await agent.get("/resultat")).status).toBe(403);
    expect((await agent.get("/forbundsgrupper")).status).toBe(403);

    const csv = await agent.get(`/nationellt/fil?year=2026&questionnaire=${INDIKATOR}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/Totalt;16\r\n/);
    expect(csv.text).toContain("Antal förbund");
    expect(csv.text).not.toContain(f3.name);
    // Medians print as the bilagor print them: "7", not "7,0" (002's "Median 7"); a half keeps its ",5".
    const lines = csv.text.split("\r\n");
    const medianAt = lines.findIndex((line) => line.endsWith(": median"));
    const medianRows = lines.slice(medianAt + 2, lines.findIndex((line, i) => i > medianAt && line.endsWith(": antal svar")));
    expect(medianAt).toBeGreaterThan(0);
    expect(medianRows.join("\n")).toMatch(/;4(;|$)/m);
    for (const line of medianRows) expect(line).not.toMatch(/;\d+,0(;|$)/);
    for (const format of ["docx", "xlsx"]) {
      const file = await agent.get(`/nationellt/fil?year=2026&questionnaire=${INDIKATOR}&format=${format}`).responseType("blob");
      expect(file.status).toBe(200);
      expect((file.body as Buffer).subarray(0, 2).toString()).toBe("PK");
    }
    const viaApi = await national(reader.key, `year=2026&questionnaire=${INDIKATOR}&format=xlsx`).responseType("blob");
    expect(viaApi.status).toBe(200);
    expect(viaApi.headers["content-type"]).toContain("spreadsheetml");
  });
});
