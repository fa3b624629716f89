import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import request from "supertest";
import { startTestApp, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, makeUser, PASSWORD } from "../helpers/factories.js";
import { errorHandler } from "../../server/http/error-handler.js";
import { createLogger } from "../../server/log.js";

let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  https = await startTestApp({ env: { BASE_URL: "https://samspar.example.se" } });
});
afterAll(async () => { await t?.close(); await https?.close(); });

describe("inloggningsspärr", () => {
  it("när ett konto får för många felaktiga lösenord från samma adress så får den adressen vänta med ett svenskt besked, även med rätt lösenord", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const agent = request.agent(t.app);
    for (let i = 0; i < 4; i++) expect((await postForm(agent, "/login", "/login", { email: user.email, password: `fel ${i}` })).status).toBe(422);
    const blocked = await postForm(agent, "/login", "/login", { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
    expect(blocked.text).toContain("För många misslyckade inloggningar");
    expect(blocked.text).toContain(`value="${user.email}"`);
    // another account from the same address is not blocked
    const other = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    expect((await postForm(agent, "/login", "/login", { email: other.email, password: PASSWORD })).status).toBe(303);
  });
});

describe("kakor och rubriker", () => {
  it("när man loggar in över http så är sessionskakan HttpOnly och SameSite=Lax", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const res = await postForm(request.agent(t.app), "/login", "/login", { email: user.email, password: PASSWORD });
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toContain("samspar.sid=");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("när BASE_URL är https och proxyn säger https så är kakan Secure och HSTS skickas", async () => {
    const { forbund } = await makeForbund(https.ctx);
    const user = await makeUser(https.ctx, { forbundId: forbund.id, role: "lasare" });
    const page = await request(https.app).get("/login").set("X-Forwarded-Proto", "https");
    expect(page.headers["strict-transport-security"]).toBeDefined();
    const login = await request(https.app).post("/login").set("X-Forwarded-Proto", "https").type("form").send({ email: user.email, password: PASSWORD });
    expect(login.status).toBe(303);
    expect(String(login.headers["set-cookie"])).toContain("Secure");
  });

  it("när en sida visas så förbjuder CSP inline-skript och ramar", async () => {
    const csp = (await request(t.app).get("/login")).headers["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline' ;script");
    expect(csp).toContain("frame-ancestors 'self'");
  });
});

describe("felaktig inmatning ger aldrig 500", () => {
  it("när API:t får trasig JSON så svarar det 400 som JSON", async () => {
    const { keys } = await makeStaff(t.ctx, await makeForbund(t.ctx));
    const res = await request(t.app).post("/api/v1/questionnaires").set("Authorization", `Bearer ${keys.koordinator}`).set("Content-Type", "application/json").send("{trasig");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeDefined();
  });

  it("när ett id i adressen inte är ett id så blir det 404, inte 500", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin" });
    const agent = request.agent(t.app);
    await postForm(agent, "/login", "/login", { email: user.email, password: PASSWORD });
    expect((await agent.get("/anvandare/inte-ett-id")).status).toBe(404);
    expect((await agent.get("/konto/losenord/x")).status).toBe(404);
  });

  it("när något oväntat går sönder så visar 500-sidan inget internt, och felet loggas utan förfrågans innehåll", async () => {
    const lines: string[] = [];
    const log = { ...createLogger("silent"), error: (msg: string, err?: unknown) => void lines.push(`${msg} ${String(err)}`) };
    const app = express();
    app.set("view engine", "ejs");
    app.set("views", new URL("../../views", import.meta.url).pathname);
    app.use(express.urlencoded({ extended: false }));
    app.post("/boom", () => { throw new Error("hemlig intern detalj"); });
    app.post("/api/boom", () => { throw new Error("hemlig intern detalj"); });
    app.use(errorHandler(log));
    const page = await request(app).post("/boom").type("form").send({ svar: "personnummer 19121212-1212" });
    expect(page.status).toBe(500);
    expect(page.text).toContain("Något gick fel");
    expect(page.text).not.toContain("hemlig");
    const json = await request(app).post("/api/boom");
    expect(json.status).toBe(500);
    expect(json.body).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(JSON.stringify(json.body)).not.toContain("hemlig");
    expect(lines.join("\n")).toContain("500 POST /boom");
    expect(lines.join("\n")).not.toContain("19121212");
  });
});
