import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { eq } from "drizzle-orm";
import { answerFormAction as formAction, hiddenFields, sendAnswers as send, startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser, requireQuestions } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as accounts from "../../server/accounts/service.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
});
afterAll(async () => { await t?.close(); });

type Agent = ReturnType<typeof request.agent>;

const newCollection = (v: Partial<collections.CreateCollectionInput> = {}) => makeCollection(t.ctx, forbund, v);

/** The ids of the questions a page shows. */
const shown = (html: string) => [...html.matchAll(/<div class="question[^"]*" id="question-(\w+)"(?! hidden)/g)].map((m) => m[1]);
const rowsOf = (collectionId: string) => t.ctx.db.select().from(responses).where(eq(responses.collectionId, collectionId));

/**
 * Answers step after step (each answer on its own page) from a rendered step, following the redirects;
 * returns the last response (the thanks redirect, or the page that came back).
 */
async function answerSteps(agent: Agent, page: string, answers: Record<string, string>[]) {
  let html = page;
  let last: request.Response | undefined;
  for (const a of answers) {
    last = await send(agent, html, { ...a, action: "next" });
    if (last.status !== 303 || !last.headers.location.includes("/steg/")) return last;
    html = (await agent.get(last.headers.location)).text;
  }
  return { ...last!, html } as request.Response & { html: string };
}

describe("startsidan erbjuder en fråga per sida", () => {
  it("när insamlingen har flera frågor per sida som förval så är Börja flera per sida, och den andra knappen säger hur många steg det blir", async () => {
    const c = await newCollection();
    const html = (await request(t.app).get(`/e/${c.slug}`)).text;
    expect(html).toContain(`<form method="get" action="/e/${c.slug}/fraga/1" class="start-form">`);
    expect(html).toContain("<p>10 frågor på 2 sidor. Beroende på dina svar kan en följdfråga tillkomma.</p>");
    expect(html).toContain(`<form method="get" action="/e/${c.slug}/steg/1" class="start-other">`);
    // 10 questions asked at first, and 4b only after 4a = ja: ten steps, and the follow-up said.
    expect(html).toContain("Svara på en fråga i taget (10 steg)</button>");
  });

  it("när insamlingen har en fråga per sida som förval så leder Börja dit och sidan säger ärligt hur många steg det blir", async () => {
    const c = await newCollection({ onePerPage: true });
    const html = (await request(t.app).get(`/e/${c.slug}`)).text;
    expect(html).toContain(`<form method="get" action="/e/${c.slug}/steg/1" class="start-form">`);
    expect(html).toContain("<p>10 frågor, en fråga på varje sida: 10 steg. Beroende på dina svar kan en följdfråga tillkomma.</p>");
    expect(html).toContain(`<form method="get" action="/e/${c.slug}/fraga/1" class="start-other">`);
    expect(html).toContain("Svara på flera frågor per sida (2 sidor)</button>");
    const en = (await request(t.app).get(`/e/${c.slug}?lang=en`)).text;
    expect(en).toContain("10 questions, one question per page: 10 steps.");
  });

  it("när sidan är på lättläst så börjar Börja med en fråga i taget, även när insamlingen har flera per sida som förval", async () => {
    const c = await newCollection({ languages: ["sv", "sv-lattlast"] });
    const html = (await request(t.app).get(`/e/${c.slug}?lang=sv-lattlast`)).text;
    expect(html).toContain(`<form method="get" action="/e/${c.slug}/steg/1" class="start-form">`);
    expect(html).toContain("Du får en fråga i taget. Det blir 10 sidor.");
    expect(html).toContain("Jag vill se flera frågor på varje sida (2 sidor)</button>");
    const step = (await request(t.app).get(`/e/${c.slug}/steg/1?lang=sv-lattlast`)).text;
    expect(step).toContain("Sida 1 av 10");
  });
});

describe("en fråga per sida utan JavaScript", () => {
  it("när deltagaren svarar fråga för fråga så visas en fråga per sida, 4b hoppas över efter nej och svaret sparas som på sidorna", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const s1 = await agent.get(`/e/${c.slug}/steg/1`);
    expect(s1.status).toBe(200);
    expect(s1.headers["cache-control"]).toBe("no-store");
    expect(shown(s1.text)).toEqual(["q1"]);
    expect(s1.text).toContain('<span class="part">Steg 1 av 10<span class="visually-hidden">:</span></span> Stödet du får</h1>');
    expect(s1.text).not.toContain('value="back"');

    const r1 = await send(agent, s1.text, { q1: "5", action: "next" });
    expect(r1.status).toBe(303);
    expect(r1.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/2\\?s=[\\w-]+&lang=sv$`));
    const s2 = await agent.get(r1.headers.location);
    expect(shown(s2.text)).toEqual(["q2"]);
    expect(s2.text).toContain("Steg 2 av 10");
    expect(s2.text).toContain('value="back"');

    // q2, q3, 4a = nej: the next step is q5 (step 6), fifth of ten.
    const after4a = await answerSteps(agent, s2.text, [{ q2: "4" }, { q3: "6" }, { q4a: "nej" }]) as request.Response & { html: string };
    expect(after4a.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/6\\?`));
    expect(shown(after4a.html)).toEqual(["q5"]);
    expect(after4a.html).toContain("Steg 5 av 10");

    // back from q5 is 4a, not the skipped 4b
    const back = await send(agent, after4a.html, { q5: "3", action: "back" });
    expect(back.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/4\\?`));
    const s4 = (await agent.get(back.headers.location)).text;
    expect(s4).toMatch(/id="q4a-nej" name="q4a" value="nej" checked/);

    // an address for 4b while 4a is nej leads on to q5
    const s = hiddenFields(s4).s;
    const skipped = await agent.get(`/e/${c.slug}/steg/5?s=${s}`);
    expect(skipped.status).toBe(303);
    expect(skipped.headers.location).toBe(`/e/${c.slug}/steg/6?s=${s}&lang=sv`);

    const s6 = (await agent.get(skipped.headers.location)).text;
    expect(s6).toMatch(/id="q5-3" name="q5" value="3" checked/);
    const end = await answerSteps(agent, s6, [{ q5: "3" }, { q6: "4" }, { q7: "5" }, { q8: "Att ha en plan" }, { q9: "" }]) as request.Response & { html: string };
    expect(shown(end.html)).toEqual(["q10"]);
    expect(end.html).toContain("Steg 10 av 10");
    expect(end.html).toContain("Skicka svaren");
    const done = await send(agent, end.html, { q10: "", action: "next" });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);

    const rows = await rowsOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ finished: true, language: "sv", answers: { q1: 5, q2: 4, q3: 6, q4a: "nej", q5: 3, q6: 4, q7: 5, q8: "Att ha en plan" } });
    expect(rows[0].answers).not.toHaveProperty("q4b");
  });

  it("när deltagaren svarar ja på 4a så kommer 4b som nästa steg och stegen blir elva; byts svaret till nej så tas 4b bort", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const s1 = (await agent.get(`/e/${c.slug}/steg/1`)).text;
    const to4b = await answerSteps(agent, s1, [{ q1: "5" }, { q2: "4" }, { q3: "6" }, { q4a: "ja" }]) as request.Response & { html: string };
    expect(to4b.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/5\\?`));
    expect(shown(to4b.html)).toEqual(["q4b"]);
    expect(to4b.html).toContain("Steg 5 av 11");
    // no "follow-up" notice: the follow-up is simply the next page
    expect(to4b.html).not.toContain('class="notice"');
    const r = await send(agent, to4b.html, { q4b: "2", action: "next" });
    expect(r.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/6\\?`));
    expect((await rowsOf(c.id))[0]).toMatchObject({ finished: false, answers: { q4a: "ja", q4b: 2 } });

    const s = hiddenFields(to4b.html).s;
    const s4 = (await agent.get(`/e/${c.slug}/steg/4?s=${s}`)).text;
    const changed = await send(agent, s4, { q4a: "nej", action: "next" });
    expect(changed.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/6\\?`));
    expect((await rowsOf(c.id))[0].answers).not.toHaveProperty("q4b");
  });

  it("när en obligatorisk fråga saknas så blir det 422 på samma steg med felsammanfattning som länkar till frågan", async () => {
    const c = await newCollection();
    await requireQuestions(t.ctx, c, ["q2"]);
    const agent = request.agent(t.app);
    const s1 = (await agent.get(`/e/${c.slug}/steg/1`)).text;
    const s2 = (await agent.get((await send(agent, s1, { q1: "5", action: "next" })).headers.location)).text;
    const bad = await send(agent, s2, { action: "next" });
    expect(bad.status).toBe(422);
    expect(shown(bad.text)).toEqual(["q2"]);
    expect(bad.text).toContain('<a href="#q2">Välj ett svar på fråga 2.</a>');
    expect(formAction(bad.text)).toBe(`/e/${c.slug}/steg/2`);
    // saving for later does not require it
    expect((await send(agent, s2, { action: "save" })).status).toBe(200);
  });

  it("när deltagaren sparar så fortsätter länken med en fråga per sida där den slutade", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const s1 = (await agent.get(`/e/${c.slug}/steg/1?lang=en`)).text;
    const s2 = (await agent.get((await send(agent, s1, { q1: "5", action: "next" })).headers.location)).text;
    const saved = await send(agent, s2, { q2: "4", action: "save" });
    expect(saved.status).toBe(200);
    const link = new RegExp(`id="resume-link" lang="zxx" dir="ltr" translate="no">(http://samspar\\.test/e/${c.slug}/fortsatt/[\\w-]+\\?vy=steg)</p>`).exec(saved.text)?.[1];
    expect(link).toBeTruthy();

    const other = request.agent(t.app);
    const resumed = await other.get(link!.replace("http://samspar.test", ""));
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/2\\?s=[\\w-]+&lang=en$`));
    const again = (await other.get(resumed.headers.location)).text;
    expect(again).toMatch(/id="q2-4" name="q2" value="4" checked/);
    // the same token continues in parts too (the link without ?vy=steg)
    const paged = await other.get(link!.replace("http://samspar.test", "").replace("?vy=steg", ""));
    expect(paged.headers.location).toMatch(new RegExp(`^/e/${c.slug}/fraga/1\\?s=`));
  });

  it("när ett steg inte finns eller öppnas utan sparade svar så leder det till startsidan", async () => {
    const c = await newCollection();
    expect((await request(t.app).get(`/e/${c.slug}/steg/12`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
    expect((await request(t.app).get(`/e/${c.slug}/steg/3`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
    expect((await request(t.app).get(`/e/${c.slug}/steg/0`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
    const post = await request(t.app).post(`/e/${c.slug}/steg/1`).type("form").send({ q1: "5" });
    expect(post.status).toBe(400);
  });
});

describe("första besöket från inspelningen", () => {
  it("när steg 1 har visats en gång så skickas det sedan från inspelningen (fast.ts), med nya slumpvärden", async () => {
    const c = await newCollection({ onePerPage: true });
    const first = (await request(t.app).get(`/e/${c.slug}/steg/1`)).text;
    // Change the cached insamling's title in place: Express would now render the new title, the recording keeps the old.
    const cached = collections.peekBySlug(t.ctx, c.slug)!;
    const title = cached.definition.title.sv;
    cached.definition.title.sv = "Ändrad bara i minnet";
    try {
      const second = await request(t.app).get(`/e/${c.slug}/steg/1`);
      expect(second.status).toBe(200);
      expect(second.text).toContain(title);
      expect(second.text).not.toContain("Ändrad bara i minnet");
      expect(shown(second.text)).toEqual(["q1"]);
      expect(hiddenFields(second.text).s).not.toBe(hiddenFields(first).s);
      expect(second.text.replace(/value="[\w-]{32}"/g, "")).toBe(first.replace(/value="[\w-]{32}"/g, ""));
      // and it is a real first page: its form continues to step 2
      const next = await send(request.agent(t.app), second.text, { q1: "4", action: "next" });
      expect(next.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/2\\?`));
    } finally {
      cached.definition.title.sv = title;
    }
  });
});

describe("insamlingens inställning", () => {
  it("när en koordinator sätter en fråga per sida i API:t så syns det i insamlingens JSON och på startsidan", async () => {
    const admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "admin" })).id))!;
    const token = (await tokens.createToken(t.ctx, admin, "stegvis")).secret;
    const api = (r: request.Test) => r.set("Authorization", `Bearer ${token}`);
    const created = await api(request(t.app).post("/api/v1/collections")).send({
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Stegvis", areaId: forbund.areas[0].id, onePerPage: true,
    });
    expect(created.status).toBe(201);
    expect((await api(request(t.app).get(`/api/v1/collections/${created.body.id}`))).body.onePerPage).toBe(true);
    const patched = await api(request(t.app).patch(`/api/v1/collections/${created.body.id}`)).send({ onePerPage: false });
    expect(patched.status).toBe(200);
    expect(patched.body.onePerPage).toBe(false);
    expect((await request(t.app).get(`/e/${created.body.slug}`)).text).toContain(`action="/e/${created.body.slug}/fraga/1" class="start-form"`);
    const bad = await api(request(t.app).patch(`/api/v1/collections/${created.body.id}`)).send({ onePerPage: "ja" });
    expect(bad.status).toBe(422);
  });
});
