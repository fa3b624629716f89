/** Issue 17: where a standard questionnaire's words come from, honest pages and API, and NNS's own text as a new version. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeStaff, makeUser, PASSWORD } from "../helpers/factories.js";
import { findSurvey } from "../../surveys/index.js";
import { questionsOf, type Definition } from "../../surveys/define.js";
import * as collectionsRepo from "../../server/collections/repo.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

async function setup(name?: string) {
  const f = await makeForbund(t.ctx, name);
  return { ...f, ...(await makeStaff(t.ctx, f)) };
}
const api = (method: "get" | "post", path: string, key: string) => request(t.app)[method](path).set("Authorization", `Bearer ${key}`);

/** NNS's text for the board questionnaire as an admin would send it: same ids and kinds, q1 reworded, no per-question source. */
function nnsStyrelse(): Record<string, unknown> {
  const d = structuredClone(findSurvey("indikator-styrelse")!) as Definition;
  const sections = d.sections.map((s) => ({
    ...s, questions: s.questions.map(({ source: _s, ...q }) => (q.id === "q1" ? { ...q, text: { sv: "Har du god kunskap om målgruppens behov?" } } : q)),
  }));
  return { ...d, source: "nns", edition: "Användarmanual 2025", sections };
}

describe("frågornas källa på sidorna och i API:t", () => {
  it("när resultaten och bilagan visas för en enkät med Samspårs formulering så säger de att frågorna inte kan jämföras med NNS siffror", async () => {
    const s = await setup();
    await makeCollection(t.ctx, s, { questionnaire: "indikator-deltagare-pagaende", year: 2026 });
    await makeCollection(t.ctx, s, { questionnaire: "samverkan-utvardering", year: 2026 });
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const year = await agent.get("/resultat/ar?year=2026&questionnaire=indikator-deltagare-pagaende");
    expect(year.status).toBe(200);
    expect(year.text).toContain("Frågorna q4a, q4b är helt eller delvis Samspårs formulering");
    const bilaga = await agent.get("/bilagor/2026/utvardering-samverkan/forhandsgranska");
    expect(bilaga.status).toBe(200);
    expect(bilaga.text).toContain("Samspårs formulering, inte NNS nationella text");
  });

  it("när standardenkäterna visas så kallas ingen nationell, och sidan säger vilka frågor som är Samspårs formulering", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const list = await agent.get("/enkater");
    expect(list.status).toBe(200);
    expect(list.text).not.toContain("är nationella");
    expect(list.text).toContain("Samspårs formulering i 2 av 11 frågor (q4a, q4b): inte jämförbar med NNS nationella siffror");
    expect(list.text).toContain("Samspårs enkät till remittenter");
    const page = await agent.get("/enkater/indikator-deltagare-pagaende");
    expect(page.text).not.toMatch(/frågorna är nationella/);
    expect(page.text).toContain("Frågorna q4a, q4b är helt eller delvis Samspårs formulering, inte NNS nationella text: de kan inte jämföras med NNS nationella siffror.");
    expect(page.text).toContain("Formulering: ordagrant ur seed 002");
    const remittenter = await agent.get("/enkater/indikator-remittenter");
    expect(remittenter.text).toContain("Alla frågor i enkäten är Samspårs formulering");
    const form = await (await loginAgent(t.app, s.users.admin.email, PASSWORD)).get("/insamlingar/ny");
    expect(form.text).toContain("Samspårs enkät till remittenter (version 1) – Samspårs formulering");
    expect(form.text).toContain("Indikatorenkät – deltagare i pågående insats (version 1) – delvis Samspårs formulering");
    expect(form.text).not.toContain("Standardenkäterna ändras inte");
  });

  it("när en enkät hämtas i API:t så har varje fråga sin källa och enkäten national", async () => {
    const s = await setup();
    const res = await api("get", "/api/v1/questionnaires/indikator-deltagare-pagaende", s.keys.lasare);
    expect(res.status).toBe(200);
    expect(res.body.national).toBe(false);
    const qs = res.body.sections.flatMap((x: { questions: unknown[] }) => x.questions) as { id: string; source: unknown }[];
    expect(qs.every((q) => q.source !== undefined)).toBe(true);
    expect(qs.find((q) => q.id === "q4a")!.source).toBe("samspar");
    const list = (await api("get", "/api/v1/questionnaires", s.keys.lasare)).body.questionnaires;
    expect(list.every((q: { national: boolean }) => q.national === false)).toBe(true);
  });

  it("när samverkansenkäten öppnas i en insamling så står förbundets namn i fråga 3 och 6", async () => {
    const s = await setup("Höglandets samordningsförbund");
    const made = await makeCollection(t.ctx, s, { questionnaire: "samverkan-utvardering" });
    const c = (await collectionsRepo.findCollection(t.ctx.db, s.forbund.id, made.id))!;
    const q = new Map(questionsOf(c.definition as Definition).map((x) => [x.id, x.text.sv]));
    expect(q.get("q3")).toBe("Hur väl upplever du att samverkan mellan parterna fungerar i Höglandets samordningsförbund?");
    expect(q.get("q6")).toBe("Upplever du att samverkan mellan parterna ökar (eller underlättas) genom arbetet i Höglandets samordningsförbund?");
    expect(JSON.stringify(c.definition)).not.toContain("{förbund}");
    // The preview reads as the förbund's respondents will read it; the definition page shows the placeholder.
    const agent = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const preview = await agent.get("/enkater/samverkan-utvardering/forhandsvisning/sida?sida=2");
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("fungerar i Höglandets samordningsförbund?");
    expect((await agent.get("/enkater/samverkan-utvardering")).text).toContain("fungerar i {förbund}?");
  });
});

describe("NNS text som ny version av en standardenkät", () => {
  it("när en admin läser in NNS text så blir den version 2, nya insamlingar får den och öppna behåller version 1", async () => {
    const s = await setup();
    const before = await makeCollection(t.ctx, s, { questionnaire: "indikator-styrelse" });
    expect(before.questionnaireVersion).toBe(1);
    const made = await api("post", "/api/v1/questionnaires/indikator-styrelse/versions", s.keys.admin).send(nnsStyrelse());
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: "indikator-styrelse", version: 2 });

    const json = (await api("get", "/api/v1/questionnaires/indikator-styrelse", s.keys.lasare)).body;
    expect(json).toMatchObject({ version: 2, source: "nns", edition: "Användarmanual 2025", national: true });
    expect(json.sections[0].questions[0].source).toBe("nns");
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse?version=1", s.keys.lasare)).body.national).toBe(false);
    const listed = (await api("get", "/api/v1/questionnaires", s.keys.lasare)).body.questionnaires.find((q: { id: string }) => q.id === "indikator-styrelse");
    expect(listed).toMatchObject({ standard: true, versions: [2, 1], latestVersion: 2, national: true });

    const after = await makeCollection(t.ctx, s, { questionnaire: "indikator-styrelse" });
    expect(after.questionnaireVersion).toBe(2);
    expect((await collectionsRepo.findCollection(t.ctx.db, s.forbund.id, before.id))!.questionnaireVersion).toBe(1);

    // Only the reworded question is kept from comparison with last year.
    const agent = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const v2 = await agent.get("/enkater/indikator-styrelse/versioner/2");
    expect(v2.status).toBe(200);
    expect(v2.text).toContain("inte jämförs med tidigare år: q1.");
    const page = await agent.get("/enkater/indikator-styrelse");
    expect(page.text).toContain("En standardenkät med NNS nationella text");

    // Another förbund is untouched.
    const other = await setup();
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", other.keys.admin)).body).toMatchObject({ version: 1, national: false });
  });

  it("när frågornas id eller typ inte stämmer med förra versionen så svarar API:t 422 och namnger varje fråga", async () => {
    const s = await setup();
    const d = nnsStyrelse() as { sections: { questions: Record<string, unknown>[] }[] };
    d.sections[0].questions[1] = { ...d.sections[0].questions[1], kind: "yesno" };
    d.sections[1].questions.push({ id: "q12", kind: "text", text: { sv: "Något mer?" } });
    const res = await api("post", "/api/v1/questionnaires/indikator-styrelse/versions", s.keys.admin).send(d);
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([
      { question: "q2", path: "q2", message: expect.stringContaining("frågetypen yesno men var frequency6 i version 1") },
      { question: "q12", path: "q12", message: expect.stringContaining("Fråga q12 finns inte i version 1") },
    ]);
    const noEdition = await api("post", "/api/v1/questionnaires/indikator-styrelse/versions", s.keys.admin).send({ ...nnsStyrelse(), edition: undefined, source: "samspar" });
    expect(noEdition.status).toBe(422);
    expect(noEdition.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["source", "edition"]);
    // Nothing was stored, a koordinator may not, and an own questionnaire gets no NNS version.
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", s.keys.admin)).body.version).toBe(1);
    expect((await api("post", "/api/v1/questionnaires/indikator-styrelse/versions", s.keys.koordinator).send(nnsStyrelse())).status).toBe(403);
    expect((await api("post", "/api/v1/questionnaires/egen-enkat/versions", s.keys.admin).send(nnsStyrelse())).status).toBe(404);
  });

  it("när en admin klistrar in NNS text i importformuläret så blir den en ny version; en koordinator får inte, superadmin kan för alla förbund", async () => {
    const s = await setup();
    const json = JSON.stringify(nnsStyrelse());
    const koordinator = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const refused = await postForm(koordinator, "/enkater/importera", "/enkater/importera", { json });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("Bara förbundets administratör kan läsa in NNS text");
    expect(refused.text).toContain("Användarmanual 2025"); // what was pasted is kept

    const admin = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const bad = await postForm(admin, "/enkater/importera", "/enkater/importera", { json: JSON.stringify({ ...nnsStyrelse(), edition: undefined }) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Skriv vilken utgåva av NNS material texten kommer från");
    const done = await postForm(admin, "/enkater/importera", "/enkater/importera", { json });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe("/enkater/indikator-styrelse");
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", s.keys.admin)).body).toMatchObject({ version: 2, national: true });

    const other = await setup();
    const superadmin = await makeUser(t.ctx, { forbundId: other.forbund.id, role: "superadmin" });
    const sa = await loginAgent(t.app, superadmin.email, PASSWORD);
    expect((await sa.get("/enkater/importera")).text).toContain("läs in för alla förbund på instansen");
    const all = await postForm(sa, "/enkater/importera", "/enkater/importera", { json, everyForbund: "on" });
    expect(all.status).toBe(303);
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", other.keys.admin)).body).toMatchObject({ version: 2, national: true });
    // Förbund s already had this edition: no new version.
    expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", s.keys.admin)).body.version).toBe(2);
    // NNS's next edition with q2 reworded becomes version 3 in every förbund, q2 not compared with earlier years.
    const next = nnsStyrelse() as { edition: string; sections: { questions: { id: string; text: { sv: string } }[] }[] };
    next.edition = "Användarmanual 2026";
    next.sections[0].questions[1].text = { sv: "Är du med och påverkar förbundets inriktning?" };
    expect((await postForm(sa, "/enkater/importera", "/enkater/importera", { json: JSON.stringify(next), everyForbund: "on" })).status).toBe(303);
    for (const k of [s.keys.admin, other.keys.admin]) expect((await api("get", "/api/v1/questionnaires/indikator-styrelse", k)).body.version).toBe(3);
    const v3 = await admin.get("/enkater/indikator-styrelse/versioner/3");
    expect(v3.text).toContain("inte jämförs med tidigare år: q2.");
  });
});
