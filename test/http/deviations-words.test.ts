import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as deviations from "../../server/deviations/service.js";
import { deviationCatalogs, type DeviationKey } from "../../server/deviations/words.js";

// The public deviation form in its three languages: the words from server/deviations/words.ts, the report the same.
const now = new Date("2024-03-15T09:00:00Z");
let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let slug: string;
let psykiatri: { id: string };
let adminId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  F = await makeForbund(t.ctx, "Förbund Ord", ["Eksjö"]);
  psykiatri = await orgRepo.insertUnit(t.ctx.db, F.forbund.id, F.partyIds.Region, "Psykiatri");
  adminId = (await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" })).id;
  slug = (await deviations.getSettings(t.ctx, F.forbund.id)).publicSlug;
});
afterAll(async () => { await t?.close(); });

const DESCRIPTION = "Ingen part kallade till SIP-mötet, så deltagaren fick vänta i två månader.";
const validForm = (over: Record<string, unknown> = {}) => ({
  occurredMonthNumber: "2", occurredYear: "2024", areaId: F.areas[0].id, reporterPartyId: F.partyIds.Kommun, reporterRole: "SE-coach",
  concerned: [F.partyIds.Region, F.partyIds.Arbetsförmedlingen], [`concernedUnit_${F.partyIds.Region}`]: psykiatri.id,
  description: DESCRIPTION, consequences: ["stress_oro"], causes: ["bristande_kommunikation", "annat"], causeOther: "Kallelsen föll mellan stolarna",
  proposal: "En part ansvarar för kallelsen", severity: "allvarlig", frequency: "hant_forut", confirm: "ja", ...over,
});
const keyFrom = (html: string) => /name="key" value="([^"]+)"/.exec(html)![1];
/** As a browser: the form in a language (its csrf, key and lang field), then the post, then the receipt. */
async function submit(lang: string, fields: Record<string, unknown>) {
  const agent = request.agent(t.app);
  const page = await agent.get(`/a/${slug}?lang=${lang}`);
  const res = await agent.post(`/a/${slug}`).type("form").send({ _csrf: csrfFrom(page.text), key: keyFrom(page.text), lang, ...fields });
  return { res, receipt: res.status === 303 ? await agent.get(res.headers.location) : null };
}
const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;");
/** The Swedish interface texts a page in `lang` must not show: every Swedish text that language words differently. */
const swedishOnly = (lang: "en" | "sv-lattlast") => (Object.entries(deviationCatalogs.sv) as [DeviationKey, string][])
  .filter(([key, text]) => key !== "months" && !text.includes("{{") && deviationCatalogs[lang][key] !== text).map(([, text]) => text);

describe("det publika avvikelseformulärets språk", () => {
  it.each(["en", "sv-lattlast"] as const)("när formuläret öppnas på %s så finns inga vanliga svenska gränssnittsord, och sidans lang stämmer", async (lang) => {
    const res = await request(t.app).get(`/a/${slug}?lang=${lang}`);
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain(`<html lang="${lang === "en" ? "en" : "sv"}">`);
    expect(html).toContain(`name="lang" value="${lang}"`);
    expect(html).toContain(`<h1>${escaped(deviationCatalogs[lang].title)}</h1>`);
    // Each text node whole: the förbund's own Swedish texts ("Allvarliga avvikelser avser …") hold some of the words.
    const nodes = new Set([...html.matchAll(/>([^<]+)</g)].map((m) => m[1].trim()));
    const shown = swedishOnly(lang).filter((text) => nodes.has(escaped(text)));
    expect(shown).toEqual([]);
    for (const text of ["Skicka rapporten", "Något behöver rättas", "Välj kommunområde", "Rapporten blir en allmän handling", "Konsekvenser för individen"]) {
      expect(html).not.toContain(text);
    }
    // The switch: each language in its own name, the current one marked.
    expect(html).toMatch(new RegExp(`href="/a/${slug}\\?lang=${lang}"[^>]*aria-current="page"`));
    expect(html).toContain(`href="/a/${slug}?lang=sv"`);
  });

  it("när formuläret öppnas på engelska så är förbundets egna svenska orsaker märkta lang=\"sv\"", async () => {
    const html = (await request(t.app).get(`/a/${slug}?lang=en`)).text;
    expect(html).toMatch(/<label for="causes-[a-z_]+" lang="sv">Bristande kommunikation/);
    expect(html).toContain(">Serious<");
    expect(html).toContain(">March<");
  });

  it("när webbläsaren föredrar engelska så väljs engelska, och ?lang= går före webbläsaren", async () => {
    const en = await request(t.app).get(`/a/${slug}`).set("Accept-Language", "en-GB,en;q=0.8");
    expect(en.text).toContain('<html lang="en">');
    expect(en.headers.vary).toMatch(/Accept-Language/);
    const sv = await request(t.app).get(`/a/${slug}?lang=sv`).set("Accept-Language", "en-GB");
    expect(sv.text).toContain('<html lang="sv">');
    expect(sv.text).toContain("Skicka rapporten");
    const other = await request(t.app).get(`/a/${slug}?lang=de`).set("Accept-Language", "de-DE");
    expect(other.text).toContain('<html lang="sv">');
  });

  it("när en rapport på engelska har fel så är felen på engelska och allt inskrivet finns kvar", async () => {
    const { res } = await submit("en", validForm({ description: `${DESCRIPTION} Personnummer 811218-9876.`, confirm: undefined, reporterEmail: "kim@kommun.exempel.se" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain("<title>Error: Report a deviation in cooperation");
    expect(res.text).toContain("Something needs to be corrected");
    expect(res.text).toContain("The text seems to contain a personal identity number.");
    expect(res.text).toContain(escaped(deviationCatalogs.en["msg.confirm"]));
    expect(res.text).not.toContain("Texten verkar innehålla");
    expect(res.text).not.toContain("Bekräfta att texten");
    expect(res.text).toContain('name="lang" value="en"');
    expect(res.text).toContain(escaped(`${DESCRIPTION} Personnummer 811218-9876.`));
    expect(res.text).toContain('value="kim@kommun.exempel.se"');
    expect(res.text).toContain("En part ansvarar för kallelsen");
    expect(res.text).toMatch(new RegExp(`value="${F.partyIds.Region}" checked`));
    expect(res.text).toMatch(new RegExp(`value="${psykiatri.id}"\\s+selected`));
    expect(res.text).toContain('value="hant_forut" checked');
  });

  it("när samma rapport skickas på svenska, lättläst och engelska så sparas den likadant, och kvittot har formulärets språk", async () => {
    const admin = (await accounts.loadForbundUser(t.ctx, adminId))!;
    const stored = [];
    for (const lang of ["sv", "sv-lattlast", "en"]) {
      const { res, receipt } = await submit(lang, validForm());
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(lang === "sv" ? /\/kvitto\/[A-Za-z0-9_-]+$/ : new RegExp(`\\?lang=${lang}$`));
      expect(receipt!.text).toContain(escaped(deviationCatalogs[lang as "sv"].followTitle));
      expect(receipt!.text).toContain(`<html lang="${lang === "en" ? "en" : "sv"}">`);
      const caseNumber = /<strong>([^<]+)<\/strong>/.exec(receipt!.text)![1];
      const found = (await deviations.listCases(t.ctx, admin)).find((c) => c.caseNumber === caseNumber)!;
      const d = await deviations.getCase(t.ctx, admin, found.id);
      stored.push({
        occurredMonth: d.occurredMonth, areaId: d.areaId, interventionId: d.interventionId, reporterPartyId: d.reporterPartyId,
        reporterUnitId: d.reporterUnitId, reporterRole: d.reporterRole, concerned: d.concerned, description: d.description,
        consequences: d.consequences, consequenceOther: d.consequenceOther, causes: d.causes, causeOther: d.causeOther,
        proposal: d.proposal, actionTaken: d.actionTaken, severity: d.severity, frequency: d.frequency,
      });
    }
    expect(stored[0].description).toBe(DESCRIPTION);
    expect(stored[1]).toEqual(stored[0]);
    expect(stored[2]).toEqual(stored[0]);
  });
});
