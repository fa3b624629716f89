/**
 * Avvikelser i samverkan (Lex Heller): the public report, case handling with answers from the
 * parties, feedback to the reporter through a private link, and the year's analysis.
 *
 * What leaves the server by mail is only ever a case number and a link: the case text stays behind
 * a login (staff), a private follow-up link (the reporter) or a per-party answer link.
 */
import crypto from "node:crypto";
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import type { FieldErrors } from "../http/forms.js";
import type { Message } from "../mail.js";
import { NotFoundError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as accounts from "../accounts/service.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import { defaultCodeRows, OTHER } from "./codes.js";
import {
  answerDeadline, caseNumber, closedStatuses, defaultEffectFollowUp, effectDateAllowed, isOverdue, onMeetingList,
  liftLabels, reminderDue, retentionDue, statusChangeProblem, statusLabels, swedishDate, type LiftTarget, type Status,
  overdueListDue, retentionAccepted, OVERDUE_LIST_DAYS,
} from "./cases.pure.js";
import { analyse, type Analysis, type AnalysisCase } from "./analysis.pure.js";
import type { ReportInput } from "./schema.js";
import { transactional } from "../unit-of-work.js";

export type Organisation = organisation.Organisation;
export type Code = { code: string; label: string };
export type Codes = { causes: Code[]; consequences: Code[] };
export type Settings = repo.SettingsRow;

const secret = () => crypto.randomBytes(32).toString("base64url");
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
const today = (ctx: Ctx) => swedishDate(ctx.clock.now());

export { liftLabels, statusLabels };

// ——— Links ———

export const publicFormUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/a/${slug}`;
export const publicSummariesUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/a/${slug}/besvarade`;
const followUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/uppfoljning/${token}`;
const answerUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/svar/${token}`;
const staffUrl = (ctx: Ctx, id: string) => `${ctx.config.baseUrl}/avvikelser/${id}`;

// ——— Settings and codes, created the first time a förbund needs them ———

// 12 characters from a 31-letter alphabet without look-alikes: about 59 bits, short enough for a poster.
const SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const newSlug = () => Array.from({ length: 12 }, () => SLUG_ALPHABET[crypto.randomInt(SLUG_ALPHABET.length)]).join("");

/** The förbund's deviation settings; created with defaults and a random public address on first use. */
export async function getSettings(ctx: Ctx, forbundId: string): Promise<Settings> {
  const found = await repo.findSettings(ctx.db, forbundId);
  if (found) return found;
  await repo.insertSettings(ctx.db, forbundId, newSlug());
  return (await repo.findSettings(ctx.db, forbundId))!;
}

export type SettingsInput = { answerDays: number; reminderDays: number; retentionMonths: number; partyContacts: Record<string, string> };

/** Saves the settings; party contacts must name the förbund's own parties. */
export const saveSettings = transactional(async function saveSettings(ctx: Ctx, actor: CurrentUser, forbundId: string, v: SettingsInput) {
  await getSettings(ctx, forbundId);
  const org = await organisation.getOrganisation(ctx, forbundId);
  const partyIds = new Set(org.parties.map((p) => p.id));
  const partyContacts = Object.fromEntries(Object.entries(v.partyContacts).filter(([id, email]) => partyIds.has(id) && email));
  await repo.updateSettings(ctx.db, forbundId, { answerDays: v.answerDays, reminderDays: v.reminderDays, retentionMonths: v.retentionMonths, partyContacts });
  await audit.record(ctx, { ...actor, forbundId }, "deviations.settings_changed", {
    answerDays: v.answerDays, reminderDays: v.reminderDays, retentionMonths: v.retentionMonths, contacts: Object.keys(partyContacts).length,
  });
});

/** The förbund whose public report address this is, with its settings. */
export async function findByPublicSlug(ctx: Ctx, slug: string) {
  const settings = await repo.findSettingsBySlug(ctx.db, slug);
  if (!settings) return undefined;
  const f = await organisation.getForbund(ctx, settings.forbundId);
  return f ? { settings, forbundName: f.name } : undefined;
}

/** The förbund's causes and consequences, seeded from Bilaga 6 on first use. */
export async function getCodes(ctx: Ctx, forbundId: string): Promise<Codes> {
  let rows = await repo.listCodes(ctx.db, forbundId);
  if (!rows.length) {
    await repo.insertCodes(ctx.db, defaultCodeRows(forbundId));
    rows = await repo.listCodes(ctx.db, forbundId);
  }
  const pick = (kind: "cause" | "consequence") => {
    const list = rows.filter((r) => r.kind === kind && r.active).map((r) => ({ code: r.code, label: r.label }));
    // "Annat" always last, whatever its sort order.
    return [...list.filter((c) => c.code !== OTHER), ...list.filter((c) => c.code === OTHER)];
  };
  return { causes: pick("cause"), consequences: pick("consequence") };
}

/** What the report form offers: the förbund's organisation and its codes. */
export async function formOptions(ctx: Ctx, forbundId: string) {
  const [org, codes] = await Promise.all([organisation.getOrganisation(ctx, forbundId), getCodes(ctx, forbundId)]);
  return { org, codes };
}

// ——— Reporting ———

/** Problems with ids and codes that only the database can see, keyed like the API's fields. */
export function checkAgainstOrganisation(input: ReportInput, org: Organisation, codes: Codes): FieldErrors {
  const errors: FieldErrors = {};
  const party = (id: string) => org.parties.find((p) => p.id === id);
  const unitOf = (partyId: string, unitId: string | null) => unitId === null || !!party(partyId)?.units.some((u) => u.id === unitId);
  if (!org.areas.some((a) => a.id === input.areaId)) errors.areaId = "Kommunområdet finns inte i förbundet.";
  if (input.interventionId && !org.interventions.some((i) => i.id === input.interventionId)) errors.interventionId = "Insatsen finns inte i förbundet.";
  if (!party(input.reporter.partyId)) errors["reporter.partyId"] = "Parten finns inte i förbundet.";
  else if (!unitOf(input.reporter.partyId, input.reporter.unitId)) errors["reporter.unitId"] = "Enheten hör inte till den valda parten.";
  input.concerned.forEach((c, i) => {
    if (!party(c.partyId)) errors[`concerned.${i}.partyId`] ??= "Parten finns inte i förbundet.";
    else if (!unitOf(c.partyId, c.unitId)) errors[`concerned.${i}.unitId`] ??= "Enheten hör inte till parten.";
  });
  const unknown = (chosen: string[], list: Code[]) => chosen.filter((c) => !list.some((x) => x.code === c));
  if (unknown(input.consequences, codes.consequences).length) errors.consequences = `Okänd konsekvens: ${unknown(input.consequences, codes.consequences).join(", ")}.`;
  if (unknown(input.causes, codes.causes).length) errors.causes = `Okänd orsak: ${unknown(input.causes, codes.causes).join(", ")}.`;
  return errors;
}

export type Reported = { ok: true; id: string; caseNumber: string; followUrl: string; mailed: boolean } | { ok: false; errors: FieldErrors };

/**
 * Registers a report: the next case number of the förbund and year, a private follow-up link
 * (shown once, and mailed when the reporter gave an address), and a notice to the kommunområde's
 * koordinatorer and the förbund's admins that carries only the case number and a staff link.
 */
export const report = transactional(async function report(ctx: Ctx, forbundId: string, input: ReportInput, via: "form" | "api"): Promise<Reported> {
  const { org, codes } = await formOptions(ctx, forbundId);
  const errors = checkAgainstOrganisation(input, org, codes);
  if (Object.keys(errors).length) return { ok: false, errors };
  const date = today(ctx);
  const token = secret();
  const values: repo.NewDeviation = {
    forbundId, year: Number(date.slice(0, 4)), occurredMonth: input.occurredMonth, areaId: input.areaId, interventionId: input.interventionId,
    reporterPartyId: input.reporter.partyId, reporterUnitId: input.reporter.unitId, reporterRole: input.reporter.role,
    reporterName: input.reporter.name, reporterEmail: input.reporter.email,
    description: input.description, consequences: input.consequences, consequenceOther: input.consequenceOther,
    causes: input.causes, causeOther: input.causeOther, proposal: input.proposal, actionTaken: input.actionTaken,
    severity: input.severity, frequency: input.frequency, status: "ny", followTokenHash: sha256(token), reportedOn: date,
    createdAt: ctx.clock.now(),
  };
  const event = { at: ctx.clock.now(), actorId: null, actorLabel: via === "api" ? "Rapportören (via API)" : "Rapportören", kind: "reported", visibleToReporter: true };
  let row: repo.DeviationRow | undefined;
  // Two reports at the same moment may compute the same number; the unique index refuses one, which tries again.
  for (let attempt = 0; !row; attempt++) {
    try {
      row = await repo.insertDeviation(ctx.db, values, input.concerned, event, caseNumber);
    } catch (err) {
      if (!repo.isUniqueViolation(err) || attempt >= 9) throw err;
    }
  }
  const url = followUrl(ctx, token);
  await notifyStaff(ctx, forbundId, row, `En ny avvikelse i samverkan har kommit in: ${row.caseNumber}.`);
  const mailed = !!input.reporter.email;
  if (input.reporter.email) {
    await send(ctx, {
      forbundId,
      to: input.reporter.email,
      subject: `Din rapport om avvikelse i samverkan: ${row.caseNumber}`,
      text: `Tack för att du rapporterade en avvikelse i samverkan. Ärendet har nummer ${row.caseNumber}.\n\n` +
        `Följ ärendet, se svaren och lägg till information här (länken är personlig – dela den inte):\n${url}\n\n– Samspår`,
    });
  }
  return { ok: true, id: row.id, caseNumber: row.caseNumber, followUrl: url, mailed };
});

/**
 * Queues one message in the outbox, in the caller's unit of work: it is sent (by the outbox worker) only
 * if the change that causes it commits, and a failure to write it undoes the change.
 */
const send = (ctx: Ctx, msg: Message) => ctx.mailer.send(msg, ctx.db);

/** Tells the kommunområde's koordinatorer and the förbund's admins about a case: its number and a link, nothing more. */
async function notifyStaff(ctx: Ctx, forbundId: string, c: Pick<repo.DeviationRow, "id" | "caseNumber" | "areaId">, intro: string) {
  const users = await accounts.listUsers(ctx, forbundId);
  const to = users.filter((u) => u.active && (atLeast(u.role, "admin") || (u.role === "koordinator" && !!c.areaId && u.areaIds.includes(c.areaId))));
  for (const u of to) {
    await send(ctx, {
      forbundId,
      to: u.email,
      subject: `Avvikelse i samverkan ${c.caseNumber}`,
      text: `${intro}\n\nLogga in i Samspår för att läsa och hantera ärendet:\n${staffUrl(ctx, c.id)}\n\n– Samspår`,
    });
  }
}

// ——— Staff: scope ———

/** The kommunområden a user handles cases in: null for all (admin), the user's own for a koordinator. */
export const scopeOf = (user: CurrentUser): string[] | null => (atLeast(user.role, "admin") ? null : user.role === "koordinator" ? user.areaIds : []);

/** A koordinator handles the cases of their kommunområden; an admin all of the förbund's. */
export function mayHandle(user: CurrentUser, c: Pick<repo.DeviationRow, "areaId">): boolean {
  const scope = scopeOf(user);
  return scope === null || (!!c.areaId && scope.includes(c.areaId));
}

/**
 * The case if the user may handle it. Another förbund's case and another kommunområde's case are
 * both simply not found: a case number is not shown to those who may not read the case.
 */
async function caseInScope(ctx: Ctx, user: CurrentUser, id: string): Promise<repo.DeviationRow> {
  const row = await repo.findDeviation(ctx.db, user.forbundId!, id);
  if (!row || !mayHandle(user, row)) throw new NotFoundError("Ärendet finns inte.");
  return row;
}

// ——— Staff: reading ———

export type Names = ReturnType<typeof namesOf>;
/** Look-ups from ids to names in the förbund's organisation. */
export function namesOf(org: Organisation) {
  const units = new Map(org.parties.flatMap((p) => p.units.map((u) => [u.id, u.name] as const)));
  const parties = new Map(org.parties.map((p) => [p.id, p.name]));
  const areas = new Map(org.areas.map((a) => [a.id, a.name]));
  const interventions = new Map(org.interventions.map((i) => [i.id, i.name]));
  return {
    area: (id: string | null) => (id ? areas.get(id) ?? null : null),
    party: (id: string | null) => (id ? parties.get(id) ?? null : null),
    unit: (id: string | null) => (id ? units.get(id) ?? null : null),
    intervention: (id: string | null) => (id ? interventions.get(id) ?? null : null),
  };
}

export type CaseSummary = repo.DeviationRow & {
  areaName: string | null; concerned: { partyId: string; partyName: string; unitId: string | null; unitName: string | null }[];
  overdue: boolean; openRequests: number; effectDue: boolean;
};

function summarise(rows: repo.DeviationRow[], concerned: repo.ConcernedRow[], requests: repo.RequestRow[], names: Names, date: string): CaseSummary[] {
  return rows.map((r) => {
    const mine = requests.filter((q) => q.deviationId === r.id);
    return {
      ...r,
      areaName: names.area(r.areaId),
      concerned: concerned.filter((c) => c.deviationId === r.id)
        .map((c) => ({ partyId: c.partyId, partyName: names.party(c.partyId) ?? "", unitId: c.unitId, unitName: names.unit(c.unitId) })),
      overdue: !closedStatuses.includes(r.status) && mine.some((q) => isOverdue(q, date)),
      openRequests: mine.filter((q) => q.answeredOn === null).length,
      effectDue: r.status === "avslutad" && !!r.effectFollowUpOn && r.effectFollowUpOn <= date && r.effectWorked === null,
    };
  });
}

/** The cases a user may handle, with names and flags for the list. */
export async function listCases(ctx: Ctx, user: CurrentUser, f: { year?: number | null; status?: Status | null } = {}): Promise<CaseSummary[]> {
  const forbundId = user.forbundId!;
  const rows = await repo.listDeviations(ctx.db, forbundId, { ...f, areaIds: scopeOf(user) });
  const ids = rows.map((r) => r.id);
  const [concerned, requests, org] = await Promise.all([repo.listConcerned(ctx.db, ids), repo.listRequests(ctx.db, ids), organisation.getOrganisation(ctx, forbundId)]);
  return summarise(rows, concerned, requests, namesOf(org), today(ctx));
}

export const listYears = (ctx: Ctx, forbundId: string) => repo.listYears(ctx.db, forbundId);

export type CaseDetail = CaseSummary & {
  interventionName: string | null; reporterPartyName: string | null; reporterUnitName: string | null;
  causeLabels: string[]; consequenceLabels: string[];
  requests: (repo.RequestRow & { partyName: string; overdue: boolean })[];
  events: repo.EventRow[];
};

function labelsOf(chosen: string[], list: Code[], other: string | null): string[] {
  return chosen.map((c) => (c === OTHER && other ? `Annat: ${other}` : list.find((x) => x.code === c)?.label ?? c));
}

/** One case with everything the detail page and the API show; 404 outside the user's scope. */
export async function getCase(ctx: Ctx, user: CurrentUser, id: string): Promise<CaseDetail> {
  const row = await caseInScope(ctx, user, id);
  return detailOf(ctx, row);
}

async function detailOf(ctx: Ctx, row: repo.DeviationRow): Promise<CaseDetail> {
  const [concerned, requests, events, org, codes] = await Promise.all([
    repo.listConcerned(ctx.db, [row.id]), repo.listRequests(ctx.db, [row.id]), repo.listEvents(ctx.db, row.id),
    organisation.getOrganisation(ctx, row.forbundId), getCodes(ctx, row.forbundId),
  ]);
  const names = namesOf(org), date = today(ctx);
  const [summary] = summarise([row], concerned, requests, names, date);
  return {
    ...summary,
    interventionName: names.intervention(row.interventionId),
    reporterPartyName: names.party(row.reporterPartyId),
    reporterUnitName: names.unit(row.reporterUnitId),
    causeLabels: labelsOf(row.causes, codes.causes, row.causeOther),
    consequenceLabels: labelsOf(row.consequences, codes.consequences, row.consequenceOther),
    requests: requests.map((q) => ({ ...q, partyName: names.party(q.partyId) ?? "", overdue: isOverdue(q, date) })),
    events,
  };
}

// ——— Staff: handling ———

export type Done = { ok: true; message: string } | { ok: false; errors: FieldErrors };

const actorOf = (user: CurrentUser) => ({ actorId: user.id, actorLabel: user.name || user.email });

async function event(ctx: Ctx, deviationId: string, actor: { actorId: string | null; actorLabel: string }, kind: string, v: {
  note?: string | null; visible?: boolean; fromStatus?: Status | null; toStatus?: Status | null;
} = {}) {
  await repo.insertEvent(ctx.db, {
    deviationId, at: ctx.clock.now(), ...actor, kind, note: v.note ?? null, visibleToReporter: v.visible ?? false,
    fromStatus: v.fromStatus ?? null, toStatus: v.toStatus ?? null,
  });
}

/** The fields a status change sets besides the status: reasons, the decision and the closing date. */
function statusFields(to: Status, note: string | null, date: string): Partial<repo.NewDeviation> {
  const closing = closedStatuses.includes(to);
  return {
    status: to,
    ...(to === "avvisad" || to === "hanvisad" ? { statusReason: note } : {}),
    ...(to === "avslutad" ? { decision: note, effectFollowUpOn: defaultEffectFollowUp(date) } : {}),
    closedOn: closing ? date : null,
  };
}

/** Changes the status with a note; Avvisad and Hänvisad need a reason, Avslutad a decision. */
export const changeStatus = transactional(async function changeStatus(ctx: Ctx, user: CurrentUser, id: string, v: { status: Status; note: string | null; visible: boolean }): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  const problem = statusChangeProblem(row.status, v.status, v.note);
  if (problem) return { ok: false, errors: { [row.status === v.status ? "status" : "note"]: problem } };
  await repo.updateDeviation(ctx.db, row.id, statusFields(v.status, v.note, today(ctx)));
  await event(ctx, row.id, actorOf(user), "status", { note: v.note, visible: v.visible, fromStatus: row.status, toStatus: v.status });
  return { ok: true, message: `${row.caseNumber} har nu status ${statusLabels[v.status]}.` };
});

/** A note in the history, shown to the reporter when `visible`. */
export const addNote = transactional(async function addNote(ctx: Ctx, user: CurrentUser, id: string, v: { note: string; visible: boolean }): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  await event(ctx, row.id, actorOf(user), "note", { note: v.note, visible: v.visible });
  return { ok: true, message: v.visible ? "Anteckningen är sparad och visas för den som rapporterade." : "Anteckningen är sparad." };
});

/**
 * Asks parties for an answer: each party's contact (from the settings) gets a mail with a link to
 * answer without an account; the deadline is today plus the förbund's answer days.
 */
export const requestAnswers = transactional(async function requestAnswers(ctx: Ctx, user: CurrentUser, id: string, partyIds: string[]): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  const [settings, org, existing] = await Promise.all([getSettings(ctx, row.forbundId), organisation.getOrganisation(ctx, row.forbundId), repo.listRequests(ctx.db, [row.id])]);
  const names = namesOf(org);
  const problems: string[] = [];
  for (const partyId of partyIds) {
    const name = names.party(partyId);
    if (!name) throw new NotFoundError("Parten finns inte i förbundet.");
    if (!settings.partyContacts[partyId]) problems.push(`${name} har ingen kontaktadress för avvikelser – lägg in den under Inställningar för avvikelser.`);
    else if (existing.some((q) => q.partyId === partyId && q.answeredOn === null)) problems.push(`${name} har redan en obesvarad begäran i ärendet.`);
  }
  if (problems.length) return { ok: false, errors: { partyIds: problems.join(" ") } };
  const date = today(ctx), deadline = answerDeadline(date, settings.answerDays);
  const forbundName = (await organisation.getForbund(ctx, row.forbundId))?.name ?? "Samordningsförbundet";
  for (const partyId of partyIds) {
    const token = secret(), name = names.party(partyId)!;
    await repo.insertRequest(ctx.db, { deviationId: row.id, partyId, contactEmail: settings.partyContacts[partyId], tokenHash: sha256(token), requestedOn: date, deadline });
    await event(ctx, row.id, actorOf(user), "request", { note: `${name}, svar senast ${deadline}`, visible: true });
    await send(ctx, {
      forbundId: row.forbundId,
      to: settings.partyContacts[partyId],
      subject: `Begäran om svar: avvikelse i samverkan ${row.caseNumber}`,
      text: `${forbundName} ber ${name} om ett svar på avvikelse i samverkan ${row.caseNumber} senast ${deadline}.\n\n` +
        `Läs ärendet och svara här – inget konto behövs (länken är personlig för ${name}):\n${answerUrl(ctx, token)}\n\n– Samspår`,
    });
  }
  await repo.updateDeviation(ctx.db, row.id, {
    answerDeadline: [row.answerDeadline, deadline].filter(Boolean).sort().at(-1)!,
    ...(row.status === "ny" ? { status: "under_handlaggning" as const } : {}),
  });
  if (row.status === "ny") await event(ctx, row.id, actorOf(user), "status", { fromStatus: "ny", toStatus: "under_handlaggning", visible: true });
  const who = partyIds.map((p) => names.party(p)).join(", ");
  return { ok: true, message: `Begäran om svar är skickad till ${who}. Svar senast ${deadline}.` };
});

/** Approves a party's answer: from now on the reporter sees it through the private link. */
export const approveAnswer = transactional(async function approveAnswer(ctx: Ctx, user: CurrentUser, id: string, requestId: string): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  const q = await repo.findRequest(ctx.db, row.id, requestId);
  if (!q) throw new NotFoundError("Begäran finns inte.");
  if (q.answeredOn === null) return { ok: false, errors: { _form: "Parten har inte svarat än." } };
  if (q.approved) return { ok: true, message: "Svaret var redan godkänt." };
  await repo.updateRequest(ctx.db, q.id, { approved: true });
  const party = namesOf(await organisation.getOrganisation(ctx, row.forbundId)).party(q.partyId) ?? "parten";
  await event(ctx, row.id, actorOf(user), "approved", { note: `Svaret från ${party} visas för den som rapporterade.`, visible: true });
  return { ok: true, message: `Svaret från ${party} är godkänt och visas för den som rapporterade.` };
});

/** Lifts the case to the beredningsgrupp, the styrelse or the party's management, with a note. */
export const lift = transactional(async function lift(ctx: Ctx, user: CurrentUser, id: string, v: { liftedTo: LiftTarget; note: string | null }): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  await repo.updateDeviation(ctx.db, row.id, { liftedTo: v.liftedTo, liftedOn: today(ctx), liftNote: v.note });
  await event(ctx, row.id, actorOf(user), "lifted", { note: [`Till ${liftLabels[v.liftedTo]}`, v.note].filter(Boolean).join(": ") });
  return { ok: true, message: `${row.caseNumber} är lyft till ${liftLabels[v.liftedTo]}.` };
});

/** Records the effect follow-up of a closed case: its date (3–6 months after closing), whether it worked, and a note. */
export const saveEffect = transactional(async function saveEffect(ctx: Ctx, user: CurrentUser, id: string, v: { effectFollowUpOn: string; effectWorked: "ja" | "nej" | null; effectNote: string | null }): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  if (row.status !== "avslutad" || !row.closedOn) return { ok: false, errors: { _form: "Effekten följs upp när ärendet är avslutat." } };
  if (!effectDateAllowed(row.closedOn, v.effectFollowUpOn)) {
    return { ok: false, errors: { effectFollowUpOn: "Välj ett datum 3–6 månader efter att ärendet avslutades." } };
  }
  const worked = v.effectWorked === null ? null : v.effectWorked === "ja";
  await repo.updateDeviation(ctx.db, row.id, { effectFollowUpOn: v.effectFollowUpOn, effectWorked: worked, effectNote: v.effectNote });
  const verdict = worked === null ? `Uppföljning ${v.effectFollowUpOn}` : worked ? "Åtgärden fungerade" : "Åtgärden fungerade inte";
  await event(ctx, row.id, actorOf(user), "effect", { note: [verdict, v.effectNote].filter(Boolean).join(": ") });
  return { ok: true, message: "Effektuppföljningen är sparad." };
});

export const saveAnalysisNote = transactional(async function saveAnalysisNote(ctx: Ctx, user: CurrentUser, id: string, analysisNote: string | null): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  await repo.updateDeviation(ctx.db, row.id, { analysisNote });
  await event(ctx, row.id, actorOf(user), "analysis");
  return { ok: true, message: "Analysen är sparad." };
});

/**
 * The optional public summary, written apart from the report. Only an admin (förbundschef) approves
 * it for the public page; changing the text takes the approval back.
 */
export const saveSummary = transactional(async function saveSummary(ctx: Ctx, user: CurrentUser, id: string, v: { publicSummary: string | null; approve: boolean }): Promise<Done> {
  const row = await caseInScope(ctx, user, id);
  if (v.approve && !atLeast(user.role, "admin")) return { ok: false, errors: { approve: "Bara en administratör kan godkänna sammanfattningen för publicering." } };
  if (v.approve && !v.publicSummary) return { ok: false, errors: { publicSummary: "Skriv sammanfattningen innan den godkänns." } };
  // An admin decides with the checkbox; a koordinator's save keeps an approval only when the text is unchanged.
  const approved = v.approve || (!atLeast(user.role, "admin") && row.publicSummaryApproved && row.publicSummary === v.publicSummary);
  await repo.updateDeviation(ctx.db, row.id, { publicSummary: v.publicSummary, publicSummaryApproved: approved });
  await event(ctx, row.id, actorOf(user), "summary", { note: approved ? "Godkänd för publicering" : "Sparad, inte publicerad" });
  return { ok: true, message: approved ? "Sammanfattningen är godkänd och publicerad." : "Sammanfattningen är sparad men inte publicerad." };
});

/** Sends one reminder per unanswered request whose deadline is near, with a new link that replaces the first. */
export const sendReminders = (ctx: Ctx, user: CurrentUser): Promise<number> => remindParties(ctx, user.forbundId!, scopeOf(user), actorOf(user));

/** The reminders of sendReminders for the cases in `areaIds` (null: all), recorded in each case's history as sent by `actor`. */
const remindParties = transactional(async function remindParties(ctx: Ctx, forbundId: string, areaIds: string[] | null, actor: { actorId: string | null; actorLabel: string }): Promise<number> {
  const settings = await getSettings(ctx, forbundId);
  const rows = (await repo.listDeviations(ctx.db, forbundId, { areaIds })).filter((r) => !closedStatuses.includes(r.status));
  const requests = await repo.listRequests(ctx.db, rows.map((r) => r.id));
  const names = namesOf(await organisation.getOrganisation(ctx, forbundId));
  const date = today(ctx);
  let sent = 0;
  for (const q of requests.filter((r) => reminderDue(r, date, settings.reminderDays))) {
    const row = rows.find((r) => r.id === q.deviationId)!;
    const token = secret(), party = names.party(q.partyId) ?? "parten";
    await repo.updateRequest(ctx.db, q.id, { tokenHash: sha256(token), remindedOn: date });
    await send(ctx, {
      forbundId,
      to: q.contactEmail,
      subject: `Påminnelse: svar på avvikelse i samverkan ${row.caseNumber} senast ${q.deadline}`,
      text: `Vi väntar fortfarande på ${party}s svar på avvikelse i samverkan ${row.caseNumber}. Svaret behövs senast ${q.deadline}.\n\n` +
        `Läs ärendet och svara här – inget konto behövs. Länken ersätter den i det första meddelandet:\n${answerUrl(ctx, token)}\n\n– Samspår`,
    });
    await event(ctx, row.id, actor, "reminder", { note: party });
    sent++;
  }
  return sent;
});

/** The beredningsgrupp's list for a meeting: open cases lifted to it at least two weeks before. */
export async function meetingList(ctx: Ctx, user: CurrentUser, meeting: string): Promise<CaseSummary[]> {
  const cases = await listCases(ctx, user);
  return cases.filter((c) => c.liftedTo === "beredningsgrupp" && c.liftedOn && onMeetingList(c.liftedOn, meeting) && !closedStatuses.includes(c.status))
    .sort((a, b) => a.liftedOn!.localeCompare(b.liftedOn!));
}

/** The closed cases lifted to the beredningsgrupp, with the decision recorded afterwards. */
export async function decidedLifted(ctx: Ctx, user: CurrentUser): Promise<CaseSummary[]> {
  return (await listCases(ctx, user)).filter((c) => c.liftedTo === "beredningsgrupp" && closedStatuses.includes(c.status));
}

// ——— The reporter's private link ———

export type FollowView = {
  caseNumber: string; status: Status; reportedOn: string; statusReason: string | null; decision: string | null;
  answers: { partyName: string; answeredOn: string; answer: string }[];
  events: { at: Date; kind: string; note: string | null; fromStatus: Status | null; toStatus: Status | null }[];
};

async function byFollowToken(ctx: Ctx, token: string) {
  const row = await repo.findByFollowHash(ctx.db, sha256(token));
  return row && !row.anonymisedOn ? row : undefined;
}

/** What the reporter sees: that one case's status, approved answers, decision and the events marked visible — nothing else. */
export async function followView(ctx: Ctx, token: string): Promise<FollowView | undefined> {
  const row = await byFollowToken(ctx, token);
  if (!row) return undefined;
  const [requests, events, org] = await Promise.all([repo.listRequests(ctx.db, [row.id]), repo.listEvents(ctx.db, row.id), organisation.getOrganisation(ctx, row.forbundId)]);
  const names = namesOf(org);
  return {
    caseNumber: row.caseNumber, status: row.status, reportedOn: row.reportedOn,
    statusReason: row.status === "avvisad" || row.status === "hanvisad" ? row.statusReason : null,
    decision: row.decision,
    answers: requests.filter((q) => q.approved && q.answer && q.answeredOn)
      .map((q) => ({ partyName: names.party(q.partyId) ?? "", answeredOn: q.answeredOn!, answer: q.answer! })),
    events: events.filter((e) => e.visibleToReporter).map((e) => ({ at: e.at, kind: e.kind, note: e.note, fromStatus: e.fromStatus, toStatus: e.toStatus })),
  };
}

/** The reporter adds information through the private link; the koordinatorer are told (number and link only). */
export const addReporterInfo = transactional(async function addReporterInfo(ctx: Ctx, token: string, info: string): Promise<boolean> {
  const row = await byFollowToken(ctx, token);
  if (!row) return false;
  await event(ctx, row.id, { actorId: null, actorLabel: "Rapportören" }, "info", { note: info, visible: true });
  await notifyStaff(ctx, row.forbundId, row, `Den som rapporterade ${row.caseNumber} har lagt till information.`);
  return true;
});

// ——— The party's answer link ———

async function byAnswerToken(ctx: Ctx, token: string) {
  const q = await repo.findRequestByHash(ctx.db, sha256(token));
  if (!q) return undefined;
  const c = await repo.findDeviationById(ctx.db, q.deviationId);
  return c && !c.anonymisedOn ? { q, c } : undefined;
}

/** What the party's contact sees: the case they are asked about and their own answer. */
export async function answerView(ctx: Ctx, token: string) {
  const found = await byAnswerToken(ctx, token);
  if (!found) return undefined;
  const detail = await detailOf(ctx, found.c);
  const names = namesOf(await organisation.getOrganisation(ctx, found.c.forbundId));
  const forbundName = (await organisation.getForbund(ctx, found.c.forbundId))?.name ?? "";
  return { detail, request: { ...found.q, partyName: names.party(found.q.partyId) ?? "" }, forbundName, locked: found.q.approved };
}

/** Saves a party's answer (it may be changed until the koordinator approves it). When every party has answered, the case is Besvarad. */
export const answer = transactional(async function answer(ctx: Ctx, token: string, text: string): Promise<"saved" | "locked" | undefined> {
  const found = await byAnswerToken(ctx, token);
  if (!found) return undefined;
  const { q, c } = found;
  if (q.approved) return "locked";
  const party = namesOf(await organisation.getOrganisation(ctx, c.forbundId)).party(q.partyId) ?? "Parten";
  await repo.updateRequest(ctx.db, q.id, { answer: text, answeredOn: today(ctx) });
  await event(ctx, c.id, { actorId: null, actorLabel: `${party} (svar via länk)` }, "answer", { note: text });
  const open = (await repo.listRequests(ctx.db, [c.id])).filter((r) => r.answeredOn === null);
  if (!open.length && (c.status === "ny" || c.status === "under_handlaggning")) {
    await repo.updateDeviation(ctx.db, c.id, { status: "besvarad" });
    await event(ctx, c.id, { actorId: null, actorLabel: "Samspår" }, "status", { fromStatus: c.status, toStatus: "besvarad", visible: true });
  }
  await notifyStaff(ctx, c.forbundId, c, `${party} har svarat på ${c.caseNumber}.`);
  return "saved";
});

// ——— Analysis ———

async function analysisCases(ctx: Ctx, forbundId: string, year: number, names: Names, codes: Codes): Promise<AnalysisCase[]> {
  const rows = await repo.listDeviations(ctx.db, forbundId, { year });
  const ids = rows.map((r) => r.id);
  const [concerned, requests] = await Promise.all([repo.listConcerned(ctx.db, ids), repo.listRequests(ctx.db, ids)]);
  const label = (list: Code[]) => (c: string) => list.find((x) => x.code === c)?.label ?? c;
  return rows.map((r) => ({
    severity: r.severity, frequency: r.frequency, status: r.status, area: names.area(r.areaId),
    concerned: concerned.filter((c) => c.deviationId === r.id).map((c) => ({ party: names.party(c.partyId) ?? "Okänd part", unit: names.unit(c.unitId) })),
    causes: r.causes.map(label(codes.causes)), consequences: r.consequences.map(label(codes.consequences)),
    proposal: r.proposal, actionTaken: r.actionTaken, lifted: r.liftedOn !== null,
    requests: requests.filter((q) => q.deviationId === r.id),
  }));
}

/** The year's analysis for the whole förbund (case counts, no texts identifying anyone). */
export async function analysis(ctx: Ctx, forbundId: string, year: number): Promise<Analysis> {
  const [org, codes] = await Promise.all([organisation.getOrganisation(ctx, forbundId), getCodes(ctx, forbundId)]);
  const names = namesOf(org);
  const [current, previous] = await Promise.all([analysisCases(ctx, forbundId, year, names, codes), analysisCases(ctx, forbundId, year - 1, names, codes)]);
  return analyse(current, previous, today(ctx));
}

export const currentYear = (ctx: Ctx) => Number(today(ctx).slice(0, 4));

// ——— Public summaries ———

export async function publishedSummaries(ctx: Ctx, forbundId: string) {
  return (await repo.listPublished(ctx.db, forbundId)).map((r) => ({ caseNumber: r.caseNumber, occurredMonth: r.occurredMonth, status: r.status, summary: r.publicSummary! }));
}

// ——— Retention ———

/** The closed cases whose retention period has run out: the dry run shows them before anything is changed. */
export async function retentionCandidates(ctx: Ctx, forbundId: string) {
  const settings = await getSettings(ctx, forbundId);
  const date = today(ctx);
  const rows = await repo.listDeviations(ctx.db, forbundId);
  return { retentionMonths: settings.retentionMonths, cases: rows.filter((r) => retentionDue(r, date, settings.retentionMonths)) };
}

/** Anonymises the cases of the dry run: free texts, the reporter's contact details and the links go; counts stay. */
export const runRetention = transactional(async function runRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<number> {
  const n = await anonymiseDue(ctx, forbundId);
  await audit.record(ctx, { ...actor, forbundId }, "deviations.anonymised", { count: n });
  return n;
});

async function anonymiseDue(ctx: Ctx, forbundId: string): Promise<number> {
  const { cases } = await retentionCandidates(ctx, forbundId);
  const date = today(ctx);
  for (const c of cases) await repo.anonymise(ctx.db, c.id, date, () => sha256(secret()));
  return cases.length;
}

// ——— Scheduled jobs (server/jobs/) and the acceptance of automatic retention ———

/** What the history and the audit log name as the actor of a scheduled job. */
const SYSTEM_ACTOR = { actorId: null, actorLabel: "Samspår (automatiskt)" };

/** The förbund that have set up the deviation routine: the only ones with cases, requests or retention to run. */
export const forbundWithDeviations = (ctx: Ctx) => repo.listSettingsForbundIds(ctx.db);

/** The scheduled reminders: sendReminders for every case of the förbund, recorded as sent by Samspår. */
export const sendDueReminders = (ctx: Ctx, forbundId: string): Promise<number> => remindParties(ctx, forbundId, null, SYSTEM_ACTOR);

/**
 * Mails each active admin of the förbund, and each koordinator for the cases of their kommunområden, a
 * list of the party answers whose deadline has passed: case number, party, deadline and a staff link,
 * nothing of the case itself. At most once per OVERDUE_LIST_DAYS; null when nothing was sent.
 */
export const mailOverdueList = transactional(async function mailOverdueList(ctx: Ctx, forbundId: string): Promise<{ overdue: number; recipients: number } | null> {
  const settings = await getSettings(ctx, forbundId);
  const date = today(ctx);
  if (!overdueListDue(settings.overdueListSentOn, date)) return null;
  const rows = (await repo.listDeviations(ctx.db, forbundId)).filter((r) => !closedStatuses.includes(r.status));
  const overdue = (await repo.listRequests(ctx.db, rows.map((r) => r.id))).filter((q) => isOverdue(q, date));
  if (!overdue.length) return null;
  const names = namesOf(await organisation.getOrganisation(ctx, forbundId));
  const caseOf = new Map(rows.map((r) => [r.id, r]));
  const users = (await accounts.listUsers(ctx, forbundId)).filter((u) => u.active && (atLeast(u.role, "admin") || u.role === "koordinator"));
  let recipients = 0;
  for (const u of users) {
    const mine = overdue.filter((q) => {
      const c = caseOf.get(q.deviationId)!;
      return atLeast(u.role, "admin") || (!!c.areaId && u.areaIds.includes(c.areaId));
    }).sort((a, b) => a.deadline.localeCompare(b.deadline));
    if (!mine.length) continue;
    const lines = mine.map((q) => {
      const c = caseOf.get(q.deviationId)!;
      return `${c.caseNumber} – ${names.party(q.partyId) ?? "okänd part"}, svar senast ${q.deadline}\n${staffUrl(ctx, c.id)}`;
    });
    await send(ctx, {
      forbundId,
      to: u.email,
      subject: `Försenade svar på avvikelser i samverkan (${mine.length})`,
      text: `Svarstiden har gått ut för ${mine.length === 1 ? "ett svar" : `${mine.length} svar`} från parterna:\n\n${lines.join("\n\n")}\n\n` +
        `Logga in i Samspår för att påminna parten eller föra ärendet vidare. Listan kommer högst en gång i veckan (var ${OVERDUE_LIST_DAYS}:e dag) så länge något svar är försenat.\n\n– Samspår`,
    });
    recipients++;
  }
  await repo.updateSettings(ctx.db, forbundId, { overdueListSentOn: date });
  return { overdue: overdue.length, recipients };
});

export type RetentionAcceptance = { accepted: boolean; by: string | null; at: Date | null; months: number | null; stale: boolean };

/** Whether automatic retention is accepted, by whom and when; `stale`: accepted once, for other retention months. */
export function retentionAcceptance(s: Settings): RetentionAcceptance {
  const accepted = retentionAccepted(s);
  return { accepted, by: s.retentionAcceptedByLabel, at: s.retentionAcceptedAt, months: s.retentionAcceptedMonths, stale: !accepted && s.retentionAcceptedAt !== null };
}

/**
 * An admin accepts the dry run: from now on the nightly job anonymises what is due under the current
 * retention months. Changing the months takes the acceptance back (it holds for the months it was given for).
 */
export const acceptRetention = transactional(async function acceptRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<void> {
  const settings = await getSettings(ctx, forbundId);
  await repo.updateSettings(ctx.db, forbundId, {
    retentionAcceptedBy: actor.id, retentionAcceptedByLabel: actor.name || actor.email,
    retentionAcceptedAt: ctx.clock.now(), retentionAcceptedMonths: settings.retentionMonths,
  });
  await audit.record(ctx, { ...actor, forbundId }, "deviations.retention_accepted", { retentionMonths: settings.retentionMonths });
});

/** Takes the acceptance back: retention then runs only by hand again. */
export const withdrawRetention = transactional(async function withdrawRetention(ctx: Ctx, actor: CurrentUser, forbundId: string): Promise<void> {
  await getSettings(ctx, forbundId);
  await repo.updateSettings(ctx.db, forbundId, { retentionAcceptedBy: null, retentionAcceptedByLabel: null, retentionAcceptedAt: null, retentionAcceptedMonths: null });
  await audit.record(ctx, { ...actor, forbundId }, "deviations.retention_withdrawn", {});
});

/**
 * The nightly retention of one förbund: runs only while an admin's acceptance holds, and each run is
 * audited (by Samspår, naming who accepted). Otherwise nothing changes and `waiting` says how many cases
 * the dry run lists.
 */
export const runAutomaticRetention = transactional(async function runAutomaticRetention(ctx: Ctx, forbundId: string): Promise<{ accepted: boolean; anonymised: number; waiting: number }> {
  const settings = await getSettings(ctx, forbundId);
  if (!retentionAccepted(settings)) {
    return { accepted: false, anonymised: 0, waiting: (await retentionCandidates(ctx, forbundId)).cases.length };
  }
  const n = await anonymiseDue(ctx, forbundId);
  await audit.record(ctx, { id: null, email: null, forbundId }, "deviations.anonymised", {
    count: n, automatic: true, retentionMonths: settings.retentionMonths, acceptedBy: settings.retentionAcceptedByLabel,
  });
  return { accepted: true, anonymised: n, waiting: 0 };
});
