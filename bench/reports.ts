/**
 * Bilagor benchmark (issue 7, "Performance"): on the embedded database (PGlite in a temporary
 * directory), a förbund with a samverkan evaluation of 300 finished responses (+ 40 unfinished, free
 * text in every response), indikator insamlingar for four insatser, 60 deviations and the year's
 * default goals; then
 *   - the samverkan bilaga to DOCX (report model, charts drawn on the server, Word file): target < 3 s
 *   - the ZIP of every bilaga of the year in every format: target < 15 s
 * each through the bilagor service as the download route calls it, the first call and the median of
 * three more, with the process's peak RSS (VmHWM, reset before each measurement through
 * /proc/self/clear_refs). Prints Markdown.
 *
 *   npx tsx bench/reports.ts
 *   node --expose-gc --import tsx bench/reports.ts     # as npm run bench runs it (BENCH_ONLY=reports)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { openEmbedded } from "../models/db.js";
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
import * as deviations from "../server/deviations/service.js";
import * as results from "../server/results/service.js";
import * as goals from "../server/goals/service.js";
import * as reports from "../server/reports/service.js";
import { responses } from "../models/schema.js";

const YEAR = 2026;
const SAMVERKAN_FINISHED = 300;
const SAMVERKAN_PARTIAL = 40;
const INDIKATOR_PER_INSATS = 150;
const DEVIATIONS = 60;
const REPEAT = 3;

const fmt = (n: number, d = 0) => n.toLocaleString("sv-SE", { minimumFractionDigits: d, maximumFractionDigits: d });
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const status = (field: "VmHWM" | "VmRSS") => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
/** Resets the peak RSS (VmHWM) to the current RSS; Linux only. */
const resetPeak = () => { try { fs.writeFileSync("/proc/self/clear_refs", "5"); } catch { /* not allowed here: the peak then covers the set-up too */ } };

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/** The samverkan evaluation's answers, in SQL from the row number: scale questions 1–10, ja/nej, choices, free text and comments. */
async function samverkanAnswers(db: Ctx["db"], c: { id: string; forbundId: string }, n: number, finished: boolean) {
  await db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers)
    select ${c.id}::uuid, ${c.forbundId}::uuid, ${`${YEAR}-10-01`}::date + (g % 30), 'sv', ${finished},
      jsonb_strip_nulls(jsonb_build_object(
        'q1', (array['kommun','region','arbetsformedlingen','forsakringskassan','annan'])[g % 5 + 1],
        'q2', jsonb_build_array((array['styrelse','beredningsgrupp','styrgrupp_samverk','arbetsgrupp_samverk'])[g % 4 + 1]),
        'q3', (g * 7) % 10 + 1,
        'q4', 'Vi träffas ofta och löser ärenden tillsammans, svar ' || g || '.',
        'q5', case when g % 3 = 0 then 'Ärendegången mellan parterna är långsam ibland (' || g || ').' end,
        'q6', case when g % 5 = 0 then 'nej' else 'ja' end,
        'q7', case when g % 5 = 0 then null else (g * 3) % 10 + 1 end,
        'q8', (g * 11) % 10 + 1, 'q8_kommentar', case when g % 4 = 0 then 'Förutsättningarna har blivit bättre i år.' end,
        'q9a', (g * 13) % 10 + 1, 'q9b', (g * 17) % 10 + 1, 'q9c', (g * 19) % 10 + 1, 'q9d', (g * 23) % 10 + 1,
        'q9a_kommentar', case when g % 6 = 0 then 'Kommunen är en stark part i samverkan.' end))
    from generate_series(1, ${n}::int) g`);
}

/** Indikator answers (frequency 1–6, 0 = vet inte; q4a ja/nej with q4b after ja). */
async function indikatorAnswers(db: Ctx["db"], c: { id: string; forbundId: string }, n: number, year: number) {
  await db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers)
    select ${c.id}::uuid, ${c.forbundId}::uuid, ${`${year}-05-01`}::date + (g % 60), 'sv', true,
      jsonb_strip_nulls(jsonb_build_object(
        'q1', (g * 7 + 3) % 7, 'q2', (g * 11 + 1) % 7, 'q3', (g * 13 + 5) % 7,
        'q4a', case when g % 3 = 0 then 'nej' else 'ja' end, 'q4b', case when g % 3 = 0 then null else (g * 17) % 6 + 1 end,
        'q5', (g * 19 + 2) % 7, 'q6', (g * 23) % 6 + 1, 'q7', (g * 29 + 4) % 7))
    from generate_series(1, ${n}::int) g`);
}

async function setUp(dir: string) {
  const database = await openEmbedded(path.join(dir, "data"));
  await database.migrate();
  const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "silent", SEED_DEMO: "false" });
  const ctx: Ctx = {
    config, database, db: database.db, clock: systemClock, log: createLogger("silent"), anonymityKey: "bench-anonymity-key",
    mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }),
  };
  const { forbund, partyIds } = await organisation.createForbund(ctx, "Samordningsförbundet Mätlandet");
  const F = forbund.id;
  const areas = [];
  for (const name of ["Aneby", "Eksjö", "Gislaved", "Nässjö", "Sävsjö", "Tranås"]) areas.push(await orgRepo.insertArea(ctx.db, F, name));
  const sam = await collections.createCollection(ctx, F, { questionnaire: results.SAMVERKAN, year: YEAR, name: `Utvärdering samverkan ${YEAR}`, areaId: null, interventionId: null });
  await samverkanAnswers(ctx.db, sam, SAMVERKAN_FINISHED, true);
  await samverkanAnswers(ctx.db, sam, SAMVERKAN_PARTIAL, false);
  const prev = await collections.createCollection(ctx, F, { questionnaire: results.SAMVERKAN, year: YEAR - 1, name: `Utvärdering samverkan ${YEAR - 1}`, areaId: null, interventionId: null });
  await samverkanAnswers(ctx.db, prev, 250, true);
  for (const [i, name] of ["SE-Höglandet", "IT-spåret", "Uppdrag samverkan", "Förrehabilitering"].entries()) {
    const insats = await orgRepo.insertIntervention(ctx.db, { forbundId: F, name, kind: "individinriktad", fromYear: 2020 }, [areas[i].id]);
    for (const year of [YEAR, YEAR - 1]) {
      const c = await collections.createCollection(ctx, F, { questionnaire: "indikator-deltagare-pagaende", year, name: `${name} ${year}`, areaId: areas[i].id, interventionId: insats.id });
      await indikatorAnswers(ctx.db, c, INDIKATOR_PER_INSATS, year);
    }
  }
  const causes = ["bristande_kommunikation", "otydlig_ansvarsfordelning", "bristande_kunskap", "bristande_tillit"];
  const parties = [partyIds.Region, partyIds.Arbetsförmedlingen, partyIds.Försäkringskassan];
  for (let i = 0; i < DEVIATIONS; i++) {
    const r = await deviations.report(ctx, F, {
      occurredMonth: `${YEAR}-${String((i % 12) + 1).padStart(2, "0")}`, areaId: areas[i % areas.length].id, interventionId: null,
      reporter: { partyId: partyIds.Kommun, unitId: null, role: "SE-coach", name: null, email: null },
      concerned: [{ partyId: parties[i % parties.length], unitId: null }], description: `Kallelsen till SIP kom inte fram (ärende ${i + 1}).`,
      consequences: [i % 2 ? "dubbelarbete" : "stress_oro"], consequenceOther: null, causes: [causes[i % causes.length]], causeOther: null,
      proposal: i % 3 ? "Tydlig ansvarsfördelning för kallelser" : null, actionTaken: i % 4 ? null : "Dialog mellan berörda parter",
      severity: i % 3 ? "mindre_allvarlig" : "allvarlig", frequency: null,
    }, "api");
    if (!r.ok) throw new Error(`avvikelsen kunde inte sparas: ${JSON.stringify(r.errors)}`);
  }
  await goals.ensureDefaultGoals(ctx, F, YEAR);
  const u = await insertUser(ctx.db, { forbundId: F, email: "bench@exempel.se", name: "Bench", role: "admin" });
  const user = (await accounts.loadForbundUser(ctx, u.id))!;
  await reports.saveTexts(ctx, user, YEAR, "utvardering-samverkan", { q3: "Samverkan får höga betyg.", q4: "Många nämner täta möten.", q9a: "Förtroendet för kommunen är högst." });
  await reports.saveTexts(ctx, user, YEAR, "avvikelser", { analys: "Avvikelserna rör främst kommunikation.\n\nÅtgärderna följs upp i Samverk." });
  await ctx.db.execute(sql`vacuum analyze responses`);
  return { ctx, user, database };
}

type Measured = { first: number; warm: number; peak: number; rssAfter: number; size: number };

async function measure(fn: () => Promise<Buffer | string>): Promise<Measured> {
  gc();
  resetPeak();
  const [first, body] = await time(fn);
  const warm: number[] = [];
  for (let i = 0; i < REPEAT; i++) warm.push((await time(fn))[0]);
  const peak = status("VmHWM");
  gc();
  return { first, warm: median(warm), peak, rssAfter: status("VmRSS"), size: Buffer.byteLength(body) };
}

/** Runs the measurements and returns the Markdown report. */
export async function benchReports(log: (m: string) => void = (m) => process.stderr.write(m + "\n")): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-bench-reports-"));
  const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(" ");
  const rows: string[][] = [];
  try {
    const t0 = performance.now();
    const { ctx, user, database } = await setUp(dir);
    log(`bilagor: data genererad på ${fmt(performance.now() - t0)} ms`);
    try {
      const rssBefore = status("VmRSS");
      const docx = await measure(async () => (await reports.exportFile(ctx, user, YEAR, "utvardering-samverkan", "docx")).body);
      const model = await reports.buildModel(ctx, user, YEAR, "utvardering-samverkan");
      if (!model.sections[0].paragraphs.join(" ").includes(`Totalt ingår ${fmt(SAMVERKAN_FINISHED)} svar (+ ${SAMVERKAN_PARTIAL} ej slutförda)`)) throw new Error("fel antal svar i bilagan");
      log(`bilagor: samverkan till DOCX första ${fmt(docx.first)} ms, varm ${fmt(docx.warm)} ms`);
      const zip = await measure(async () => (await reports.exportZip(ctx, user, YEAR)).body);
      const files = Object.keys((await JSZip.loadAsync((await reports.exportZip(ctx, user, YEAR)).body as Buffer)).files);
      if (files.length !== reports.bilagor.length * reports.fileFormats.length) throw new Error(`ZIP-filen har ${files.length} filer`);
      log(`bilagor: ZIP första ${fmt(zip.first)} ms, varm ${fmt(zip.warm)} ms`);
      const goal = (ms: number, limit: number) => (ms < limit ? "uppfyllt" : "**ej uppfyllt**");
      rows.push([`Bilaga 5 Utvärdering samverkan → DOCX (${fmt(SAMVERKAN_FINISHED)} slutförda svar, 2 diagram, fritext)`, `${fmt(docx.first)} ms`, `${fmt(docx.warm)} ms`,
        `${fmt(docx.size / 1024)} KiB`, `${fmt(docx.peak)} MiB`, `mål < 3 s: ${goal(Math.max(docx.first, docx.warm), 3000)}`]);
      rows.push([`Alla bilagor ${YEAR} i alla format som ZIP (${files.length} filer)`, `${fmt(zip.first)} ms`, `${fmt(zip.warm)} ms`,
        `${fmt(zip.size / 1024)} KiB`, `${fmt(zip.peak)} MiB`, `mål < 15 s: ${goal(Math.max(zip.first, zip.warm), 15_000)}`]);
      rows.push(["RSS före mätningarna (efter att datat genererats) / efteråt", `${fmt(rssBefore)} MiB`, `${fmt(zip.rssAfter)} MiB`, "", "", ""]);
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: string[] = [];
  out.push(`Maskin: ${os.cpus().length} kärnor (${os.cpus()[0]?.model ?? "?"}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; loadavg före ${loadBefore}, efter ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}.`);
  out.push(`Data: samverkansutvärdering ${YEAR} med ${fmt(SAMVERKAN_FINISHED)} slutförda och ${SAMVERKAN_PARTIAL} ej slutförda svar (och 250 året före), indikatorenkäter för 4 insatser × ${INDIKATOR_PER_INSATS} svar × 2 år, ${DEVIATIONS} avvikelser, årets standardmål, skrivna texter. PGlite i en tillfällig katalog, genom bilagornas service som nedladdningen (med loggning i granskningsloggen).`);
  out.push("");
  out.push(`| mätning | första anropet | varm (median av ${REPEAT}) | fil | högsta RSS (VmHWM) under mätningen | mål |`);
  out.push("|---|---:|---:|---:|---:|---|");
  for (const r of rows) out.push(`| ${r.join(" | ")} |`);
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchReports().then((md) => { console.log(md); process.exit(0); }, (err) => { console.error(err); process.exit(1); });
}
