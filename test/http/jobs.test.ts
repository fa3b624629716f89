/**
 * The scheduled jobs, driven by a test clock through runJob (as the scheduler calls them): what they store,
 * the mail they queue in mail_outbox, the runs they record, and the pages that show them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { and, eq, inArray } from "drizzle-orm";
import { startTestApp, loginAgent, postForm, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as collections from "../../server/collections/service.js";
import * as invitationsService from "../../server/collections/invitations.js";
import * as deviations from "../../server/deviations/service.js";
import * as audit from "../../server/audit/service.js";
import { runJob } from "../../server/jobs/service.js";
import { JOBS } from "../../server/jobs/registry.js";
import { invitations, jobRuns, mailOutbox } from "../../models/schema.js";

let now = new Date("2026-03-02T09:00:00Z");
const at = (iso: string) => { now = new Date(`${iso}T09:00:00Z`); };
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ clock: { now: () => now } }); });
afterAll(async () => { await t?.close(); });

/** The mail queued for these addresses, oldest first. */
const mailTo = async (addresses: string[]) =>
  t.ctx.db.select().from(mailOutbox).where(inArray(mailOutbox.recipient, addresses)).orderBy(mailOutbox.createdAt);
const currentUser = async (id: string) => (await accounts.loadForbundUser(t.ctx, id))!;
const lastRun = async (job: string) => (await t.ctx.db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.startedAt)).at(-1)!;

describe("automatiska påminnelser om enkäter", () => {
  it("när insamlingen ställer in påminnelse efter 7 dagar så går en påminnelse dag 7 till dem som inte har svarat, en gång", async () => {
    at("2026-03-02");
    const f = await makeForbund(t.ctx);
    const koord = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] });
    const c = await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Auto", areaId: f.areas[0].id, closesOn: "2026-06-30" });
    const addresses = ["a@svar.se", "b@svar.se", "c@svar.se", "d@svar.se", "e@svar.se"];
    const invited = await invitationsService.invite(t.ctx, await currentUser(koord.id), c.id, addresses.join("\n"));
    expect(invited).toMatchObject({ ok: true, sent: 5 });
    await t.ctx.db.update(invitations).set({ answered: true }).where(and(eq(invitations.collectionId, c.id), eq(invitations.email, "a@svar.se")));

    const agent = await loginAgent(t.app, koord.email, PASSWORD);
    const page = `/insamlingar/${c.id}`;
    expect((await postForm(agent, page, `${page}/paminnelser/automatiskt`, { autoReminderDays: "7" })).status).toBe(303);
    expect((await agent.get(page)).text).toContain("Påminnelse skickas automatiskt 7 dagar efter inbjudan");

    at("2026-03-08");
    expect((await runJob(t.ctx, "inbjudningspaminnelser")).summary).toBe("Inga påminnelser behövdes");
    expect((await mailTo(addresses)).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(0);

    at("2026-03-09");
    const ran = await runJob(t.ctx, "inbjudningspaminnelser");
    expect(ran).toMatchObject({ outcome: "ok", summary: "4 påminnelser skickade" });
    expect(ran.detail.forbund[f.forbund.id]).toEqual({ paminnelser: 4 });
    const reminders = (await mailTo(addresses)).filter((m) => m.subject.startsWith("Påminnelse"));
    expect(reminders.map((m) => m.recipient).sort()).toEqual(["b@svar.se", "c@svar.se", "d@svar.se", "e@svar.se"]);
    expect(reminders[0].body).toContain(`${collections.publicUrl(t.ctx, c.slug)}?i=`);
    expect(reminders[0].forbundId).toBe(f.forbund.id);
    const stored = await lastRun("inbjudningspaminnelser");
    expect(stored).toMatchObject({ outcome: "ok", summary: "4 påminnelser skickade", error: null });
    expect(stored.finishedAt).not.toBeNull();

    // Later the same day and the days after: each invitation has had its one automatic reminder.
    expect((await runJob(t.ctx, "inbjudningspaminnelser")).detail.forbund[f.forbund.id]).toBeUndefined();
    at("2026-03-20");
    await runJob(t.ctx, "inbjudningspaminnelser");
    expect((await mailTo(addresses)).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(4);
    // The button still works as before.
    expect((await postForm(agent, page, `${page}/paminnelser`, {})).status).toBe(303);
    expect((await mailTo(addresses)).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(8);
  });

  it("när fältet fylls i fel så blir det 422 med det inskrivna kvar, och 0 stänger av påminnelserna", async () => {
    at("2026-03-02");
    const f = await makeForbund(t.ctx);
    const koord = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] });
    const c = await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Fel", areaId: f.areas[0].id });
    const agent = await loginAgent(t.app, koord.email, PASSWORD);
    const page = `/insamlingar/${c.id}`;
    const bad = await postForm(agent, page, `${page}/paminnelser/automatiskt`, { autoReminderDays: "en vecka" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="en vecka"');
    expect(bad.text).toContain("Skriv antalet dagar som ett heltal från 1 till 90");
    expect(bad.text).toContain('href="#autoReminderDays"');
    expect((await postForm(agent, page, `${page}/paminnelser/automatiskt`, { autoReminderDays: "91" })).status).toBe(422);
    expect((await postForm(agent, page, `${page}/paminnelser/automatiskt`, { autoReminderDays: "5" })).status).toBe(303);
    expect((await collections.getCollection(t.ctx, f.forbund.id, c.id)).autoReminderDays).toBe(5);
    expect((await postForm(agent, page, `${page}/paminnelser/automatiskt`, { autoReminderDays: "0" })).status).toBe(303);
    expect((await collections.getCollection(t.ctx, f.forbund.id, c.id)).autoReminderDays).toBeNull();
    expect((await agent.get(page)).text).toContain("Inga automatiska påminnelser.");
  });
});

describe("avvikelser: påminnelser, listan över försenade svar och automatisk gallring", () => {
  let F: Awaited<ReturnType<typeof makeForbund>>;
  let users: { admin: { id: string; email: string }; koord: { id: string; email: string }; koordOther: { id: string; email: string } };
  const contact = "avvikelser@region.exempel.se";
  const makeCase = () => makeDeviation(t.ctx, F, { occurredMonth: "2026-02" });

  beforeAll(async () => {
    at("2026-03-02");
    F = await makeForbund(t.ctx, "Förbund Jobb", ["Eksjö", "Nässjö"]);
    users = {
      admin: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" }),
      koord: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "koordinator", areaIds: [F.areas[0].id] }),
      koordOther: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "koordinator", areaIds: [F.areas[1].id] }),
    };
    await deviations.saveSettings(t.ctx, await currentUser(users.admin.id), F.forbund.id, { answerDays: 60, reminderDays: 7, retentionMonths: 1, partyContacts: { [F.partyIds.Region]: contact } });
  });

  it("när svarstiden närmar sig så påminner jobbet parten en gång, och historiken säger att Samspår gjorde det", async () => {
    at("2026-03-02");
    const c = await makeCase();
    expect((await deviations.requestAnswers(t.ctx, await currentUser(users.koord.id), c.id, [F.partyIds.Region])).ok).toBe(true);
    // Deadline 2026-05-01; the reminder is due from seven days before.
    at("2026-04-23");
    await runJob(t.ctx, "avvikelsepaminnelser");
    expect((await mailTo([contact])).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(0);
    at("2026-04-24");
    const ran = await runJob(t.ctx, "avvikelsepaminnelser");
    expect(ran.summary).toBe("1 påminnelse skickad till parterna");
    expect(ran.detail.forbund[F.forbund.id]).toEqual({ paminnelser: 1 });
    const reminders = (await mailTo([contact])).filter((m) => m.subject.startsWith("Påminnelse"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain(c.caseNumber);
    const detail = await deviations.getCase(t.ctx, await currentUser(users.admin.id), c.id);
    expect(detail.events.find((e) => e.kind === "reminder")).toMatchObject({ actorId: null, actorLabel: "Samspår (automatiskt)" });
    at("2026-04-25");
    await runJob(t.ctx, "avvikelsepaminnelser");
    expect((await mailTo([contact])).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(1);
  });

  it("när effekten av ett avslutat ärende ska följas upp så påminner jobbet admin och områdets koordinator en gång, på dagen och inte före", async () => {
    // A förbund of its own: the closed case must not reach the retention test below.
    at("2026-03-02");
    const G = await makeForbund(t.ctx, "Förbund Effekt", ["Eksjö", "Nässjö"]);
    const mine = {
      admin: await makeUser(t.ctx, { forbundId: G.forbund.id, role: "admin" }),
      koord: await makeUser(t.ctx, { forbundId: G.forbund.id, role: "koordinator", areaIds: [G.areas[0].id] }),
      koordOther: await makeUser(t.ctx, { forbundId: G.forbund.id, role: "koordinator", areaIds: [G.areas[1].id] }),
    };
    const staff = [mine.admin.email, mine.koord.email, mine.koordOther.email];
    const effectMails = async () => (await mailTo(staff)).filter((m) => m.subject.startsWith("Dags att följa upp effekten"));
    await deviations.getSettings(t.ctx, G.forbund.id); // as when its form address was first shown: the jobs go through förbund with settings
    const c = await makeDeviation(t.ctx, G, { occurredMonth: "2026-02", areaId: G.areas[0].id });
    const koord = await currentUser(mine.koord.id);
    expect((await deviations.changeStatus(t.ctx, koord, c.id, { status: "avslutad", note: "Rutin för kallelser", visible: true })).ok).toBe(true);
    // Follow-up three months after closing: 2026-06-02.
    at("2026-06-01");
    await runJob(t.ctx, "effektuppfoljning");
    expect(await effectMails()).toHaveLength(0);
    at("2026-06-02");
    const ran = await runJob(t.ctx, "effektuppfoljning");
    expect(ran.summary).toBe("Påminnelse om 1 ärende skickad");
    const mails = await effectMails();
    expect(mails.map((m) => m.recipient).sort()).toEqual([mine.admin.email, mine.koord.email].sort());
    expect(mails[0].subject).toContain(c.caseNumber);
    expect(mails[0].body).not.toContain("SIP");
    at("2026-06-03");
    await runJob(t.ctx, "effektuppfoljning");
    expect(await effectMails()).toHaveLength(2);
    const detail = await deviations.getCase(t.ctx, await currentUser(mine.admin.id), c.id);
    expect(detail.events.find((e) => e.kind === "effect_reminder")).toMatchObject({ actorId: null, actorLabel: "Samspår (automatiskt)" });
  });

  it("när ett svar är försenat så får admin och områdets koordinator en lista, högst en gång i veckan", async () => {
    const staff = [users.admin.email, users.koord.email, users.koordOther.email];
    const lists = async () => (await mailTo(staff)).filter((m) => m.subject.startsWith("Försenade svar"));
    at("2026-05-01");
    await runJob(t.ctx, "forsenade-svar");
    expect(await lists()).toHaveLength(0); // the deadline day itself is still in time
    at("2026-05-04");
    const ran = await runJob(t.ctx, "forsenade-svar");
    expect(ran.detail.forbund[F.forbund.id]).toEqual({ forsenade: 1, mottagare: 2 });
    expect(ran.summary).toBe("Lista över 1 försenat svar skickad till 2 mottagare");
    const sent = await lists();
    expect(sent.map((m) => m.recipient).sort()).toEqual([users.admin.email, users.koord.email].sort());
    expect(sent[0].body).toMatch(/AV-2026-\d+ – Region, svar senast 2026-05-01/);
    expect(sent[0].body).not.toContain("SIP-mötet");
    at("2026-05-10");
    await runJob(t.ctx, "forsenade-svar");
    expect(await lists()).toHaveLength(2);
    at("2026-05-11");
    await runJob(t.ctx, "forsenade-svar");
    expect(await lists()).toHaveLength(4);
  });

  it("när admin har godkänt provkörningen så gallras ärenden varje natt med en rad i loggen; en ny gallringsfrist tar tillbaka godkännandet", async () => {
    at("2026-03-02");
    const admin = await currentUser(users.admin.id);
    const c = await makeCase();
    expect((await deviations.changeStatus(t.ctx, admin, c.id, { status: "avslutad", note: "Beslut", visible: false })).ok).toBe(true);
    at("2026-04-03");
    // Not accepted: nothing happens, and the run says how many wait.
    const before = await runJob(t.ctx, "avvikelsegallring");
    expect(before.detail.forbund[F.forbund.id]).toEqual({ ejGodkand: 1, vantar: 1 });
    expect((await deviations.getCase(t.ctx, admin, c.id)).anonymisedOn).toBeNull();

    const agent = await loginAgent(t.app, users.admin.email, PASSWORD);
    const settings = await agent.get("/avvikelser/installningar");
    expect(settings.text).toContain("Inte godkänd");
    expect(settings.text).toContain(c.caseNumber);
    expect((await postForm(agent, "/avvikelser/installningar", "/avvikelser/gallring/godkann", {})).status).toBe(303);
    expect((await agent.get("/avvikelser/installningar")).text).toContain("Godkänd av Test admin");

    const ran = await runJob(t.ctx, "avvikelsegallring");
    expect(ran.detail.forbund[F.forbund.id]).toEqual({ gallrade: 1 });
    expect((await deviations.getCase(t.ctx, admin, c.id)).anonymisedOn).toBe("2026-04-03");
    const log = (await audit.list(t.ctx, F.forbund.id)).filter((e) => e.action === "deviations.anonymised");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: null, detail: { count: 1, automatic: true, retentionMonths: 1, acceptedBy: "Test admin" } });
    expect((await audit.list(t.ctx, F.forbund.id)).some((e) => e.action === "deviations.retention_accepted")).toBe(true);

    // Another retention period: the acceptance no longer holds.
    await deviations.saveSettings(t.ctx, admin, F.forbund.id, { answerDays: 60, reminderDays: 7, retentionMonths: 2, partyContacts: { [F.partyIds.Region]: contact } });
    at("2026-03-02");
    const d = await makeCase();
    await deviations.changeStatus(t.ctx, admin, d.id, { status: "avslutad", note: "Beslut", visible: false });
    at("2026-05-05");
    expect((await runJob(t.ctx, "avvikelsegallring")).detail.forbund[F.forbund.id]).toEqual({ ejGodkand: 1, vantar: 1 });
    expect((await deviations.getCase(t.ctx, admin, d.id)).anonymisedOn).toBeNull();
    expect((await agent.get("/avvikelser/installningar")).text).toContain("men gallringsfristen är nu 2 månader");
  });
});

describe("jobbens sidor", () => {
  it("när superadmin öppnar /plattform/jobb så syns varje jobb med schema, senaste körning och de 20 senaste körningarna; andra nekas", async () => {
    at("2026-03-02");
    const su = await makeUser(t.ctx, { forbundId: null, role: "superadmin" });
    await runJob(t.ctx, "utkorg");
    const res = await (await loginAgent(t.app, su.email, PASSWORD)).get("/plattform/jobb");
    expect(res.status).toBe(200);
    for (const job of JOBS) expect(res.text).toContain(job.label);
    expect(res.text).toContain("De 20 senaste körningarna");
    expect(res.text).toContain("Inget att gallra");
    expect(res.text).toContain("<code>30 2 * * *</code>");
    const f = await makeForbund(t.ctx);
    const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
    expect((await (await loginAgent(t.app, admin.email, PASSWORD)).get("/plattform/jobb")).status).toBe(403);
  });

  it("när en förbundsadmin öppnar /jobb så syns vad jobben gjorde för just det förbundet", async () => {
    at("2026-03-02");
    const [f, g] = [await makeForbund(t.ctx), await makeForbund(t.ctx)];
    const admins = [await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" }), await makeUser(t.ctx, { forbundId: g.forbund.id, role: "admin" })];
    const koord = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "koordinator", areaIds: [f.areas[0].id] });
    const c = await collections.createCollection(t.ctx, f.forbund.id, { questionnaire: "indikator-deltagare-pagaende", year: 2026, name: "Stängd", areaId: f.areas[0].id, status: "oppen" });
    await invitationsService.invite(t.ctx, await currentUser(koord.id), c.id, "x1@svar.se x2@svar.se x3@svar.se x4@svar.se x5@svar.se");
    await collections.changeStatus(t.ctx, await currentUser(koord.id), c.id, "stangd");
    at("2026-04-15");
    const ran = await runJob(t.ctx, "inbjudningsadresser");
    expect(ran.detail.forbund).toEqual({ [f.forbund.id]: { adresser: 5 } });

    const mine = await (await loginAgent(t.app, admins[0].email, PASSWORD)).get("/jobb");
    expect(mine.status).toBe(200);
    expect(mine.text).toContain("2026-04-15 11:00: 5 inbjudningsadresser raderade");
    expect(mine.text).toContain("Gäller hela plattformen");
    const theirs = await (await loginAgent(t.app, admins[1].email, PASSWORD)).get("/jobb");
    expect(theirs.text).not.toContain("inbjudningsadresser raderade");
    expect(theirs.text).toContain("Har inte gjort något för förbundet än");
    expect((await (await loginAgent(t.app, koord.email, PASSWORD)).get("/jobb")).status).toBe(403);
    expect((await request(t.app).get("/jobb")).status).toBe(303);
  });
});

