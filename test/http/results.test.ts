/** Results: the API's shape, the reporting threshold in every output, goal verdicts, year on year, the pages and CSV. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as collections from "../../server/collections/service.js";
import { ensureDefaultGoals } from "../../server/goals/service.js";
import { goals, responses } from "../../models/schema.js";
import { SUPPRESSED_TEXT } from "../../server/results/threshold.js";
import { swedishDate } from "../../server/dates.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const IND = "indikator-deltagare-pagaende";
const SAM = "samverkan-utvardering";

/** A förbund with an insats, a koordinator of its first kommunområde, an admin and a läsare, each with an API key. */
async function setup() {
  const f = await makeForbund(t.ctx);
  const A = f.forbund.id;
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Testet", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const { users, keys } = await makeStaff(t.ctx, f);
  return { ...f, A, insats, users, keys };
}
type Setup = Awaited<ReturnType<typeof setup>>;

async function insamling(s: Setup, v: { questionnaire?: string; year?: number; areaId?: string | null; interventionId?: string | null; name?: string } = {}) {
  return collections.createCollection(t.ctx, s.A, {
    questionnaire: v.questionnaire ?? IND, year: v.year ?? 2026, name: v.name ?? "Insamling",
    areaId: v.areaId === undefined ? s.areas[0].id : v.areaId, interventionId: v.interventionId ?? null,
  });
}

/**
 * Stores responses straight in the table as part of the released snapshot (date only, no one's identity):
 * what the figures show once a release has let them in. The release rule itself is tested in anonymity-attacks.
 */
async function answer(c: { id: string; forbundId: string }, list: Record<string, unknown>[], finished = true) {
  if (!list.length) return;
  await t.ctx.db.insert(responses).values(list.map((answers) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-03-02", finished, released: finished, answers })));
}

const api = (path: string, key: string) => request(t.app).get(path).set("Authorization", `Bearer ${key}`);

/** Five indikator answers: q1 4,4,4,4,1 (80 % positive), q2 with one "vet inte", q4a ja/nej with 4b only after ja. */
const fiveIndikator = () => [
  { q1: 4, q2: 6, q3: 5, q4a: "ja", q4b: 5, q5: 4, q6: 4, q7: 6, q8: "Att ha en plan." },
  { q1: 4, q2: 5, q3: 5, q4a: "ja", q4b: 4, q5: 4, q6: 3, q7: 6, q8: "Någon som lyssnar." },
  { q1: 4, q2: 0, q3: 5, q4a: "nej", q5: 4, q6: 4, q7: 5, q8: "Tid." },
  { q1: 4, q2: 3, q3: 4, q4a: "ja", q4b: 6, q5: 2, q6: 4, q7: 6, q8: "Stöd i vardagen." },
  { q1: 1, q2: 2, q3: 6, q4a: "ja", q4b: 6, q5: 4, q6: 4, q7: 4, q8: "Ring mig på 070-123 45 67 om något." },
];

describe("resultat-API:t", () => {
  it("när en insamling har svar så har GET /api/v1/collections/:id/results exakt avtalets fält och räknade värden", async () => {
    const s = await setup();
    const c = await insamling(s, { interventionId: s.insats.id });
    await answer(c, fiveIndikator());
    await answer(c, [{ q1: 6 }, { q1: 6 }], false);
    const res = await api(`/api/v1/collections/${c.id}/results`, s.keys.lasare);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["n", "partial", "questions", "goals", "snapshot", "responseRate"]);
    // Added with issue 16: no invitations and no insatsrapport, so the number asked is unknown.
    expect(res.body.responseRate).toBeNull();
    expect(res.body.n).toBe(5);
    expect(res.body.partial).toBe(2);
    expect(Object.keys(res.body.questions)).toEqual(["q1", "q2", "q3", "q4a", "q4b", "q5", "q6", "q7", "q8", "q9", "q10"]);
    expect(res.body.questions.q1).toEqual({
      kind: "frequency6", n: 5, dontKnow: 0, counts: { 1: 1, 2: 0, 3: 0, 4: 4, 5: 0, 6: 0 },
      mean: 17 / 5, median: 4, sharePositive: 0.8, shareYes: null, suppressed: false,
    });
    expect(Object.keys(res.body.questions.q1)).toEqual(["kind", "n", "dontKnow", "counts", "mean", "median", "sharePositive", "shareYes", "suppressed"]);
    // q2 has one "vet inte": 4 answers with a value, below k = 5
    expect(res.body.questions.q2).toMatchObject({ n: null, dontKnow: null, suppressed: true });
    expect(res.body.questions.q4a).toEqual({ kind: "yesno", n: 5, dontKnow: null, counts: { ja: 4, nej: 1 }, mean: null, median: null, sharePositive: null, shareYes: 0.8, suppressed: false });
    // q4b is asked only after ja: 4 answers, below k = 5
    expect(res.body.questions.q4b).toEqual({ kind: "frequency6", n: null, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, suppressed: true });
    expect(res.body.questions.q8).toMatchObject({ kind: "text", n: 5, counts: null, mean: null, suppressed: false });
    expect(res.body.questions.q9).toMatchObject({ kind: "text", suppressed: true, n: null });
  });

  it("när någon svarat ”vet inte” så räknas det för sig och ingår inte i n, andelar, medelvärde eller median", async () => {
    const s = await setup();
    const c = await insamling(s);
    await answer(c, [6, 5, 0, 3, 2, 4].map((q2) => ({ q1: 4, q2 })));
    const q2 = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q2;
    expect(q2).toMatchObject({ n: 5, dontKnow: 1, mean: 4, median: 4, sharePositive: 0.6, suppressed: false });
  });

  it("när enkäten har ett- och flervalsfrågor så har de options med andel av dem som svarat", async () => {
    const s = await setup();
    const c = await insamling(s, { questionnaire: SAM, areaId: null });
    await answer(c, [
      { q1: "kommun", q2: ["styrelse", "beredningsgrupp"], q3: 8 }, { q1: "kommun", q2: ["styrelse"], q3: 8 },
      { q1: "region", q2: ["arbetsgrupp_samverk"], q3: 7 }, { q1: "region", q3: 9 }, { q1: "annan", q2: ["styrelse", "annat"], q2_annat: "Nätverk", q3: 8 },
    ]);
    const res = await api(`/api/v1/collections/${c.id}/results`, s.keys.admin);
    expect(Object.keys(res.body.questions.q1)).toEqual(["kind", "n", "dontKnow", "counts", "mean", "median", "sharePositive", "shareYes", "options", "suppressed"]);
    expect(res.body.questions.q1.options).toEqual([
      { code: "kommun", count: 2, share: 0.4 }, { code: "region", count: 2, share: 0.4 }, { code: "arbetsformedlingen", count: 0, share: 0 },
      { code: "forsakringskassan", count: 0, share: 0 }, { code: "annan", count: 1, share: 0.2 },
    ]);
    // multi: 4 answered, below k = 5 → suppressed with options null
    expect(res.body.questions.q2).toMatchObject({ kind: "multi", n: null, options: null, counts: null, suppressed: true });
    expect(res.body.questions.q3).toMatchObject({ kind: "scale10", n: 5, mean: 8, median: 8, dontKnow: null });
  });

  it("när ett flerval har minst k svarande så är andelen per alternativ av de svarande (summan över 100 %)", async () => {
    const s = await setup();
    const c = await insamling(s, { questionnaire: SAM, areaId: null });
    await answer(c, Array.from({ length: 5 }, (_, i) => ({ q1: "kommun", q2: i < 3 ? ["styrelse", "beredningsgrupp"] : ["styrelse"] })));
    const q2 = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q2;
    expect(q2.n).toBe(5);
    expect(q2.options.slice(0, 2)).toEqual([{ code: "styrelse", count: 5, share: 1 }, { code: "beredningsgrupp", count: 3, share: 0.6 }]);
  });

  it("när en koordinator frågar efter ett annat kommunområdes insamling så blir det 403, och ett annat förbunds 404", async () => {
    const s = await setup();
    const other = await setup();
    const c = await insamling(s, { areaId: s.areas[1].id });
    expect((await api(`/api/v1/collections/${c.id}/results`, s.keys.koordinator)).status).toBe(403);
    expect((await api(`/api/v1/collections/${c.id}/results`, s.keys.lasare)).status).toBe(200);
    expect((await api(`/api/v1/collections/${c.id}/results`, other.keys.admin)).status).toBe(404);
  });
});

describe("rapporteringsgränsen k = 5 med 4 svar", () => {
  it("när en insamling har 4 svar så visas inga siffror, ingen fritext och inget diagram – i API, sida, CSV och årsvy", async () => {
    const s = await setup();
    const c = await insamling(s, { interventionId: s.insats.id });
    await answer(c, fiveIndikator().slice(0, 4).map((a) => ({ ...a, q8: `Hemlig fritext ${a.q1}${a.q3}` })));

    const json = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body;
    expect(json.n).toBe(4);
    for (const [id, q] of Object.entries(json.questions) as [string, Record<string, unknown>][]) {
      expect(q.suppressed, id).toBe(true);
      for (const k of ["n", "dontKnow", "counts", "mean", "median", "sharePositive", "shareYes"]) expect(q[k], `${id}.${k}`).toBeNull();
    }

    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(SUPPRESSED_TEXT);
    expect(page.text).not.toContain("Hemlig fritext");
    expect(page.text).not.toContain("Svar på fråga 1");
    expect(page.text).not.toMatch(/Aldrig|Alltid/);
    expect(page.text).toContain('<script type="application/json" id="results-chart-data">{"charts":[]}</script>');

    const csv = await agent.get(`/resultat/insamling/${c.id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(1 + 11);
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^\\w+;[^;]*;${SUPPRESSED_TEXT};;;;;;;;$`));

    const year = await api(`/api/v1/results?year=2026&questionnaire=${IND}`, s.keys.admin);
    expect(year.status).toBe(200);
    expect(Object.values(year.body.questions).every((q) => (q as { suppressed: boolean }).suppressed)).toBe(true);
    const yearPage = await agent.get(`/resultat/ar?year=2026&questionnaire=${IND}`);
    expect(yearPage.status).toBe(200);
    expect(yearPage.text).not.toContain("Hemlig fritext");
  });

  it("när ett femte svar kommer in så visas siffrorna (ingen gammal räkning ligger kvar)", async () => {
    const s = await setup();
    const c = await insamling(s);
    await answer(c, fiveIndikator().slice(0, 4));
    expect((await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q1.suppressed).toBe(true);
    await answer(c, fiveIndikator().slice(4));
    const q1 = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q1;
    expect(q1).toMatchObject({ suppressed: false, n: 5, sharePositive: 0.8 });
  });

  it("när nya svar kommer in samma dag, och ett importerat svar med tidigare datum, så stämmer siffrorna varje gång", async () => {
    const s = await setup();
    const c = await insamling(s);
    const today = swedishDate(new Date());
    const add = (list: Record<string, unknown>[], answeredOn: string) =>
      t.ctx.db.insert(responses).values(list.map((answers) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn, finished: true, released: true, answers })));
    await add([{ q1: 4 }, { q1: 4 }, { q1: 1 }], "2026-01-15");
    await add([{ q1: 5 }, { q1: 6 }], today);
    const q1 = async () => (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q1;
    expect(await q1()).toMatchObject({ n: 5, counts: { 1: 1, 4: 2, 5: 1, 6: 1 } });
    await add([{ q1: 6 }, { q1: 0 }], today);
    expect(await q1()).toMatchObject({ n: 6, dontKnow: 1, counts: { 1: 1, 4: 2, 5: 1, 6: 2 } });
    await add([{ q1: 2 }], "2026-02-01");
    expect(await q1()).toMatchObject({ n: 7, dontKnow: 1, counts: { 1: 1, 2: 1, 4: 2, 5: 1, 6: 2 } });
  });

  it("när en liten insamling döljs så döljs också den näst minsta, så att den lilla inte kan räknas fram ur årets summa", async () => {
    const s = await setup();
    const small = await insamling(s, { areaId: s.areas[0].id, name: "Liten" });
    const next = await insamling(s, { areaId: s.areas[1].id, name: "Näst minst" });
    const big = await insamling(s, { areaId: null, name: "Stor" });
    await answer(small, fiveIndikator().slice(0, 4));
    await answer(next, [...fiveIndikator(), fiveIndikator()[0]]);
    await answer(big, [...fiveIndikator(), ...fiveIndikator(), ...fiveIndikator(), ...fiveIndikator()]);
    const q1 = async (id: string) => (await api(`/api/v1/collections/${id}/results`, s.keys.admin)).body.questions.q1;
    expect((await q1(small.id)).suppressed).toBe(true);
    expect((await q1(next.id)).suppressed).toBe(true); // 6 answers, hidden as the complement
    expect(await q1(big.id)).toMatchObject({ suppressed: false, n: 20 });
    // the year's total is shown; filtering down to the complement's kommunområde shows nothing more
    const total = (await api(`/api/v1/results?year=2026&questionnaire=${IND}`, s.keys.admin)).body;
    expect(total.questions.q1).toMatchObject({ suppressed: false, n: 30 });
    const area1 = (await api(`/api/v1/results?year=2026&questionnaire=${IND}&areaId=${s.areas[1].id}`, s.keys.admin)).body;
    expect(area1.questions.q1.suppressed).toBe(true);
  });
});

describe("fritext", () => {
  it("när en fråga har minst k fritextsvar så visas de grupperade per fråga, med personuppgifter dolda", async () => {
    const s = await setup();
    const c = await insamling(s);
    await answer(c, fiveIndikator());
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Fritextsvar");
    expect(page.text).toContain("Fråga 8: Vad är viktigt för dig för att kunna arbeta eller studera?");
    expect(page.text).toContain("Någon som lyssnar.");
    expect(page.text).toContain("Ring mig på [telefonnummer borttaget] om något.");
    expect(page.text).not.toContain("070-123 45 67");
  });

  it("när flera skrivit samma mening med olika stora bokstäver och skiljetecken så står den en gång på sidan, med antalet", async () => {
    const s = await setup();
    const c = await insamling(s);
    const same = ["Mer tid med handledaren.", "mer tid med handledaren", "Mer tid med  handledaren!"];
    await answer(c, fiveIndikator().map((a, i) => ({ ...a, q8: same[i % 3] })));
    const page = await (await loginAgent(t.app, s.users.koordinator.email, PASSWORD)).get(`/resultat/insamling/${c.id}`);
    expect(page.text.toLowerCase().split("mer tid med").length - 1).toBe(1);
    expect(page.text).toMatch(/Mer tid med handledaren\. <span class="count">\(5\)<\/span>/);
  });
});

describe("mål och måluppfyllelse", () => {
  /** Five samverkan answers with medians q9a 7, q9b 7, q9c 6, q9d 6 and a mean of 8 on q3. */
  const samverkan = () => [
    { q1: "kommun", q3: 8, q9a: 7, q9b: 7, q9c: 6, q9d: 6 },
    { q1: "region", q3: 8, q9a: 7, q9b: 7, q9c: 6, q9d: 6 },
    { q1: "kommun", q3: 8, q9a: 7, q9b: 8, q9c: 6, q9d: 6 },
    { q1: "annan", q3: 7, q9a: 8, q9b: 5, q9c: 7, q9d: 7 },
    { q1: "region", q3: 9, q9a: 5, q9b: 7, q9c: 5, q9d: 5 },
  ];

  it("när medianerna är 7, 7, 6 och 6 så är målet ”över 7” Ej uppfyllt, med regeln och siffrorna utskrivna", async () => {
    const s = await setup();
    const c = await insamling(s, { questionnaire: SAM, areaId: null });
    await answer(c, samverkan());
    expect(await ensureDefaultGoals(t.ctx, s.A, 2026)).toBe(4); // SE-Testet's indikator goal, q3, q9a–q9d, närvaro
    expect(await ensureDefaultGoals(t.ctx, s.A, 2026)).toBe(0); // idempotent

    const json = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body;
    const trust = json.goals.find((g: { text: string }) => g.text.startsWith("Högt förtroende"));
    expect(trust).toEqual({ id: expect.any(String), text: expect.any(String), rule: "Median > 7 på var och en av frågorna 9a, 9b, 9c och 9d", value: 6, threshold: 7, verdict: "ej_uppfyllt", missing: [] });
    const q3 = json.goals.find((g: { text: string }) => g.text.startsWith("Hög upplevelse"));
    expect(q3).toMatchObject({ rule: "Medelvärde ≥ 7 på fråga 3", value: 8, threshold: 7, verdict: "uppfyllt" });

    const agent = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${c.id}`);
    expect(page.text).toContain("Median &gt; 7 på var och en av frågorna 9a, 9b, 9c och 9d");
    expect(page.text).toContain("9a: 7, 9b: 7, 9c: 6, 9d: 6");
    expect(page.text).toContain("Ej uppfyllt");
    const goalsPage = await agent.get("/mal?year=2026");
    expect(goalsPage.text).toContain("9a: 7, 9b: 7, 9c: 6, 9d: 6");
    expect(goalsPage.text).toContain("Ej uppfyllt");
  });

  it("när antalet svar är jämnt så är medianen medelvärdet av de två mittersta och visas som 6,5", async () => {
    const s = await setup();
    const c = await insamling(s, { questionnaire: SAM, areaId: null });
    await answer(c, [5, 6, 6, 7, 7, 9].map((q3) => ({ q1: "kommun", q3 })));
    const q3 = (await api(`/api/v1/collections/${c.id}/results`, s.keys.admin)).body.questions.q3;
    expect(q3).toMatchObject({ n: 6, median: 6.5, mean: 40 / 6 });
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${c.id}`);
    expect(page.text).toMatch(/<td>6,7<\/td><td>6,5<\/td>/);
    const csv = await agent.get(`/resultat/insamling/${c.id}.csv`);
    expect(csv.text).toContain(";6;;6,67;6,5;;\r\n");
  });

  it("när en administratör öppnar ett år utan mål så skapas inget; standardmålen förhandsgranskas och skapas först när hon väljer det", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const rowsOf = (year: number) => t.ctx.db.select().from(goals).where(and(eq(goals.forbundId, s.A), eq(goals.year, year)));
    const first = await agent.get("/mal?year=2027");
    expect(first.status).toBe(200);
    expect(first.text).toContain("Inga mål för 2027");
    expect(first.text).toContain("/mal/skapa?year=2027&amp;source=standard");
    expect(await rowsOf(2027)).toHaveLength(0);
    expect((await api("/api/v1/goals?year=2027", s.keys.admin)).body.goals).toEqual([]);
    expect(await rowsOf(2027)).toHaveLength(0);

    // SE-Testet has an insamling in 2027 (the other insatser have neither insamling nor insatsrapport): it alone gets an indikator goal.
    await insamling(s, { year: 2027, interventionId: s.insats.id });
    const preview = await agent.get("/mal/skapa?year=2027&source=standard");
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Minst 70 % av deltagarna i SE-Testet ska svara ofta");
    expect(preview.text).toContain("Andel ofta/för det mesta/alltid ≥ 70\u00a0% på var och en av frågorna 1, 2, 3, 4b, 5, 6 och 7");
    expect(preview.text).toContain("Skapa 4 mål för 2027");
    expect(await rowsOf(2027)).toHaveLength(0);

    const made = await postForm(agent, "/mal/skapa?year=2027&source=standard", "/mal/skapa", { year: "2027", source: "standard" });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe("/mal?year=2027");
    const rows = await rowsOf(2027);
    expect(rows.map((r) => r.defaultKey).sort()).toEqual([`indikator:${s.insats.id}`, "narvaro", "samverkan:q3", "samverkan:q9"]);
    const again = await postForm(agent, "/mal/skapa?year=2027&source=standard", "/mal/skapa", { year: "2027", source: "standard" });
    expect(again.status).toBe(422);
    expect(again.text).toContain("2027 har redan mål");
    expect(await rowsOf(2027)).toHaveLength(4);

    // The next year: copy 2027's goals, with the preview first; a goal judged by hand (its year's verdict) is not copied.
    await t.ctx.db.update(goals).set({ manualVerdict: "uppfyllt", comment: "Bedömt 2027", rule: null }).where(eq(goals.id, rows.find((r) => r.defaultKey === "narvaro")!.id));
    expect((await agent.get("/mal?year=2028")).text).toContain("Kopiera målen från 2027 (4 mål)");
    expect((await agent.get("/mal/skapa?year=2028&source=forra-aret")).text).toContain("Skapa 3 mål för 2028");
    expect((await postForm(agent, "/mal/skapa?year=2028&source=forra-aret", "/mal/skapa", { year: "2028", source: "forra-aret" })).status).toBe(303);
    const copied = await rowsOf(2028);
    expect(copied.map((r) => r.defaultKey).sort()).toEqual([`indikator:${s.insats.id}`, "samverkan:q3", "samverkan:q9"]);
    expect(copied.every((r) => r.rule !== null && r.manualVerdict === null)).toBe(true);

    // a läsare opening an empty year creates nothing and is offered nothing
    const reader = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const empty = await reader.get("/mal?year=2030");
    expect(empty.text).toContain("Inga mål för 2030");
    expect(empty.text).not.toContain("/mal/skapa");
    expect((await reader.get("/mal/skapa?year=2030&source=standard")).status).toBe(403);
  });

  it("när standardmålen förhandsgranskas så får bara insatser med en insamling eller en insatsrapport det året ett mål", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const preview = await agent.get("/mal/skapa?year=2029&source=standard");
    expect(preview.text).not.toContain("SE-Testet");
    expect(preview.text).toContain("Skapa 3 mål för 2029");
    const bad = await agent.get("/mal/skapa?year=2029&source=okand");
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Välj om målen ska kopieras");
  });

  it("när en administratör skapar ett mål i formuläret så sparas andelen som bråk, och ett felaktigt mål visas igen med 422", async () => {
    const s = await setup();
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const bad = await postForm(agent, "/mal/ny?year=2026", "/mal/ny", {
      year: "2026", text: "Deltagarna är nöjda", type: "regel", questionnaire: IND, interventionId: s.insats.id, areaId: "",
      metric: "sharePositive", comparison: ">=", threshold: "70", questions: "1, 4a", verdict: "", comment: "", sortOrder: "5",
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("fråga 4a har inget mått");
    expect(bad.text).toContain('value="1, 4a"');
    const ok = await postForm(agent, "/mal/ny?year=2026", "/mal/ny", {
      year: "2026", text: "Deltagarna är nöjda", type: "regel", questionnaire: IND, interventionId: s.insats.id, areaId: "",
      metric: "sharePositive", comparison: ">=", threshold: "70,5", questions: "1, 2", verdict: "", comment: "", sortOrder: "5",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/mal?year=2026");
    const [row] = await t.ctx.db.select().from(goals).where(eq(goals.forbundId, s.A));
    expect(row.rule).toEqual({ metric: "sharePositive", comparison: ">=", threshold: 0.705, questions: ["q1", "q2"] });
    const edit = await agent.get(`/mal/${row.id}`);
    expect(edit.text).toContain('value="70,5"');
    const manual = await postForm(agent, `/mal/${row.id}`, `/mal/${row.id}`, {
      year: "2026", text: "Deltagarna är nöjda", type: "manuell", questionnaire: "", interventionId: "", areaId: "",
      metric: "", comparison: ">=", threshold: "", questions: "", verdict: "delvis_uppfyllt", comment: "Två av tre delmål nådda.", sortOrder: "5",
    });
    expect(manual.status).toBe(303);
    const list = await agent.get("/mal?year=2026");
    expect(list.text).toContain("Delvis uppfyllt");
    expect(list.text).toContain("Två av tre delmål nådda.");
    const del = await postForm(agent, `/mal/${row.id}`, `/mal/${row.id}/ta-bort`, {});
    expect(del.status).toBe(303);
    expect(await t.ctx.db.select().from(goals).where(eq(goals.forbundId, s.A))).toHaveLength(0);
  });

  it("när mål skapas och ändras via API:t så prövas regeln mot enkäten (422), och ett annat förbunds mål är 404", async () => {
    const s = await setup();
    const other = await setup();
    const post = (body: unknown, key = s.keys.admin) => request(t.app).post("/api/v1/goals").set("Authorization", `Bearer ${key}`).send(body as object);
    const bad = await post({ year: 2026, text: "Fel", questionnaire: SAM, rule: { metric: "median", comparison: ">", threshold: 7, questions: ["q99"] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([{ path: "rule", message: expect.stringContaining("frågan q99 finns inte i enkäten") }]);
    expect((await post({ year: 2026, text: "Båda", verdict: "uppfyllt", rule: { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] }, questionnaire: SAM })).status).toBe(422);
    expect((await post({ year: 2026, text: "Läsare" }, s.keys.lasare)).status).toBe(403);

    const created = await post({ year: 2026, text: "Samverkan fungerar", questionnaire: SAM, rule: { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/goals/${created.body.id}`);
    expect(created.body).toMatchObject({ year: 2026, rule: { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] }, ruleText: "Medelvärde ≥ 7 på fråga 3", verdict: "underlag_saknas" });

    const put = (id: string, body: unknown, key = s.keys.admin) => request(t.app).put(`/api/v1/goals/${id}`).set("Authorization", `Bearer ${key}`).send(body as object);
    const changed = await put(created.body.id, { year: 2026, text: "Samverkan fungerar", verdict: "delvis_uppfyllt", comment: "Bedömt i styrelsen" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rule: null, verdict: "delvis_uppfyllt", comment: "Bedömt i styrelsen", value: null, threshold: null });
    expect((await put(created.body.id, { year: 2026, text: "x", verdict: "uppfyllt" }, other.keys.admin)).status).toBe(404);

    const list = await api("/api/v1/goals?year=2026", s.keys.lasare);
    expect(list.status).toBe(200);
    expect(list.body.goals.map((g: { text: string }) => g.text)).toEqual(["Samverkan fungerar"]);
    expect((await api("/api/v1/goals?year=2026", s.keys.koordinator)).status).toBe(403); // förbund-wide: not for a koordinator of one kommunområde
    expect((await api("/api/v1/goals?year=2026", other.keys.admin)).body.goals).toEqual([]);
  });
});

describe("år för år och årsvyn", () => {
  it("när samma enkät och insats fanns förra året så visas värdet då och förändringen", async () => {
    const s = await setup();
    const before = await insamling(s, { year: 2025, interventionId: s.insats.id });
    const now = await insamling(s, { year: 2026, interventionId: s.insats.id });
    await answer(before, fiveIndikator().map((a, i) => ({ ...a, q1: i < 3 ? 4 : 1 }))); // 60 %
    await answer(now, fiveIndikator()); // 80 %
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${now.id}`);
    expect(page.text).toContain("Slutförda svar 2025");
    expect(page.text).toMatch(/<td>80\u00a0%<\/td>\s*<td>60\u00a0%<\/td><td>\+20\u00a0procentenheter<\/td>/);

    const year = await api(`/api/v1/results?year=2026&questionnaire=${IND}&interventionId=${s.insats.id}`, s.keys.lasare);
    expect(year.status).toBe(200);
    expect(Object.keys(year.body)).toEqual(["n", "partial", "questions", "goals", "snapshot", "responseRate", "previousYear"]);
    expect(year.body.questions.q1.sharePositive).toBe(0.8);
    expect(year.body.previousYear).toMatchObject({ year: 2025, n: 5, partial: 0 });
    expect(year.body.previousYear.questions.q1.sharePositive).toBe(0.6);
  });

  it("när två insamlingar av samma enkät finns samma år så läggs deras svar ihop per fråga", async () => {
    const s = await setup();
    const a = await insamling(s, { areaId: s.areas[0].id });
    const b = await insamling(s, { areaId: s.areas[1].id });
    await answer(a, fiveIndikator());
    await answer(b, [...fiveIndikator(), ...fiveIndikator()]);
    const year = (await api(`/api/v1/results?year=2026&questionnaire=${IND}`, s.keys.admin)).body;
    expect(year.n).toBe(15);
    expect(year.questions.q1).toMatchObject({ n: 15, counts: { 1: 3, 4: 12 }, sharePositive: 0.8 });
    expect(year.previousYear).toBeNull();
  });

  it("när årsvyn saknar enkät eller år så blir det 422, och en koordinator med kommunområde nekas årsvyn, också för sitt eget", async () => {
    const s = await setup();
    const bad = await api("/api/v1/results?year=2026", s.keys.admin);
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe("questionnaire");
    expect((await api(`/api/v1/results?year=2026&questionnaire=finns-inte`, s.keys.admin)).status).toBe(422);
    const mine = await insamling(s, { areaId: s.areas[0].id });
    const theirs = await insamling(s, { areaId: s.areas[1].id });
    await answer(mine, fiveIndikator());
    await answer(theirs, [...fiveIndikator(), ...fiveIndikator()]);
    // the year view adds insamlingar together: förbund-wide, so 403 (forbund-wide.test.ts); the läsare reads a kommunområde's year
    expect((await api(`/api/v1/results?year=2026&questionnaire=${IND}`, s.keys.koordinator)).status).toBe(403);
    expect((await api(`/api/v1/results?year=2026&questionnaire=${IND}&areaId=${s.areas[0].id}`, s.keys.koordinator)).status).toBe(403);
    const area = await api(`/api/v1/results?year=2026&questionnaire=${IND}&areaId=${s.areas[0].id}`, s.keys.lasare);
    expect(area.status).toBe(200);
    expect(area.body.n).toBe(5);

    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const form = await agent.get("/resultat/ar?year=2026");
    expect(form.status).toBe(422);
    expect(form.text).toContain("Välj enkät");
    const page = await agent.get(`/resultat/ar?year=2026&questionnaire=${IND}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Insamlingar som ingår (2)");
  });
});

describe("sidor och filer", () => {
  it("när en koordinator med kommunområde öppnar /resultat så listas hens insamlingar, utan årsvyns formulär", async () => {
    const s = await setup();
    await insamling(s, { areaId: s.areas[0].id, name: "Min insamling" });
    await insamling(s, { areaId: s.areas[1].id, name: "Annans insamling" });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const page = await agent.get("/resultat");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Min insamling");
    expect(page.text).not.toContain("Annans insamling");
    expect(page.text).not.toContain('action="/resultat/ar"');
    const reader = await loginAgent(t.app, s.users.lasare.email, PASSWORD);
    const all = await reader.get("/resultat");
    expect(all.text).toContain("Annans insamling");
    expect(all.text).toContain('action="/resultat/ar"');
  });

  it("när CSV-filen laddas ner så är den RFC 4180 med semikolon, BOM och svenska decimaler, och loggas som export", async () => {
    const s = await setup();
    const c = await insamling(s);
    await answer(c, fiveIndikator());
    const agent = await loginAgent(t.app, s.users.admin.email, PASSWORD);
    const csv = await agent.get(`/resultat/insamling/${c.id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="?resultat-2026-\w+\.csv/);
    expect(csv.text.startsWith("\uFEFFFråga;Frågetext;Svarsalternativ;Antal;Andel (%);Antal svar (n)")).toBe(true);
    expect(csv.text).toContain("1;Får du stöd på ett sätt som är till stor nytta för dig?;;;;5;0;3,40;4,0;80,0;\r\n");
    expect(csv.text).toContain("1;Får du stöd på ett sätt som är till stor nytta för dig?;Ofta;4;80,0;;;;;;\r\n");
    expect(csv.text).not.toContain("Tid.");
    const log = await agent.get("/logg");
    expect(log.text).toContain("Export");
  });

  it("när chart.js hämtas så kommer den från appens egna filer med lång cache", async () => {
    const res = await request(t.app).get("/static/vendor/chart.umd.min.js");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.text.length).toBeGreaterThan(100_000);
  });
});
