/**
 * Shared insatser (issue 20): IT-spåret, owned by Höglandet and co-funded by Södra Vätterbygden and Finnveden (seed 003:
 * each förbund granted its own share, 600, 600 and 200 tkr; 5 participants per förbund). The owner invites within a
 * common group, the co-funder's admin accepts, each reports its own participants and money; a co-funder sees its own
 * part and the whole, the owner the parts, nothing below k. Attacks: a förbund that does not co-fund, a co-funder that
 * writes to the owner's part, an invitation that was never accepted, subtracting the own part from the whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as audit from "../../server/audit/service.js";
import * as socio from "../../server/socioeconomics/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ clock: { now: () => new Date("2024-11-10T10:00:00Z") } }); });
afterAll(async () => { await t?.close(); });

async function forbundWith(name: string) {
  const f = await makeForbund(t.ctx, `${name} ${Math.random().toString(36).slice(2, 7)}`);
  return { ...f, id: f.forbund.id, name: f.forbund.name, ...(await makeStaff(t.ctx, f)) };
}
type F = Awaited<ReturnType<typeof forbundWith>>;
const api = (method: "get" | "post" | "put", path: string, key: string) => request(t.app)[method](path).set("Authorization", `Bearer ${key}`);
const superKey = async () => (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, (await makeUser(t.ctx, { forbundId: null, role: "superadmin" })).id))!, "test")).secret;

async function group(members: F[]) {
  const res = await api("post", "/api/v1/platform/groups", await superKey()).send({ name: `Län ${Math.random().toString(36).slice(2, 7)}`, forbundIds: members.map((m) => m.id) });
  expect(res.status).toBe(201);
}
const split = (women: number, men: number) => ({ women, men, other: 0 });
const zero = split(0, 0);
/** A year's counts: `n` participants (all men), `toWork` of them finished to arbete, `other` finished for another reason. */
const counts = (n: number, toWork: number, other = 0) => ({
  participants: split(0, n), newParticipants: split(0, n), finishedTotal: split(0, toWork + other),
  finished: { arbete: split(0, toWork), studier: zero, rehabilitering: zero, sjukdom: zero, egen_begaran: zero, ater_remittent: zero, annat: split(0, other) },
  efterstod: zero,
});

/** Höglandet owns IT-spåret; the three are in one group, an outsider is not. */
async function itSparet() {
  const [h, sv, fv, out] = [await forbundWith("Höglandet"), await forbundWith("Södra Vätterbygden"), await forbundWith("Finnveden"), await forbundWith("Utanför")];
  await group([h, sv, fv]);
  await group([out]);
  const insats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: h.id, name: `IT-spåret ${Math.random().toString(36).slice(2, 6)}`, kind: "individinriktad", fromYear: 2024 }, [])).id;
  return { h, sv, fv, out, insats };
}
const invite = (owner: F, insats: string, f: F) => api("post", `/api/v1/shared-interventions/${insats}/cofunders`, owner.keys.admin).send({ forbundId: f.id });
const accept = (f: F, insats: string) => api("post", `/api/v1/shared-interventions/${insats}/accept`, f.keys.admin);
const report = (f: F, insats: string, c: object) => api("put", `/api/v1/interventions/${insats}/outcomes/2024`, f.keys.admin).send(c);
const fund = (f: F, insats: string, amount: number) => api("put", `/api/v1/interventions/${insats}/funding/2024`, f.keys.admin).send({ amount });
const view = (f: F, insats: string, who: "admin" | "lasare" = "lasare") => api("get", `/api/v1/shared-interventions/${insats}/2024`, f.keys[who]);

/** The whole of seed 003's IT-spåret 2024: invited, accepted, each förbund's part reported and funded. */
async function sharedYear() {
  const s = await itSparet();
  for (const f of [s.sv, s.fv]) {
    expect((await invite(s.h, s.insats, f)).status).toBe(201);
    expect((await accept(f, s.insats)).status).toBe(200);
  }
  expect((await report(s.h, s.insats, counts(5, 2, 3))).status).toBe(200);
  expect((await report(s.sv, s.insats, counts(5, 1))).status).toBe(200);
  expect((await report(s.fv, s.insats, counts(5, 0))).status).toBe(200);
  for (const [f, amount] of [[s.h, 600_000], [s.sv, 600_000], [s.fv, 200_000]] as const) expect((await fund(f, s.insats, amount)).status).toBe(200);
  return s;
}

describe("delade insatser: inbjudan och accept", () => {
  it("när ägaren bjuder in ett förbund i samma grupp så väntar inbjudan på mottagarens admin, och först efter accept syns insatsen", async () => {
    const { h, sv, out, insats } = await itSparet();
    const res = await invite(h, insats, sv);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ forbundId: sv.id, status: "invited" });
    expect((await invite(h, insats, sv)).status).toBe(201); // inviting twice changes nothing
    const list = await api("get", "/api/v1/shared-interventions", sv.keys.lasare);
    expect(list.body.cofunded).toEqual([{ id: insats, name: expect.stringContaining("IT-spåret"), owner: h.name, status: "invited" }]);
    // an invitation alone shows no figure and lets nobody report
    expect((await view(sv, insats)).status).toBe(404);
    expect((await report(sv, insats, counts(5, 1))).status).toBe(404);
    // a läsare or koordinator cannot accept; the admin can
    expect((await api("post", `/api/v1/shared-interventions/${insats}/accept`, sv.keys.lasare)).status).toBe(403);
    expect((await accept(sv, insats)).body).toEqual({ id: insats, status: "accepted" });
    expect((await view(sv, insats)).status).toBe(200);
    const owned = await api("get", "/api/v1/shared-interventions", h.keys.lasare);
    expect(owned.body.owned).toEqual([{ id: insats, name: expect.any(String), cofunders: [{ id: sv.id, name: sv.name, status: "accepted" }] }]);
    // both logs say so
    expect((await audit.list(t.ctx, sv.id)).map((e) => e.action)).toEqual(expect.arrayContaining(["shared.invited", "shared.accepted"]));
    expect((await audit.list(t.ctx, h.id)).find((e) => e.action === "shared.invited")?.detail).toMatchObject({ forbundId: sv.id });
    void out;
  });

  it("när ägaren bjuder in ett förbund utanför gruppen, med fel indata eller för någon annans insats så blir det 422 eller 404", async () => {
    const { h, sv, out, insats } = await itSparet();
    const outside = await invite(h, insats, out);
    expect(outside.status).toBe(422);
    expect(outside.body.error.issues[0]).toMatchObject({ path: "forbundId" });
    const bad = await api("post", `/api/v1/shared-interventions/${insats}/cofunders`, h.keys.admin).send({ forbundId: "x", extra: 1 });
    expect(bad.status).toBe(422);
    // another förbund's insats: 404 before the body is read, for the outsider and for a member of the group alike
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders`, out.keys.admin).send({ forbundId: out.id })).status).toBe(404);
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders`, sv.keys.admin).send({ forbundId: sv.id })).status).toBe(404);
    // accepting without an invitation
    expect((await accept(sv, insats)).status).toBe(404);
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders`, h.keys.koordinator).send({ forbundId: sv.id })).status).toBe(403);
  });
});

describe("delade insatser: delarna och helheten", () => {
  it("när tre förbund har rapporterat sina delar så ser en medfinansiär sin del och helheten, aldrig de andras delar, och inget under k (angrepp: helheten minus den egna delen)", async () => {
    const { h, sv, insats } = await sharedYear();
    const res = await view(sv, insats);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: insats, year: 2024, role: "cofunder", owner: { id: h.id, name: h.name },
      own: { forbundId: sv.id, participants: 5, toWorkOrStudies: 1, finished: 1, funding: 600_000, reported: true },
      // the others' 2 + 0 to work/studier are fewer than k: the whole would give them away
      whole: { forbundCount: 3, participants: 15, newParticipants: 15, toWorkOrStudies: null, finished: 6, funding: 1_400_000 },
    });
    expect(res.body).not.toHaveProperty("parts");
    expect(res.body.cofunders.map((c: { status: string }) => c.status)).toEqual(["accepted", "accepted"]);
  });

  it("när ägaren läser så ser den varje förbunds del, varje cell genom det förbundets k, och helheten bara där inget dolt kan räknas fram", async () => {
    const { h, sv, fv, insats } = await sharedYear();
    const res = await view(h, insats);
    expect(res.body.role).toBe("owner");
    expect(res.body.parts).toHaveLength(3);
    expect(res.body.parts[0].forbundId).toBe(h.id); // the owner's part first
    const part = (id: string) => res.body.parts.find((p: { forbundId: string }) => p.forbundId === id);
    expect(part(h.id)).toMatchObject({ owner: true, participants: 5, toWorkOrStudies: 2, finished: 5, funding: 600_000 });
    expect(part(sv.id)).toMatchObject({ owner: false, participants: 5, toWorkOrStudies: null, finished: null, funding: 600_000 });
    expect(part(fv.id)).toMatchObject({ participants: 5, toWorkOrStudies: 0, finished: 0, funding: 200_000 });
    // whole − own − the shown parts would give Södra Vätterbygden's 1: hidden
    expect(res.body.whole).toMatchObject({ participants: 15, toWorkOrStudies: null, finished: null, funding: 1_400_000 });
  });

  it("när en medfinansiär skickar sina siffror så ändras bara dess egen del, och ägarens rapport går inte att nå (angrepp: skriva i ägarens del)", async () => {
    const { h, sv, insats } = await sharedYear();
    expect((await report(sv, insats, counts(9, 0))).status).toBe(200);
    expect((await api("get", `/api/v1/interventions/${insats}/outcomes/2024`, h.keys.lasare)).body.participants).toEqual(split(0, 5));
    expect((await api("get", `/api/v1/interventions/${insats}/outcomes/2024`, sv.keys.lasare)).body.participants).toEqual(split(0, 9));
    // the owner's report by its id, through the co-funder's pages: as if it did not exist
    const ownersReport = (await api("get", "/api/v1/intervention-reports?year=2024", h.keys.lasare)).body.reports[0].id;
    const agent = await loginAgent(t.app, sv.users.admin.email, PASSWORD);
    expect((await agent.get(`/insatsrapporter/${ownersReport}`)).status).toBe(404);
    expect((await postForm(agent, "/insatsrapporter", `/insatsrapporter/${ownersReport}/ta-bort`, {})).status).toBe(404);
    // nor can it invite others to the owner's insats
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders`, sv.keys.admin).send({ forbundId: h.id })).status).toBe(404);
  });

  it("när ett förbund som inte samfinansierar frågar så finns insatsen inte, i API:t och på sidorna (angrepp)", async () => {
    const { out, insats } = await sharedYear();
    expect((await view(out, insats)).status).toBe(404);
    expect((await report(out, insats, counts(5, 1))).status).toBe(404);
    expect((await fund(out, insats, 1)).status).toBe(404);
    expect((await api("get", `/api/v1/interventions/${insats}/outcomes/2024`, out.keys.lasare)).status).toBe(404);
    const agent = await loginAgent(t.app, out.users.admin.email, PASSWORD);
    expect((await agent.get(`/delade-insatser/${insats}`)).status).toBe(404);
    expect((await postForm(agent, "/delade-insatser", `/delade-insatser/${insats}/acceptera`, {})).status).toBe(404);
    expect((await api("get", "/api/v1/shared-interventions", out.keys.lasare)).body).toEqual({ owned: [], cofunded: [] });
  });
});

describe("delade insatser i Statistik-bilagan", () => {
  it("när Statistik läses så räknar varje förbund sin egen del mot sina egna medel, och en rad säger att insatsen är delad och med vilka", async () => {
    const { h, sv, fv, insats } = await sharedYear();
    const row = async (f: F) => (await api("get", "/api/v1/reports/2024/statistik", f.keys.lasare)).body.interventions.find((r: { id: string }) => r.id === insats);
    // 002/003: IT-spåret 2 till arbete/studier → 388 800 kr
    expect(await row(h)).toMatchObject({ participants: 5, toWorkOrStudies: 2, socioeconomicEffect: 388_800, funding: 600_000, difference: -211_200 });
    expect(await row(sv)).toMatchObject({ participants: 5, toWorkOrStudies: 1, socioeconomicEffect: 194_400, funding: 600_000, difference: -405_600 });
    expect(await row(fv)).toMatchObject({ participants: 5, toWorkOrStudies: 0, socioeconomicEffect: 0, funding: 200_000, difference: -200_000 });
    expect((await row(h)).sharedWith).toContain(`${h.name} äger insatsen och finansierar den tillsammans med ${fv.name} och ${sv.name}`);
    expect((await row(sv)).sharedWith).toContain(`${h.name} äger insatsen`);
    const html = (await api("get", "/api/v1/reports/2024/statistik?format=html", sv.keys.lasare)).text;
    expect(html).toContain("Delad insats:");
    expect(html).toContain(`Siffrorna är ${sv.name}s egen del mot dess egna medel.`);
  });
});

describe("sidorna", () => {
  it("när medfinansiärens admin accepterar på sidan så syns insatsen med egen del och helhet; ett felaktigt formulär visas igen med 422", async () => {
    const { h, sv, insats } = await itSparet();
    const owner = await loginAgent(t.app, h.users.admin.email, PASSWORD);
    const bad = await postForm(owner, "/delade-insatser", `/delade-insatser/${insats}/inbjudan`, { forbundId: "inte-ett-id" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Välj ett förbund i listan.");
    expect((await postForm(owner, "/delade-insatser", `/delade-insatser/${insats}/inbjudan`, { forbundId: sv.id })).status).toBe(303);
    const agent = await loginAgent(t.app, sv.users.admin.email, PASSWORD);
    expect((await agent.get("/delade-insatser")).text).toContain("Acceptera att samfinansiera");
    const accepted = await postForm(agent, "/delade-insatser", `/delade-insatser/${insats}/acceptera`, {});
    expect(accepted.status).toBe(303);
    expect((await report(sv, insats, counts(5, 1))).status).toBe(200);
    const page = await agent.get(`${accepted.headers.location.split("?")[0]}?year=2024`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Hela insatsen");
    expect(page.text).toContain(`${h.name} äger insatsen`);
    // the co-funder's funding form lists the shared insats as its own share
    expect((await agent.get("/statistik?year=2024")).text).toContain(`delad insats som ${h.name} äger`);
  });
});

describe("att avsluta en samfinansiering", () => {
  const end = (by: F, insats: string, f: F) => api("post", `/api/v1/shared-interventions/${insats}/cofunders/${f.id}/end`, by.keys.admin);
  const reportIn = (f: F, insats: string, year: number, c: object) => api("put", `/api/v1/interventions/${insats}/outcomes/${year}`, f.keys.admin).send(c);
  const fundIn = (f: F, insats: string, year: number, amount: number) => api("put", `/api/v1/interventions/${insats}/funding/${year}`, f.keys.admin).send({ amount });

  it("när medfinansiären avslutar sin del så finns dess siffror för året kvar i helheten och i dess Statistik, men senare år går inte att föra in", async () => {
    const { h, sv, fv, insats } = await sharedYear();
    const res = await end(sv, insats, sv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ forbundId: sv.id, status: "ended", lastYear: 2024 });
    // history is not rewritten: 2024 still has three parts, the whole their sum, and Södra Vätterbygden's own row
    const owner2024 = await view(h, insats);
    expect(owner2024.body.whole).toMatchObject({ forbundCount: 3, participants: 15, funding: 1_400_000 });
    expect(owner2024.body.cofunders.find((c: { id: string }) => c.id === sv.id)).toEqual({ id: sv.id, name: sv.name, status: "ended", lastYear: 2024 });
    expect((await view(sv, insats)).body.own).toMatchObject({ participants: 5, funding: 600_000 });
    const row = (await api("get", "/api/v1/reports/2024/statistik", sv.keys.lasare)).body.interventions.find((r: { id: string }) => r.id === insats);
    expect(row).toMatchObject({ participants: 5, toWorkOrStudies: 1, funding: 600_000 });
    // the year it ended in stays open to the co-funder (its last report may come late); later years are closed
    expect((await reportIn(sv, insats, 2024, counts(6, 1))).status).toBe(200);
    const later = await reportIn(sv, insats, 2025, counts(5, 1));
    expect(later.status).toBe(422);
    expect(JSON.stringify(later.body)).toContain("avslutades 2024");
    expect((await fundIn(sv, insats, 2025, 100_000)).status).toBe(409);
    expect((await fundIn(sv, insats, 2024, 500_000)).status).toBe(200);
    // 2025: the whole is the owner's and Finnveden's only; Södra Vätterbygden sees no 2025 of the insats
    expect((await reportIn(h, insats, 2025, counts(5, 0))).status).toBe(200);
    const owner2025 = await api("get", `/api/v1/shared-interventions/${insats}/2025`, h.keys.lasare);
    expect(owner2025.body.whole.forbundCount).toBe(2);
    expect(owner2025.body.parts.map((p: { forbundId: string }) => p.forbundId)).toEqual([h.id, fv.id]);
    expect((await api("get", `/api/v1/shared-interventions/${insats}/2025`, sv.keys.lasare)).status).toBe(404);
    // both logs say who ended it
    for (const f of [sv, h]) {
      expect((await audit.list(t.ctx, f.id)).find((e) => e.action === "shared.ended")?.detail).toMatchObject({ forbundId: sv.id, lastYear: 2024, endedBy: sv.id });
    }
    // ending twice, or inviting it again: 409
    expect((await end(sv, insats, sv)).status).toBe(409);
    expect((await invite(h, insats, sv)).status).toBe(409);
  });

  it("när ägaren avslutar en medfinansiärs del så går det; en annan medfinansiär, en läsare, en utomstående eller en obesvarad inbjudan kan inte (angrepp)", async () => {
    const { h, sv, fv, out, insats } = await sharedYear();
    expect((await end(fv, insats, sv)).status).toBe(404); // one co-funder cannot end another's
    expect((await end(out, insats, sv)).status).toBe(404);
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders/${sv.id}/end`, h.keys.lasare)).status).toBe(403);
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders/inte-ett-id/end`, h.keys.admin)).status).toBe(404);
    expect((await end(h, insats, out)).status).toBe(404);
    const ended = await end(h, insats, fv);
    expect(ended.body).toEqual({ forbundId: fv.id, status: "ended", lastYear: 2024 });
    expect((await api("get", "/api/v1/shared-interventions", fv.keys.lasare)).body.cofunded).toEqual([{ id: insats, name: expect.any(String), owner: h.name, status: "ended", lastYear: 2024 }]);
    expect((await audit.list(t.ctx, fv.id)).find((e) => e.action === "shared.ended")?.detail).toMatchObject({ endedBy: h.id });
    // an invitation never accepted is withdrawn, not ended
    const other = await itSparet();
    expect((await invite(other.h, other.insats, other.sv)).status).toBe(201);
    expect((await end(other.h, other.insats, other.sv)).status).toBe(409);
  });

  it("när admin avslutar på sidan så frågar en sida först (utan JavaScript), och efter ja står samfinansieringen som avslutad", async () => {
    const { h, sv, insats } = await sharedYear();
    const agent = await loginAgent(t.app, h.users.admin.email, PASSWORD);
    const list = await agent.get("/delade-insatser");
    expect(list.text).toContain(`Avsluta ${sv.name}s samfinansiering`);
    const ask = await agent.get(`/delade-insatser/${insats}/avsluta?forbundId=${sv.id}`);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain("Ja, avsluta samfinansieringen");
    expect(ask.text).toContain("Historiken skrivs inte om");
    const done = await postForm(agent, `/delade-insatser/${insats}/avsluta?forbundId=${sv.id}`, `/delade-insatser/${insats}/avsluta`, { forbundId: sv.id });
    expect(done.status).toBe(303);
    const after = await agent.get("/delade-insatser");
    expect(after.text).toContain("samfinansierade till och med 2024");
    expect(after.text).not.toContain(`Avsluta ${sv.name}s samfinansiering`);
    expect((await agent.get(`/delade-insatser/${insats}/avsluta?forbundId=${sv.id}`)).status).toBe(404);
    // the co-funder's own page offers to end its own part; a läsare gets no such page
    const coAdmin = await loginAgent(t.app, sv.users.admin.email, PASSWORD);
    expect((await coAdmin.get("/delade-insatser")).text).toContain("samfinansieringen är avslutad, sista år 2024");
    const reader = await loginAgent(t.app, h.users.lasare.email, PASSWORD);
    expect((await reader.get(`/delade-insatser/${insats}/avsluta?forbundId=${sv.id}`)).status).toBe(403);
  });
});

describe("stegförflyttning i en delad insats", () => {
  const nyckeltal = {
    supports: {
      forsorjningsstod: { amount: 120_000, payer: "kommun", taxable: false, source: "Räkneexempel" },
      aktivitetsstod: { amount: 150_000, payer: "stat", taxable: true, source: "Räkneexempel" },
    },
    wage: 300_000, wageSubsidyShare: 0.8, taxKommun: 0.2138, taxRegion: 0.1176, employerContribution: 0.3142,
  };
  const putMatrix = (f: F, insats: string, matrix: object, year = 2024) => api("put", `/api/v1/interventions/${insats}/movements/${year}`, f.keys.admin).send({ matrix });
  const ownerMatrix = { forsorjningsstod: { arbete: 3, forsorjningsstod: 2 } };
  const svMatrix = { forsorjningsstod: { arbete: 5 }, aktivitetsstod: { arbete: 6 } };

  it("när en medfinansiär för in sina deltagares förflyttningar så sparas de som dess egen del, ägarens matris rörs inte, och var och en räknar sin effekt mot sina egna medel", async () => {
    const { h, sv, fv, insats } = await sharedYear();
    for (const f of [h, sv, fv]) expect((await api("put", "/api/v1/nyckeltal/2024", f.keys.admin).send(nyckeltal)).status).toBe(200);
    expect((await putMatrix(h, insats, ownerMatrix)).status).toBe(200);
    const saved = await putMatrix(sv, insats, svMatrix);
    expect(saved.status).toBe(200);
    // the owner's figures are not mixed with the co-funder's
    const get = (f: F, what: "movements" | "effect") => api("get", `/api/v1/interventions/${insats}/${what}/2024`, f.keys.admin);
    expect((await get(h, "movements")).body.matrix).toEqual(ownerMatrix);
    expect((await get(sv, "movements")).body.matrix).toEqual(svMatrix);
    const [hEffect, svEffect] = [(await get(h, "effect")).body, (await get(sv, "effect")).body];
    expect(hEffect.funding).toBe(600_000);
    expect(svEffect.funding).toBe(600_000);
    expect(svEffect.perYear.total).toBeGreaterThan(hEffect.perYear.total); // 11 moved against 3
    // the owner sees the whole: the others' 5 and 6 are at least k, so nothing is hidden; the effect is the sum of the parts'
    const ownerWhole = (await get(h, "movements")).body.shared;
    expect(ownerWhole).toMatchObject({ role: "owner", forbundCount: 3, whole: { matrix: { forsorjningsstod: { arbete: 8, forsorjningsstod: 2 }, aktivitetsstod: { arbete: 6 } }, total: 16 } });
    expect((await get(h, "effect")).body.shared.whole).toEqual({ perYear: expect.objectContaining({ total: hEffect.perYear.total + svEffect.perYear.total }), twoYears: expect.any(Object), funding: 1_400_000 });
    // the co-funder: the owner's 3 and 2 are under k: the whole's cells that would tell them, and the whole's effect, are hidden
    const coWhole = (await get(sv, "movements")).body.shared;
    expect(coWhole.role).toBe("cofunder");
    expect(coWhole.whole.matrix.forsorjningsstod).toEqual({ arbete: null, forsorjningsstod: null });
    expect(coWhole.whole.matrix.aktivitetsstod).toEqual({ arbete: 6 });
    expect(coWhole.whole.rowSums.forsorjningsstod).toBe(10); // the owner's 3 + 2 = 5 hidden together: at least k
    expect((await get(sv, "effect")).body.shared.whole).toMatchObject({ perYear: null, twoYears: null, funding: 1_400_000 });
    // each förbund's Statistik: its own matrix only
    const mv = async (f: F) => (await socio.statistik(t.ctx, f.id, 2024)).movements?.find((e) => e.interventionId === insats);
    expect((await mv(sv))).toMatchObject({ matrix: svMatrix, funding: 600_000, perYear: svEffect.perYear });
    expect((await mv(h))).toMatchObject({ matrix: ownerMatrix, funding: 600_000, perYear: hEffect.perYear });
    // an outsider: 404; a co-funding that ended: later years closed
    expect((await putMatrix(fv, insats, {}, 2024)).status).toBe(200);
    expect((await api("post", `/api/v1/shared-interventions/${insats}/cofunders/${sv.id}/end`, sv.keys.admin)).status).toBe(200);
    expect((await putMatrix(sv, insats, svMatrix, 2025)).status).toBe(409);
    expect((await putMatrix(sv, insats, { aktivitetsstod: { arbete: 7 } }, 2024)).status).toBe(200);
  });

  it("när medfinansiärens admin öppnar insatsens stegförflyttningssida så kan den spara sin egen matris, och sidan visar hela insatsen", async () => {
    const { h, sv, insats } = await sharedYear();
    expect((await putMatrix(h, insats, ownerMatrix)).status).toBe(200);
    const agent = await loginAgent(t.app, sv.users.admin.email, PASSWORD);
    expect((await agent.get("/stegforflyttning?year=2024")).text).toContain(`(delad, ägs av ${h.name})`);
    const page = await agent.get(`/stegforflyttning/${insats}?year=2024`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Spara förflyttningarna");
    expect(page.text).toContain("Hela insatsen");
    const saved = await postForm(agent, `/stegforflyttning/${insats}?year=2024`, `/stegforflyttning/${insats}`, { year: "2024", "m.aktivitetsstod.arbete": "6" });
    expect(saved.status).toBe(303);
    expect((await api("get", `/api/v1/interventions/${insats}/movements/2024`, sv.keys.admin)).body.matrix).toEqual({ aktivitetsstod: { arbete: 6 } });
    expect((await api("get", `/api/v1/interventions/${insats}/movements/2024`, h.keys.admin)).body.matrix).toEqual(ownerMatrix);
  });
});
