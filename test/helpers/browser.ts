/** Debian's Chromium driven by playwright-core; never a downloaded browser. */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../../server/app.js";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = fs.existsSync(chromiumPath);
export const skipReason = `hoppas över: ${chromiumPath} saknas (apt-get install chromium, eller sätt CHROMIUM_PATH)`;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** Serves the app on a free loopback port. */
export async function serve(app: App): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** WCAG 2.1 A and AA violations on the page, as readable lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * Logs a page in through the login form, as a person would, and waits for the start page. When the
 * start page does not come, the error says where the browser is and what the page says, so a
 * failure in CI can be read without rerunning it.
 */
export async function loginPage(page: Page, baseUrl: string, email: string, password: string, opts: { keyboard?: boolean } = {}) {
  await page.goto(baseUrl + "/login");
  if (opts.keyboard) {
    await page.focus("#email");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(password);
    await Promise.all([page.waitForURL(baseUrl + "/start", { waitUntil: "domcontentloaded" }).catch(() => undefined), page.keyboard.press("Enter")]);
  } else {
    await page.fill("#email", email);
    await page.fill("#password", password);
    await Promise.all([page.waitForURL(baseUrl + "/start", { waitUntil: "domcontentloaded" }).catch(() => undefined), page.click("button[type=submit]")]);
  }
  if (page.url() !== baseUrl + "/start") {
    const said = await page.locator(".error-summary, h1").allTextContents().catch(() => []);
    throw new Error(`inloggningen kom inte till /start: sidan är ${page.url()} och säger ${JSON.stringify(said)}`);
  }
}
