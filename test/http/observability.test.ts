/**
 * Logs and metrics (issue 13): one JSON access line per request with the route's pattern, status, time and
 * request id; the app's own lines with the same id; GET /metrics behind METRICS_TOKEN. And the attacker's
 * view: a respondent's slug, a resume or invitation token, a query string, an answer or a cookie must never
 * be found in a log line or a metric — the test fails if the path were logged.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { waitFor } from "../helpers/wait.js";
import { startTestApp, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { createLogger } from "../../server/log.js";
import { countJobRun } from "../../server/metrics.js";

const METRICS_TOKEN = crypto.randomBytes(24).toString("base64url");
const lines: string[] = [];
let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;

beforeAll(async () => {
  const log = createLogger("info", { destination: { write: (l: string) => void lines.push(l) } });
  t = await startTestApp({ log, env: { LOG_LEVEL: "info", METRICS_TOKEN } });
  forbund = await makeForbund(t.ctx);
});
afterAll(async () => { await t?.close(); });

type Line = Record<string, unknown> & { msg: string };
const parsed = (): Line[] => lines.map((l) => JSON.parse(l) as Line);
const accessLines = () => parsed().filter((l) => typeof l.route === "string");

/** The access line is written when the response closes, a moment after the client has it: retries `check` until it passes. */
const eventually = (check: () => unknown) => waitFor("loggraden", async () => { await check(); return true; }, { timeout: 5_000, interval: 10 });

async function newCollection() {
  return makeCollection(t.ctx, forbund);
}

function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}

const scrape = () => request(t.app).get("/metrics").set("Authorization", `Bearer ${METRICS_TOKEN}`);
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("åtkomstloggen", () => {
  it("när förfrågningar går genom appen så skrivs en JSON-rad per förfrågan med id, metod, ruttmönster, status och tid", async () => {
    lines.length = 0;
    await request(t.app).get("/healthz").set("X-Request-Id", "lb-4f2a9c");
    await request(t.app).get("/finns/inte/alls");
    await request(t.app).get("/healthz").set("X-Request-Id", "ett id med mellanslag och <tecken>");
    await eventually(() => expect(accessLines()).toHaveLength(3));
    const all = accessLines();
    for (const l of all) {
      expect(l.level).toBe(30);
      expect(l.method).toBe("GET");
      expect(typeof l.ms).toBe("number");
      expect(l.ms as number).toBeGreaterThanOrEqual(0);
      expect(typeof l.requestId).toBe("string");
    }
    expect(all[0]).toMatchObject({ requestId: "lb-4f2a9c", route: "/healthz", status: 200 });
    expect(all[1]).toMatchObject({ route: "(ingen route)", status: 404 });
    // an incoming id that is not short and plain is replaced by a new one
    expect(all[2].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(all.map((l) => l.requestId)).size).toBe(3);
    expect(lines.join("")).not.toContain("/finns/inte");
  });

  it("när en enkät besvaras så loggas ruttmönstren, och varken adressen, token, frågesträngen, svaret eller kakan syns i loggen eller i mätvärdena", async () => {
    lines.length = 0;
    const c = await newCollection();
    const secretQuery = `spar${crypto.randomBytes(6).toString("hex")}`;
    const invitation = crypto.randomBytes(24).toString("base64url");
    const answer = `Mitt hemliga svar ${crypto.randomBytes(6).toString("hex")}`;
    const agent = request.agent(t.app);

    // The start page twice (the second from the recording in answering/fast.ts), with an invitation and a query string.
    await agent.get(`/e/${c.slug}`);
    await agent.get(`/e/${c.slug}`);
    await agent.get(`/e/${c.slug}?i=${invitation}&utm=${secretQuery}`);
    const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
    expect(p1.status).toBe(200);
    const next = await agent.post(`/e/${c.slug}/fraga/1`).type("form")
      .send({ ...hiddenFields(p1.text), q1: "5", q2: "4", q3: "6", q4a: "nej", action: "next" });
    expect(next.status).toBe(303);
    const resume = hiddenFields(p1.text).s;
    expect(resume).toMatch(/^[\w-]{20,}$/);
    const p2 = await agent.get(String(next.headers.location));
    const saved = await agent.post(`/e/${c.slug}/fraga/2`).type("form")
      .send({ ...hiddenFields(p2.text), q8: answer, q9: "", q10: "", action: "save" });
    expect(saved.status).toBeLessThan(500);
    await agent.get(`/e/${c.slug}/fortsatt/${resume}?lang=en&x=${secretQuery}`);

    // Staff: a signed-in session's cookie, and a password-reset token in a path.
    const user = await makeUser(t.ctx, { forbundId: forbund.forbund.id, role: "admin" });
    const staff = request.agent(t.app);
    const login = await staff.get("/login");
    const signedIn = await staff.post("/login").type("form").send({ email: user.email, password: PASSWORD, _csrf: csrfFrom(login.text) });
    const cookie = /samspar\.sid=([^;]+)/.exec(String(signedIn.headers["set-cookie"]))?.[1];
    expect(cookie).toBeTruthy();
    await staff.get("/start");
    const resetToken = crypto.randomBytes(24).toString("base64url");
    await request(t.app).get(`/konto/losenord/${resetToken}`);
    await eventually(() => expect(accessLines().map((l) => l.route)).toContain("/konto/losenord/:token"));

    const metrics = (await scrape()).text;
    for (const [what, secret] of Object.entries({ slug: c.slug, invitation, resume, secretQuery, answer, cookie: cookie!, resetToken, email: user.email, password: PASSWORD })) {
      expect(lines.join(""), `${what} i loggen`).not.toContain(secret);
      expect(metrics, `${what} i mätvärdena`).not.toContain(secret);
    }
    expect(lines.join("")).not.toContain("hemliga");

    const routes = accessLines().map((l) => `${l.method} ${l.route} ${l.status}`);
    expect(routes).toEqual(expect.arrayContaining([
      "GET /e/:slug 200", "GET /e/:slug/fraga/:n 200", "POST /e/:slug/fraga/:n 303", "POST /e/:slug/fraga/:n 200",
      "GET /e/:slug/fortsatt/:token 303", "POST /login 303", "GET /start 200", "GET /konto/losenord/:token 410",
    ]));
    // the second visit was sent from the recording (answering/fast.ts), outside Express: labelled all the same
    expect(accessLines().filter((l) => l.route === "/e/:slug")).toHaveLength(3);
  });
});

describe("appens egna rader", () => {
  it("när något går sönder inom en förfrågan så bär felraden förfrågans id och ruttmönster, utan adressens token", async () => {
    const errLines: string[] = [];
    const log = createLogger("info", { destination: { write: (l: string) => void errLines.push(l) } });
    const broken = await startTestApp({ log, env: { LOG_LEVEL: "info" } });
    const token = crypto.randomBytes(24).toString("base64url");
    await broken.close(); // every query fails from now on
    const res = await request(broken.app).get(`/e/hemligslug${crypto.randomBytes(3).toString("hex")}/fortsatt/${token}`).set("X-Request-Id", "fel-42");
    expect(res.status).toBe(500);
    await eventually(() => expect(errLines.map((l) => JSON.parse(l) as Line).some((l) => l.route)).toBe(true));
    const all = errLines.map((l) => JSON.parse(l) as Line);
    const error = all.find((l) => l.level === 50);
    expect(error, errLines.join("")).toMatchObject({ requestId: "fel-42", msg: "500 GET /e/:slug/fortsatt/:token" });
    expect((error!.err as { message: string }).message).toBeTruthy();
    expect(all.find((l) => l.route)).toMatchObject({ requestId: "fel-42", status: 500 });
    expect(errLines.join("")).not.toContain(token);
    expect(errLines.join("")).not.toContain("hemligslug");
  });

  it("när nivån är silent så skrivs ingenting, inte heller åtkomstrader", () => {
    const out: string[] = [];
    const log = createLogger("silent", { destination: { write: (l: string) => void out.push(l) } });
    log.info("hej");
    log.error("fel", new Error("x"));
    log.access?.({ requestId: "a", method: "GET", route: "/", status: 200, ms: 1, aborted: false });
    expect(out).toEqual([]);
  });

  it("när en databasfråga misslyckas så loggas inte frågans parametrar", () => {
    const out: string[] = [];
    const log = createLogger("info", { destination: { write: (l: string) => void out.push(l) } });
    const err = Object.assign(new Error(`Failed query: insert into x values ($1)\nparams: 070-123 45 67`), { params: ["070-123 45 67"] });
    log.error("Något misslyckades", err);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain("Databasfrågan misslyckades");
    expect(out[0]).not.toContain("070-123");
  });
});

describe("GET /metrics", () => {
  it("när METRICS_TOKEN inte är satt så finns /metrics inte: 404 som vilken okänd adress som helst", async () => {
    const bare = await startTestApp();
    try {
      const unknown = await request(bare.app).get("/finns-inte");
      const res = await request(bare.app).get("/metrics").set("Authorization", "Bearer vad-som-helst-vad-som-helst-0123456789");
      expect(res.status).toBe(404);
      expect(res.text).toBe(unknown.text);
      expect((await request(bare.app).get("/metrics")).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("när nyckeln saknas eller är fel så blir det 401 utan detaljer", async () => {
    const { keys } = { keys: [undefined, "Bearer fel", `Bearer ${METRICS_TOKEN}x`, `Bearer ${METRICS_TOKEN.slice(1)}A`, `Basic ${METRICS_TOKEN}`] };
    for (const auth of keys) {
      const req = request(t.app).get("/metrics");
      const res = await (auth ? req.set("Authorization", auth) : req);
      expect(res.status, String(auth)).toBe(401);
      expect(res.text).toBe("Obehörig\n");
    }
  });

  it("när rätt nyckel skickas så svarar den i Prometheus-format med förfrågningar per ruttmönster, utkorgen per tillstånd och jobbens körningar", async () => {
    const c = await newCollection();
    await request(t.app).get(`/e/${c.slug}/tack`);
    await request(t.app).get(`/e/${c.slug}/tack`);
    const thanks = 'samspar_http_requests_total{method="GET",route="/e/:slug/tack",status="200"}';
    await eventually(async () => expect(sample((await scrape()).text, thanks)).toBe(2));
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.headers["content-type"]).toContain("text/plain");
    expect(before.headers["cache-control"]).toBe("no-store");
    expect(sample(before.text, thanks)).toBe(2);
    expect(before.text).toContain('samspar_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/e/:slug/tack",status="200"}');
    expect(before.text).toContain("process_cpu_user_seconds_total");
    expect(before.text).not.toContain(c.slug);

    // One more queued message: the gauge reads the table when scraped.
    const queued = 'samspar_mail_outbox_messages{state="queued"}';
    const queuedBefore = sample(before.text, queued)!;
    expect(queuedBefore).toBeGreaterThanOrEqual(0);
    await t.ctx.mailer.send({ forbundId: forbund.forbund.id, to: "matning@exempel.se", subject: "Mätning", text: "x" }, t.ctx.db);
    countJobRun("mätjobb", "failed");
    const after = await scrape();
    expect(sample(after.text, queued)).toBe(queuedBefore + 1);
    expect(sample(after.text, 'samspar_mail_outbox_messages{state="failed"}')).toBe(0);
    expect(sample(after.text, 'samspar_job_runs_total{job="mätjobb",outcome="failed"}')).toBe(1);
    expect(sample(after.text, thanks)).toBe(2);
    // The database pool where there is one (PostgreSQL); the embedded PGlite has none to report.
    if (t.ctx.database.kind === "postgres") expect(sample(after.text, "samspar_db_pool_connections")).toBeGreaterThanOrEqual(1);
    else expect(after.text).not.toContain("samspar_db_pool_connections");
  });
});
