import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { createMailer } from "../../server/mail.js";
import type { Ctx } from "../../server/context.js";
import { mailOutbox } from "../../models/schema.js";
import * as audit from "../../server/audit/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as deviations from "../../server/deviations/service.js";
import { settled } from "../../server/later.js";

// Two apps: the one without SMTP keeps mail in the outbox as not sent; the other delivers it to a test SMTP server.
let nosmtp: TestApp;
let smtp: TestApp;
let app: TestApp["app"];
let ctx: Ctx;

beforeAll(async () => {
  [nosmtp, smtp] = await Promise.all([startTestApp({ smtp: false }), startTestApp()]);
  ({ app, ctx } = nosmtp);
});
afterAll(async () => {
  await Promise.all([nosmtp?.close(), smtp?.close()]);
});

async function adminOf(t: TestApp = nosmtp) {
  const f = await makeForbund(t.ctx);
  const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
  return { ...f, admin, agent: await loginAgent(t.app, admin.email, PASSWORD) };
}

const idsIn = (html: string, base = "/utkorg") => [...html.matchAll(new RegExp(`href="${base}/([0-9a-f-]{36})"`, "g"))].map((m) => m[1]);

describe("utkorg", () => {
  it("när SMTP saknas så hamnar ett återställningsmejl i utkorgen som inte skickat, syns för förbundets admin men inte för ett annat förbunds", async () => {
    const a = await adminOf();
    const b = await adminOf();
    const person = await makeUser(ctx, { forbundId: a.forbund.id, role: "lasare" });
    const sent = await postForm(request.agent(app), "/konto/glomt-losenord", "/konto/glomt-losenord", { email: person.email });
    expect(sent.status).toBe(200);
    await settled(); // the reset mail is written after the answer

    const list = await a.agent.get("/utkorg");
    expect(list.status).toBe(200);
    expect(list.headers["cache-control"]).toBe("no-store");
    expect(list.text).toContain("Här visas bara e-post som");
    expect(list.text).toContain(person.email);
    expect(list.text).toContain("Återställ ditt lösenord i Samspår");
    expect(list.text).toContain("Inte skickad – e-post är inte inställd");
    const [id] = idsIn(list.text);

    const show = await a.agent.get(`/utkorg/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).toContain(person.email);
    expect(show.text).toMatch(/http:\/\/samspar\.test\/konto\/losenord\/[\w-]+/);
    expect(show.text).toContain("<pre>");
    expect(show.text).not.toContain("Skicka igen"); // nothing to send it with

    const other = await b.agent.get("/utkorg");
    expect(other.text).not.toContain(person.email);
    expect(other.text).toContain("Inga meddelanden.");
    expect((await b.agent.get(`/utkorg/${id}`)).status).toBe(404);
  });

  it("när en admin i förbund A lägger till förbund B:s partskontakt som användare så syns inte B:s begäran om svar i A:s utkorg (fynd 3)", async () => {
    const a = await adminOf();
    const b = await adminOf();
    const bAdmin = (await accounts.loadForbundUser(ctx, b.admin.id))!;
    const contact = `avvikelser-${Date.now()}@region-b.exempel.se`;
    await deviations.saveSettings(ctx, bAdmin, b.forbund.id, { answerDays: 60, reminderDays: 7, retentionMonths: 36, partyContacts: { [b.partyIds.Region]: contact } });
    const reported = await makeDeviation(ctx, b);
    expect((await deviations.requestAnswers(ctx, bAdmin, reported.id, [b.partyIds.Region])).ok).toBe(true);

    // The attack: A's admin makes B's party contact an account in A, then reads the outbox.
    await makeUser(ctx, { forbundId: a.forbund.id, role: "lasare", email: contact });
    const list = await a.agent.get("/utkorg");
    expect(list.status).toBe(200);
    expect(list.text).not.toContain("Begäran om svar");
    expect(list.text).not.toContain(reported.caseNumber);
    for (const id of idsIn(list.text)) expect((await a.agent.get(`/utkorg/${id}`)).text).not.toContain("/a/svar/");

    // Nor by its address: the message is B's, and A gets 404 for it, to read or to send again.
    const [row] = await ctx.db.select().from(mailOutbox).where(and(eq(mailOutbox.recipient, contact), eq(mailOutbox.forbundId, b.forbund.id)));
    expect(row.body).toContain("/a/svar/");
    const direct = await a.agent.get(`/utkorg/${row.id}`);
    expect(direct.status).toBe(404);
    expect(direct.text).not.toContain("/a/svar/");
    expect((await postForm(a.agent, "/utkorg", `/utkorg/${row.id}/skicka-igen`, {})).status).toBe(404);

    // B's admin, whose förbund sent it, sees it with the link to pass on.
    const own = await b.agent.get(`/utkorg/${row.id}`);
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/\/a\/svar\/[\w-]{40,}/);
  });

  it("när flera mejl finns så visas det nyaste först, och långa listor delas i sidor", async () => {
    const a = await adminOf();
    const at = (iso: string) => createMailer({ db: ctx.db, clock: { now: () => new Date(iso) }, from: ctx.config.mailFrom });
    await at("2026-01-01T09:00:00Z").send({ forbundId: a.forbund.id, to: "forst@exempel.se", subject: "Först", text: "ett" });
    await at("2026-01-01T10:00:00Z").send({ forbundId: a.forbund.id, to: "sedan@exempel.se", subject: "Sedan", text: "två" });
    const list = (await a.agent.get("/utkorg")).text;
    expect(list.indexOf("sedan@exempel.se")).toBeGreaterThan(-1);
    expect(list.indexOf("sedan@exempel.se")).toBeLessThan(list.indexOf("forst@exempel.se"));
    expect(list).toContain("2026-01-01 11:00"); // Swedish time
    expect(list).not.toContain("Äldre meddelanden");

    const mailer = at("2025-06-01T08:00:00Z");
    for (let i = 0; i < 50; i++) await mailer.send({ forbundId: a.forbund.id, to: `gammal-${i}@exempel.se`, subject: "Gammalt", text: "x" });
    const first = (await a.agent.get("/utkorg")).text;
    expect(idsIn(first)).toHaveLength(50);
    expect(first).toContain("Sida 1 av 2 (52 meddelanden).");
    expect(first).toContain('href="/utkorg?sida=2">Äldre meddelanden');
    const second = (await a.agent.get("/utkorg?sida=2")).text;
    expect(idsIn(second)).toHaveLength(2);
    expect(second).toContain('href="/utkorg?sida=1">Nyare meddelanden');
    expect((await a.agent.get("/utkorg?sida=abc")).status).toBe(200);
  });

  it("när någon ber om ett meddelande med en adress som inte är ett id så blir det 404", async () => {
    const a = await adminOf();
    for (const p of ["/utkorg/..%2Fhemlig.eml", "/utkorg/%2E%2E%2Fhemlig.eml", "/utkorg/hemlig.txt", "/utkorg/..", "/utkorg/%2Fetc%2Fpasswd", "/utkorg/00000000-0000-0000-0000-000000000000"]) {
      expect((await a.agent.get(p)).status, p).toBe(404);
    }
  });

  it("när en koordinator öppnar utkorgen så blir det 403", async () => {
    const { forbund } = await makeForbund(ctx);
    const k = await makeUser(ctx, { forbundId: forbund.id, role: "koordinator" });
    const agent = await loginAgent(app, k.email, PASSWORD);
    expect((await agent.get("/utkorg")).status).toBe(403);
    expect((await agent.get("/plattform/utkorg")).status).toBe(403);
    expect((await agent.get("/logg")).status).toBe(403);
  });

  it("när SMTP är inställt så visar utkorgen meddelandet i kö och sedan som skickat", async () => {
    const a = await adminOf(smtp);
    const person = await makeUser(smtp.ctx, { forbundId: a.forbund.id, role: "lasare" });
    expect((await postForm(request.agent(smtp.app), "/konto/glomt-losenord", "/konto/glomt-losenord", { email: person.email })).status).toBe(200);
    await settled(); // the reset mail is written after the answer (later.ts)
    const queued = await a.agent.get("/utkorg");
    expect(queued.text).toContain("E-post skickas via SMTP");
    expect(queued.text).toMatch(/<td>I kö<\/td>/);
    const mail = await smtp.lastMailTo(person.email);
    expect(mail?.subject).toBe("Återställ ditt lösenord i Samspår");
    expect((await a.agent.get("/utkorg")).text).toMatch(/<td>Skickad \d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/);
  });
});

describe("plattformens utkorg", () => {
  it("när plattformsadministratören skapar ett förbund så ligger inbjudan i plattformens utkorg, inte i något förbunds", async () => {
    const home = await adminOf();
    const superadmin = await makeUser(ctx, { forbundId: home.forbund.id, role: "superadmin" });
    const agent = await loginAgent(app, superadmin.email, PASSWORD);
    const email = `chef-${Date.now()}@nytt.exempel.se`;
    expect((await postForm(agent, "/plattform", "/plattform/forbund", { name: `Nytt förbund ${Date.now()}`, adminEmail: email, adminName: "Ny Chef" })).status).toBe(303);

    expect((await agent.get("/plattform")).text).toContain('href="/plattform/utkorg"');
    const platform = await agent.get("/plattform/utkorg");
    expect(platform.status).toBe(200);
    expect(platform.text).toContain("Plattformens utkorg");
    expect(platform.text).toContain(email);
    const [id] = idsIn(platform.text, "/plattform/utkorg");
    expect((await agent.get(`/plattform/utkorg/${id}`)).text).toMatch(/\/konto\/losenord\/[\w-]+/);
    // The superadmin's home förbund does not get it, and its admin cannot reach the platform's outbox.
    expect((await agent.get("/utkorg")).text).not.toContain(email);
    expect((await home.agent.get("/utkorg")).text).not.toContain(email);
    expect((await home.agent.get(`/utkorg/${id}`)).status).toBe(404);
    expect((await home.agent.get("/plattform/utkorg")).status).toBe(403);
  });

  it("när en plattformsadministratör ber om ett nytt lösenord så hamnar länken i plattformens utkorg, inte hos hemförbundets admin", async () => {
    const home = await adminOf();
    const superadmin = await makeUser(ctx, { forbundId: home.forbund.id, role: "superadmin" });
    expect((await postForm(request.agent(app), "/konto/glomt-losenord", "/konto/glomt-losenord", { email: superadmin.email })).status).toBe(200);
    expect((await home.agent.get("/utkorg")).text).not.toContain(superadmin.email);
    const agent = await loginAgent(app, superadmin.email, PASSWORD);
    expect((await agent.get("/plattform/utkorg")).text).toContain(superadmin.email);
  });
});

describe("logg", () => {
  it("när admin har loggat in och skapat en API-nyckel så visar loggen båda, och filtret visar bara det valda", async () => {
    const a = await adminOf();
    const b = await adminOf();
    const created = await postForm(a.agent, "/api-nycklar", "/api-nycklar", { name: "Uppföljning i Excel" });
    expect(created.status).toBe(201);

    const log = await a.agent.get("/logg");
    expect(log.status).toBe(200);
    expect(log.text).toContain("Inloggning");
    expect(log.text).toContain("API-nyckel skapad");
    expect(log.text).toContain("”Uppföljning i Excel”");
    expect(log.text).toContain(a.admin.email);
    expect(log.text).not.toContain(b.admin.email);
    expect(log.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

    const filtered = await a.agent.get("/logg?action=token.created");
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain("”Uppföljning i Excel”");
    expect(filtered.text).not.toMatch(/<th scope="row">Inloggning<\/th>/);
    expect(filtered.text).toMatch(/value="token.created" selected/);

    const unknown = await a.agent.get("/logg?action=%3Cscript%3E");
    expect(unknown.status).toBe(200);
    expect(unknown.text).toMatch(/<th scope="row">Inloggning<\/th>/);
  });

  it("när tiden visas så är den svensk tid", async () => {
    const a = await adminOf();
    const winter = { ...ctx, clock: { now: () => new Date("2026-01-15T12:00:00Z") } };
    await audit.record(winter, { ...a.admin, forbundId: a.forbund.id }, "export", { bilaga: "Tabell måluppfyllelse" });
    const log = await a.agent.get("/logg?action=export");
    expect(log.text).toContain("2026-01-15 13:00:00");
    expect(log.text).toContain("bilaga: Tabell måluppfyllelse");
  });
});
