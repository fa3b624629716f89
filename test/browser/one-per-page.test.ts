/**
 * One question per page in Chromium, at 320 px, with and without JavaScript, in Swedish, lättläst and
 * Arabic: chosen on the start page, a question a page, the follow-up as the next page, saved and sent;
 * no page wider than the screen, answer targets at least 44 px, axe clean. Screenshots go to
 * SCREENSHOT_DIR when it is set, for a person to look at.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund } from "../helpers/factories.js";
import { enableLanguages } from "../helpers/languages.js";
import { axeViolations, hasChromium, launchBrowser, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";
import { responses } from "../../models/schema.js";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const WIDTH = 320;
const shots = process.env.SCREENSHOT_DIR;

describe.skipIf(!hasChromium)(`en fråga per sida i Chromium${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let c: collections.Collection;

  beforeAll(async () => {
    t = await startTestApp();
    const f = await makeForbund(t.ctx);
    await enableLanguages(t.ctx, f, ["ar"]);
    c = await collections.createCollection(t.ctx, f.forbund.id, {
      questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Stegvis", languages: ["sv", "sv-lattlast", "ar"],
    });
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const cases = [
    { lang: "sv", choose: "form.start-other button", step: "Steg", js: false },
    { lang: "sv", choose: "form.start-other button", step: "Steg", js: true },
    // in lättläst "Börja" itself starts one question at a time
    { lang: "sv-lattlast", choose: "form.start-form button", step: "Sida", js: false },
    { lang: "sv-lattlast", choose: "form.start-form button", step: "Sida", js: true },
    { lang: "ar", choose: "form.start-other button", step: "الخطوة", js: false },
    { lang: "ar", choose: "form.start-other button", step: "الخطوة", js: true },
  ];

  for (const k of cases) {
    it(`när deltagaren väljer en fråga per sida på ${k.lang} ${k.js ? "med" : "utan"} JavaScript så går enkäten att svara på, en fråga i taget`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: k.js, viewport: { width: WIDTH, height: 700 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (name: string) => {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 0) problems.push(`${name}: ${wide} px för bred`);
        if (k.js) for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
        if (shots) await page.screenshot({ path: path.join(shots, `en-fraga-${k.lang}-${k.js ? "js" : "utan-js"}-${name}.png`), fullPage: true });
      };
      try {
        await page.goto(`${server.url}/e/${c.slug}?lang=${k.lang}`);
        await check("start");
        await page.click(k.choose);
        await page.waitForURL(/\/steg\/1/);
        expect(await page.textContent("h1")).toContain(`${k.step} 1`);
        expect(await page.locator(".question").count()).toBe(1);
        await check("steg-1");
        // the answer targets stay large: every choice at least 44 px high
        for (const box of await page.locator(".choice label").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
          expect(box).toBeGreaterThanOrEqual(44);
        }

        const next = async (id: string, value: string) => {
          await page.click(`label[for="${id}-${value}"], input[id="${id}"][value="${value}"] + label`);
          await page.click('button[value="next"]');
          await page.waitForLoadState();
        };
        await next("q1", "5");
        await next("q2", "4");
        await next("q3", "6");
        await next("q4a", "ja");
        // the follow-up is simply the next page, and the count of steps says so
        await page.waitForURL(/\/steg\/5/);
        expect(await page.locator(".question").count()).toBe(1);
        expect(await page.isVisible("#question-q4b")).toBe(true);
        expect(await page.textContent("h1")).toMatch(/11/);
        await check("foljdfraga");
        await page.click('label[for="q4b-3"]');
        await page.click('button[value="save"]');
        await page.waitForLoadState();
        const link = (await page.textContent("#resume-link"))!.trim();
        expect(link).toContain("vy=steg");
        await check("sparad");

        // continuing from the link: the same step, then to the end
        await page.goto(link.replace("http://samspar.test", server.url));
        await page.waitForURL(/\/steg\/5/);
        expect(await page.isChecked("#q4b-3")).toBe(true);
        await page.click('button[value="next"]');
        await page.waitForURL(/\/steg\/6/);
        for (const id of ["q5", "q6", "q7"]) await next(id, "4");
        for (let i = 0; i < 3; i++) { // q8–q10: free text, left empty
          await page.click('button[value="next"]');
          await page.waitForLoadState();
        }
        await page.waitForURL(/\/tack/);
        await check("tack");
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("när alla har svarat så finns sex slutförda svar med följdfrågan", async () => {
    const rows = await t.ctx.db.select().from(responses).where(eq(responses.collectionId, c.id));
    const done = rows.filter((r) => r.finished);
    expect(done.length).toBe(cases.length);
    for (const r of done) expect(r.answers).toMatchObject({ q1: 5, q4a: "ja", q4b: 3, q7: 4 });
    expect(new Set(done.map((r) => r.language))).toEqual(new Set(["sv", "sv-lattlast", "ar"]));
  });
});
