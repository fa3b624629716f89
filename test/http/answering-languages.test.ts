import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { enableLanguages } from "../helpers/languages.js";
import { makeCollection, makeForbund } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";

let t: TestApp;
let forbund: Awaited<ReturnType<typeof makeForbund>>;
beforeAll(async () => {
  t = await startTestApp();
  forbund = await makeForbund(t.ctx);
  // sv, sv-lattlast and en are enabled from the start; the others after the admin's review.
  await enableLanguages(t.ctx, forbund, ["ar", "fa", "so", "ti", "uk"]);
});
afterAll(async () => { await t?.close(); });

type Agent = ReturnType<typeof request.agent>;
const newCollection = (v: Partial<collections.CreateCollectionInput> = {}) => makeCollection(t.ctx, forbund, v);

/** The hidden fields of a rendered form, as the browser would send them. */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([\w]+)" value="([^"]*)">/g)) out[m[1]] = m[2].replace(/&amp;/g, "&");
  return out;
}
const send = (agent: Agent, action: string, page: string, fields: Record<string, unknown>) =>
  agent.post(action).type("form").send({ ...hiddenFields(page), ...fields });

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/**
 * The text a reader meets in the page's body outside any element marked lang="sv": what a screen reader
 * would read in the page's own language. A small tag walker: the pages are our own well-formed templates.
 * What the respondent typed (a textarea's content) is theirs, in whatever language, and left out.
 */
function textOutsideSwedish(html: string): string {
  const body = html.slice(html.indexOf("<body")).replace(/(<textarea[^>]*>)[^<]*/g, "$1");
  const stack: boolean[] = []; // per open element: inside lang="sv"?
  let out = "";
  for (const m of body.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    const [, close, tag, attrs, text] = m;
    const swedish = stack.length ? stack[stack.length - 1] : false;
    if (text !== undefined) { if (!swedish) out += ` ${text}`; continue; }
    if (close) { stack.pop(); continue; }
    if (VOID.has(tag.toLowerCase()) || attrs.endsWith("/")) continue;
    const lang = /\slang="([^"]*)"/.exec(attrs)?.[1];
    // lang="zxx" (no linguistic content) marks an address, such as the saved page's resume link.
    stack.push(lang === undefined ? swedish : lang === "sv" || lang === "zxx");
  }
  return out.replace(/&[a-z0-9#]+;/gi, " ");
}
/** Words in Latin letters (Swedish among them), apart from those that are the same in every language. */
const latinWords = (text: string) => (text.match(/[A-Za-zÅÄÖåäöÉé]{2,}/g) ?? []).filter((w) => !["IP"].includes(w));

describe("gränssnittet på respondentens språk", () => {
  it("när en arabisk deltagare går igenom start-, fråge-, följdfråge-, fel-, spara- och tacksidan så står inget svenskt gränssnittsord omärkt", async () => {
    const c = await newCollection({ languages: ["sv", "ar"] });
    const agent = request.agent(t.app);
    const pages: Record<string, string> = {};
    pages.start = (await agent.get(`/e/${c.slug}?lang=ar`)).text;
    const first = await agent.get(`/e/${c.slug}/fraga/1?lang=ar`);
    pages.first = first.text;
    const action = `/e/${c.slug}/fraga/1`;
    const revealed = await send(agent, action, first.text, { q1: "5", q4a: "ja", visible: "q1,q2,q3,q4a,q5,q6,q7", action: "next" });
    expect(revealed.text).toContain("أدت إجابتك إلى سؤال متابعة");
    pages.revealed = revealed.text;
    const moved = await send(agent, action, revealed.text, { q1: "5", q4a: "ja", q4b: "2", visible: "q1,q2,q3,q4a,q4b,q5,q6,q7", action: "next" });
    expect(moved.status).toBe(303);
    const second = await agent.get(moved.headers.location);
    pages.second = second.text;
    const wrong = await send(agent, `/e/${c.slug}/fraga/2`, second.text, { q8: "Ring mig på 070-123 45 67", action: "next" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("يجب تصحيح شيء ما");
    pages.error = wrong.text;
    const saved = await send(agent, `/e/${c.slug}/fraga/2`, second.text, { q8: "Mer tid", action: "save" });
    expect(saved.text).toContain("تم حفظ إجاباتك");
    pages.saved = saved.text;
    const done = await send(agent, `/e/${c.slug}/fraga/2`, second.text, { q8: "Mer tid", action: "next" });
    pages.thanks = (await agent.get(done.headers.location)).text;
    expect(pages.thanks).toContain("شكرًا على إجاباتك!");

    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).toContain('<html lang="ar" dir="rtl">');
      // The language switch names Swedish in Swedish (lang="sv"); everything else unmarked is Arabic.
      expect(latinWords(textOutsideSwedish(html)), name).toEqual([]);
    }
    // The standard questionnaire's Arabic language version (Samspår's draft) is in the insamling: no Swedish left.
    expect(pages.first).not.toContain('<span lang="sv" dir="auto">');
    expect(pages.first).toContain("هل تحصل على الدعم بطريقة تفيدك كثيرًا؟");
    expect(pages.first).toContain("أحيانًا");
    expect(pages.first).toContain("السؤال 4a");
  });

  it("när en enkät saknar texter på sidans språk så visas svenskan, märkt lang=sv, och resten av sidan är på språket", async () => {
    // indikator-personal has no Arabic language version: its texts show in Swedish.
    const c = await newCollection({ questionnaire: "indikator-personal", languages: ["sv", "ar"] });
    const html = (await request(t.app).get(`/e/${c.slug}/fraga/1?lang=ar`)).text;
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<span lang="sv" dir="auto">');
    expect(latinWords(textOutsideSwedish(html))).toEqual([]);
  });
});

describe("att hitta sitt språk", () => {
  it("när startsidan visas så kommer språkvalet, med varje språk i sitt eget namn, före enkätens svenska stycken", async () => {
    const c = await newCollection({ languages: ["sv", "en", "ar"] });
    const html = (await request(t.app).get(`/e/${c.slug}`)).text;
    const nav = html.indexOf('class="language-switch"');
    expect(nav).toBeGreaterThan(0);
    expect(nav).toBeLessThan(html.indexOf("Dina svar är anonyma"));
    expect(nav).toBeLessThan(html.indexOf(c.definition.intro!.sv));
    expect(html).toContain('lang="ar" dir="rtl" hreflang="ar"');
  });

  it("när inget språk är valt så följer sidan webbläsarens språk om insamlingen har det, även när sidan skickas från inspelningen", async () => {
    const c = await newCollection({ languages: ["sv", "ar"] });
    const get = (path: string, accept?: string) => {
      const r = request(t.app).get(path);
      return accept ? r.set("Accept-Language", accept) : r;
    };
    for (let i = 0; i < 2; i++) { // the second time from the recording (fast.ts)
      const start = await get(`/e/${c.slug}`, "ar-SE,ar;q=0.9,sv;q=0.5");
      expect(start.text, `gång ${i + 1}`).toContain('<html lang="ar" dir="rtl">');
      expect(start.headers.vary).toContain("Accept-Language");
      expect((await get(`/e/${c.slug}/fraga/1`, "ar")).text).toContain("السؤال 1");
      expect((await get(`/e/${c.slug}`)).text, `gång ${i + 1}`).toContain('<html lang="sv" dir="ltr">');
      expect((await get(`/e/${c.slug}/fraga/1`)).text).toContain("Fråga 1");
      // a language the insamling does not offer changes nothing; a chosen language wins over the browser's
      expect((await get(`/e/${c.slug}`, "de-DE,en;q=0.5")).text).toContain('<html lang="sv" dir="ltr">');
      expect((await get(`/e/${c.slug}?lang=sv`, "ar")).text).toContain('<html lang="sv" dir="ltr">');
    }
    const unknown = await get("/e/finnsinte99", "ar");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("لم نجد استبيانًا هنا");
  });

  it("när kortkoden skrivs med stora bokstäver så hittas enkäten ändå, och svaren går till samma insamling", async () => {
    const c = await newCollection();
    const mixed = c.slug.charAt(0).toUpperCase() + c.slug.slice(1);
    for (const slug of [mixed, c.slug.toUpperCase(), mixed]) {
      const res = await request(t.app).get(`/e/${slug}`);
      expect(res.status, slug).toBe(200);
      expect(res.text).toContain("Indikatorenkät – deltagare i pågående insats");
      expect(res.text).toContain(`action="/e/${c.slug}/fraga/1"`);
    }
    expect((await request(t.app).get(`/e/${mixed}/fraga/1`)).text).toContain(`action="/e/${c.slug}/fraga/1"`);
    expect((await request(t.app).get("/e/Finnsinte99")).status).toBe(404);
  });
});

describe("följdfrågor utan JavaScript", () => {
  it("när ett svar leder till en följdfråga så namnger meddelandet frågan och länkar dit, med fokus på länken", async () => {
    const c = await newCollection({ languages: ["sv", "ar"] });
    for (const [lang, label] of [["sv", "Svara på fråga 4b"], ["ar", "أجب عن السؤال 4b"]]) {
      const agent = request.agent(t.app);
      const first = await agent.get(`/e/${c.slug}/fraga/1?lang=${lang}`);
      const again = await send(agent, `/e/${c.slug}/fraga/1`, first.text, { q4a: "ja", visible: "q1,q2,q3,q4a,q5,q6,q7", action: "next" });
      expect(again.status).toBe(200);
      expect(again.text).toContain(`<a href="#q4b" class="big-link" autofocus>${label}</a>`);
      expect(again.text).toContain('id="q4b"');
    }
  });
});
