/**
 * Single sign-on (issue 21) against a real OpenID provider (oidc-provider) started here: who gets in, who is refused
 * and with what words, just-in-time accounts, a förbund that requires single sign-on, and signing out. The browser's
 * part (the button, the provider's page, tampered state and nonce) is in test/browser/sso.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq, sql } from "drizzle-orm";
import { csrfFrom, loginAgent, postForm, startTestApp, type TestApp } from "../helpers/app.js";
import { makeAdmin, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { freeServer, providerEnv, signInAtProvider, startProvider, type TestProvider } from "../helpers/oidc.js";
import { auditLog, sessions, users } from "../../models/schema.js";
import * as accounts from "../../server/accounts/service.js";

let t: TestApp;
let provider: TestProvider;
let app: Awaited<ReturnType<typeof freeServer>>;

beforeAll(async () => {
  app = await freeServer();
  provider = await startProvider(app.url);
  t = await startTestApp({ env: { BASE_URL: app.url, ...providerEnv(provider, "Testregionen", { OIDC_ALLOWED_DOMAINS: "exempel.se, region.se,kommun.se" }) } });
  app.handle(t.app);
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
  await t?.close();
});

const path = (url: string) => url.slice(app.url.length);

/** The whole flow with one cookie-keeping agent: the button, the provider's login as `login`, the callback. */
async function ssoAs(login: string, agent = request.agent(app.server)) {
  const start = await agent.get("/login/sso/1");
  expect(start.status).toBe(303);
  const back = await signInAtProvider(start.headers.location, login);
  expect(back.startsWith(`${app.url}/login/sso/1/callback?`)).toBe(true);
  const done = await agent.get(path(back));
  return { agent, done, back };
}

const auditOf = (action: string, email: string) =>
  t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorEmail, email)));

const signedIn = async (agent: ReturnType<typeof request.agent>) => (await agent.get("/start")).status === 200;

describe("inloggningssidan", () => {
  it("när en leverantör är inställd så visar /login knappen ”Logga in med <OIDC_NAME>” bredvid lösenordsformuläret", async () => {
    const page = await request(app.server).get("/login");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<a class="button" href="\/login\/sso\/1">Logga in med Testregionen<\/a>/);
    expect(page.text).toContain('name="password"');
  });

  it("när knappen trycks så skickas webbläsaren till leverantören med PKCE (S256), state och nonce", async () => {
    const res = await request(app.server).get("/login/sso/1?next=/resultat");
    expect(res.status).toBe(303);
    const url = new URL(res.headers.location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get("redirect_uri")).toBe(`${app.url}/login/sso/1/callback`);
  });
});

describe("vem som kommer in", () => {
  it("när adressen har ett konto så är personen inloggad, sessionen säger leverantören och loggen har inloggningen med leverantören", async () => {
    const { forbund } = await makeForbund(t.ctx);
    await makeUser(t.ctx, { forbundId: forbund.id, role: "koordinator", email: "anna@exempel.se" });
    const { agent, done } = await ssoAs("Anna@Exempel.se");
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe("/start");
    expect(await signedIn(agent)).toBe(true);
    const [entry] = await auditOf("login", "anna@exempel.se");
    expect(entry.detail).toEqual({ via: "Testregionen" });
    const [row] = await t.ctx.db.select().from(sessions).where(sql`${sessions.data}->>'sso' = '1'`).limit(1);
    expect(row).toBeDefined();
  });

  it("när samma svar från leverantören används en gång till så godtas det inte", async () => {
    const { forbund } = await makeForbund(t.ctx);
    await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare", email: "bertil@exempel.se" });
    const { back } = await ssoAs("bertil@exempel.se");
    const again = await request.agent(app.server).get(path(back));
    expect(again.status).toBe(400);
    expect(again.text).toContain("började inte i den här webbläsaren");
  });

  it("när adressen saknar konto så vägras inloggningen med ett svenskt besked om vem som skapar kontot, och inget konto skapas", async () => {
    const anonymous = sql`${sessions.data}->>'userId' is null`;
    const before = (await t.ctx.db.select().from(sessions).where(anonymous)).length;
    const { agent, done } = await ssoAs("okand@exempel.se");
    // The session that held the sign-in under way goes with it: a refused visitor leaves no row.
    expect((await t.ctx.db.select().from(sessions).where(anonymous)).length).toBe(before);
    expect(done.status).toBe(403);
    expect(done.text).toContain("Det finns inget konto i Samspår för okand@exempel.se");
    expect(done.text).toContain("Konton skapas av förbundets administratör (förbundschefen)");
    expect(await signedIn(agent)).toBe(false);
    expect(await t.ctx.db.select().from(users).where(eq(users.email, "okand@exempel.se"))).toEqual([]);
    const [entry] = await auditOf("login.failed", "okand@exempel.se");
    expect(entry.detail).toMatchObject({ via: "Testregionen", skäl: "inget konto" });
  });

  it("när leverantören inte har bekräftat adressen så vägras inloggningen, också till ett konto som finns", async () => {
    const { forbund } = await makeForbund(t.ctx);
    await makeUser(t.ctx, { forbundId: forbund.id, role: "admin", email: "obekraftad@exempel.se" });
    const { agent, done } = await ssoAs("obekraftad@exempel.se");
    expect(done.status).toBe(403);
    expect(done.text).toContain("har inte bekräftat att adressen obekraftad@exempel.se är din");
    expect(await signedIn(agent)).toBe(false);
  });

  it("när adressens domän inte är en av leverantörens (OIDC_ALLOWED_DOMAINS) så vägras inloggningen, också till ett konto som finns", async () => {
    const { forbund } = await makeForbund(t.ctx);
    await makeUser(t.ctx, { forbundId: forbund.id, role: "admin", email: "chef@annan.se" });
    const { agent, done } = await ssoAs("chef@annan.se");
    expect(done.status).toBe(403);
    expect(done.text).toContain("bara adresser på exempel.se, region.se, kommun.se");
    expect(await signedIn(agent)).toBe(false);
  });

  it("när kontot är inaktiverat så vägras inloggningen", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare", email: "cecilia@exempel.se" });
    await t.ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const { done } = await ssoAs("cecilia@exempel.se");
    expect(done.status).toBe(403);
    expect(done.text).toContain("Kontot för cecilia@exempel.se är inaktiverat");
  });

  it("när svaret kommer utan att inloggningen började i webbläsaren så vägras det", async () => {
    const res = await request(app.server).get("/login/sso/1/callback?code=abc&state=def");
    expect(res.status).toBe(400);
    expect(res.text).toContain("Inloggningen kunde inte slutföras");
  });

  it("när leverantören inte finns så är sidan 404", async () => {
    expect((await request(app.server).get("/login/sso/7")).status).toBe(404);
    expect((await request(app.server).get("/login/sso/x/callback")).status).toBe(404);
  });
});

describe("konto vid första inloggningen", () => {
  it("när admin har valt domänen så får en ny adress på den ett läsarkonto i förbundet; roll och förbund är Samspårs", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const admin = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin" });
    const agent = await loginAgent(t.app, admin.email, PASSWORD);
    const saved = await postForm(agent, "/anvandare/inloggning", "/anvandare/inloggning", { jitDomains: "region.se" });
    expect(saved.status).toBe(303);
    const { agent: ny, done } = await ssoAs("ny.person@region.se");
    expect(done.status).toBe(303);
    expect((await ny.get("/start")).text).toContain("Ett konto som läsare har skapats åt dig");
    const [created] = await t.ctx.db.select().from(users).where(eq(users.email, "ny.person@region.se"));
    expect(created).toMatchObject({ forbundId: forbund.id, role: "lasare", passwordHash: null, name: "Testperson ny.person" });
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, "user.created_sso"));
    expect(entry).toMatchObject({ forbundId: forbund.id, actorEmail: "ny.person@region.se" });

    // Another förbund cannot take the same domain: one domain leads to one förbund.
    const other = await makeForbund(t.ctx);
    const otherAdmin = await makeUser(t.ctx, { forbundId: other.forbund.id, role: "admin" });
    const otherAgent = await loginAgent(t.app, otherAdmin.email, PASSWORD);
    const page = await otherAgent.get("/anvandare/inloggning");
    expect(page.text).toContain("används redan av ett annat förbund");
    const refused = await postForm(otherAgent, "/anvandare/inloggning", "/anvandare/inloggning", { jitDomains: "region.se" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("region.se används redan av ett annat förbund");
  });

  it("när en domän inte finns bland leverantörernas så går den inte att välja", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const admin = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin" });
    const agent = await loginAgent(t.app, admin.email, PASSWORD);
    const res = await postForm(agent, "/anvandare/inloggning", "/anvandare/inloggning", { jitDomains: "gmail.com" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("gmail.com finns inte bland domänerna");
  });
});

describe("när förbundet kräver enkel inloggning", () => {
  it("så måste admin själv ha loggat in med den, lösenordssessionerna avslutas, lösenordet vägras och sidan säger det", async () => {
    const { forbund } = await makeForbund(t.ctx, "Norrbygdens samordningsförbund");
    const admin = await makeUser(t.ctx, { forbundId: forbund.id, role: "admin", email: "admin@kommun.se" });
    const koordinator = await makeUser(t.ctx, { forbundId: forbund.id, role: "koordinator", email: "koord@kommun.se" });
    const superadmin = await makeUser(t.ctx, { forbundId: forbund.id, role: "superadmin" });
    const elsewhere = await makeUser(t.ctx, { forbundId: (await makeForbund(t.ctx)).forbund.id, role: "lasare" });

    // With a password session the admin may not turn it on.
    const byPassword = await loginAgent(t.app, admin.email, PASSWORD);
    const page = await byPassword.get("/anvandare/inloggning");
    expect(page.text).toContain("Du behöver själv vara inloggad med enkel inloggning");
    const refused = await postForm(byPassword, "/anvandare/inloggning", "/anvandare/inloggning", { requireSso: "ja" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Logga in med enkel inloggning själv först");

    const koordinatorSession = await loginAgent(t.app, koordinator.email, PASSWORD);
    const { agent: bySso } = await ssoAs("admin@kommun.se");
    const saved = await postForm(bySso, "/anvandare/inloggning", "/anvandare/inloggning", { requireSso: "ja" });
    expect(saved.status).toBe(303);
    expect(await accounts.signInSettings(t.ctx, forbund.id)).toEqual({ requireSso: true, jitDomains: [] });
    expect(await signedIn(bySso)).toBe(true);
    expect(await signedIn(koordinatorSession)).toBe(false);
    expect(await signedIn(byPassword)).toBe(false);

    const login = await request(app.server).get("/login");
    expect(login.text).toContain("Konton i Norrbygdens samordningsförbund loggar bara in med enkel inloggning");
    const tryPassword = async (email: string, password: string) => {
      const agent = request.agent(app.server);
      const form = await agent.get("/login");
      return agent.post("/login").type("form").send({ email, password, _csrf: csrfFrom(form.text) });
    };
    const wrongForm = await tryPassword(koordinator.email, PASSWORD);
    expect(wrongForm.status).toBe(422);
    expect(wrongForm.text).toContain("Ditt förbund loggar bara in med enkel inloggning");
    expect(wrongForm.text).toContain("Logga in med Testregionen");
    // A wrong password says no more than before: nothing about the förbund.
    expect((await tryPassword(koordinator.email, "fel lösenord här")).text).toContain("Fel e-postadress eller lösenord.");
    expect((await tryPassword(superadmin.email, PASSWORD)).status).toBe(303);
    expect((await tryPassword(elsewhere.email, PASSWORD)).status).toBe(303);
    expect((await ssoAs("koord@kommun.se")).done.status).toBe(303);
    const [failed] = await auditOf("login.failed", koordinator.email);
    expect(failed.detail).toEqual({ skäl: "förbundet kräver enkel inloggning" });
    // Without a provider in the configuration the requirement would lock everyone out: passwords work again.
    const withoutProvider = { ...t.ctx, config: { ...t.ctx.config, oidc: [] } };
    expect(await accounts.passwordAllowed(withoutProvider, koordinator)).toBe(true);
    expect(await accounts.passwordAllowed(t.ctx, koordinator)).toBe(false);
  });
});

describe("när förbundet kräver enkel inloggning och någon bjuds in", () => {
  it("så sparar en länk från före kravet lösenordet men loggar inte in med det", async () => {
    const f = await makeForbund(t.ctx);
    const admin = await makeAdmin(t.ctx, f);
    await accounts.inviteUser(t.ctx, admin, f.forbund.id, { email: "ny@kommun.se", name: "Ny", role: "lasare", areaIds: [] });
    expect((await accounts.updateSignInSettings(t.ctx, admin, { requireSso: true, jitDomains: [] })).ok).toBe(true);
    const mail = (await t.delivered()).find((m) => m.text?.includes("/konto/losenord/") && JSON.stringify(m.to).includes("ny@kommun.se"))!;
    const link = new RegExp(`${app.url}(/konto/losenord/\\S+)`).exec(mail.text!)![1];
    const agent = request.agent(app.server);
    const form = await agent.get(link);
    const res = await agent.post(link).type("form").send({ _csrf: csrfFrom(form.text), password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect((await agent.get("/login")).text).toContain("Lösenordet är sparat, men ditt förbund loggar bara in med enkel inloggning");
    expect(await signedIn(agent)).toBe(false);
  });

  it("så säger inbjudan att personen loggar in med sin organisations konto, utan länk för att välja lösenord", async () => {
    const f = await makeForbund(t.ctx);
    const admin = await makeAdmin(t.ctx, f);
    expect((await accounts.updateSignInSettings(t.ctx, admin, { requireSso: true, jitDomains: [] })).ok).toBe(true);
    const invited = await accounts.inviteUser(t.ctx, admin, f.forbund.id, { email: "inbjuden@kommun.se", name: "Inbjuden", role: "lasare", areaIds: [] });
    const mail = (await t.delivered()).find((m) => JSON.stringify(m.to).includes("inbjuden@kommun.se"))!;
    expect(mail.subject).toBe("Inbjudan till Samspår");
    expect(mail.text).not.toContain("/konto/losenord/");
    expect(mail.text).toContain("enkel inloggning: Testregionen");
    expect(mail.text).toContain(`${app.url}/login`);

    // Until the person signs in, the users page says the invitation waits; afterwards, how the account signs in.
    const adminSession = (await ssoAs(admin.email)).agent;
    expect((await adminSession.get("/anvandare")).text).toContain("Inbjudan väntar");
    expect((await ssoAs("inbjuden@kommun.se")).done.status).toBe(303);
    const list = (await adminSession.get("/anvandare")).text;
    expect(list).not.toContain("Inbjudan väntar");
    expect(list).toContain("Enkel inloggning (Testregionen)");
    await expect(accounts.resendInvitation(t.ctx, admin, f.forbund.id, invited.id)).rejects.toThrow("loggar redan in med enkel inloggning");
  });
});

describe("ett konto som bara loggar in med enkel inloggning", () => {
  it("när kontot skapades vid första inloggningen så visar användarsidan leverantören, inte en väntande inbjudan", async () => {
    const f = await makeForbund(t.ctx);
    const admin = await makeAdmin(t.ctx, f);
    expect((await accounts.updateSignInSettings(t.ctx, admin, { requireSso: false, jitDomains: ["exempel.se"] })).ok).toBe(true);
    expect((await ssoAs("jit.person@exempel.se")).done.status).toBe(303);
    const list = (await (await loginAgent(t.app, admin.email, PASSWORD)).get("/anvandare")).text;
    expect(list).toContain("jit.person@exempel.se");
    expect(list).not.toContain("Inbjudan väntar");
    expect(list).toContain("Enkel inloggning (Testregionen)");
  });

  it("när kontot inte har något lösenord så säger Byt lösenord det och tar inte emot något", async () => {
    const f = await makeForbund(t.ctx);
    const admin = await makeAdmin(t.ctx, f);
    await accounts.inviteUser(t.ctx, admin, f.forbund.id, { email: "utan.losenord@kommun.se", name: "Utan", role: "lasare", areaIds: [] });
    const { agent } = await ssoAs("utan.losenord@kommun.se");
    const page = await agent.get("/konto/byt-losenord");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Ditt konto har inget lösenord");
    expect(page.text).not.toContain('name="current"');
    const tried = await postForm(agent, "/start", "/konto/byt-losenord", { current: "vad som helst", password: "ett nytt långt lösenord", confirm: "ett nytt långt lösenord" });
    expect(tried.status).toBe(422);
    expect(tried.text).toContain("Kontot har inget lösenord att byta");
    const [row] = await t.ctx.db.select().from(users).where(eq(users.email, "utan.losenord@kommun.se"));
    expect(row.passwordHash).toBeNull();
  });

  it("när ett konto med engångslösenord loggar in med enkel inloggning så skickas det inte till Byt lösenord", async () => {
    const f = await makeForbund(t.ctx);
    const person = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", email: "engangs@kommun.se", mustChangePassword: true });
    const byPassword = await loginAgent(t.app, person.email, PASSWORD);
    const held = await byPassword.get("/start");
    expect(held.status).toBe(303);
    expect(held.headers.location).toBe("/konto/byt-losenord");
    const { agent } = await ssoAs("engangs@kommun.se");
    expect((await agent.get("/start")).status).toBe(200);
    expect((await agent.get("/konto/byt-losenord")).text).not.toContain("Du loggade in med ett engångslösenord");
  });
});

describe("utloggning", () => {
  it("när en person loggar ut efter enkel inloggning så avslutas sessionen och sidan erbjuder leverantörens utloggning", async () => {
    const { forbund } = await makeForbund(t.ctx);
    await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare", email: "david@exempel.se" });
    const { agent } = await ssoAs("david@exempel.se");
    const start = await agent.get("/start");
    const out = await agent.post("/logout").type("form").send({ _csrf: csrfFrom(start.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/utloggad?via=1");
    expect(await signedIn(agent)).toBe(false);
    const page = await agent.get(out.headers.location);
    expect(page.text).toContain("Du är utloggad från Samspår");
    const href = /<a class="button" href="([^"]+)">Logga ut från Testregionen<\/a>/.exec(page.text)![1].replaceAll("&amp;", "&");
    const end = new URL(href);
    expect(end.origin + end.pathname).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get("client_id")).toBe(provider.clientId);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${app.url}/login`);
    // The provider knows the address and offers to sign out.
    expect((await fetch(end)).status).toBe(200);
  });

  it("när en person loggar ut efter lösenord så kommer hen till inloggningssidan som förut", async () => {
    const { forbund } = await makeForbund(t.ctx);
    const user = await makeUser(t.ctx, { forbundId: forbund.id, role: "lasare" });
    const agent = await loginAgent(t.app, user.email, PASSWORD);
    const start = await agent.get("/start");
    const out = await agent.post("/logout").type("form").send({ _csrf: csrfFrom(start.text) });
    expect(out.headers.location).toBe("/login");
  });
});
