import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as organisation from "../../server/organisation/service.js";
import { organisationJson } from "../../server/organisation/present.js";
import * as audit from "../../server/audit/service.js";
import * as accounts from "../../server/accounts/service.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

async function adminOf(areaNames?: string[]) {
  const f = await makeForbund(t.ctx, undefined, areaNames);
  const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
  return { ...f, agent: await loginAgent(t.app, admin.email, PASSWORD) };
}
const api = async (forbundId: string) => organisationJson(await organisation.getOrganisation(t.ctx, forbundId));

describe("kommunområden", () => {
  it("när admin lägger till, byter namn på och tar bort ett kommunområde så syns det i organisationen och i loggen", async () => {
    const { forbund, agent } = await adminOf([]);
    const added = await postForm(agent, "/organisation/kommunomraden", "/organisation/kommunomraden", { name: "  Aneby " });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe("/organisation/kommunomraden");
    let areas = (await api(forbund.id)).areas;
    expect(areas.map((a) => a.name)).toEqual(["Aneby"]);
    const id = areas[0].id;

    const page = await agent.get("/organisation/kommunomraden");
    expect(page.text).toContain("Kommunområdet Aneby är tillagt.");

    const renamed = await postForm(agent, `/organisation/kommunomraden/${id}`, `/organisation/kommunomraden/${id}`, { name: "Aneby kommun" });
    expect(renamed.status).toBe(303);
    areas = (await api(forbund.id)).areas;
    expect(areas).toEqual([{ id, name: "Aneby kommun" }]);

    const deleted = await postForm(agent, `/organisation/kommunomraden/${id}`, `/organisation/kommunomraden/${id}/ta-bort`, {});
    expect(deleted.status).toBe(303);
    expect((await api(forbund.id)).areas).toEqual([]);

    const log = (await audit.list(t.ctx, forbund.id)).filter((e) => e.action === "organisation.changed");
    expect(log.map((e) => e.detail)).toEqual(expect.arrayContaining([
      { what: "kommunområde", change: "tillagd", id, name: "Aneby" },
      { what: "kommunområde", change: "ändrad", id, name: "Aneby kommun" },
      { what: "kommunområde", change: "borttagen", id, name: "Aneby kommun" },
    ]));
  });

  it("när namnet redan finns (oavsett skiftläge) så blir det 422 med meddelandet vid fältet och det inskrivna kvar", async () => {
    const { forbund, agent } = await adminOf(["Eksjö", "Nässjö"]);
    const res = await postForm(agent, "/organisation/kommunomraden", "/organisation/kommunomraden", { name: "eksjö" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Det finns redan ett kommunområde med det namnet.");
    expect(res.text).toContain('value="eksjö"');
    expect(res.text).toContain('href="#name"');

    const nassjo = (await api(forbund.id)).areas.find((a) => a.name === "Nässjö")!;
    const rename = await postForm(agent, `/organisation/kommunomraden/${nassjo.id}`, `/organisation/kommunomraden/${nassjo.id}`, { name: "Eksjö" });
    expect(rename.status).toBe(422);
    expect(rename.text).toContain('value="Eksjö"');
    expect((await api(forbund.id)).areas.map((a) => a.name)).toEqual(["Eksjö", "Nässjö"]);
  });

  it("när två lägger till samma namn samtidigt så sparas det en gång och den andra får ett meddelande, inte ett fel", async () => {
    const { forbund } = await makeForbund(t.ctx, undefined, []);
    const admin = await currentAdmin(forbund.id);
    const results = await Promise.all([1, 2, 3].map(() => organisation.addArea(t.ctx, admin, forbund.id, "Samtidigt")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.errors.name)).toEqual([
      expect.stringContaining("Det finns redan"), expect.stringContaining("Det finns redan"),
    ]);
    expect((await api(forbund.id)).areas.map((a) => a.name)).toEqual(["Samtidigt"]);
  });

  it("när ett tomt namn skickas så blir det 422 på svenska", async () => {
    const { agent } = await adminOf();
    const res = await postForm(agent, "/organisation/kommunomraden", "/organisation/kommunomraden", { name: "   " });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Skriv kommunområdets namn.");
  });

  it("när ett kommunområde används av en insats, en grupp eller en användare så vägras borttagningen och inget försvinner", async () => {
    const { forbund, partyIds, agent } = await adminOf(["Aneby", "Eksjö", "Tranås"]);
    const [aneby, eksjo, tranas] = (await api(forbund.id)).areas;
    await postForm(agent, "/organisation/insatser", "/organisation/insatser", { name: "IT-spåret", kind: "individinriktad", areaIds: aneby.id, fromYear: "2022" });
    await postForm(agent, "/organisation/grupper", "/organisation/grupper", { name: "Samverk Eksjö styrgrupp", kind: "samverk_styrgrupp", areaId: eksjo.id, partyIds: [partyIds.Kommun] });
    await makeUser(t.ctx, { forbundId: forbund.id, role: "koordinator", areaIds: [tranas.id] });
    const before = await api(forbund.id);

    const refused = await postForm(agent, `/organisation/kommunomraden/${aneby.id}`, `/organisation/kommunomraden/${aneby.id}/ta-bort`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("Kommunområdet Aneby kan inte tas bort eftersom det används av insatsen IT-spåret");
    const byGroup = await postForm(agent, `/organisation/kommunomraden/${eksjo.id}`, `/organisation/kommunomraden/${eksjo.id}/ta-bort`, {});
    expect(byGroup.status).toBe(409);
    expect(byGroup.text).toContain("gruppen Samverk Eksjö styrgrupp");
    const byUser = await postForm(agent, `/organisation/kommunomraden/${tranas.id}`, `/organisation/kommunomraden/${tranas.id}/ta-bort`, {});
    expect(byUser.status).toBe(409);
    expect(byUser.text).toContain("behörigheten för 1 användare");

    expect(await api(forbund.id)).toEqual(before);
    const log = await audit.list(t.ctx, forbund.id);
    expect(log.some((e) => (e.detail as { change?: string }).change === "borttagen")).toBe(false);
  });
});

describe("behörighet", () => {
  it("när en läsare är inloggad så visas organisationen men varje ändring ger 403", async () => {
    const { forbund, areas } = await makeForbund(t.ctx);
    const reader = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const agent = await loginAgent(t.app, reader.email, PASSWORD);
    const overview = await agent.get("/organisation");
    expect(overview.status).toBe(200);
    expect(overview.text).not.toContain('href="/organisation/kommunomraden"');
    const add = await postForm(agent, "/organisation", "/organisation/kommunomraden", { name: "Smygområde" });
    expect(add.status).toBe(403);
    const del = await postForm(agent, "/organisation", `/organisation/kommunomraden/${areas[0].id}/ta-bort`, {});
    expect(del.status).toBe(403);
    const settings = await postForm(agent, "/organisation", "/organisation/installningar", { name: "X", reportingThreshold: "3" });
    expect(settings.status).toBe(403);
    expect((await agent.get("/organisation/kommunomraden")).status).toBe(403);
    expect((await api(forbund.id)).areas).toHaveLength(2);
  });

  it("när en admin öppnar organisationen så finns länkar till varje del", async () => {
    const { agent } = await adminOf();
    const overview = await agent.get("/organisation");
    for (const href of ["/organisation/kommunomraden", "/organisation/parter", "/organisation/insatser", "/organisation/grupper", "/organisation/installningar"]) {
      expect(overview.text).toContain(`href="${href}"`);
      expect((await agent.get(href)).status).toBe(200);
    }
  });

  it("när admin i ett annat förbund använder detta förbunds id:n så blir det 404 och inget ändras", async () => {
    const mine = await adminOf(["Hemma"]);
    const other = await makeForbund(t.ctx, undefined, ["Borta"]);
    const { partyIds, areas } = other;
    const otherAdmin = await currentAdmin(other.forbund.id);
    await organisation.addUnit(t.ctx, otherAdmin, other.forbund.id, partyIds.Region, "Psykiatri");
    const unitId = (await api(other.forbund.id)).parties.find((p) => p.name === "Region")!.units[0].id;
    const ins = await organisation.addIntervention(t.ctx, otherAdmin, other.forbund.id,
      { name: "Bortainsats", kind: "individinriktad", areaIds: [areas[0].id], fromYear: 2024 });
    const grp = await organisation.addGroup(t.ctx, otherAdmin, other.forbund.id,
      { name: "Bortagrupp", kind: "annan", areaId: null, partyIds: [] });
    if (!ins.ok || !grp.ok) throw new Error("kunde inte skapa testdata");
    const a = mine.agent;
    const page = "/organisation";

    for (const path of [`/organisation/kommunomraden/${areas[0].id}`, `/organisation/parter/${partyIds.Region}`, `/organisation/enheter/${unitId}`,
      `/organisation/insatser/${ins.id}`, `/organisation/grupper/${grp.id}`]) {
      expect((await a.get(path)).status).toBe(404);
    }
    expect((await postForm(a, page, `/organisation/kommunomraden/${areas[0].id}`, { name: "Kapat" })).status).toBe(404);
    expect((await postForm(a, page, `/organisation/kommunomraden/${areas[0].id}/ta-bort`, {})).status).toBe(404);
    expect((await postForm(a, page, `/organisation/parter/${partyIds.Region}`, { name: "Kapat" })).status).toBe(404);
    expect((await postForm(a, page, `/organisation/parter/${partyIds.Region}/enheter`, { unitName: "Kapad" })).status).toBe(404);
    expect((await postForm(a, page, `/organisation/enheter/${unitId}`, { name: "Kapad" })).status).toBe(404);
    expect((await postForm(a, page, `/organisation/enheter/${unitId}/ta-bort`, {})).status).toBe(404);
    expect((await postForm(a, page, `/organisation/insatser/${ins.id}`, { name: "Kapad", kind: "individinriktad", fromYear: "2024" })).status).toBe(404);
    expect((await postForm(a, page, `/organisation/grupper/${grp.id}`, { name: "Kapad", kind: "annan" })).status).toBe(404);
    // Another förbund's kommunområde or part in one's own form is not found either.
    expect((await postForm(a, page, "/organisation/insatser", { name: "Egen", kind: "individinriktad", fromYear: "2024", areaIds: areas[0].id })).status).toBe(404);
    expect((await postForm(a, page, "/organisation/grupper", { name: "Egen", kind: "annan", partyIds: partyIds.Kommun })).status).toBe(404);
    expect((await a.get("/organisation/kommunomraden/inte-ett-id")).status).toBe(404);

    const after = await api(other.forbund.id);
    expect(after.areas.map((x) => x.name)).toEqual(["Borta"]);
    expect(after.parties.find((p) => p.id === partyIds.Region)).toEqual({ id: partyIds.Region, name: "Region", units: [{ id: unitId, name: "Psykiatri" }] });
    expect(after.interventions.map((i) => i.name)).toEqual(["Bortainsats"]);
    expect(after.groups.map((g) => g.name)).toEqual(["Bortagrupp"]);
    expect((await api(mine.forbund.id)).interventions).toEqual([]);
  });
});

/** An admin of the förbund as the services receive one, for data made without the browser. */
async function currentAdmin(forbundId: string) {
  const u = await makeUser(t.ctx, { forbundId, role: "admin" });
  return (await accounts.loadCurrentUser(t.ctx, u.id))!;
}

describe("parter och enheter", () => {
  it("när admin lägger till parten Annan och en enhet, byter namn och tar bort enheten så följer organisationen med", async () => {
    const { forbund, agent } = await adminOf();
    expect((await postForm(agent, "/organisation/parter", "/organisation/parter", { name: "Annan" })).status).toBe(303);
    let parties = (await api(forbund.id)).parties;
    expect(parties.map((p) => p.name)).toEqual(["Kommun", "Region", "Arbetsförmedlingen", "Försäkringskassan", "Annan"]);
    const annan = parties[4];

    const dup = await postForm(agent, "/organisation/parter", "/organisation/parter", { name: "Region" });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain("Det finns redan en part med det namnet.");

    const unit = await postForm(agent, `/organisation/parter/${annan.id}`, `/organisation/parter/${annan.id}/enheter`, { unitName: "Civilsamhället" });
    expect(unit.status).toBe(303);
    const unitDup = await postForm(agent, `/organisation/parter/${annan.id}`, `/organisation/parter/${annan.id}/enheter`, { unitName: "civilsamhället" });
    expect(unitDup.status).toBe(422);
    expect(unitDup.text).toContain("Parten har redan en enhet med det namnet.");
    expect(unitDup.text).toContain('value="civilsamhället"');
    const unitId = (await api(forbund.id)).parties[4].units[0].id;

    expect((await postForm(agent, `/organisation/enheter/${unitId}`, `/organisation/enheter/${unitId}`, { name: "Idéburen sektor" })).status).toBe(303);
    expect((await postForm(agent, `/organisation/parter/${annan.id}`, `/organisation/parter/${annan.id}`, { name: "Övriga" })).status).toBe(303);
    parties = (await api(forbund.id)).parties;
    expect(parties[4]).toEqual({ id: annan.id, name: "Övriga", units: [{ id: unitId, name: "Idéburen sektor" }] });

    expect((await postForm(agent, `/organisation/parter/${annan.id}`, `/organisation/enheter/${unitId}/ta-bort`, {})).status).toBe(303);
    expect((await api(forbund.id)).parties[4].units).toEqual([]);
  });
});

describe("insatser", () => {
  it("när admin lägger till en insats med kommunområden så sparas den och visas i översikten", async () => {
    const { forbund, agent } = await adminOf(["Nässjö", "Eksjö", "Vetlanda"]);
    const areas = (await api(forbund.id)).areas;
    const eksjo = areas.find((a) => a.name === "Eksjö")!, nassjo = areas.find((a) => a.name === "Nässjö")!;
    const res = await postForm(agent, "/organisation/insatser", "/organisation/insatser",
      { name: "IT-spåret", kind: "individinriktad", areaIds: [nassjo.id, eksjo.id], fromYear: "2022", toYear: "2025" });
    expect(res.status).toBe(303);
    const [ins] = (await api(forbund.id)).interventions;
    expect(ins).toMatchObject({ name: "IT-spåret", kind: "individinriktad" });
    expect([...ins.areaIds].sort()).toEqual([nassjo.id, eksjo.id].sort());
    const overview = await agent.get("/organisation");
    expect(overview.text).toContain("Eksjö, Nässjö");
    expect(overview.text).toContain("2022–2025");

    const edit = await agent.get(`/organisation/insatser/${ins.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toMatch(new RegExp(`value="${eksjo.id}" checked`));
    const saved = await postForm(agent, `/organisation/insatser/${ins.id}`, `/organisation/insatser/${ins.id}`,
      { name: "IT-spåret", kind: "strukturovergripande", areaIds: eksjo.id, fromYear: "2022", toYear: "" });
    expect(saved.status).toBe(303);
    const after = (await organisation.getOrganisation(t.ctx, forbund.id)).interventions[0];
    expect(after).toMatchObject({ kind: "strukturovergripande", areaIds: [eksjo.id], fromYear: 2022, toYear: null });
  });

  it("när slutåret är före startåret eller typen saknas så blir det 422 med värdena kvar", async () => {
    const { forbund, agent } = await adminOf(["Aneby"]);
    const [aneby] = (await api(forbund.id)).areas;
    const res = await postForm(agent, "/organisation/insatser", "/organisation/insatser",
      { name: "Förrehabilitering", areaIds: aneby.id, fromYear: "2024", toYear: "2023" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Slutåret kan inte vara före startåret.");
    expect(res.text).toContain("Välj om insatsen är individinriktad eller strukturövergripande.");
    expect(res.text).toContain('value="Förrehabilitering"');
    expect(res.text).toMatch(new RegExp(`value="${aneby.id}" checked`));
    expect((await api(forbund.id)).interventions).toEqual([]);
  });

  it("när en insats får ett namn som redan finns så blir det 422, inte 500", async () => {
    const { forbund, agent } = await adminOf();
    await postForm(agent, "/organisation/insatser", "/organisation/insatser", { name: "SE-Höglandet", kind: "individinriktad", fromYear: "2019" });
    const res = await postForm(agent, "/organisation/insatser", "/organisation/insatser", { name: "SE-Höglandet", kind: "strukturovergripande", fromYear: "2020" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Det finns redan en insats med det namnet.");
    expect((await api(forbund.id)).interventions).toHaveLength(1);
  });
});

describe("grupper", () => {
  it("när admin lägger till en grupp med parter och kommunområde så sparas den och kan ändras", async () => {
    const { forbund, partyIds, agent } = await adminOf(["Sävsjö"]);
    const [savsjo] = (await api(forbund.id)).areas;
    const res = await postForm(agent, "/organisation/grupper", "/organisation/grupper",
      { name: "Samverk Sävsjö arbetsgrupp", kind: "samverk_arbetsgrupp", areaId: savsjo.id, partyIds: [partyIds.Kommun, partyIds.Region] });
    expect(res.status).toBe(303);
    const [g] = (await api(forbund.id)).groups;
    expect(g).toMatchObject({ name: "Samverk Sävsjö arbetsgrupp", kind: "samverk_arbetsgrupp", areaId: savsjo.id });
    expect([...g.partyIds].sort()).toEqual([partyIds.Kommun, partyIds.Region].sort());

    const dup = await postForm(agent, "/organisation/grupper", "/organisation/grupper", { name: "Samverk Sävsjö arbetsgrupp", kind: "annan" });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain("Det finns redan en grupp med det namnet.");

    const saved = await postForm(agent, `/organisation/grupper/${g.id}`, `/organisation/grupper/${g.id}`,
      { name: "Styrelse", kind: "styrelse", areaId: "", partyIds: partyIds.Försäkringskassan });
    expect(saved.status).toBe(303);
    expect((await api(forbund.id)).groups).toEqual([{ id: g.id, name: "Styrelse", kind: "styrelse", areaId: null, partyIds: [partyIds.Försäkringskassan] }]);
  });
});

describe("inställningar", () => {
  it("när rapporteringsgränsen är under 3 så blir det 422, och en giltig gräns sparas och loggas", async () => {
    const { forbund, agent } = await adminOf();
    const form = await agent.get("/organisation/installningar");
    expect(form.text).toContain('value="5"');
    expect(form.text).toContain("färre svar än så här visas aldrig");
    const low = await postForm(agent, "/organisation/installningar", "/organisation/installningar", { name: "Nytt namn", reportingThreshold: "2" });
    expect(low.status).toBe(422);
    expect(low.text).toContain("Rapporteringsgränsen får inte vara lägre än 3");
    expect(low.text).toContain('value="Nytt namn"');
    expect(low.text).toContain('value="2"');
    const notInt = await postForm(agent, "/organisation/installningar", "/organisation/installningar", { name: "Nytt namn", reportingThreshold: "4,5" });
    expect(notInt.status).toBe(422);
    expect((await organisation.getOrganisation(t.ctx, forbund.id)).reportingThreshold).toBe(5);

    const ok = await postForm(agent, "/organisation/installningar", "/organisation/installningar", { name: "Nytt namn", reportingThreshold: "7" });
    expect(ok.status).toBe(303);
    const o = await organisation.getOrganisation(t.ctx, forbund.id);
    expect(o).toMatchObject({ name: "Nytt namn", reportingThreshold: 7 });
    const [entry] = (await audit.list(t.ctx, forbund.id)).filter((e) => e.action === "organisation.changed");
    expect(entry.detail).toMatchObject({ what: "förbund", id: forbund.id, name: "Nytt namn", reportingThreshold: { from: 5, to: 7 } });
  });
});
