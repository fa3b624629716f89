/**
 * The shared insatser's pages in Chromium: the co-funder's admin accepts without JavaScript, by keyboard, and reads its
 * own part beside the whole; axe (WCAG 2.1 AA) on each page, and nothing that scrolls sideways at 320 px.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, loginPage, serve, skipReason } from "../helpers/browser.js";
import * as accounts from "../../server/accounts/service.js";
import * as groups from "../../server/groups/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as shared from "../../server/sharedinterventions/service.js";
import * as reports from "../../server/interventionreports/service.js";
import * as socio from "../../server/socioeconomics/service.js";
import { zeroCounts } from "../../server/interventionreports/outcomes.pure.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`delade insatser i Chromium med axe${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let insats: string;
  const emails = { owner: "", cofunder: "" };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date("2024-11-10T10:00:00Z") } });
    const [h, sv, fv] = [await makeForbund(t.ctx, "Höglandets samordningsförbund"), await makeForbund(t.ctx, "Samordningsförbundet Södra Vätterbygden"), await makeForbund(t.ctx, "Finsamverkan i Finnveden")];
    const superadmin = await accounts.loadCurrentUser(t.ctx, (await makeUser(t.ctx, { forbundId: null, role: "superadmin" })).id);
    await groups.createGroup(t.ctx, superadmin!, { name: "Jönköpings län", forbundIds: [h, sv, fv].map((f) => f.forbund.id) });
    insats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: h.forbund.id, name: "IT-spåret", kind: "individinriktad", fromYear: 2024 }, [])).id;
    const admin = async (f: typeof h) => (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" })).id))!;
    const [hAdmin, svAdmin, fvAdmin] = [await admin(h), await admin(sv), await admin(fv)];
    emails.owner = hAdmin.email;
    emails.cofunder = svAdmin.email;
    await shared.inviteCofunder(t.ctx, hAdmin, insats, sv.forbund.id);
    await shared.inviteCofunder(t.ctx, hAdmin, insats, fv.forbund.id);
    await shared.acceptInvitation(t.ctx, fvAdmin, insats);
    const five = (toWork: number) => {
      const c = zeroCounts();
      c.participants.men = 5;
      c.finished.arbete.men = toWork;
      return c;
    };
    for (const [u, c] of [[hAdmin, five(2)], [fvAdmin, five(0)]] as const) await reports.setOutcomes(t.ctx, u, insats, 2024, c);
    await socio.setFunding(t.ctx, hAdmin, insats, 2024, 600_000);
    await socio.setFunding(t.ctx, fvAdmin, insats, 2024, 200_000);
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const signedIn = async (email: string, js = true): Promise<Page> => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await loginPage(page, server.url, email, PASSWORD);
    return page;
  };

  it("när medfinansiärens administratör accepterar utan JavaScript, med tangentbordet, så ser den sin del och hela insatsen", async () => {
    const page = await signedIn(emails.cofunder, false);
    await page.goto(server.url + "/delade-insatser");
    const accept = page.getByRole("button", { name: "Acceptera att samfinansiera IT-spåret" });
    await accept.focus();
    await Promise.all([page.waitForURL(`${server.url}/delade-insatser/${insats}`), page.keyboard.press("Enter")]);
    expect(await page.locator(".flash").textContent()).toContain("Förbundet samfinansierar nu IT-spåret");
    await page.goto(`${server.url}/delade-insatser/${insats}?year=2024`);
    const heads = await page.locator("thead").textContent();
    expect(heads).toContain("Samordningsförbundet Södra Vätterbygden – er del");
    expect(heads).toContain("Hela insatsen");
    expect(heads).not.toContain("Finnveden");
    const table = await page.locator("tbody").textContent();
    expect(table).toContain("För få för att redovisa"); // the others' 2 to work/studier
    expect(table).toContain("800\u202F000 kr");
  });

  it.each(["owner", "cofunder"] as const)("när %s läser årets sida vid 320 px så syns tabellens rubrik hel, inom skärmen, utan att man rullar tabellen", async (who) => {
    const page = await signedIn(emails[who]);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${server.url}/delade-insatser/${insats}?year=2024`);
    // Every line box of the caption's words, as laid out: each must lie within the 320 px the reader sees.
    const rects = await page.evaluate(() => {
      const el = document.getElementById("delar-rubrik")!;
      const range = document.createRange();
      range.selectNodeContents(el);
      return { text: el.textContent!.trim(), boxes: [...range.getClientRects()].map((r) => ({ left: r.left, right: r.right })) };
    });
    expect(rects.text).toContain("2024");
    expect(rects.boxes.length).toBeGreaterThan(0);
    for (const b of rects.boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(320);
    }
    // and it stays in view while the reader scrolls the table sideways
    const region = page.locator(".table-scroll");
    await region.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const after = await page.evaluate(() => { const r = document.getElementById("delar-rubrik")!.getBoundingClientRect(); return { left: r.left, right: r.right }; });
    expect(after.left).toBeGreaterThanOrEqual(0);
    expect(after.right).toBeLessThanOrEqual(320);
    await region.evaluate((el) => { el.scrollLeft = 0; });
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/delade-insatser-${who}-rubrik-320.png` });
  });

  it.each([["owner", "/delade-insatser"], ["owner", "year"], ["cofunder", "year"], ["cofunder", "/delade-insatser"]] as const)(
    "när %s öppnar %s så har sidan inga WCAG 2.1 AA-fel och inget som rullar i sidled vid 320 px", async (who, path) => {
      const page = await signedIn(emails[who]);
      const res = await page.goto(server.url + (path === "year" ? `/delade-insatser/${insats}?year=2024` : path));
      expect(res?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await page.screenshot({ path: `/tmp/delade-insatser-${who}-${path === "year" ? "ar" : "lista"}-320.png`, fullPage: true });
    });
});
