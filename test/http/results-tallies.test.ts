/**
 * Counts kept by the database (response_tallies, triggers on responses): after writes through every
 * path — the public form, an unfinished response that is finished later, the responses API, the CSV
 * import, rows inserted, updated and deleted straight in the table — the results are exactly those
 * of a naive count over the stored responses, and the table holds only what the rows give.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as collections from "../../server/collections/service.js";
import * as results from "../../server/results/service.js";
import { questionStats } from "../../server/results/stats.js";
import { effectiveK, reportQuestion } from "../../server/results/threshold.js";
import { collections as collectionsTable, responses, responseTallies } from "../../models/schema.js";
import { commentKey, otherKey, questionsOf, type Definition } from "../../surveys/define.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const IND = "indikator-deltagare-pagaende";
const SAM = "samverkan-utvardering";

async function setup() {
  const f = await makeForbund(t.ctx);
  const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
  const user = (await accounts.loadForbundUser(t.ctx, admin.id))!;
  const key = (await tokens.createToken(t.ctx, user, "test")).secret;
  const insamling = (questionnaire: string) => collections.createCollection(t.ctx, f.forbund.id, {
    questionnaire, year: 2026, name: `Räknad ${crypto.randomBytes(3).toString("hex")}`, areaId: f.areas[0].id,
  });
  return { ...f, user, key, insamling };
}

const hiddenFields = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, "&")]));

/** Answers the indikator form in two pages; returns the agent's first-page redirect for the unfinished step. */
async function formAnswer(slug: string, page1: Record<string, string>, page2: Record<string, string>, between?: () => Promise<void>) {
  const agent = request.agent(t.app);
  const p1 = await agent.get(`/e/${slug}/fraga/1`);
  const r1 = await agent.post(`/e/${slug}/fraga/1`).type("form").send({ ...hiddenFields(p1.text), ...page1, action: "next" });
  expect(r1.status).toBe(303);
  await between?.();
  const p2 = await agent.get(r1.headers.location);
  const r2 = await agent.post(`/e/${slug}/fraga/2`).type("form").send({ ...hiddenFields(p2.text), ...page2, action: "next" });
  expect(r2.headers.location).toBe(`/e/${slug}/tack?lang=sv`);
}

const postApi = (id: string, key: string, answers: Record<string, unknown>) =>
  request(t.app).post(`/api/v1/collections/${id}/responses`).set("Authorization", `Bearer ${key}`).send({ answers });
const postCsv = (id: string, key: string, body: string) =>
  request(t.app).post(`/api/v1/collections/${id}/import`).set("Authorization", `Bearer ${key}`).set("Content-Type", "text/csv; charset=utf-8").send(body);

type Naive = { finished: number; values: Map<string, Map<string, number>>; answered: Map<string, number> };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Counts the finished responses of the released snapshot in JavaScript, straight from the rows. */
async function naive(c: { id: string; definition: Definition }): Promise<Naive> {
  const rows = await t.ctx.db.select().from(responses).where(and(eq(responses.collectionId, c.id), eq(responses.finished, true), eq(responses.released, true)));
  const out: Naive = { finished: rows.length, values: new Map(), answered: new Map() };
  const values = (key: string) => { if (!out.values.has(key)) out.values.set(key, new Map()); return out.values.get(key)!; };
  for (const r of rows) {
    const a = r.answers as Record<string, unknown>;
    const texts: string[] = [];
    for (const q of questionsOf(c.definition)) {
      const v = a[q.id];
      if (q.kind === "multi") {
        if (Array.isArray(v) && v.length) bump(out.answered, q.id);
        if (Array.isArray(v)) for (const code of new Set(v.filter((x) => typeof x === "string"))) bump(values(q.id), code);
        if (q.other) texts.push(otherKey(q.id));
      } else if (q.kind === "text") texts.push(q.id);
      else if (typeof v === "string" || typeof v === "number") bump(values(q.id), String(v));
      if (q.comment) texts.push(commentKey(q.id));
    }
    for (const k of texts) if (a[k] !== undefined && a[k] !== null && String(a[k]) !== "") bump(out.answered, k);
  }
  return out;
}

/** The figures of every question from the naive counts, through the same threshold. */
function expected(def: Definition, n: Naive, k: number) {
  return Object.fromEntries(questionsOf(def).map((q) => {
    const respondents = q.kind === "multi" || q.kind === "text" ? n.answered.get(q.id) ?? 0 : undefined;
    return [q.id, reportQuestion(questionStats(q, n.values.get(q.id) ?? new Map(), respondents), k)];
  }));
}

/** response_tallies of an insamling, and what the rows should give there (every count > 0; value rows only for questions with fixed values). */
async function tallyTable(id: string) {
  const rows = await t.ctx.db.select().from(responseTallies).where(eq(responseTallies.collectionId, id));
  return Object.fromEntries(rows.map((r) => [`${r.question}=${r.value}`, r.n]));
}
function naiveTable(n: Naive): Record<string, number> {
  const out: Record<string, number> = {};
  if (n.finished) out["="] = n.finished;
  for (const [q, m] of n.values) for (const [v, c] of m) if (/^[a-z0-9_]{1,100}$/.test(v)) out[`${q}=${v}`] = c;
  for (const [q, c] of n.answered) out[`${q}=`] = c;
  return out;
}

async function check(s: Awaited<ReturnType<typeof setup>>, c: collections.Collection) {
  const n = await naive(c);
  const k = effectiveK(5);
  const r = await results.collectionResults(t.ctx, s.user, c.id, { texts: true });
  expect(r.view.n).toBe(n.finished);
  expect(r.view.results).toEqual(expected(c.definition, n, k));
  for (const [key, count] of n.answered) expect(r.view.answered.get(key) ?? 0, key).toBe(count);
  expect(await tallyTable(c.id)).toEqual(naiveTable(n));
  const year = await results.yearResults(t.ctx, s.user, { year: 2026, questionnaire: c.questionnaireId } as Parameters<typeof results.yearResults>[2]);
  expect(year.ok && year.results.view.results).toEqual(expected(c.definition, n, k));
  return r;
}

describe("räkningar som databasen håller", () => {
  it("när svar kommer via formuläret, API:t, importen och direkt i tabellen, och några tas bort, så är indikatorns resultat exakt en naiv räkning", async () => {
    const s = await setup();
    const c = await s.insamling(IND);
    // The form: the first page stores an unfinished response that counts for nothing, the second finishes it.
    await formAnswer(c.slug, { q1: "5", q2: "4", q3: "6", q4a: "ja", q4b: "3" }, { q8: "Att ha en plan", q9: "", q10: "" }, async () => {
      expect(await tallyTable(c.id)).toEqual({});
      expect((await results.collectionResults(t.ctx, s.user, c.id)).view).toMatchObject({ n: 0, partial: 1 });
    });
    await formAnswer(c.slug, { q1: "4", q2: "0", q3: "2", q4a: "nej" }, { q8: "", q9: "Bra", q10: "" });
    const api1 = await postApi(c.id, s.key, { q1: 6, q2: 6, q3: 1, q4a: "ja", q4b: "6", q8: "Tydliga mål" });
    expect(api1.status).toBe(201);
    expect((await postApi(c.id, s.key, { q1: 1, q4a: "nej", q7: 2 })).status).toBe(201);
    const csv = ["q1;q2;q3;q4a;q4b;q5;q6;q7;q8", "Ofta;alltid;Vet inte / ej aktuellt;Ja;För det mesta;4;5;6;Bra stöd", "1;2;3;nej;;0;sällan;IBLAND;", "6;6;6;;;;;;"].join("\r\n");
    expect((await postCsv(c.id, s.key, csv)).status).toBe(201);
    // Straight into the table, several rows in one statement (one upsert), finished and unfinished.
    const direct = await t.ctx.db.insert(responses).values([
      { q1: 3, q2: 3, q3: 3, q4a: "ja", q4b: 4, q5: 5, q6: 6, q7: 1, q8: "Tid", q10: "198001011234" },
      { q1: 0, q2: 5, q3: 4, q4a: "nej", q5: 2, q8: "", q9: "nej" },
      { q1: 2, q2: 1 },
      { q1: 6, q2: 6, q3: 6 },
    ].map((answers, i) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-03-02", finished: i !== 3, answers }))).returning({ id: responses.id });
    // Snapshots are released k at a time (7 of the 10 so far); the rest let in as a release would.
    expect((await results.collectionResults(t.ctx, s.user, c.id)).view.n).toBe(7);
    await t.ctx.db.update(responses).set({ released: true }).where(and(eq(responses.collectionId, c.id), eq(responses.finished, true)));
    let r = await check(s, c);
    expect(r.view).toMatchObject({ n: 10, partial: 1 });
    expect(r.view.results.q1).toMatchObject({ suppressed: false, n: 9, dontKnow: 1 });
    // The unfinished row is finished later, straight in the table.
    await t.ctx.db.update(responses).set({ finished: true }).where(eq(responses.id, direct[3].id));
    // An update that changes nothing counted, then deletes: one response, then two in one statement.
    await t.ctx.db.update(responses).set({ language: "en" }).where(eq(responses.collectionId, c.id));
    await t.ctx.db.delete(responses).where(eq(responses.id, api1.body.id as string));
    await t.ctx.db.delete(responses).where(inArray(responses.id, [direct[0].id, direct[1].id]));
    r = await check(s, c);
    expect(r.view.partial).toBe(0);
    // No free text is ever a value in the table, not even one that looks like a code or a number.
    expect(Object.keys(await tallyTable(c.id)).filter((k) => /^q(8|9|10)=./.test(k))).toEqual([]);
    // Everything deleted: nothing is left behind.
    await t.ctx.db.delete(responses).where(eq(responses.collectionId, c.id));
    expect(await tallyTable(c.id)).toEqual({});
    expect((await results.collectionResults(t.ctx, s.user, c.id)).view.n).toBe(0);
  });

  it("när flervalsfrågor, enval, kommentarer och Annat kommer via API:t, importen och direkt i tabellen så är samverkansenkätens resultat exakt en naiv räkning", async () => {
    const s = await setup();
    const c = await s.insamling(SAM);
    const csv = 'q1,q2,q2_annat,q3,q6,q7,q9a,q9a_kommentar\nKommun,"Styrelse;arbetsgrupp_samverk;annat",Referensgrupp,8,ja,7,6,Bra samarbete\nregion,beredningsgrupp,,9,nej,,5,\n';
    expect((await postCsv(c.id, s.key, csv)).status).toBe(201);
    for (const answers of [
      { q1: "kommun", q2: ["styrelse", "beredningsgrupp"], q3: 7, q4: "Mer tid", q6: "ja", q8: 9, q8_kommentar: "Bra", q9b: 10 },
      { q1: "annan", q2: ["annat"], q2_annat: "Föreningen", q3: 1, q6: "nej", q9c: 4 },
      { q1: "forsakringskassan", q2: ["styrgrupp_samverk"], q3: 10, q5: "nej", q9d: 8 },
    ]) expect((await postApi(c.id, s.key, answers)).status).toBe(201);
    const direct = await t.ctx.db.insert(responses).values([
      { q1: "region", q2: ["styrelse", "styrelse", "arbetsgrupp_samverk"], q3: 5, q4: "styrelse", q9a: 3, q9a_kommentar: "ok" },
      { q1: "kommun", q2: [], q3: 6, q7: 2 },
      { q1: "arbetsformedlingen", q2: ["beredningsgrupp", "annat"], q2_annat: "", q6: "ja" },
    ].map((answers) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-05-04", finished: true, answers }))).returning({ id: responses.id });
    await check(s, c);
    await t.ctx.db.delete(responses).where(eq(responses.id, direct[0].id));
    const r = await check(s, c);
    expect(r.view.results.q2.suppressed).toBe(false);
  });

  it("när en insamlings definition ändras, när insamlingen tas bort och när svarstabellen töms så följer räkningarna med", async () => {
    const s = await setup();
    const c = await s.insamling(IND);
    await t.ctx.db.insert(responses).values([1, 2, 3, 4, 5, 6].map((i) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-03-02", finished: true, answers: { q1: i, q8: `svar${i}` } })));
    // q8 asked as a single choice in a changed snapshot: its answers are counted by value from then on.
    const def: Definition = structuredClone(c.definition);
    for (const sec of def.sections) for (const q of sec.questions) if (q.id === "q8") Object.assign(q, { kind: "single", options: [1, 2, 3, 4, 5, 6].map((i) => ({ code: `svar${i}`, text: { sv: `Svar ${i}` } })) });
    await t.ctx.db.update(collectionsTable).set({ definition: def }).where(eq(collectionsTable.id, c.id));
    expect((await tallyTable(c.id))["q8=svar3"]).toBe(1);
    expect(await tallyTable(c.id)).toEqual(naiveTable(await naive({ id: c.id, definition: def })));
    // An insamling deleted with its responses (on delete cascade) leaves no counts behind.
    const other = await s.insamling(IND);
    await t.ctx.db.insert(responses).values({ collectionId: other.id, forbundId: other.forbundId, answeredOn: "2026-03-02", finished: true, released: true, answers: { q1: 4, q4a: "ja", q8: "Hej" } });
    expect(await tallyTable(other.id)).toEqual({ "=": 1, "q1=4": 1, "q4a=ja": 1, "q8=": 1 });
    await t.ctx.db.delete(collectionsTable).where(eq(collectionsTable.id, other.id));
    expect(await tallyTable(other.id)).toEqual({});
    await t.ctx.db.execute(sql`truncate ${responses} cascade`);
    expect((await t.ctx.db.select().from(responseTallies)).length).toBe(0);
  });
});
