/**
 * The bilagor as a förbundschef prints them (issue 16): the preview has a way back, a print button and the
 * downloads; the print runs sections on instead of starting each on a new page; no table is wider than the
 * page; a wide table scrolls by keyboard on a phone; axe finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { responses } from "../../models/schema.js";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** Pages of a PDF: its page objects (not the /Pages tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe.skipIf(!hasChromium)(`bilagornas förhandsgranskning och utskrift i Chromium${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  let phone: Page;

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date("2026-11-20T10:00:00Z") } });
    const f = await makeForbund(t.ctx, "Samordningsförbundet Utskrift");
    const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.forbund.id, name: "SE-Utskrift", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
    const ind = await makeCollection(t.ctx, f, { name: "Indikator 2026", interventionId: insats.id });
    await t.ctx.db.insert(responses).values(Array.from({ length: 12 }, (_, i) => ({
      collectionId: ind.id, forbundId: f.forbund.id, answeredOn: "2026-03-02", finished: true,
      answers: { q1: (i % 6) + 1, q2: 5, q3: 4, q4a: "nej", q5: 6, q6: 3, q7: 5, q8: "Att någon lyssnar." },
    })));
    for (let i = 0; i < 6; i++) {
      await makeDeviation(t.ctx, f, {
        occurredMonth: `2026-0${(i % 9) + 1}`, description: "Kallelsen till SIP kom inte fram till rätt enhet.", causes: ["bristande_kommunikation"],
        proposal: "Tydlig ansvarsfördelning för kallelser", actionTaken: "Dialog mellan parterna", severity: i % 2 ? "allvarlig" : "mindre_allvarlig",
      });
    }
    const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    phone = await (await browser.newContext({ viewport: { width: 320, height: 700 } })).newPage();
    await loginPage(page, server.url, admin.email, PASSWORD);
    await loginPage(phone, server.url, admin.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när förhandsgranskningen öppnas så finns vägen tillbaka, en utskriftsknapp och nedladdningarna, och axe hittar inget", async () => {
    await page.goto(server.url + "/bilagor?year=2026");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(server.url + "/bilagor/2026/indikatorenkater/forhandsgranska");
    await expect(page.getByRole("link", { name: "Tillbaka till bilagorna 2026" }).count()).resolves.toBe(1);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(true);
    expect(await page.locator("[data-utan-skript]").isVisible()).toBe(false);
    for (const label of ["Word", "Excel", "CSV"]) expect(await page.getByRole("link", { name: `Ladda ner som ${label}` }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // The bar is not printed.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".forhandsgranskning").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
  });

  it("när avvikelsebilagan skrivs ut så börjar inte varje avsnitt en ny sida och ingen tabell är bredare än sidan", async () => {
    await page.goto(server.url + "/bilagor/2026/avvikelser/forhandsgranska");
    const sections = await page.locator("main section").count();
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    // Before: one page per section (a 2024 Bilaga 6 took 7); now they run on.
    expect(pdfPages(pdf)).toBeLessThan(sections);
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 658, height: 1000 }); // A4's width less the margins, at 96 dpi
    const overflowing = await page.locator("table").evaluateAll((tables) => tables.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
    expect(overflowing).toBe(0);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it("när en bred tabell visas på en smal skärm så rullar den för sig och nås med tangentbordet", async () => {
    await phone.goto(server.url + "/bilagor/2026/indikatorenkater/forhandsgranska");
    const regions = phone.locator(".tabell[role=region][tabindex='0']");
    expect(await regions.count()).toBeGreaterThan(0);
    expect(await regions.first().getAttribute("aria-label")).toBeTruthy();
    // The page itself does not scroll sideways; a table does, inside its region.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: process.env.REPORTS_PNG_DIR ? `${process.env.REPORTS_PNG_DIR}/forhandsgranskning-320.png` : undefined, fullPage: false });
  });
});
