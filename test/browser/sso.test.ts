/**
 * Single sign-on in Chromium against a real OpenID provider (oidc-provider) started here (issue 21): the button, the
 * provider's own login page, back signed in; an unknown address refused; a tampered state or nonce refused. The rules
 * in detail are tested over HTTP in test/http/sso.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type http from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import { axeViolations, hasChromium, launchBrowser, skipReason } from "../helpers/browser.js";
import { freeServer, providerEnv, startProvider, type TestProvider } from "../helpers/oidc.js";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

describe.skipIf(!hasChromium)(`enkel inloggning i Chromium${hasChromium ? "" : ` (${skipReason})`}`, () => {
  let t: TestApp;
  let provider: TestProvider;
  let app: Awaited<ReturnType<typeof freeServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A test's hand on every request as it reaches Samspår (to change it on the way, as an attacker in between could). */
  let intercept: ((req: http.IncomingMessage) => void) | undefined;

  beforeAll(async () => {
    app = await freeServer();
    provider = await startProvider(app.url);
    t = await startTestApp({ env: { BASE_URL: app.url, ...providerEnv(provider, "Region Testlän", { OIDC_ALLOWED_DOMAINS: "exempel.se" }) } });
    app.handle((req, res) => { intercept?.(req); return t.app(req, res); });
    const { forbund } = await makeForbund(t.ctx, "Testbygdens samordningsförbund");
    await makeUser(t.ctx, { forbundId: forbund.id, role: "koordinator", email: "anna@exempel.se" });
    await makeUser(t.ctx, { forbundId: forbund.id, role: "admin", email: "chef@exempel.se" });
    browser = await launchBrowser();
  });
  afterEach(() => { intercept = undefined; if (provider) provider.intercept = undefined; });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await provider?.close();
    await t?.close();
  });

  /** A fresh browser (no cookies at Samspår or at the provider), without JavaScript: the pages must work without it. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    return context.newPage();
  }

  /** Presses the button on /login and signs in on the provider's own page as `login`. */
  async function viaButton(page: Page, login: string) {
    await page.goto(app.url + "/login");
    await page.getByRole("link", { name: "Logga in med Region Testlän" }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.fill("input[name=login]", login);
    await page.fill("input[name=password]", "vilket-som-helst");
    await Promise.all([page.waitForURL((u) => u.origin === app.url, { waitUntil: "domcontentloaded" }), page.click("button[type=submit]")]);
  }

  it("när en person med konto trycker på knappen och loggar in hos leverantören så kommer hen inloggad tillbaka", async () => {
    const page = await freshPage();
    await viaButton(page, "anna@exempel.se");
    expect(page.url()).toBe(app.url + "/start");
    await expect(page.locator("main").textContent()).resolves.toContain("Inloggad som");
    await expect(page.locator(".forbund-name").textContent()).resolves.toBe("Testbygdens samordningsförbund");
  });

  it("när inloggningssidan har knappen så har den inga WCAG 2.1 AA-fel, också 320 px bred", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(app.url + "/login");
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it("när admin har loggat in med knappen så har inställningarna för inloggning inga WCAG 2.1 AA-fel, och kravet går att slå på", async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await viaButton(page, "chef@exempel.se");
    await page.goto(app.url + "/anvandare/inloggning");
    expect(await axeViolations(page)).toEqual([]);
    await page.check("#requireSso-ja");
    const [posted] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("main button[type=submit]")]);
    expect(posted.status()).toBe(303);
    await page.waitForLoadState("domcontentloaded");
    await expect(page.locator(".flash").textContent()).resolves.toBe("Inställningarna för inloggning är sparade.");
    expect(await page.isChecked("#requireSso-ja")).toBe(true);
  });

  it("när adressen saknar konto så säger Samspår det och vem som skapar kontot, och personen är inte inloggad", async () => {
    const page = await freshPage();
    await viaButton(page, "okand@exempel.se");
    await expect(page.locator("h1").textContent()).resolves.toBe("Inloggningen gick inte");
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("Det finns inget konto i Samspår för okand@exempel.se. Konton skapas av förbundets administratör (förbundschefen)");
    await page.goto(app.url + "/start");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("när state ändras på vägen tillbaka från leverantören så vägras inloggningen", async () => {
    const page = await freshPage();
    let tampered = false;
    intercept = (req) => {
      const url = new URL(req.url!, app.url);
      if (url.pathname !== "/login/sso/1/callback") return;
      url.searchParams.set("state", url.searchParams.get("state")!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
      req.url = url.pathname + url.search;
      tampered = true;
    };
    await viaButton(page, "anna@exempel.se");
    expect(tampered).toBe(true);
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("hörde inte till inloggningen som började i den här webbläsaren");
    await page.goto(app.url + "/start");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("när nonce ändras på vägen till leverantören så godtas inte ID-token som kommer tillbaka", async () => {
    const page = await freshPage();
    let tampered = false;
    provider.intercept = (req) => {
      const url = new URL(req.url!, provider.issuer);
      if (url.pathname !== "/auth" || !url.searchParams.has("nonce")) return;
      url.searchParams.set("nonce", "angriparens-nonce-0123456789");
      req.url = url.pathname + url.search;
      tampered = true;
    };
    await viaButton(page, "anna@exempel.se");
    expect(tampered).toBe(true);
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("hörde inte till inloggningen som började i den här webbläsaren");
    await page.goto(app.url + "/start");
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
