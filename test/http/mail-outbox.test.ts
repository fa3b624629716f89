/** The mail outbox and its worker: queueing with the caller's transaction, delivery, retries with backoff, "Skicka igen", retention. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import { recipientsOf } from "../helpers/mail.js";
import { createMailer } from "../../server/mail.js";
import { deliverQueuedMail, startMailWorker } from "../../server/outbox/worker.js";
import { purgeMail } from "../../server/outbox/service.js";
import { mailOutbox } from "../../models/schema.js";

const T0 = new Date("2026-02-02T08:00:00Z");
let now = T0;
const clock = { now: () => now };
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let t: TestApp;       // SMTP to the test server
let down: TestApp;    // SMTP to a port where nothing listens
beforeAll(async () => {
  [t, down] = await Promise.all([startTestApp({ clock }), startTestApp({ clock, env: { SMTP_URL: "smtp://127.0.0.1:1" } })]);
});
afterAll(async () => { await Promise.all([t?.close(), down?.close()]); });

async function adminOf(app: TestApp) {
  const f = await makeForbund(app.ctx);
  const admin = await makeUser(app.ctx, { forbundId: f.forbund.id, role: "admin" });
  return { forbundId: f.forbund.id, agent: await loginAgent(app.app, admin.email, PASSWORD) };
}
const rowTo = async (app: TestApp, to: string) => (await app.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, to)))[0];

describe("utskicket", () => {
  it("när ett meddelande köas så skickas det först när kön levereras, och sedan inte igen", async () => {
    now = T0;
    const { forbundId } = await adminOf(t);
    await t.ctx.mailer.send({ forbundId, to: "en@exempel.se", subject: "Hej", text: "Länk: http://samspar.test/x" }, t.ctx.db);
    expect(t.mail.messages.filter((m) => recipientsOf(m).includes("en@exempel.se"))).toHaveLength(0);
    expect((await rowTo(t, "en@exempel.se")).state).toBe("queued");

    expect(await deliverQueuedMail(t.ctx)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const row = await rowTo(t, "en@exempel.se");
    expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null, sentAt: T0 });
    const mail = t.mail.messages.filter((m) => recipientsOf(m).includes("en@exempel.se"));
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain("http://samspar.test/x");
    expect(await deliverQueuedMail(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("när arbetaren startas så levererar den kön genast, och stop väntar tills passet är klart", async () => {
    now = T0;
    const { forbundId } = await adminOf(t);
    await t.ctx.mailer.send({ forbundId, to: "arbetaren@exempel.se", subject: "Arbetaren", text: "x" });
    const worker = startMailWorker(t.ctx, 60_000);
    await worker.stop();
    expect((await rowTo(t, "arbetaren@exempel.se")).state).toBe("sent");
    expect(t.mail.messages.flatMap(recipientsOf)).toContain("arbetaren@exempel.se");
  });

  it("när meddelandet köas i en transaktion som rullas tillbaka så finns inget kvar att skicka", async () => {
    const { forbundId } = await adminOf(t);
    await expect(t.ctx.db.transaction(async (tx) => {
      await t.ctx.mailer.send({ forbundId, to: "aldrig@exempel.se", subject: "Ångrat", text: "x" }, tx);
      throw new Error("ångra");
    })).rejects.toThrow("ångra");
    expect(await rowTo(t, "aldrig@exempel.se")).toBeUndefined();
  });

  it("när flera utskick körs samtidigt så skickas varje meddelande en gång", async () => {
    const { forbundId } = await adminOf(t);
    const to = Array.from({ length: 12 }, (_, i) => `samtidigt-${i}@exempel.se`);
    for (const address of to) await t.ctx.mailer.send({ forbundId, to: address, subject: "Samtidigt", text: "x" });
    const runs = await Promise.all([deliverQueuedMail(t.ctx), deliverQueuedMail(t.ctx), deliverQueuedMail(t.ctx)]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(12);
    const arrived = t.mail.messages.flatMap(recipientsOf).filter((a) => a.startsWith("samtidigt-"));
    expect(arrived.sort()).toEqual([...to].sort());
  });

  it("när SMTP-servern inte går att nå så görs nya försök efter 1, 5, 30 och 120 minuter, sedan ges meddelandet upp med orsaken och kan skickas igen", async () => {
    now = T0;
    const { forbundId, agent } = await adminOf(down);
    await down.ctx.mailer.send({ forbundId, to: "nere@exempel.se", subject: "Nere", text: "x" });
    const waits = [1, 5, 30, 120];
    let at = 0;
    for (const [i, wait] of waits.entries()) {
      now = later(at);
      expect(await deliverQueuedMail(down.ctx)).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const row = await rowTo(down, "nere@exempel.se");
      expect(row).toMatchObject({ state: "queued", attempts: i + 1, nextAttemptAt: later(at + wait) });
      expect(row.lastError).toContain("ECONNREFUSED");
      now = new Date(later(at + wait).getTime() - 1000); // not yet
      expect(await deliverQueuedMail(down.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      at += wait;
    }
    now = later(at);
    expect(await deliverQueuedMail(down.ctx)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = await rowTo(down, "nere@exempel.se");
    expect(failed).toMatchObject({ state: "failed", attempts: 5, nextAttemptAt: null });

    const page = await agent.get(`/utkorg/${failed.id}`);
    expect(page.text).toContain("Kunde inte skickas: SMTP-servern gick inte att nå (connect ECONNREFUSED");
    expect(page.text).toContain("Skicka igen");
    const again = await postForm(agent, `/utkorg/${failed.id}`, `/utkorg/${failed.id}/skicka-igen`, {});
    expect(again.status).toBe(303);
    expect((await agent.get(again.headers.location)).text).toContain("Meddelandet ligger i kön igen");
    expect(await rowTo(down, "nere@exempel.se")).toMatchObject({ state: "queued", attempts: 0, nextAttemptAt: null, lastError: null });
    now = T0;
  });

  it("när SMTP-servern avvisar mottagaren så ges meddelandet upp direkt, och Skicka igen skickar det när adressen fungerar", async () => {
    now = T0;
    const { forbundId, agent } = await adminOf(t);
    t.mail.refuse.add("avvisad@exempel.se");
    await t.ctx.mailer.send({ forbundId, to: "avvisad@exempel.se", subject: "Avvisad", text: "x" });
    expect(await deliverQueuedMail(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const row = await rowTo(t, "avvisad@exempel.se");
    expect(row).toMatchObject({ state: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/^SMTP-servern svarade: 550 Mottagaren finns inte/);
    const list = await agent.get("/utkorg");
    expect(list.text).toMatch(/<strong>Kunde inte skickas: SMTP-servern svarade: 550/);

    t.mail.refuse.delete("avvisad@exempel.se");
    expect((await postForm(agent, `/utkorg/${row.id}`, `/utkorg/${row.id}/skicka-igen`, {})).status).toBe(303);
    expect((await t.lastMailTo("avvisad@exempel.se"))?.subject).toBe("Avvisad");
    expect(await rowTo(t, "avvisad@exempel.se")).toMatchObject({ state: "sent", attempts: 1 });
    const sent = await postForm(agent, `/utkorg/${row.id}`, `/utkorg/${row.id}/skicka-igen`, {});
    expect(sent.status).toBe(409);
  });
});

describe("gallring", () => {
  it("när ett meddelande är klart sedan mer än 30 dagar så raderas innehållet, efter 90 dagar hela meddelandet; köade lämnas", async () => {
    const g = await startTestApp({ clock });
    try {
      now = T0;
      const { forbundId, agent } = await adminOf(g);
      await g.ctx.mailer.send({ forbundId, to: "skickad@exempel.se", subject: "Skickad", text: "hemlig länk" });
      await g.delivered();
      await createMailer({ db: g.ctx.db, clock, from: "x@exempel.se" }).send({ forbundId, to: "osand@exempel.se", subject: "Osänd", text: "hemlig länk" });
      await g.ctx.mailer.send({ forbundId, to: "kvar@exempel.se", subject: "I kö", text: "hemlig länk" });

      now = new Date(T0.getTime() + 29 * 86_400_000);
      expect(await purgeMail(g.ctx)).toEqual({ bodies: 0, rows: 0 });
      now = new Date(T0.getTime() + 31 * 86_400_000);
      expect(await purgeMail(g.ctx)).toEqual({ bodies: 2, rows: 0 });
      expect((await rowTo(g, "skickad@exempel.se")).body).toBeNull();
      expect((await rowTo(g, "osand@exempel.se")).body).toBeNull();
      expect((await rowTo(g, "kvar@exempel.se")).body).toBe("hemlig länk");
      const page = await agent.get(`/utkorg/${(await rowTo(g, "skickad@exempel.se")).id}`);
      expect(page.text).toContain("Innehållet är raderat");
      expect(page.text).not.toContain("Skicka igen");

      now = new Date(T0.getTime() + 91 * 86_400_000);
      expect(await purgeMail(g.ctx)).toEqual({ bodies: 0, rows: 2 });
      expect(await rowTo(g, "skickad@exempel.se")).toBeUndefined();
      expect(await rowTo(g, "kvar@exempel.se")).toBeDefined();
    } finally {
      now = T0;
      await g.close();
    }
  });
});
