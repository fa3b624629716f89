import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";
import * as organisation from "../../server/organisation/service.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`insatsrapportens utfall och stegförflyttning i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let se: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date("2025-03-20T10:00:00Z") } });
    const forbundId = await seedDemoForbund(t.ctx);
    const org = await organisation.getOrganisation(t.ctx, forbundId);
    se = org.interventions.find((i) => i.name === "SE-Höglandet")!.id;
    const admin = await makeUser(t.ctx, { forbundId, role: "admin" });
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    phone = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 740 } })).newPage();
    await loginPage(page, server.url, admin.email, PASSWORD);
    await loginPage(phone, server.url, admin.email, PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när summorna inte går ihop så säger sidan det medan man skriver, med JavaScript", async () => {
    await page.goto(server.url + "/insatsrapporter/ny?year=2025");
    await page.fill('[id="participants.women"]', "10");
    await page.fill('[id="finishedTotal.women"]', "5");
    await page.fill('[id="finished.sjukdom.women"]', "4");
    await expect.poll(() => page.textContent("#sum-status")).toContain("Avslutade kvinnor per orsak summerar till 4, men Avslutade kvinnor är 5.");
    await page.fill('[id="finished.arbete.women"]', "1");
    await expect.poll(() => page.textContent("#sum-status")).toBe("Summorna går ihop.");
    expect(await axeViolations(page), "/insatsrapporter/ny").toEqual([]);
  });

  it("när matrisen fylls i utan JavaScript på en smal skärm så sparas den, och nyckeltal som saknas sägs", async () => {
    await phone.goto(`${server.url}/stegforflyttning/${se}?year=2025`);
    await phone.fill('[id="m.forsorjningsstod.arbete"]', "två");
    await phone.click("button:has-text('Spara förflyttningarna')");
    expect(await phone.textContent(".error-summary")).toContain("Från försörjningsstöd till arbete");
    await phone.fill('[id="m.forsorjningsstod.arbete"]', "2");
    await phone.click("button:has-text('Spara förflyttningarna')");
    await phone.waitForURL(`${server.url}/stegforflyttning/${se}?year=2025`);
    expect(await phone.textContent("main")).toContain("Effekten kan inte räknas: nyckeltal saknas för 2025.");
    expect(await phone.inputValue('[id="m.forsorjningsstod.arbete"]')).toBe("2");
  });

  it("när axe granskar stegförflyttningens sidor, med och utan fel, så finns inga WCAG 2.1 AA-fel", async () => {
    for (const path of ["/stegforflyttning?year=2025", `/stegforflyttning/${se}?year=2025`, "/ekonomi?year=2025", "/stegforflyttning/nyckeltal?year=2025"]) {
      await page.goto(server.url + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.fill('[id="s.forsorjningsstod.amount"]', "120 000");
    await page.click("button:has-text('Spara nyckeltalen')");
    expect(await page.textContent(".error-summary")).toContain("Försörjningsstöd: välj vem som betalar.");
    expect(await axeViolations(page), "nyckeltal med fel").toEqual([]);
  });
});
