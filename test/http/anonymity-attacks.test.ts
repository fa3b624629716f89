/**
 * Attacks on anonymity, tried as the attackers of issue 12 would: someone who can read the database
 * (a DBA, a backup, pg_dump) and someone who reads the figures twice. Each must fail against the product.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sql } from "drizzle-orm";
import { loginAgent, startTestApp, type TestApp } from "../helpers/app.js";
import { makeAdmin, makeCollection, makeForbund, PASSWORD } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as results from "../../server/results/service.js";
import { invitations } from "../../models/schema.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
const K = 5; // the förbund's reporting threshold (the default)
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
});
afterAll(async () => { await t?.close(); });

type Agent = ReturnType<typeof request.agent>;
const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}

/** A respondent answers the two pages of the indicator questionnaire, with their own recognisable pattern. */
async function answer(slug: string, pattern: Record<string, string>, invitationToken?: string, page2: Record<string, string> = {}) {
  const agent: Agent = request.agent(t.app);
  const p1 = await agent.get(`/e/${slug}/fraga/1?lang=sv${invitationToken ? `&i=${invitationToken}` : ""}`);
  const r1 = await agent.post(`/e/${slug}/fraga/1`).type("form").send({ ...hiddenFields(p1.text), ...pattern, q4a: "nej", action: "next" });
  expect(r1.status).toBe(303);
  const p2 = await agent.get(r1.headers.location);
  const done = await agent.post(`/e/${slug}/fraga/2`).type("form").send({ ...hiddenFields(p2.text), ...page2, action: "next" });
  expect(done.headers.location).toBe(`/e/${slug}/tack?lang=sv`);
}

/** Person i's pattern: (q1, q2, q3) differs for every i below 216. */
const patternOf = (i: number) => ({ q1: String(1 + (i % 6)), q2: String(1 + (Math.floor(i / 6) % 6)), q3: String(1 + (Math.floor(i / 36) % 6)) });
const keyOf = (a: Record<string, unknown>) => `${a.q1}/${a.q2}/${a.q3}`;

async function openCollection() {
  const c = await makeCollection(t.ctx, forbund);
  const user = await makeAdmin(t.ctx, forbund);
  return { c: await collections.changeStatus(t.ctx, user, c.id, "oppen"), user };
}

describe("en som kan läsa databasen försöker koppla inbjudningar till svar", () => {
  it("när 2k inbjudna och k oinbjudna svarar en i taget så pekar varken xmin, ctid, id eller datum ut färre än k svar för någon inbjudan", async () => {
    const { c } = await openCollection();
    // 2k invitations, each with its own token (as the mail would carry it).
    const invited: { email: string; token: string }[] = [];
    for (let i = 0; i < 2 * K; i++) {
      const token = crypto.randomBytes(24).toString("base64url");
      const email = `person${i}@inbjuden.se`;
      await t.ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: c.forbundId, email, tokenHash: crypto.createHash("sha256").update(token).digest("hex") });
      invited.push({ email, token });
    }
    // They and k uninvited people answer one at a time, interleaved, each with a recognisable pattern.
    const truth = new Map<string, string>(); // invitation e-mail → its answer pattern
    let person = 0;
    for (let i = 0; i < 2 * K; i++) {
      const p = patternOf(person++);
      await answer(c.slug, p, invited[i].token);
      truth.set(invited[i].email, keyOf(p));
      if (i % 2 === 1) await answer(c.slug, patternOf(person++));
    }

    // The attacker reads the tables directly, with their system columns.
    const resp = rowsOf<{ id: string; xmin: string; ctid: string; answers: Record<string, unknown>; answered_on: string }>(await t.ctx.db.execute(sql`
      select id::text, xmin::text, ctid::text, answers, answered_on::text from responses where collection_id = ${c.id} and finished`));
    const inv = rowsOf<{ id: string; xmin: string; ctid: string; email: string; answered: boolean; sent_on: string | null }>(await t.ctx.db.execute(sql`
      select id::text, xmin::text, ctid::text, email, answered, sent_on::text from invitations where collection_id = ${c.id}`));
    expect(resp).toHaveLength(3 * K);
    const answered = inv.filter((r) => r.answered);
    expect(answered.length).toBeGreaterThanOrEqual(K); // the bookkeeping still knows who answered (reminders)

    const ctidKey = (s: string) => { const [b, o] = s.slice(1, -1).split(",").map(Number); return b * 100_000 + o; };
    const orderings: Record<string, { resp: (r: (typeof resp)[number]) => number | string; inv: (r: (typeof inv)[number]) => number | string }> = {
      xmin: { resp: (r) => Number(r.xmin), inv: (r) => Number(r.xmin) },
      ctid: { resp: (r) => ctidKey(r.ctid), inv: (r) => ctidKey(r.ctid) },
      id: { resp: (r) => r.id, inv: (r) => r.id },
    };
    const uninvited = resp.length - answered.length;
    for (const [name, o] of Object.entries(orderings)) {
      // Rank alignment: the j-th answered invitation in this order is one of the responses j … j + (uninvited) in it.
      const rs = [...resp].sort((a, b) => (o.resp(a) < o.resp(b) ? -1 : 1));
      const is = [...answered].sort((a, b) => (o.inv(a) < o.inv(b) ? -1 : 1));
      is.forEach((x, j) => {
        const candidates = rs.slice(j, j + uninvited + 1);
        expect(candidates.length, `${name}: ${x.email}`).toBeGreaterThanOrEqual(K);
      });
    }
    // Transaction ids: the responses written in the nearest transaction at or before the one that marked the invitation.
    for (const x of answered) {
      const t0 = Number(x.xmin);
      const before = resp.filter((r) => Number(r.xmin) <= t0);
      const nearest = Math.max(...before.map((r) => Number(r.xmin)));
      const candidates = before.filter((r) => Number(r.xmin) === nearest);
      const guessed = candidates.map((r) => keyOf(r.answers));
      expect(guessed.length, `xmin: ${x.email} → ${guessed.join(", ")}`).toBeGreaterThanOrEqual(K);
      // The candidates hold the true answer (the attack is sound), among at least k.
      expect(guessed).toContain(truth.get(x.email));
    }
    // Timestamps: every response carries only the day, the same for all.
    expect(new Set(resp.map((r) => r.answered_on)).size).toBe(1);
  });

  it("när färre än k inbjudna har svarat så finns deras svar inte bland svaren, och inbjudan säger inte vem som har svarat", async () => {
    const { c } = await openCollection();
    const token = crypto.randomBytes(24).toString("base64url");
    await t.ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: c.forbundId, email: "ensam@inbjuden.se", tokenHash: crypto.createHash("sha256").update(token).digest("hex") });
    await answer(c.slug, patternOf(7), token);
    const resp = rowsOf(await t.ctx.db.execute(sql`select 1 from responses where collection_id = ${c.id} and finished`));
    expect(resp).toHaveLength(0);
    const [inv] = rowsOf<{ answered: boolean }>(await t.ctx.db.execute(sql`select answered from invitations where collection_id = ${c.id}`));
    expect(inv.answered).toBe(false);
    // Nothing in the held tables names the invitation: its id and token hash appear nowhere.
    const dump = JSON.stringify([
      ...rowsOf(await t.ctx.db.execute(sql`select * from held_responses where collection_id = ${c.id}`)),
      ...rowsOf(await t.ctx.db.execute(sql`select * from held_invitation_marks where collection_id = ${c.id}`)),
    ]);
    const [row] = rowsOf<{ id: string; token_hash: string }>(await t.ctx.db.execute(sql`select id::text, token_hash from invitations where collection_id = ${c.id}`));
    expect(dump).not.toContain(row.id);
    expect(dump).not.toContain(row.token_hash);
    // The respondent who comes back is told kindly that their answer is in.
    expect((await request(t.app).get(`/e/${c.slug}?i=${token}`)).text).toContain("Du har redan svarat");
  });
});

describe("inbjudningar som väntar när insamlingen stängs, och för få inbjudna", () => {
  it("när insamlingen stängs med färre än k väntande inbjudningssvar så räknas svaren in, men inga inbjudningar märks", async () => {
    const { c, user } = await openCollection();
    const tokens: string[] = [];
    for (let i = 0; i < 2 * K; i++) {
      const token = crypto.randomBytes(24).toString("base64url");
      await t.ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: c.forbundId, email: `s${i}@inbjuden.se`, tokenHash: crypto.createHash("sha256").update(token).digest("hex") });
      tokens.push(token);
    }
    for (let i = 0; i < 3; i++) await answer(c.slug, patternOf(i), tokens[i]);
    const finished = async () => rowsOf(await t.ctx.db.execute(sql`select 1 from responses where collection_id = ${c.id} and finished`)).length;
    expect(await finished()).toBe(0);
    await collections.changeStatus(t.ctx, user, c.id, "stangd");
    expect(await finished()).toBe(3);
    const marked = rowsOf(await t.ctx.db.execute(sql`select 1 from invitations where collection_id = ${c.id} and answered`));
    expect(marked).toHaveLength(0);
    expect(rowsOf(await t.ctx.db.execute(sql`select 1 from held_responses where collection_id = ${c.id}`))).toHaveLength(0);
  });

  it("när färre än k personer skulle bli inbjudna så vägras inbjudan med ett tydligt meddelande", async () => {
    const { c, user } = await openCollection();
    const { invite } = await import("../../server/collections/invitations.js");
    const few = await invite(t.ctx, user, c.id, "a@x.se b@x.se");
    expect(few).toMatchObject({ ok: false });
    expect(few).not.toHaveProperty("reason"); // refused for its input (422), not a conflict
    expect(JSON.stringify(few)).toContain(`Bjud in minst ${K} personer`);
    expect(await invite(t.ctx, user, c.id, "a@x.se b@x.se c@x.se d@x.se e@x.se")).toMatchObject({ ok: true, sent: 5 });
    expect(await invite(t.ctx, user, c.id, "f@x.se")).toMatchObject({ ok: true, sent: 1 }); // k reached already
  });
});

describe("någon läser resultaten två gånger för att räkna ut en persons svar", () => {
  it("när en person till svarar så är siffrorna oförändrade, och först efter k nya svar ändras de", async () => {
    const { c, user } = await openCollection();
    const read = async () => { const r = await results.collectionResults(t.ctx, user, c.id, { texts: true }); return JSON.stringify([r.view, r.texts]); };
    for (let i = 0; i < K; i++) await answer(c.slug, patternOf(i), undefined, { q8: `Vanlig mening nummer ${i}` });
    const first = await read();
    expect(first).toContain("Vanlig mening nummer 0");
    expect(first).toContain(`"n":${K}`);
    await answer(c.slug, patternOf(100), undefined, { q8: "Min alldeles egen mening om stödet" });
    expect(await read()).toBe(first);
    // Staff are told why the figures move in steps.
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    const page = await agent.get(`/resultat/insamling/${c.id}`);
    expect(page.text).toContain(`Senast uppdaterad när ${K} svar hade kommit in; nästa uppdatering efter ytterligare ${K - 1} svar.`);
    for (let i = 1; i < K - 1; i++) await answer(c.slug, patternOf(100 + i));
    expect(await read()).toBe(first); // k − 1 new answers: still the same snapshot
    await answer(c.slug, patternOf(200));
    const third = await read();
    expect(third).not.toBe(first);
    expect(third).toContain(`"n":${2 * K}`);
    expect(third).toContain("Min alldeles egen mening om stödet");
  });
});
