import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { ParsedMail } from "mailparser";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as deviations from "../../server/deviations/service.js";
import type { ReportInput } from "../../server/deviations/schema.js";

const START = new Date("2024-03-15T09:00:00Z");
let now = START;
const at = (iso: string) => { now = new Date(iso); };

const DESCRIPTION = "Deltagaren fick vänta på ett SIP-möte som aldrig blev av eftersom ingen part tog ansvar för kallelsen.";

let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let slug: string;
let psykiatri: { id: string };
let socialtjanst: { id: string };
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, koord: Agent, koordOther: Agent, lasare: Agent;
let koordEmail: string, koordOtherEmail: string, adminEmail: string;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
  F = await makeForbund(t.ctx, "Förbund Avvikelse", ["Eksjö", "Nässjö"]);
  const A = F.forbund.id;
  psykiatri = await orgRepo.insertUnit(t.ctx.db, A, F.partyIds.Region, "Psykiatri");
  socialtjanst = await orgRepo.insertUnit(t.ctx.db, A, F.partyIds.Kommun, "Socialtjänst");
  await orgRepo.insertIntervention(t.ctx.db, { forbundId: A, name: "SE-Höglandet", kind: "individinriktad" }, [F.areas[0].id]);
  const users = {
    admin: await makeUser(t.ctx, { forbundId: A, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [F.areas[0].id] }),
    koordOther: await makeUser(t.ctx, { forbundId: A, role: "koordinator", areaIds: [F.areas[1].id] }),
    lasare: await makeUser(t.ctx, { forbundId: A, role: "lasare" }),
  };
  adminEmail = users.admin.email; koordEmail = users.koord.email; koordOtherEmail = users.koordOther.email;
  [admin, koord, koordOther, lasare] = await Promise.all([users.admin, users.koord, users.koordOther, users.lasare].map((u) => loginAgent(t.app, u.email, PASSWORD)));
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadForbundUser(t.ctx, u.id))!, "test")).secret;
  slug = (await deviations.getSettings(t.ctx, A)).publicSlug;
});
afterAll(async () => { await t?.close(); });
afterEach(() => { now = START; });

/** Mail that arrives while `fn` runs. */
async function mailDuring(fn: () => Promise<unknown>): Promise<ParsedMail[]> {
  const before = (await t.delivered()).length;
  await fn();
  return (await t.delivered()).slice(before);
}
const recipients = (mails: ParsedMail[]) => mails.flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)));

const csrfOf = new Map<Agent, string>();
/** Posts a staff form; the CSRF token belongs to the session, so one cheap page gives it once per agent. */
async function send(agent: Agent, action: string, fields: Record<string, unknown>) {
  if (!csrfOf.has(agent)) csrfOf.set(agent, csrfFrom((await agent.get("/konto/byt-losenord")).text));
  return agent.post(action).type("form").send({ ...fields, _csrf: csrfOf.get(agent) });
}

function validForm(over: Record<string, unknown> = {}) {
  return {
    occurredMonthNumber: "2", occurredYear: "2024", areaId: F.areas[0].id, reporterPartyId: F.partyIds.Kommun, reporterUnitId: socialtjanst.id,
    reporterRole: "SE-coach", concerned: [F.partyIds.Region, F.partyIds.Arbetsförmedlingen], [`concernedUnit_${F.partyIds.Region}`]: psykiatri.id,
    description: DESCRIPTION, consequences: ["dubbelarbete", "stress_oro"], causes: ["bristande_kommunikation", "annat"], causeOther: "Kallelsen föll mellan stolarna",
    proposal: "Tydlig ansvarsfördelning för kallelser till SIP", actionTaken: "Dialog mellan berörda parter", severity: "allvarlig", frequency: "hant_forut",
    confirm: "ja", ...over,
  };
}

/** The summary links a group of checkboxes or radios by its fieldset (so its legend shows), any other field by itself. */
const summaryHref = (field: string) => ["concerned", "consequences", "causes", "severity", "frequency"].includes(field) ? `href="#${field}-fieldset"` : `href="#${field}"`;
const keyFrom = (html: string) => /name="key" value="([^"]+)"/.exec(html)![1];
/** Sends the public form as a browser does: its CSRF token and submission key, then follows the redirect to the receipt. */
async function submit(fields: Record<string, unknown>) {
  const agent = request.agent(t.app);
  const page = await agent.get(`/a/${slug}`);
  const res = await agent.post(`/a/${slug}`).type("form").send({ _csrf: csrfFrom(page.text), key: keyFrom(page.text), ...fields });
  return res.status === 303 ? agent.get(res.headers.location) : res;
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    occurredMonth: "2024-02", areaId: F.areas[0].id, interventionId: null,
    reporter: { partyId: F.partyIds.Kommun, unitId: null, role: "SE-coach", name: null, email: null },
    concerned: [{ partyId: F.partyIds.Region, unitId: psykiatri.id }], description: DESCRIPTION,
    consequences: ["dubbelarbete"], consequenceOther: null, causes: ["bristande_tillit"], causeOther: null,
    proposal: null, actionTaken: null, severity: "allvarlig", frequency: null, ...over,
  };
}
/** A case straight through the service, with its private follow-up link. */
const makeCase = (over: Partial<ReportInput> = {}) => makeDeviation(t.ctx, F, input(over));
const followPath = (token: string) => `/a/uppfoljning/${token}`;
const userByEmail = async (email: string) => (await accounts.loadForbundUser(t.ctx, (await accounts.listUsers(t.ctx, F.forbund.id)).find((u) => u.email === email)!.id))!;
const caseCount = async () => (await deviations.listCases(t.ctx, await userByEmail(adminEmail))).length;

async function setContacts() {
  const res = await send(admin, "/avvikelser/installningar", {
    answerDays: "60", reminderDays: "7", retentionMonths: "36",
    [`contact_${F.partyIds.Region}`]: "avvikelser@region.exempel.se", [`contact_${F.partyIds.Kommun}`]: "kontakt@kommun.exempel.se",
  });
  expect(res.status).toBe(303);
}

describe("det publika rapportformuläret", () => {
  it("när någon öppnar förbundets adress så visas formuläret med lex Sarah/lex Maria-notisen, alla val och CSRF", async () => {
    const res = await request(t.app).get(`/a/${slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Förbund Avvikelse");
    expect(res.text).toContain("lex Sarah");
    expect(res.text).toContain("lex Maria");
    expect(res.text).toContain("Individer riskerar bli utan behovsanpassat stöd");
    expect(res.text).toContain("Individen ges inte rätt stöd");
    expect(res.text).toContain(`name="concernedUnit_${F.partyIds.Region}"`);
    expect(res.text).toContain('name="_csrf"');
    expect(res.text).toContain('name="confirm"');
    expect(res.text).toContain("SE-Höglandet");
  });

  it("när adressen inte finns så blir det 404", async () => {
    expect((await request(t.app).get("/a/finnsintealls")).status).toBe(404);
  });

  it("när rapporten är ifylld så får rapportören ärendenummer och privat länk, och koordinatorn och admin ett meddelande utan ärendets text", async () => {
    let res!: request.Response;
    const mails = await mailDuring(async () => { res = await submit(validForm({ reporterName: "Kim Coach", reporterEmail: "kim@kommun.exempel.se" })); });
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    const caseNumber = /AV-2024-\d{3}/.exec(res.text)![0];
    const follow = /http:\/\/samspar\.test\/a\/uppfoljning\/[A-Za-z0-9_-]{40,}/.exec(res.text)![0];

    const staff = mails.filter((m) => m.subject?.includes("Avvikelse i samverkan"));
    expect(recipients(staff).sort()).toEqual([adminEmail, koordEmail].sort());
    expect(recipients(staff)).not.toContain(koordOtherEmail);
    for (const m of staff) {
      expect(m.text).toContain(caseNumber);
      expect(m.text).toMatch(/http:\/\/samspar\.test\/avvikelser\/[0-9a-f-]{36}/);
      expect(m.text).not.toContain("SIP-möte");
      expect(m.text).not.toContain("Kallelsen föll");
      expect(m.text).not.toContain("uppfoljning");
    }
    const toReporter = mails.find((m) => recipients([m]).includes("kim@kommun.exempel.se"))!;
    expect(toReporter.text).toContain(follow);
    expect(toReporter.text).toContain(caseNumber);
    expect(toReporter.text).not.toContain("SIP-möte");

    const followPage = await request(t.app).get(new URL(follow).pathname);
    expect(followPage.status).toBe(200);
    expect(followPage.text).toContain(caseNumber);
    expect(followPage.text).toContain("Ny");
  });

  it("när rapportören skriver sitt namn men ingen e-postadress så sparas inte namnet", async () => {
    const res = await submit(validForm({ reporterName: "Kim Utan Adress" }));
    expect(res.status).toBe(200);
    const caseNumber = /AV-2024-\d{3}/.exec(res.text)![0];
    const c = (await deviations.listCases(t.ctx, await userByEmail(adminEmail))).find((x) => x.caseNumber === caseNumber)!;
    expect(c.reporterName).toBeNull();
    expect(c.reporterEmail).toBeNull();
  });

  it("när samma formulär skickas två gånger så blir det ett ärende, och kvittot visar länken bara första gången", async () => {
    const agent = request.agent(t.app);
    const page = await agent.get(`/a/${slug}`);
    const body = { _csrf: csrfFrom(page.text), key: keyFrom(page.text), ...validForm({ reporterEmail: "kim@kommun.exempel.se" }) };
    const before = await caseCount();
    let first!: request.Response, second!: request.Response;
    const mails = await mailDuring(async () => {
      first = await agent.post(`/a/${slug}`).type("form").send(body);
      second = await agent.post(`/a/${slug}`).type("form").send(body);
    });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(first.headers.location).toMatch(new RegExp(`^/a/${slug}/kvitto/[A-Za-z0-9_-]{40,}$`));
    expect(await caseCount()).toBe(before + 1);
    expect(recipients(mails).filter((r) => r === "kim@kommun.exempel.se")).toHaveLength(1);

    const receipt = await agent.get(first.headers.location);
    expect(receipt.status).toBe(200);
    expect(receipt.headers["cache-control"]).toContain("no-store");
    expect(receipt.headers["referrer-policy"]).toBe("no-referrer");
    const caseNumber = /AV-2024-\d{3}/.exec(receipt.text)![0];
    const follow = /http:\/\/samspar\.test\/a\/uppfoljning\/[A-Za-z0-9_-]{40,}/.exec(receipt.text)![0];
    expect((await request(t.app).get(new URL(follow).pathname)).text).toContain(caseNumber);

    const reload = await agent.get(first.headers.location);
    expect(reload.status).toBe(200);
    expect(reload.text).toContain(caseNumber);
    expect(reload.text).not.toContain("uppfoljning");
    expect(reload.text).toContain("visas den inte igen");
    expect(await caseCount()).toBe(before + 1);
  });

  it("när formuläret saknar sin nyckel eller kvittot en okänd nyckel så sparas inget, det inskrivna finns kvar och kvittot är 404", async () => {
    const before = await caseCount();
    const agent = request.agent(t.app);
    const page = await agent.get(`/a/${slug}`);
    const res = await agent.post(`/a/${slug}`).type("form").send({ _csrf: csrfFrom(page.text), ...validForm() });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Formuläret hade gått ut");
    expect(res.text).toContain("Tydlig ansvarsfördelning för kallelser till SIP");
    expect(keyFrom(res.text)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await caseCount()).toBe(before);
    expect((await request(t.app).get(`/a/${slug}/kvitto/${"x".repeat(43)}`)).status).toBe(404);
  });

  it("när formuläret skickas tomt så kommer det tillbaka med 422 och ett fel per fält", async () => {
    const res = await submit({ occurredMonthNumber: "", occurredYear: "" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("<title>Fel: Rapportera avvikelse i samverkan");
    for (const field of ["occurredMonthNumber", "areaId", "reporterPartyId", "concerned", "description", "consequences", "causes", "severity", "confirm"]) {
      expect(res.text).toContain(summaryHref(field));
    }
    // Only what failed is marked: not the optional unit lists inside the parties' group.
    expect(res.text).not.toMatch(/id="concernedUnit_[^"]+"[^>]*aria-invalid/);
    expect(res.text.indexOf("error-summary")).toBeLessThan(res.text.indexOf("Rapporten blir en allmän handling"));
  });

  it.each([
    ["description", `${DESCRIPTION} Personen har personnummer 811218-9876.`, "personnummer"],
    ["proposal", "Ring handläggaren på 070-123 45 67", "telefonnummer"],
    ["actionTaken", "Mejlat anna.svensson@exempel.se", "e-postadress"],
    ["causeOther", "Se 19811218-9876", "personnummer"],
    ["reporterRole", "Coach, nås på 0701234567", "telefonnummer"],
  ])("när %s innehåller personuppgifter så vägras rapporten med 422 och allt inskrivet finns kvar", async (field, text, kind) => {
    const before = await caseCount();
    const res = await submit(validForm({ [field]: text, reporterEmail: "kim@kommun.exempel.se" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain(`href="#${field}"`);
    expect(res.text).toContain(`Texten verkar innehålla ${kind}`);
    const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&#34;");
    expect(res.text).toContain(escaped(text));
    expect(res.text).toContain('value="kim@kommun.exempel.se"');
    if (field !== "proposal") expect(res.text).toContain("Tydlig ansvarsfördelning för kallelser till SIP");
    expect(res.text).toMatch(new RegExp(`value="${F.partyIds.Region}" checked`));
    expect(res.text).toMatch(new RegExp(`value="${psykiatri.id}"\\s+selected`));
    expect(res.text).toContain('value="dubbelarbete" checked');
    expect(res.text).toContain('value="hant_forut" checked');
    expect(await caseCount()).toBe(before);
  });

  it.each([
    ["Annat utan text", () => ({ causeOther: "" }), "causeOther", "Du valde Annat"],
    ["en kommande månad", () => ({ occurredMonthNumber: "4" }), "occurredMonthNumber", "kommande månad"],
    ["utan bekräftelse", () => ({ confirm: undefined }), "confirm", "Bekräfta"],
    ["en enhet från fel part", () => ({ reporterUnitId: psykiatri.id }), "reporterUnitId", "hör inte till"],
    ["en okänd orsak", () => ({ causes: ["pahittad"] }), "causes", "Okänd orsak"],
    ["ett kommunområde från ett annat förbund", () => ({ areaId: "00000000-0000-4000-8000-000000000000" }), "areaId", "finns inte"],
    ["en ogiltig e-postadress", () => ({ reporterEmail: "inte-en-adress" }), "reporterEmail", "giltig e-postadress"],
  ])("när rapporten har %s så kommer den tillbaka med 422 och felet vid fältet", async (_what, over, field, message) => {
    const res = await submit(validForm(over()));
    expect(res.status).toBe(422);
    expect(res.text).toContain(summaryHref(field));
    expect(res.text).toContain(message);
  });

  it("när flera rapporter kommer samtidigt så får de olika löpnummer i förbundets år", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => makeCase()));
    const numbers = results.map((r) => r.caseNumber);
    expect(new Set(numbers).size).toBe(5);
    for (const n of numbers) expect(n).toMatch(/^AV-2024-\d{3}$/);
  });

  it("när ett nytt år börjar så börjar numreringen om, och ett annat förbund har sin egen serie", async () => {
    at("2025-01-02T09:00:00Z");
    expect((await makeCase({ occurredMonth: "2024-12" })).caseNumber).toBe("AV-2025-001");
    expect((await makeCase({ occurredMonth: "2024-12" })).caseNumber).toBe("AV-2025-002");
    const other = await makeForbund(t.ctx, "Förbund Annat Nummer");
    const r = await deviations.report(t.ctx, other.forbund.id, input({ areaId: other.areas[0].id, reporter: { partyId: other.partyIds.Kommun, unitId: null, role: null, name: null, email: null }, concerned: [{ partyId: other.partyIds.Region, unitId: null }] }), "form");
    expect(r.ok && r.caseNumber).toBe("AV-2025-001");
  });
});

describe("handläggning", () => {
  it("när koordinatorn öppnar listan så syns bara ärenden i hens kommunområden, admin ser alla och läsaren nekas", async () => {
    const mine = await makeCase();
    const other = await makeCase({ areaId: F.areas[1].id });
    const k = await koord.get("/avvikelser");
    expect(k.status).toBe(200);
    expect(k.text).toContain(mine.caseNumber);
    expect(k.text).not.toContain(other.caseNumber);
    expect(k.text).toContain(`/a/${slug}`);
    const a = await admin.get("/avvikelser");
    expect(a.text).toContain(mine.caseNumber);
    expect(a.text).toContain(other.caseNumber);
    expect((await lasare.get("/avvikelser")).status).toBe(403);
  });

  it("när koordinatorn öppnar ett ärende i ett annat kommunområde så finns det inte (404), varken sidan, åtgärderna eller API:t", async () => {
    const other = await makeCase({ areaId: F.areas[1].id });
    expect((await koord.get(`/avvikelser/${other.id}`)).status).toBe(404);
    expect((await send(koord, `/avvikelser/${other.id}/status`, { status: "under_handlaggning" })).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/deviations/${other.id}`).set("Authorization", `Bearer ${bearer.koord}`)).status).toBe(404);
    expect((await request(t.app).patch(`/api/v1/deviations/${other.id}`).set("Authorization", `Bearer ${bearer.koord}`).send({ status: "under_handlaggning" })).status).toBe(404);
    const list = await request(t.app).get("/api/v1/deviations").set("Authorization", `Bearer ${bearer.koord}`);
    expect(list.body.deviations.map((d: { id: string }) => d.id)).not.toContain(other.id);
    expect((await koordOther.get(`/avvikelser/${other.id}`)).status).toBe(200);
  });

  it("när ärendet visas så finns allt rapporterat och historiken med vem och när", async () => {
    const c = await makeCase({ proposal: "Gemensam rutin", causes: ["annat"], causeOther: "Kallelser" });
    const res = await koord.get(`/avvikelser/${c.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(c.caseNumber);
    expect(res.text).toContain("SIP-möte");
    expect(res.text).toContain("Region (Psykiatri)");
    expect(res.text).toContain("Annat: Kallelser");
    expect(res.text).toContain("Gemensam rutin");
    expect(res.text).toContain("Avvikelsen rapporterades");
    expect(res.text).toContain("2024-03-15 10:00");
  });

  it("när status ändras till Avvisad utan skäl så blir det 422, och med skäl sparas det i historiken med vem", async () => {
    const c = await makeCase();
    const bad = await send(koord, `/avvikelser/${c.id}/status`, { status: "avvisad", note: "" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Skriv skälet");
    const ok = await send(koord, `/avvikelser/${c.id}/status`, { status: "avvisad", note: "Gäller inte samverkan mellan parterna", visible: "ja" });
    expect(ok.status).toBe(303);
    const page = await koord.get(`/avvikelser/${c.id}`);
    expect(page.text).toContain("Status: Ny → Avvisad");
    expect(page.text).toContain("Test koordinator");
    const follow = await request(t.app).get(followPath(c.token));
    expect(follow.text).toContain("Avvisad");
    expect(follow.text).toContain("Gäller inte samverkan mellan parterna");
  });

  it("när en anteckning innehåller personuppgifter så vägras den, och en osynlig anteckning visas inte för rapportören", async () => {
    const c = await makeCase();
    const bad = await send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Ring 070-123 45 67" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("telefonnummer");
    expect((await send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Intern: väntar på chefen" })).status).toBe(303);
    expect((await send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Vi har tagit emot ärendet", entryVisible: "ja" })).status).toBe(303);
    const follow = await request(t.app).get(followPath(c.token));
    expect(follow.text).toContain("Vi har tagit emot ärendet");
    expect(follow.text).not.toContain("väntar på chefen");
  });
});

describe("svar från parterna och återkoppling", () => {
  it("när en part saknar kontaktadress så går det inte att begära svar", async () => {
    const c = await makeCase();
    const res = await send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Försäkringskassan] });
    expect(res.status).toBe(422);
    expect(res.text).toContain("ingen kontaktadress");
  });

  it("när svar begärs, parten svarar via länken och koordinatorn godkänner så ser rapportören svaret – men inte förrän det är godkänt", async () => {
    await setContacts();
    const c = await makeCase();
    let res!: request.Response;
    const mails = await mailDuring(async () => {
      res = await send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Region] });
    });
    expect(res.status).toBe(303);
    const mail = mails.find((m) => recipients([m]).includes("avvikelser@region.exempel.se"))!;
    expect(mail.text).toContain(c.caseNumber);
    expect(mail.text).toContain("2024-05-14"); // today + 60 days
    expect(mail.text).not.toContain("SIP-möte");
    const answerPath = /\/a\/svar\/[A-Za-z0-9_-]{40,}/.exec(mail.text!)![0];

    const detail = await deviations.getCase(t.ctx, await userByEmail(koordEmail), c.id);
    expect(detail.status).toBe("under_handlaggning");
    expect(detail.answerDeadline).toBe("2024-05-14");

    const agent = request.agent(t.app);
    const page = await agent.get(answerPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain("SIP-möte");
    expect(page.text).toContain("2024-05-14");
    const piiAnswer = await agent.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Kontakta 811218-9876" });
    expect(piiAnswer.status).toBe(422);
    expect(piiAnswer.text).toContain("Kontakta 811218-9876");

    at("2024-03-25T09:00:00Z");
    const staffMails = await mailDuring(async () => {
      const saved = await agent.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Vi inför en rutin för kallelser till SIP." });
      expect(saved.status).toBe(303);
    });
    for (const m of staffMails) expect(m.text).not.toContain("rutin för kallelser");

    const before = await request(t.app).get(followPath(c.token));
    expect(before.text).not.toContain("rutin för kallelser");
    expect(before.text).toContain("Besvarad");

    const list = await koord.get(`/avvikelser/${c.id}`);
    const approvePath = /\/avvikelser\/[0-9a-f-]{36}\/svar\/[0-9a-f-]{36}\/godkann/.exec(list.text)![0];
    expect((await send(koord, approvePath, {})).status).toBe(303);
    const after = await request(t.app).get(followPath(c.token));
    expect(after.text).toContain("Vi inför en rutin för kallelser till SIP.");
    expect(after.text).toContain("Region");

    const locked = await agent.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Ändrat svar" });
    expect(locked.status).toBe(303);
    expect((await deviations.getCase(t.ctx, await userByEmail(koordEmail), c.id)).requests[0].answer).toBe("Vi inför en rutin för kallelser till SIP.");
  });

  it("när koordinatorn godkänner ett svar som inte har kommit så blir det 409, och ett godkänt svar som parten ändrar är låst med ett besked", async () => {
    await setContacts();
    const c = await makeCase();
    const mails = await mailDuring(() => send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Region] }));
    const answerPath = /\/a\/svar\/[A-Za-z0-9_-]{40,}/.exec(mails.find((m) => recipients([m]).includes("avvikelser@region.exempel.se"))!.text!)![0];
    const requestId = (await deviations.getCase(t.ctx, await userByEmail(koordEmail), c.id)).requests[0].id;

    const early = await send(koord, `/avvikelser/${c.id}/svar/${requestId}/godkann`, {});
    expect(early.status).toBe(409);
    expect(early.text).toContain("Parten har inte svarat än.");

    const party = request.agent(t.app);
    const page = await party.get(answerPath);
    expect((await party.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Vi ses på måndag." })).status).toBe(303);
    expect((await send(koord, `/avvikelser/${c.id}/svar/${requestId}/godkann`, {})).status).toBe(303);
    const locked = await party.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Ändrat svar" });
    expect(locked.status).toBe(303);
    expect((await party.get(answerPath)).text).toContain("Svaret är redan godkänt och kan inte ändras.");
    expect((await deviations.getCase(t.ctx, await userByEmail(koordEmail), c.id)).requests[0].answer).toBe("Vi ses på måndag.");
  });

  it("när svarstiden har gått ut utan svar så flaggas ärendet som försenat i listan", async () => {
    await setContacts();
    const c = await makeCase();
    await send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Kommun] });
    at("2024-05-15T09:00:00Z");
    const list = await koord.get("/avvikelser");
    const row = list.text.split("<tr>").find((r) => r.includes(c.caseNumber))!;
    expect(row).toContain("Försenat svar");
  });

  it("när påminnelser skickas nära svarstidens slut så får parten en ny länk som ersätter den gamla", async () => {
    await setContacts();
    const c = await makeCase();
    const first = await mailDuring(() => send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Region] }));
    const oldPath = /\/a\/svar\/[A-Za-z0-9_-]{40,}/.exec(first.at(-1)!.text!)![0];
    at("2024-05-10T09:00:00Z");
    const reminders = await mailDuring(async () => {
      const res = await send(koord, "/avvikelser/paminnelser", {});
      expect(res.status).toBe(303);
    });
    const reminder = reminders.find((m) => m.subject?.includes(c.caseNumber))!;
    expect(reminder.subject).toContain("Påminnelse");
    const newPath = /\/a\/svar\/[A-Za-z0-9_-]{40,}/.exec(reminder.text!)![0];
    expect(newPath).not.toBe(oldPath);
    expect((await request(t.app).get(newPath)).status).toBe(200);
    expect((await request(t.app).get(oldPath)).status).toBe(404);
    const again = await mailDuring(() => send(koord, "/avvikelser/paminnelser", {}));
    expect(again.filter((m) => m.subject?.includes(c.caseNumber))).toEqual([]);
  });

  it("när den privata länken öppnas så visas bara det ärendet: inte beskrivningen, inte andra ärenden, inte rapportörens uppgifter", async () => {
    const mine = await makeCase({ reporter: { partyId: F.partyIds.Kommun, unitId: null, role: "SE-coach", name: "Kim Coach", email: "kim@exempel.se" } });
    const other = await makeCase({ description: "Ett helt annat ärende om Försäkringskassans brev." });
    const res = await request(t.app).get(followPath(mine.token));
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    expect(res.text).toContain(mine.caseNumber);
    expect(res.text).not.toContain(other.caseNumber);
    expect(res.text).not.toContain("Försäkringskassans brev");
    expect(res.text).not.toContain("SIP-möte");
    expect(res.text).not.toContain("Kim Coach");
    expect(res.text).not.toContain("/avvikelser/");
  });

  it("när rapportören lägger till information så vägras personuppgifter, och annars sparas den och koordinatorn får bara numret", async () => {
    const c = await makeCase();
    const agent = request.agent(t.app);
    const page = await agent.get(followPath(c.token));
    const bad = await agent.post(followPath(c.token)).type("form").send({ _csrf: csrfFrom(page.text), info: "Hen nås på hen@exempel.se" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("e-postadress");
    expect(bad.text).toContain("hen@exempel.se");
    const mails = await mailDuring(async () => {
      const ok = await agent.post(followPath(c.token)).type("form").send({ _csrf: csrfFrom(page.text), info: "Mötet är nu inbokat." });
      expect(ok.status).toBe(303);
    });
    for (const m of mails) {
      expect(m.text).toContain(c.caseNumber);
      expect(m.text).not.toContain("inbokat");
    }
    expect((await agent.get(followPath(c.token))).text).toContain("Mötet är nu inbokat.");
    expect((await koord.get(`/avvikelser/${c.id}`)).text).toContain("Rapportören lade till information");
  });

  it("när länken är okänd så blir det en vänlig 404-sida, både för rapportören och för parten", async () => {
    const unknown = "x".repeat(43);
    const a = await request(t.app).get(followPath(unknown));
    expect(a.status).toBe(404);
    expect(a.text).toContain("Länken fungerar inte");
    expect((await request(t.app).get(`/a/svar/${unknown}`)).status).toBe(404);
    expect((await request(t.app).get("/a/uppfoljning/kort")).status).toBe(404);
  });
});

describe("besked till rapportören", () => {
  const KIM = "kim.besked@kommun.exempel.se";
  const toKim = (mails: ParsedMail[]) => mails.filter((m) => recipients([m]).includes(KIM));
  /** Mail to the reporter while `fn` runs: each carries the number and the working follow link, never the case's text. */
  async function reporterMailDuring(c: { caseNumber: string; token: string }, fn: () => Promise<unknown>) {
    const mails = toKim(await mailDuring(fn));
    for (const m of mails) {
      expect(m.subject).toContain(c.caseNumber);
      expect(m.text).toContain(`http://samspar.test${followPath(c.token)}`);
      for (const secret of ["SIP-möte", "Kallelserna", "Internt", "Region svarar", "Beslut om rutin"]) expect(m.text).not.toContain(secret);
    }
    return mails;
  }

  it("när något rapportören kan se ändras så får hen ett mejl per ändring med numret och länken, och inget för det hen inte ser", async () => {
    await setContacts();
    const c = await makeCase({ reporter: { partyId: F.partyIds.Kommun, unitId: null, role: null, name: "Kim", email: KIM } });
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Internt: väntar på chefen" }))).toHaveLength(0);
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Kallelserna ses över", entryVisible: "ja" }))).toHaveLength(1);
    let requestMails: ParsedMail[] = [];
    expect(await reporterMailDuring(c, async () => {
      requestMails = await mailDuring(() => send(koord, `/avvikelser/${c.id}/begar-svar`, { partyIds: [F.partyIds.Region, F.partyIds.Kommun] }));
    })).toHaveLength(1);
    expect(toKim(requestMails)).toHaveLength(1);

    const regionRequest = (await deviations.getCase(t.ctx, await userByEmail(adminEmail), c.id)).requests.find((q) => q.partyId === F.partyIds.Region)!;
    const answerPath = /\/a\/svar\/[A-Za-z0-9_-]{40,}/.exec(requestMails.find((m) => recipients([m]).includes("avvikelser@region.exempel.se"))!.text!)![0];
    const party = request.agent(t.app);
    const page = await party.get(answerPath);
    expect(await reporterMailDuring(c, () => party.post(answerPath).type("form").send({ _csrf: csrfFrom(page.text), answer: "Region svarar att rutinen ändras." }))).toHaveLength(0);
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/svar/${regionRequest.id}/godkann`, {}))).toHaveLength(1);
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/svar/${regionRequest.id}/godkann`, {}))).toHaveLength(0);
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/lyft`, { liftedTo: "beredningsgrupp", liftNote: "" }))).toHaveLength(0);
    expect(await reporterMailDuring(c, () => send(koord, `/avvikelser/${c.id}/status`, { status: "avslutad", note: "Beslut om rutin för kallelser" }))).toHaveLength(1);
  });

  it("när rapportören inte gav någon adress så skickas inget till hen", async () => {
    const c = await makeCase();
    const mails = await mailDuring(() => send(koord, `/avvikelser/${c.id}/anteckning`, { entry: "Vi har tagit emot ärendet", entryVisible: "ja" }));
    expect(mails.filter((m) => m.subject?.startsWith("Nytt i ditt ärende"))).toHaveLength(0);
  });
});

describe("lyft, beslut, effekt och publik sammanfattning", () => {
  it("när ett ärende lyfts till beredningsgruppen så kommer det med på listan för möten minst två veckor senare", async () => {
    const c = await makeCase();
    expect((await send(koord, `/avvikelser/${c.id}/lyft`, { liftedTo: "beredningsgrupp", liftNote: "Systemfel" })).status).toBe(303);
    expect((await koord.get("/avvikelser/beredningsgrupp?mote=2024-03-29")).text).toContain(c.caseNumber);
    const early = await koord.get("/avvikelser/beredningsgrupp?mote=2024-03-28");
    expect(early.text.split("Behandlade ärenden")[0]).not.toContain(c.caseNumber);
    expect((await send(koord, `/avvikelser/${c.id}/lyft`, {})).status).toBe(422);
  });

  it("när ärendet avslutas med beslut så ser rapportören beslutet, och effekten följs upp 3–6 månader senare", async () => {
    const c = await makeCase();
    expect((await send(koord, `/avvikelser/${c.id}/status`, { status: "avslutad", note: "" })).status).toBe(422);
    expect((await send(koord, `/avvikelser/${c.id}/status`, { status: "avslutad", note: "Parterna tar fram en gemensam kallelserutin.", visible: "ja" })).status).toBe(303);
    expect((await request(t.app).get(followPath(c.token))).text).toContain("Parterna tar fram en gemensam kallelserutin.");
    const tooEarly = await send(koord, `/avvikelser/${c.id}/effekt`, { effectFollowUpOn: "2024-04-01", effectWorked: "" });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.text).toContain("3–6 månader");
    expect((await send(koord, `/avvikelser/${c.id}/effekt`, { effectFollowUpOn: "2024-06-15", effectWorked: "ja", effectNote: "Rutinen används" })).status).toBe(303);
    expect((await koord.get(`/avvikelser/${c.id}`)).text).toContain("Åtgärden fungerade");
  });

  it("när koordinatorn vill publicera en sammanfattning så krävs en administratörs godkännande innan den syns publikt", async () => {
    const c = await makeCase();
    const summary = "Kallelser till SIP föll mellan parterna; en gemensam rutin är på plats.";
    expect((await send(koord, `/avvikelser/${c.id}/sammanfattning`, { publicSummary: summary, approve: "ja" })).status).toBe(422);
    expect((await send(koord, `/avvikelser/${c.id}/sammanfattning`, { publicSummary: summary })).status).toBe(303);
    expect((await request(t.app).get(`/a/${slug}/besvarade`)).text).not.toContain(summary);
    expect((await send(admin, `/avvikelser/${c.id}/sammanfattning`, { publicSummary: summary, approve: "ja" })).status).toBe(303);
    const pub = await request(t.app).get(`/a/${slug}/besvarade`);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain(summary);
    expect(pub.text).toContain(c.caseNumber);
    expect(pub.text).not.toContain("SIP-möte som aldrig");
  });

  it("när koordinatorn sparar en analys så syns den i ärendet", async () => {
    const c = await makeCase();
    expect((await send(koord, `/avvikelser/${c.id}/analys`, { analysisNote: "Samma mönster som AV-2024-002" })).status).toBe(303);
    expect((await koord.get(`/avvikelser/${c.id}`)).text).toContain("Samma mönster som AV-2024-002");
  });
});

describe("inställningar och gallring", () => {
  it("när admin sparar en ogiltig kontaktadress så blir det 422 med det inskrivna kvar; koordinatorn nekas", async () => {
    const res = await send(admin, "/avvikelser/installningar", {
      answerDays: "0", reminderDays: "7", retentionMonths: "36", [`contact_${F.partyIds.Region}`]: "inte-en-adress",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("inte-en-adress");
    expect(res.text).toContain(`href="#contact_${F.partyIds.Region}"`);
    expect(res.text).toContain('href="#answerDays"');
    expect((await koord.get("/avvikelser/installningar")).status).toBe(403);
    const page = await admin.get("/avvikelser/installningar");
    expect(page.text).toContain(`http://samspar.test/a/${slug}`);
  });

  it("när gallringsfristen har gått ut så listar provkörningen ärendet först, och gallringen tar bort texter och länk men behåller ärendet", async () => {
    const c = await makeCase({ reporter: { partyId: F.partyIds.Kommun, unitId: null, role: "SE-coach", name: "Kim Coach", email: "kim@exempel.se" } });
    await send(admin, `/avvikelser/${c.id}/status`, { status: "avslutad", note: "Beslut" });
    await send(admin, "/avvikelser/installningar", { answerDays: "60", reminderDays: "7", retentionMonths: "1" });
    at("2024-04-20T09:00:00Z");
    const dry = await admin.get("/avvikelser/gallring");
    expect(dry.status).toBe(200);
    expect(dry.text).toContain(c.caseNumber);
    expect((await request(t.app).get(followPath(c.token))).status).toBe(200); // nothing changed by the dry run
    expect((await send(admin, "/avvikelser/gallring", {})).status).toBe(303);
    const page = await admin.get(`/avvikelser/${c.id}`);
    expect(page.text).toContain("Ärendet är gallrat");
    expect(page.text).not.toContain("SIP-möte");
    expect(page.text).not.toContain("Kim Coach");
    expect((await request(t.app).get(followPath(c.token))).status).toBe(404);
    expect((await koord.get("/avvikelser/gallring")).status).toBe(403);
    await send(admin, "/avvikelser/installningar", { answerDays: "60", reminderDays: "7", retentionMonths: "36" });
  });
});

describe("förbundets regel för allvarlighet", () => {
  it("när admin skriver förbundets regel för allvarlig så visas den vid valet i formuläret och på analyssidan; en tom regel vägras", async () => {
    const page = await admin.get("/avvikelser/installningar");
    expect(page.text).toContain("Allvarliga avvikelser avser situationer som riskerar få konsekvenser för individ(er)"); // 002's rule, the default
    const base = { answerDays: "60", reminderDays: "7", retentionMonths: "36", minorDefinition: "Brist utan direkt risk för individen." };
    const empty = await send(admin, "/avvikelser/installningar", { ...base, severeDefinition: "" });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Skriv vad förbundet menar med en allvarlig avvikelse.");
    const rule = "Allvarlig när individen riskerar att bli utan samordnat stöd mot egen försörjning.";
    expect((await send(admin, "/avvikelser/installningar", { ...base, severeDefinition: rule })).status).toBe(303);
    expect((await request(t.app).get(`/a/${slug}`)).text).toContain(rule);
    const analysis = await admin.get("/avvikelser/analys?year=2024");
    expect(analysis.text).toContain(rule);
    expect(analysis.text).toContain("Brist utan direkt risk för individen.");
    expect(await deviations.severityRules(t.ctx, F.forbund.id)).toEqual({ allvarlig: rule, mindreAllvarlig: "Brist utan direkt risk för individen." });
    const bilaga = await admin.get("/bilagor/2024/avvikelser/forhandsgranska");
    expect(bilaga.status).toBe(200);
    expect(bilaga.text).toContain(`Allvarlig avvikelse: ${rule}`);
    expect(bilaga.text).toContain("Mindre allvarlig avvikelse: Brist utan direkt risk för individen.");
  });
});

describe("analysen", () => {
  it("när analysen för ett år hämtas via API:t så har den exakt fälten i kontraktet och räknar parter per ärende", async () => {
    const G = await makeForbund(t.ctx, "Förbund Analys", ["Aneby"]);
    const reg = await orgRepo.insertUnit(t.ctx.db, G.forbund.id, G.partyIds.Region, "Psykiatri");
    const u = await makeUser(t.ctx, { forbundId: G.forbund.id, role: "lasare" });
    const key = (await tokens.createToken(t.ctx, (await accounts.loadForbundUser(t.ctx, u.id))!, "a")).secret;
    const rep = { partyId: G.partyIds.Kommun, unitId: null, role: null, name: null, email: null };
    const mk = (over: Partial<ReportInput>) => deviations.report(t.ctx, G.forbund.id, input({ areaId: G.areas[0].id, reporter: rep, ...over }), "api");
    at("2023-06-01T09:00:00Z");
    await mk({ concerned: [{ partyId: G.partyIds.Kommun, unitId: null }] });
    now = START;
    await mk({ concerned: [{ partyId: G.partyIds.Kommun, unitId: null }, { partyId: G.partyIds.Region, unitId: reg.id }], consequences: ["dubbelarbete", "stress_oro"] });
    await mk({ concerned: [{ partyId: G.partyIds.Försäkringskassan, unitId: null }], severity: "mindre_allvarlig" });
    const res = await request(t.app).get("/api/v1/deviations/analysis?year=2024").set("Authorization", `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 2, bySeverity: { allvarlig: 1, mindreAllvarlig: 1 },
      byParty: { Försäkringskassan: 1, Kommun: 1, Region: 1 }, byUnit: { Region: { Psykiatri: 1 } }, byArea: { Aneby: 2 },
      byCause: { "Bristande tillit mellan parterna": 2 }, byConsequence: { Dubbelarbete: 2, "Stress och oro hos deltagare": 1 },
      answeredWithinDeadline: null, medianAnswerDays: null, lifted: 0, previousYear: 1,
    });
    const page = await loginAgent(t.app, u.email, PASSWORD).then((a) => a.get("/avvikelser/analys?year=2024"));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Försäkringskassan 1");
    expect(page.text).toContain("Region 1 varav Psykiatri 1");
    expect(page.text).toContain("1 fler än 2023 (1).");
    expect(page.text).toContain("inte att samverkan har blivit sämre");
    expect((await request(t.app).get("/api/v1/deviations/analysis?year=tjugo").set("Authorization", `Bearer ${key}`)).status).toBe(422);
  });
});

describe("API v1", () => {
  const api = (method: "get" | "post" | "patch", path: string, who = "admin") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);
  const body = (over: Record<string, unknown> = {}) => ({
    occurredMonth: "2024-03", areaId: F.areas[0].id, reporter: { partyId: F.partyIds.Arbetsförmedlingen, role: "Handläggare" },
    concerned: [{ partyId: F.partyIds.Kommun, unitId: socialtjanst.id }], description: "Planeringen stannade av när två parter väntade på varandra.",
    consequences: ["langre_arbetsloshet"], causes: ["otydlig_ansvarsfordelning"], severity: "mindre_allvarlig", ...over,
  });

  it("när koderna hämtas så kommer orsaker och konsekvenser från Bilaga 6 med Annat sist", async () => {
    const res = await api("get", "/api/v1/deviations/codes", "lasare");
    expect(res.status).toBe(200);
    expect(res.body.consequences[0]).toEqual({ code: "utan_behovsanpassat_stod", label: "Individer riskerar bli utan behovsanpassat stöd" });
    expect(res.body.causes.at(-1)).toEqual({ code: "annat", label: "Annat" });
    expect(res.body.consequences).toHaveLength(9);
    expect(res.body.causes).toHaveLength(10);
  });

  it("när någon i förbundet rapporterar via API:t så blir det 201 med id och ärendenummer, och koordinatorn får ett meddelande", async () => {
    let res!: request.Response;
    const mails = await mailDuring(async () => { res = await api("post", "/api/v1/deviations", "lasare").send(body()); });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["caseNumber", "id"]);
    expect(res.body.caseNumber).toMatch(/^AV-2024-\d{3}$/);
    expect(recipients(mails)).toContain(koordEmail);
    for (const m of mails) expect(m.text).not.toContain("väntade på varandra");
  });

  it.each([
    ["personuppgifter i beskrivningen", { description: "Personen (811218-9876) fick vänta." }, "description", "personnummer"],
    ["personuppgifter i förslaget", { proposal: "Ring 070-123 45 67" }, "proposal", "telefonnummer"],
    ["fel månadsformat", { occurredMonth: "mars" }, "occurredMonth", "ÅÅÅÅ-MM"],
    ["ingen berörd part", { concerned: [] }, "concerned", "minst en part"],
    ["okänd allvarlighet", { severity: "katastrof" }, "severity", "allvarlig"],
    ["okänd konsekvens", { consequences: ["pahittad"] }, "consequences", "Okänd konsekvens"],
    ["part från annat förbund", { reporter: { partyId: "00000000-0000-4000-8000-000000000000" } }, "reporter.partyId", "finns inte"],
  ])("när rapporten har %s så blir det 422 med issues", async (_what, over, path, message) => {
    const res = await api("post", "/api/v1/deviations").send(body(over));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation");
    const issue = res.body.error.issues.find((i: { path: string }) => i.path === path);
    expect(issue?.message).toContain(message);
  });

  it("när ärenden listas, hämtas och får ny status via API:t så stämmer filtren och historiken", async () => {
    const created = await api("post", "/api/v1/deviations", "koord").send(body());
    const id = created.body.id;
    const list = await api("get", "/api/v1/deviations?year=2024&status=ny", "koord");
    expect(list.status).toBe(200);
    expect(list.body.deviations.some((d: { id: string }) => d.id === id)).toBe(true);
    expect(list.body.deviations.every((d: { status: string; areaId: string }) => d.status === "ny" && d.areaId === F.areas[0].id)).toBe(true);
    expect((await api("get", "/api/v1/deviations?year=2023", "koord")).body.deviations).toEqual([]);
    expect((await api("get", "/api/v1/deviations?status=okand", "koord")).status).toBe(422);
    const one = await api("get", `/api/v1/deviations/${id}`, "koord");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, caseNumber: created.body.caseNumber, status: "ny", severity: "mindre_allvarlig", reporter: { partyId: F.partyIds.Arbetsförmedlingen, role: "Handläggare" } });
    expect(one.body.reporter.email).toBeUndefined();
    expect((await api("patch", `/api/v1/deviations/${id}`, "koord").send({ status: "hanvisad" })).status).toBe(422);
    const patched = await api("patch", `/api/v1/deviations/${id}`, "koord").send({ status: "hanvisad", note: "Till partens egen rutin (lex Sarah)" });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe("hanvisad");
    expect(patched.body.history.at(-1)).toMatchObject({ kind: "status", fromStatus: "ny", toStatus: "hanvisad", note: "Till partens egen rutin (lex Sarah)" });
    expect((await api("get", `/api/v1/deviations/${id}`, "lasare")).status).toBe(403);
    expect((await api("get", "/api/v1/deviations/00000000-0000-4000-8000-000000000000", "admin")).status).toBe(404);
    expect((await api("get", "/api/v1/deviations/inte-ett-id", "admin")).status).toBe(404);
  });
});

// Last in the file: it uses up this IP's allowance of misses on the token pages.
describe("gissade länkar", () => {
  it("när någon provar många påhittade länkar så stoppas hen med 429, medan en riktig länk först fungerar", async () => {
    const c = await makeCase();
    expect((await request(t.app).get(followPath(c.token))).status).toBe(200);
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await request(t.app).get(followPath(`gissning${i}`.padEnd(43, "x")))).status;
    expect(status).toBe(429);
    const blocked = await request(t.app).get(`/a/svar/${"y".repeat(43)}`);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("För många försök");
  });
});
