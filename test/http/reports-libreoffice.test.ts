/**
 * Each bilaga's Word file opens in LibreOffice: rendered as DOCX and converted headless to PDF. Runs
 * where LibreOffice is installed (`libreoffice` or `soffice` in PATH; Debian: libreoffice-writer-nogui),
 * and is skipped with the reason printed where it is not. With REPORTS_PDF_DIR set, the DOCX and PDF
 * files are kept there, to look at the pages (pdftoppm -png -r 60 file.pdf page).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeDeviation, makeForbund, makeUser } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as reports from "../../server/reports/service.js";
import * as interventionreports from "../../server/interventionreports/service.js";
import * as socio from "../../server/socioeconomics/service.js";
import { statistikBilaga } from "../../server/socioeconomics/bilaga.js";
import type { ReportModel } from "../../server/reports/model.js";
import { responses } from "../../models/schema.js";

const run = promisify(execFile);
const onPath = (name: string) => (process.env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, name)));
const office = ["libreoffice", "soffice"].find(onPath);
const pdftotext = onPath("pdftotext") ? "pdftotext" : undefined;
const reason = "LibreOffice saknas (varken libreoffice eller soffice finns i PATH; på Debian: apt-get install libreoffice-writer-nogui)";
if (!office) console.log(`reports-libreoffice: hoppas över: ${reason}`);

let t: TestApp;
let dir: string;

/** A förbund with a samverkan evaluation (with free text), an indikator insamling, deviations, and written texts. */
async function setup() {
  const f = await makeForbund(t.ctx, "Samordningsförbundet Åäö-testet");
  const A = f.forbund.id;
  const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Höglandet", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
  const ind = await makeCollection(t.ctx, f, { name: "Indikator SE", interventionId: insats.id });
  const sam = await makeCollection(t.ctx, f, { questionnaire: "samverkan-utvardering", name: "Samverkan 2026", areaId: null });
  const row = (collectionId: string, answers: Record<string, unknown>) => ({ collectionId, forbundId: A, answeredOn: "2026-03-02", finished: true, answers });
  await t.ctx.db.insert(responses).values([
    ...Array.from({ length: 12 }, (_, i) => row(ind.id, { q1: (i % 6) + 1, q2: 5, q3: 4, q4a: i % 2 ? "ja" : "nej", q5: 6, q6: 3, q7: 5 })),
    ...Array.from({ length: 12 }, (_, i) => row(sam.id, {
      q3: 5 + (i % 6), q4: `Vi träffas ofta och löser ärenden tillsammans (svar ${i + 1}).`, q5: "Ärendegången är långsam ibland.", q6: i % 4 ? "ja" : "nej", q7: 7, q8: 6 + (i % 4),
      q9a: 8, q9b: 7, q9c: 6, q9d: 9,
    })),
  ]);
  for (const [i, severity] of (["allvarlig", "mindre_allvarlig", "allvarlig"] as const).entries()) {
    await makeDeviation(t.ctx, f, {
      occurredMonth: `2026-0${i + 2}`, description: "Kallelsen till SIP kom inte fram till rätt enhet.", causes: ["bristande_kommunikation"],
      proposal: "Tydlig ansvarsfördelning för kallelser", actionTaken: "Dialog mellan parterna", severity,
    });
  }
  const admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: A, role: "admin" })).id))!;
  await reports.saveTexts(t.ctx, admin, 2026, "utvardering-samverkan", { q8: "Tiden räcker inte alltid, men de flesta har förutsättningar.", q4: "Många nämner täta möten och snabba beslut." });
  await reports.saveTexts(t.ctx, admin, 2026, "avvikelser", { analys: "Avvikelserna rör främst kommunikation mellan kommun och region.\n\nÅtgärder följs upp i Samverk." });
  const split = (women: number, men: number) => ({ women, men, other: 0 });
  const report = await interventionreports.createReport(t.ctx, admin, {
    interventionId: insats.id, areaId: null, periodStart: "2026-01-01", periodEnd: "2026-12-31", answers: {},
    counts: { participants: split(44, 40), newParticipants: split(20, 18), finished: { arbete: split(20, 20), studier: split(1, 1), annat: split(16, 16) }, efterstod: split(1, 0) },
  });
  expect(report.ok).toBe(true);
  return admin;
}

describe("bilagorna i LibreOffice", () => {
  beforeAll(async () => {
    if (!office) return;
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), "samspar-lo-"));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!office)(office ? "när varje bilaga skrivs som Word-fil så konverterar LibreOffice den till en PDF som inte är tom" : `hoppas över: ${reason}`, async () => {
    const admin = await setup();
    const files: string[] = [];
    const models = new Map<string, ReportModel>();
    for (const b of reports.bilagor) {
      const model = await reports.buildModel(t.ctx, admin, 2026, b.slug);
      models.set(b.slug, model);
      const file = await reports.renderFile(model, b, 2026, "docx");
      const path = join(dir, `${b.slug}.docx`);
      writeFileSync(path, file.body);
      files.push(path);
    }
    // Statistik, whose twelve columns broke "Deltag|are" and "efterst|öd" in Word.
    models.set("statistik", statistikBilaga(await socio.statistik(t.ctx, admin.forbundId, 2026)));
    writeFileSync(join(dir, "statistik.docx"), (await socio.exportBilaga(t.ctx, admin, 2026, "docx")).body);
    files.push(join(dir, "statistik.docx"));
    // A profile of its own, so a LibreOffice the user has open (or another test run) does not take the conversion.
    const profile = pathToFileURL(join(dir, "profil")).href;
    await run(office!, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...files], { timeout: 170_000 });
    for (const slug of models.keys()) {
      const pdf = join(dir, `${slug}.pdf`);
      expect(existsSync(pdf), `${slug}.pdf`).toBe(true);
      expect(statSync(pdf).size, `${slug}.pdf`).toBeGreaterThan(1000);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      // Every word of every table header stands whole on the page: a word broken across two lines is two words in the PDF.
      if (!pdftotext) continue;
      const { stdout } = await run(pdftotext, ["-bbox", pdf, "-"], { maxBuffer: 32 * 1024 * 1024 });
      const words = new Set([...stdout.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1].replace(/&amp;/g, "&")));
      const heads = models.get(slug)!.sections.flatMap((s) => s.tables.filter((x) => !x.prose).flatMap((x) => x.head));
      const broken = [...new Set(heads.flatMap((h) => h.split(/\s+/)))].filter((w) => w.length > 2 && !words.has(w));
      expect(broken, `${slug}: rubrikord som inte står hela`).toEqual([]);
    }
    // The document's words as Word shows them: the twelve equal free-text answers stand once, with their count.
    await run(office!, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, join(dir, "utvardering-samverkan.docx")], { timeout: 170_000 });
    const words = readFileSync(join(dir, "utvardering-samverkan.txt"), "utf8");
    expect(words.split("Ärendegången är långsam ibland.").length - 1).toBe(1);
    expect(words).toContain("Ärendegången är långsam ibland. (12)");
    const keep = process.env.REPORTS_PDF_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const slug of models.keys()) for (const ext of ["docx", "pdf"]) copyFileSync(join(dir, `${slug}.${ext}`), join(keep, `${slug}.${ext}`));
    }
  }, 180_000);
});
