/**
 * Groups of förbund and the nation (issue 20): the platform creates a group, förbund opt in per questionnaire and
 * year, the comparison shows each sharing förbund through its own threshold and a total that gives nothing hidden
 * away; the nationell läsare reads the national aggregate and its exports. Attacks: subtracting the others from the
 * total, reading what a förbund did not share, and a withdrawn share.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeGoal, makeStaff, makeUser, PASSWORD, INDIKATOR } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as audit from "../../server/audit/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { eq } from "drizzle-orm";
import { forbund, responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const keyOf = async (id: string) => (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, id))!, "test")).secret;

async function forbundWith(name: string) {
  const f = await makeForbund(t.ctx, `${name} ${Math.random().toString(36).slice(2, 7)}`);
  return { ...f, id: f.forbund.id, name: f.forbund.name, ...(await makeStaff(t.ctx, f)) };
}
type F = Awaited<ReturnType<typeof forbundWith>>;

/** n released indikator answers in one insamling of the year: q1 = 4 (positive) for `positive` of them, else 2; q4a from the first `q4a`, ja for `ja` of them. */
async function answers(f: F, year: number, n: number, o: { positive?: number; q4a?: number; ja?: number } = {}) {
  const c = await collections.createCollection(t.ctx, f.id, { questionnaire: INDIKATOR, year, name: `Insamling ${year}`, areaId: f.areas[0].id, interventionId: null });
  const list = Array.from({ length: n }, (_, i) => {
    const a: Record<string, unknown> = { q1: i < (o.positive ?? n) ? 4 : 2, q2: 5, q3: 5, q5: 4, q6: 4, q7: 4 };
    if (i < (o.q4a ?? 0)) a.q4a = i < (o.ja ?? 0) ? "ja" : "nej";
    return a;
  });
  await t.ctx.db.insert(responses).values(list.map((a) => ({ collectionId: c.id, forbundId: f.id, answeredOn: `${year}-03-02`, finished: true, released: true, answers: a })));
}

const superKey = async () => keyOf((await makeUser(t.ctx, { forbundId: null, role: "superadmin" })).id);
const api = (method: "get" | "post" | "put", path: string, key: string) => request(t.app)[method](path).set("Authorization", `Bearer ${key}`);

async function group(members: F[], name = `Län ${Math.random().toString(36).slice(2, 7)}`) {
  const res = await api("post", "/api/v1/platform/groups", await superKey()).send({ name, forbundIds: members.map((m) => m.id) });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const share = (f: F, groupId: string, year: number, on = true) =>
  api("put", `/api/v1/sharing/${groupId}`, f.keys.admin).send({ questionnaire: INDIKATOR, year, share: on });
const comparison = (f: F, groupId: string, year: number) =>
  api("get", `/api/v1/groups/${groupId}/comparison?questionnaire=${INDIKATOR}&year=${year}`, f.keys.lasare);

describe("grupper av förbund", () => {
  it("när plattformen skapar en grupp via API:t så blir det 201 med id, och fel indata, okänt förbund och en förbundsadmin får sina svar", async () => {
    const a = await forbundWith("Ett");
    const key = await superKey();
    const bad = await api("post", "/api/v1/platform/groups", key).send({ name: "", forbundIds: ["inte-ett-id"], extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["extra", "forbundIds.0", "name"]);
    const unknown = await api("post", "/api/v1/platform/groups", key).send({ name: "Okänt", forbundIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0]).toMatchObject({ path: "forbundIds" });
    expect((await api("post", "/api/v1/platform/groups", a.keys.admin).send({ name: "X", forbundIds: [a.id] })).status).toBe(403);
    const id = await group([a], "Jönköpings län");
    const again = await api("post", "/api/v1/platform/groups", key).send({ name: "jönköpings län", forbundIds: [a.id] });
    expect(again.status).toBe(422);
    // the invited förbund's log says who invited it to what
    const log = await audit.list(t.ctx, a.id);
    expect(log.find((e) => e.action === "group.invited")?.detail).toEqual({ groupId: id, name: "Jönköpings län" });
  });

  it("när tre förbund delar så visas varje kolumn med sin gräns och totalen är bara summan av de visade cellerna (angrepp: totalen minus de andra)", async () => {
    const [a, b, c] = [await forbundWith("Höglandet"), await forbundWith("Södra Vätterbygden"), await forbundWith("Värnamo")];
    const g = await group([a, b, c]);
    await answers(a, 2026, 12, { positive: 9, q4a: 12, ja: 8 });
    await answers(b, 2026, 9, { positive: 3, q4a: 4, ja: 3 }); // b's q4a: 4 answers < k
    await answers(c, 2026, 4, { positive: 4, q4a: 4, ja: 4 }); // c's whole year: 4 answers < k
    for (const f of [a, b, c]) expect((await share(f, g, 2026)).status).toBe(200);

    const res = await comparison(a, g, 2026);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["group", "questionnaire", "year", "forbund", "total", "outcomes"]);
    type Col = { id: string; n: number | null; suppressed: boolean; questions: Record<string, { n: number | null; sharePositive: number | null; shareYes: number | null; suppressed: boolean }> };
    const cols = new Map((res.body.forbund as Col[]).map((x) => [x.id, x]));
    expect(cols.get(a.id)!.questions.q1).toMatchObject({ n: 12, sharePositive: 9 / 12, suppressed: false });
    expect(Object.keys(cols.get(a.id)!.questions.q1)).toEqual(["kind", "n", "sharePositive", "shareYes", "mean", "median", "suppressed"]);
    expect(cols.get(b.id)!.questions.q4a).toMatchObject({ n: null, shareYes: null, suppressed: true });
    expect(cols.get(c.id)).toMatchObject({ n: null, suppressed: true });
    expect(cols.get(c.id)!.questions.q1).toMatchObject({ n: null, suppressed: true });

    // The total counts only shown cells: the year 12 + 9, q1 12 + 9 (b's 3 positive, a's 9), q4a a's 12 alone.
    expect(res.body.total).toMatchObject({ n: 21, forbundCount: 2 });
    expect(res.body.total.questions.q1).toMatchObject({ n: 21, sharePositive: 12 / 21, forbundCount: 2 });
    expect(res.body.total.questions.q4a).toMatchObject({ n: 12, shareYes: 8 / 12, forbundCount: 1 });
    // The attack: a member subtracts every shown column from the total — nothing is left of b's q4a or of c.
    for (const [qid, tq] of Object.entries(res.body.total.questions as Record<string, { n: number | null }>)) {
      const shown = (res.body.forbund as Col[]).reduce((sum, x) => sum + (x.questions[qid]?.n ?? 0), 0);
      expect((tq.n ?? 0) - shown, qid).toBe(0);
    }
    expect(res.body.total.n - (res.body.forbund as Col[]).reduce((sum, x) => sum + (x.n ?? 0), 0)).toBe(0);
  });

  it("när ett delande förbund har mål för enkäten i hela förbundet så står bedömningen i dess kolumn, men inte mål om en insats", async () => {
    const [a, b] = [await forbundWith("Mål A"), await forbundWith("Mål B")];
    const g = await group([a, b]);
    await answers(a, 2026, 10, { positive: 8 });
    await answers(b, 2026, 3);
    await share(a, g, 2026);
    await share(b, g, 2026);
    await makeGoal(t.ctx, a, { questionnaire: INDIKATOR, verdict: null, rule: { metric: "sharePositive", comparison: ">=", threshold: 0.7, questions: ["q1"] } });
    await makeGoal(t.ctx, a, { questionnaire: INDIKATOR, interventionId: null, areaId: a.areas[0].id, verdict: null, rule: { metric: "sharePositive", comparison: ">=", threshold: 0.9, questions: ["q1"] } });
    const res = await comparison(a, g, 2026);
    const colA = res.body.forbund.find((x: { id: string }) => x.id === a.id);
    expect(colA.goals).toEqual([{ rule: expect.stringContaining("70"), verdict: "uppfyllt", label: "Uppfyllt" }]);
    expect(res.body.forbund.find((x: { id: string }) => x.id === b.id).goals).toEqual([]);
  });

  it("när ett förbund har en högre rapporteringsgräns så gäller den i dess kolumn", async () => {
    const [a, b] = [await forbundWith("Låg"), await forbundWith("Hög")];
    const g = await group([a, b]);
    await answers(a, 2026, 6);
    await answers(b, 2026, 9);
    await t.ctx.db.update(forbund).set({ reportingThreshold: 10 }).where(eq(forbund.id, b.id));
    await share(a, g, 2026);
    await share(b, g, 2026);
    const res = await comparison(a, g, 2026);
    const colB = res.body.forbund.find((x: { id: string }) => x.id === b.id);
    expect(colB).toMatchObject({ n: null, suppressed: true });
    expect(res.body.total).toMatchObject({ n: 6, forbundCount: 1 });
  });

  it("när ett förbund inte delar ett år, eller inte är med i gruppen, så syns inget av dess siffror (angrepp: läsa det som inte delats)", async () => {
    const [a, b, outsider] = [await forbundWith("Delar"), await forbundWith("Delar inte"), await forbundWith("Utanför")];
    const g = await group([a, b]);
    await answers(a, 2026, 6);
    await answers(b, 2026, 30);
    await answers(b, 2025, 30);
    await share(a, g, 2026);
    await share(b, g, 2025); // b shares last year only
    const res = await comparison(a, g, 2026);
    expect(res.body.forbund.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(res.body.total.n).toBe(6);
    expect(JSON.stringify(res.body)).not.toContain(b.id);
    // a förbund outside the group finds no group at all, in the API and on the page; nor can it share with it
    expect((await comparison(outsider, g, 2025)).status).toBe(404);
    expect((await share(outsider, g, 2026)).status).toBe(404);
    const page = await (await loginAgent(t.app, outsider.users.lasare.email, PASSWORD)).get(`/forbundsgrupper/${g}/jamforelse?questionnaire=${INDIKATOR}&year=2025`);
    expect(page.status).toBe(404);
    // a läsare cannot share for the förbund, a scoped koordinator cannot read the comparison
    expect((await api("put", `/api/v1/sharing/${g}`, a.keys.lasare).send({ questionnaire: INDIKATOR, year: 2026, share: true })).status).toBe(403);
    expect((await api("get", `/api/v1/groups/${g}/comparison?questionnaire=${INDIKATOR}&year=2026`, a.keys.koordinator)).status).toBe(403);
  });

  it("när förbundet slutar dela så försvinner dess siffror genast ur jämförelsen, och delningen syns i loggen", async () => {
    const [a, b] = [await forbundWith("Kvar"), await forbundWith("Drar tillbaka")];
    const g = await group([a, b]);
    await answers(a, 2026, 6);
    await answers(b, 2026, 8);
    await share(a, g, 2026);
    await share(b, g, 2026);
    expect((await comparison(a, g, 2026)).body.total.n).toBe(14);
    const off = await share(b, g, 2026, false);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ groupId: g, questionnaire: INDIKATOR, year: 2026, share: false });
    const after = await comparison(a, g, 2026);
    expect(after.body.forbund.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(after.body.total).toMatchObject({ n: 6, forbundCount: 1 });
    const log = await audit.list(t.ctx, b.id);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(["sharing.group.shared", "sharing.group.withdrawn"]));
  });

  it("när delningen skickas fel så blir det 422 med fälten, och en enkät som inte är standard avvisas", async () => {
    const a = await forbundWith("Fel");
    const g = await group([a]);
    const bad = await api("put", `/api/v1/sharing/${g}`, a.keys.admin).send({ questionnaire: "", year: "2026", share: "ja" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["questionnaire", "share", "year"]);
    const own = await api("put", `/api/v1/sharing/${g}`, a.keys.admin).send({ questionnaire: "forbundets-egen", year: 2026, share: true });
    expect(own.status).toBe(422);
    expect(own.body.error.issues[0].path).toBe("questionnaire");
  });
});

describe("sidorna för grupper", () => {
  it("när plattformen skapar en grupp och administratören delar via formulären så visar jämförelsesidan och bilagan kolumnerna", async () => {
    const [a, b] = [await forbundWith("Sida A"), await forbundWith("Sida B")];
    await answers(a, 2026, 7, { positive: 7 });
    await answers(b, 2026, 3);
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    const sup = await loginAgent(t.app, superadmin.email, PASSWORD);
    const empty = await postForm(sup, "/plattform/forbundsgrupper", "/plattform/forbundsgrupper", { name: "", forbundIds: [a.id] });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Skriv gruppens namn");
    expect(empty.text).toMatch(new RegExp(`value="${a.id}" checked`)); // what was chosen stays chosen
    const made = await postForm(sup, "/plattform/forbundsgrupper", "/plattform/forbundsgrupper", { name: "Sidlänet", forbundIds: [a.id, b.id] });
    expect(made.status).toBe(303);
    const listed = await sup.get("/plattform/forbundsgrupper");
    expect(listed.text).toContain("Sidlänet");

    const admin = await loginAgent(t.app, a.users.admin.email, PASSWORD);
    const page = await admin.get("/forbundsgrupper");
    expect(page.status).toBe(200);
    const g = /\/forbundsgrupper\/([0-9a-f-]{36})\/delning/.exec(page.text)![1];
    const badYear = await postForm(admin, "/forbundsgrupper", `/forbundsgrupper/${g}/delning`, { questionnaire: INDIKATOR, year: "20x6", share: "ja" });
    expect(badYear.status).toBe(422);
    expect(badYear.text).toContain("Skriv året med fyra siffror");
    expect(badYear.text).toContain('value="20x6"');
    expect((await postForm(admin, "/forbundsgrupper", `/forbundsgrupper/${g}/delning`, { questionnaire: INDIKATOR, year: "2026", share: "ja" })).status).toBe(303);
    const adminB = await loginAgent(t.app, b.users.admin.email, PASSWORD);
    expect((await postForm(adminB, "/forbundsgrupper", `/forbundsgrupper/${g}/delning`, { questionnaire: INDIKATOR, year: "2026", share: "ja" })).status).toBe(303);

    const reader = await loginAgent(t.app, a.users.lasare.email, PASSWORD);
    expect((await postForm(reader, "/forbundsgrupper", `/forbundsgrupper/${g}/delning`, { questionnaire: INDIKATOR, year: "2026", share: "nej" })).status).toBe(403);
    const cmp = await reader.get(`/forbundsgrupper/${g}/jamforelse?questionnaire=${INDIKATOR}&year=2026`);
    expect(cmp.status).toBe(200);
    expect(cmp.text).toContain(a.name);
    expect(cmp.text).toContain(b.name);
    expect(cmp.text).toContain("För få svar för att redovisa");
    expect(cmp.text).not.toContain("redovisa svar)"); // a column with too few answers says so once, not "(För få svar för att redovisa svar)"
    const csv = await reader.get(`/forbundsgrupper/${g}/jamforelse/fil?questionnaire=${INDIKATOR}&year=2026&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.text).toContain("För få svar för att redovisa");
    expect(csv.text).toMatch(/Totalt;7\r\n/);
    for (const format of ["docx", "xlsx"]) {
      const file = await reader.get(`/forbundsgrupper/${g}/jamforelse/fil?questionnaire=${INDIKATOR}&year=2026&format=${format}`).responseType("blob");
      expect(file.status).toBe(200);
      expect((file.body as Buffer).subarray(0, 2).toString()).toBe("PK");
    }
  });
});

describe("deltagartabellerna per förbund (ur insatsrapporterna)", () => {
  const split = (women: number, men: number) => ({ women, men, other: 0 });
  const zero = split(0, 0);
  const counts = (n: number, toWork: number) => ({
    participants: split(0, n), newParticipants: split(0, n), finishedTotal: split(0, toWork),
    finished: { arbete: split(0, toWork), studier: zero, rehabilitering: zero, sjukdom: zero, egen_begaran: zero, ater_remittent: zero, annat: zero },
    efterstod: zero,
  });
  const report = (f: F, insats: string, c: object) => api("put", `/api/v1/interventions/${insats}/outcomes/2026`, f.keys.admin).send(c);
  const insats = async (f: F, name: string) => (await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.id, name: `${name} ${Math.random().toString(36).slice(2, 6)}`, kind: "individinriktad", fromYear: 2026 }, [])).id;

  it("när tre förbund samfinansierar IT-spåret så räknas varje förbunds egna deltagare i dess kolumn och en gång i totalen, och ett antal under gränsen visas inte och ingår inte i totalen", async () => {
    const [h, sv, fv, small, quiet] = [await forbundWith("Höglandet"), await forbundWith("Södra Vätterbygden"), await forbundWith("Finnveden"), await forbundWith("Liten"), await forbundWith("Tyst")];
    const g = await group([h, sv, fv, small, quiet]);
    const it = await insats(h, "IT-spåret");
    for (const f of [sv, fv]) {
      expect((await api("post", `/api/v1/shared-interventions/${it}/cofunders`, h.keys.admin).send({ forbundId: f.id })).status).toBe(201);
      expect((await api("post", `/api/v1/shared-interventions/${it}/accept`, f.keys.admin)).status).toBe(200);
    }
    expect((await report(h, it, counts(5, 2))).status).toBe(200);
    expect((await report(sv, it, counts(5, 1))).status).toBe(200);
    expect((await report(fv, it, counts(5, 0))).status).toBe(200);
    expect((await report(fv, await insats(fv, "Finnvedens egen"), counts(6, 5))).status).toBe(200);
    expect((await report(small, await insats(small, "Liten insats"), counts(3, 0))).status).toBe(200);
    expect((await report(quiet, await insats(quiet, "Tyst insats"), counts(9, 9))).status).toBe(200); // does not share: not in the table
    for (const f of [h, sv, fv, small]) expect((await share(f, g, 2026)).status).toBe(200);
    const res = await comparison(sv, g, 2026);
    expect(res.status).toBe(200);
    // the contract of the comparison is kept: the fields are added to, not renamed
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(["group", "questionnaire", "year", "forbund", "total", "outcomes"]));
    const col = (f: F) => res.body.outcomes.forbund.find((c: { id: string }) => c.id === f.id);
    expect(res.body.outcomes.forbund).toHaveLength(4);
    expect(col(h)).toMatchObject({ participants: 5, toWorkOrStudies: null, reported: true, sharedInterventions: [expect.stringContaining("IT-spåret")] });
    expect(col(sv)).toMatchObject({ participants: 5, toWorkOrStudies: null, sharedInterventions: [expect.stringContaining("IT-spåret")] });
    expect(col(fv)).toMatchObject({ participants: 11, toWorkOrStudies: 5, finished: 5 });
    expect(col(small)).toMatchObject({ participants: null, finished: 0, sharedInterventions: [] });
    // IT-spåret's 15 participants once (5 + 5 + 5, not the owner's whole again), Finnveden's own 6; Liten's 3 left out
    expect(res.body.outcomes.total).toMatchObject({ participants: 21, toWorkOrStudies: 5, forbundCount: { participants: 3, toWorkOrStudies: 2, finished: 2 } });
    // the attack: the total minus the shown columns gives 0 for every hidden cell, never its count
    for (const k of ["participants", "newParticipants", "finished", "toWorkOrStudies", "efterstod"]) {
      const shown = res.body.outcomes.forbund.reduce((a: number, c: Record<string, number | null>) => a + (c[k] ?? 0), 0);
      expect(res.body.outcomes.total[k] - shown).toBe(0);
    }
    // the page and the bilaga show the same table
    const agent = await loginAgent(t.app, sv.users.lasare.email, PASSWORD);
    const page = await agent.get(`/forbundsgrupper/${g}/jamforelse?questionnaire=${INDIKATOR}&year=2026`);
    expect(page.text).toContain("Deltagare i insatserna per förbund");
    expect(page.text).toContain("här ingår bara");
    const csv = await agent.get(`/forbundsgrupper/${g}/jamforelse/fil?questionnaire=${INDIKATOR}&year=2026&format=csv`);
    expect(csv.text).toContain("Deltagare i insatserna 2026");
    expect(csv.text).toContain("För få för att redovisa");
    expect(csv.text).not.toContain(quiet.name);
  });
});
