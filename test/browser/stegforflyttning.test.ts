import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";
import * as organisation from "../../server/organisation/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as socio from "../../server/socioeconomics/service.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`insatsrapportens utfall och stegförflyttning i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page;
  let phone: Page;
  let se: string, forbundId: string, adminId: string, lasareEmail: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date("2025-03-20T10:00:00Z") } });
    forbundId = await seedDemoForbund(t.ctx);
    const org = await organisation.getOrganisation(t.ctx, forbundId);
    se = org.interventions.find((i) => i.name === "SE-Höglandet")!.id;
    const admin = await makeUser(t.ctx, { forbundId, role: "admin" });
    adminId = admin.id;
    lasareEmail = (await makeUser(t.ctx, { forbundId, role: "lasare" })).email;
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

  it("när matrisen och ekonomin fylls i med JavaScript så räknas summorna medan man skriver, och ett år efter med fler än som började sägs", async () => {
    await page.goto(`${server.url}/stegforflyttning/${se}?year=2024`);
    await page.fill('[id="m.forsorjningsstod.arbete"]', "2");
    await page.fill('[id="m.forsorjningsstod.forsorjningsstod"]', "3");
    await expect.poll(() => page.textContent("#sum-status")).toBe("Summorna går ihop: 5 deltagare, varav 2 förflyttade.");
    expect(await page.textContent('table.matrix[data-prefix="m"] tr[data-row="forsorjningsstod"] .row-sum')).toBe("5");
    await page.fill('[id="y.forsorjningsstod.arbete"]', "6");
    await expect.poll(() => page.textContent("#sum-status")).toBe("Ett år efter: 6 följs upp från försörjningsstöd, men bara 5 började med försörjningsstöd.");
    expect(await axeViolations(page), "matrisen med summor").toEqual([]);
    await page.fill('[id="y.forsorjningsstod.arbete"]', "4");
    await expect.poll(() => page.textContent("#sum-status")).toContain("Summorna går ihop");

    await page.goto(`${server.url}/ekonomi?year=2024`);
    await page.fill('[id="line.0.label"]', "SE-Höglandet");
    await page.fill('[id="line.0.budget"]', "3 980 000");
    await page.fill('[id="line.0.utfall"]', "3 975 750");
    await expect.poll(() => page.textContent("#sum-status")).toContain("Summa individinriktade insatser: budget 3\u00A0980\u00A0000 kr, utfall 3\u00A0975\u00A0750 kr, avvikelse 4\u00A0250 kr.");
    await page.fill('[id="line.0.utfall"]', "3,9 milj");
    await expect.poll(() => page.textContent("#sum-status")).toBe("SE-Höglandet: utfallet är inte ett belopp i hela kronor.");
    expect(await axeViolations(page), "ekonomin med summor").toEqual([]);
  });

  it("när ett år efter har fler än som började utan JavaScript på en smal skärm så namnger servern cellen och inget skrivet försvinner", async () => {
    await phone.goto(`${server.url}/stegforflyttning/${se}?year=2023`);
    await phone.fill('[id="m.a_kassa.arbete"]', "3");
    await phone.fill('[id="y.a_kassa.arbete"]', "2");
    await phone.fill('[id="y.a_kassa.ingen"]', "2");
    await phone.click("button:has-text('Spara förflyttningarna')");
    expect(await phone.textContent(".error-summary")).toContain("Ett år efter: 4 följs upp från a-kassa, men bara 3 började med a-kassa.");
    expect(await phone.inputValue('[id="y.a_kassa.ingen"]')).toBe("2");
    expect(await phone.inputValue('[id="m.a_kassa.arbete"]')).toBe("3");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
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

  it("när en läsare läser en matris under förbundets gräns på en smal skärm så står dolda antal som dolt, utan axe-fel", async () => {
    const admin = (await accounts.loadCurrentUser(t.ctx, adminId))! as Parameters<typeof socio.saveMatrix>[1];
    await socio.saveMatrix(t.ctx, admin, se, 2022, { matrix: { forsorjningsstod: { arbete: 2, forsorjningsstod: 6 }, aktivitetsstod: { arbete: 5, aktivitetsstod: 9 } }, oneYearAfter: null });
    const org = await organisation.getOrganisation(t.ctx, forbundId);
    await orgRepo.updateForbund(t.ctx.db, forbundId, { name: org.name, reportingThreshold: org.reportingThreshold, outcomeThreshold: 5 });
    // axe needs the page's JavaScript; the read-only page has no form and no script of its own.
    const reader = await (await browser.newContext({ viewport: { width: 320, height: 740 } })).newPage();
    await loginPage(reader, server.url, lasareEmail, PASSWORD);
    await reader.goto(`${server.url}/stegforflyttning/${se}?year=2022`);
    expect(await reader.locator('input[name^="m."]').count()).toBe(0);
    expect(await reader.textContent("table.matrix")).toContain("dolt");
    expect(await axeViolations(reader)).toEqual([]);
    await reader.screenshot({ path: "/tmp/stegforflyttning-dolt-320.png", fullPage: true });
    await orgRepo.updateForbund(t.ctx.db, forbundId, { name: org.name, reportingThreshold: org.reportingThreshold, outcomeThreshold: org.outcomeThreshold });
  });
});
