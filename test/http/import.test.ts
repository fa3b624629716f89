import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as collections from "../../server/collections/service.js";
import * as importing from "../../server/import/service.js";
import type { ForbundUser } from "../../server/http/types.js";
import { auditLog, responses } from "../../models/schema.js";

let t: TestApp;
let A: Awaited<ReturnType<typeof makeForbund>>;
let koordinator: ForbundUser;
const keys = {} as Record<"koordinator" | "lasare" | "annat", string>;

async function userWithKey(forbundId: string, role: "koordinator" | "lasare" | "admin", areaIds: string[] = []) {
  const row = await makeUser(t.ctx, { forbundId, role, areaIds });
  const user = (await accounts.loadForbundUser(t.ctx, row.id))!;
  return { user, key: (await tokens.createToken(t.ctx, user, "import")).secret };
}

beforeAll(async () => {
  t = await startTestApp();
  A = await makeForbund(t.ctx);
  const B = await makeForbund(t.ctx);
  const k = await userWithKey(A.forbund.id, "koordinator", [A.areas[0].id]);
  koordinator = k.user;
  keys.koordinator = k.key;
  keys.lasare = (await userWithKey(A.forbund.id, "lasare")).key;
  keys.annat = (await userWithKey(B.forbund.id, "admin")).key;
});
afterAll(async () => { await t?.close(); });

const insamling = (v: Partial<collections.CreateCollectionInput> = {}) => collections.createCollection(t.ctx, A.forbund.id, {
  questionnaire: "indikator-deltagare-pagaende", year: 2023, name: "Gamla svar", areaId: A.areas[0].id, ...v,
});
const stored = (collectionId: string) => t.ctx.db.select().from(responses).where(eq(responses.collectionId, collectionId));
const postCsv = (id: string, body: string | Buffer, key = keys.koordinator) =>
  request(t.app).post(`/api/v1/collections/${id}/import`).set("Authorization", `Bearer ${key}`).set("Content-Type", "text/csv; charset=utf-8").send(body);

const good = [
  "q1;q2;q3;q4a;q4b;q5;q6;q7;q8",
  "Ofta;alltid;Vet inte / ej aktuellt;Ja;För det mesta;4;5;6;Bra stöd",
  "1;2;3;nej;;0;sällan;IBLAND;",
  "6;6;6;;;;;;",
].join("\r\n");

describe("import av svar via API:t", () => {
  it("när en koordinator importerar en CSV med BOM, semikolon och ord så lagras alla rader som slutförda svar daterade till insamlingen", async () => {
    const c = await insamling({ closesOn: "2023-10-31" });
    const res = await postCsv(c.id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good, "utf8")]));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 3, rejected: [] });
    const rows = await stored(c.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.finished && r.answeredOn === "2023-10-31" && r.language === "sv" && !r.submissionKey && !r.resumeTokenHash)).toBe(true);
    expect(rows.map((r) => r.answers)).toContainEqual({ q1: 4, q2: 6, q3: 0, q4a: "ja", q4b: 5, q5: 4, q6: 5, q7: 6, q8: "Bra stöd" });
    expect(rows.map((r) => r.answers)).toContainEqual({ q1: 1, q2: 2, q3: 3, q4a: "nej", q5: 0, q6: 2, q7: 3 });
    const logged = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.forbundId, A.forbund.id), eq(auditLog.action, "import")));
    expect(logged.map((l) => l.detail)).toContainEqual({ collectionId: c.id, imported: 3 });
  });

  it("när insamlingen saknar datum så dateras svaren sista dagen av året, och kommatecken fungerar som avgränsare", async () => {
    const c = await insamling({ questionnaire: "samverkan-utvardering", year: 2024 });
    const csv = 'q1,q2,q2_annat,q3,q6,q7,q9a,q9a_kommentar\nKommun,"Styrelse;arbetsgrupp_samverk;annat",Referensgrupp,8,ja,7,6,Bra samarbete\nregion,beredningsgrupp,,9,nej,,5,\n';
    const res = await postCsv(c.id, csv);
    expect(res.status).toBe(201);
    const rows = await stored(c.id);
    expect(rows.map((r) => r.answeredOn)).toEqual(["2024-12-31", "2024-12-31"]);
    expect(rows.map((r) => r.answers)).toContainEqual({
      q1: "kommun", q2: ["styrelse", "arbetsgrupp_samverk", "annat"], q2_annat: "Referensgrupp", q3: 8, q6: "ja", q7: 7, q9a: 6, q9a_kommentar: "Bra samarbete",
    });
  });

  it("när två rader är fel så svarar API:t 422 med rad 3 och 5 och ingenting lagras", async () => {
    const c = await insamling();
    const csv = ["q1;q2;q8", "4;5;ok", "7;5;", "3;3;", "Oftast;2;ring 070-123 45 67", "2;2;"].join("\n");
    const res = await postCsv(c.id, csv);
    expect(res.status).toBe(422);
    expect(res.body.imported).toBe(0);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5]);
    expect(res.body.rejected[0].errors).toEqual(["q1: ska vara 1–6 eller 0 (vet inte), inte ”7”"]);
    expect(res.body.rejected[1].errors).toHaveLength(2);
    expect(res.body.rejected[1].errors.join(" ")).toContain("telefonnummer");
    expect(res.body.rejected[1].errors.join(" ")).not.toContain("070");
    expect(await stored(c.id)).toHaveLength(0);
  });

  it("när en rad besvarar 4b fast 4a är nej så avvisas filen", async () => {
    const c = await insamling();
    const res = await postCsv(c.id, "q4a,q4b\nja,4\nnej,4\n");
    expect(res.status).toBe(422);
    expect(res.body.rejected).toEqual([{ line: 3, errors: ["q4b: ska bara besvaras när q4a är ja"] }]);
    expect(await stored(c.id)).toHaveLength(0);
  });

  it("när rubrikraden har en okänd kolumn så avvisas filen på rad 1", async () => {
    const c = await insamling();
    const res = await postCsv(c.id, "q1;fråga2\n1;2\n");
    expect(res.status).toBe(422);
    expect(res.body.rejected[0].line).toBe(1);
    expect(res.body.rejected[0].errors[0]).toContain("fråga2");
  });

  it("när filen är tom eller bara har en rubrikrad så avvisas den", async () => {
    const c = await insamling();
    expect((await postCsv(c.id, "")).body.rejected[0]).toMatchObject({ line: 1 });
    expect((await postCsv(c.id, "q1;q2\n")).body.rejected).toEqual([{ line: 2, errors: ["filen har en rubrikrad men inga svar"] }]);
  });

  it("när fler än 1000 rader är fel så listas de första 1000 och antalet anges", async () => {
    const c = await insamling();
    const res = await postCsv(c.id, "q1\n" + "9\n".repeat(1200));
    expect(res.status).toBe(422);
    expect(res.body.rejected).toHaveLength(1000);
    expect(res.body.rejected[999].line).toBe(1001);
    expect(res.body).toMatchObject({ imported: 0, rejectedCount: 1200, truncated: true });
  });

  it("när en läsares nyckel används så blir det 403, och ett annat förbunds insamling ger 404", async () => {
    const c = await insamling();
    expect((await postCsv(c.id, good, keys.lasare)).status).toBe(403);
    expect((await postCsv(c.id, good, keys.annat)).status).toBe(404);
    expect(await stored(c.id)).toHaveLength(0);
  });

  it("när kroppen inte är CSV så blir det 415 med ett JSON-fel", async () => {
    const c = await insamling();
    const res = await request(t.app).post(`/api/v1/collections/${c.id}/import`).set("Authorization", `Bearer ${keys.koordinator}`).send({ q1: 4 });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("när filen är större än gränsen så avbryts läsningen med 413 och inget lagras", async () => {
    const c = await insamling();
    const big = (async function* () { yield "q1\n"; for (let i = 0; i < 100; i++) yield "4\n".repeat(100); })();
    await expect(importing.importCsv(t.ctx, koordinator, c, big, { maxBytes: 1000 })).rejects.toMatchObject({ status: 413 });
    expect(await stored(c.id)).toHaveLength(0);
  });

  it("när filen kommer i bitar som delar tecken och rader så läses den ändå rätt", async () => {
    const c = await insamling({ questionnaire: "samverkan-utvardering" });
    const bytes = Buffer.from("q1;q2\nFörsäkringskassan;\"Styrgrupp Samverk;Beredningsgrupp\"\nArbetsförmedlingen;styrelse\n", "utf8");
    const pieces = (async function* () { for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3); })();
    const r = await importing.importCsv(t.ctx, koordinator, c, pieces);
    expect(r).toMatchObject({ imported: 2, rejectedCount: 0 });
    expect((await stored(c.id)).map((x) => x.answers)).toContainEqual({ q1: "forsakringskassan", q2: ["styrgrupp_samverk", "beredningsgrupp"] });
  });
});

describe("importsidan", () => {
  it("när en koordinator förhandsgranskar utan JavaScript så visas raderna i en tabell, och Importera sparar dem och går tillbaka till insamlingen", async () => {
    const c = await insamling({ opensOn: "2023-09-01" });
    const agent = await loginAgent(t.app, koordinator.email, PASSWORD);
    const pagePath = `/insamlingar/${c.id}/import`;
    const page = await agent.get(pagePath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<textarea id="csv" name="csv"');
    expect(page.text).toContain("måste en sådan cell stå inom citattecken");
    const preview = await postForm(agent, pagePath, pagePath, { csv: good, action: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("De första 3 av 3 svar");
    expect(preview.text).toContain("4 Ofta");
    expect(preview.text).toContain("Vet inte / ej aktuellt");
    expect(await stored(c.id)).toHaveLength(0);
    const done = await postForm(agent, pagePath, pagePath, { csv: good, action: "import" });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/insamlingar/${c.id}`);
    expect((await agent.get(pagePath)).text).toContain("3 svar importerade.");
    expect((await stored(c.id)).map((r) => r.answeredOn)).toEqual(["2023-09-01", "2023-09-01", "2023-09-01"]);
  });

  it("när texten har fel så visas felen per rad med 422, texten står kvar och inget importeras", async () => {
    const c = await insamling();
    const agent = await loginAgent(t.app, koordinator.email, PASSWORD);
    const pagePath = `/insamlingar/${c.id}/import`;
    const csv = "q1;q4a;q4b\n4;nej;5\n";
    for (const action of ["preview", "import"]) {
      const res = await postForm(agent, pagePath, pagePath, { csv, action });
      expect(res.status).toBe(422);
      expect(res.text).toContain("1 rad har fel");
      expect(res.text).toContain("q4b: ska bara besvaras när q4a är ja");
      expect(res.text).toContain("q1;q4a;q4b\n4;nej;5");
    }
    const empty = await postForm(agent, pagePath, pagePath, { csv: "  ", action: "preview" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Klistra in CSV-texten");
    expect(await stored(c.id)).toHaveLength(0);
  });

  it("när insamlingen hör till ett annat kommunområde så får koordinatorn 403", async () => {
    const c = await insamling({ areaId: A.areas[1].id });
    const agent = await loginAgent(t.app, koordinator.email, PASSWORD);
    expect((await agent.get(`/insamlingar/${c.id}/import`)).status).toBe(403);
  });
});
