import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

// Every staff page of the walking skeleton, visited by a logged-in admin.
const staffPages = [
  "/start", "/organisation", "/organisation/kommunomraden", "/organisation/parter", "/organisation/insatser",
  "/organisation/grupper", "/organisation/installningar", "/anvandare", "/utkorg", "/logg", "/plattform", "/plattform/utkorg",
  "/api-nycklar", "/konto/byt-losenord",
];
/** Detail pages: the first link of each list page. */
const detailLists = [
  ["/organisation/kommunomraden", "/organisation/kommunomraden/"], ["/organisation/parter", "/organisation/parter/"],
  ["/organisation/insatser", "/organisation/insatser/"], ["/organisation/grupper", "/organisation/grupper/"],
  ["/anvandare", "/anvandare/"], ["/utkorg", "/utkorg/"],
] as const;
const publicPages = ["/login", "/konto/glomt-losenord", "/finns-inte"];

describe.skipIf(!hasChromium)(`personalsidor i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page; // axe needs JavaScript to run its checks
  let noJs: Page; // the pages themselves must work without it
  let email: string;

  beforeAll(async () => {
    t = await startTestApp();
    const forbundId = await seedDemoForbund(t.ctx);
    email = (await makeUser(t.ctx, { forbundId, role: "superadmin" })).email;
    // A message that could not be sent, so the Utkorg lists one and its page shows "Skicka igen".
    t.mail.refuse.add("avvisad@exempel.se");
    await t.ctx.mailer.send({ forbundId, to: "avvisad@exempel.se", subject: "Inbjudan: Indikatorenkät", text: `Svara här:\n${t.ctx.config.baseUrl}/e/${"x".repeat(60)}?i=${"y".repeat(40)}` });
    await t.delivered();
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it.each(publicPages)("när en anonym besökare öppnar %s så har sidan inga WCAG 2.1 AA-fel", async (path) => {
    await page.goto(server.url + path);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när man loggar in med tangentbordet utan JavaScript så kommer man till startsidan", async () => {
    await noJs.goto(server.url + "/login");
    await noJs.keyboard.press("Tab");
    expect(await noJs.locator(":focus").textContent()).toContain("Hoppa till innehållet");
    await noJs.keyboard.press("Tab");
    await noJs.keyboard.press("Tab");
    await noJs.keyboard.type(email);
    await noJs.keyboard.press("Tab");
    await noJs.keyboard.type(PASSWORD);
    await Promise.all([noJs.waitForURL(server.url + "/start", { waitUntil: "domcontentloaded" }), noJs.keyboard.press("Enter")]);
    expect(await noJs.textContent("h1")).toContain("Höglandets samordningsförbund (demo)");
    // the axe page logs in too
    await loginPage(page, server.url, email, PASSWORD);
  });

  it.each(staffPages)("när administratören öppnar %s så har sidan inga WCAG 2.1 AA-fel", async (path) => {
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  it.each(detailLists)("när administratören öppnar en post från %s så har sidan inga WCAG 2.1 AA-fel", async (list, prefix) => {
    await page.goto(server.url + list);
    const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
    expect(href).toBeTruthy();
    const res = await page.goto(server.url + href);
    expect(res?.status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när sidan visas 320 px bred så behöver den ingen vågrät rullning", async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of staffPages) {
      await page.goto(server.url + path);
      // Wide data tables scroll inside their own box (WCAG 1.4.10 allows that); nothing else may stick out. A hidden
      // skip link clips its own text (visually hidden, as .visually-hidden) and widens nothing.
      const wide = await page.evaluate(() => [...document.querySelectorAll("body *")]
        .filter((e) => !e.closest("table, .visually-hidden, .skip-link:not(:focus), input, textarea, select") && (e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 || e.scrollWidth > e.clientWidth + 1))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px, scroll ${e.scrollWidth})`));
      expect(wide, path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("när ett formulär är fel ifyllt utan JavaScript så visas felsammanfattningen och det inskrivna finns kvar", async () => {
    await noJs.goto(server.url + "/api-nycklar");
    await noJs.fill("#name", "   ");
    await noJs.click("button:has-text('Skapa nyckel')");
    expect(await noJs.textContent(".error-summary")).toContain("Ge nyckeln ett namn");
    expect(await noJs.getAttribute("#name", "aria-invalid")).toBe("true");
    await noJs.fill("#name", "Excel-uppföljning");
    await noJs.click("button:has-text('Skapa nyckel')");
    expect(await noJs.inputValue("#new-token")).toMatch(/^ssp_/);
  });
});
