/** The förbund's own interface words: the API, the /sprak pages with their XLSX round trip, and the respondent pages that show them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { apiRequest, csrfFrom, loginAgent, openCollectionByApi, startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbundWithStaff, PASSWORD, type ForbundWithStaff } from "../helpers/factories.js";
import { auditLog, forbundWords } from "../../models/schema.js";
import { catalogs } from "../../server/answering/words/index.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const setup = () => makeForbundWithStaff(t.ctx);
const api = (method: "get" | "put", path: string, key: string) => apiRequest(t.app, method, path, key);
const openCollection = (s: ForbundWithStaff, languages?: string[]) =>
  openCollectionByApi(t.app, s.keys.koordinator, { name: "Ord", areaId: s.areas[0].id, languages });

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

describe("förbundets egna ord i API:t", () => {
  it("när admin hämtar orden på engelska så finns varje nyckel med svenskan, katalogens text och förbundets egen (null)", async () => {
    const s = await setup();
    const r = await api("get", "/api/v1/languages/en/words", s.keys.admin);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(["code", "words"]);
    expect(r.body.code).toBe("en");
    expect(r.body.words.start).toEqual({ sv: "Börja", catalog: catalogs.en.start, own: null });
    expect(r.body.words.questionsCounted_one).toEqual({ sv: "{{count}} fråga", catalog: "{{count}} question", own: null });
    // Arabic has six plural forms: each is a key, translated from the Swedish "other".
    const ar = await api("get", "/api/v1/languages/ar/words", s.keys.admin);
    expect(ar.body.words.questionsCounted_few.sv).toBe("{{count}} frågor");
    expect((await api("get", "/api/v1/languages/xx/words", s.keys.admin)).status).toBe(404);
    expect((await api("get", "/api/v1/languages/en/words", s.keys.koordinator)).status).toBe(403);
  });

  it("när admin sätter en egen text så visas den för förbundets svarande i stället för katalogens, och null tar bort den", async () => {
    const s = await setup();
    const other = await setup();
    const c = await openCollection(s);
    const theirs = await openCollection(other);
    const put = await api("put", "/api/v1/languages/sv/words", s.keys.admin).send({ words: { start: "Sätt igång", next: "Gå vidare" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.words.start).toEqual({ sv: "Börja", catalog: "Börja", own: "Sätt igång" });
    const start = await request(t.app).get(`/e/${c.slug}`);
    expect(start.text).toContain("Sätt igång");
    expect(start.text).not.toContain(">Börja</button>");
    const page = await request(t.app).get(`/e/${c.slug}/fraga/1`);
    expect(page.text).toContain("Gå vidare");
    // Another förbund keeps the catalog's words.
    expect((await request(t.app).get(`/e/${theirs.slug}`)).text).toContain("Börja");

    const removed = await api("put", "/api/v1/languages/sv/words", s.keys.admin).send({ words: { start: null } });
    expect(removed.body.words.start.own).toBeNull();
    expect(removed.body.words.next.own).toBe("Gå vidare");
    expect((await request(t.app).get(`/e/${c.slug}`)).text).toContain("Börja");
    const logged = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.forbundId, s.forbund.id), eq(auditLog.action, "language.words.changed")));
    expect(logged.map((l) => l.detail)).toEqual([{ language: "sv", keys: ["start", "next"] }, { language: "sv", keys: ["start"] }]);
  });

  it("när en nyckel är okänd eller platshållarna inte stämmer så svarar API:t 422 med nyckeln och inget sparas", async () => {
    const s = await setup();
    const unknown = await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { start: "Go", nosuchkey: "x" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: "words.nosuchkey", message: expect.stringContaining("nosuchkey") }]);
    const placeholders = await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { part: "Part {{n}} out of {{all}}" } });
    expect(placeholders.status).toBe(422);
    expect(placeholders.body.error.issues[0].path).toBe("words.part");
    expect(placeholders.body.error.issues[0].message).toBe("Texten för part ska ha platshållarna {{n}}, {{total}}, men har {{all}}, {{n}}.");
    expect((await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { part: "Part {{n}}/{{total}}" } })).status).toBe(200);
    expect((await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { start: 5 } })).status).toBe(422);
    const rows = await t.ctx.db.select().from(forbundWords).where(eq(forbundWords.forbundId, s.forbund.id));
    expect(rows.map((r) => [r.lang, r.key, r.text])).toEqual([["en", "part", "Part {{n}}/{{total}}"]]);
  });

  it("när en egen text har pluralformer så väljs formen efter antalet, med förbundets text", async () => {
    const s = await setup();
    const c = await openCollection(s);
    await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { questionsCounted_other: "{{count}} questions in all" } });
    const start = await request(t.app).get(`/e/${c.slug}?lang=en`);
    expect(start.text).toMatch(/\d+ questions in all/);
  });
});

describe("insamlingens språk i JSON", () => {
  it("när ett språk stängs av så listar insamlingens JSON bara språken som erbjuds nu", async () => {
    const s = await setup();
    const c = await openCollection(s, ["en"]);
    const before = await request(t.app).get(`/api/v1/collections/${c.id}`).set("Authorization", `Bearer ${s.keys.koordinator}`);
    expect(before.body.languages).toEqual(["sv", "en"]);
    await api("put", "/api/v1/languages/en", s.keys.admin).send({ enabled: false });
    const after = await request(t.app).get(`/api/v1/collections/${c.id}`).set("Authorization", `Bearer ${s.keys.koordinator}`);
    expect(after.body.languages).toEqual(["sv"]);
    const list = await request(t.app).get("/api/v1/collections").set("Authorization", `Bearer ${s.keys.koordinator}`);
    expect(list.body.collections.find((x: { id: string }) => x.id === c.id).languages).toEqual(["sv"]);
  });
});

describe("sidorna /sprak och /sprak/:code/ord", () => {
  it("när admin slår på arabiska på sidan så erbjuds det, och formuläret sparar förbundets ord och visar fel med det admin skrev", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const list = await agent.get("/sprak");
    expect(list.status).toBe(200);
    expect(list.text).toContain('lang="ar" dir="rtl">العربية</span>');
    const on = await agent.post("/sprak/ar").type("form").send({ _csrf: csrfFrom(list.text), enabled: "ja" });
    expect(on.status).toBe(303);
    expect((await api("get", "/api/v1/languages", s.keys.admin)).body.languages.find((l: { code: string }) => l.code === "ar").enabled).toBe(true);

    const form = await agent.get("/sprak/en/ord");
    expect(form.status).toBe(200);
    expect(form.text).toContain('<textarea id="start" name="start"');
    expect(form.text).toContain("Svenska: Börja");
    const bad = await agent.post("/sprak/en/ord").type("form").send({ _csrf: csrfFrom(form.text), start: "Begin here", part: "Part {{x}}" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Texten för part ska ha platshållarna");
    expect(bad.text).toContain("Begin here");
    expect(bad.text).toContain('href="#part"');
    expect((await api("get", "/api/v1/languages/en/words", s.keys.admin)).body.words.start.own).toBeNull();
    const good = await agent.post("/sprak/en/ord").type("form").send({ _csrf: csrfFrom(form.text), start: "Begin here" });
    expect(good.status).toBe(303);
    expect((await api("get", "/api/v1/languages/en/words", s.keys.admin)).body.words.start.own).toBe("Begin here");
  });

  it("när orden laddas ner som Excel, fylls i och läses in så får förbundet orden; en rad med fel sparar inget och nämner raden", async () => {
    const s = await setup();
    await api("put", "/api/v1/languages/en/words", s.keys.admin).send({ words: { back: "Go back" } });
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const file = await agent.get("/sprak/en/ord.xlsx").buffer(true).parse(binary);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, "nyckel", "svenska", "katalogen", "förbundets text"]);
    const rowOf = (key: string) => { let n = 0; ws.eachRow((r, i) => { if (r.getCell(1).value === key) n = i; }); return n; };
    expect(ws.getRow(rowOf("back")).getCell(4).value).toBe("Go back");
    expect(ws.getRow(rowOf("start")).values).toEqual([undefined, "start", "Börja", "Start"]);

    // A wrong row: nothing of the file is saved, and the message names the row.
    ws.getRow(rowOf("start")).getCell(4).value = "Let's go";
    ws.getRow(rowOf("part")).getCell(4).value = "Part {{n}}";
    ws.getRow(rowOf("back")).getCell(4).value = null;
    const page = await agent.get("/sprak/en/ord");
    const refused = await agent.post("/sprak/en/ord/xlsx").field("_csrf", csrfFrom(page.text)).attach("file", Buffer.from(await wb.xlsx.writeBuffer()), "ord.xlsx");
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`Rad ${rowOf("part")}: Texten för part ska ha platshållarna {{n}}, {{total}}, men har {{n}}.`);
    let now = (await api("get", "/api/v1/languages/en/words", s.keys.admin)).body.words;
    expect([now.start.own, now.back.own]).toEqual([null, "Go back"]);

    ws.getRow(rowOf("part")).getCell(4).value = null;
    const up = await agent.post("/sprak/en/ord/xlsx").field("_csrf", csrfFrom(page.text)).attach("file", Buffer.from(await wb.xlsx.writeBuffer()), "ord.xlsx");
    expect(up.status).toBe(303);
    now = (await api("get", "/api/v1/languages/en/words", s.keys.admin)).body.words;
    expect([now.start.own, now.back.own, now.part.own]).toEqual(["Let's go", null, null]);

    const notExcel = await agent.post("/sprak/en/ord/xlsx").field("_csrf", csrfFrom(page.text)).attach("file", Buffer.from("inte excel"), "ord.xlsx");
    expect(notExcel.status).toBe(422);
    expect(notExcel.text).toContain("Filen går inte att läsa som en Excel-fil (.xlsx).");
  });
});
