/** Invitations with personal links: sent by real SMTP, reminders only to those who have not answered, addresses deleted. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeCollection, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as collections from "../../server/collections/service.js";
import * as repo from "../../server/collections/repo.js";
import { addressDeletion, addressesExpired, findInvitation, purgeInvitationAddresses } from "../../server/collections/invitations.js";
import { invitations } from "../../models/schema.js";

// One clock for the file: the purge test moves it forward and back.
let now = new Date();
const clock = { now: () => now };
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ clock }); });
afterAll(async () => { await t?.close(); });

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address!;
/** As a release of held answers marks an invitation (answering/held.ts): by either of its links. */
async function markReleased(collectionId: string, token: string): Promise<boolean> {
  const inv = await findInvitation(t.ctx, collectionId, token);
  if (!inv) return false;
  await t.ctx.db.update(invitations).set({ answered: true }).where(eq(invitations.id, inv.id));
  return true;
}
const tokenOf = (m: ParsedMail) => /\?i=([A-Za-z0-9_-]+)/.exec(m.text ?? "")![1];

async function setup(over: Parameters<typeof collections.createCollection>[2] | object = {}) {
  const f = await makeForbund(t.ctx);
  const user = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] });
  const c = await makeCollection(t.ctx, f, { name: "Inbjudna", ...over });
  const agent = await loginAgent(t.app, user.email, PASSWORD);
  return { f, c, agent, page: `/insamlingar/${c.id}` };
}

/** The messages delivered since `from` (a count from t.delivered()). */
const newMail = async (from: number) => (await t.delivered()).slice(from);
const mailCount = async () => (await t.delivered()).length;

describe("inbjudningar och påminnelser", () => {
  it("när tre adresser bjuds in så får var och en ett mejl med sin egen länk, och påminnelsen går bara till dem som inte har svarat", async () => {
    const { c, agent, page } = await setup();
    const before = await mailCount();
    const res = await postForm(agent, page, `${page}/inbjudningar`, { emails: "Anna@Svarande.se\nbo@svarande.se; cia@svarande.se, anna@svarande.se eva@svarande.se fia@svarande.se" });
    expect(res.status).toBe(303);
    const sent = await newMail(before);
    expect(sent).toHaveLength(5);
    expect(sent.map(to).sort()).toEqual(["anna@svarande.se", "bo@svarande.se", "cia@svarande.se", "eva@svarande.se", "fia@svarande.se"]);
    const base = collections.publicUrl(t.ctx, c.slug);
    for (const m of sent) {
      expect(m.subject).toBe("Inbjudan: Indikatorenkät – deltagare i pågående insats");
      expect(m.text).toContain(`${base}?i=`);
      expect(m.text).toContain("Enkäten är anonym.");
    }
    const tokens = Object.fromEntries(sent.map((m) => [to(m), tokenOf(m)]));
    expect(new Set(Object.values(tokens)).size).toBe(5);

    // Only hashes are stored.
    const rows = await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, c.id));
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(Object.values(tokens)).not.toContain(r.tokenHash);

    expect(await findInvitation(t.ctx, c.id, tokens["bo@svarande.se"])).toMatchObject({ answered: false });
    expect(await markReleased(c.id, tokens["bo@svarande.se"])).toBe(true);
    expect(await findInvitation(t.ctx, c.id, tokens["bo@svarande.se"])).toMatchObject({ answered: true });
    expect(await markReleased(c.id, "ingen-sadan-token")).toBe(false);
    expect(await findInvitation(t.ctx, c.id, "ingen-sadan-token")).toBeUndefined();

    const shown = await agent.get(page);
    expect(shown.text).toMatch(/<dt>Inbjudna<\/dt><dd>5<\/dd>/);
    expect(shown.text).toMatch(/<dt>Har svarat<\/dt><dd>1<\/dd>/);
    expect(shown.text).toMatch(/<dt>Har inte svarat<\/dt><dd>4<\/dd>/);
    expect(shown.text).not.toContain("svarande.se");

    const beforeReminder = await mailCount();
    expect((await postForm(agent, page, `${page}/paminnelser`, {})).status).toBe(303);
    const reminders = await newMail(beforeReminder);
    expect(reminders).toHaveLength(4);
    expect(reminders.map(to).sort()).toEqual(["anna@svarande.se", "cia@svarande.se", "eva@svarande.se", "fia@svarande.se"]);
    expect(reminders[0].subject).toMatch(/^Påminnelse: /);
    const flash = await agent.get(page);
    expect(flash.text).toContain("4 påminnelser är skickade.");

    // The reminder's new link and the first link both mark the same invitation.
    const cia = reminders.find((m) => to(m) === "cia@svarande.se")!;
    expect(tokenOf(cia)).not.toBe(tokens["cia@svarande.se"]);
    expect(await markReleased(c.id, tokenOf(cia))).toBe(true);
    expect(await markReleased(c.id, tokens["cia@svarande.se"])).toBe(true);
    expect((await t.ctx.db.select().from(invitations).where(eq(invitations.answered, true))).filter((r) => r.collectionId === c.id)).toHaveLength(2);

    // Not twice the same day.
    const beforeAgain = await mailCount();
    await postForm(agent, page, `${page}/paminnelser`, {});
    expect((await agent.get(page)).text).toContain("Ingen att påminna");
    expect(await mailCount()).toBe(beforeAgain);

    // Already invited addresses are left out.
    const beforeRepeat = await mailCount();
    await postForm(agent, page, `${page}/inbjudningar`, { emails: "ANNA@svarande.se dan@svarande.se" });
    const repeat = await newMail(beforeRepeat);
    expect(repeat.map(to)).toEqual(["dan@svarande.se"]);
    expect((await agent.get(page)).text).toContain("1 inbjudan är skickad. 1 adress var redan inbjudna och hoppades över.");
  });

  it("när en adress är ogiltig så skickas inget och texten visas igen med 422", async () => {
    const { agent, page } = await setup();
    const before = await mailCount();
    const res = await postForm(agent, page, `${page}/inbjudningar`, { emails: "ok@svarande.se\ninte-en-adress, också@fel@" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("De här adresserna är inte giltiga: inte-en-adress, också@fel@");
    expect(res.text).toContain("ok@svarande.se\ninte-en-adress, också@fel@</textarea>");
    const empty = await postForm(agent, page, `${page}/inbjudningar`, { emails: " ,; " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("Skriv minst en e-postadress.");
    expect(await mailCount()).toBe(before);
  });

  it("när insamlingen inte är öppen så går det inte att bjuda in eller påminna", async () => {
    const { agent, page } = await setup({ status: "utkast" });
    expect((await agent.get(page)).text).toContain("Inbjudningar och påminnelser kan skickas när insamlingen är öppen.");
    const res = await postForm(agent, page, `${page}/inbjudningar`, { emails: "a@svarande.se" });
    expect(res.status).toBe(409);
    expect(res.text).toContain("Insamlingen är inte öppen för svar just nu.");
    expect((await postForm(agent, page, `${page}/paminnelser`, {})).status).toBe(409);
  });

  it("när adresslistan raderas så finns räkningen kvar men inga påminnelser kan skickas", async () => {
    const { c, agent, page } = await setup();
    const before = await mailCount();
    await postForm(agent, page, `${page}/inbjudningar`, { emails: "x@svarande.se y@svarande.se z@svarande.se v@svarande.se w@svarande.se" });
    await newMail(before);
    expect((await agent.get(page)).text).toContain("5 e-postadresser finns sparade.");
    expect((await postForm(agent, page, `${page}/inbjudningar/radera`, {})).status).toBe(303);
    const after = await agent.get(page);
    expect(after.text).toContain("5 e-postadresser är raderade.");
    expect(after.text).toMatch(/<dt>Inbjudna<\/dt><dd>5<\/dd>/);
    expect(after.text).not.toContain("Radera adresslistan");
    const rows = await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, c.id));
    expect(rows.map((r) => r.email)).toEqual([null, null, null, null, null]);
    const beforeReminder = await mailCount();
    await postForm(agent, page, `${page}/paminnelser`, {});
    expect((await agent.get(page)).text).toContain("Ingen att påminna");
    expect(await mailCount()).toBe(beforeReminder);
  });

  it("när en insamling har varit stängd längre än lagringstiden så raderar purgeInvitationAddresses adresserna", async () => {
    now = new Date("2026-03-02T10:00:00Z");
    try {
      const closed = await setup();
      const custom = await setup();
      const open = await setup();
      for (const s of [closed, custom, open]) {
        const before = await mailCount();
        await postForm(s.agent, s.page, `${s.page}/inbjudningar`, { emails: "p1@svarande.se p2@svarande.se p3@svarande.se p4@svarande.se p5@svarande.se" });
        await newMail(before);
      }
      await repo.updateCollection(t.ctx.db, custom.c.id, { invitationRetentionDays: 5 });
      for (const s of [closed, custom]) expect((await postForm(s.agent, s.page, `${s.page}/status`, { status: "stangd" })).status).toBe(303);
      expect((await collections.getCollection(t.ctx, closed.f.forbund.id, closed.c.id)).closedOn).toBe("2026-03-02");
      const kept = async (id: string) => (await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, id))).some((r) => r.email !== null);

      now = new Date("2026-03-07T10:00:00Z"); // 5 days: not more than 5
      await purgeInvitationAddresses(t.ctx);
      expect(await kept(custom.c.id)).toBe(true);
      now = new Date("2026-03-08T10:00:00Z"); // 6 days
      expect(await purgeInvitationAddresses(t.ctx)).toBe(5);
      expect(await kept(custom.c.id)).toBe(false);
      expect(await kept(closed.c.id)).toBe(true);

      now = new Date("2026-04-01T10:00:00Z"); // 30 days
      await purgeInvitationAddresses(t.ctx);
      expect(await kept(closed.c.id)).toBe(true);
      now = new Date("2026-04-02T10:00:00Z"); // 31 days
      expect(await purgeInvitationAddresses(t.ctx)).toBe(5);
      expect(await kept(closed.c.id)).toBe(false);
      expect(await kept(open.c.id)).toBe(true);
    } finally {
      now = new Date();
    }
  });

  it("när slutdatumet har passerat så räknas insamlingen som stängd dagen efter", () => {
    const c = { status: "oppen", closedOn: null, closesOn: "2026-05-31", invitationRetentionDays: null };
    expect(addressesExpired(c, "2026-05-31")).toBe(false);
    expect(addressesExpired(c, "2026-07-01")).toBe(false); // closed 2026-06-01, 30 days
    expect(addressesExpired(c, "2026-07-02")).toBe(true);
    expect(addressesExpired({ ...c, closesOn: null }, "2030-01-01")).toBe(false);
    expect(addressesExpired({ ...c, status: "utkast" }, "2030-01-01")).toBe(false);
    expect(addressesExpired({ ...c, status: "stangd", closedOn: "2026-05-01", invitationRetentionDays: 0 }, "2026-05-02")).toBe(true);
  });

  it("när dagen för radering räknas så är det samma dag som gallringen raderar, planerad tills slutdatumet har kommit", () => {
    const c = { status: "oppen", closedOn: null, closesOn: "2026-05-31", invitationRetentionDays: null };
    expect(addressDeletion(c, "2026-05-31")).toEqual({ on: "2026-07-02", planned: true });
    expect(addressDeletion(c, "2026-06-01")).toEqual({ on: "2026-07-02", planned: false });
    expect(addressDeletion({ ...c, invitationRetentionDays: 10 }, "2026-05-01")).toEqual({ on: "2026-06-12", planned: true });
    expect(addressDeletion({ ...c, closesOn: null }, "2026-05-01")).toBeNull();
    expect(addressDeletion({ ...c, status: "utkast" }, "2026-05-01")).toBeNull();
    expect(addressDeletion({ ...c, status: "stangd", closedOn: "2026-05-10", invitationRetentionDays: 0 }, "2026-05-10")).toEqual({ on: "2026-05-11", planned: false });
    // The day shown is the first day addressesExpired says yes, for every retention.
    for (const days of [null, 0, 1, 5, 365]) {
      const closed = { ...c, status: "stangd", closedOn: "2026-05-10", invitationRetentionDays: days };
      const { on } = addressDeletion(closed, "2026-05-10")!;
      const dayBefore = new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(addressesExpired(closed, dayBefore)).toBe(false);
      expect(addressesExpired(closed, on)).toBe(true);
    }
  });

  it("när lagringstiden sätts på insamlingens sida så visar sidan dagen adresserna raderas, och gallringen raderar dem den dagen", async () => {
    now = new Date("2026-03-02T10:00:00Z");
    try {
      const s = await setup();
      const before = await mailCount();
      await postForm(s.agent, s.page, `${s.page}/inbjudningar`, { emails: "q1@svarande.se q2@svarande.se q3@svarande.se q4@svarande.se q5@svarande.se" });
      await newMail(before);
      expect((await postForm(s.agent, s.page, s.page, { name: "Inbjudna", opensOn: "", closesOn: "", invitationRetentionDays: "3" })).status).toBe(303);
      const open = await s.agent.get(s.page);
      expect(open.text).toContain("5 e-postadresser finns sparade. E-postadresserna till inbjudningarna raderas automatiskt när insamlingen har varit stängd i mer än 3 dagar. Dagen bestäms när insamlingen stängs.");
      expect((await postForm(s.agent, s.page, `${s.page}/status`, { status: "stangd" })).status).toBe(303);
      expect((await s.agent.get(s.page)).text).toContain("mer än 3 dagar. De raderas 2026-03-06.");

      const kept = async () => (await t.ctx.db.select().from(invitations).where(eq(invitations.collectionId, s.c.id))).some((r) => r.email !== null);
      now = new Date("2026-03-05T21:00:00Z"); // 22:00 on 5 March in Sweden
      await purgeInvitationAddresses(t.ctx);
      expect(await kept()).toBe(true);
      now = new Date("2026-03-06T00:30:00Z"); // 01:30 on 6 March in Sweden
      expect((await s.agent.get(s.page)).text).toContain("mer än 3 dagar. De raderas vid nästa automatiska gallring, inom en timme.");
      await purgeInvitationAddresses(t.ctx);
      expect(await kept()).toBe(false);
      const after = await s.agent.get(s.page);
      expect(after.text).not.toContain("Radera adresslistan");
      expect(after.text).toContain("mer än 3 dagar. Inga adresser finns sparade.");
    } finally {
      now = new Date();
    }
  });
});
