/**
 * Aggregate files (issue 20): a förbund's shareable counts of the national questions (GET /api/v1/aggregates/:year),
 * following docs/aggregat.schema.json, and their import into the national view (POST /api/v1/platform/aggregates):
 * 422 with the reason for a file that does not follow the schema, changed wording or a checksum that does not match;
 * the same förbund, year and version imported again replaces; the national view counts the imported förbund.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, INDIKATOR, makeForbundWithStaff, releasedIndicatorAnswers, type ForbundWithStaff } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as audit from "../../server/audit/service.js";
import { checksumOf, type AggregateFile } from "../../server/aggregates/file.pure.js";
import * as questionnaires from "../../server/questionnaires/service.js";
import { findSurvey } from "../../surveys/index.js";
import { eq } from "drizzle-orm";
import * as collections from "../../server/collections/service.js";
import { auditLog, collections as collectionsTable, importedAggregates } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

type F = ForbundWithStaff;
const forbundWith = (name: string) => makeForbundWithStaff(t.ctx, name);
const answers = (f: F, year: number, n: number, positive?: number) => releasedIndicatorAnswers(t.ctx, f, year, n, positive);

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const aggregateOf = (key: string, year: number) => request(t.app).get(`/api/v1/aggregates/${year}`).set(bearer(key));
const importFile = (key: string, file: unknown) => request(t.app).post("/api/v1/platform/aggregates").set(bearer(key)).send(file as object);
/** The file as another instance would send it: another förbund id (and name), its checksum made again. */
function elsewhere(file: AggregateFile, change: (f: AggregateFile) => void = () => {}): AggregateFile {
  const copy = structuredClone(file);
  change(copy);
  return { ...copy, checksum: checksumOf(copy) };
}

const schema = JSON.parse(fs.readFileSync(new URL("../../docs/aggregat.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

let nord: F, small: F, syd: F;
let superKey: string, readerKey: string;
beforeAll(async () => {
  [nord, small, syd] = [await forbundWith("Nord"), await forbundWith("Liten"), await forbundWith("Syd")];
  await answers(nord, 2026, 10, 8); // q1: 8 × 5 and 2 × 1 — a count of 2, below k
  await answers(nord, 2025, 20, 20);
  await answers(small, 2026, 3, 3); // 3 < k
  await answers(syd, 2026, 6, 6);
  const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
  superKey = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, superadmin.id))!, "plattform")).secret;
  const reader = await makeUser(t.ctx, { forbundId: null, role: "nationell" });
  readerKey = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, reader.id))!, "nns")).secret;
});

describe("förbundets aggregat", () => {
  it("när administratören hämtar årets aggregat så följer det schemat, bär kontrollsumman och har bara frågor med nationell formulering", async () => {
    const res = await aggregateOf(nord.keys.admin, 2026);
    expect(res.status).toBe(200);
    expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
    const file = res.body as AggregateFile;
    expect(file).toMatchObject({ format: "samspar-aggregat", formatVersion: 1, forbund: { id: nord.id, name: nord.name }, year: 2026, k: 5 });
    expect(file.checksum).toBe(checksumOf(file));
    expect(file.questionnaires).toHaveLength(1);
    const q = file.questionnaires[0];
    expect(q).toMatchObject({ id: INDIKATOR, version: 1, source: "paraphrased", respondentGroup: "deltagare-pagaende", n: 10 });
    // q4a and q4b are Samspår's wording: never in the file; text questions have no counts
    expect(q.questions.map((x) => x.id)).toEqual(["q1", "q2", "q3", "q5", "q6", "q7"]);
    expect(q.questions.find((x) => x.id === "q2")!.counts).toEqual({ "1": 0, "2": 0, "3": 0, "4": 10, "5": 0, "6": 0, "0": 0 });
    expect(q.questions.find((x) => x.id === "q2")!.text).toBe("Är du med och bestämmer vilket stöd du ska få?");
    const log = await audit.list(t.ctx, nord.id);
    expect(log.some((e) => e.action === "aggregate.exported")).toBe(true);
  });

  it("angriparen: ur q1 (8 positiva, 2 negativa, k = 5) går inget dolt antal att räkna fram — n minus de visade", async () => {
    const file = (await aggregateOf(nord.keys.admin, 2026)).body as AggregateFile;
    const q = file.questionnaires[0];
    const q1 = q.questions.find((x) => x.id === "q1")!.counts;
    // Had only the 2 been hidden, "1" would be n − 8 = 2. Every count of the question is hidden instead.
    expect(Object.values(q1).every((n) => n === null)).toBe(true);
    for (const question of q.questions) {
      const values = Object.values(question.counts);
      const hidden = values.filter((n) => n === null).length;
      expect(hidden === 0 || hidden === values.length).toBe(true);
      for (const n of values) if (n !== null) expect(n === 0 || n >= file.k).toBe(true);
    }
    expect(JSON.stringify(file)).not.toContain('"2"' + ":2");
  });

  it("när förbundet har färre svar än k så är enkäten inte med, och bara administratören hämtar aggregatet", async () => {
    const res = await aggregateOf(small.keys.admin, 2026);
    expect(res.status).toBe(200);
    expect(res.body.questionnaires).toEqual([]);
    expect((await aggregateOf(nord.keys.lasare, 2026)).status).toBe(403);
    expect((await aggregateOf(nord.keys.koordinator, 2026)).status).toBe(403);
    expect((await request(t.app).get("/api/v1/aggregates/2026")).status).toBe(401);
    expect((await aggregateOf(nord.keys.admin, 26)).status).toBe(404);
  });
});

describe("inläsning i den nationella sammanställningen", () => {
  let nordFile: AggregateFile;
  const remoteId = randomUUID();
  const remoteNns = randomUUID();
  const remoteOld = randomUUID();
  beforeAll(async () => {
    nordFile = elsewhere((await aggregateOf(nord.keys.admin, 2025)).body, (f) => { f.forbund = { id: remoteId, name: "Fjärrförbundet" }; });
  });

  it("när plattformen läser in ett förbunds fil så räknas förbundet och dess enkäter in nationellt, med förändringen från året innan", async () => {
    const res = await importFile(superKey, nordFile);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ forbund: { id: remoteId, name: "Fjärrförbundet" }, year: 2025, questionnaires: 1 });
    // 2026: Syd shares from here; Fjärrförbundet's 2026 file comes too
    expect((await request(t.app).put("/api/v1/sharing/national").set(bearer(syd.keys.admin)).send({ questionnaire: INDIKATOR, year: 2026, share: true })).status).toBe(200);
    const file2026 = elsewhere((await aggregateOf(nord.keys.admin, 2026)).body, (f) => { f.forbund = { id: remoteId, name: "Fjärrförbundet" }; });
    expect((await importFile(superKey, file2026)).status).toBe(201);

    const national = await request(t.app).get(`/api/v1/national/indicators?year=2026&questionnaire=${INDIKATOR}`).set(bearer(readerKey));
    expect(national.status).toBe(200);
    expect(national.body).toMatchObject({ forbundCount: 2, questionnaires: 16 });
    const remote = national.body.forbund.find((x: { id: string }) => x.id === remoteId);
    expect(remote).toMatchObject({ name: "Fjärrförbundet (inläst fil)", n: 10, suppressed: false });
    expect(remote.questions.q1.suppressed).toBe(true); // its counts are hidden in the file
    expect(remote.questions.q2).toMatchObject({ n: 10, suppressed: false });
    expect(national.body.total.questions.q2).toMatchObject({ n: 16, forbundCount: 2 });
    expect(national.body.total.questions.q1).toMatchObject({ n: 6, forbundCount: 1, sharePositive: 1 });
    // last year: only the file
    expect(national.body.previousYear).toMatchObject({ year: 2025, n: 20, forbundCount: 1 });
    expect(national.body.previousYear.questions.q1).toMatchObject({ n: 20, sharePositive: 1 });

    const log = await t.ctx.db.select().from(auditLog);
    expect(log.find((e) => e.action === "aggregate.imported")).toMatchObject({ forbundId: null, detail: { forbundId: remoteId, year: 2025 } });
  });

  it("när samma förbund, år och version läses in igen så ersätts den förra", async () => {
    const again = elsewhere(nordFile, (f) => { f.forbund.name = "Fjärrförbundet (nytt namn)"; });
    expect((await importFile(superKey, again)).status).toBe(201);
    const rows = (await t.ctx.db.select().from(importedAggregates)).filter((r) => r.forbundId === remoteId && r.year === 2025);
    expect(rows).toHaveLength(1);
    expect(rows[0].forbundName).toBe("Fjärrförbundet (nytt namn)");
  });

  it("422 med skälet: en fil som inte följer schemat, en kontrollsumma som inte stämmer, ändrad formulering, ett antal under k, ett förbund på den här installationen", async () => {
    const noSchema = await importFile(superKey, { ...nordFile, extra: 1 });
    expect(noSchema.status).toBe(422);
    expect(noSchema.body.error.issues[0]).toMatchObject({ path: "(fil)" });
    expect(noSchema.body.error.issues[0].message).toContain("Fältet extra finns inte i schemat");
    const missing = await importFile(superKey, { ...nordFile, year: "2025" });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["year"]);

    const tampered = structuredClone(nordFile);
    tampered.questionnaires[0].questions[1].counts["4"] = 25;
    const badSum = await importFile(superKey, tampered);
    expect(badSum.status).toBe(422);
    expect(badSum.body.error.issues).toEqual([{ path: "checksum", message: expect.stringContaining("Kontrollsumman stämmer inte") }]);

    const reworded = elsewhere(nordFile, (f) => { f.questionnaires[0].questions[0].text = "Får du stöd som är till nytta?"; });
    const wording = await importFile(superKey, reworded);
    expect(wording.status).toBe(422);
    expect(wording.body.error.issues[0]).toMatchObject({ path: "questionnaires.0.questions.0" });
    expect(wording.body.error.issues[0].message).toContain("Frågan q1 är ändrad");

    const localWording = elsewhere(nordFile, (f) => { f.questionnaires[0].questions.push({ id: "q4a", kind: "yesno", text: "Har du behov av stöd i kontakten med myndigheter eller vården?", counts: { ja: 0, nej: 20 } }); });
    const notNational = await importFile(superKey, localWording);
    expect(notNational.status).toBe(422);
    expect(notNational.body.error.issues[0].message).toContain("inte nationell formulering");

    const smallCount = elsewhere(nordFile, (f) => { f.questionnaires[0].questions[1].counts = { "1": 2, "2": 0, "3": 0, "4": 18, "5": 0, "6": 0, "0": 0 }; });
    const belowK = await importFile(superKey, smallCount);
    expect(belowK.status).toBe(422);
    expect(belowK.body.error.issues[0].message).toContain("under filens rapporteringsgräns");

    const local = elsewhere(nordFile, (f) => { f.forbund = { id: nord.id, name: nord.name }; });
    const here = await importFile(superKey, local);
    expect(here.status).toBe(422);
    expect(here.body.error.issues[0].path).toBe("forbund.id");

    const notIndicator = elsewhere(nordFile, (f) => { f.questionnaires[0].id = "samverkan-utvardering"; });
    const noIndicator = await importFile(superKey, notIndicator);
    expect(noIndicator.status).toBe(422);
    expect(noIndicator.body.error.issues[0]).toMatchObject({ path: "questionnaires.0.id", message: expect.stringContaining("ingen av indikatorenkäterna") });
  });

  it("när ett förbund på en annan installation numrerar samma nationella enkät på sitt eget sätt så läses filen in, och en ny fil för året ersätter den förra helt", async () => {
    // Each förbund numbers the NNS versions it imports itself: the same national wording can be version 9 elsewhere.
    const otherId = randomUUID();
    const renumbered = elsewhere(nordFile, (f) => { f.forbund = { id: otherId, name: "Annan installation" }; f.questionnaires[0].version = 9; });
    const res = await importFile(superKey, renumbered);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const rowsOf = async () => (await t.ctx.db.select().from(importedAggregates)).filter((r) => r.forbundId === otherId && r.year === 2025);
    expect((await rowsOf()).map((r) => r.version)).toEqual([9]);
    // its next file of 2025 (now version 1) replaces the whole year: the förbund is not counted twice
    const next = elsewhere(nordFile, (f) => { f.forbund = { id: otherId, name: "Annan installation" }; });
    expect((await importFile(superKey, next)).status).toBe(201);
    expect((await rowsOf()).map((r) => r.version)).toEqual([1]);
    const national = await request(t.app).get(`/api/v1/national/indicators?year=2026&questionnaire=${INDIKATOR}`).set(bearer(readerKey));
    expect(national.body.previousYear).toMatchObject({ year: 2025, n: 40, forbundCount: 2 });
    // the same number with changed wording is still refused
    const changed = elsewhere(renumbered, (f) => { f.questionnaires[0].questions[1].text = "Bestämmer du själv?"; });
    const refused = await importFile(superKey, changed);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0]).toMatchObject({ path: "questionnaires.0.questions.1", message: expect.stringContaining("Frågan q2 är ändrad") });
    await t.ctx.db.delete(importedAggregates).where(eq(importedAggregates.forbundId, otherId));
  });

  it("när ett förbund här har läst in NNS egen text som en ny version så tas en fil med den texten emot, med frågan dold där den skiljer sig från standardenkäten", async () => {
    const nnsText = "Får du stöd som är till stor nytta för dig? (NNS)";
    const nnsFile = () => elsewhere(nordFile, (f) => {
      f.forbund = { id: remoteNns, name: "NNS-förbundet" };
      f.questionnaires[0] = { ...f.questionnaires[0], version: 2, source: "nns" };
      f.questionnaires[0].questions[0].text = nnsText;
    });
    // before any förbund here has that text: refused, the reason names the question
    const before = await importFile(superKey, nnsFile());
    expect(before.status).toBe(422);
    expect(before.body.error.issues[0].message).toContain("Frågan q1 är ändrad");

    const standard = findSurvey(INDIKATOR)!;
    const nns = {
      ...structuredClone(standard), source: "nns", edition: "Användarmanual 2025",
      sections: standard.sections.map((sec) => ({ ...sec, questions: sec.questions.map((q) => (q.id === "q1" ? { ...q, text: { ...q.text, sv: nnsText }, source: "nns" } : { ...q })) })),
    };
    const admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: syd.id, role: "admin" })).id))!;
    const imported = await questionnaires.importNnsVersion(t.ctx, admin, INDIKATOR, nns);
    expect(imported).toMatchObject({ ok: true, version: 2 });

    const after = await importFile(superKey, nnsFile());
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const national = await request(t.app).get(`/api/v1/national/indicators?year=2025&questionnaire=${INDIKATOR}`).set(bearer(readerKey));
    const column = national.body.forbund.find((x: { id: string }) => x.id === remoteNns);
    // q1's words are not the standard's that the national view compares: hidden in the column, never added to the total
    expect(column.questions.q1.suppressed).toBe(true);
    expect(column.questions.q2).toMatchObject({ n: 20, suppressed: false });
    // a changed word in another question of that version is still refused
    const reworded = elsewhere(nnsFile(), (f) => { f.questionnaires[0].questions[2].text = "Får du tid?"; });
    expect((await importFile(superKey, reworded)).status).toBe(422);
    await t.ctx.db.delete(importedAggregates).where(eq(importedAggregates.forbundId, remoteNns));
  });

  it("när en äldre utgåva av standardenkäten bara finns kvar i en insamlings ögonblicksbild så känns dess formulering också igen", async () => {
    const oldText = "Får du tillräckligt med tid i insatsen? (äldre utgåva)";
    const standard = findSurvey(INDIKATOR)!;
    const older = { ...standard, sections: standard.sections.map((sec) => ({ ...sec, questions: sec.questions.map((q) => (q.id === "q3" ? { ...q, text: { ...q.text, sv: oldText } } : q)) })) };
    const olderFile = () => elsewhere(nordFile, (f) => { f.forbund = { id: remoteOld, name: "Äldre installation" }; f.questionnaires[0].questions[2].text = oldText; });
    expect((await importFile(superKey, olderFile())).status).toBe(422);
    // An insamling here opened with that edition (an earlier Samspår release): its snapshot keeps the wording.
    const c = await collections.createCollection(t.ctx, small.id, { questionnaire: INDIKATOR, year: 2024, name: "Äldre", areaId: small.areas[0].id, interventionId: null });
    await t.ctx.db.update(collectionsTable).set({ definition: older }).where(eq(collectionsTable.id, c.id));
    const res = await importFile(superKey, olderFile());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await t.ctx.db.delete(importedAggregates).where(eq(importedAggregates.forbundId, remoteOld));
  });

  it("när någon annan än plattformsadministratören läser in så blir det 403", async () => {
    expect((await importFile(nord.keys.admin, nordFile)).status).toBe(403);
    expect((await importFile(readerKey, nordFile)).status).toBe(403);
    expect((await request(t.app).post("/api/v1/platform/aggregates").send(nordFile)).status).toBe(401);
  });
});
