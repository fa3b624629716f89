/**
 * A simulated national year (issue 20, "Measured"), on PostgreSQL: 75 förbund, each with an insamling of the
 * indikator questionnaire for participants in 2025 and 2026 (53 answers each, 3 975 questionnaires a year), every
 * förbund sharing nationally, three of them in a group. Then, through the services as the routes call them:
 *   - the national view of the year (every förbund's column, the aggregate, last year's) and its DOCX export
 *   - the group comparison
 * each the first call and the median of five warm calls. Prints Markdown. The 1 000 000-answer stress case is not here.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55440/postgres npx tsx bench/national.ts
 */
import pg from "pg";
import { sql } from "drizzle-orm";
import { fromUrl } from "../models/db.js";
import { loadConfig } from "../server/config.js";
import { createMailer } from "../server/mail.js";
import { createLogger } from "../server/log.js";
import { systemClock } from "../server/clock.js";
import type { Ctx } from "../server/context.js";
import * as organisation from "../server/organisation/service.js";
import * as orgRepo from "../server/organisation/repo.js";
import * as accounts from "../server/accounts/service.js";
import { insertUser } from "../server/accounts/repo.js";
import * as collections from "../server/collections/service.js";
import * as groups from "../server/groups/service.js";
import * as reports from "../server/reports/service.js";
import { comparisonJson, nationalJson, nationalModel } from "../server/groups/present.js";
import { responses } from "../models/schema.js";

const FORBUND = 75;
const PER_FORBUND = 53;
const IND = "indikator-deltagare-pagaende";
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
try {
  await database.migrate();
  const config = loadConfig({ DATA_DIR: "/nonexistent", BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "silent", SEED_DEMO: "false" });
  const ctx: Ctx = {
    config, database, db: database.db, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench",
    mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
  };
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < FORBUND; i++) {
    const { forbund } = await organisation.createForbund(ctx, `Samordningsförbund ${String(i + 1).padStart(2, "0")}`);
    const area = await orgRepo.insertArea(ctx.db, forbund.id, "Hela förbundet");
    const adminUser = await accounts.loadForbundUser(ctx, (await insertUser(ctx.db, { forbundId: forbund.id, email: `admin${i}@bench.test`, name: "Admin", role: "admin" })).id);
    for (const year of [2025, 2026]) {
      const c = await collections.createCollection(ctx, forbund.id, { questionnaire: IND, year, name: `Deltagare ${year}`, areaId: area.id, interventionId: null });
      // Answers from the row number: every value of q1–q7 occurs, 4a ja for two thirds (and 4b then).
      await ctx.db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, released, answers)
        select ${c.id}, ${forbund.id}, ${`${year}-04-01`}, 'sv', true, true, jsonb_build_object(
          'q1', (g % 6) + 1, 'q2', ((g + 1) % 6) + 1, 'q3', ((g + 2) % 6) + 1, 'q4a', case when g % 3 = 0 then 'nej' else 'ja' end,
          'q5', ((g + 3) % 7), 'q6', ((g + 4) % 6) + 1, 'q7', ((g + 5) % 6) + 1)
          || case when g % 3 = 0 then '{}'::jsonb else jsonb_build_object('q4b', (g % 5) + 2) end
        from generate_series(1, ${PER_FORBUND}) g`);
      await groups.setNationalSharing(ctx, adminUser!, { questionnaire: IND, year, share: true });
    }
    ids.push(forbund.id);
  }
  const superadmin = (await accounts.loadCurrentUser(ctx, (await insertUser(ctx.db, { forbundId: null, email: "super@bench.test", name: "S", role: "superadmin" })).id))!;
  const made = await groups.createGroup(ctx, superadmin, { name: "Jönköpings län", forbundIds: ids.slice(0, 3) });
  if (!made.ok) throw new Error("ingen grupp");
  for (const id of ids.slice(0, 3)) {
    const a = (await accounts.loadForbundUser(ctx, (await insertUser(ctx.db, { forbundId: id, email: `g${id}@bench.test`, name: "A", role: "admin" })).id))!;
    await groups.setGroupSharing(ctx, a, made.id, { questionnaire: IND, year: 2026, share: true });
  }
  const reader = (await accounts.loadCurrentUser(ctx, (await insertUser(ctx.db, { forbundId: null, email: "nns@bench.test", name: "N", role: "nationell" })).id))!;
  const member = (await accounts.loadForbundUser(ctx, (await insertUser(ctx.db, { forbundId: ids[0], email: "l@bench.test", name: "L", role: "lasare" })).id))!;
  const seeded = performance.now() - t0;

  let forbundCount = 0, answered = 0;
  const nationalPage = await measure(async () => {
    const out = await groups.nationalIndicators(ctx, reader, { questionnaire: IND, year: 2026 });
    if (!out.ok) throw new Error("nationellt");
    const json = nationalJson(out.national);
    forbundCount = json.forbundCount; answered = json.questionnaires;
  });
  const nationalDocx = await measure(async () => {
    const out = await groups.nationalIndicators(ctx, reader, { questionnaire: IND, year: 2026 });
    if (!out.ok) throw new Error("nationellt");
    await reports.render(nationalModel(out.national), "docx");
  });
  const comparison = await measure(async () => {
    const out = await groups.groupComparison(ctx, member, made.id, { questionnaire: IND, year: 2026 });
    if (!out.ok) throw new Error("jämförelse");
    comparisonJson(out.comparison);
  });
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(`Seeded ${FORBUND} förbund, ${FORBUND * PER_FORBUND * 2} answers in ${ms(seeded)}; national view over ${forbundCount} förbund and ${answered} questionnaires.\n`);
  console.log("| what | first call | warm (median of 5) |\n|---|---|---|");
  console.log(`| national view (API JSON, ${FORBUND} förbund, with last year) | ${ms(nationalPage.first)} | ${ms(nationalPage.warm)} |`);
  console.log(`| national export DOCX | ${ms(nationalDocx.first)} | ${ms(nationalDocx.warm)} |`);
  console.log(`| group comparison (3 förbund, API JSON) | ${ms(comparison.first)} | ${ms(comparison.warm)} |`);
} finally {
  await database.close();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
}
