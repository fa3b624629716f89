/** The single sign-on providers in the configuration: OIDC_… for the first, OIDC_<n>_… for more (issue 21). */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../server/config.js";

const problemsOf = (env: Record<string, string>) => {
  try { loadConfig(env); } catch (e) { return (e as ConfigError).problems; }
  return [];
};

describe("OIDC-leverantörerna i konfigurationen", () => {
  it("när inget OIDC_ är satt så finns ingen leverantör", () => {
    expect(loadConfig({}).oidc).toEqual([]);
  });

  it("när den första och en numrerad leverantör är satta så kommer båda i nummerordning, domänerna i gemener", () => {
    const c = loadConfig({
      OIDC_10_ISSUER_URL: "https://login.kommun.se", OIDC_10_CLIENT_ID: "k", OIDC_10_NAME: "Kommunen",
      OIDC_ISSUER_URL: "https://login.rjl.se/", OIDC_CLIENT_ID: "samspar", OIDC_CLIENT_SECRET: "hemligt",
      OIDC_NAME: "Region Jönköpings län", OIDC_ALLOWED_DOMAINS: " RJL.se, hoglandet.se ",
    });
    expect(c.oidc).toEqual([
      { id: "1", issuerUrl: "https://login.rjl.se/", clientId: "samspar", clientSecret: "hemligt", name: "Region Jönköpings län", allowedDomains: ["rjl.se", "hoglandet.se"] },
      { id: "10", issuerUrl: "https://login.kommun.se", clientId: "k", clientSecret: undefined, name: "Kommunen", allowedDomains: [] },
    ]);
    expect(Object.isFrozen(c.oidc[0])).toBe(true);
  });

  it("när något saknas eller är fel så listas varje problem med variabelns namn", () => {
    const problems = problemsOf({
      OIDC_ISSUER_URL: "http://login.example.se", OIDC_NAME: "X",
      OIDC_2_CLIENT_ID: "y", OIDC_2_ISSUER_URL: "https://a.se", OIDC_2_NAME: "Y", OIDC_2_ALLOWED_DOMAINS: "inte en domän",
      OIDC_CLIENTID: "stavfel", OIDC_1_NAME: "ett",
    }).join("\n");
    expect(problems).toContain("OIDC_ISSUER_URL: ska börja med https:// (http bara för localhost)");
    expect(problems).toContain("OIDC_CLIENT_ID: saknas");
    expect(problems).toContain("OIDC_2_ALLOWED_DOMAINS");
    expect(problems).toContain("OIDC_CLIENTID: okänd variabel");
    expect(problems).toContain("OIDC_1_NAME: den första leverantören har inget nummer");
  });

  it("när utgivaren är http på den egna maskinen så godtas den (test och provkörning)", () => {
    expect(loadConfig({ OIDC_ISSUER_URL: "http://127.0.0.1:4000", OIDC_CLIENT_ID: "a", OIDC_NAME: "Lokal" }).oidc[0].issuerUrl).toBe("http://127.0.0.1:4000");
  });
});
