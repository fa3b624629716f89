/** The admin's language pages (/sprak, /sprak/:code/ord) in Debian's Chromium: without JavaScript at 320 px by keyboard-reachable forms, and axe on each. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`språksidorna i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let noJs: Page; // the pages must work without JavaScript, on a 320 px phone
  let page: Page; // axe needs JavaScript to run its checks

  const fits = async (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shot = async (p: Page, name: string) => {
    if (process.env.SCREENSHOT_DIR) await p.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: false });
  };

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    const email = (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).email;
    server = await serve(t.app);
    browser = await launchBrowser();
    noJs = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 740 } })).newPage();
    page = await (await browser.newContext({ viewport: { width: 320, height: 740 } })).newPage();
    await loginPage(noJs, server.url, email, PASSWORD);
    await loginPage(page, server.url, email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när admin slår på arabiska och rättar ett ord utan JavaScript så sparas det, och ett fel visas med det admin skrev", async () => {
    await noJs.goto(server.url + "/sprak");
    expect(await fits(noJs)).toBe(true);
    await shot(noJs, "sprak");
    await noJs.click("form[action='/sprak/ar'] button");
    expect(await noJs.textContent(".flash")).toContain("påslaget");

    await noJs.goto(server.url + "/sprak/en/ord");
    expect(await fits(noJs)).toBe(true);
    await noJs.fill("#part", "Part {{n}}");
    await noJs.fill("#start", "Begin");
    await noJs.click("button:has-text('Spara förbundets ord')");
    expect(await noJs.textContent(".error-summary")).toContain("Texten för part ska ha platshållarna {{n}}, {{total}}");
    expect(await noJs.inputValue("#start")).toBe("Begin");
    expect(await fits(noJs)).toBe(true);
    await shot(noJs, "sprak-ord-fel");
    await noJs.fill("#part", "Part {{n}} of {{total}}");
    await noJs.click("button:has-text('Spara förbundets ord')");
    expect(await noJs.textContent(".flash")).toContain("sparade");
    expect(await noJs.inputValue("#start")).toBe("Begin");
  });

  it("när sidorna granskas med axe så finns inga fel, inte heller med felsammanfattningen", async () => {
    for (const path of ["/sprak", "/sprak/ar/ord", "/sprak/en/ord"]) {
      await page.goto(server.url + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.fill("#part", "Part {{x}}");
    await page.click("button:has-text('Spara förbundets ord')");
    expect(await page.textContent(".error-summary")).toContain("platshållarna");
    expect(await axeViolations(page), "med fel").toEqual([]);
  });
});
