import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import { seedDemoForbund } from "../../server/organisation/demo.js";
import * as organisation from "../../server/organisation/service.js";

// Chromium on a busy two-core machine: a launch and a page with its scripts can take well over 30 s.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`närvaro, insatsrapporter och statistik i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let page: Page; // axe needs JavaScript to run its checks
  let phone: Page; // the forms must work without it, on a phone-sized screen
  let org: organisation.Organisation;

  const login = (p: Page, email: string) => loginPage(p, server.url, email, PASSWORD);

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date("2024-11-20T10:00:00Z") } });
    const forbundId = await seedDemoForbund(t.ctx);
    org = await organisation.getOrganisation(t.ctx, forbundId);
    const admin = await makeUser(t.ctx, { forbundId, role: "admin" });
    const koord = await makeUser(t.ctx, { forbundId, role: "koordinator", areaIds: [org.areas.find((a) => a.name === "Eksjö")!.id] });
    server = await serve(t.app);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    phone = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })).newPage();
    await login(page, admin.email);
    await login(phone, koord.email);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it("när koordinatorn registrerar ett möte på mobilen utan JavaScript så räcker några tryck, och en miss behåller det ifyllda", async () => {
    await phone.goto(server.url + "/narvaro/ny");
    await phone.selectOption("#grupp", { label: "Samverk Eksjö styrgrupp" });
    await phone.click("button:has-text('Fortsätt')");
    expect(await phone.textContent("h1")).toContain("Samverk Eksjö styrgrupp");
    await phone.fill("#date", "2024-10-03");
    const [kommun, region, af, fk] = org.parties;
    await phone.check(`[id="attendance.${kommun.id}"]`); // ordinarie is the first choice
    await phone.check(`[id="attendance.${region.id}-ersattare"]`);
    await phone.check(`[id="attendance.${af.id}-franvarande"]`);
    await phone.fill("#note", "Digitalt via Teams");
    await phone.click("button:has-text('Spara mötet')");
    expect(await phone.textContent(".error-summary")).toContain("Välj om Försäkringskassan var där");
    expect(await phone.isChecked(`[id="attendance.${region.id}-ersattare"]`)).toBe(true);
    expect(await phone.inputValue("#note")).toBe("Digitalt via Teams");
    await phone.check(`[id="attendance.${fk.id}"]`);
    await phone.click("button:has-text('Spara mötet')");
    await phone.waitForURL(server.url + "/narvaro?year=2024");
    expect(await phone.textContent(".flash")).toContain("Mötet och närvaron är sparade");
    expect(await phone.textContent("main")).toContain("3 av 4");
  });

  it("när axe granskar närvarosidorna, med och utan fel, så finns inga WCAG 2.1 AA-fel", async () => {
    const group = org.groups.find((g) => g.name === "Styrelse")!;
    for (const path of ["/narvaro?year=2024", "/narvaro/ny", `/narvaro/ny?grupp=${group.id}`]) {
      await page.goto(server.url + path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    await page.click("button:has-text('Spara mötet')");
    expect(await page.textContent(".error-summary")).toContain("Skriv mötets datum");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när axe granskar insatsrapportens formulär, felsidan och listan så finns inga WCAG 2.1 AA-fel", async () => {
    await page.goto(server.url + "/insatsrapporter/ny?year=2024");
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption("#interventionId", { label: "SE-Höglandet" });
    await page.fill('[id="participants.women"]', "95");
    await page.fill('[id="participants.men"]', "-3");
    await page.fill('[id="finished.arbete.women"]', "17");
    await page.click("button:has-text('Spara rapporten')");
    expect(await page.textContent(".error-summary")).toContain("Deltagare under perioden, män");
    expect(await page.inputValue('[id="participants.women"]')).toBe("95");
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('[id="participants.men"]', "125");
    await page.click("button:has-text('Spara rapporten')");
    await page.waitForURL(server.url + "/insatsrapporter?year=2024");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("när axe granskar statistiksidan med schablon- och medelsformulären, och felsidan, så finns inga WCAG 2.1 AA-fel", async () => {
    await page.goto(server.url + "/statistik?year=2024");
    expect(await page.textContent("main")).toContain("194");
    expect(await axeViolations(page)).toEqual([]);
    await page.fill("#publicSupport", "tio tusen");
    await page.click("button:has-text('Spara schablonen')");
    expect(await page.textContent(".error-summary")).toContain("Offentlig försörjning");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(server.url + "/statistik/bilaga?year=2024&format=html");
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await axeViolations(page)).toEqual([]);
  });
});
