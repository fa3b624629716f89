import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund } from "../helpers/factories.js";
import { enableLanguages } from "../helpers/languages.js";
import { axeViolations, hasChromium, launchBrowser, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";
import { responses } from "../../models/schema.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`att svara på en enkät i Chromium${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let axePage: Page; // axe needs JavaScript to run its checks
  let phone: Page; // the respondent: no JavaScript, 360 px wide, keyboard only
  let open: collections.Collection;
  let closed: collections.Collection;
  let arabic: collections.Collection;
  let untranslated: collections.Collection;

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    const { forbund } = f;
    await enableLanguages(t.ctx, f, ["ar"]);
    const make = (v: Partial<collections.CreateCollectionInput>) =>
      collections.createCollection(t.ctx, forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Webbläsare", ...v });
    open = await make({});
    closed = await make({ status: "stangd" });
    arabic = await make({ languages: ["sv", "ar"] });
    untranslated = await make({ questionnaire: "indikator-personal", languages: ["sv", "ar"] });
    server = await serve(t.app);
    browser = await launchBrowser();
    // Swedish browsers: the pages follow the browser's Accept-Language when no language is chosen.
    axePage = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    phone = await (await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false, viewport: { width: 360, height: 740 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const tab = (n = 1) => (async () => { for (let i = 0; i < n; i++) await phone.keyboard.press("Tab"); })();
  const focused = () => phone.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : "";
  });
  /** Tab into the next radio group and move down to option `steps` below the first (0 = the first, checked with Space). */
  async function choose(id: string, steps: number) {
    await tab();
    expect(await focused()).toBe(`input#${id}`);
    if (steps === 0) await phone.keyboard.press("Space");
    for (let i = 0; i < steps; i++) await phone.keyboard.press("ArrowDown");
  }
  const noSideways = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it("när deltagaren svarar på hela indikatorenkäten med tangentbordet, utan JavaScript och 360 px bred så sparas svaret", async () => {
    await phone.goto(`${server.url}/e/${open.slug}`);
    expect(await noSideways()).toBeLessThanOrEqual(0);
    await tab();
    expect(await phone.locator(":focus").textContent()).toContain("Hoppa till innehållet");
    // through the language links to the button
    for (let i = 0; i < 12 && !(await phone.locator(":focus").textContent())?.includes("Börja"); i++) await tab();
    expect(await phone.locator(":focus").textContent()).toContain("Börja");
    await phone.keyboard.press("Enter");
    await phone.waitForURL(/\/fraga\/1/);
    expect(await phone.textContent("h1")).toContain("Del 1 av 2, fråga 1–7 av 10");
    expect(await phone.title()).toBe("Del 1 av 2, fråga 1–7 av 10 – Stödet du får – Indikatorenkät – deltagare i pågående insats");
    expect(await phone.isVisible("#question-q4b")).toBe(false);
    expect(await noSideways()).toBeLessThanOrEqual(0);
    const target = await phone.locator("#q1-2 + label").boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44);

    await tab(); // skip link
    await choose("q1", 4); // För det mesta
    await choose("q2", 3); // Ofta
    await choose("q3", 5); // Alltid
    await choose("q4a", 0); // Ja
    await choose("q5", 3);
    await choose("q6", 6); // Vet inte / ej aktuellt
    await choose("q7", 2);
    await tab();
    expect(await phone.locator(":focus").textContent()).toContain("Nästa");
    await phone.keyboard.press("Enter");
    await phone.waitForLoadState();

    // Without JavaScript the server shows the page again with the follow-up question 4b.
    expect(await phone.textContent(".notice")).toContain("följdfråga");
    expect(await phone.isVisible("#question-q4b")).toBe(true);
    expect(await phone.textContent("h1")).toContain("Del 1 av 2, fråga 1–7 av 10");
    // The notice names the follow-up, its link has the focus and takes the respondent to it.
    expect(await phone.locator(":focus").textContent()).toBe("Svara på fråga 4b");
    await phone.keyboard.press("Enter");
    expect(await focused()).toBe("input#q4b");
    await phone.keyboard.press("ArrowDown");
    await phone.keyboard.press("ArrowDown"); // Ibland
    await tab(4); // 5, 6, 7, Nästa
    expect(await phone.locator(":focus").textContent()).toContain("Nästa");
    await phone.keyboard.press("Enter");
    await phone.waitForURL(/\/fraga\/2/);
    expect(await phone.textContent("h1")).toContain("Del 2 av 2, fråga 8–10 av 10");

    await tab(2);
    expect(await focused()).toBe("textarea#q8");
    await phone.keyboard.type("Att få börja i min egen takt.");
    await tab();
    await phone.keyboard.type("Jag har någon att fråga.");
    await tab(2); // q10 stays empty
    expect(await phone.locator(":focus").textContent()).toContain("Skicka svaren");
    await phone.keyboard.press("Enter");
    await phone.waitForURL(/\/tack/);
    expect(await phone.textContent("h1")).toContain("Tack för dina svar!");
    expect(await noSideways()).toBeLessThanOrEqual(0);

    const rows = await t.ctx.db.select().from(responses).where(eq(responses.collectionId, open.id));
    expect(rows.filter((r) => r.finished).map((r) => r.answers)).toContainEqual({
      q1: 5, q2: 4, q3: 6, q4a: "ja", q4b: 3, q5: 4, q6: 0, q7: 3, q8: "Att få börja i min egen takt.", q9: "Jag har någon att fråga.",
    });
  });

  it("när deltagaren öppnar den arabiska enkäten på en 360 px telefon så rullar ingen sida i sidled och Börja går att trycka på", async () => {
    const wide = () => phone.evaluate(() => document.scrollingElement!.scrollWidth);
    await phone.goto(`${server.url}/e/${arabic.slug}?lang=ar`);
    expect(await phone.getAttribute("html", "dir")).toBe("rtl");
    expect(await wide()).toBeLessThanOrEqual(360);
    const start = phone.locator("form.start-form button");
    expect(await start.isVisible()).toBe(true);
    const box = await start.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await start.click();
    await phone.waitForURL(/\/fraga\/1/);
    expect(await phone.getAttribute("html", "dir")).toBe("rtl");
    expect(await wide()).toBeLessThanOrEqual(360);
    // The skip link, once focused, is on screen at the reading start (the right edge).
    await phone.keyboard.press("Tab");
    const skip = await phone.locator(".skip-link").boundingBox();
    expect(skip!.x).toBeGreaterThanOrEqual(0);
    expect(skip!.x + skip!.width).toBeLessThanOrEqual(360);
    expect(await wide()).toBeLessThanOrEqual(360);
  });

  it("när en fråga saknar arabisk text så står den svenska texten från vänster till höger, med frågetecknet sist", async () => {
    // indikator-personal has no Arabic language version (the participants' questionnaires do).
    await phone.goto(`${server.url}/e/${untranslated.slug}/fraga/1?lang=ar`);
    const swedish = await phone.evaluate(() => [...document.querySelectorAll("main [lang=sv]")].map((e) => getComputedStyle(e).direction));
    expect(swedish.length).toBeGreaterThan(0);
    expect(new Set(swedish)).toEqual(new Set(["ltr"]));
  });

  it("när JavaScript är på så visas fråga 4b direkt när 4a blir ja", async () => {
    await axePage.goto(`${server.url}/e/${open.slug}/fraga/1`);
    expect(await axePage.isVisible("#question-q4b")).toBe(false);
    await axePage.check("#q4a");
    expect(await axePage.isVisible("#question-q4b")).toBe(true);
    expect(await axePage.inputValue("input[name=visible]")).toContain("q4b");
    await axePage.check("#q4a-nej");
    expect(await axePage.isVisible("#question-q4b")).toBe(false);
  });

  it("när start-, fråge-, fel-, spara-, tack- och stängd-sidorna granskas med axe så finns inga WCAG 2.1 AA-fel", async () => {
    const check = async (what: string) => expect(await axeViolations(axePage), what).toEqual([]);
    await axePage.goto(`${server.url}/e/${open.slug}`);
    await check("startsidan");
    await axePage.goto(`${server.url}/e/${open.slug}?lang=en`);
    await check("startsidan på engelska");
    await axePage.goto(`${server.url}/e/${arabic.slug}?lang=ar`);
    await check("startsidan på arabiska");
    await axePage.goto(`${server.url}/e/${arabic.slug}/fraga/1?lang=ar`);
    await check("frågesidan på arabiska");
    await axePage.goto(`${server.url}/e/${open.slug}/fraga/1`);
    await axePage.check("#q4a");
    await check("frågesidan med 4b öppen");
    await axePage.click("button[value=next]");
    await axePage.waitForURL(/\/fraga\/2/);
    await axePage.fill("#q8", "Ring mig på 070-123 45 67");
    await axePage.click("button[value=next]");
    await axePage.waitForSelector(".error-summary");
    expect(await axePage.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await check("felsidan");
    await axePage.fill("#q8", "Mer tid");
    await axePage.click("button[value=save]");
    await axePage.waitForSelector("#resume-link");
    await check("sparat-sidan");
    await axePage.goto((await axePage.textContent("#resume-link"))!.replace("http://samspar.test", server.url));
    await axePage.click("button[value=next]");
    await axePage.waitForURL(/\/tack/);
    await check("tacksidan");
    const res = await axePage.goto(`${server.url}/e/${closed.slug}`);
    expect(res?.status()).toBe(410);
    await check("stängd");
  });
});
