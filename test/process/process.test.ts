/**
 * The walking skeleton against the real process: `node --import tsx server/main.ts` and the CLI are
 * spawned as child processes on loopback, each test on its own temporary DATA_DIR.
 *
 * These tests always run on the embedded PGlite database, also when TEST_DATABASE_URL or
 * DATABASE_URL is set: the children get a minimal environment without them (see childEnv), because
 * what is tested here (first start, lock file, restart on the same DATA_DIR) is about DATA_DIR.
 */
import net from "node:net";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, freePort, killAll, runCli, spawnServer, stop, tempDataDir, waitForReady } from "./helpers.js";

// Each test starts a server process (tsx, then PGlite migrating): on a busy two-core machine that alone can take 30 s.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const demoAreas = ["Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"];
// A bound, not a speed claim: under a load of 15 on two cores a start with initdb took over 60 s.
const TIMEOUT = 180_000;

afterEach(async () => { await killAll(); });
afterAll(() => { cleanup(); });

async function getJson(port: number, urlPath: string, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function areaNames(body: Record<string, unknown>): string[] {
  return (body.areas as { name: string }[]).map((a) => a.name).sort((a, b) => a.localeCompare(b, "sv"));
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

describe("processen", () => {
  it("när PORT och BASE_URL är felaktiga så slutar processen med kod 1 och listar båda felen innan den lyssnar", async () => {
    const dataDir = path.join(tempDataDir(), "skapas-inte");
    const srv = spawnServer({ dataDir, port: 0, env: { PORT: "abc", BASE_URL: "nope" } });
    const exit = await srv.waitExit(20_000);
    expect(exit.code).toBe(1);
    expect(srv.stderr()).toContain("Felaktig konfiguration");
    expect(srv.stderr()).toMatch(/PORT: ska vara ett portnummer/);
    expect(srv.stderr()).toMatch(/BASE_URL: ska vara en absolut adress/);
    expect(srv.stdout()).not.toContain("igång");
    // It stopped before opening the database: DATA_DIR was never created.
    expect(fs.existsSync(dataDir)).toBe(false);
  }, TIMEOUT);

  it("när servern startar på en tom DATA_DIR, stoppas med SIGTERM och startas igen så finns datan kvar och lösenordet visas bara första gången", async () => {
    const dataDir = tempDataDir();
    const port = await freePort();

    const first = spawnServer({ dataDir, port });
    await waitForReady(first, port);
    expect(first.stdout()).toMatch(/Första start: administratörskonto admin@samspar\.local, engångslösenord \S+/);
    const login = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(5_000) });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('lang="sv"');

    const stopped = await stop(first);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(5_000);
    expect(first.stdout()).toContain("SIGTERM: stänger");
    expect(first.stdout()).toContain("Databasen är stängd.");
    expect(fs.existsSync(path.join(dataDir, "samspar.lock"))).toBe(false);

    // While the server is stopped, the CLI opens the same DATA_DIR and makes an API token.
    const cli = await runCli(["token:create", "--email", "admin@samspar.local", "--name", "Omstart"], { DATA_DIR: dataDir });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toContain("Första start");
    const token = lastLine(cli.stdout);
    expect(token).toMatch(/^ssp_\S+$/);

    const second = spawnServer({ dataDir, port });
    await waitForReady(second, port);
    expect(second.stdout()).not.toContain("engångslösenord");
    expect(second.stdout()).not.toContain("Första start");
    const org = await getJson(port, "/api/v1/organisation", token);
    expect(org.status).toBe(200);
    expect(org.body.name).toBe("Höglandets samordningsförbund (demo)");
    expect(areaNames(org.body)).toEqual(demoAreas);
    expect((await stop(second)).code).toBe(0);
  }, TIMEOUT);

  it("när CLI:t körs först på en tom DATA_DIR med ADMIN_EMAIL så gör det första starten och nyckeln läser demoförbundet från servern", async () => {
    const dataDir = tempDataDir();
    const env = { DATA_DIR: dataDir, ADMIN_EMAIL: "x@y.se", ADMIN_PASSWORD: "ett långt lösenord för test" };
    const cli = await runCli(["token:create", "--email", "x@y.se", "--name", "Excel"], env);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain("Första start: demoförbundet");
    expect(cli.stderr).toContain("administratörskontot x@y.se har lösenordet från ADMIN_PASSWORD");
    const token = lastLine(cli.stdout);
    expect(token).toMatch(/^ssp_\S+$/);
    // Standard output holds the token and nothing else.
    expect(cli.stdout.trim()).toBe(token);

    const port = await freePort();
    const srv = spawnServer({ dataDir, port, env: { ADMIN_EMAIL: "x@y.se", ADMIN_PASSWORD: "ett långt lösenord för test" } });
    await waitForReady(srv, port);
    expect(srv.stdout()).not.toContain("Första start");

    const org = await getJson(port, "/api/v1/organisation", token);
    expect(org.status).toBe(200);
    expect(areaNames(org.body)).toEqual(demoAreas);

    const anonymous = await getJson(port, "/api/v1/organisation");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(JSON.stringify(anonymous.body)).not.toContain("Aneby");
    expect((await stop(srv)).code).toBe(0);
  }, TIMEOUT);

  it("när servern kör så stoppas CLI:t på samma DATA_DIR med ett svenskt meddelande och servern fortsätter fungera", async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const srv = spawnServer({ dataDir, port, env: { LOG_LEVEL: "silent" } });
    await waitForReady(srv, port);

    const cli = await runCli(["token:create", "--email", "admin@samspar.local", "--name", "Krock"], { DATA_DIR: dataDir });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain(`Datakatalogen ${dataDir} används redan av en annan Samspår-process`);
    expect(cli.stdout).toBe("");

    const migrate = await runCli(["migrate"], { DATA_DIR: dataDir });
    expect(migrate.code).not.toBe(0);
    expect(migrate.stderr).toContain("används redan");

    // The server still holds its lock and answers.
    expect(fs.existsSync(path.join(dataDir, "samspar.lock"))).toBe(true);
    expect((await getJson(port, "/readyz")).body).toEqual({ status: "ready", database: "pglite" });
    const login = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(5_000) });
    expect(login.status).toBe(200);
    await login.arrayBuffer();
    expect(srv.child.exitCode).toBeNull();
    expect((await stop(srv)).code).toBe(0);
  }, TIMEOUT);

  it("när SIGTERM kommer under en pågående förfrågan så får den ett helt svar innan processen slutar med kod 0", async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const srv = spawnServer({ dataDir, port });
    await waitForReady(srv, port);

    // A real form post (login with a wrong password → 422), with cookie and CSRF token from /login.
    const page = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(5_000) });
    const html = await page.text();
    const cookie = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const body = new URLSearchParams({ email: "ingen@example.se", password: "fel lösenord här", _csrf: csrf }).toString();

    // The request is in flight: headers and half the body are sent when the signal arrives,
    // so the handler cannot have answered yet. An ordinary (keep-alive) HTTP/1.1 client.
    const sock = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => { sock.once("connect", resolve); sock.once("error", reject); });
    let raw = "";
    let answeredAt = 0;
    sock.setEncoding("utf8").on("data", (d: string) => { raw += d; answeredAt = performance.now(); });
    const closed = new Promise<void>((resolve) => sock.once("close", () => resolve()));
    sock.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    sock.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));

    srv.kill("SIGTERM");
    await srv.waitForOutput(/SIGTERM: stänger/, 5_000);
    expect(srv.child.exitCode).toBeNull();
    expect(raw).toBe("");
    // New connections are refused while the in-flight request is being finished.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();

    sock.write(body.slice(10));
    const exit = await srv.waitExit(15_000);
    await closed;
    expect(exit.code).toBe(0);
    expect(srv.stdout()).toContain("Databasen är stängd.");
    // The answer says "Connection: keep-alive": the server must close that idle connection itself
    // rather than wait for Node's 5 s keep-alive timeout (a behaviour bound, not a speed claim).
    expect(performance.now() - answeredAt).toBeLessThan(4_000);

    const [head, ...rest] = raw.split("\r\n\r\n");
    const payload = rest.join("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 422 /);
    const length = Number(/^content-length: (\d+)$/im.exec(head)?.[1]);
    expect(Buffer.byteLength(payload)).toBe(length);
    expect(payload).toContain("Fel e-postadress eller lösenord");
    expect(payload.trimEnd()).toMatch(/<\/html>$/);
  }, TIMEOUT);
});
