import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";
import * as accounts from "../../server/accounts/service.js";
import * as organisation from "../../server/organisation/service.js";
import * as deviations from "../../server/deviations/service.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

/** Fills the public deviation form as a reporter would: the first area and party, one box of each kind, and a description. */
async function fillReport(page: Page) {
  await page.selectOption("#areaId", { index: 1 });
  await page.selectOption("#reporterPartyId", { index: 1 });
  await page.check("#concerned");
  await page.fill("#description", "Ingen part tog ansvar för planeringen.");
  await page.check("#consequences");
  await page.check("#causes");
  await page.check("#severity");
  await page.check("#confirm");
}

describe.skipIf(!hasChromium)(`avvikelser i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page; // axe needs JavaScript to run its checks
  let noJs: Page; // the public pages must work without it
  let slug: string;
  let forbundId: string;
  let adminEmail: string;
  let followPath = "";
  let answerPath = "";
  let caseId = "";

  beforeAll(async () => {
    t = await startTestApp();
    forbundId = await seedDemoForbund(t.ctx);
    const admin = await makeUser(t.ctx, { forbundId, role: "admin" });
    adminEmail = admin.email;
    slug = (await deviations.getSettings(t.ctx, forbundId)).publicSlug;
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: "sv-SE" })).newPage();
    noJs = await (await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när en medarbetare rapporterar utan JavaScript så vägras personuppgifter med allt ifyllt kvar, och sedan kommer ärendenummer och länk", async () => {
    const org = await organisation.getOrganisation(t.ctx, forbundId);
    await noJs.goto(`${server.url}/a/${slug}`);
    await noJs.selectOption("#areaId", { label: "Eksjö" });
    await noJs.selectOption("#reporterPartyId", { label: "Kommun" });
    await noJs.selectOption("#reporterUnitId", { label: "Arbetsmarknadsenhet" });
    await noJs.fill("#reporterRole", "SE-coach");
    await noJs.check("label:has-text('Region') >> xpath=preceding-sibling::input");
    const region = org.parties.find((p) => p.name === "Region")!;
    await noJs.selectOption(`[id="concernedUnit_${region.id}"]`, { label: "Psykiatri" });
    await noJs.fill("#description", "SIP-mötet blev inte av. Personen nås på 070-123 45 67.");
    await noJs.check("label:has-text('Dubbelarbete') >> xpath=preceding-sibling::input");
    await noJs.check("label:has-text('Bristande kommunikation') >> xpath=preceding-sibling::input");
    await noJs.check("#severity");
    await noJs.check("#confirm");
    await noJs.click("button:has-text('Skicka rapporten')");
    expect(await noJs.textContent(".error-summary")).toContain("telefonnummer");
    expect(await noJs.getAttribute("#description", "aria-invalid")).toBe("true");
    expect(await noJs.inputValue("#reporterRole")).toBe("SE-coach");
    expect(await noJs.isChecked("#confirm")).toBe(true);
    expect(await noJs.inputValue(`[id="concernedUnit_${region.id}"]`)).toBe(org.parties.find((p) => p.name === "Region")!.units.find((u) => u.name === "Psykiatri")!.id);
    await noJs.fill("#description", "SIP-mötet blev inte av eftersom ingen part kallade.");
    await noJs.click("button:has-text('Skicka rapporten')");
    expect(await noJs.textContent("h1")).toContain("Tack för din rapport");
    expect(await noJs.textContent("main")).toMatch(/AV-\d{4}-001/);
    followPath = new URL(await noJs.inputValue("#follow-url")).pathname;
    // A reload of the receipt files nothing again and no longer shows the link.
    await noJs.reload();
    expect(await noJs.textContent("main")).toMatch(/AV-\d{4}-001/);
    expect(await noJs.$("#follow-url")).toBeNull();
    expect(await noJs.textContent("main")).toContain("visas den inte igen");
    await noJs.goto(server.url + followPath);
    expect(await noJs.textContent("h1")).toMatch(/Ärende AV-\d{4}-001/);
  });

  it("när axe granskar formuläret, felsidan och kvittot så finns inga WCAG 2.1 AA-fel", async () => {
    await page.goto(`${server.url}/a/${slug}`);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await axeViolations(page)).toEqual([]);
    await page.click("button:has-text('Skicka rapporten')");
    expect(await page.textContent(".error-summary")).toContain("Välj kommunområde");
    expect(await axeViolations(page)).toEqual([]);
    await fillReport(page);
    await page.click("button:has-text('Skicka rapporten')");
    expect(await page.textContent("h1")).toContain("Tack för din rapport");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när rapportörens, partens och de publicerade sidorna granskas så finns inga WCAG 2.1 AA-fel", async () => {
    const admin = (await accounts.loadForbundUser(t.ctx, (await accounts.listUsers(t.ctx, forbundId)).find((u) => u.email === adminEmail)!.id))!;
    const [c] = await deviations.listCases(t.ctx, admin);
    caseId = c.id;
    const org = await organisation.getOrganisation(t.ctx, forbundId);
    const region = org.parties.find((p) => p.name === "Region")!;
    await deviations.saveSettings(t.ctx, admin, forbundId, { answerDays: 60, reminderDays: 7, retentionMonths: 36, partyContacts: { [region.id]: "region@exempel.se" } });
    await deviations.requestAnswers(t.ctx, admin, caseId, [region.id]);
    answerPath = /\/a\/svar\/[A-Za-z0-9_-]+/.exec((await t.lastMailTo("region@exempel.se"))!.text)![0];
    await deviations.saveSummary(t.ctx, admin, caseId, { publicSummary: "Kallelser till SIP föll mellan parterna.", approve: true });

    for (const path of [followPath, answerPath, `/a/${slug}/besvarade`, "/a/uppfoljning/finnsinteharfinnsinteharfinnsinte"]) {
      await page.goto(server.url + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // The party answers without JavaScript.
    await noJs.goto(server.url + answerPath);
    await noJs.fill("#answer", "Vi tar fram en rutin för kallelser.");
    await noJs.click("button:has-text('Skicka svaret')");
    expect(await noJs.textContent(".flash")).toContain("Tack");
  });

  it.each([["med JavaScript", true], ["utan JavaScript", false]])("när formuläret har fel på en telefon (360 px, %s) så hamnar fokus i sammanfattningen, titeln börjar med Fel: och länken till en grupp visar dess rubrik", async (_how, js) => {
    const phone = await (await browser.newContext({ locale: "sv-SE", javaScriptEnabled: js, viewport: { width: 360, height: 740 } })).newPage();
    try {
      await phone.goto(`${server.url}/a/${slug}`);
      await phone.selectOption("#areaId", { index: 1 });
      await phone.click("button:has-text('Skicka rapporten')");
      expect(await phone.title()).toMatch(/^Fel: /);
      expect(await phone.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
      const summary = (await phone.locator(".error-summary").boundingBox())!;
      expect(summary.y).toBeLessThan(740 / 2); // within the first screen, not below the introduction

      // The link to a group of checkboxes shows its legend and its message, not only the first box.
      await phone.click(".error-summary a[href='#concerned-fieldset']");
      for (const selector of ["#concerned-fieldset legend", "#concerned-error"]) {
        const box = (await phone.locator(selector).boundingBox())!;
        expect(box.y, selector).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, selector).toBeLessThanOrEqual(740);
      }
      // Only what failed is marked: the optional unit lists in the parties' group stay as they were, the area chosen too.
      const errorColour = await phone.evaluate(() => getComputedStyle(document.querySelector("#concerned-error")!).color);
      for (const select of await phone.locator("#concerned-fieldset select").all()) {
        expect(await select.getAttribute("aria-invalid")).toBeNull();
        expect(await select.evaluate((el) => getComputedStyle(el).borderTopColor)).not.toBe(errorColour);
      }
      expect(await phone.locator("#areaId").getAttribute("aria-invalid")).toBeNull();
      // Checkboxes and radios as large as on the questionnaire pages: a 24 px box in a 44 px high target.
      for (const selector of ["#concerned", "#consequences", "#severity", "#confirm"]) {
        const box = (await phone.locator(selector).boundingBox())!;
        expect(box.width, selector).toBeGreaterThanOrEqual(24);
        const label = (await phone.locator(`label[for="${selector.slice(1)}"]`).boundingBox())!;
        expect(label.height, selector).toBeGreaterThanOrEqual(44);
      }
      if (js) expect(await axeViolations(phone)).toEqual([]);
    } finally {
      await phone.context().close();
    }
  });

  it("när formuläret väljs på engelska i språkväljaren så är sidan, felsidan och kvittot på engelska utan WCAG 2.1 AA-fel", async () => {
    await noJs.goto(`${server.url}/a/${slug}`);
    await noJs.click(".language-switch a:has-text('English')");
    expect(await noJs.getAttribute("html", "lang")).toBe("en");
    await noJs.click("button:has-text('Send the report')");
    expect(await noJs.textContent(".error-summary")).toContain("Choose a municipal area");
    await page.goto(`${server.url}/a/${slug}?lang=en`);
    expect(await axeViolations(page)).toEqual([]);
    await page.click("button:has-text('Send the report')");
    expect(await axeViolations(page)).toEqual([]);
    await fillReport(page);
    await page.click("button:has-text('Send the report')");
    expect(await page.textContent("h1")).toContain("Thank you for your report");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await axeViolations(page)).toEqual([]);
    if (process.env.SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 320, height: 800 });
      for (const lang of ["en", "sv-lattlast"]) {
        await page.goto(`${server.url}/a/${slug}?lang=${lang}`);
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/avvikelse-${lang}-320.png`, fullPage: false });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("när de publika sidorna visas 320 px breda så behövs ingen vågrät rullning", async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of [`/a/${slug}`, `/a/${slug}?lang=en`, `/a/${slug}?lang=sv-lattlast`, followPath, answerPath, `/a/${slug}/besvarade`]) {
      await page.goto(server.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("när administratören öppnar avvikelsernas personalsidor så finns inga WCAG 2.1 AA-fel", async () => {
    await loginPage(page, server.url, adminEmail, PASSWORD);
    for (const path of ["/avvikelser", `/avvikelser/${caseId}`, "/avvikelser/analys", "/avvikelser/beredningsgrupp", "/avvikelser/installningar", "/avvikelser/gallring", "/avvikelser/import"]) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});
