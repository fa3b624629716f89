/**
 * Anonymity by construction: the response-side tables can hold no account, address, user agent or time
 * of day, and nothing links a response to an invitation. A column added later that breaks this fails here.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import request from "supertest";
import { eq, getTableColumns, sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import { heldInvitationMarks, heldResponses, invitations, responses, responseTallies, sessions } from "../../models/schema.js";
import * as held from "../../server/answering/held.js";

/** The tables on the respondents' side (response_tallies: counts per insamling, question and value, kept from responses). */
const responseSide = { responses, invitations, response_tallies: responseTallies };

const forbidden = /user|account|ip|agent|email|time|created_at|updated_at|session/i;
/** Columns that match the pattern but are allowed, each with its reason. */
const allowed: Record<string, string> = {
  "invitations.email":
    "the address an invitation is sent to; the table has no link to responses, and the address is deleted when the insamling closes or after the retention period",
};

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

async function dbColumns(table: string): Promise<{ name: string; type: string }[]> {
  const res = await t.ctx.db.execute(sql`select column_name as name, data_type as type from information_schema.columns where table_schema = 'public' and table_name = ${table}`);
  return (res as unknown as { rows: { name: string; type: string }[] }).rows;
}

async function foreignKeys(table: string): Promise<string[]> {
  const res = await t.ctx.db.execute(sql`
    select distinct ccu.table_name as target
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public' and tc.table_name = ${table}`);
  return (res as unknown as { rows: { target: string }[] }).rows.map((r) => r.target).sort();
}

describe("anonymitet i schemat", () => {
  it.each(Object.entries(responseSide))("när tabellen %s granskas i Drizzle så har den ingen kolumn för konto, adress, webbläsare eller klockslag", (table, def) => {
    const names = Object.values(getTableColumns(def)).map((c) => c.name);
    expect(names.length).toBeGreaterThan(3);
    const bad = names.filter((n) => forbidden.test(n) && !allowed[`${table}.${n}`]);
    expect(bad, `förbjudna kolumner i ${table}`).toEqual([]);
  });

  it.each(Object.keys(responseSide))("när den migrerade tabellen %s granskas så har den ingen sådan kolumn och ingen tidsstämpel", async (table) => {
    const cols = await dbColumns(table);
    expect(cols.length).toBeGreaterThan(3);
    expect(cols.filter((c) => forbidden.test(c.name) && !allowed[`${table}.${c.name}`]).map((c) => c.name)).toEqual([]);
    // dates are allowed (answered_on); a time of day in any form is not
    expect(cols.filter((c) => /time|interval/.test(c.type)).map((c) => `${c.name} (${c.type})`)).toEqual([]);
  });

  it("när främmande nycklar granskas så pekar svar och inbjudningar bara på insamling och förbund", async () => {
    expect(await foreignKeys("responses")).toEqual(["collections", "forbund"]);
    expect(await foreignKeys("invitations")).toEqual(["collections", "forbund"]);
    expect(await foreignKeys("response_tallies")).toEqual([]);
  });

  it("när undantagen listas så finns varje undantagen kolumn verkligen, så att listan inte växer i onödan", async () => {
    for (const key of Object.keys(allowed)) {
      const [table, column] = key.split(".");
      expect((await dbColumns(table)).map((c) => c.name)).toContain(column);
    }
  });
});

describe("anonymitet när någon svarar", () => {
  it("när en inbjuden svarar via formuläret så finns varken inbjudans token eller dess hash hos svaret, och inbjudan vet inte vilket svar", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const c = await collections.createCollection(t.ctx, forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Anonym" });
    const token = crypto.randomBytes(24).toString("base64url");
    const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
    await t.ctx.db.insert(invitations).values({ collectionId: c.id, forbundId: forbund.id, email: "deltagare@exempel.se", tokenHash });

    const printed = ["log", "info", "warn", "error"].map((m) => vi.spyOn(console, m as "log"));
    const agent = request.agent(t.app);
    const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    const p1 = await agent.get(`/e/${c.slug}/fraga/1?i=${token}`).set("User-Agent", "Testläsaren/1.0").set("X-Forwarded-For", "203.0.113.7");
    const r1 = await agent.post(`/e/${c.slug}/fraga/1`).type("form").send({ ...hidden(p1.text), q1: "4", q4a: "nej", action: "next" });
    const p2 = await agent.get(r1.headers.location);
    const done = await agent.post(`/e/${c.slug}/fraga/2`).type("form").send({ ...hidden(p2.text), q8: "Mer tid", action: "next" });
    expect(done.headers.location).toBe(`/e/${c.slug}/tack?lang=sv`);
    for (const spy of printed) { expect(spy).not.toHaveBeenCalled(); spy.mockRestore(); }

    // Held apart until k invitation answers can be released together (answering/held.ts); nothing held names the invitation.
    const waiting = JSON.stringify([
      ...(await t.ctx.db.select().from(heldResponses).where(eq(heldResponses.collectionId, c.id))),
      ...(await t.ctx.db.select().from(heldInvitationMarks).where(eq(heldInvitationMarks.collectionId, c.id))),
    ]);
    expect(waiting).toContain("Mer tid");
    for (const secret of [token, tokenHash, "deltagare@exempel.se"]) expect(waiting).not.toContain(secret);
    await held.releaseHeld(t.ctx, c.id, { closing: true });

    const rows = await t.ctx.db.select().from(responses).where(eq(responses.collectionId, c.id));
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    for (const secret of [token, tokenHash, "Testläsaren", "203.0.113.7", "deltagare@exempel.se"]) expect(stored).not.toContain(secret);
    expect(rows[0].answeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const [inv] = await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, c.id));
    expect(inv.answered).toBe(false); // released at the close with fewer than k: kept out of the bookkeeping
    const invitation = JSON.stringify(inv);
    expect(invitation).not.toContain(rows[0].id);
    if (rows[0].resumeTokenHash) expect(invitation).not.toContain(rows[0].resumeTokenHash);
    if (rows[0].submissionKey) expect(invitation).not.toContain(rows[0].submissionKey);

    // The respondent's session (only for the forms' CSRF token) knows neither the invitation nor the response.
    const sessionData = JSON.stringify(await t.ctx.db.select({ data: sessions.data }).from(sessions));
    for (const secret of [token, tokenHash, rows[0].id]) expect(sessionData).not.toContain(secret);
  });
});
