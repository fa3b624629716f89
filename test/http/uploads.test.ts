/**
 * Uploads are refused before their body is read when the sender is not signed in, the form's CSRF
 * token is wrong or the declared size is over the limit (issue 12, finding 5). Each test sends the
 * headers and only the first bytes of the body, then waits for the answer: a server that read the
 * whole body first would never answer, and the test would time out.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import request from "supertest";
import { startTestApp, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";

let t: TestApp;
let server: http.Server;
let port: number;
let cookie: string;
let csrf: string;
let bearer: string;
beforeAll(async () => {
  t = await startTestApp();
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  const staff = await makeStaff(t.ctx, await makeForbund(t.ctx));
  bearer = staff.keys.koordinator;
  const page = await request(t.app).get("/login");
  const login = await request(t.app).post("/login").set("Cookie", String(page.headers["set-cookie"] ?? "").split(";")[0])
    .type("form").send({ email: staff.users.koordinator.email, password: PASSWORD, _csrf: csrfFrom(page.text) });
  expect(login.status).toBe(303);
  cookie = String(login.headers["set-cookie"]).split(";")[0];
  csrf = csrfFrom((await request(t.app).get("/konto/byt-losenord").set("Cookie", cookie)).text);
  expect(csrf).not.toBe("");
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.close();
});

type Answer = { status: number; location?: string; body: string };

/** Sends the headers and the first part of a body that is declared (Content-Length) to be `declared` bytes, and waits for the answer. */
function sendPart(method: string, path: string, headers: Record<string, string>, first: string, declared: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: { ...headers, "Content-Length": String(declared) } }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => { body += d; }).on("end", () => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body });
        req.destroy();
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) => { if (e.code !== "ECONNRESET") reject(e); });
    req.write(first);
  });
}

const BOUNDARY = "----samspar-test-boundary";
const multipart = { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` };
const form = { "Content-Type": "application/x-www-form-urlencoded" };
/** The start of a form-data body: the CSRF field first (as the page's form sends it), then the file's first bytes. */
const multipartStart = (token: string | null) =>
  (token === null ? "" : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`) +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="texter.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n` + "x".repeat(2000);
const MB = 1024 * 1024;
// A server that waits for the whole body never answers these requests; fail in seconds rather than at the suite's limit.
vi.setConfig({ testTimeout: 15_000 });

describe("uppladdningar avvisas innan kroppen läses", () => {
  it("när någon som inte är inloggad skickar en Excel-fil med översättningar så skickas den till inloggningen innan filen har kommit", async () => {
    const res = await sendPart("POST", "/enkater/egen-enkat/texter", multipart, multipartStart("vad som helst"), 4 * MB);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login/);
  });

  it("när en inloggad skickar en Excel-fil större än gränsen så blir det 413 innan filen läses", async () => {
    const res = await sendPart("POST", "/enkater/egen-enkat/texter", { ...multipart, Cookie: cookie }, multipartStart(csrf), 8 * MB);
    expect(res.status).toBe(413);
    expect(res.body).toContain("för stor");
  });

  it("när en inloggad skickar en Excel-fil med fel CSRF-token, eller utan token först, så blir det 403 innan filen läses", async () => {
    expect((await sendPart("POST", "/enkater/egen-enkat/texter", { ...multipart, Cookie: cookie }, multipartStart("fel-token"), 4 * MB)).status).toBe(403);
    expect((await sendPart("POST", "/enkater/egen-enkat/texter", { ...multipart, Cookie: cookie }, multipartStart(null), 4 * MB)).status).toBe(403);
  });

  it("när CSV klistras in för import utan inloggning, med fel token eller för stort så avvisas det innan texten läses", async () => {
    const path = "/insamlingar/00000000-0000-4000-8000-000000000000/import";
    const start = (token: string) => `_csrf=${encodeURIComponent(token)}&action=import&csv=` + "a;b;c%0A".repeat(500);
    const anonymous = await sendPart("POST", path, form, start("x"), 20 * MB);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/login/);
    expect((await sendPart("POST", path, { ...form, Cookie: cookie }, start("fel-token"), 20 * MB)).status).toBe(403);
    expect((await sendPart("POST", path, { ...form, Cookie: cookie }, start(csrf), 30 * MB)).status).toBe(413);
  });

  it("när en enkät i JSON klistras in utan inloggning så skickas den till inloggningen innan texten läses", async () => {
    const res = await sendPart("POST", "/enkater/importera", form, `_csrf=x&json=${"%7B".repeat(1000)}`, 900 * 1024);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login/);
  });

  it("när API:t får en import utan giltig nyckel så blir det 401 innan kroppen läses, och för stort blir 413", async () => {
    const json = { "Content-Type": "application/json" };
    expect((await sendPart("POST", "/api/v1/questionnaires", json, `{"id":"${"x".repeat(2000)}`, 900 * 1024)).status).toBe(401);
    expect((await sendPart("PUT", "/api/v1/questionnaires/egen-enkat", json, `{"id":"${"x".repeat(2000)}`, 900 * 1024)).status).toBe(401);
    const responses = "/api/v1/collections/00000000-0000-4000-8000-000000000000/responses";
    expect((await sendPart("POST", responses, json, `{"responses":[${"{},".repeat(500)}`, 900 * 1024)).status).toBe(401);
    const csv = "/api/v1/collections/00000000-0000-4000-8000-000000000000/import";
    expect((await sendPart("POST", csv, { "Content-Type": "text/csv" }, "a;b;c\n".repeat(500), 20 * MB)).status).toBe(401);
    expect((await sendPart("POST", "/api/v1/questionnaires", { ...json, Authorization: `Bearer ${bearer}` }, `{"id":"${"x".repeat(2000)}`, 2 * MB)).status).toBe(413);
  });

  it("när en inloggad skickar en fil med rätt token först så läses den och sidan svarar", async () => {
    const res = await request(t.app).post("/enkater/finns-inte/texter").set("Cookie", cookie)
      .field("_csrf", csrf).attach("file", Buffer.from("inte excel"), "texter.xlsx");
    expect(res.status).toBe(404);
  });
});
