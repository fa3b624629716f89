/**
 * Invitations: personal links by e-mail, still anonymous. Only sha256 of a token is stored, and an
 * invitation knows only "answered or not" — never which response, nor when. Pages show counts only.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { conflict, refused, type Done } from "../result.js";
import { tr } from "../../surveys/define.js";
import { forgetCollection, getCollection, getManaged, isOpen, publicUrl, type Collection } from "./service.js";
import { MAX_INVITATIONS, parseAddresses } from "./schema.js";
import * as organisation from "../organisation/service.js";
import * as held from "../answering/held.js";
import { effectiveK } from "../results/threshold.js";
import * as repo from "./repo.js";
import { transactional } from "../unit-of-work.js";
import { autoReminderDue } from "./reminders.pure.js";
import { randomToken, sha256Hex } from "../crypto.js";
import { renderMail } from "../mail.js";
import { addDays, swedishDate } from "../dates.js";

/** Days after closing when addresses are deleted, unless the insamling says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;

export const hashToken = sha256Hex;
const newToken = () => randomToken();

/** The invitation with this token (first link or reminder) in this insamling, if any. */
export async function findInvitation(ctx: Ctx, collectionId: string, token: string): Promise<{ id: string; answered: boolean } | undefined> {
  if (!token) return undefined;
  const row = await repo.findInvitationByHash(ctx.db, collectionId, hashToken(token));
  return row && { id: row.id, answered: row.answered };
}

/**
 * `answered`: invitations marked answered (released); `waiting`: answers through invitations held until k
 * can be released together, not yet in `answered`; `k`: the förbund's reporting threshold.
 */
export type InvitationCounts = { invited: number; answered: number; notAnswered: number; withAddress: number; waiting: number; k: number };

/** How many were invited and how many have answered: counts only, never who. */
export async function counts(ctx: Ctx, collectionId: string): Promise<InvitationCounts> {
  const r = await repo.invitationCounts(ctx.db, collectionId);
  const invited = Number(r?.invited ?? 0), answered = Number(r?.answered ?? 0);
  const waiting = (await held.waitingCounts(ctx, [collectionId])).get(collectionId) ?? 0;
  const c = await repo.findCollectionById(ctx.db, collectionId);
  const k = c ? effectiveK((await organisation.getOrganisation(ctx, c.forbundId)).reportingThreshold) : 5;
  return { invited, answered, notAnswered: invited - answered, withAddress: Number(r?.withAddress ?? 0), waiting, k };
}

const personalLink = (ctx: Ctx, c: Collection, token: string) => `${publicUrl(ctx, c.slug)}?i=${token}`;

/** The invitation or reminder (views/emails/survey-*.ejs), signed by `sender`. */
function invitationMail(c: Collection, sender: string, link: string, reminder: boolean) {
  return renderMail(reminder ? "survey-reminder" : "survey-invitation", { title: tr(c.definition.title, "sv"), sender, link, closesOn: c.closesOn });
}

const notOpenMessage = "Insamlingen är inte öppen för svar just nu. Öppna den (och kontrollera datumen) innan du skickar inbjudningar eller påminnelser.";

/** Refused as a conflict while the insamling is not open; else refused for the addresses. */
export type Invited = Done<{ sent: number; skipped: number; failed: number }>;

/**
 * Invites the pasted addresses: each gets its own link by mail. All or nothing on bad input: an invalid
 * address sends nothing. Addresses already invited (any case) and repeats are left out.
 */
export const invite = transactional(async function invite(ctx: Ctx, user: ForbundUser, id: string, pasted: string): Promise<Invited> {
  const c = await getManaged(ctx, user, id);
  const today = swedishDate(ctx.clock.now());
  if (!isOpen(c, today)) return conflict({ _form: notOpenMessage });
  const { valid, invalid } = parseAddresses(pasted);
  if (invalid.length) {
    const shown = invalid.slice(0, 20).join(", ") + (invalid.length > 20 ? ` och ${invalid.length - 20} till` : "");
    return refused({ emails: `${invalid.length === 1 ? "Den här adressen är" : "De här adresserna är"} inte giltiga: ${shown}. Rätta eller ta bort ${invalid.length === 1 ? "den" : "dem"} och skicka igen.` });
  }
  if (!valid.length) return refused({ emails: "Skriv minst en e-postadress." });
  const already = new Set((await repo.invitedAddresses(ctx.db, c.id)).map((e) => e.toLowerCase()));
  const fresh = valid.filter((e) => !already.has(e));
  if (fresh.length > MAX_INVITATIONS) return refused({ emails: `Skicka högst ${MAX_INVITATIONS} inbjudningar åt gången.` });
  // Fewer than k invitations in all could tie the answers that come through them to fewer than k people,
  // whatever the database hides (answering/held.ts): the first round must reach k.
  const k = effectiveK((await organisation.getOrganisation(ctx, c.forbundId)).reportingThreshold);
  const invited = Number((await repo.invitationCounts(ctx.db, c.id))?.invited ?? 0);
  if (fresh.length && invited + fresh.length < k) {
    return refused({ emails: `Bjud in minst ${k} personer. Med färre inbjudna skulle svaren kunna kopplas till just dem. Dela annars enkätens länk eller QR-kod, som inte är personlig.` });
  }
  const sender = user.forbundName ?? "Samordningsförbundet";
  // The invitations and their mail rows commit together (a unit of work): the outbox worker sends them.
  for (const email of fresh) {
    const token = newToken();
    await repo.insertInvitation(ctx.db, { collectionId: c.id, forbundId: c.forbundId, email, tokenHash: hashToken(token), sentOn: today });
    await ctx.mailer.send({ forbundId: c.forbundId, to: email, ...invitationMail(c, sender, personalLink(ctx, c, token), false) }, ctx.db);
  }
  // `failed` stays in the answer for the API's callers: mail is queued, never lost in the request.
  return { ok: true, sent: fresh.length, skipped: valid.length - fresh.length, failed: 0 };
});

/** Refused (a conflict) only while the insamling is not open. */
export type Reminded = Done<{ sent: number; failed: number }>;

/** Reminds those who have not answered and were not reminded today, each with a new personal link (the first one keeps working). */
export const remind = transactional(async function remind(ctx: Ctx, user: ForbundUser, id: string): Promise<Reminded> {
  const c = await getManaged(ctx, user, id);
  const today = swedishDate(ctx.clock.now());
  if (!isOpen(c, today)) return conflict({ _form: notOpenMessage });
  const sender = user.forbundName ?? "Samordningsförbundet";
  let sent = 0;
  for (const inv of await repo.toRemind(ctx.db, c.id, today)) {
    const token = newToken();
    await ctx.mailer.send({ forbundId: c.forbundId, to: inv.email!, ...invitationMail(c, sender, personalLink(ctx, c, token), true) }, ctx.db);
    await repo.setReminded(ctx.db, inv.id, hashToken(token), today);
    sent++;
  }
  return { ok: true, sent, failed: 0 };
});

/** Deletes the insamling's address list; counts and the links already sent keep working. */
export async function deleteAddresses(ctx: Ctx, user: ForbundUser, id: string): Promise<number> {
  const c = await getManaged(ctx, user, id);
  return repo.clearAddresses(ctx.db, [c.id]);
}


/**
 * The day an insamling stopped taking answers, or null while it may still take them: the day it was
 * closed by hand, or the day after its close date.
 */
export function closedSince(c: { status: string; closedOn: string | null; closesOn: string | null }, today: string): string | null {
  if (c.status === "stangd") return c.closedOn ?? (c.closesOn ? addDays(c.closesOn, 1) : today);
  if (c.status === "oppen" && c.closesOn && c.closesOn < today) return addDays(c.closesOn, 1);
  return null;
}

type Retained = { status: string; closedOn: string | null; closesOn: string | null; invitationRetentionDays: number | null };

/**
 * The day the hourly purge deletes an insamling's addresses (the first day on which it has been closed
 * more than N days), or null while nothing decides it (a draft, or open without a close date).
 * `planned`: the close date has not come yet, and closing earlier moves the day.
 */
export function addressDeletion(c: Retained, today: string): { on: string; planned: boolean } | null {
  const days = c.invitationRetentionDays ?? DEFAULT_RETENTION_DAYS;
  const since = closedSince(c, today);
  if (since) return { on: addDays(since, days + 1), planned: false };
  if (c.status === "oppen" && c.closesOn) return { on: addDays(c.closesOn, days + 2), planned: true };
  return null;
}

/** Whether an insamling's addresses are due for deletion today: closed more than N days ago. */
export function addressesExpired(c: Retained, today: string): boolean {
  const d = addressDeletion(c, today);
  return !!d && !d.planned && d.on <= today;
}

/**
 * Deletes the invitation addresses of every insamling (all förbund) closed more than N days ago
 * (N = the insamling's invitationRetentionDays, or 30). Meant to run hourly; returns how many addresses went.
 */
export async function purgeInvitationAddresses(ctx: Ctx): Promise<number> {
  return Object.values(await purgeInvitationAddressesByForbund(ctx)).reduce((a, b) => a + b, 0);
}

/** purgeInvitationAddresses with the count per förbund (only förbund whose addresses went): the scheduled job's detail. */
export async function purgeInvitationAddressesByForbund(ctx: Ctx): Promise<Record<string, number>> {
  const today = swedishDate(ctx.clock.now());
  const due = (await repo.collectionsWithAddresses(ctx.db)).filter((c) => addressesExpired(c, today));
  const removed: Record<string, number> = {};
  for (const forbundId of new Set(due.map((c) => c.forbundId))) {
    const n = await repo.clearAddresses(ctx.db, due.filter((c) => c.forbundId === forbundId).map((c) => c.id));
    if (n) removed[forbundId] = n;
  }
  return removed;
}

// ——— Automatic reminders (the scheduled job in server/jobs/) ———

/** Sets the days after an invitation when its one automatic reminder goes out; null turns them off. */
export async function setAutoReminder(ctx: Ctx, user: ForbundUser, id: string, days: number | null): Promise<Collection> {
  const c = await getManaged(ctx, user, id);
  await repo.updateCollection(ctx.db, c.id, { autoReminderDays: days });
  forgetCollection(ctx, c);
  return { ...c, autoReminderDays: days };
}

/** Every förbund with an open insamling that sends automatic reminders. */
export const forbundWithAutoReminders = (ctx: Ctx) => repo.forbundWithAutoReminders(ctx.db);

/**
 * Sends the automatic reminders due today in the förbund's open insamlingar (autoReminderDue), with the
 * button's message and a new personal link each; returns how many were queued.
 */
export const sendAutomaticReminders = transactional(async function sendAutomaticReminders(ctx: Ctx, forbundId: string): Promise<number> {
  const today = swedishDate(ctx.clock.now());
  const sender = (await organisation.getForbund(ctx, forbundId))?.name ?? "Samordningsförbundet";
  let sent = 0;
  for (const row of await repo.collectionsWithAutoReminders(ctx.db, forbundId)) {
    const c = await getCollection(ctx, forbundId, row.id);
    if (!isOpen(c, today) || !c.autoReminderDays) continue;
    for (const inv of (await repo.unansweredWithAddress(ctx.db, c.id)).filter((i) => autoReminderDue(i, today, c.autoReminderDays!))) {
      const token = newToken();
      await ctx.mailer.send({ forbundId, to: inv.email!, ...invitationMail(c, sender, personalLink(ctx, c, token), true) }, ctx.db);
      await repo.setReminded(ctx.db, inv.id, hashToken(token), today);
      sent++;
    }
  }
  return sent;
});
