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
let admin: Agent, koord: Agent, lasare: Agent;
const bearer: Record<string, string> = {};
let styrelse: string, samverkEksjo: string, samverkNassjo: string, otherGroup: string;
let parties: string[];

const nbsp = "\u00A0";
const api = (method: "get" | "post", path: string, who = "koord") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2024-11-20T10:00:00Z") } });
  F = await makeForbund(t.ctx, "Förbund Närvaro", ["Eksjö", "Nässjö"]);
  other = await makeForbund(t.ctx, "Annat förbund");
  const A = F.forbund.id;
  parties = Object.values(F.partyIds);
  styrelse = (await orgRepo.insertGroup(t.ctx.db, { forbundId: A, name: "Styrelse", kind: "styrelse" }, parties)).id;
  samverkEksjo = (await orgRepo.insertGroup(t.ctx.db, { forbundId: A, name: "Samverk Eksjö styrgrupp", kind: "samverk_styrgrupp", areaId: F.areas[0].id }, parties)).id;
  samverkNassjo = (await orgRepo.insertGroup(t.ctx.db, { forbundId: A, name: "Samverk Nässjö styrgrupp", kind: "samverk_styrgrupp", areaId: F.areas[1].id }, parties)).id;
  await orgRepo.insertGroup(t.ctx.db, { forbundId: A, name: "Beredningsgrupp", kind: "beredningsgrupp" }, parties);
  otherGroup = (await orgRepo.insertGroup(t.ctx.db, { forbundId: other.forbund.id, name: "Styrelse", kind: "styrelse" }, Object.values(other.partyIds))).id;
  const users = {
    admin: await makeUser(t.ctx, { forbundId: A, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [F.areas[0].id] }),
    lasare: await makeUser(t.ctx, { forbundId: A, role: "lasare" }),
  };
  [admin, koord, lasare] = await Promise.all([users.admin, users.koord, users.lasare].map((u) => loginAgent(t.app, u.email, PASSWORD)));
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
});
afterAll(async () => { await t?.close(); });

const csrfOf = new Map<Agent, string>();
async function send(agent: Agent, action: string, fields: Record<string, unknown>) {
  if (!csrfOf.has(agent)) csrfOf.set(agent, csrfFrom((await agent.get("/konto/byt-losenord")).text));
  return agent.post(action).type("form").send({ ...fields, _csrf: csrfOf.get(agent) });
}
const all = (status: string, except: Record<string, string> = {}) =>
  Object.fromEntries(parties.map((p) => [p, except[p] ?? status]));

describe("närvaro via API:t", () => {
  it("när 002:s styrelse registreras (sju möten, en frånvaro) så ger sammanställningen 96 % och parterna 86–100 %", async () => {
    const dates = ["2024-02-01", "2024-03-14", "2024-04-25", "2024-06-13", "2024-09-19", "2024-10-24", "2024-12-12"];
    for (const [i, date] of dates.entries()) {
      const attendance = all("ordinarie", i === 2 ? { [F.partyIds.Arbetsförmedlingen]: "franvarande" } : i === 3 ? { [F.partyIds.Region]: "ersattare" } : {});
      const res = await api("post", "/api/v1/attendance").send({ groupId: styrelse, date, attendance, ...(i === 1 ? { note: "Digitalt via Teams" } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const res = await api("get", "/api/v1/attendance/summary?year=2024", "lasare");
    expect(res.status).toBe(200);
    const g = res.body.groups.find((x: { groupId: string }) => x.groupId === styrelse);
    expect(g).toMatchObject({ groupId: styrelse, name: "Styrelse", meetings: 7 });
    expect(g.share).toBeCloseTo(27 / 28, 12);
    expect(g.byParty).toEqual({ Kommun: 1, Region: 1, Arbetsförmedlingen: 6 / 7, Försäkringskassan: 1 });
    // The goal is about every grupp: the others have no meetings, so there is no basis to call it met.
    expect(res.body.goal).toMatchObject({ threshold: 0.75, verdict: "underlag_saknas", label: "Underlag saknas", partiesBelow: [] });
    expect(res.body.goal.figuresText).toContain(`Styrelse 96${nbsp}% (86–100${nbsp}%)`);
    expect(res.body.goal.groupsWithoutMeetings).toContain("Beredningsgrupp");
    // The same `missing` as the goals API: each grupp without meetings, with where meetings are registered.
    expect(res.body.goal.missing).toContainEqual({ text: "Inga möten registrerade för Beredningsgrupp", href: "/narvaro" });
    expect(res.body.goal.missing.map((m: { text: string }) => m.text)).not.toContain("Inga möten registrerade för Styrelse");
    // another year has nothing
    const empty = await api("get", "/api/v1/attendance/summary?year=2023");
    expect(empty.body.goal.verdict).toBe("underlag_saknas");
  });

  it("när en Samverk-grupp har låg närvaro så blir målet ej uppfyllt och parten under gränsen nämns", async () => {
    for (const date of ["2024-03-01", "2024-06-01"]) {
      const res = await api("post", "/api/v1/attendance").send({
        groupId: samverkEksjo, date, attendance: all("ordinarie", { [F.partyIds.Försäkringskassan]: "franvarande", [F.partyIds.Region]: "franvarande" }),
      });
      expect(res.status).toBe(201);
    }
    const res = await api("get", "/api/v1/attendance/summary?year=2024");
    expect(res.body.goal.verdict).toBe("ej_uppfyllt");
    expect(res.body.goal.groupsBelow).toEqual([{ groupId: samverkEksjo, name: "Samverk Eksjö styrgrupp", share: 0.5 }]);
    expect(res.body.goal.partiesBelow.map((p: { party: string; group: string }) => `${p.party}/${p.group}`))
      .toEqual(["Region/Samverk Eksjö styrgrupp", "Försäkringskassan/Samverk Eksjö styrgrupp"]);
  });

  it("när uppgifterna är felaktiga så blir det 422 med fält och svenska meddelanden", async () => {
    const bad = await api("post", "/api/v1/attendance").send({ groupId: "x", date: "2024-02-30", attendance: { [parties[0]]: "sjuk" }, extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation");
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["groupId", "date", `attendance.${parties[0]}`, "extra"]));
    expect(bad.body.error.issues.find((i: { path: string }) => i.path === "date").message).toBe("datumet finns inte i kalendern");

    const missing = await api("post", "/api/v1/attendance").send({ groupId: styrelse, date: "2024-05-05", attendance: { [parties[0]]: "ordinarie" } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toContainEqual({ path: `attendance.${F.partyIds.Region}`, message: "Välj om Region var där som ordinarie, ersättare eller var frånvarande." });

    const stranger = await api("post", "/api/v1/attendance").send({ groupId: styrelse, date: "2024-05-05", attendance: { ...all("ordinarie"), [other.partyIds.Kommun]: "ordinarie" } });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.issues).toContainEqual({ path: `attendance.${other.partyIds.Kommun}`, message: "Parten ingår inte i gruppen." });

    const twice = await api("post", "/api/v1/attendance").send({ groupId: styrelse, date: "2024-02-01", attendance: all("ordinarie") });
    expect(twice.status).toBe(422);
    expect(twice.body.error.issues[0].path).toBe("date");

    expect((await api("get", "/api/v1/attendance/summary?year=tjugo")).status).toBe(422);
  });

  it("när en koordinator registrerar för ett annat kommunområde så blir det 403, ett annat förbunds grupp 404 och en läsare 403", async () => {
    const body = (groupId: string) => ({ groupId, date: "2024-04-04", attendance: all("ordinarie") });
    expect((await api("post", "/api/v1/attendance").send(body(samverkNassjo))).status).toBe(403);
    expect((await api("post", "/api/v1/attendance").send(body(otherGroup))).status).toBe(404);
    expect((await api("post", "/api/v1/attendance", "lasare").send(body(styrelse))).status).toBe(403);
    expect((await api("post", "/api/v1/attendance", "admin").send(body(samverkNassjo))).status).toBe(201);
    expect((await request(t.app).post("/api/v1/attendance").send(body(styrelse))).status).toBe(401);
  });
});

describe("närvaro i webbläsaren", () => {
  it("när koordinatorn väljer grupp så visas en radiogrupp per part, och en miss visas igen med 422 och allt ifyllt kvar", async () => {
    const choose = await koord.get("/narvaro/ny");
    expect(choose.status).toBe(200);
    expect(choose.text).toContain("Samverk Eksjö styrgrupp");
    expect(choose.text).not.toContain("Samverk Nässjö styrgrupp");
    const page = await koord.get(`/narvaro/ny?grupp=${samverkEksjo}`);
    expect(page.status).toBe(200);
    expect(page.text.match(/<fieldset/g)).toHaveLength(4);
    expect(page.text).toContain(`name="attendance.${F.partyIds.Kommun}" value="ersattare"`);

    const res = await send(koord, "/narvaro", {
      groupId: samverkEksjo, date: "2024-09-09", note: "Hybridmöte", [`attendance.${F.partyIds.Kommun}`]: "ersattare", [`attendance.${F.partyIds.Region}`]: "ordinarie",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Välj om Arbetsförmedlingen var där som ordinarie, ersättare eller var frånvarande.");
    expect(res.text).toContain('value="2024-09-09"');
    expect(res.text).toContain("Hybridmöte");
    expect(res.text).toMatch(new RegExp(`name="attendance\\.${F.partyIds.Kommun}" value="ersattare" checked`));
  });

  it("när formuläret är komplett så sparas mötet och syns i sammanställningen; det går att ändra och ta bort", async () => {
    const res = await send(koord, "/narvaro", {
      groupId: samverkEksjo, date: "2024-09-10", note: "Hybridmöte",
      ...Object.fromEntries(parties.map((p) => [`attendance.${p}`, "ordinarie"])),
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/narvaro?year=2024");
    const summary = await lasare.get("/narvaro?year=2024");
    expect(summary.status).toBe(200);
    expect(summary.text).toContain("Hybridmöte");
    expect(summary.text).toContain("Ej uppfyllt");
    expect(summary.text).not.toContain("/narvaro/ny"); // a läsare reads only
    const id = /href="\/narvaro\/([0-9a-f-]{36})"/.exec((await koord.get("/narvaro?year=2024")).text)![1];
    const edit = await koord.get(`/narvaro/${id}`);
    expect(edit.status).toBe(200);
    const changed = await send(koord, `/narvaro/${id}`, { date: "2024-09-11", note: "", ...Object.fromEntries(parties.map((p) => [`attendance.${p}`, "ersattare"])) });
    expect(changed.status).toBe(303);
    expect((await koord.get("/narvaro?year=2024")).text).toContain("2024-09-11");
    expect((await send(koord, `/narvaro/${id}/ta-bort`, {})).status).toBe(303);
    expect((await koord.get(`/narvaro/${id}`)).status).toBe(404);
  });

  it("när en grupp saknas i formuläret så får man välja igen, och personuppgifter i anteckningen vägras", async () => {
    const res = await send(admin, "/narvaro", { date: "2024-01-01" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Välj grupp.");
    const pii = await send(admin, "/narvaro", { groupId: styrelse, date: "2024-08-08", note: "Ring 070-123 45 67", ...Object.fromEntries(parties.map((p) => [`attendance.${p}`, "ordinarie"])) });
    expect(pii.status).toBe(422);
    expect(pii.text).toContain("telefonnummer");
  });

  it("när en koordinator öppnar ett möte i ett annat kommunområde så blir det 403", async () => {
    const made = await api("post", "/api/v1/attendance", "admin").send({ groupId: samverkNassjo, date: "2024-05-20", attendance: all("ordinarie") });
    expect((await koord.get(`/narvaro/${made.body.id}`)).status).toBe(403);
    expect((await admin.get(`/narvaro/${made.body.id}`)).status).toBe(200);
  });
});
