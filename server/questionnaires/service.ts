/**
 * Enkäter: the standard questionnaires (code, read-only) and the förbund's own, built in the browser
 * or imported as JSON. An own questionnaire has one draft, which may be invalid and is kept as it is,
 * and frozen published versions; an insamling opens the newest published version.
 */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import { atLeast } from "../accounts/roles.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import * as audit from "../audit/service.js";
import { findSurvey, standardSurveys } from "../../surveys/index.js";
import { respondentGroups, tr, type Definition, type RespondentGroup } from "../../surveys/define.js";
import {
  blankDraft, changedQuestions, checkDraft, completeLanguages, copyAsDraft, missingTranslations, type Draft, type DraftIssue,
} from "../../surveys/edit.js";
import * as repo from "./repo.js";

export type { Draft, DraftIssue };

/** A questionnaire in the list: standard or the förbund's own, with its versions. */
export type Summary = {
  id: string; title: string; respondentGroup: string; standard: boolean; source: string;
  versions: number[]; hasDraft: boolean;
};

/** An own questionnaire as the editor needs it: the draft (from the newest version when there is none), its problems, and the versions. */
export type Editable = {
  row: repo.QuestionnaireRow;
  draft: Draft;
  /** Whether the draft is saved (false: a fresh copy of the newest version, saved on the first change). */
  saved: boolean;
  issues: DraftIssue[];
  versions: Omit<repo.VersionRow, "definition">[];
};

export const isStandard = (id: string) => findSurvey(id) !== undefined;

const STANDARD_READ_ONLY = "Standardenkäterna kan inte ändras: de är nationella och jämförs mellan förbund och år. Kopiera enkäten för att göra en egen.";

/** Koordinatorer and admins build the förbund's questionnaires; läsare only read them. */
function mayEdit(user: CurrentUser) {
  if (!atLeast(user.role, "koordinator") || !user.forbundId) throw new ForbiddenError("Du kan läsa enkäterna men inte ändra dem.");
}

const versionsByQuestionnaire = (versions: Omit<repo.VersionRow, "definition">[]) => {
  const by = new Map<string, number[]>();
  for (const v of versions) by.set(v.questionnaireId, [...(by.get(v.questionnaireId) ?? []), v.version]);
  return by;
};

/** Every questionnaire the förbund can use or edit: the standard ones first, then its own. */
export async function list(ctx: Ctx, forbundId: string): Promise<Summary[]> {
  const own = await repo.list(ctx.db, forbundId);
  const versions = versionsByQuestionnaire(await repo.versionsOf(ctx.db, own.map((q) => q.id)));
  const ownSummaries = await Promise.all(own.map(async (q) => {
    const latest = versions.get(q.id)?.length ? await repo.version(ctx.db, q.id) : undefined;
    const d = (q.draft ?? latest?.definition) as Partial<Draft> | undefined;
    return {
      id: q.key, title: d?.title?.sv || q.key, respondentGroup: String(d?.respondentGroup ?? ""), standard: false, source: "local",
      versions: versions.get(q.id) ?? [], hasDraft: q.draft !== null,
    };
  }));
  return [
    ...standardSurveys.map((d) => ({ id: d.id, title: tr(d.title, "sv"), respondentGroup: d.respondentGroup, standard: true, source: d.source, versions: [d.version], hasDraft: false })),
    ...ownSummaries,
  ];
}

/** The definition an insamling opens: a standard questionnaire, or the newest published version of the förbund's own. */
export async function currentDefinition(ctx: Ctx, forbundId: string, id: string): Promise<Definition | undefined> {
  const standard = findSurvey(id);
  if (standard) return standard;
  const row = await repo.find(ctx.db, forbundId, id);
  const latest = row && await repo.version(ctx.db, row.id);
  return latest ? checked(latest.definition) : undefined;
}

/** Published definitions were checked when published; parsing again fills defaults the same way everywhere. */
function checked(stored: unknown): Definition {
  const r = checkDraft(stored);
  if (!r.ok) throw new Error("en publicerad enkätversion följer inte schemat");
  return r.definition;
}

/** Every definition an insamling can open now: the standard ones and the newest published version of each own one. */
export async function usable(ctx: Ctx, forbundId: string): Promise<Definition[]> {
  const own = await repo.list(ctx.db, forbundId);
  const latest = await Promise.all(own.map((q) => repo.version(ctx.db, q.id)));
  return [...standardSurveys, ...latest.filter((v) => v !== undefined).map((v) => checked(v.definition))];
}

/** The questionnaires an insamling or a goal can name: standard, and the förbund's own that have a published version. */
export async function choices(ctx: Ctx, forbundId: string): Promise<{ value: string; label: string }[]> {
  const all = await list(ctx, forbundId);
  return all.filter((q) => q.versions.length).map((q) => ({ value: q.id, label: q.standard ? q.title : `${q.title} (egen)` }));
}

/** The definition JSON: a standard one, an own questionnaire's newest version, a given version, or its draft. */
export async function definitionJson(ctx: Ctx, forbundId: string, id: string, opts: { version?: number; draft?: boolean } = {}): Promise<unknown> {
  const standard = findSurvey(id);
  if (standard) {
    if (opts.draft || (opts.version !== undefined && opts.version !== standard.version)) throw new NotFoundError("Den versionen av enkäten finns inte.");
    return standard;
  }
  const row = await repo.find(ctx.db, forbundId, id);
  if (!row) throw new NotFoundError("Enkäten finns inte.");
  if (opts.draft) {
    if (row.draft === null) throw new NotFoundError("Enkäten har inget utkast.");
    return row.draft;
  }
  const v = await repo.version(ctx.db, row.id, opts.version);
  if (v) return v.definition;
  if (opts.version === undefined && row.draft !== null) return row.draft;
  throw new NotFoundError("Den versionen av enkäten finns inte.");
}

/** One own questionnaire for the editor (404 when the förbund has none by that id, 403 for a standard one). */
export async function editable(ctx: Ctx, user: CurrentUser, id: string): Promise<Editable> {
  if (isStandard(id)) throw new ForbiddenError(STANDARD_READ_ONLY);
  const row = await repo.find(ctx.db, user.forbundId!, id);
  if (!row) throw new NotFoundError("Enkäten finns inte.");
  const versions = await repo.versionsOf(ctx.db, [row.id]);
  let draft = row.draft as Draft | null;
  if (!draft) {
    const latest = await repo.version(ctx.db, row.id);
    draft = { ...(latest!.definition as Draft), version: latest!.version + 1 };
  }
  const c = checkDraft(draft);
  return { row, draft, saved: row.draft !== null, issues: c.ok ? [] : c.issues, versions };
}

/** Changes the draft (the first change after a publication starts a new version); the result is saved even when invalid. */
export async function changeDraft(ctx: Ctx, user: CurrentUser, id: string, change: (d: Draft) => Draft): Promise<Editable> {
  mayEdit(user);
  const e = await editable(ctx, user, id);
  const draft = change(e.draft);
  draft.id = e.row.key; // the id is the questionnaire's address: it does not change with an edit
  await repo.saveDraft(ctx.db, e.row.id, draft, ctx.clock.now());
  const c = checkDraft(draft);
  return { ...e, draft, saved: true, issues: c.ok ? [] : c.issues };
}

export type NewInput = { id: string; title: string; respondentGroup: RespondentGroup; from?: string | null };
export type Created = { ok: true; id: string; version: number } | { ok: false; errors: Record<string, string> };

/** A new own questionnaire: blank, or a copy of any questionnaire the förbund can see (standard or own). */
export async function create(ctx: Ctx, user: CurrentUser, v: NewInput): Promise<Created> {
  mayEdit(user);
  if (isStandard(v.id)) return { ok: false, errors: { id: "Det id:t har en standardenkät. Välj ett annat." } };
  let draft: Draft;
  if (v.from) {
    const source = await definitionJson(ctx, user.forbundId!, v.from).catch(() => undefined);
    if (!source) return { ok: false, errors: { from: "Enkäten att utgå från finns inte. Välj en i listan." } };
    draft = copyAsDraft(source as Draft, v.id, v.title);
    draft.respondentGroup = v.respondentGroup;
  } else draft = blankDraft(v.id, v.title, v.respondentGroup);
  const row = await repo.insert(ctx.db, { forbundId: user.forbundId!, key: v.id, draft, at: ctx.clock.now() });
  if (!row) return { ok: false, errors: { id: `Förbundet har redan en enkät med id ${v.id}. Välj ett annat.` } };
  await audit.record(ctx, user, "questionnaire.created", { questionnaire: v.id, from: v.from ?? null });
  return { ok: true, id: v.id, version: draft.version };
}

export type Imported = { ok: true; id: string; version: number } | { ok: false; issues: DraftIssue[] };

/**
 * A whole definition as JSON (the format surveys/*.ts produce, or another förbund's export) becomes a
 * new own questionnaire's draft. It must be valid; its id must be free (409) and not a standard one (422).
 */
export async function importDefinition(ctx: Ctx, user: CurrentUser, json: unknown): Promise<Imported> {
  mayEdit(user);
  const c = checkDraft(json);
  if (!c.ok) return c;
  if (isStandard(c.definition.id)) return { ok: false, issues: [{ message: `Id:t ${c.definition.id} har en standardenkät. Byt id i filen för att göra en egen kopia.` }] };
  const draft: Draft = { ...(json as Draft), source: "local", readOnly: false };
  const row = await repo.insert(ctx.db, { forbundId: user.forbundId!, key: c.definition.id, draft, at: ctx.clock.now() });
  if (!row) throw new ConflictError(`Förbundet har redan en enkät med id ${c.definition.id}. Ändra den, eller byt id i filen.`);
  await audit.record(ctx, user, "questionnaire.created", { questionnaire: c.definition.id, from: "import" });
  return { ok: true, id: c.definition.id, version: c.definition.version };
}

/** Replaces the draft of an own questionnaire with a valid definition (the API's PUT); the version follows the published ones. */
export async function replaceDraft(ctx: Ctx, user: CurrentUser, id: string, json: unknown): Promise<Imported> {
  mayEdit(user);
  const e = await editable(ctx, user, id);
  const c = checkDraft(json);
  if (!c.ok) return c;
  if (c.definition.id !== id) return { ok: false, issues: [{ message: `Id:t i definitionen (${c.definition.id}) måste vara enkätens id (${id}).` }] };
  const published = e.versions[0]?.version ?? 0;
  const draft: Draft = { ...(json as Draft), version: Math.max(c.definition.version, published + 1), source: "local", readOnly: false };
  await repo.saveDraft(ctx.db, e.row.id, draft, ctx.clock.now());
  return { ok: true, id, version: draft.version };
}

export type Published =
  | { ok: true; id: string; version: number; definition: Definition; changed: string[]; incomplete: string[] }
  | { ok: false; issues: DraftIssue[] };

/**
 * Publishes the draft as a frozen version. Only complete languages are offered to respondents (the
 * others are listed); questions whose wording changed since the previous version are recorded, so
 * that results never compare them with earlier years.
 */
export async function publish(ctx: Ctx, user: CurrentUser, id: string): Promise<Published> {
  mayEdit(user);
  const e = await editable(ctx, user, id);
  if (!e.saved) throw new ConflictError("Det finns inget nytt utkast att publicera: den senaste versionen är redan publicerad.");
  const c = checkDraft(e.draft);
  if (!c.ok) return c;
  const published = e.versions[0]?.version ?? 0;
  const incomplete = (e.draft.languages ?? ["sv"]).filter((l) => l !== "sv" && missingTranslations(e.draft, l).length);
  const def: Definition = { ...c.definition, version: Math.max(c.definition.version, published + 1), source: "local", readOnly: false, languages: completeLanguages(e.draft) };
  const previous = published ? checked((await repo.version(ctx.db, e.row.id, published))!.definition) : undefined;
  const changed = changedQuestions(previous, def);
  const row = await repo.publish(ctx.db, { questionnaireId: e.row.id, version: def.version, definition: def, changed, by: user.id, at: ctx.clock.now() });
  if (!row) throw new ConflictError(`Version ${def.version} är redan publicerad.`);
  await audit.record(ctx, user, "questionnaire.published", { questionnaire: id, version: def.version });
  return { ok: true, id, version: def.version, definition: def, changed, incomplete };
}

/** A published version with what changed in it, or 404. */
export async function versionOf(ctx: Ctx, forbundId: string, id: string, version: number) {
  const row = await repo.find(ctx.db, forbundId, id);
  const v = row && await repo.version(ctx.db, row.id, version);
  if (!v) throw new NotFoundError("Den versionen av enkäten finns inte.");
  return { ...v, definition: checked(v.definition) };
}

export const respondentGroupChoices = Object.entries(respondentGroups).map(([value, label]) => ({ value, label }));
