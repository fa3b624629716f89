/**
 * Issue 13, "Shown to work": a PostgreSQL server of its own (initdb + pg_ctl, bench/postgres.ts), three
 * Samspår processes on it started at the same moment (the same DATABASE_URL, no SESSION_SECRET), nginx
 * from Debian in front (round robin), and a real SMTP server. Everything runs as real processes on loopback.
 *
 * Each process has its own DATA_DIR, as on separate hosts: a shared directory would hide anything that
 * still lives in DATA_DIR (a session secret kept in a file there would then happen to be the same for all).
 *
 * It runs in one of CI's two `npm test` passes only, the one on a PostgreSQL server (TEST_DATABASE_URL set;
 * it does not use that server but starts its own), or alone with CLUSTER_TEST=1. The mail worker runs in
 * seconds instead of minutes through its documented settings (MAIL_POLL_SECONDS, MAIL_RETRY_SECONDS,
 * MAIL_LEASE_SECONDS), so a retry and an expired lease are shown without waiting minutes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type Cluster } from "../../bench/postgres.js";
import { cleanup, freePort, killAll, root, waitForReady } from "./helpers.js";
import { JOBS } from "../../server/jobs/registry.js";
import {
  Browser, findNginx, hasPostgresBinaries, respondentForms, samsparSite, sleep, spawnApps, startNginx, startSmtp,
  type AppProcess, type Nginx, type SmtpSink,
} from "./cluster.js";

const ADMIN = { email: "it@hoglandet.example.se", password: "ett långt lösenord för klustret" };
const DEMO = "Höglandets samordningsförbund (demo)";
const TIMEOUT = 60_000;

const nginxBin = findNginx();
const postgresUserMissing = process.getuid?.() === 0 && !fs.readFileSync("/etc/passwd", "utf8").split("\n").some((l) => l.startsWith("postgres:"));
const skipReason =
  !(process.env.TEST_DATABASE_URL || process.env.CLUSTER_TEST === "1")
    ? "körs bara i PostgreSQL-passet (TEST_DATABASE_URL satt), eftersom det startar en egen PostgreSQL-server och inte behöver köras två gånger; ensamt: CLUSTER_TEST=1 npx vitest run test/process/cluster.test.ts"
    : !nginxBin ? "nginx saknas (apt-get install nginx, eller sätt NGINX_BIN)"
      : !hasPostgresBinaries() ? "PostgreSQL:s initdb och pg_ctl saknas (apt-get install postgresql, eller sätt PG_BIN)"
        : postgresUserMissing ? "körs som root men användaren postgres finns inte (initdb vägrar köra som root)"
          : undefined;
if (skipReason) console.log(`cluster.test.ts: hoppas över: ${skipReason}`);

let cluster: Cluster | undefined;
let sql: pg.Client;
let smtp: SmtpSink;
let apps: AppProcess[] = [];
let nginx: Nginx | undefined;
let admin: Browser;

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const rows = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await sql.query(text, params)).rows as T[];
const mailTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

/** Polls `check` until it returns true; fails with `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`väntade förgäves i ${ms} ms på: ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!!skipReason)("tre processer på en PostgreSQL-server bakom nginx", () => {
  beforeAll(async () => {
    const started = await startPostgres({ maxSeconds: 600 });
    if ("skip" in started) throw new Error(started.skip);
    cluster = started;
    sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
    smtp = await startSmtp();
    const nginxPort = await freePort();
    apps = await spawnApps(3, {
      DATABASE_URL: cluster.url, SMTP_URL: smtp.url, BASE_URL: `http://127.0.0.1:${nginxPort}`, TRUST_PROXY: "loopback",
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
      MAIL_POLL_SECONDS: "0.5", MAIL_RETRY_SECONDS: "1,2,4,8", MAIL_LEASE_SECONDS: "4",
      // Every job every minute, looked for every second: the test sees the jobs run within about a minute.
      JOBS_CRON: "* * * * *", JOBS_POLL_SECONDS: "1",
      // Separate DATA_DIRs stand for separate hosts, which share the anonymity key through the environment (README).
      ANONYMITY_KEY: "klustertestets-anonymitetsnyckel-som-alla-delar",
    });
    await Promise.all(apps.map((a) => waitForReady(a.proc, a.port, 90_000)));
    // After the apps: a connection refused while they start would mark them down in nginx for 10 s (fail_timeout).
    nginx = await startNginx(nginxBin!, apps.map((a) => a.port), nginxPort);
    admin = new Browser(nginx.url);
  }, 120_000);

  // On a failure, what nginx saw (which upstream refused or reset what) is the first thing to read.
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail" && nginx) console.log(`nginx error.log:\n${fs.readFileSync(path.join(nginx.dir, "error.log"), "utf8").slice(-4000)}`);
  });

  afterAll(async () => {
    await nginx?.stop();
    await killAll();
    await smtp?.stop();
    await sql?.end().catch(() => undefined);
    await cluster?.stop();
    cleanup();
  }, 60_000);

  it("när tre processer startas samtidigt på en tom databas så blir det ett demoförbund, ett administratörskonto och tre redo servrar", async () => {
    expect(await rows("select name from forbund")).toEqual([{ name: DEMO }]);
    expect(await rows("select email, role from users")).toEqual([{ email: ADMIN.email, role: "superadmin" }]);
    for (const a of apps) {
      const res = await fetch(`${a.url}/readyz`);
      expect({ port: a.port, status: res.status, body: await res.json() }).toEqual({ port: a.port, status: 200, body: { status: "ready", database: "postgres" } });
    }
    // One of them did the first start; the others found it done under the advisory lock.
    expect(apps.filter((a) => a.proc.stdout().includes("Första start: demoförbundet")).length).toBe(1);
  }, TIMEOUT);

  it("när administratören loggar in genom en process så är hen inloggad i alla, direkt och genom nginx", async () => {
    const direct = new Browser(apps[0].url);
    await direct.signIn(ADMIN.email, ADMIN.password);
    for (const a of apps) {
      const page = await direct.get("/insamlingar", a.url);
      expect({ port: a.port, status: page.status, location: page.location }).toEqual({ port: a.port, status: 200, location: null });
    }
    // Through nginx, round robin: six requests reach each of the three at least once.
    await admin.signIn(ADMIN.email, ADMIN.password);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await admin.get("/insamlingar")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  }, TIMEOUT);

  it("när samma adress missar avvikelselänkar genom nginx så räknas gränsen (20 per kvart) över alla processer", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await fetch(`${nginx!.url}/a/uppfoljning/${crypto.randomBytes(32).toString("base64url")}`);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    // Round robin gave each process 7 of the 21: a limit per process would still answer 404.
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses[20]).toBe(429);
  }, TIMEOUT);

  let collectionId = "";
  let slug = "";

  it("när en inbjudningsomgång går till tre adresser så kommer exakt tre mejl fram, fast alla tre processernas arbetare kör", async () => {
    // k = 3 so that a round of three may go out (a round must reach at least k people).
    const settings = await admin.postForm("/organisation/installningar", "/organisation/installningar", { name: DEMO, reportingThreshold: "3" });
    expect(settings.status).toBe(303);
    const created = await admin.postForm("/insamlingar/ny", "/insamlingar", {
      questionnaire: "indikator-deltagare-pagaende", year: "2026", name: "Klustertest", status: "oppen", languages: "sv",
    });
    expect(created.status, created.text.slice(0, 500)).toBe(303);
    collectionId = /\/insamlingar\/([0-9a-f-]{36})$/.exec(created.location ?? "")![1];
    slug = (await rows<{ slug: string }>("select slug from collections where id = $1", [collectionId]))[0].slug;

    const to = ["anna@svarande.example.se", "bo@svarande.example.se", "cia@svarande.example.se"];
    const invited = await admin.postForm(`/insamlingar/${collectionId}`, `/insamlingar/${collectionId}/inbjudningar`, { emails: to.join("\n") });
    expect(invited.status).toBe(303);
    await until("tre mejl", () => to.every((a) => mailTo(a).length > 0));
    // Every process makes several more passes (every 0,5 s): none of them sends a message again.
    await sleep(2_000);
    expect(smtp.messages.filter((m) => m.to.some((a) => to.includes(a))).map((m) => m.to[0]).sort()).toEqual(to);
    expect(await rows("select state, attempts from mail_outbox where recipient = any($1)", [to])).toEqual(Array(3).fill({ state: "sent", attempts: 1 }));
  }, TIMEOUT);

  it("när SMTP-servern är nere så ligger mejlet kvar i kön och skickas när den är tillbaka", async () => {
    await smtp.stop();
    const to = "dan@svarande.example.se";
    expect((await admin.postForm(`/insamlingar/${collectionId}`, `/insamlingar/${collectionId}/inbjudningar`, { emails: to })).status).toBe(303);
    await until("ett misslyckat försök", async () => (await rows<{ n: number }>(
      "select count(*)::int as n from mail_outbox where recipient = $1 and state = 'queued' and attempts >= 1 and last_error is not null", [to]))[0].n === 1);
    expect(mailTo(to)).toHaveLength(0);
    await smtp.start(); // the same port
    await until("mejlet efter omstarten", () => mailTo(to).length > 0);
    await sleep(1_000);
    expect(mailTo(to)).toHaveLength(1);
    const [row] = await rows<{ state: string; attempts: number }>("select state, attempts from mail_outbox where recipient = $1", [to]);
    expect(row.state).toBe("sent");
    expect(row.attempts).toBeGreaterThanOrEqual(2);
  }, TIMEOUT);

  it("när en process dödas med kill -9 mitt i svar och utskick så finns varje bekräftat svar i databasen och varje köat mejl kommer fram en gång", async () => {
    expect(slug).not.toBe("");
    // Respondents through nginx: page 1, then page 2; the 303 to the thank-you page acknowledges the answer.
    const acknowledged: string[] = [];
    let refused = 0;
    let running = true;
    const token = () => crypto.randomBytes(24).toString("base64url");
    const respondent = async () => {
      while (running) {
        const s = token();
        const b = new Browser(nginx!.url);
        try {
          const p1 = await b.request(`/e/${slug}/fraga/1`, { form: respondentForms.page1(s, token()) });
          if (p1.status !== 303) { refused++; continue; }
          const p2 = await b.request(`/e/${slug}/fraga/2`, { form: respondentForms.page2(s, token()) });
          if (p2.status === 303 && /\/tack/.test(p2.location ?? "")) acknowledged.push(s);
          else refused++;
        } catch {
          refused++;
        }
      }
    };
    const respondents = Array.from({ length: 4 }, respondent);
    await sleep(500);

    // Mail: each of the three processes takes one message and is held at RCPT TO, so the one killed holds one.
    const to = ["eva@svarande.example.se", "fia@svarande.example.se", "gun@svarande.example.se"];
    smtp.hold();
    expect((await admin.postForm(`/insamlingar/${collectionId}`, `/insamlingar/${collectionId}/inbjudningar`, { emails: to.join(" ") })).status).toBe(303);
    await until("tre processer som väntar hos SMTP-servern", () => smtp.held() === 3, 10_000);

    const victim = apps[1];
    victim.proc.kill("SIGKILL");
    const exit = await victim.proc.waitExit(5_000);
    expect(exit.signal).toBe("SIGKILL");
    smtp.release();
    await sleep(1_500); // respondents keep going on the two that are left
    running = false;
    await Promise.all(respondents);

    console.log(`kill -9: ${acknowledged.length} bekräftade svar, ${refused} utan bekräftelse (502 från nginx eller avbrutna)`);
    expect(acknowledged.length).toBeGreaterThan(10);
    const stored = await rows<{ h: string }>("select resume_token_hash as h from responses where collection_id = $1 and finished", [collectionId]);
    const storedHashes = new Set(stored.map((r) => r.h));
    const lost = acknowledged.filter((s) => !storedHashes.has(sha256(s)));
    expect(lost).toEqual([]);
    // Rows, not results: results count released answers only (issue 12), these are all finished ones.
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored.length).toBeLessThanOrEqual(acknowledged.length + refused);

    // The killed process's message comes back when its lease (4 s here) runs out, and one of the others sends it.
    await until("tre mejl efter kill -9", () => to.every((a) => mailTo(a).length > 0), 20_000);
    await sleep(1_000);
    expect(smtp.messages.filter((m) => m.to.some((a) => to.includes(a))).map((m) => m.to[0]).sort()).toEqual(to);
    const states = await rows<{ state: string; attempts: number }>("select state, attempts from mail_outbox where recipient = any($1) order by attempts", [to]);
    expect(states).toEqual([{ state: "sent", attempts: 1 }, { state: "sent", attempts: 1 }, { state: "sent", attempts: 2 }]);

    // nginx sends everything to the two that are left.
    for (let i = 0; i < 4; i++) expect((await fetch(`${nginx!.url}/readyz`)).status).toBe(200);
  }, TIMEOUT);

  it("när alla tre processerna kör schemaläggaren så körs varje schemalagt jobb en gång per tillfälle", async () => {
    const jobs = JOBS.map((j) => j.name);
    await until("en körning av varje jobb", async () => (await rows<{ n: number }>("select count(distinct job)::int as n from job_runs where finished_at is not null"))[0].n === jobs.length, 75_000);
    await sleep(2_000); // a second process that took the same tick would have started by now
    const perTick = await rows<{ job: string; tick: string; n: number }>(
      "select job, to_char(date_trunc('minute', started_at), 'HH24:MI') as tick, count(*)::int as n from job_runs group by 1, 2 order by 1, 2");
    console.log(`jobbkörningar per minut: ${perTick.map((r) => `${r.job} ${r.tick}: ${r.n}`).join(", ")}`);
    expect(new Set(perTick.map((r) => r.job))).toEqual(new Set(jobs));
    expect(perTick.filter((r) => r.n !== 1)).toEqual([]);
    expect(await rows("select job, outcome from job_runs where outcome is distinct from 'ok'")).toEqual([]);
  }, 120_000);
});

describe("README", () => {
  it("när README visar nginx-konfigurationen så är det samma text som klustertestet kör", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const shown = samsparSite({ listen: "80", upstreams: ["10.0.0.11:3000", "10.0.0.12:3000", "10.0.0.13:3000"] });
    expect(readme.includes("```nginx\n" + shown + "```"), `README ska visa:\n${shown}`).toBe(true);
  });
});
