/**
 * /api/v1/docs (issue 21): the API's description as a page for people, from the app's own files. It passes
 * axe, reads at 320 px without sideways scrolling, works without JavaScript and asks nothing of the network
 * but the app itself.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { axeViolations, hasChromium, launchBrowser, serve, skipReason } from "../helpers/browser.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`API-beskrivningen i Chromium${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  let phone: Page; // 320 px, no JavaScript

  beforeAll(async () => {
    t = await startTestApp();
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    phone = await (await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false, viewport: { width: 320, height: 800 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när en integratör öppnar /api/v1/docs så hämtar sidan inget utanför appen och axe hittar inga fel", async () => {
    const elsewhere: string[] = [];
    page.on("request", (r) => { if (!r.url().startsWith(server.url)) elsewhere.push(r.url()); });
    const res = await page.goto(`${server.url}/api/v1/docs`);
    expect(res?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Samspårs API");
    expect(elsewhere).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när sidan läses 320 px bred utan JavaScript så behövs ingen vågrät rullning, och schemat öppnas med tangentbordet", async () => {
    await phone.goto(`${server.url}/api/v1/docs`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The table of contents leads to each operation; a body's schema opens from its summary.
    await phone.click("a[href='#postCollections']");
    expect(phone.url()).toMatch(/#postCollections$/);
    const details = phone.locator("#postCollections").locator("xpath=ancestor::article").locator("details");
    await details.locator("summary").focus();
    await phone.keyboard.press("Enter");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator("pre").textContent()).toContain("\"questionnaire\"");
    await phone.screenshot({ path: "/tmp/openapi-docs-320.png", fullPage: false });
  });
});
