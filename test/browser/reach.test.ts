/**
 * Reach on a 320 px phone: the saved page shows the whole resume link (no sideways scrolling), its copy
 * button copies it, and the link can be mailed; the poster offers one QR code per language and names each
 * language in its own script. Axe on every page. Screenshots go to SCREENSHOT_DIR when it is set.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";
import { enableLanguages } from "../helpers/languages.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const WIDTH = 320;
const shots = process.env.SCREENSHOT_DIR;

describe.skipIf(!hasChromium)(`räckvidd: sparat-sidan och affischen på 320 px${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let phone: BrowserContext;
  let c: collections.Collection;
  let staff: Awaited<ReturnType<typeof makeStaff>>;

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    staff = await makeStaff(t.ctx, f);
    await enableLanguages(t.ctx, f, ["ar", "so"]);
    c = await collections.createCollection(t.ctx, f.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Räckvidd", areaId: f.areas[0].id, languages: ["sv", "en", "ar", "so"],
    });
    server = await serve(t.app);
    browser = await launchBrowser();
    phone = await browser.newContext({ viewport: { width: WIDTH, height: 640 } });
    await phone.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const shot = async (page: Page, name: string) => { if (shots) await page.screenshot({ path: path.join(shots, `reach-${name}.png`), fullPage: true }); };

  /** Answers page 1 and saves, in a language: the saved page. */
  async function saved(page: Page, lang: string) {
    await page.goto(`${server.url}/e/${c.slug}/fraga/1?lang=${lang}`);
    await page.check("#q1-5");
    await page.click("button[value=save]");
    await page.waitForSelector("#resume-link");
  }

  it.each(["sv", "ar"])("när svaren sparas på %s så syns hela länken utan sidledes rullning, kopieringsknappen kopierar den och axe hittar inga fel", async (lang) => {
    const page = await phone.newPage();
    await saved(page, lang);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const link = (await page.textContent("#resume-link"))!.trim();
    expect(link).toMatch(new RegExp(`^http://samspar\\.test/e/${c.slug}/fortsatt/[\\w-]+$`));
    // The whole link is inside its box: wrapped, not cut off.
    expect(await page.$eval("#resume-link", (el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, `sparad-${lang}`);

    // Keyboard: the button is reached with Tab and pressed with Enter.
    const button = page.locator("button.copy-button");
    expect(await button.isVisible()).toBe(true);
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector(".copy-status")?.textContent !== "");
    expect(await page.textContent(".copy-status")).toBe(lang === "ar" ? "تم نسخ الرابط." : "Länken är kopierad.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(await axeViolations(page)).toEqual([]);

    // "Skicka länken till mig": the confirmation in the page's language, still nothing sideways.
    const before = t.mail.messages.length;
    await page.fill("#epost", `telefon-${lang}@exempel.se`);
    await page.click("form.resume-mail button[type=submit]");
    await page.waitForSelector("p.notice[role=status]");
    expect(t.mail.messages.length).toBe(before + 1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, `skickad-${lang}`);

    // A wrong address: the error summary, linked to the field, axe clean.
    await page.fill("#epost", "inte en adress");
    await page.click("form.resume-mail button[type=submit]");
    await page.waitForSelector(".error-summary");
    expect(await page.getAttribute("#epost", "aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("när sidan visas utan JavaScript så syns länken hel och ingen knapp som inte fungerar", async () => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 640 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await saved(page, "sv");
    expect(await page.isVisible("button.copy-button")).toBe(false);
    expect(await page.isVisible("#resume-link")).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await page.isVisible("#epost")).toBe(true);
    await context.close();
  });

  it("när koordinatorn väljer en QR-kod per språk så har affischen en kod per språk med språkets namn och riktning, och korten likaså", async () => {
    const page = await (await browser.newContext({ viewport: { width: WIDTH, height: 640 } })).newPage();
    await loginPage(page, server.url, staff.users.koordinator.email, PASSWORD);
    await page.goto(`${server.url}/insamlingar/${c.id}/affisch`);
    expect(await page.locator("img.poster-qr").count()).toBe(1);
    expect(await page.getAttribute('.poster-languages span[lang="ar"]', "dir")).toBe("rtl");
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "affisch-en-kod");
    // Chosen by keyboard, as the form works without JavaScript.
    await page.focus("#qr-per-sprak");
    await page.keyboard.press("Space");
    await Promise.all([page.waitForURL(/qr=per-sprak/), page.click(".poster-choice button[type=submit]")]);
    const codes = page.locator("li.qr-language img.qr-language-code");
    expect(await codes.count()).toBe(4);
    expect(await page.locator("li.qr-language").evaluateAll((els) => els.map((e) => [e.getAttribute("lang"), e.getAttribute("dir"), e.querySelector("h2")?.textContent])))
      .toEqual([["sv", "ltr", "Svenska"], ["en", "ltr", "English"], ["ar", "rtl", "العربية"], ["so", "ltr", "Soomaali"]]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "affisch-per-sprak");
    await page.setViewportSize({ width: 1000, height: 1200 });
    await shot(page, "affisch-per-sprak-bred");
    if (shots) await page.pdf?.({ path: path.join(shots, "reach-affisch-per-sprak.pdf"), format: "A4", printBackground: true }).catch(() => undefined);

    await page.goto(`${server.url}/insamlingar/${c.id}/kort?qr=per-sprak`);
    expect(await page.locator("li.card").count()).toBe(8);
    expect(await page.locator("li.card img.card-qr").count()).toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "kort-per-sprak");
    await page.setViewportSize({ width: WIDTH, height: 640 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (shots) await page.pdf?.({ path: path.join(shots, "reach-kort.pdf"), format: "A4", printBackground: true }).catch(() => undefined);
  });
});
