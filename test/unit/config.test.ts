import { describe, expect, it } from "vitest";
import { loadConfig, ConfigError } from "../../server/config.js";

describe("loadConfig", () => {
  it("när inget är satt så gäller de inbäddade standardvärdena", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe("http://localhost:3000");
    expect(c.dataDir).toBe("./data");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("när flera värden är fel så listas alla problem i ett fel", () => {
    let err: unknown;
    try { loadConfig({ PORT: "abc", BASE_URL: "inte-en-adress", DATABASE_URL: "mysql://x" }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toContain("PORT");
    expect(problems).toContain("BASE_URL");
    expect(problems).toContain("DATABASE_URL");
  });

  it("när BASE_URL är https så blir kakorna Secure", () => {
    expect(loadConfig({ BASE_URL: "https://samspar.example.se/" }).secureCookies).toBe(true);
    expect(loadConfig({ BASE_URL: "https://samspar.example.se/" }).baseUrl).toBe("https://samspar.example.se");
  });
});
