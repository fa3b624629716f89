import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createMailer } from "../../server/mail.js";
import { createLogger } from "../../server/log.js";
import type { Ctx } from "../../server/context.js";
import type { Database } from "../../models/db.js";
import { openTestDatabase } from "../helpers/db.js";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as audit from "../../server/audit/service.js";
import { settled } from "../../server/later.js";

// Two apps: one without SMTP (mail goes to an outbox in a temporary directory), and the usual one with SMTP.
let dir: string;
let database: Database;
let app: Express;
let ctx: Ctx;
let smtp: TestApp;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "samspar-outbox-"));
  database = await openTestDatabase();
  const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://samspar.test", LOG_LEVEL: "silent" });
  const mailer = createMailer({ from: config.mailFrom, outboxDir: path.join(dir, "outbox") });
  const deps = { config, database, mailer, clock: { now: () => new Date() }, log: createLogger("silent") };
  app = createApp({ ...deps, sessionSecret: "test-secret-test-secret-test-secret-0123" });
  ctx = { ...deps, db: database.db };
  smtp = await startTestApp();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function adminOf() {
  const f = await makeForbund(ctx);
  const admin = await makeUser(ctx, { forbundId: f.forbund.id, role: "admin" });
  return { ...f, admin, agent: await loginAgent(app, admin.email, PASSWORD) };
}

describe("utkorg", () => {
  it("när SMTP saknas så hamnar ett återställningsmejl i utkorgen, syns för förbundets admin men inte för ett annat förbunds", async () => {
    const a = await adminOf();
    const b = await adminOf();
    const person = await makeUser(ctx, { forbundId: a.forbund.id, role: "lasare" });
    const sent = await postForm(request.agent(app), "/konto/glomt-losenord", "/konto/glomt-losenord", { email: person.email });
    expect(sent.status).toBe(200);
    await settled(); // the reset mail is written after the answer

    const list = await a.agent.get("/utkorg");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Här visas bara meddelanden till konton i");
    expect(list.text).toContain(person.email);
    expect(list.text).toContain("Återställ ditt lösenord i Samspår");
    const file = /href="\/utkorg\/([0-9A-Za-z-]+\.eml)"/.exec(list.text)![1];

    const show = await a.agent.get(`/utkorg/${file}`);
    expect(show.status).toBe(200);
    expect(show.text).toContain(person.email);
    expect(show.text).toMatch(/http:\/\/samspar\.test\/konto\/losenord\/[\w-]+/);
    expect(show.text).toContain("<pre>");

    const other = await b.agent.get("/utkorg");
    expect(other.text).not.toContain(person.email);
    expect(other.text).toContain("Inga meddelanden.");
    expect((await b.agent.get(`/utkorg/${file}`)).status).toBe(404);
  });

  it("när flera mejl finns så visas det nyaste först", async () => {
    const a = await adminOf();
    const first = await makeUser(ctx, { forbundId: a.forbund.id, role: "lasare", email: `forst-${Date.now()}@exempel.se` });
    const second = await makeUser(ctx, { forbundId: a.forbund.id, role: "lasare", email: `sedan-${Date.now()}@exempel.se` });
    await ctx.mailer.send({ to: first.email, subject: "Först", text: "ett" });
    await new Promise((r) => setTimeout(r, 5));
    await ctx.mailer.send({ to: second.email, subject: "Sedan", text: "två" });
    const list = (await a.agent.get("/utkorg")).text;
    expect(list.indexOf(second.email)).toBeGreaterThan(-1);
    expect(list.indexOf(second.email)).toBeLessThan(list.indexOf(first.email));
  });

  it("när någon försöker nå en fil utanför utkorgen så blir det 404", async () => {
    const a = await adminOf();
    await fs.writeFile(path.join(dir, "hemlig.eml"), `To: ${a.admin.email}\r\nSubject: Hemlig\r\n\r\nhemligt innehåll\r\n`);
    for (const p of ["/utkorg/..%2Fhemlig.eml", "/utkorg/%2E%2E%2Fhemlig.eml", "/utkorg/..%5Chemlig.eml", "/utkorg/hemlig.txt", "/utkorg/finns-inte.eml", "/utkorg/..", "/utkorg/%2Fetc%2Fpasswd"]) {
      const res = await a.agent.get(p);
      expect(res.status, p).toBe(404);
      expect(res.text).not.toContain("hemligt innehåll");
    }
  });

  it("när en koordinator öppnar utkorgen så blir det 403", async () => {
    const { forbund } = await makeForbund(ctx);
    const k = await makeUser(ctx, { forbundId: forbund.id, role: "koordinator" });
    const agent = await loginAgent(app, k.email, PASSWORD);
    expect((await agent.get("/utkorg")).status).toBe(403);
    expect((await agent.get("/logg")).status).toBe(403);
  });

  it("när SMTP är inställt så säger sidan att e-post skickas via SMTP och att det inte finns någon utkorg", async () => {
    const { forbund } = await makeForbund(smtp.ctx);
    const admin = await makeUser(smtp.ctx, { forbundId: forbund.id, role: "admin" });
    const agent = await loginAgent(smtp.app, admin.email, PASSWORD);
    const res = await agent.get("/utkorg");
    expect(res.status).toBe(200);
    expect(res.text).toContain("E-post skickas via SMTP");
    expect(res.text).toContain("ingen utkorg");
    expect((await agent.get("/utkorg/2026-01-01T00-00-00-000Z-abcd1234.eml")).status).toBe(404);
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
