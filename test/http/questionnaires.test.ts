/** Egna enkäter: build and edit in the browser without JavaScript, versions, translations, preview, JSON and XLSX, the API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import ExcelJS from "exceljs";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";
import { findSurvey } from "../../surveys/index.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

async function setup() {
  const f = await makeForbund(t.ctx);
  const A = f.forbund.id;
  const { users, keys } = await makeStaff(t.ctx, f);
  return { ...f, A, users, keys };
}

const api = (method: "get" | "post" | "put", path: string, key: string) => request(t.app)[method](path).set("Authorization", `Bearer ${key}`);

/** A small valid definition in the format surveys/*.ts produce. */
const localDefinition = (id = "strategidag-2026") => ({
  id, version: 1, title: { sv: "Strategidagen 2026", en: "Strategy day 2026" }, respondentGroup: "samverkan",
  intro: { sv: "Anonym utvärdering av strategidagen.", en: "Anonymous evaluation of the strategy day." },
  source: "local", readOnly: false, languages: ["sv", "en"],
  sections: [{
    id: "del-1",
    questions: [
      { id: "q1", kind: "scale10", required: true, text: { sv: "Hur nöjd är du med dagen?", en: "How satisfied are you with the day?" }, low: { sv: "Inte alls", en: "Not at all" }, high: { sv: "Mycket", en: "Very" } },
      { id: "q2", kind: "yesno", text: { sv: "Vill du delta nästa år?", en: "Do you want to take part next year?" } },
      { id: "q3", kind: "text", maxLength: 500, text: { sv: "Vad vill du säga till arrangörerna?", en: "What do you want to tell the organisers?" }, condition: { question: "q2", equals: ["ja"] } },
    ],
  }],
});

describe("egna enkäter i webbläsaren utan JavaScript", () => {
  it("när en koordinator kopierar en standardenkät, ändrar en fråga, flyttar den och publicerar så blir det version 1 som en insamling kan öppna", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const list = await agent.get("/enkater");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Utvärdering samverkan");

    const made = await postForm(agent, "/enkater/ny", "/enkater", { from: "samverkan-utvardering", title: "Samverkan Höglandet 2026", id: "samverkan-hoglandet", respondentGroup: "samverkan" });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe("/enkater/samverkan-hoglandet");
    const editor = await agent.get("/enkater/samverkan-hoglandet");
    expect(editor.text).toContain("Samverkan Höglandet 2026");
    expect(editor.text).toContain("q9d");

    // Change q8's wording and make it required; the page after saving lists it.
    const q8 = await agent.get("/enkater/samverkan-hoglandet/fragor/q8");
    expect(q8.status).toBe(200);
    const saved = await postForm(agent, "/enkater/samverkan-hoglandet/fragor/q8", "/enkater/samverkan-hoglandet/fragor/q8", {
      id: "q8", kind: "scale10", text: "Hur väl fungerar samverkan i ditt kommunområde?", help: "", required: "on", low: "Mycket dåligt", high: "Mycket bra",
      options: "", other: "", maxLength: "", commentLabel: "", conditionQuestion: "", conditionValues: "",
    });
    expect(saved.status).toBe(303);
    const moved = await postForm(agent, "/enkater/samverkan-hoglandet", "/enkater/samverkan-hoglandet/fragor/q8/flytta", { direction: "up" });
    expect(moved.status).toBe(303);
    const draft = (await agent.get("/enkater/samverkan-hoglandet/definition.json?draft=true")).body;
    const ids = draft.sections.flatMap((x: { questions: { id: string }[] }) => x.questions.map((q) => q.id));
    expect(ids.indexOf("q8")).toBe(ids.indexOf("q7") - 1);
    expect(draft.source).toBe("local");
    expect(draft.readOnly).toBe(false);

    const published = await postForm(agent, "/enkater/samverkan-hoglandet", "/enkater/samverkan-hoglandet/publicera", {});
    expect(published.status).toBe(303);
    const after = await agent.get("/enkater/samverkan-hoglandet");
    expect(after.text).toContain("Version 1 är publicerad");

    // The standard questionnaire itself is untouched, and the new one is offered for an insamling.
    expect(findSurvey("samverkan-utvardering")!.sections.flatMap((x) => x.questions).find((q) => q.id === "q8")!.required).toBe(false);
    const form = await agent.get("/insamlingar/ny");
    expect(form.text).toContain('value="samverkan-hoglandet"');
    const c = await api("post", "/api/v1/collections", s.keys.koordinator).send({ questionnaire: "samverkan-hoglandet", year: 2026, name: "Samverkan 2026", areaId: s.areas[0].id });
    expect(c.status).toBe(201);
    const page = await request(t.app).get(`/e/${c.body.slug}/fraga/1`);
    expect(page.status).toBe(200);
  });

  it("när ett utkast blir ogiltigt så sparas det ändå och felen pekar på frågan, och publicering vägras med 422", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    await postForm(agent, "/enkater/ny", "/enkater", { from: "", title: "Eventet", id: "eventet", respondentGroup: "evenemang" });
    // Two questions, then q2 gets an id already in use: refused on the form with the typed values kept.
    const added = await postForm(agent, "/enkater/eventet", "/enkater/eventet/fragor", { kind: "single", section: "0" });
    expect(added.headers.location).toBe("/enkater/eventet/fragor/q2");
    const clash = await postForm(agent, "/enkater/eventet/fragor/q2", "/enkater/eventet/fragor/q2", {
      id: "q1", kind: "single", text: "Var fick du veta om eventet?", options: "webb: Webben\nkollega: En kollega", help: "", low: "", high: "", other: "", maxLength: "", commentLabel: "", conditionQuestion: "", conditionValues: "",
    });
    expect(clash.status).toBe(422);
    expect(clash.text).toContain("Id:t q1 används redan");
    expect(clash.text).toContain("Var fick du veta om eventet?");
    // A condition on a later question is refused too.
    const later = await postForm(agent, "/enkater/eventet/fragor/q1", "/enkater/eventet/fragor/q1", {
      id: "q1", kind: "frequency6", text: "Hur ofta?", conditionQuestion: "q2", conditionValues: "webb", help: "", low: "", high: "", options: "", other: "", maxLength: "", commentLabel: "",
    });
    expect(later.status).toBe(422);
    expect(later.text).toContain("tidigare fråga");

    // The API's PUT with a broken definition names the question; the browser's draft can still be broken and kept.
    const def = localDefinition("eventet");
    def.sections[0].questions[1] = { ...def.sections[0].questions[1], id: "q1" };
    const put = await api("put", "/api/v1/questionnaires/eventet", s.keys.admin).send(def);
    expect(put.status).toBe(422);
    expect(JSON.stringify(put.body.error.issues)).toContain("Frågan q1 finns två gånger");

    // Remove every question: the draft is kept, and publishing says what is wrong.
    await postForm(agent, "/enkater/eventet", "/enkater/eventet/fragor/q1/ta-bort", {});
    await postForm(agent, "/enkater/eventet", "/enkater/eventet/fragor/q2/ta-bort", {});
    const empty = await agent.get("/enkater/eventet");
    expect(empty.text).toContain("Att rätta innan utkastet kan publiceras");
    expect(empty.text).toContain("Avsnitt 1 har inga frågor: lägg till en fråga eller ta bort avsnittet.");
    const preview = await agent.get("/enkater/eventet/forhandsvisning");
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("kan inte förhandsvisas förrän det följer schemat");
    expect((await agent.get("/enkater/eventet/forhandsvisning/sida?sida=1")).status).toBe(303);
    const refused = await postForm(agent, "/enkater/eventet", "/enkater/eventet/publicera", {});
    expect(refused.status).toBe(422);
    const stillThere = await agent.get("/enkater/eventet/definition.json?draft=true");
    expect(stillThere.body.title.sv).toBe("Eventet");
  });

  it("när en översättning saknas så listas texterna, och språket erbjuds först när allt är översatt", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    await postForm(agent, "/enkater/ny", "/enkater", { from: "", title: "Frukostmöte", id: "frukostmote", respondentGroup: "evenemang" });
    await postForm(agent, "/enkater/frukostmote", "/enkater/frukostmote/installningar", {
      title: "Frukostmöte", intro: "Anonym enkät om frukostmötet.", respondentGroup: "evenemang", languages: ["en"], otherLanguages: "fi",
    });
    const page = await agent.get("/enkater/frukostmote/oversattning?lang=fi");
    expect(page.status).toBe(200);
    expect(page.text).toContain("texter saknas");
    // English complete, Finnish only partly: only English is offered after publishing.
    const en = await agent.get("/enkater/frukostmote/oversattning?lang=en");
    const fields = [...en.text.matchAll(/name="(t:[^"]+)"/g)].map((m) => m[1]);
    const english = Object.fromEntries(fields.map((f) => [f, `EN ${f}`]));
    await postForm(agent, "/enkater/frukostmote/oversattning?lang=en", "/enkater/frukostmote/oversattning?lang=en", english);
    await postForm(agent, "/enkater/frukostmote/oversattning?lang=fi", "/enkater/frukostmote/oversattning?lang=fi", { "t:title": "Aamiaistapaaminen" });
    const pub = await api("post", "/api/v1/questionnaires/frukostmote/publish", s.keys.koordinator);
    expect(pub.status).toBe(200);
    expect(pub.body.languages).toEqual(["sv", "en"]);
    expect(pub.body.incompleteLanguages).toEqual(["fi"]);
    expect(pub.body.definition.title.fi).toBe("Aamiaistapaaminen");
    // A missing translation falls back to Swedish in the preview of the draft's languages.
    const preview = await agent.get("/enkater/frukostmote/forhandsvisning/sida?lang=en&sida=1");
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("EN t:q1.text");
  });

  it("när texterna laddas ner som Excel och läses in ifyllda så får enkäten översättningen", async () => {
    const s = await setup();
    await api("post", "/api/v1/questionnaires", s.keys.koordinator).send({ ...localDefinition("xlsx-test"), languages: ["sv", "ar"] });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const file = await agent.get("/enkater/xlsx-test/texter.xlsx").buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, "nyckel", "text", "sv", "ar"]);
    ws.eachRow((row, n) => { if (n > 1) row.getCell(4).value = `عربي ${String(row.getCell(1).value)}`; });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const editor = await agent.get("/enkater/xlsx-test");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(editor.text)![1];
    const up = await agent.post("/enkater/xlsx-test/texter").field("_csrf", csrf).attach("file", filled, "texter.xlsx");
    expect(up.status).toBe(303);
    const draft = (await api("get", "/api/v1/questionnaires/xlsx-test?draft=true", s.keys.koordinator)).body;
    expect(draft.sections[0].questions[0].text.ar).toBe("عربي q1.text");
    expect(draft.sections[0].questions[0].text.sv).toBe("Hur nöjd är du med dagen?");
    // Not an Excel file: a Swedish message, nothing changed.
    const bad = await agent.post("/enkater/xlsx-test/texter").field("_csrf", csrf).attach("file", Buffer.from("inte excel"), "texter.xlsx");
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("går inte att läsa som en Excel-fil");
  });

  it("när förhandsvisningen öppnas så visas enkäten som för den svarande i en mobilbred ram, sida för sida, utan att något sparas", async () => {
    const s = await setup();
    await api("post", "/api/v1/questionnaires", s.keys.admin).send(localDefinition("visa"));
    const agent = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const wrapper = await agent.get("/enkater/visa/forhandsvisning");
    expect(wrapper.status).toBe(200);
    expect(wrapper.text).toContain('<iframe class="phone-preview"');
    expect(wrapper.text).toContain('width="360"');
    const start = await agent.get("/enkater/visa/forhandsvisning/sida?lang=en&sida=0");
    expect(start.text).toContain("Anonymous evaluation of the strategy day.");
    const q = await agent.get("/enkater/visa/forhandsvisning/sida?lang=sv&sida=1");
    expect(q.text).toContain("Hur nöjd är du med dagen?");
    expect(q.text).toContain('method="get"');
    const done = await agent.get("/enkater/visa/forhandsvisning/sida?lang=sv&sida=1&action=next");
    expect(done.text).toContain("Slut på förhandsvisningen");
  });
});

describe("versioner och jämförbarhet", () => {
  it("när en publicerad fråga får ny lydelse så blir det version 2 med frågan markerad som ändrad, och öppna insamlingar behåller version 1", async () => {
    const s = await setup();
    const k = s.keys.koordinator;
    const created = await api("post", "/api/v1/questionnaires", k).send(localDefinition());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "strategidag-2026", version: 1 });
    expect((await api("post", "/api/v1/questionnaires/strategidag-2026/publish", k)).body.version).toBe(1);
    const c1 = await api("post", "/api/v1/collections", k).send({ questionnaire: "strategidag-2026", year: 2025, name: "2025", areaId: s.areas[0].id });
    expect(c1.status).toBe(201);

    const v2 = localDefinition();
    v2.sections[0].questions[0].text = { sv: "Hur nöjd är du med strategidagen som helhet?", en: "How satisfied are you overall?" };
    expect((await api("put", "/api/v1/questionnaires/strategidag-2026", k).send(v2)).body).toEqual({ id: "strategidag-2026", version: 2 });
    const pub = await api("post", "/api/v1/questionnaires/strategidag-2026/publish", k);
    expect(pub.body.version).toBe(2);
    expect(pub.body.changed).toEqual(["q1"]);
    // Published versions are frozen; a second publish without a new draft is a conflict.
    expect((await api("post", "/api/v1/questionnaires/strategidag-2026/publish", k)).status).toBe(409);
    expect((await api("get", "/api/v1/questionnaires/strategidag-2026?version=1", k)).body.sections[0].questions[0].text.sv).toBe("Hur nöjd är du med dagen?");

    const old = await api("get", `/api/v1/collections/${c1.body.id}`, k);
    expect(old.body.questionnaireVersion).toBe(1);
    const c2 = await api("post", "/api/v1/collections", k).send({ questionnaire: "strategidag-2026", year: 2026, name: "2026", areaId: s.areas[0].id });
    expect((await api("get", `/api/v1/collections/${c2.body.id}`, k)).body.questionnaireVersion).toBe(2);
    const page = await request(t.app).get(`/e/${c2.body.slug}/fraga/1`);
    expect(page.text).toContain("som helhet");

    // Five answers each year: q2 is compared with last year, the reworded q1 is not.
    for (const [id, n] of [[c1.body.id, 5], [c2.body.id, 5]] as const) {
      for (let i = 0; i < n; i++) await api("post", `/api/v1/collections/${id}/responses`, k).send({ answers: { q1: 8, q2: "ja" } });
    }
    // the year view is förbund-wide: read by the läsare (a koordinator of one kommunområde is refused it)
    const year = await api("get", `/api/v1/results?year=2026&questionnaire=strategidag-2026&areaId=${s.areas[0].id}`, s.keys.lasare);
    expect(year.status).toBe(200);
    expect(year.body.previousYear.questions.q2.shareYes).toBe(1);
    expect(year.body.previousYear.questions.q1).toBeUndefined();
    expect(year.body.questions.q1.n).toBe(5);
  });

  it("när en definition exporteras och importeras i ett annat förbund så är den identisk", async () => {
    const a = await setup();
    const b = await setup();
    await api("post", "/api/v1/questionnaires", a.keys.admin).send(localDefinition("delad-enkat"));
    await api("post", "/api/v1/questionnaires/delad-enkat/publish", a.keys.admin);
    const exported = (await api("get", "/api/v1/questionnaires/delad-enkat", a.keys.admin)).body;
    const imported = await api("post", "/api/v1/questionnaires", b.keys.admin).send({ ...exported, okäntFält: "x".repeat(1000) });
    expect(imported.status).toBe(201);
    const draft = await api("get", "/api/v1/questionnaires/delad-enkat?draft=true", b.keys.admin);
    expect(draft.body.title).toEqual(exported.title);
    expect(draft.body).not.toHaveProperty("okäntFält");
    await api("post", "/api/v1/questionnaires/delad-enkat/publish", b.keys.admin);
    expect((await api("get", "/api/v1/questionnaires/delad-enkat", b.keys.admin)).body).toEqual(exported);
    // The same id again in the same förbund is a conflict; a standard id is refused.
    expect((await api("post", "/api/v1/questionnaires", b.keys.admin).send(exported)).status).toBe(409);
    const std = await api("post", "/api/v1/questionnaires", b.keys.admin).send(findSurvey("evenemang-utvardering"));
    expect(std.status).toBe(422);
    // The export page gives the same JSON as a file.
    const agent = await loginAgent(t.app, a.users.lasare.email, PASSWORD);
    const file = await agent.get("/enkater/delad-enkat/definition.json");
    expect(file.headers["content-disposition"]).toContain("delad-enkat.json");
    expect(JSON.parse(file.text)).toEqual(exported);
  });

  it("när enkäterna listas i API:t så finns standardenkäterna och förbundets egna med versioner, men inte ett annat förbunds", async () => {
    const a = await setup();
    const b = await setup();
    await api("post", "/api/v1/questionnaires", a.keys.admin).send(localDefinition("bara-a"));
    const listA = (await api("get", "/api/v1/questionnaires", a.keys.lasare)).body.questionnaires;
    expect(listA.find((q: { id: string }) => q.id === "bara-a")).toMatchObject({ standard: false, versions: [], hasDraft: true });
    expect(listA.find((q: { id: string }) => q.id === "indikator-deltagare-pagaende")).toMatchObject({ standard: true, versions: [1] });
    const listB = (await api("get", "/api/v1/questionnaires", b.keys.admin)).body.questionnaires;
    expect(listB.some((q: { id: string }) => q.id === "bara-a")).toBe(false);
    expect((await api("get", "/api/v1/questionnaires/bara-a", b.keys.admin)).status).toBe(404);
    // A läsare reads but does not write; nobody edits a standard questionnaire.
    expect((await api("post", "/api/v1/questionnaires", a.keys.lasare).send(localDefinition("lasare"))).status).toBe(403);
    expect((await api("put", "/api/v1/questionnaires/indikator-deltagare-pagaende", a.keys.admin).send(findSurvey("indikator-deltagare-pagaende"))).status).toBe(403);
    const agent = await loginAgent(t.app, a.users.admin.email, PASSWORD);
    expect((await postForm(agent, "/enkater", "/enkater/indikator-deltagare-pagaende/publicera", {})).status).toBe(403);
    // Invalid JSON to the API is a 4xx, never a 500.
    const broken = await request(t.app).post("/api/v1/questionnaires").set("Authorization", `Bearer ${a.keys.admin}`).set("content-type", "application/json").send("{");
    expect(broken.status).toBeLessThan(500);
    expect(broken.status).toBeGreaterThanOrEqual(400);
  });
});
