/**
 * A unit of work (server/unit-of-work.ts): a change, its history and audit rows and the mail it causes
 * commit together or not at all. Each test makes one step in the middle fail and reads the tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeDeviation, makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as deviations from "../../server/deviations/service.js";
import type { Ctx } from "../../server/context.js";

let t: TestApp;
let F: Awaited<ReturnType<typeof makeForbund>>;
let admin: NonNullable<Awaited<ReturnType<typeof accounts.loadForbundUser>>>;

beforeAll(async () => {
  t = await startTestApp({ smtp: false });
  F = await makeForbund(t.ctx, "Förbund Arbetsenhet");
  admin = (await accounts.loadForbundUser(t.ctx, (await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" })).id))!;
  await deviations.saveSettings(t.ctx, admin, F.forbund.id, {
    answerDays: 60, reminderDays: 7, retentionMonths: 36, partyContacts: { [F.partyIds.Region]: "avvikelser@region.exempel.se" },
  });
});
afterAll(async () => { await t?.close(); });

const count = async (query: ReturnType<typeof sql>) => Number(((await t.ctx.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n);


describe("en ändring och det den orsakar hör ihop", () => {
  it("när historikraden inte går att skriva så finns varken begäran om svar eller dess e-post kvar, och ärendet är oförändrat", async () => {
    const r = await makeDeviation(t.ctx, F);
    const mailBefore = await count(sql`select count(*)::int as n from mail_outbox where recipient = 'avvikelser@region.exempel.se'`);
    // The status event is the last thing requestAnswers writes, after the request, its event and its mail.
    await t.ctx.db.execute(sql.raw(`create function fail_status_event() returns trigger language plpgsql as $$
      begin if new.kind = 'status' then raise exception 'historiken kunde inte skrivas'; end if; return new; end $$`));
    await t.ctx.db.execute(sql.raw("create trigger fail_status_event before insert on deviation_events for each row execute function fail_status_event()"));
    try {
      await expect(deviations.requestAnswers(t.ctx, admin, r.id, [F.partyIds.Region])).rejects.toThrow();
    } finally {
      await t.ctx.db.execute(sql.raw("drop trigger fail_status_event on deviation_events"));
      await t.ctx.db.execute(sql.raw("drop function fail_status_event()"));
    }
    expect(await count(sql`select count(*)::int as n from deviation_party_requests where deviation_id = ${r.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from deviation_events where deviation_id = ${r.id} and kind <> 'reported'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from mail_outbox where recipient = 'avvikelser@region.exempel.se'`)).toBe(mailBefore);
    expect((await deviations.getCase(t.ctx, admin, r.id)).status).toBe("ny");

    // And without the fault the same call does all of it.
    expect((await deviations.requestAnswers(t.ctx, admin, r.id, [F.partyIds.Region])).ok).toBe(true);
    expect(await count(sql`select count(*)::int as n from deviation_party_requests where deviation_id = ${r.id}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from mail_outbox where recipient = 'avvikelser@region.exempel.se'`)).toBe(mailBefore + 1);
  });

  it("när inbjudans e-post inte går att lägga i utkorgen så finns varken kontot eller raden i granskningsloggen", async () => {
    const failing: Ctx = { ...t.ctx, mailer: { send: async () => { throw new Error("utkorgen kunde inte skrivas"); } } };
    await expect(accounts.inviteUser(failing, admin, F.forbund.id, { email: "ny.person@kommun.exempel.se", name: "Ny Person", role: "lasare", areaIds: [] })).rejects.toThrow();
    expect(await count(sql`select count(*)::int as n from users where email = 'ny.person@kommun.exempel.se'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'user.invited'`)).toBe(0);
  });
});
