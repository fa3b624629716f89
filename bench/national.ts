/**
 * A simulated national year (issue 20, "Measured"), on PostgreSQL: 75 förbund, each with an insamling of the
 * indikator questionnaire for participants in 2025 and 2026, every förbund sharing nationally, three of them in a
 * group. Then, over HTTP through the app (createApp, as server/main.ts serves it; the time until the whole body is in):
 *   - the national view of 2026 (every förbund's column, the aggregate, last year's): the API's JSON and the HTML page
 *   - the national export as DOCX, XLSX and CSV (GET /api/v1/national/indicators?format=…)
 *   - the group comparison (GET /api/v1/groups/:id/comparison, a member förbund's läsare)
 * each the first call and the median of five warm calls. Prints Markdown. The database is created for the run and
 * dropped after it, also when the run fails.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55440/postgres npx tsx bench/national.ts
 *
 * A normal year has about 4 000 answered questionnaires (NNS 2022: 3 970), 53 per förbund. The stress case gives
 * every year 1 000 000 answered questionnaires (13 334 per förbund; BENCH_NATIONAL_ANSWERS sets any total):
 *
 *   BENCH_NATIONAL_ANSWERS=1000000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55440/postgres npx tsx bench/national.ts
 *
 * The answers are seeded with one set-based insert per insamling (generate_series) into `responses`, finished and
 * released as the form stores them once a snapshot is let in: the table's statement triggers (migrations 0009, 0012)
 * count them into `response_tallies` as they do for the form, the API and the import, so the figures read are the
 * app's own. One answer in fifty more is left unfinished (a questionnaire begun and not sent), as on a real link.
 * Seeding the stress case takes a few minutes on two cores.
 */
import http from "node:http";
import pg from "pg";
import request from "supertest";
import { sql } from "drizzle-orm";
import { fromUrl } from "../models/db.js";
import { loadConfig } from "../server/config.js";
import { createMailer } from "../server/mail.js";
import { createLogger } from "../server/log.js";
import { systemClock } from "../server/clock.js";
import { createApp } from "../server/app.js";
import type { Ctx } from "../server/context.js";
import * as organisation from "../server/organisation/service.js";
import * as orgRepo from "../server/organisation/repo.js";
import * as accounts from "../server/accounts/service.js";
import { insertUser } from "../server/accounts/repo.js";
import { hashPassword } from "../server/accounts/password.js";
import * as tokens from "../server/tokens/service.js";
import * as collections from "../server/collections/service.js";
import * as groups from "../server/groups/service.js";
import { responses } from "../models/schema.js";

const FORBUND = 75;
const TOTAL = Number(process.env.BENCH_NATIONAL_ANSWERS ?? 3975);
if (!Number.isInteger(TOTAL) || TOTAL < FORBUND) throw new Error(`BENCH_NATIONAL_ANSWERS ska vara ett heltal, minst ${FORBUND}.`);
const PER_FORBUND = Math.ceil(TOTAL / FORBUND);
const IND = "indikator-deltagare-pagaende";
const YEAR = 2026;
const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error("Sätt BENCH_DATABASE_URL till en PostgreSQL-server.");

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
async function measure(fn: () => Promise<unknown>) {
  const t0 = performance.now(); await fn(); const first = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await fn(); warm.push(performance.now() - t); }
  return { first, warm: median(warm) };
}

const name = `samspar_bench_national_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create database ${name}`);
const u = new URL(url); u.pathname = `/${name}`;
const database = fromUrl(u.toString());
let server: http.Server | undefined;
let cleaned: Promise<void> | undefined;
/** Closes the app and the pool and drops the run's database: at the end, after a failure, and on Ctrl-C or kill. */
const cleanUp = () => (cleaned ??= (async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database.close().catch(() => {});
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
})());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => { console.error(`\n${signal}: tar bort databasen ${name}`); void cleanUp().finally(() => process.exit(130)); });
}
try {
  await database.migrate();
  const config = loadConfig({ DATA_DIR: "/nonexistent", BASE_URL: "http://samspar.test", LOG_LEVEL: "silent", SEED_DEMO: "false" });
  const deps = {
    config, database, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench",
    mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
  };
  const ctx: Ctx = { ...deps, db: database.db };
  const password = "bänkens långa lösenord";
  const passwordHash = await hashPassword(password);

  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < FORBUND; i++) {
    const { forbund } = await organisation.createForbund(ctx, `Samordningsförbund ${String(i + 1).padStart(2, "0")}`);
    const area = await orgRepo.insertArea(ctx.db, forbund.id, "Hela förbundet");
    const adminUser = await accounts.loadForbundUser(ctx, (await insertUser(ctx.db, { forbundId: forbund.id, email: `admin${i}@bench.test`, name: "Admin", role: "admin" })).id);
    for (const year of [YEAR - 1, YEAR]) {
      const c = await collections.createCollection(ctx, forbund.id, { questionnaire: IND, year, name: `Deltagare ${year}`, areaId: area.id, interventionId: null });
      // Answers from the row number (shifted per förbund, so that the förbund differ): every value of q1–q7 occurs,
      // 4a ja for two thirds (and 4b then); every 50th row more is begun and not sent.
      const unfinished = Math.floor(PER_FORBUND / 50);
      await ctx.db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, released, answers)
        select ${c.id}, ${forbund.id}, ${`${year}-04-01`}, 'sv', g <= ${PER_FORBUND}, g <= ${PER_FORBUND}, jsonb_build_object(
          'q1', ((g + ${i}) % 6) + 1, 'q2', ((g + 1) % 6) + 1, 'q3', ((g * ${i + 1} + 2) % 6) + 1, 'q4a', case when g % 3 = 0 then 'nej' else 'ja' end,
          'q5', ((g + 3) % 7), 'q6', ((g + 4) % 6) + 1, 'q7', ((g + 5 + ${i}) % 6) + 1)
          || case when g % 3 = 0 then '{}'::jsonb else jsonb_build_object('q4b', (g % 5) + 2) end
        from generate_series(1, ${PER_FORBUND + unfinished}) g`);
      await groups.setNationalSharing(ctx, adminUser!, { questionnaire: IND, year, share: true });
    }
    ids.push(forbund.id);
  }
  const superadmin = (await accounts.loadCurrentUser(ctx, (await insertUser(ctx.db, { forbundId: null, email: "super@bench.test", name: "S", role: "superadmin" })).id))!;
  const made = await groups.createGroup(ctx, superadmin, { name: "Jönköpings län", forbundIds: ids.slice(0, 3) });
  if (!made.ok) throw new Error("ingen grupp");
  for (const id of ids.slice(0, 3)) {
    const a = (await accounts.loadForbundUser(ctx, (await insertUser(ctx.db, { forbundId: id, email: `g${id}@bench.test`, name: "A", role: "admin" })).id))!;
    await groups.setGroupSharing(ctx, a, made.id, { questionnaire: IND, year: YEAR, share: true });
  }
  const reader = (await accounts.loadCurrentUser(ctx, (await insertUser(ctx.db, { forbundId: null, email: "nns@bench.test", name: "N", role: "nationell", passwordHash })).id))!;
  const member = (await accounts.loadCurrentUser(ctx, (await insertUser(ctx.db, { forbundId: ids[0], email: "l@bench.test", name: "L", role: "lasare" })).id))!;
  const readerKey = (await tokens.createToken(ctx, reader, "bench")).secret;
  const memberKey = (await tokens.createToken(ctx, member, "bench")).secret;
  await ctx.db.execute(sql`analyze`);
  const seeded = performance.now() - t0;
  // What the tallies must add up to: the finished answers of the year as stored.
  const counted = await ctx.db.execute(sql`select count(*) as n from ${responses} r join collections c on c.id = r.collection_id where r.finished and c.year = ${YEAR}`);
  const stored = Number((counted as unknown as { rows: { n: string }[] }).rows[0].n);

  server = http.createServer(createApp({ ...deps, sessionSecret: "bench-secret-bench-secret-bench-secret-01" }));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const api = (path: string, key: string) => request(server!).get(path).set("Authorization", `Bearer ${key}`).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = []; res.on("data", (c: Buffer) => chunks.push(c)); res.on("end", () => done(null, Buffer.concat(chunks)));
  });
  const ok = async (res: { status: number; body: Buffer }, what: string) => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    return res.body;
  };
  // The national reader signs in as a browser does: the login page's CSRF token, then the form.
  const browser = request.agent(server);
  const loginPage = await browser.get("/login");
  const csrf = /name="_csrf" value="([^"]*)"/.exec(loginPage.text)![1];
  const login = await browser.post("/login").type("form").send({ email: "nns@bench.test", password, _csrf: csrf });
  if (login.status !== 303) throw new Error(`inloggningen misslyckades: ${login.status}`);

  const query = `year=${YEAR}&questionnaire=${IND}`;
  let forbundCount = 0, answered = 0, previous = 0;
  const json = await measure(async () => {
    const body = JSON.parse((await ok(await api(`/api/v1/national/indicators?${query}`, readerKey), "nationellt")).toString());
    forbundCount = body.forbundCount; answered = body.questionnaires; previous = body.previousYear?.n ?? 0;
    if (answered !== stored) throw new Error(`den nationella vyn räknar ${answered} enkäter, databasen har ${stored}`);
  });
  const page = await measure(async () => {
    const res = await browser.get(`/nationellt?${query}`);
    if (res.status !== 200 || !res.text.includes("Sammanställningen bygger på")) throw new Error(`nationella sidan: ${res.status}`);
  });
  const exports: Record<string, { first: number; warm: number }> = {};
  const sizes: Record<string, number> = {};
  for (const format of ["docx", "xlsx", "csv"]) {
    exports[format] = await measure(async () => { sizes[format] = (await ok(await api(`/api/v1/national/indicators?${query}&format=${format}`, readerKey), format)).length; });
  }
  const comparison = await measure(async () => {
    const body = JSON.parse((await ok(await api(`/api/v1/groups/${made.id}/comparison?${query}`, memberKey), "jämförelse")).toString());
    if (body.forbund.length !== 3) throw new Error("jämförelsen saknar förbund");
  });

  const ms = (x: number) => `${Math.round(x).toLocaleString("sv-SE")} ms`;
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString("sv-SE")} kB`;
  console.log(`Seeded ${FORBUND} förbund × 2 years × ${PER_FORBUND} answered questionnaires (+${Math.floor(PER_FORBUND / 50)} unfinished each) in ${ms(seeded)}; ` +
    `national view ${YEAR} over ${forbundCount} förbund and ${answered} questionnaires (${YEAR - 1}: ${previous}).\n`);
  console.log("| what (over HTTP) | first call | warm (median of 5) |\n|---|---|---|");
  console.log(`| national view, API JSON (${FORBUND} förbund, with last year) | ${ms(json.first)} | ${ms(json.warm)} |`);
  console.log(`| national view, HTML page /nationellt | ${ms(page.first)} | ${ms(page.warm)} |`);
  for (const format of ["docx", "xlsx", "csv"]) console.log(`| national export ${format.toUpperCase()} (${kb(sizes[format])}) | ${ms(exports[format].first)} | ${ms(exports[format].warm)} |`);
  console.log(`| group comparison, API JSON (3 förbund) | ${ms(comparison.first)} | ${ms(comparison.warm)} |`);
} finally {
  await cleanUp();
}
