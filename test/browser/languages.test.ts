/**
 * Every respondent page in every shipped language on a 320 px phone: no page wider than the screen
 * (scrollWidth <= innerWidth), axe clean, right to left where the language is. Screenshots of the
 * Arabic and Somali pages go to SCREENSHOT_DIR when it is set, for a person to look at.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund } from "../helpers/factories.js";
import { enableLanguages } from "../helpers/languages.js";
import { axeViolations, hasChromium, launchBrowser, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";
import { languageCodes, rtlLanguages } from "../../surveys/define.js";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const WIDTH = 320;
const shots = process.env.SCREENSHOT_DIR;

describe.skipIf(!hasChromium)(`varje respondentsida på varje språk, 320 px${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let withJs: Page; // axe needs JavaScript to run its checks
  let noJs: Page; // the follow-up as the server shows it without JavaScript
  let open: collections.Collection;
  let closed: collections.Collection;

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    await enableLanguages(t.ctx, f, ["ar", "fa", "so", "ti", "uk"]);
    const make = (v: Partial<collections.CreateCollectionInput>) => collections.createCollection(t.ctx, f.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Språk", languages: [...languageCodes], ...v,
    });
    open = await make({});
    closed = await make({ status: "stangd" });
    server = await serve(t.app);
    browser = await launchBrowser();
    const viewport = { width: WIDTH, height: 640 };
    withJs = await (await browser.newContext({ viewport })).newPage();
    noJs = await (await browser.newContext({ viewport, javaScriptEnabled: false })).newPage();
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** The page as a respondent meets it: the language's direction, nothing sideways, and (with JavaScript) axe clean. */
  async function check(page: Page, lang: string, name: string, failures: string[]) {
    const html = { lang: await page.getAttribute("html", "lang"), dir: await page.getAttribute("html", "dir") };
    const expected = { lang: lang === "sv-lattlast" ? "sv" : lang, dir: rtlLanguages.has(lang) ? "rtl" : "ltr" };
    if (html.lang !== expected.lang || html.dir !== expected.dir) failures.push(`${lang} ${name}: html ${JSON.stringify(html)}`);
    const over = await overflow(page);
    if (over > 0) failures.push(`${lang} ${name}: ${over} px wider than the screen`);
    if (page === withJs) for (const v of await axeViolations(page)) failures.push(`${lang} ${name}: ${v}`);
    if (shots && (lang === "ar" || lang === "so")) await page.screenshot({ path: path.join(shots, `${lang}-${name}.png`), fullPage: true });
  }

  it.each([...languageCodes])("när sidorna visas på %s så är ingen bredare än skärmen och axe hittar inga fel", async (lang) => {
    const failures: string[] = [];
    const p = withJs;
    await p.goto(`${server.url}/e/${open.slug}?lang=${lang}`);
    await check(p, lang, "start", failures);
    // The pages mode (lättläst's "Börja" starts one question at a time; test/browser/one-per-page.test.ts has the steps).
    await p.click('form[action*="/fraga/1"] button');
    await p.waitForURL(/\/fraga\/1/);
    await check(p, lang, "fraga-1", failures);
    await p.check("#q4a"); // ja: 4b shows (JavaScript)
    await p.check("#q4b-3");
    await p.click("button[value=next]");
    await p.waitForURL(/\/fraga\/2/);
    await check(p, lang, "fraga-2", failures);
    await p.fill("#q8", "Ring mig på 070-123 45 67");
    await p.click("button[value=next]");
    await p.waitForSelector(".error-summary, [role=alert]");
    await check(p, lang, "fel", failures);
    await p.fill("#q8", "Mer tid");
    await p.click("button[value=save]");
    await p.waitForSelector("#resume-link");
    await check(p, lang, "sparad", failures);
    // The resume link is on the configured public address: followed here on the test server.
    const resume = new URL((await p.getAttribute("a.big-link", "href"))!);
    await p.goto(`${server.url}${resume.pathname}${resume.search}`);
    await p.waitForURL(/\/fraga\/2/);
    await p.click("button[value=next]");
    await p.waitForURL(/\/tack/);
    await check(p, lang, "tack", failures);
    await p.goto(`${server.url}/e/${closed.slug}?lang=${lang}`);
    await check(p, lang, "stangd", failures);

    // Without JavaScript the server shows the follow-up, named and linked.
    await noJs.goto(`${server.url}/e/${open.slug}/fraga/1?lang=${lang}`);
    await noJs.check("#q4a");
    await noJs.click("button[value=next]");
    await noJs.waitForSelector(".notice-links a");
    await check(noJs, lang, "foljdfraga", failures);

    expect(failures).toEqual([]);
  });
});
