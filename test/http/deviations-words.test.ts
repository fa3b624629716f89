import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as deviations from "../../server/deviations/service.js";
import { deviationCatalogs, type DeviationKey } from "../../server/deviations/words.js";
import { statusLabels } from "../../server/deviations/cases.pure.js";
import { answerToken } from "../../server/deviations/tokens.js";

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

/** The text nodes of a page, each whole (the förbund's own texts may hold some of the words). */
const textNodes = (html: string) => new Set([...html.matchAll(/>([^<]+)</g)].map((m) => m[1].trim()));
const shownSwedish = (html: string, lang: "en" | "sv-lattlast") => { const nodes = textNodes(html); return swedishOnly(lang).filter((text) => nodes.has(escaped(text))); };

describe("rapportörens och partens sidor på sitt språk", () => {
  let c: Awaited<ReturnType<typeof makeDeviation>>;
  let answerPath: string;
  const followPath = () => `/a/uppfoljning/${c.token}`;
  beforeAll(async () => {
    const admin = (await accounts.loadForbundUser(t.ctx, adminId))!;
    c = await makeDeviation(t.ctx, F, { occurredMonth: "2024-02" });
    expect((await deviations.changeStatus(t.ctx, admin, c.id, { status: "under_handlaggning", note: null, visible: true })).ok).toBe(true);
    expect((await deviations.requestAnswers(t.ctx, admin, c.id, [F.partyIds.Region], { [F.partyIds.Region]: "region@exempel.se" })).ok).toBe(true);
    const requestId = (await deviations.getCase(t.ctx, admin, c.id)).requests[0].id;
    answerPath = `/a/svar/${answerToken(t.ctx, requestId)}`;
  });

  it("statusarna på svenska är desamma som handläggarnas", () => {
    for (const [status, label] of Object.entries(statusLabels)) expect(deviationCatalogs.sv[`status.${status}` as DeviationKey]).toBe(label);
  });

  it.each(["en", "sv-lattlast"] as const)("när uppföljningssidan öppnas på %s så finns inga vanliga svenska gränssnittsord, och status och händelser har sidans språk", async (lang) => {
    const res = await request(t.app).get(`${followPath()}?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<html lang="${lang === "en" ? "en" : "sv"}">`);
    expect(shownSwedish(res.text, lang)).toEqual([]);
    for (const text of ["Den här sidan är personlig", "Svar från parterna", "Lägg till information", "Under handläggning", "Avvikelsen rapporterades"]) expect(res.text).not.toContain(text);
    const words = deviationCatalogs[lang];
    expect(res.text).toContain(escaped(`${words.statusLabel}: ${words["status.ny"]} → ${words["status.under_handlaggning"]}`));
    expect(res.text).toContain(`name="lang" value="${lang}"`);
    expect(res.text).toMatch(new RegExp(`href="${followPath()}\\?lang=${lang}"[^>]*aria-current="page"`));
  });

  it("när uppföljningssidan öppnas utan språk så är den på svenska som förut, och webbläsarens engelska väljer engelska", async () => {
    const sv = await request(t.app).get(followPath());
    expect(sv.text).toContain('<html lang="sv">');
    expect(sv.text).toContain(`<h1>Ärende ${c.caseNumber}</h1>`);
    expect(sv.text).toContain("Status: Ny → Under handläggning");
    const en = await request(t.app).get(followPath()).set("Accept-Language", "en");
    expect(en.text).toContain(`<h1>Case ${c.caseNumber}</h1>`);
    expect(en.headers.vary).toMatch(/Accept-Language/);
  });

  it("när rapportören skriver till på engelska så är felen, sidtiteln och beskedet på engelska och språket följer med", async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`${followPath()}?lang=en`);
    const bad = await agent.post(followPath()).type("form").send({ _csrf: csrfFrom(page.text), lang: "en", info: "Hen nås på hen@exempel.se" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<html lang="en">');
    expect(bad.text).toContain(`<title>Error: Case ${c.caseNumber}`);
    expect(bad.text).toContain("Something needs to be corrected");
    expect(bad.text).toContain("The text seems to contain an e-mail address.");
    const empty = await agent.post(followPath()).type("form").send({ _csrf: csrfFrom(page.text), lang: "en", info: "" });
    expect(empty.text).toContain(deviationCatalogs.en["msg.info"]);
    const ok = await agent.post(followPath()).type("form").send({ _csrf: csrfFrom(page.text), lang: "en", info: "The meeting is booked now." });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${followPath()}?lang=en`);
    const after = await agent.get(ok.headers.location);
    expect(after.text).toContain(escaped(deviationCatalogs.en.infoAdded));
    expect(after.text).toContain(`${deviationCatalogs.en["event.info"]} – The meeting is booked now.`);
  });

  it("när en rapport skickas på engelska så leder kvittots länk till uppföljningssidan på engelska", async () => {
    const { receipt } = await submit("en", validForm());
    const link = /id="follow-url"[^>]*value="([^"]+)"/.exec(receipt!.text)![1];
    expect(link).toMatch(/\/a\/uppfoljning\/[A-Za-z0-9_-]+\?lang=en$/);
    const followed = await request(t.app).get(new URL(link).pathname + new URL(link).search);
    expect(followed.text).toContain('<html lang="en">');
  });

  it.each(["en", "sv-lattlast"] as const)("när partens svarssida öppnas på %s så finns inga vanliga svenska gränssnittsord, och på engelska är förbundets egna orsaker märkta lang=\"sv\"", async (lang) => {
    const res = await request(t.app).get(`${answerPath}?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<html lang="${lang === "en" ? "en" : "sv"}">`);
    expect(shownSwedish(res.text, lang)).toEqual([]);
    if (lang === "en") {
      for (const text of ["Svar på avvikelse", "Berörda parter", "Allvarlighet", "Skicka svaret", "februari 2024"]) expect(res.text).not.toContain(text);
      expect(res.text).toContain("February 2024");
      expect(res.text).toContain(`<h1>Answer on deviation ${c.caseNumber}</h1>`);
      expect(res.text).toMatch(/asks Region to answer on the deviation below by <strong>\d{4}-\d{2}-\d{2}<\/strong>\./);
    }
    expect(res.text).toMatch(lang === "en" ? /<li lang="sv">[^<]+<\/li>/ : /<ul><li>[^<]+<\/li>/);
    expect(res.text).toContain(`name="lang" value="${lang}"`);
  });

  it("när parten svarar på engelska så är fel och besked på engelska, och svaret sparas", async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`${answerPath}?lang=en`);
    const empty = await agent.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), lang: "en", answer: " " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(`<title>Error: Answer on deviation ${c.caseNumber}`);
    expect(empty.text).toContain(deviationCatalogs.en["msg.answer"]);
    const ok = await agent.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), lang: "en", answer: "Vi ser över våra rutiner för kallelser." });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${answerPath}?lang=en`);
    const after = await agent.get(ok.headers.location);
    expect(after.text).toContain(escaped(deviationCatalogs.en.answerSaved));
    expect(after.text).toMatch(/You answered on \d{4}-\d{2}-\d{2}\./);
  });

  it.each(["en", "sv-lattlast"] as const)("när de besvarade avvikelserna öppnas på %s så är sidan på det språket, och på engelska är sammanfattningen märkt lang=\"sv\"", async (lang) => {
    const admin = (await accounts.loadForbundUser(t.ctx, adminId))!;
    expect((await deviations.saveSummary(t.ctx, admin, c.id, { publicSummary: "Kallelser till SIP ska ha en ansvarig part.", approve: true })).ok).toBe(true);
    const res = await request(t.app).get(`/a/${slug}/besvarade?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<html lang="${lang === "en" ? "en" : "sv"}">`);
    expect(shownSwedish(res.text, lang)).toEqual([]);
    // Lättläst is Swedish: its page is lang="sv" throughout.
    expect(res.text).toContain(`<p${lang === "en" ? ' lang="sv"' : ""}>Kallelser till SIP ska ha en ansvarig part.</p>`);
    expect(res.text).toContain(escaped(deviationCatalogs[lang].statusLine.replace("{{status}}", deviationCatalogs[lang]["status.besvarad"])));
    expect(res.text).toContain(`href="/a/${slug}?lang=${lang}"`);
    const sv = await request(t.app).get(`/a/${slug}/besvarade`);
    expect(sv.text).toContain("<h1>Besvarade avvikelser i samverkan</h1>");
    expect(sv.text).toContain("februari 2024");
  });

  it("när en länk inte fungerar så säger sidan det på den valda engelskan", async () => {
    const res = await request(t.app).get(`/a/uppfoljning/${"x".repeat(43)}?lang=en`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain("<h1>The link does not work</h1>");
    expect(shownSwedish(res.text, "en")).toEqual([]);
  });

  // Last in the file: it uses up this IP's allowance of misses on the token pages.
  it("när någon provar för många länkar så säger 429-sidan det på engelska, både med ?lang=en och med webbläsarens engelska", async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await request(t.app).get(`/a/svar/${`gissning${i}`.padEnd(43, "x")}`)).status;
    expect(status).toBe(429);
    const asked = await request(t.app).get(`/a/svar/${"y".repeat(43)}?lang=en`);
    expect(asked.status).toBe(429);
    expect(asked.text).toContain('<html lang="en">');
    expect(asked.text).toContain("<h1>Too many attempts</h1>");
    expect(asked.text).toContain(escaped(deviationCatalogs.en.tooManyMisses));
    expect(asked.text).not.toContain("För många");
    const browser = await request(t.app).get(`/a/${slug}`).set("Accept-Language", "en-GB");
    expect(browser.status).toBe(429);
    expect(browser.text).toContain("Too many attempts");
    const lattlast = await request(t.app).get(`/a/${slug}?lang=sv-lattlast`);
    expect(lattlast.text).toContain(escaped(deviationCatalogs["sv-lattlast"].tooManyMisses));
    const sv = await request(t.app).get(`/a/${slug}`);
    expect(sv.text).toContain("För många försök med länkar som inte finns.");
  });
});
