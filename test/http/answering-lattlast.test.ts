/**
 * The lättläst audit: every page a respondent can meet, rendered in sv-lattlast, holds no ordinary-Swedish
 * interface text — neither the hard words issue 15 names nor any Swedish catalog text whose lättläst
 * wording differs (which would mean a page took its words from the wrong catalog).
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sendAnswers as send, startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, requireQuestions } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import { sv } from "../../server/answering/words/sv.js";
import { svLattlast } from "../../server/answering/words/sv-lattlast.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
});
afterAll(async () => { await t?.close(); });

const LL = "sv-lattlast";

/** Words a lättläst reader should not meet (issue 15, and the unit test's list). */
const HARD = ["IP-adress", "följdfråga", "tillkomma", "ej aktuellt", "uppgifter", "Kontrollera", "rättas", "svarsalternativ", "koppla till", "nämligen"];

/**
 * The Swedish catalog's texts that lättläst words differently, as the pieces a page would show: each
 * text split at its placeholders, keeping the pieces of 8 characters or more that the lättläst text does
 * not have as well (a shared "Svaret på " is no sign of the wrong catalog).
 */
function swedishOnly(): { key: string; piece: string }[] {
  const out: { key: string; piece: string }[] = [];
  for (const [key, value] of Object.entries(sv)) {
    const ll = (svLattlast as Record<string, unknown>)[key];
    const pairs: [string, string][] = typeof value === "string"
      ? [[value, String(ll)]]
      : Object.entries(value).map(([form, text]) => [text as string, String((ll as Record<string, string>)[form] ?? "")]);
    for (const [text, easy] of pairs) {
      if (text === easy) continue;
      for (const piece of text.split(/\{\{[^}]*\}\}/).map((p) => p.trim())) {
        if (piece.length >= 8 && !easy.includes(piece)) out.push({ key, piece });
      }
    }
  }
  return out;
}

/** What a reader sees of a page: its text and its attributes' words (title, labels, button values), without tags. */
function seen(html: string): string {
  const decoded = (s: string) => s.replace(/&#34;|&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const withoutCode = html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "");
  const attrs = [...withoutCode.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  return decoded(`${withoutCode.replace(/<[^>]+>/g, " ")} ${attrs.join(" ")}`).replace(/\s+/g, " ");
}

function expectEasy(page: string, html: string) {
  const text = seen(html);
  for (const hard of HARD) expect(text, `${page}: "${hard}"`).not.toContain(hard);
  for (const { key, piece } of swedishOnly()) expect(text, `${page}: svenskans ${key} ("${piece}")`).not.toContain(piece);
  expect(html, page).toContain('<html lang="sv"');
}


async function lattlastCollection(v: Partial<collections.CreateCollectionInput> = {}) {
  const c = await makeCollection(t.ctx, forbund, { languages: ["sv", LL], ...v });
  // q1 required, so that the error summary can be seen
  await requireQuestions(t.ctx, c, ["q1"]);
  return c;
}

describe("lättläst på varje sida en svarande kan se", () => {
  it("när granskningen letar så hittar den svenskans ord: testet kan fånga en sida med fel katalog", () => {
    const pieces = swedishOnly().map((p) => p.piece);
    expect(pieces).toContain("Beroende på dina svar kan en följdfråga tillkomma.");
    expect(pieces).toContain("Spara och fortsätt senare");
    expect(() => expectEasy("svensk startsida", "<html lang=\"sv\"><p>Vet inte / ej aktuellt</p></html>")).toThrow();
    expect(() => expectEasy("svensk knapp", "<html lang=\"sv\"><button>Spara och fortsätt senare</button></html>")).toThrow();
  });

  it("när startsidan, sidorna och stegen visas på lättläst så finns inga vanliga svenska gränssnittsord", async () => {
    const c = await lattlastCollection();
    const agent = request.agent(t.app);
    expectEasy("startsidan", (await agent.get(`/e/${c.slug}?lang=${LL}`)).text);
    const page1 = (await agent.get(`/e/${c.slug}/fraga/1?lang=${LL}`)).text;
    expectEasy("sida 1", page1);
    expectEasy("steg 1", (await agent.get(`/e/${c.slug}/steg/1?lang=${LL}`)).text);

    // errors: a required answer missing, and a choice that was never offered
    const required = await send(agent, page1, { q2: "4", action: "next" });
    expect(required.status).toBe(422);
    expectEasy("felsammanfattningen (obligatorisk)", required.text);
    const offered = await send(agent, page1, { q1: "99", action: "next" });
    expect(offered.status).toBe(422);
    expectEasy("felsammanfattningen (ogiltigt val)", offered.text);

    // the follow-up notice without JavaScript
    const reveal = await send(agent, page1, { q1: "5", q4a: "ja", action: "next" });
    expect(reveal.status).toBe(200);
    expect(reveal.text).toContain('<a href="#q4b" class="big-link" autofocus>Svara på fråga 4b</a>');
    expectEasy("följdfrågan", reveal.text);

    // page 2: a phone number in free text, then the last page's "Skicka"
    const moved = await send(agent, reveal.text, { q1: "5", q4a: "ja", q4b: "3", action: "next" });
    const page2 = (await agent.get(moved.headers.location)).text;
    expectEasy("sida 2", page2);
    const pii = await send(agent, page2, { q8: "Ring mig på 070-123 45 67", action: "next" });
    expect(pii.status).toBe(422);
    expectEasy("felsammanfattningen (personuppgift)", pii.text);

    const saved = await send(agent, page2, { q8: "Bra", action: "save" });
    expect(saved.status).toBe(200);
    expectEasy("sparad", saved.text);

    const done = await send(agent, page2, { q8: "Bra", action: "next" });
    expectEasy("tack", (await agent.get(done.headers.location)).text);
  });

  it("när en sida inte tar emot svar eller en länk är fel så är den vänliga sidan också på lättläst", async () => {
    const closed = await lattlastCollection({ status: "stangd" });
    const closedPage = await request(t.app).get(`/e/${closed.slug}?lang=${LL}`);
    expect(closedPage.status).toBe(410);
    expectEasy("stängd", closedPage.text);

    const later = await lattlastCollection({ opensOn: "2099-01-01" });
    const notYet = await request(t.app).get(`/e/${later.slug}?lang=${LL}`);
    expect(notYet.status).toBe(404);
    expectEasy("inte öppen ännu", notYet.text);

    const unknown = await request(t.app).get(`/e/finnsintealls9?lang=${LL}`);
    expect(unknown.status).toBe(404);
    expectEasy("okänd adress", unknown.text);

    const open = await lattlastCollection();
    const badLink = await request(t.app).get(`/e/${open.slug}/fortsatt/${crypto.randomBytes(24).toString("base64url")}?lang=${LL}`);
    expect(badLink.status).toBe(404);
    expectEasy("fel länk", badLink.text);

    // a form without its hidden fields: the page had expired, said in the page's own language
    const expired = await request(t.app).post(`/e/${open.slug}/fraga/1`).type("form").send({ lang: LL, q1: "5" });
    expect(expired.status).toBe(400);
    expectEasy("utgången sida", expired.text);
  });
});
