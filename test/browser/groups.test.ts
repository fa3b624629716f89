/**
 * The pages of förbundsgrupper and the national view in Chromium: axe (WCAG 2.1 AA) on each, sharing through the form
 * without JavaScript, and the comparison at 320 px without the page scrolling sideways (the table scrolls on its own).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { INDIKATOR, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import * as collections from "../../server/collections/service.js";
import * as accounts from "../../server/accounts/service.js";
import * as groups from "../../server/groups/service.js";
import { responses } from "../../models/schema.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`förbundsgrupper och nationellt i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let groupId: string;
  const emails = { admin: "", superadmin: "", nationell: "" };

  beforeAll(async () => {
    t = await startTestApp();
    const made = [];
    for (const name of ["Höglandets samordningsförbund", "Samordningsförbundet Södra Vätterbygden", "Värnamo samordningsförbund"]) {
      const f = await makeForbund(t.ctx, name);
      const c = await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: INDIKATOR, year: 2026, name: "Vår", areaId: f.areas[0].id, interventionId: null });
      const n = made.length === 2 ? 3 : 8 + made.length;
      await t.ctx.db.insert(responses).values(Array.from({ length: n }, (_, i) => ({
        collectionId: c.id, forbundId: f.forbund.id, answeredOn: "2026-04-01", finished: true, released: true,
        answers: { q1: i % 3 ? 5 : 2, q2: 4, q3: 6, q4a: "ja", q4b: 4, q5: 4, q6: 3, q7: 5 },
      })));
      made.push(f);
    }
    const superadmin = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    emails.superadmin = superadmin.email;
    const created = await groups.createGroup(t.ctx, (await accounts.loadCurrentUser(t.ctx, superadmin.id))!, { name: "Jönköpings län", forbundIds: made.map((f) => f.forbund.id) });
    if (!created.ok) throw new Error("ingen grupp");
    groupId = created.id;
    for (const f of made.slice(1)) {
      const admin = await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id);
      await groups.setGroupSharing(t.ctx, admin!, groupId, { questionnaire: INDIKATOR, year: 2026, share: true });
      await groups.setNationalSharing(t.ctx, admin!, { questionnaire: INDIKATOR, year: 2026, share: true });
    }
    emails.admin = (await makeUser(t.ctx, { forbundId: made[0].forbund.id, role: "admin" })).email;
    emails.nationell = (await makeUser(t.ctx, { forbundId: null, role: "nationell" })).email;
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const signedIn = async (email: string, landing = "/start", js = true): Promise<Page> => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    if (landing === "/start") {
      await loginPage(page, server.url, email, PASSWORD);
    } else {
      await page.goto(server.url + "/login");
      await page.fill("#email", email);
      await page.fill("#password", PASSWORD);
      await Promise.all([page.waitForURL(server.url + landing + "**", { waitUntil: "domcontentloaded" }), page.click("button[type=submit]")]);
    }
    return page;
  };

  it("när administratören delar med gruppen utan JavaScript, med tangentbordet, så står förbundet i jämförelsen", async () => {
    const page = await signedIn(emails.admin, "/start", false);
    await page.goto(server.url + "/forbundsgrupper");
    const year = page.locator(`#g-${groupId}-year`);
    await year.fill("20x6");
    await page.getByRole("button", { name: "Dela", exact: true }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Skriv året med fyra siffror");
    expect(await page.locator(`#g-${groupId}-year`).inputValue()).toBe("20x6");
    await page.locator(`#g-${groupId}-year`).fill("2026");
    await page.locator(`#g-${groupId}-year`).press("Enter");
    await page.waitForURL(server.url + "/forbundsgrupper");
    expect(await page.locator(".flash").textContent()).toContain("Förbundet delar nu sina siffror för 2026 med gruppen");
    await page.getByRole("link", { name: /Jämför Indikatorenkät/ }).click();
    expect(await page.locator("h1").textContent()).toContain("Jämförelse Jönköpings län");
    const table = await page.locator("table").first().textContent();
    expect(table).toContain("Höglandets samordningsförbund");
    expect(table).toContain("För få svar för att redovisa");
  });

  it.each([
    ["admin", "/forbundsgrupper"], ["admin", "comparison"], ["superadmin", "/plattform/forbundsgrupper"], ["nationell", "/nationellt"],
    ["nationell", `/nationellt?year=2026&questionnaire=${INDIKATOR}`],
  ] as const)("när %s öppnar %s så har sidan inga WCAG 2.1 AA-fel och inget som rullar i sidled vid 320 px", async (who, path) => {
    const page = await signedIn(emails[who], who === "nationell" ? "/nationellt" : who === "superadmin" ? "/plattform" : "/start");
    const url = path === "comparison" ? `/forbundsgrupper/${groupId}/jamforelse?questionnaire=${INDIKATOR}&year=2026` : path;
    const res = await page.goto(server.url + url);
    expect(res?.status()).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    if (path === "comparison") await page.screenshot({ path: "/tmp/lan-comparison-320.png", fullPage: true });
    if (path.includes("questionnaire")) await page.screenshot({ path: "/tmp/nationellt-320.png", fullPage: true });
  });
});
