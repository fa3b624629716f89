/**
 * Where the anonymity key comes from (server/bootstrap.ts): the environment or DATA_DIR, never the database,
 * and the same on every process that shares one of them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, ConfigError } from "../../server/config.js";
import { ANONYMITY_KEY_FILE, anonymityKeyFrom, resolveAnonymityKey } from "../../server/bootstrap.js";

const dirs: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-secrets-")); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

const A = "a".repeat(32) + "-anonymitet", S = "s".repeat(32) + "-session";

describe("anonymitetsnyckeln", () => {
  it("när ANONYMITY_KEY är satt så kommer nyckeln därifrån, före SESSION_SECRET, och ingen fil skapas", () => {
    const dir = tmpDir();
    const k = resolveAnonymityKey(loadConfig({ DATA_DIR: dir, ANONYMITY_KEY: A, SESSION_SECRET: S, DATABASE_URL: "postgres://x/y" }));
    expect(k).toEqual({ key: anonymityKeyFrom(A), source: "ANONYMITY_KEY" });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("när bara SESSION_SECRET är satt så härleds nyckeln ur den som förut, så att väntande märken känns igen", () => {
    const k = resolveAnonymityKey(loadConfig({ DATA_DIR: tmpDir(), SESSION_SECRET: S, DATABASE_URL: "postgres://x/y" }));
    expect(k).toEqual({ key: anonymityKeyFrom(S), source: "SESSION_SECRET" });
  });

  it("när samma värde flyttas från SESSION_SECRET till ANONYMITY_KEY så blir nyckeln densamma", () => {
    expect(resolveAnonymityKey(loadConfig({ ANONYMITY_KEY: S })).key).toBe(resolveAnonymityKey(loadConfig({ SESSION_SECRET: S })).key);
  });

  it("när inget är satt så skapas nyckelfilen en gång i DATA_DIR (läge 0600) och läses sedan igen", () => {
    const dir = tmpDir();
    const first = resolveAnonymityKey(loadConfig({ DATA_DIR: dir }));
    expect(first.source).toBe("fil");
    expect(first.notice).toBeUndefined(); // PGlite: one process by construction
    const file = path.join(dir, ANONYMITY_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.key).toBe(anonymityKeyFrom(fs.readFileSync(file, "utf8").trim()));
    expect(resolveAnonymityKey(loadConfig({ DATA_DIR: dir })).key).toBe(first.key);
    expect(fs.readdirSync(dir)).toEqual([ANONYMITY_KEY_FILE]); // no temporary file left behind
    // Another DATA_DIR is another key.
    expect(resolveAnonymityKey(loadConfig({ DATA_DIR: tmpDir() })).key).not.toBe(first.key);
  });

  it("när en tidigare version har sparat sessionsnyckeln i DATA_DIR så blir anonymitetsnyckeln densamma som förut", () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "session-secret"), S + "\n");
    expect(resolveAnonymityKey(loadConfig({ DATA_DIR: dir })).key).toBe(anonymityKeyFrom(S));
  });

  it("när PostgreSQL används utan ANONYMITY_KEY och SESSION_SECRET så säger loggraden att flera värdar behöver samma ANONYMITY_KEY", () => {
    const k = resolveAnonymityKey(loadConfig({ DATA_DIR: tmpDir(), DATABASE_URL: "postgres://db/samspar" }));
    expect(k.notice).toMatch(/flera värdar: sätt samma ANONYMITY_KEY på alla/);
    expect(resolveAnonymityKey(loadConfig({ DATABASE_URL: "postgres://db/samspar", SESSION_SECRET: S })).notice).toBeUndefined();
  });

  it("när DATA_DIR inte går att skriva i så blir det ett svenskt fel som nämner ANONYMITY_KEY", () => {
    const dir = tmpDir();
    const file = path.join(dir, "en-fil");
    fs.writeFileSync(file, "");
    expect(() => resolveAnonymityKey(loadConfig({ DATA_DIR: path.join(file, "under") }))).toThrow(/kunde inte läsas eller skapas.*ANONYMITY_KEY/);
  });

  it("när fem processer startar samtidigt på samma DATA_DIR så får alla samma nyckel", async () => {
    const dir = tmpDir();
    const bootstrap = path.resolve("server/bootstrap.ts"), config = path.resolve("server/config.ts");
    // Each child imports, says "klar", and waits for one byte on stdin: all five then resolve at the same moment.
    const script = `
      const { resolveAnonymityKey } = await import(${JSON.stringify(bootstrap)});
      const { loadConfig } = await import(${JSON.stringify(config)});
      const c = loadConfig({ DATA_DIR: ${JSON.stringify(dir)} });
      process.stdout.write("klar\\n");
      process.stdin.once("data", () => { process.stdout.write(resolveAnonymityKey(c).key); process.exit(0); });`;
    const children = Array.from({ length: 5 }, () => spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] }));
    const outputs = children.map((child) => {
      let out = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (d) => { out += d; if (out.includes("klar\n")) resolve(); }));
      const done = new Promise<string>((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(out.split("klar\n")[1]) : reject(new Error(`slutkod ${code}`))));
      });
      return { ready, done };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin.write("x");
    const keys = await Promise.all(outputs.map((o) => o.done));
    expect(keys[0]).toMatch(/^[\w-]{43}$/);
    expect(new Set(keys).size).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([ANONYMITY_KEY_FILE]);
  }, 60_000);
});

describe("ANONYMITY_KEY i konfigurationen", () => {
  it("när ANONYMITY_KEY är kortare än 32 tecken så stoppas starten med ett svenskt meddelande", () => {
    let err: unknown;
    try { loadConfig({ ANONYMITY_KEY: "för-kort" }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join("\n")).toMatch(/ANONYMITY_KEY: ska vara minst 32 tecken/);
  });
});
