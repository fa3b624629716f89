/**
 * Reach (issue 15): the short respondent-facing title, the poster and card with the languages in their own
 * names and a QR code per language, and the saved page's "skicka länken till mig" (the address used once,
 * in no table and no log line).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { sql } from "drizzle-orm";
import { loginAgent, postForm, startTestApp, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeStaff, PASSWORD } from "../helpers/factories.js";
import { enableLanguages } from "../helpers/languages.js";
import * as languages from "../../server/answering/languages.js";
import * as accounts from "../../server/accounts/service.js";
import { recipientsOf } from "../helpers/mail.js";
import { createLogger } from "../../server/log.js";
import { settled } from "../../server/later.js";
import { findSurvey } from "../../surveys/index.js";
import type { Db } from "../../models/db.js";

const lines: string[] = [];
let t: TestApp;
let s: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  // Every log line the app writes, access lines included: the address must be in none of them.
  t = await startTestApp({ log: createLogger("info", { format: "json", destination: { write: (l: string) => lines.push(l) } }) });
  s = await setup();
});
afterAll(async () => { await t?.close(); });

async function setup() {
  const f = await makeForbund(t.ctx);
  const { users, keys } = await makeStaff(t.ctx, f);
  await enableLanguages(t.ctx, f, ["ar", "fa", "so", "ti", "uk"]);
  return { ...f, users, keys };
}
const api = (method: "get" | "put", path: string, key: string) => request(t.app)[method](path).set("Authorization", `Bearer ${key}`);
const PAGAENDE = "indikator-deltagare-pagaende";
const SHORT_SV = "Vad tycker du om stödet du får?";
const SHORT_AR = "ما رأيك في الدعم الذي تحصل عليه؟";

/** The hidden fields of a rendered page's forms, as the browser would send them. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}

/** Answers page 1 (or step 1, one question per page) and saves: the saved page, as the respondent sees it. */
async function savedPage(slug: string, lang = "sv", pages: "fraga" | "steg" = "fraga") {
  const agent = request.agent(t.app);
  const p1 = await agent.get(`/e/${slug}/${pages}/1?lang=${lang}`);
  const saved = await agent.post(`/e/${slug}/${pages}/1`).type("form").send({ ...hiddenFields(p1.text), q1: "5", action: "save" });
  expect(saved.status).toBe(200);
  const link = new RegExp(`>(http://samspar\\.test/e/${slug}/fortsatt/[\\w-]+(?:\\?vy=steg)?)</p>`).exec(saved.text)?.[1];
  expect(link).toBeTruthy();
  return { agent, page: saved.text, link: link! };
}

/** Every row of every table as text (what pg_dump would write). */
async function everyTable(db: Db): Promise<string> {
  const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[]));
  const tables = rowsOf<{ s: string; t: string }>(await db.execute(sql`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`));
  expect(tables.map((x) => x.t)).toEqual(expect.arrayContaining(["responses", "mail_outbox", "rate_limit_hits"]));
  const out: string[] = [];
  for (const { s: schema, t: table } of tables) {
    const rows = rowsOf<{ r: string }>(await db.execute(sql.raw(`select x::text as r from "${schema}"."${table}" x`)));
    out.push(...rows.map((r) => `${schema}.${table}: ${r.r}`));
  }
  return out.join("\n").toLowerCase();
}

describe("kort rubrik till de svarande", () => {
  it("när någon hämtar standardenkätens arabiska version så har den nyckeln shortTitle med Samspårs svenska och utkastet, och en egen text kan sparas", async () => {
    const path = `/api/v1/questionnaires/${PAGAENDE}/translations/ar`;
    const r = await api("get", path, s.keys.koordinator);
    expect(r.status).toBe(200);
    expect(r.body.texts.shortTitle).toEqual({ sv: SHORT_SV, text: SHORT_AR });
    expect(r.body.complete).toBe(true); // Samspår's draft covers the new key: Arabic is still offered
    const put = await api("put", path, s.keys.koordinator).send({ texts: { shortTitle: "ما رأيك في دعمنا؟" } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ complete: true, missing: [] });
    expect((await api("get", path, s.keys.koordinator)).body.texts.shortTitle).toEqual({ sv: SHORT_SV, text: "ما رأيك في دعمنا؟" });
    expect(findSurvey(PAGAENDE)!.shortTitle?.ar).toBeUndefined(); // the standard in code is untouched
    await api("put", path, s.keys.koordinator).send({ texts: { shortTitle: "" } }); // back to Samspår's draft
  });

  it("när en språkversion saknar den korta rubriken så är den null och saknas, som varje annan text", async () => {
    const r = await api("get", "/api/v1/questionnaires/indikator-personal/translations/so", s.keys.koordinator);
    expect(r.body.texts.shortTitle).toEqual({ sv: findSurvey("indikator-personal")!.shortTitle!.sv, text: null });
  });

  it("när deltagaren öppnar startsidan så står den korta rubriken först och den formella bredvid, på arabiska i den arabiska versionen", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["sv", "en", "ar"] });
    const sv = await request(t.app).get(`/e/${c.slug}`);
    expect(sv.text).toContain(`<h1><span class="short-title">${SHORT_SV}</span> <span class="formal-title">Indikatorenkät – deltagare i pågående insats</span></h1>`);
    const ar = await request(t.app).get(`/e/${c.slug}?lang=ar`);
    expect(ar.text).toContain(`<span class="short-title">${SHORT_AR}</span>`);
  });

  it("när en koordinator ser standardenkäten så är den korta rubriken märkt som Samspårs, och i en egen enkät går den att skriva i redigeraren", async () => {
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const show = await agent.get(`/enkater/${PAGAENDE}`);
    expect(show.text).toContain(`${SHORT_SV} <span class="muted">(Samspårs formulering, inte NNS nationella text)</span>`);

    const created = await postForm(agent, "/enkater/ny", "/enkater", { id: "lokal-kort-rubrik", title: "Lokal uppföljning", respondentGroup: "deltagare-pagaende" });
    expect(created.status).toBe(303);
    const editor = created.headers.location;
    const tooLong = await postForm(agent, editor, "/enkater/lokal-kort-rubrik/installningar", { title: "Lokal uppföljning", shortTitle: "x".repeat(121), intro: "Om stödet.", respondentGroup: "deltagare-pagaende" });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain("Den korta rubriken får vara högst 120 tecken.");
    const saved = await postForm(agent, editor, "/enkater/lokal-kort-rubrik/installningar", { title: "Lokal uppföljning", shortTitle: "Hur har du det hos oss?", intro: "Om stödet.", respondentGroup: "deltagare-pagaende" });
    expect(saved.status).toBe(303);
    const page = await agent.get(editor);
    expect(page.text).toContain('value="Hur har du det hos oss?"');
  });
});

describe("affischen och korten", () => {
  it("när affischen visas så står den korta rubriken, språken med egna namn och en QR-kod; per språk får varje språk sin kod till sin adress", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["sv", "en", "ar", "so"] });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const one = await agent.get(`/insamlingar/${c.id}/affisch`);
    expect(one.status).toBe(200);
    expect(one.text).toContain(`<span class="poster-short-title">${SHORT_SV}</span>`);
    expect(one.text).toContain('<span lang="ar" dir="rtl">العربية</span>');
    expect(one.text).toContain('name="qr" value="per-sprak"');
    expect(one.text.match(/src="data:image\/svg\+xml;base64,/g)).toHaveLength(1);

    const each = await agent.get(`/insamlingar/${c.id}/affisch?qr=per-sprak`);
    expect(each.status).toBe(200);
    const codes = [...each.text.matchAll(/src="data:image\/svg\+xml;base64,([^"]+)"/g)].map((m) => m[1]);
    expect(codes).toHaveLength(4);
    expect(new Set(codes).size).toBe(4); // each its own address
    expect(each.text).toContain('<li class="qr-language" lang="ar" dir="rtl">');
    expect(each.text).toContain(`>${SHORT_AR}</p>`);
    expect(each.text).toContain("امسح الرمز بكاميرا هاتفك للإجابة.");
    expect(each.text).toContain(`samspar.test/e/${c.slug}?lang=ar</p>`);
    expect(each.text).toContain(`samspar.test/e/${c.slug}?lang=sv</p>`);
    // a choice that is not one of the two is the single code
    expect((await agent.get(`/insamlingar/${c.id}/affisch?qr=<x>`)).text.match(/src="data:image\/svg/g)).toHaveLength(1);
  });

  it("när förbundet har skrivit egna ord för raden under koden så står förbundets ord på affischen och korten, i det språket", async () => {
    // A förbund of its own: its words are not the other tests' catalog words.
    const f = await makeForbund(t.ctx);
    const { users } = await makeStaff(t.ctx, f);
    const c = await makeCollection(t.ctx, f, { languages: ["sv", "en"] });
    const OWN = "Point your phone's camera at the code to answer us.";
    const saved = await languages.saveWords(t.ctx, (await accounts.loadForbundUser(t.ctx, users.admin.id))!, "en", { posterScan: OWN });
    expect(saved.ok).toBe(true);
    const agent = await loginAgent(t.app, users.koordinator.email, PASSWORD);
    const poster = (await agent.get(`/insamlingar/${c.id}/affisch?qr=per-sprak`)).text;
    expect(poster).toContain(`<p class="qr-language-scan">${OWN.replace("'", "&#39;")}</p>`);
    expect(poster).not.toContain("Scan the code with your phone&#39;s camera to answer.");
    expect(poster).toContain("Skanna koden med mobilens kamera för att svara.");
    const cards = (await agent.get(`/insamlingar/${c.id}/kort?qr=per-sprak`)).text;
    expect(cards).toContain(`<p class="card-scan">${OWN.replace("'", "&#39;")}</p>`);
  });

  it("när korten skrivs ut så är det åtta på ett A4; per språk turas språken om", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["sv", "en", "ar"] });
    const agent = await loginAgent(t.app, s.users.koordinator.email, PASSWORD);
    const cards = await agent.get(`/insamlingar/${c.id}/kort`);
    expect(cards.status).toBe(200);
    expect(cards.text.match(/<li class="card"/g)).toHaveLength(8);
    expect(cards.text).toContain(`<p class="card-title">${SHORT_SV}</p>`);
    const each = await agent.get(`/insamlingar/${c.id}/kort?qr=per-sprak`);
    const langs = [...each.text.matchAll(/<li class="card" lang="([^"]+)"/g)].map((m) => m[1]);
    expect(langs).toEqual(["sv", "en", "ar", "sv", "en", "ar", "sv", "en"]);
    expect(each.text).toContain("Scan the code with your phone's camera to answer.".replace("'", "&#39;"));
  });
});

describe("skicka länken till mig", () => {
  it("när deltagaren skickar länken till sin adress så kommer mejlet med länken, och adressen finns sedan i ingen tabell och ingen loggrad", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["sv", "en", "ar"] });
    const { agent, page, link } = await savedPage(c.slug);
    expect(page).toContain('<form method="post" action="/e/' + c.slug + '/skicka-lanken"');
    expect(page).toContain('autocomplete="email"');
    const address = "Deltagare.Sparad@Exempel.se";
    const before = t.mail.messages.length;
    const sent = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: `  ${address} ` });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain("Länken är skickad. Vi har inte sparat din e-postadress.");
    expect(sent.text).not.toContain(address);
    expect(sent.text).toContain(link); // still there to copy

    const mails = t.mail.messages.slice(before);
    expect(mails).toHaveLength(1);
    expect(recipientsOf(mails[0])).toEqual([address.toLowerCase()]);
    expect(mails[0].subject).toBe("Din länk för att fortsätta svara");
    expect(mails[0].text).toContain(link);
    expect(mails[0].text).toContain(`”${SHORT_SV}”`);

    await settled();
    const dump = await everyTable(t.ctx.db);
    expect(dump).toContain(c.slug); // the dump reads the tables
    expect(dump).not.toContain(address.toLowerCase());
    expect(dump).not.toContain("deltagare.sparad");
    expect(dump).not.toContain(link.split("/fortsatt/")[1].toLowerCase()); // nor the link, which opens the answers
    expect(lines.join("\n").toLowerCase()).not.toContain("deltagare.sparad");
    expect(lines.some((l) => l.includes("/e/:slug/skicka-lanken"))).toBe(true); // the access line, by its pattern
  });

  it("när sidan är på arabiska så är formuläret, bekräftelsen och mejlet på arabiska", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["sv", "en", "ar"] });
    const { agent, page } = await savedPage(c.slug, "ar");
    expect(page).toContain("أرسل الرابط إليّ");
    const before = t.mail.messages.length;
    const sent = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: "arabiska@exempel.se" });
    expect(sent.text).toContain('<html lang="ar" dir="rtl">');
    expect(sent.text).toContain("تم إرسال الرابط.");
    expect(t.mail.messages.slice(before)[0].subject).toBe("رابطك لمتابعة الإجابة");
    expect(t.mail.messages.slice(before)[0].text).toContain(`«${SHORT_AR}»`);
  });

  it("när adressen inte är en e-postadress så visas sidan igen med 422, felet och det som skrevs, och inget skickas", async () => {
    const c = await makeCollection(t.ctx, s);
    const { agent, page, link } = await savedPage(c.slug);
    const before = t.mail.messages.length;
    const bad = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: "inte en adress" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<a href="#epost">Skriv en e-postadress, till exempel namn@exempel.se.</a>');
    expect(bad.text).toContain('value="inte en adress"');
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain(link);
    expect(t.mail.messages.length).toBe(before);
  });

  it("när SMTP-servern avvisar mejlet så sägs det vänligt, länken finns kvar och adressen står i ingen loggrad", async () => {
    const c = await makeCollection(t.ctx, s);
    const { agent, page, link } = await savedPage(c.slug);
    t.mail.refuse.add("avvisad.adress@exempel.se");
    const failed = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: "avvisad.adress@exempel.se" });
    expect(failed.status).toBe(503);
    expect(failed.text).toContain("Vi kunde inte skicka länken just nu.");
    expect(failed.text).toContain(link);
    expect(lines.join("\n")).toContain("En sparad svarslänk kunde inte skickas");
    expect(lines.join("\n")).not.toContain("avvisad.adress");
    expect(await everyTable(t.ctx.db)).not.toContain("avvisad.adress");
  });

  it("när länken inte leder till sparade svar så skickas inget", async () => {
    const c = await makeCollection(t.ctx, s);
    const before = t.mail.messages.length;
    const r = await request(t.app).post(`/e/${c.slug}/skicka-lanken`).type("form").send({ s: "A".repeat(32), lang: "sv", epost: "ingen@exempel.se" });
    expect(r.status).toBe(404);
    expect(r.text).toContain("Länken fungerar inte");
    expect(t.mail.messages.length).toBe(before);
  });

  it("när samma länk skickas för många gånger så svarar sidan 429 på deltagarens språk, med länken kvar att kopiera", async () => {
    const c = await makeCollection(t.ctx, s, { languages: ["en"] });
    const { agent, page, link } = await savedPage(c.slug, "en");
    for (let i = 0; i < 5; i++) {
      expect((await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: `gang${i}@exempel.se` })).status).toBe(200);
    }
    const sixth = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: "gang6@exempel.se" });
    expect(sixth.status).toBe(429);
    expect(sixth.text).toContain('<html lang="en" dir="ltr">');
    expect(sixth.text).toContain("Too many attempts");
    expect(sixth.text).toContain(`href="${link}"`);
    expect(t.mail.messages.some((m) => recipientsOf(m).includes("gang6@exempel.se"))).toBe(false);
  });

  it("när en deltagare som svarar en fråga i taget skickar länken för många gånger så fortsätter 429-sidans länk en fråga i taget", async () => {
    const c = await makeCollection(t.ctx, s);
    const { agent, page, link } = await savedPage(c.slug, "sv", "steg");
    expect(link).toMatch(/\?vy=steg$/);
    let last = 0;
    for (let i = 0; i < 6 && last !== 429; i++) {
      last = (await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: `steg${i}@exempel.se` })).status;
    }
    const blocked = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(page), epost: "steg-sist@exempel.se" });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain(`href="${link}"`);
    // The link leads on one question at a time, as the respondent was answering.
    const resumed = await request(t.app).get(new URL(link).pathname + new URL(link).search);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toMatch(new RegExp(`^/e/${c.slug}/steg/\\d+\\?`));
  });
});

describe("skicka länken till mig utan SMTP-server", () => {
  it("när ingen SMTP-server är inställd så erbjuds inget mejl, och ett inskick lägger ingenting i utkorgen", async () => {
    const local = await startTestApp({ smtp: false });
    try {
      const f = await makeForbund(local.ctx);
      const c = await makeCollection(local.ctx, f);
      const agent = request.agent(local.app);
      const p1 = await agent.get(`/e/${c.slug}/fraga/1`);
      const saved = await agent.post(`/e/${c.slug}/fraga/1`).type("form").send({ ...hiddenFields(p1.text), q1: "5", action: "save" });
      expect(saved.status).toBe(200);
      expect(saved.text).not.toContain("skicka-lanken");
      const r = await agent.post(`/e/${c.slug}/skicka-lanken`).type("form").send({ ...hiddenFields(saved.text), s: hiddenFields(p1.text).s, epost: "utan.smtp@exempel.se" });
      expect(r.status).toBe(200);
      expect(r.text).not.toContain("Länken är skickad");
      expect(await everyTable(local.ctx.db)).not.toContain("utan.smtp");
    } finally {
      await local.close();
    }
  }, 120_000); // a second app on its own database
});
