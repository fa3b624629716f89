/** Results pages in Debian's Chromium: the chart draws from the page's JSON, the tables stand without JavaScript, and axe finds nothing. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { ensureDefaultGoals } from "../../server/goals/service.js";
import { responses } from "../../models/schema.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`resultatsidor i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  let noJs: Page;
  let collectionId: string;
  let email: string;

  const login = (p: Page, email: string) => loginPage(p, server.url, email, PASSWORD);

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    const insats = await orgRepo.insertIntervention(t.ctx.db, { forbundId: f.forbund.id, name: "SE-Testet", kind: "individinriktad", fromYear: 2020 }, [f.areas[0].id]);
    const c = await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Deltagare hösten", areaId: f.areas[0].id, interventionId: insats.id });
    collectionId = c.id;
    const answers = [4, 5, 6, 3, 4, 2].map((v, i) => ({ q1: v, q2: (v % 6) + 1, q3: v, q4a: i % 2 ? "ja" : "nej", q5: 4, q6: 5, q7: 6, q8: `Svar nummer ${i + 1}` }));
    await t.ctx.db.insert(responses).values(answers.map((a) => ({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-10-01", finished: true, answers: a })));
    await ensureDefaultGoals(t.ctx, f.forbund.id, 2026);
    email = (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).email;
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await login(page, email);
    await login(noJs, email);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när en insamlings resultat öppnas med JavaScript så ritas diagrammen och sidan har inga WCAG 2.1 AA-fel", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    const res = await page.goto(`${server.url}/resultat/insamling/${collectionId}`);
    expect(res?.status()).toBe(200);
    await page.waitForSelector("#chart-q1 canvas[role=img]");
    expect(await page.locator("canvas[role=img]").count()).toBeGreaterThanOrEqual(7);
    expect(await page.getAttribute("#chart-q1 canvas", "aria-label")).toContain("fråga 1");
    expect(errors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("på en smal skärm nås de breda tabellerna med tangentbordet, diagrammens text följer sidans storlek och utskriften saknar menyn", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/resultat/insamling/${collectionId}`);
    await page.waitForSelector("#chart-q1 canvas[role=img]");
    // Every table scrolls inside a labelled region the keyboard reaches; the page itself does not scroll sideways.
    expect(await page.locator("main table").count()).toBe(await page.locator(".table-scroll[tabindex='0'][role=region][aria-label] > table").count());
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // The summary names each question, not only its number.
    expect(await page.locator("th a[href='#fraga-q1']").textContent()).toMatch(/^1\. \S+/);
    // chart.js draws with the page's text size: larger text, larger chart words (at least 14 px).
    const size = () => page.evaluate(() => (window as unknown as { Chart: { defaults: { font: { size: number } } } }).Chart.defaults.font.size);
    expect(await size()).toBeGreaterThanOrEqual(16);
    // A reader with larger text (here: the page's CSS asks for 24 px) gets larger chart words; in a context of its own,
    // so that the changed stylesheet stays in that browser cache only.
    const large = await (await browser.newContext()).newPage();
    await large.route("**/static/css/main.css", async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: `${await res.text()}\nbody { font-size: 24px; }` });
    });
    await login(large, email);
    await large.goto(`${server.url}/resultat/insamling/${collectionId}`);
    await large.waitForSelector("#chart-q1 canvas[role=img]");
    expect(await large.evaluate(() => (window as unknown as { Chart: { defaults: { font: { size: number } } } }).Chart.defaults.font.size)).toBe(24);
    await large.context().close();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".main-nav").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it("när JavaScript är avstängt så finns tabellerna ändå, utan diagram", async () => {
    await noJs.goto(`${server.url}/resultat/insamling/${collectionId}`);
    expect(await noJs.locator("caption", { hasText: "Svar på fråga 1" }).count()).toBe(1);
    expect(await noJs.locator("canvas").count()).toBe(0);
    expect(await noJs.textContent("main")).toContain("Svar nummer 3");
  });

  it.each(["/resultat", "/resultat/ar?year=2026&questionnaire=indikator-deltagare-pagaende", "/mal?year=2026", "/mal/ny?year=2026"])(
    "när administratören öppnar %s så har sidan inga WCAG 2.1 AA-fel", async (path) => {
      const res = await page.goto(server.url + path);
      expect(res?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
    });

  it("när ett mål öppnas för ändring så har sidan inga WCAG 2.1 AA-fel, och på en smal skärm går inget utanför", async () => {
    await page.goto(`${server.url}/mal?year=2026`);
    const href = await page.locator('main a[href^="/mal/"]:not([href^="/mal/ny"])').first().getAttribute("href");
    await page.goto(server.url + href!);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/resultat/insamling/${collectionId}`);
    await page.waitForSelector("#chart-q1 canvas");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`));
    expect(overflow, wide.join(", ")).toBeLessThanOrEqual(0);
  });
});
