import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { eq } from "drizzle-orm";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { enableLanguages } from "../helpers/languages.js";
import { makeCollection, makeForbund, makeUser } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as answering from "../../server/answering/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import { collections as collectionsTable, invitations, responses } from "../../models/schema.js";
import type { Definition } from "../../surveys/define.js";
import { swedishDate } from "../../server/dates.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
  // sv, sv-lattlast and en are enabled from the start; the others after the admin's review.
  await enableLanguages(t.ctx, forbund, ["ar", "fa", "so", "ti", "uk"]);
});
afterAll(async () => { await t?.close(); });

type Agent = ReturnType<typeof request.agent>;

async function newCollection(v: Partial<collections.CreateCollectionInput> = {}) {
  return makeCollection(t.ctx, forbund, v);
}

/** Makes questions required in the insamling's own snapshot (the standard indicator survey has none). */
async function requireQuestions(c: collections.Collection, ids: string[]) {
  const def: Definition = structuredClone(c.definition);
  for (const s of def.sections) for (const q of s.questions) if (ids.includes(q.id)) q.required = true;
  await t.ctx.db.update(collectionsTable).set({ definition: def }).where(eq(collectionsTable.id, c.id));
}

/** The hidden fields of a rendered form, as the browser would send them. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}

/** Sends a rendered question page with the given answers (and the button pressed). */
function send(agent: Agent, action: string, page: string, fields: Record<string, unknown>) {
  return agent.post(action).type("form").send({ ...hiddenFields(page), ...fields });
}

const rowsOf = (collectionId: string) => t.ctx.db.select().from(responses).where(eq(responses.collectionId, collectionId));
const q = (n: number) => (n === 1 ? "q1" : `q${n}`);
const firstPage = { q1: "5", q2: "4", q3: "6", q4a: "nej" };

describe("startsidan", () => {
  it("när någon öppnar enkätens adress så visas titel, anonymitet, språkval och Börja, utan personalmeny och utan cache", async () => {
    const c = await newCollection();
    const res = await request(t.app).get(`/e/${c.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="sv" dir="ltr">');
    expect(res.text).toContain("Indikatorenkät – deltagare i pågående insats");
    expect(res.text).toContain("Dina svar är anonyma");
    expect(res.text).toContain(`href="/e/${c.slug}?lang=en"`);
    expect(res.text).toContain("Börja");
    expect(res.text).not.toContain("Huvudmeny");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("när språket byts till engelska så är sidan och knapparna på engelska", async () => {
    const c = await newCollection();
    const res = await request(t.app).get(`/e/${c.slug}?lang=en`);
    expect(res.text).toContain('<html lang="en" dir="ltr">');
    expect(res.text).toContain("Indicator survey");
    expect(res.text).toContain(">Start</button>");
    const page = await request(t.app).get(`/e/${c.slug}/fraga/1?lang=en`);
    expect(page.text).toContain("Part 1 of 2, questions 1–7 of 10");
    expect(page.text).toContain("<title>Part 1 of 2, questions 1–7 of 10 – The support you get – Indicator survey");
    expect(page.text).toContain("Question 4a");
  });

  it("när insamlingen är på arabiska så är sidan höger-till-vänster", async () => {
    const c = await newCollection({ languages: ["sv", "ar"] });
    const start = await request(t.app).get(`/e/${c.slug}?lang=ar`);
    expect(start.text).toContain('<html lang="ar" dir="rtl">');
    const page = await request(t.app).get(`/e/${c.slug}/fraga/1?lang=ar`);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    // a language the insamling does not offer falls back to Swedish
    const other = await request(t.app).get(`/e/${c.slug}?lang=so`);
    expect(other.text).toContain('<html lang="sv" dir="ltr">');
  });

  it("när adressen inte finns, insamlingen är ett utkast, inte har öppnat eller är stängd så visas en vänlig sida med 404 eller 410", async () => {
    const unknown = await request(t.app).get("/e/finnsinte99");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Vi hittar ingen enkät här");
    expect(unknown.text).not.toContain("Huvudmeny");

    const draft = await newCollection({ status: "utkast" });
    const d = await request(t.app).get(`/e/${draft.slug}`);
    expect(d.status).toBe(404);
    expect(d.text).toContain("Enkäten är inte öppen ännu");

    const later = await newCollection({ opensOn: "2999-01-01" });
    const l = await request(t.app).get(`/e/${later.slug}/fraga/1`);
    expect(l.status).toBe(404);
    expect(l.text).toContain("1 januari 2999");

    const closed = await newCollection({ status: "stangd" });
    const s = await request(t.app).get(`/e/${closed.slug}`);
    expect(s.status).toBe(410);
    expect(s.text).toContain("Enkäten är stängd");
    expect(s.headers["cache-control"]).toBe("no-store");

    const ended = await newCollection({ closesOn: "2000-01-01" });
    expect((await request(t.app).get(`/e/${ended.slug}/fraga/1`)).status).toBe(410);
    const agent = request.agent(t.app);
    const page = await agent.get(`/e/${(await newCollection()).slug}/fraga/1`);
    expect((await send(agent, `/e/${ended.slug}/fraga/1`, page.text, firstPage)).status).toBe(410);
  });
});

describe("sidor och villkor utan JavaScript", () => {
  it("när deltagaren svarar nej på 4a så hoppas 4b över, och svaret sparas som ett slutfört svar med bara datum", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    expect(p1.status).toBe(200);
    expect(p1.headers["cache-control"]).toBe("no-store");
    // 4b is not counted until 4a is ja: ten questions, seven of them on this page.
    expect(p1.text).toContain('<span class="part">Del 1 av 2, fråga 1–7 av 10<span class="visually-hidden">:</span></span> Stödet du får</h1>');
    expect(p1.text).toContain("<title>Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats</title>");
    expect(p1.text).toContain("Fråga 4a");
    expect(p1.text).toMatch(/<fieldset[^>]*>\s*<legend><span class="q-number">Fråga 1<\/span>/);
    expect(p1.text).toMatch(/id="question-q4b" hidden/);
    const r1 = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, q4b: "3", action: "next" });
    expect(r1.status).toBe(303);
    expect(r1.headers.location).toMatch(new RegExp(`^/e/${c.slug}/fraga/2\\?s=[\\w-]+&lang=sv$`));

    const p2 = await agent.get(r1.headers.location);
    expect(p2.text).toContain("Del 2 av 2, fråga 8–10 av 10");
    expect(p2.text).toContain("Skicka svaren");
    const r2 = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { q8: "Att ha en plan", q9: "", q10: "", action: "next" });
    expect(r2.status).toBe(303);
    expect(r2.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    expect((await agent.get(r2.headers.location)).text).toContain("Tack för dina svar!");

    const rows = await rowsOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      finished: true, language: "sv", answeredOn: swedishDate(new Date()),
      answers: { q1: 5, q2: 4, q3: 6, q4a: "nej", q8: "Att ha en plan" },
    });
    expect(rows[0].answers).not.toHaveProperty("q4b");
    expect(rows[0].answers).not.toHaveProperty(q(5));
  });

  it("när deltagaren svarar ja på 4a utan JavaScript så visas sidan igen med fråga 4b, och 4b sparas sedan", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    const again = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, q4a: "ja", action: "next" });
    expect(again.status).toBe(200);
    expect(again.text).toContain("följdfråga");
    // Now 4b is asked: eleven questions, eight of them on this page.
    expect(again.text).toContain("Del 1 av 2, fråga 1–7 av 10");
    expect(again.text).toMatch(/id="question-q4b" data-show-when="q4a"/);
    expect(again.text).toMatch(/id="q4a" name="q4a" value="ja" checked/);
    const r = await send(agent, `/e/${c.slug}/fraga/1`, again.text, { ...firstPage, q4a: "ja", q4b: "2", action: "next" });
    expect(r.status).toBe(303);
    const saved = (await rowsOf(c.id))[0];
    expect(saved).toMatchObject({ finished: false, answers: { q4a: "ja", q4b: 2 } });
    expect((await agent.get(r.headers.location)).text).toContain("Del 2 av 2, fråga 8–10 av 10");

    // back to page 1 and change 4a to nej: the old 4b answer is dropped, not an error
    const back = await agent.get(`/e/${c.slug}/fraga/1?s=${hiddenFields(again.text).s}`);
    expect(back.text).toMatch(/id="q4b-2" name="q4b" value="2" checked/);
    const r2 = await send(agent, `/e/${c.slug}/fraga/1`, back.text, { ...firstPage, q4a: "nej", q4b: "2", action: "next" });
    expect(r2.status).toBe(303);
    expect((await rowsOf(c.id))[0].answers).not.toHaveProperty("q4b");
  });

  it("när en obligatorisk fråga saknas så blir det 422 med felsammanfattning som länkar till frågan och alla val kvar", async () => {
    const c = await newCollection();
    await requireQuestions(c, ["q1", "q8"]);
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    expect(p1.text).toContain("(måste besvaras)");
    const res = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { q2: "3", q3: "0", q4a: "nej", action: "next" });
    expect(res.status).toBe(422);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain('<a href="#q1">Välj ett svar på fråga 1.</a>');
    expect(res.text).toMatch(/id="q2-3" name="q2" value="3" checked/);
    expect(res.text).toMatch(/id="q3-0" name="q3" value="0" checked/);
    expect(res.text).toContain("<title>Fel: Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats</title>");
    expect(res.text).toContain("Del 1 av 2, fråga 1–7 av 10<span");
    expect(await rowsOf(c.id)).toHaveLength(0);
    // a value no radio button offers is refused too
    const bad = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { q1: "9", action: "next" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<a href="#q1">Välj ett av svarsalternativen på fråga 1.</a>');
  });

  it("när fritexten innehåller ett telefonnummer så avvisas den med 422, texten finns kvar och inget sparas", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    const r1 = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, action: "next" });
    const p2 = await agent.get(r1.headers.location);
    const text = "Ring mig på 070-123 45 67 så berättar jag";
    const res = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { q8: text, q9: "Bra stöd", action: "next" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("verkar innehålla ett telefonnummer. Ta bort det");
    expect(res.text).toContain('<a href="#q8">');
    expect(res.text).toContain(`>${text}</textarea>`);
    expect(res.text).toContain(">Bra stöd</textarea>");
    const rows = await rowsOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].finished).toBe(false);
    expect(JSON.stringify(rows[0].answers)).not.toContain("070");
    // "Spara" refuses it too: personal data is never stored
    expect((await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { q8: "mejla a.b@exempel.se", action: "save" })).status).toBe(422);
  });

  it("när ett obligatoriskt svar saknas på en tidigare sida så visas den sidan med fel och frågorna räknade efter de sparade svaren", async () => {
    const c = await newCollection();
    await requireQuestions(c, ["q1"]);
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    // Saved without q1 (saving asks for nothing), with 4a = ja and 4b answered.
    const saved = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { q2: "4", q4a: "ja", q4b: "2", action: "save" });
    expect(saved.status).toBe(200);
    const s = hiddenFields(p1.text).s;
    const p2 = await agent.get(`/e/${c.slug}/fraga/2?s=${s}`);
    expect(p2.text).toContain("Del 2 av 2, fråga 8–10 av 10");
    const res = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { q8: "Klart", action: "next" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("<title>Fel: Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats</title>");
    expect(res.text).toContain('<a href="#q1">Välj ett svar på fråga 1.</a>');
    expect(res.text).toMatch(/id="q4b-2" name="q4b" value="2" checked/);
    // Someone else's first visit is not changed by these answers: the first page is the same for everyone.
    expect((await request(t.app).get(`/e/${c.slug}/fraga/1`)).text).toContain("Del 1 av 2, fråga 1–7 av 10");
  });
});

describe("nästa sida från inspelningen", () => {
  it("när två svarande kommer till sida 2 utan sparade svar där så får den andra sidan från inspelningen (fast.ts) med sin egen token och en ny nyckel, och sparade svar på sidan visas alltid", async () => {
    const c = await newCollection();
    const page2 = async (answers: Record<string, string>) => {
      const agent = request.agent(t.app);
      const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
      const r1 = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...answers, action: "next" });
      expect(r1.status).toBe(303);
      return { agent, s: hiddenFields(p1.text).s, page: await agent.get(r1.headers.location) };
    };
    const a = await page2(firstPage);
    expect(a.page.status).toBe(200);
    expect(hiddenFields(a.page.text).s).toBe(a.s);
    // Change the cached insamling's title in place: Express would now render the new title, the recording keeps the old.
    const cached = collections.peekBySlug(t.ctx, c.slug)!;
    const title = cached.definition.title.sv;
    cached.definition.title.sv = "Ändrad bara i minnet";
    try {
      const b = await page2({ ...firstPage, q1: "2" });
      expect(b.page.text).not.toContain("Ändrad bara i minnet");
      const fa = hiddenFields(a.page.text), fb = hiddenFields(b.page.text);
      expect(fb.s).toBe(b.s);
      expect(fb.s).not.toBe(fa.s);
      expect(fb.key).toMatch(/^[\w-]{32}$/);
      expect(fb.key).not.toBe(fa.key);
      expect(b.page.text.replace(fb.s, "S").replace(fb.key, "K")).toBe(a.page.text.replace(fa.s, "S").replace(fa.key, "K"));
      expect(Number(b.page.headers["content-length"])).toBe(Buffer.byteLength(b.page.text));
      const { date: _d1, ...h1 } = a.page.headers, { date: _d2, ...h2 } = b.page.headers;
      expect(h2).toEqual(h1);
      // A token of another length than the stand-in's still gives a whole page with the right length.
      const long = crypto.randomBytes(45).toString("base64url");
      const other = await request(t.app).get(`/e/${c.slug}/fraga/2?s=${long}&lang=sv`);
      expect(hiddenFields(other.text).s).toBe(long);
      expect(Number(other.headers["content-length"])).toBe(Buffer.byteLength(other.text));
      expect(other.text).toContain("</html>");

      // Saved answers on the page itself are shown (through Express): never someone else's page.
      expect((await send(b.agent, `/e/${c.slug}/fraga/2`, b.page.text, { q8: "Mitt eget svar", action: "save" })).status).toBe(200);
      const resumed = await b.agent.get(`/e/${c.slug}/fraga/2?s=${b.s}&lang=sv`);
      expect(resumed.text).toContain(">Mitt eget svar</textarea>");
      expect(resumed.text).toContain("Ändrad bara i minnet");
      expect(hiddenFields(resumed.text).s).toBe(b.s);
      // and the recording is not changed by it
      const d = await page2(firstPage);
      expect(d.page.text).not.toContain("Mitt eget svar");
      expect(d.page.text).not.toContain("Ändrad bara i minnet");
      // The same address in the cases the recording is not for, answered as before (fast.ts hands them to Express):
      // a page the form does not have leads to the start page, an invitation's page is rendered with it, and a
      // finished response's page leads to the thanks page.
      expect((await request(t.app).get(`/e/${c.slug}/fraga/3?s=${d.s}&lang=sv`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
      expect((await request(t.app).get(`/e/${c.slug}/fraga/201?s=${d.s}&lang=sv`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
      const done = await send(d.agent, `/e/${c.slug}/fraga/2`, d.page.text, { q8: "Klart", action: "next" });
      expect(done.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
      const again = await request(t.app).get(`/e/${c.slug}/fraga/2?s=${d.s}&lang=sv`);
      expect(again.status).toBe(303);
      expect(again.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    } finally {
      cached.definition.title.sv = title;
    }
  });
});

describe("tacksidan från inspelningen", () => {
  it("när tacksidan har visats en gång så skickas den sedan från inspelningen (fast.ts) med samma innehåll och rubriker, och en stängd insamlings tacksida går genom Express", async () => {
    const c = await newCollection();
    const first = await request(t.app).get(`/e/${c.slug}/tack?lang=sv`);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Tack för dina svar!");
    // Change the cached insamling's title in place: Express would now render the new title, the recording keeps the old.
    const cached = collections.peekBySlug(t.ctx, c.slug)!;
    const title = cached.definition.title.sv;
    expect(first.text).toContain(title);
    cached.definition.title.sv = "Ändrad bara i minnet";
    try {
      const second = await request(t.app).get(`/e/${c.slug}/tack?lang=sv`);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      const { date: _d1, ...h1 } = first.headers, { date: _d2, ...h2 } = second.headers;
      expect(h2).toEqual(h1);
      expect(second.headers["cache-control"]).toBe("no-store");
      expect(second.headers["referrer-policy"]).toBe("no-referrer");
      // Another language is rendered (and recorded) on its own.
      expect((await request(t.app).get(`/e/${c.slug}/tack?lang=en`)).text).toContain("Thank you");
    } finally {
      cached.definition.title.sv = title;
    }
    // The recording is only for an open insamling: a closed one's thanks page still says thank you, through Express.
    const closed = await newCollection({ status: "stangd" });
    const done = await request(t.app).get(`/e/${closed.slug}/tack`);
    expect(done.status).toBe(200);
    expect(done.text).toContain("Tack för dina svar!");
    expect((await request(t.app).get("/e/finnsinte1/tack")).status).toBe(404);
  });
});

describe("spara och fortsätt, dubbla inskick", () => {
  it("när deltagaren sparar så visas en personlig länk som fortsätter där den slutade, och svaret räknas som ej slutfört", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1?lang=en`);
    const r1 = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, action: "next" });
    const p2 = await agent.get(r1.headers.location);
    const saved = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { q8: "Halvfärdigt", action: "save" });
    expect(saved.status).toBe(200);
    const link = new RegExp(`id="resume-link" lang="zxx" dir="ltr" translate="no">(http://samspar\\.test/e/${c.slug}/fortsatt/[\\w-]+)</p>`).exec(saved.text)?.[1];
    expect(link).toBeTruthy();
    expect(await answering.countResponses(t.ctx, c.id)).toEqual({ finished: 0, unfinished: 1 });

    // later, in another browser
    const other = request.agent(t.app);
    const resumed = await other.get(link!.replace("http://samspar.test", ""));
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toMatch(new RegExp(`^/e/${c.slug}/fraga/2\\?s=[\\w-]+&lang=en$`));
    const p2b = await other.get(resumed.headers.location);
    expect(p2b.text).toContain(">Halvfärdigt</textarea>");
    const done = await send(other, `/e/${c.slug}/fraga/2`, p2b.text, { q8: "Klart", action: "next" });
    expect(done.headers.location).toBe(`/e/${c.slug}/tack?lang=en`);
    expect(await answering.countResponses(t.ctx, c.id)).toEqual({ finished: 1, unfinished: 0 });
    // the link of a sent response leads to the thanks page, and a made-up link to a kind page
    expect((await other.get(link!.replace("http://samspar.test", ""))).headers.location).toBe(`/e/${c.slug}/tack?lang=en`);
    const bad = await other.get(`/e/${c.slug}/fortsatt/${crypto.randomBytes(24).toString("base64url")}`);
    expect(bad.status).toBe(404);
    expect(bad.text).toContain("Länken fungerar inte");
  });

  it("när sista sidan skickas två gånger så sparas ett svar och båda gångerna visas tacksidan", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, action: "next" });
    const p2 = await agent.get(`/e/${c.slug}/fraga/2?s=${hiddenFields(p1.text).s}`);
    const fields = { q8: "Svar", action: "next" };
    const [a, b] = await Promise.all([send(agent, `/e/${c.slug}/fraga/2`, p2.text, fields), send(agent, `/e/${c.slug}/fraga/2`, p2.text, fields)]);
    const c3 = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, fields);
    for (const r of [a, b, c3]) {
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    }
    // and a resent first page after that changes nothing
    expect((await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, q1: "1", action: "next" })).headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    const rows = await rowsOf(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ finished: true, answers: { q1: 5, q8: "Svar" } });
  });

  it("när ett formulär saknar sina dolda fält eller sidan inte finns så blir det en vänlig sida", async () => {
    const c = await newCollection();
    const agent = request.agent(t.app);
    const res = await agent.post(`/e/${c.slug}/fraga/1`).type("form").send({ q1: "3" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Sidan hade gått ut");
    expect((await agent.get(`/e/${c.slug}/fraga/7`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
    expect((await agent.get(`/e/${c.slug}/fraga/x`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
    expect((await agent.get(`/e/${c.slug}/fraga/2`)).headers.location).toBe(`/e/${c.slug}?lang=sv`);
  });
});

describe("personliga inbjudningslänkar", () => {
  it("när en inbjuden svarar så väntar svaret tills k inbjudna har svarat, och länken visar sedan Du har redan svarat", async () => {
    const c = await newCollection();
    const token = crypto.randomBytes(24).toString("base64url");
    await t.ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: c.forbundId, email: "inbjuden@exempel.se", tokenHash: crypto.createHash("sha256").update(token).digest("hex") });
    const agent = request.agent(t.app);
    const start = await agent.get(`/e/${c.slug}?i=${token}`);
    expect(start.text).toContain(`name="i" value="${token}"`);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1?lang=sv&i=${token}`);
    const r1 = await send(agent, `/e/${c.slug}/fraga/1`, p1.text, { ...firstPage, action: "next" });
    expect(r1.headers.location).toContain(`i=${token}`);
    const p2 = await agent.get(r1.headers.location);
    const done = await send(agent, `/e/${c.slug}/fraga/2`, p2.text, { action: "next" });
    expect(done.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    // Held apart (answering/held.ts): not yet among the responses, and the invitation not yet marked.
    const [inv] = await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, c.id));
    expect(inv.answered).toBe(false);
    expect((await rowsOf(c.id)).filter((r) => r.finished)).toHaveLength(0);
    const again = await request(t.app).get(`/e/${c.slug}?i=${token}`);
    expect(again.status).toBe(200);
    expect(again.text).toContain("Du har redan svarat");
    expect((await request(t.app).get(`/e/${c.slug}/fraga/1?i=${token}`)).text).toContain("Du har redan svarat");
  });
});

describe("API: POST /api/v1/collections/:id/responses", () => {
  async function bearer(role: "koordinator" | "lasare" | "admin", forbundId = forbund.forbund.id) {
    const u = await makeUser(t.ctx, { forbundId, role, areaIds: role === "koordinator" ? [forbund.areas[0].id] : [] });
    return (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
  }

  it("när svaren är giltiga så sparas ett slutfört svar daterat i dag och svaret är 201 med id", async () => {
    const c = await newCollection();
    const key = await bearer("koordinator");
    const res = await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${key}`)
      .send({ answers: { q1: 5, q4a: "ja", q4b: "4", q8: "Tydliga mål" } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    const [row] = await rowsOf(c.id);
    expect(row).toMatchObject({ id: res.body.id, finished: true, answeredOn: swedishDate(new Date()), answers: { q1: 5, q4a: "ja", q4b: 4, q8: "Tydliga mål" } });
  });

  it("när svaren är fel så blir det 422 med issues per fråga", async () => {
    const c = await newCollection();
    await requireQuestions(c, ["q2"]);
    const key = await bearer("admin");
    const res = await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${key}`)
      .send({ answers: { q1: 9, q99: 1, q8: "mitt nummer är 19121212-1212" } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation");
    const byQuestion = Object.fromEntries(res.body.error.issues.map((i: { question: string; message: string }) => [i.question, i.message]));
    expect(byQuestion.q99).toContain("finns inte");
    expect(byQuestion.q1).toContain("1–6");
    expect(byQuestion.q2).toContain("måste besvaras");
    expect(byQuestion.q8).toContain("personnummer");
    // One issue shape across the API: `path` beside the contract's `question`.
    for (const i of res.body.error.issues) expect(i.path).toBe(i.question);
    const shape = await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${key}`).send({ answers: [1] });
    expect(shape.status).toBe(422);
    expect(shape.body.error.issues[0]).toMatchObject({ question: "answers", path: "answers" });
    expect(await rowsOf(c.id)).toHaveLength(0);
  });

  it("när nyckeln är en läsares så blir det 403, ett annat förbunds 404 och en stängd insamling 409", async () => {
    const c = await newCollection();
    const body = { answers: { q1: 3 } };
    expect((await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${await bearer("lasare")}`).send(body)).status).toBe(403);
    const other = await makeForbund(t.ctx);
    expect((await request(t.app).post(`/api/v1/collections/${c.id}/responses`).set("Authorization", `Bearer ${await bearer("admin", other.forbund.id)}`).send(body)).status).toBe(404);
    const closed = await newCollection({ status: "stangd" });
    expect((await request(t.app).post(`/api/v1/collections/${closed.id}/responses`).set("Authorization", `Bearer ${await bearer("admin")}`).send(body)).status).toBe(409);
    expect((await request(t.app).post(`/api/v1/collections/${c.id}/responses`).send(body)).status).toBe(401);
  });
});
