/** Factories: each builds what it needs, parents included, through the services (so their rules hold). */
import crypto from "node:crypto";
import type { Ctx } from "../../server/context.js";
import type { ForbundUser, Role } from "../../server/http/types.js";
import * as organisation from "../../server/organisation/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { insertUser } from "../../server/accounts/repo.js";
import { hashPassword } from "../../server/accounts/password.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";
import * as collections from "../../server/collections/service.js";
import * as invitations from "../../server/collections/invitations.js";
import * as answering from "../../server/answering/service.js";
import * as deviations from "../../server/deviations/service.js";
import type { ReportInput } from "../../server/deviations/schema.js";
import * as goals from "../../server/goals/service.js";
import type { GoalInput } from "../../server/goals/schema.js";
import { and, eq, inArray, sql } from "drizzle-orm";
import { collections as collectionsTable, mailOutbox, responses } from "../../models/schema.js";
import type { Definition } from "../../surveys/define.js";

export const PASSWORD = "ett långt testlösenord";

export async function makeForbund(ctx: Ctx, name = `Testförbund ${crypto.randomBytes(3).toString("hex")}`, areaNames = ["Norra", "Södra"]) {
  const { forbund, partyIds } = await organisation.createForbund(ctx, name);
  const areas = [];
  for (const a of areaNames) areas.push(await orgRepo.insertArea(ctx.db, forbund.id, a));
  return { forbund, partyIds, areas };
}

let hash: Promise<string> | undefined;
export async function makeUser(ctx: Ctx, v: { forbundId: string | null; role: Role; email?: string; areaIds?: string[]; mustChangePassword?: boolean }) {
  hash ??= hashPassword(PASSWORD);
  const email = v.email ?? `${v.role}-${crypto.randomBytes(4).toString("hex")}@exempel.se`;
  return insertUser(ctx.db, { forbundId: v.forbundId, email, name: `Test ${v.role}`, role: v.role, passwordHash: await hash, areaIds: v.areaIds, mustChangePassword: v.mustChangePassword });
}

/** A förbund's staff: a koordinator of its first kommunområde, an admin and a läsare, each with an API key. */
export async function makeStaff(ctx: Ctx, f: Awaited<ReturnType<typeof makeForbund>>) {
  const A = f.forbund.id;
  const users = {
    koordinator: await makeUser(ctx, { forbundId: A, role: "koordinator", areaIds: [f.areas[0].id] }),
    admin: await makeUser(ctx, { forbundId: A, role: "admin" }),
    lasare: await makeUser(ctx, { forbundId: A, role: "lasare" }),
  };
  const key = async (id: string) => (await tokens.createToken(ctx, (await accounts.loadCurrentUser(ctx, id))!, "test")).secret;
  const keys = { koordinator: await key(users.koordinator.id), admin: await key(users.admin.id), lasare: await key(users.lasare.id) };
  return { users, keys };
}

export type Forbund = Awaited<ReturnType<typeof makeForbund>>;
export type Staff = Awaited<ReturnType<typeof makeStaff>>;

/** A signed-in view of a förbund's account, as the services take it. */
export async function currentUser(ctx: Ctx, id: string): Promise<ForbundUser> {
  const user = await accounts.loadForbundUser(ctx, id);
  if (!user) throw new Error(`kontot ${id} finns inte i något förbund`);
  return user;
}

/** An admin of the förbund (for the services that take an actor). */
export async function makeAdmin(ctx: Ctx, f: Forbund): Promise<ForbundUser> {
  return currentUser(ctx, (await makeUser(ctx, { forbundId: f.forbund.id, role: "admin" })).id);
}

export const INDIKATOR = "indikator-deltagare-pagaende";

/**
 * An insamling (öppen, no dates: it takes answers today) of the indikator questionnaire in the förbund's
 * first kommunområde, 2026, with a name of its own; `v` changes any of it. A förbund is made when none is given.
 */
export async function makeCollection(ctx: Ctx, f?: Forbund, v: Partial<collections.CreateCollectionInput> = {}): Promise<collections.Collection> {
  const forbund = f ?? await makeForbund(ctx);
  return collections.createCollection(ctx, forbund.forbund.id, {
    questionnaire: INDIKATOR, year: 2026, name: `Insamling ${crypto.randomBytes(3).toString("hex")}`, areaId: forbund.areas[0].id, ...v,
  });
}

/**
 * Invites the addresses to an open insamling through the invitations service (as an admin would, k of them
 * at least), and returns each address's personal token, read from its queued invitation mail (not delivered,
 * so a test that counts delivered mail sees them as the service left them).
 */
export async function makeInvitations(ctx: Ctx, c: collections.Collection, emails: string[]): Promise<Map<string, string>> {
  const admin = await currentUser(ctx, (await makeUser(ctx, { forbundId: c.forbundId, role: "admin" })).id);
  const invited = await invitations.invite(ctx, admin, c.id, emails.join("\n"));
  if (!invited.ok) throw new Error(`inbjudan misslyckades: ${JSON.stringify(invited.errors)}`);
  const rows = await ctx.db.select().from(mailOutbox).where(and(eq(mailOutbox.forbundId, c.forbundId), inArray(mailOutbox.recipient, emails)));
  const tokens = new Map<string, string>();
  for (const r of rows) {
    const token = /\?i=([A-Za-z0-9_-]+)/.exec(r.body ?? "")?.[1];
    if (token) tokens.set(r.recipient, token);
  }
  return tokens;
}

/**
 * Respondents answer through the public form's service (answering.submitPage), page by page, one after the
 * other, so every rule holds: validation, the personal-data guard, the insamling open today, answers through
 * an invitation held until k can go together (`invitation`), and the release of a snapshot when k finished
 * answers wait. Each k that fills is released; fewer than k left at the end wait, as they would in the product
 * (hence `released` and `waiting` in the result). `finished: false` saves each as ej slutförd on its last page.
 */
export async function makeResponses(
  ctx: Ctx, c: collections.Collection, list: Record<string, unknown>[], opts: { finished?: boolean; invitations?: string[] } = {},
): Promise<{ tokens: string[]; released: number; waiting: number }> {
  const finished = opts.finished ?? true;
  const pages = c.definition.sections.length;
  const tokens: string[] = [];
  for (const [i, answers] of list.entries()) {
    const s = answering.newToken();
    const form = { s, key: answering.newToken(), lang: "sv", i: opts.invitations?.[i], visible: undefined };
    for (let n = 1; n <= pages; n++) {
      const action = n === pages && !finished ? "save" : "next";
      const out = await answering.submitPage(ctx, c, n, { ...form, action }, answers);
      const expected = n < pages ? "moved" : finished ? "finished" : "saved";
      if (out.kind !== expected) throw new Error(`svar ${i + 1}, sida ${n}: ${JSON.stringify(out)}`);
    }
    tokens.push(s);
  }
  const [counts] = await ctx.db.select({
    released: sql<number>`count(*) filter (where ${responses.finished} and ${responses.released})::int`,
    waiting: sql<number>`count(*) filter (where ${responses.finished} and not ${responses.released})::int`,
  }).from(responses).where(eq(responses.collectionId, c.id));
  return { tokens, ...counts };
}

/** What a reporter sends about a case in the förbund: Kommun reports about Region in the first kommunområde; `over` changes any of it. */
export function reportInput(f: Forbund, over: Partial<ReportInput> = {}): ReportInput {
  return {
    occurredMonth: "2024-02", areaId: f.areas[0].id, interventionId: null,
    reporter: { partyId: f.partyIds.Kommun, unitId: null, role: "SE-coach", name: null, email: null },
    concerned: [{ partyId: f.partyIds.Region, unitId: null }], description: "Ingen part tog ansvar för kallelsen till SIP-mötet.",
    consequences: ["dubbelarbete"], consequenceOther: null, causes: ["bristande_tillit"], causeOther: null,
    proposal: null, actionTaken: null, severity: "allvarlig", frequency: null, ...over,
  };
}

/**
 * A reported deviation case through the intake service (deviations.report, as the public form sends it):
 * its number, its staff id and the reporter's private follow-up token; staff notices are queued as they would be.
 */
export async function makeDeviation(ctx: Ctx, f: Forbund, over: Partial<ReportInput> = {}, via: "form" | "api" = "form") {
  const r = await deviations.report(ctx, f.forbund.id, reportInput(f, over), via);
  if (!r.ok) throw new Error(`rapporten sparades inte: ${JSON.stringify(r.errors)}`);
  return { ...r, token: r.followUrl.split("/").at(-1)! };
}

/**
 * A goal saved through the goal service (as an admin saves the form): by default a verdict set by hand for
 * 2026; `v` changes any of it, a `rule` instead of a verdict makes it computed.
 */
export async function makeGoal(ctx: Ctx, f: Forbund, v: Partial<GoalInput> = {}, actor?: ForbundUser) {
  const admin = actor ?? await makeAdmin(ctx, f);
  const saved = await goals.saveGoal(ctx, admin, null, {
    year: 2026, text: `Mål ${crypto.randomBytes(3).toString("hex")}`, questionnaire: null, interventionId: null, areaId: null,
    rule: null, verdict: "uppfyllt", comment: "", sortOrder: 0, ...v,
  });
  if (!saved.ok) throw new Error(`målet sparades inte: ${JSON.stringify(saved.errors)}`);
  return saved.goal;
}

/** A förbund (its name made unique) with its staff and their API keys, as the national, aggregate and language tests use it. */
export async function makeForbundWithStaff(ctx: Ctx, name = "Testförbund") {
  const f = await makeForbund(ctx, `${name} ${Math.random().toString(36).slice(2, 7)}`);
  return { ...f, id: f.forbund.id, name: f.forbund.name, ...(await makeStaff(ctx, f)) };
}
export type ForbundWithStaff = Awaited<ReturnType<typeof makeForbundWithStaff>>;

/**
 * Makes questions required in the insamling's own snapshot (the standard indicator survey has none), and
 * drops the cached insamling so that the next page reads the change.
 */
export async function requireQuestions(ctx: Ctx, c: collections.Collection, ids: string[]) {
  const def: Definition = structuredClone(c.definition);
  for (const s of def.sections) for (const q of s.questions) if (ids.includes(q.id)) q.required = true;
  await ctx.db.update(collectionsTable).set({ definition: def }).where(eq(collectionsTable.id, c.id));
  collections.forgetCollection(ctx, c);
}

/** n released indikator answers of a year: q1 positive (5) for `positive` of them, else 1; q2, q3, q5–q7 all 4; q4a nej. */
export async function releasedIndicatorAnswers(ctx: Ctx, f: ForbundWithStaff, year: number, n: number, positive = n) {
  const c = await collections.createCollection(ctx, f.id, { questionnaire: INDIKATOR, year, name: `Insamling ${year}`, areaId: f.areas[0].id, interventionId: null });
  await ctx.db.insert(responses).values(Array.from({ length: n }, (_, i) => ({
    collectionId: c.id, forbundId: f.id, answeredOn: `${year}-04-01`, finished: true, released: true,
    answers: { q1: i < positive ? 5 : 1, q2: 4, q3: 4, q4a: "nej", q5: 4, q6: 4, q7: 4 },
  })));
}
