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

  it("när LOG_FORMAT, LOG_LEVEL och METRICS_TOKEN är satta så gäller de, och fel värden ger svenska meddelanden", () => {
    const c = loadConfig({ LOG_FORMAT: "pretty", LOG_LEVEL: "warn", METRICS_TOKEN: "m".repeat(32) });
    expect(c.logFormat).toBe("pretty");
    expect(c.logLevel).toBe("warn");
    expect(c.metricsToken).toBe("m".repeat(32));
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({}).metricsToken).toBeUndefined();
    let err: unknown;
    try { loadConfig({ LOG_FORMAT: "xml", LOG_LEVEL: "allt", METRICS_TOKEN: "kort" }); } catch (e) { err = e; }
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toContain("LOG_FORMAT: ska vara json eller pretty");
    expect(problems).toContain("LOG_LEVEL: ska vara silent, warn, info eller debug");
    expect(problems).toContain("METRICS_TOKEN: ska vara minst 32 tecken");
  });

  it("när e-postarbetarens tider inte är satta så gäller 5 s, 1/5/30/120 min och 5 min, och satta tider läses i sekunder", () => {
    expect(loadConfig({}).mailWorker).toEqual({ pollMs: 5_000, retryMs: [60_000, 300_000, 1_800_000, 7_200_000], leaseMs: 300_000 });
    const c = loadConfig({ MAIL_POLL_SECONDS: "0.5", MAIL_RETRY_SECONDS: "1, 2,4", MAIL_LEASE_SECONDS: "3" });
    expect(c.mailWorker).toEqual({ pollMs: 500, retryMs: [1_000, 2_000, 4_000], leaseMs: 3_000 });
    expect(Object.isFrozen(c.mailWorker.retryMs)).toBe(true);
  });

  it("när JOBS_CRON och JOBS_POLL_SECONDS är satta så gäller de, annars jobbens egna tider och 30 s, och fel värden sägs på svenska", () => {
    expect(loadConfig({}).jobs).toEqual({ cron: undefined, pollSeconds: 30 });
    expect(loadConfig({ JOBS_CRON: " * * * * * ", JOBS_POLL_SECONDS: "1" }).jobs).toEqual({ cron: "* * * * *", pollSeconds: 1 });
    let err: unknown;
    try { loadConfig({ JOBS_CRON: "varje minut", JOBS_POLL_SECONDS: "60" }); } catch (e) { err = e; }
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toContain("JOBS_CRON: ska vara ett cron-uttryck med fem fält");
    expect(problems).toContain("JOBS_POLL_SECONDS: ska vara högst 45");
  });

  it("när e-postarbetarens tider är fel så sägs det per inställning", () => {
    let err: unknown;
    try { loadConfig({ MAIL_POLL_SECONDS: "0", MAIL_RETRY_SECONDS: "1 min", MAIL_LEASE_SECONDS: "x" }); } catch (e) { err = e; }
    const problems = (err as ConfigError).problems.join("\n");
    expect(problems).toContain("MAIL_POLL_SECONDS: ska vara större än 0");
    expect(problems).toContain("MAIL_RETRY_SECONDS: ska vara sekunder med komma emellan");
    expect(problems).toContain("MAIL_LEASE_SECONDS: ska vara ett antal sekunder");
  });
});
