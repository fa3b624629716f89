/** The questionnaire editor in Debian's Chromium: the whole no-JS editing path by keyboard-reachable forms, and axe on every page of it. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`enkätredigeraren i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let noJs: Page; // the editor must work without JavaScript
  let page: Page; // axe needs JavaScript to run its checks

  const login = (p: Page, email: string) => loginPage(p, server.url, email, PASSWORD);
  const clean = async (path: string) => {
    await page.goto(server.url + path);
    expect(await axeViolations(page), path).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    const email = (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] })).email;
    server = await serve(t.app);
    browser = await launchBrowser();
    noJs = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })).newPage();
    page = await (await browser.newContext()).newPage();
    await login(noJs, email);
    await login(page, email);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när en koordinator bygger en enkät utan JavaScript så går det att lägga till, ändra, flytta, översätta och publicera", async () => {
    await noJs.goto(server.url + "/enkater/ny");
    await noJs.fill("#title", "Utvärdering av frukostseminariet");
    await noJs.fill("#id", "frukostseminariet");
    await noJs.selectOption("#respondentGroup", "evenemang");
    await noJs.click("button:has-text('Skapa utkast')");
    expect(noJs.url()).toBe(server.url + "/enkater/frukostseminariet");

    // A yes/no question, then a free-text one shown only on ja.
    await noJs.selectOption("#kind-0", "yesno");
    await noJs.click("button:has-text('Lägg till fråga i del 1')");
    expect(noJs.url()).toBe(server.url + "/enkater/frukostseminariet/fragor/q2");
    await noJs.fill("#text", "Vill du komma nästa gång?");
    await noJs.click("button:has-text('Spara frågan')");
    await noJs.selectOption("#kind-0", "text");
    await noJs.click("button:has-text('Lägg till fråga i del 1')");
    await noJs.fill("#text", "Vad ska vi ta upp då?");
    await noJs.selectOption("#conditionQuestion", "q2");
    await noJs.fill("#conditionValues", ""); // forgotten: the page says so and keeps the rest
    await noJs.click("button:has-text('Spara frågan')");
    expect(await noJs.textContent(".error-summary")).toContain("Skriv vilket svar som ska visa frågan");
    expect(await noJs.inputValue("#text")).toBe("Vad ska vi ta upp då?");
    await noJs.fill("#conditionValues", "ja");
    await noJs.click("button:has-text('Spara frågan')");
    expect(await noJs.textContent("#fraga-q3")).toContain("Visas bara om q2 = ja");

    // Move q2 above q1 with the button, as a keyboard user would press it.
    await noJs.focus("#fraga-q2 button:has-text('Flytta upp')");
    await Promise.all([noJs.waitForURL(server.url + "/enkater/frukostseminariet#fraga-q2"), noJs.keyboard.press("Enter")]);
    const order = await noJs.$$eval(".editor-question", (els) => els.map((e) => e.id));
    expect(order).toEqual(["fraga-q2", "fraga-q1", "fraga-q3"]);

    // English: tick the language, translate everything, publish.
    await noJs.check("#lang-en");
    await noJs.click("button:has-text('Spara uppgifterna')");
    await noJs.click("a:has-text('English')");
    for (const field of await noJs.$$("textarea")) await field.fill("In English");
    await noJs.click("button:has-text('Spara översättningen')");
    expect(await noJs.textContent("main")).toContain("Alla texter är översatta");
    await noJs.goto(server.url + "/enkater/frukostseminariet");
    await noJs.click("button:has-text('Publicera version 1')");
    expect(await noJs.textContent(".flash")).toContain("Version 1 är publicerad");
  });

  it("när förhandsvisningen öppnas utan JavaScript så går det att bläddra i den mobilbreda ramen", async () => {
    await noJs.goto(server.url + "/enkater/frukostseminariet/forhandsvisning/sida?sida=0");
    await noJs.click("button[type=submit]");
    expect(await noJs.textContent("main")).toContain("Vill du komma nästa gång?");
    await noJs.click("button[value=next]");
    expect(await noJs.textContent("h1")).toContain("Slut på förhandsvisningen");
  });

  it("när axe granskar listan, redigeraren, en fråga med fel, översättningen, förhandsvisningen och importen så finns inga WCAG 2.1 AA-fel", async () => {
    for (const path of [
      "/enkater", "/enkater/ny", "/enkater/importera", "/enkater/frukostseminariet", "/enkater/frukostseminariet/fragor/q3",
      "/enkater/frukostseminariet/oversattning?lang=en", "/enkater/frukostseminariet/forhandsvisning",
      "/enkater/frukostseminariet/forhandsvisning/sida?sida=1", "/enkater/frukostseminariet/versioner/1", "/enkater/samverkan-utvardering",
    ]) await clean(path);
    // A question form that came back with errors.
    await page.goto(server.url + "/enkater/frukostseminariet/fragor/q1");
    await page.fill("#text", "");
    await page.click("button:has-text('Spara frågan')");
    expect(await page.textContent(".error-summary")).toContain("Skriv frågan");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när redigeraren visas 320 px bred så behövs ingen vågrät rullning", async () => {
    const narrow = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
    await narrow.context().addCookies(await page.context().cookies());
    for (const path of ["/enkater/frukostseminariet", "/enkater/frukostseminariet/fragor/q3", "/enkater/frukostseminariet/forhandsvisning"]) {
      await narrow.goto(server.url + path);
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
