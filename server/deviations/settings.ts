/**
 * The förbund's deviation routine: its settings (answer and reminder days, retention, the parties'
 * contact addresses), its public report address, and its causes and consequences. Both are created the
 * first time a förbund needs them.
 */
import { randomSlug } from "../crypto.js";
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as repo from "./repo.js";
import { defaultCodeRows, OTHER } from "./codes.js";
import { transactional } from "../unit-of-work.js";

export type Organisation = organisation.Organisation;
export type Code = { code: string; label: string };
export type Codes = { causes: Code[]; consequences: Code[] };
export type Settings = repo.SettingsRow;
/** The severity rules are optional here: a caller that does not name them leaves them as they are. */
export type SettingsInput = {
  answerDays: number; reminderDays: number; retentionMonths: number; partyContacts: Record<string, string>;
  severeDefinition?: string; minorDefinition?: string;
};
/** The förbund's rule for each severity, as it has written it (Bilaga 6 prints it beside the counts). */
export type SeverityRules = { allvarlig: string; mindreAllvarlig: string };

export const publicFormUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/a/${slug}`;
export const publicSummariesUrl = (ctx: Ctx, slug: string) => `${ctx.config.baseUrl}/a/${slug}/besvarade`;

// 12 characters from a 31-letter alphabet without look-alikes: about 59 bits, short enough for a poster.
const newSlug = () => randomSlug(12);

/** The förbund's deviation settings; created with defaults and a random public address on first use. */
export async function getSettings(ctx: Ctx, forbundId: string): Promise<Settings> {
  const found = await repo.findSettings(ctx.db, forbundId);
  if (found) return found;
  await repo.insertSettings(ctx.db, forbundId, newSlug());
  return (await repo.findSettings(ctx.db, forbundId))!;
}

/** Saves the settings; party contacts must name the förbund's own parties. */
export const saveSettings = transactional(async function saveSettings(ctx: Ctx, actor: CurrentUser, forbundId: string, v: SettingsInput) {
  await getSettings(ctx, forbundId);
  const org = await organisation.getOrganisation(ctx, forbundId);
  const partyIds = new Set(org.parties.map((p) => p.id));
  const partyContacts = Object.fromEntries(Object.entries(v.partyContacts).filter(([id, email]) => partyIds.has(id) && email));
  await repo.updateSettings(ctx.db, forbundId, {
    answerDays: v.answerDays, reminderDays: v.reminderDays, retentionMonths: v.retentionMonths, partyContacts,
    ...(v.severeDefinition ? { severeDefinition: v.severeDefinition } : {}), ...(v.minorDefinition ? { minorDefinition: v.minorDefinition } : {}),
  });
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

/** The förbund that have set up the deviation routine: the only ones with cases, requests or retention to run. */
export const forbundWithDeviations = (ctx: Ctx) => repo.listSettingsForbundIds(ctx.db);

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

/** The förbund's rule for allvarlig and mindre allvarlig. */
export async function severityRules(ctx: Ctx, forbundId: string): Promise<SeverityRules> {
  const s = await getSettings(ctx, forbundId);
  return { allvarlig: s.severeDefinition, mindreAllvarlig: s.minorDefinition };
}

/** What the report form offers: the förbund's organisation and its codes. */
export async function formOptions(ctx: Ctx, forbundId: string) {
  const [org, codes] = await Promise.all([organisation.getOrganisation(ctx, forbundId), getCodes(ctx, forbundId)]);
  return { org, codes };
}
