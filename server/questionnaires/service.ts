/**
 * Enkäter: the standard questionnaires (code, read-only) and the förbund's own, built in the browser
 * or imported as JSON. An own questionnaire has one draft, which may be invalid and is kept as it is,
 * and frozen published versions; an insamling opens the newest published version.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { atLeast } from "../accounts/roles.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import * as audit from "../audit/service.js";
import { findSurvey, standardSurveys } from "../../surveys/index.js";
import { fillForbundName, isNational, languageCodes, questionsOf, respondentGroups, samsparWording, tr, type Definition, type RespondentGroup } from "../../surveys/define.js";
import * as organisation from "../organisation/service.js";
import {
  addQuestion, applyTranslations, blankDraft, changedQuestions, checkDraft, completeLanguages, copyAsDraft, missingTranslations, moveQuestion, newQuestion,
  removeQuestion, replaceQuestion, type Draft, type DraftIssue,
} from "../../surveys/edit.js";
import * as repo from "./repo.js";
import * as languages from "./languages.js";
import { offeredLanguage } from "../answering/offered.pure.js";
import type { QuestionFormInput } from "./schema.js";
import { transactional } from "../unit-of-work.js";
import type { Done } from "../result.js";

export type { Draft, DraftIssue };

/** A questionnaire in the list: standard or the förbund's own, with its versions. */
export type Summary = {
  id: string; title: string; respondentGroup: string; standard: boolean; source: string;
  versions: number[]; hasDraft: boolean;
  /** Every question NNS's words or verbatim (isNational); `samspar` the ids that are not, of `questions`. */
  national: boolean; samspar: string[]; questions: number;
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

const STANDARD_READ_ONLY = "Standardenkäterna kan inte ändras här, så att svaren kan jämföras mellan år. Kopiera enkäten för att göra en egen.";

/** Koordinatorer and admins build the förbund's questionnaires; läsare only read them. */
function mayEdit(user: ForbundUser) {
  if (!atLeast(user.role, "koordinator") || !user.forbundId) throw new ForbiddenError("Du kan läsa enkäterna men inte ändra dem.");
}

const versionsByQuestionnaire = (versions: Omit<repo.VersionRow, "definition">[]) => {
  const by = new Map<string, number[]>();
  for (const v of versions) by.set(v.questionnaireId, [...(by.get(v.questionnaireId) ?? []), v.version]);
  return by;
};

/** Every questionnaire the förbund can use or edit: the standard ones first, then its own. */
export async function list(ctx: Ctx, forbundId: string): Promise<Summary[]> {
  const rows = await repo.list(ctx.db, forbundId);
  const own = rows.filter((q) => !isStandard(q.key));
  const versions = versionsByQuestionnaire(await repo.versionsOf(ctx.db, rows.map((q) => q.id)));
  const nnsVersions = (id: string) => versions.get(rows.find((q) => q.key === id)?.id ?? "") ?? [];
  const standards = await Promise.all(standardSurveys.map((d) => currentStandard(ctx, forbundId, d.id)));
  const ownSummaries = await Promise.all(own.map(async (q) => {
    const latest = versions.get(q.id)?.length ? await repo.version(ctx.db, q.id) : undefined;
    const d = (q.draft ?? latest?.definition) as Partial<Draft> | undefined;
    return {
      id: q.key, title: d?.title?.sv || q.key, respondentGroup: String(d?.respondentGroup ?? ""), standard: false, source: "local",
      versions: versions.get(q.id) ?? [], hasDraft: q.draft !== null, national: false, samspar: [], questions: 0,
    };
  }));
  return [
    ...standards.map((d) => ({
      id: d.id, title: tr(d.title, "sv"), respondentGroup: d.respondentGroup, standard: true, source: d.source,
      versions: [...nnsVersions(d.id), findSurvey(d.id)!.version], hasDraft: false,
      national: isNational(d), samspar: samsparWording(d), questions: questionsOf(d).length,
    })),
    ...ownSummaries,
  ];
}

/** A standard questionnaire as the förbund has it now: the newest NNS version it imported, or the one in code. */
async function currentStandard(ctx: Ctx, forbundId: string, id: string): Promise<Definition> {
  const row = await repo.find(ctx.db, forbundId, id);
  const latest = row && await repo.version(ctx.db, row.id);
  return latest ? checked(latest.definition) : findSurvey(id)!;
}

/**
 * The definition an insamling opens: a standard questionnaire (its newest NNS version, if one was
 * imported), or the newest published version of the förbund's own — with the förbund's name where a
 * question names it, so the insamling's snapshot reads as its respondents will read it.
 */
export async function currentDefinition(ctx: Ctx, forbundId: string, id: string): Promise<Definition | undefined> {
  let def: Definition | undefined;
  if (isStandard(id)) def = await currentStandard(ctx, forbundId, id);
  else {
    const row = await repo.find(ctx.db, forbundId, id);
    const latest = row && await repo.version(ctx.db, row.id);
    def = latest ? checked(latest.definition) : undefined;
  }
  // The förbund's language versions go in before the name, so a translated text naming the förbund gets it too.
  return def && withForbundName(ctx, forbundId, await languages.withLanguageVersions(ctx, forbundId, def));
}

async function withForbundName(ctx: Ctx, forbundId: string, def: Definition): Promise<Definition> {
  const f = await organisation.getForbund(ctx, forbundId);
  return f ? fillForbundName(def, f.name) : def;
}

/** Published definitions were checked when published; parsing again fills defaults the same way everywhere. */
function checked(stored: unknown): Definition {
  const r = checkDraft(stored);
  if (!r.ok) throw new Error("en publicerad enkätversion följer inte schemat");
  return r.definition;
}

/** Every definition an insamling can open now: the standard ones and the newest published version of each own one. */
export async function usable(ctx: Ctx, forbundId: string): Promise<Definition[]> {
  const own = (await repo.list(ctx.db, forbundId)).filter((q) => !isStandard(q.key));
  const latest = await Promise.all(own.map((q) => repo.version(ctx.db, q.id)));
  const standards = await Promise.all(standardSurveys.map((d) => currentStandard(ctx, forbundId, d.id)));
  const all = [...standards, ...latest.filter((v) => v !== undefined).map((v) => checked(v.definition))];
  return Promise.all(all.map((d) => languages.withLanguageVersions(ctx, forbundId, d)));
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
    if (opts.draft) throw new NotFoundError("Den versionen av enkäten finns inte.");
    if (opts.version === undefined) return currentStandard(ctx, forbundId, id);
    if (opts.version === standard.version) return standard;
  }
  const row = await repo.find(ctx.db, forbundId, id);
  if (!row) throw new NotFoundError(standard ? "Den versionen av enkäten finns inte." : "Enkäten finns inte.");
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
export async function editable(ctx: Ctx, user: ForbundUser, id: string): Promise<Editable> {
  if (isStandard(id)) throw new ForbiddenError(STANDARD_READ_ONLY);
  const row = await repo.find(ctx.db, user.forbundId, id);
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
export async function changeDraft(ctx: Ctx, user: ForbundUser, id: string, change: (d: Draft) => Draft): Promise<Editable> {
  mayEdit(user);
  return saveChange(ctx, await editable(ctx, user, id), change);
}

async function saveChange(ctx: Ctx, e: Editable, change: (d: Draft) => Draft): Promise<Editable> {
  const draft = change(e.draft);
  draft.id = e.row.key; // the id is the questionnaire's address: it does not change with an edit
  await repo.saveDraft(ctx.db, e.row.id, draft, ctx.clock.now());
  const c = checkDraft(draft);
  return { ...e, draft, saved: true, issues: c.ok ? [] : c.issues };
}

export type NewInput = { id: string; title: string; respondentGroup: RespondentGroup; from?: string | null };
export type Created = Done<{ id: string; version: number }>;

/** A new own questionnaire: blank, or a copy of any questionnaire the förbund can see (standard or own). */
export const create = transactional(async function create(ctx: Ctx, user: ForbundUser, v: NewInput): Promise<Created> {
  mayEdit(user);
  if (isStandard(v.id)) return { ok: false, errors: { id: "Det id:t har en standardenkät. Välj ett annat." } };
  let draft: Draft;
  if (v.from) {
    const source = await definitionJson(ctx, user.forbundId, v.from).catch(() => undefined);
    if (!source) return { ok: false, errors: { from: "Enkäten att utgå från finns inte. Välj en i listan." } };
    draft = copyAsDraft(source as Draft, v.id, v.title);
    draft.respondentGroup = v.respondentGroup;
  } else draft = blankDraft(v.id, v.title, v.respondentGroup);
  const row = await repo.insert(ctx.db, { forbundId: user.forbundId, key: v.id, draft, at: ctx.clock.now() });
  if (!row) return { ok: false, errors: { id: `Förbundet har redan en enkät med id ${v.id}. Välj ett annat.` } };
  await audit.record(ctx, user, "questionnaire.created", { questionnaire: v.id, from: v.from ?? null });
  return { ok: true, id: v.id, version: draft.version };
});

export type Imported = { ok: true; id: string; version: number } | { ok: false; issues: DraftIssue[] };

/**
 * A whole definition as JSON (the format surveys/*.ts produce, or another förbund's export) becomes a
 * new own questionnaire's draft. It must be valid; its id must be free (409) and not a standard one (422).
 */
export const importDefinition = transactional(async function importDefinition(ctx: Ctx, user: ForbundUser, json: unknown): Promise<Imported> {
  mayEdit(user);
  const c = checkDraft(json);
  if (!c.ok) return c;
  if (isStandard(c.definition.id)) return { ok: false, issues: [{ message: `Id:t ${c.definition.id} har en standardenkät. Byt id i filen för att göra en egen kopia.` }] };
  const draft: Draft = { ...c.definition, source: "local", readOnly: false };
  const row = await repo.insert(ctx.db, { forbundId: user.forbundId, key: c.definition.id, draft, at: ctx.clock.now() });
  if (!row) throw new ConflictError(`Förbundet har redan en enkät med id ${c.definition.id}. Ändra den, eller byt id i filen.`);
  await audit.record(ctx, user, "questionnaire.created", { questionnaire: c.definition.id, from: "import" });
  return { ok: true, id: c.definition.id, version: c.definition.version };
});

/** Replaces the draft of an own questionnaire with a valid definition (the API's PUT); the version follows the published ones. */
export async function replaceDraft(ctx: Ctx, user: ForbundUser, id: string, json: unknown): Promise<Imported> {
  mayEdit(user);
  const e = await editable(ctx, user, id);
  const c = checkDraft(json);
  if (!c.ok) return c;
  if (c.definition.id !== id) return { ok: false, issues: [{ message: `Id:t i definitionen (${c.definition.id}) måste vara enkätens id (${id}).` }] };
  const published = e.versions[0]?.version ?? 0;
  const draft: Draft = { ...c.definition, version: Math.max(c.definition.version, published + 1), source: "local", readOnly: false };
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
export const publish = transactional(async function publish(ctx: Ctx, user: ForbundUser, id: string): Promise<Published> {
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
});

export type NnsImported = { ok: true; id: string; version: number; changed: string[] } | { ok: false; issues: (DraftIssue & { path?: string })[] };

/**
 * NNS's official wording (from its user manual, for förbund with an NNS agreement) as a new version of
 * a standard questionnaire. Question ids and kinds must match the version before, so that earlier
 * years compare wherever the wording is unchanged (sameQuestion decides); new insamlingar open it,
 * open ones keep the version they snapshotted.
 */
export const importNnsVersion = transactional(async function importNnsVersion(ctx: Ctx, user: ForbundUser, id: string, json: unknown): Promise<NnsImported> {
  if (!atLeast(user.role, "admin") || !user.forbundId) throw new ForbiddenError("Bara förbundets administratör kan läsa in NNS text.");
  if (!isStandard(id)) throw new NotFoundError("Bara en standardenkät kan få en version med NNS text. Förbundets egna enkäter publiceras i redigeraren.");
  const c = checkDraft(json);
  if (!c.ok) return c;
  const given = c.definition;
  const previous = await currentStandard(ctx, user.forbundId, id);
  const issues: (DraftIssue & { path?: string })[] = [];
  if (given.id !== id) issues.push({ path: "id", message: `Id:t i definitionen (${given.id}) måste vara standardenkätens id (${id}).` });
  if (given.source !== "nns") issues.push({ path: "source", message: "Källan ska vara nns: bara NNS egen text läses in som en ny version av en standardenkät." });
  if (!given.edition) issues.push({ path: "edition", message: "Skriv vilken utgåva av NNS material texten kommer från, till exempel Användarmanual 2025." });
  const before = new Map(questionsOf(previous).map((q) => [q.id, q]));
  for (const q of questionsOf(given)) {
    const was = before.get(q.id);
    if (!was) issues.push({ question: q.id, message: `Fråga ${q.id} finns inte i version ${previous.version}: en ny version behåller frågornas id (${[...before.keys()].join(", ")}), så att tidigare år kan jämföras.` });
    else if (was.kind !== q.kind) issues.push({ question: q.id, message: `Fråga ${q.id} har frågetypen ${q.kind} men var ${was.kind} i version ${previous.version}: frågetypen får inte ändras.` });
  }
  if (issues.length) return { ok: false, issues };
  // The same edition again (a second click, or the superadmin's import for every förbund) adds no version.
  const sameAgain = previous.source === "nns" && previous.edition === given.edition && questionsOf(given).length === before.size
    && changedQuestions(previous, given).length === 0;
  if (sameAgain) return { ok: true, id, version: previous.version, changed: [] };
  const row = await repo.find(ctx.db, user.forbundId, id) ?? await repo.insert(ctx.db, { forbundId: user.forbundId, key: id, draft: null, at: ctx.clock.now() });
  if (!row) throw new ConflictError("Enkäten ändrades samtidigt. Försök igen.");
  const def: Definition = {
    ...given, id, version: previous.version + 1, source: "nns", readOnly: true, respondentGroup: previous.respondentGroup,
    sections: given.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, source: q.source ?? "nns" })) })),
  };
  const changed = changedQuestions(previous, def);
  const saved = await repo.publish(ctx.db, { questionnaireId: row.id, version: def.version, definition: def, changed, by: user.id, at: ctx.clock.now() });
  if (!saved) throw new ConflictError(`Version ${def.version} är redan inläst.`);
  await audit.record(ctx, user, "questionnaire.published", { questionnaire: id, version: def.version, source: "nns", edition: def.edition });
  return { ok: true, id, version: def.version, changed };
});

/** Whether pasted JSON is NNS's text for a standard questionnaire (imported as its new version, not as an own questionnaire). */
export const isNnsText = (json: unknown): json is { id: string } => {
  const j = json as { id?: unknown; source?: unknown } | null;
  return typeof j === "object" && j !== null && j.source === "nns" && typeof j.id === "string" && isStandard(j.id);
};

export type NnsEverywhere = { forbund: string; result: NnsImported }[];

/** The platform's superadmin imports NNS's text for every förbund on the instance, each in its own transaction. */
export async function importNnsVersionEverywhere(ctx: Ctx, user: ForbundUser, id: string, json: unknown): Promise<NnsEverywhere> {
  if (user.role !== "superadmin") throw new ForbiddenError("Bara plattformens superadmin kan läsa in NNS text för alla förbund.");
  const out: NnsEverywhere = [];
  for (const f of await organisation.listForbund(ctx)) out.push({ forbund: f.name, result: await importNnsVersion(ctx, { ...user, forbundId: f.id }, id, json) });
  return out;
}

/**
 * Every version of a standard questionnaire this instance holds: the code's own (surveys/) and each NNS version a
 * förbund here imported (stored under the standard's key). What an aggregate file from another instance is checked
 * against (aggregates/service.ts).
 */
export async function standardVersions(ctx: Ctx, id: string): Promise<Definition[]> {
  const code = findSurvey(id);
  if (!code) return [];
  return [code, ...(await repo.versionsByKey(ctx.db, id)).map((v) => checked(v.definition))];
}

/** A published version with what changed in it, or 404. */
export async function versionOf(ctx: Ctx, forbundId: string, id: string, version: number) {
  const row = await repo.find(ctx.db, forbundId, id);
  const v = row && await repo.version(ctx.db, row.id, version);
  if (!v) throw new NotFoundError("Den versionen av enkäten finns inte.");
  return { ...v, definition: checked(v.definition) };
}

export type Preview = { def: Definition | null; draft: boolean; issues: string[] };

/**
 * What a preview shows: a given version, a standard questionnaire, the newest version for a läsare, or
 * else the draft — which must follow the schema to be rendered as a respondent sees it.
 */
export async function previewOf(ctx: Ctx, user: ForbundUser, id: string, version?: number): Promise<Preview> {
  if (version !== undefined || isStandard(id) || !atLeast(user.role, "koordinator")) {
    const c = checkDraft(await definitionJson(ctx, user.forbundId, id, { version }));
    if (!c.ok) throw new ConflictError("Enkäten har ingen publicerad version att förhandsvisa.");
    return { def: await withForbundName(ctx, user.forbundId, c.definition), draft: false, issues: [] };
  }
  const c = checkDraft((await editable(ctx, user, id)).draft);
  return c.ok ? { def: c.definition, draft: true, issues: [] } : { def: null, draft: true, issues: c.issues.map((i) => i.message) };
}

export const respondentGroupChoices = Object.entries(respondentGroups).map(([value, label]) => ({ value, label }));

// ——— Editing one question ———

export type SavedQuestion = { ok: true; id: string; editable: Editable } | { ok: false; errors: Record<string, string> };

/** Option codes from their text when none is written: "Försäkringskassan" → forsakringskassan. */
export const codeOf = (s: string) => s.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e")
  .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "alternativ";

/** Options written one per line, `kod: Text` or just `Text`; codes are unique within the question. */
export function parseOptions(lines: string): { code: string; sv: string }[] {
  const out: { code: string; sv: string }[] = [];
  for (const raw of lines.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([a-z0-9_]+)\s*:\s*(.+)$/.exec(line);
    let code = m ? m[1] : codeOf(line);
    const sv = m ? m[2].trim() : line;
    for (let n = 2; out.some((o) => o.code === code); n++) code = `${m ? m[1] : codeOf(line)}_${n}`;
    out.push({ code, sv });
  }
  return out;
}

type AnyText = Record<string, string> & { sv: string };
/** The Swedish text as typed; its translations are kept only while the Swedish is unchanged (a translation of old wording is wrong). */
const retext = (before: AnyText | undefined, sv: string): AnyText => (before && before.sv === sv ? { ...before } : { sv });

/** Builds the question the form describes, keeping the translations of texts that did not change. */
function buildQuestion(f: QuestionFormInput, before: Record<string, unknown> | undefined): Draft["sections"][number]["questions"][number] {
  const b = (before ?? {}) as Record<string, AnyText | undefined> & { options?: { code: string; text: AnyText }[] };
  const q: Record<string, unknown> = { id: f.id, kind: f.kind, text: retext(b.text, f.text), required: f.required };
  if (f.help) q.help = retext(b.help, f.help);
  if (f.comment) q.comment = { label: retext((b as { comment?: { label: AnyText } }).comment?.label, f.commentLabel || "Kommentera gärna ditt svar"), maxLength: 1000 };
  if (f.conditionQuestion) {
    const values = f.conditionValues.split(",").map((v) => v.trim()).filter(Boolean).map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    q.condition = { question: f.conditionQuestion, equals: values };
  }
  if (f.kind === "frequency6") q.dontKnow = f.dontKnow;
  if (f.kind === "scale10" || f.kind === "scale6") Object.assign(q, { low: retext(b.low, f.low), high: retext(b.high, f.high), dontKnow: f.dontKnow });
  if (f.kind === "single" || f.kind === "multi") {
    q.options = parseOptions(f.options).map((o) => ({ code: o.code, text: retext(b.options?.find((x) => x.code === o.code)?.text, o.sv) }));
    if (f.kind === "multi" && f.other) q.other = retext(b.other, f.other);
  }
  if (f.kind === "text") q.maxLength = f.maxLength ?? 2000;
  return q as Draft["sections"][number]["questions"][number];
}

/** Checks what one question's form cannot check alone (its id is free, its condition points back, its kind's fields), then saves it in the draft. */
export async function saveQuestion(ctx: Ctx, user: ForbundUser, id: string, oldId: string, f: QuestionFormInput): Promise<SavedQuestion> {
  mayEdit(user);
  const e = await editable(ctx, user, id);
  const all = e.draft.sections.flatMap((s) => s.questions);
  const before = all.find((q) => q.id === oldId);
  if (!before) throw new NotFoundError("Frågan finns inte i enkäten.");
  const errors: Record<string, string> = {};
  if (f.id !== oldId && all.some((q) => q.id === f.id)) errors.id = `Id:t ${f.id} används redan av en annan fråga i enkäten.`;
  if (f.conditionQuestion) {
    const earlier = all.slice(0, all.indexOf(before)).map((q) => q.id);
    if (!earlier.includes(f.conditionQuestion)) errors.conditionQuestion = "Villkoret kan bara gälla en fråga som kommer före den här.";
    else if (!f.conditionValues.trim()) errors.conditionValues = "Skriv vilket svar som ska visa frågan, till exempel ja.";
  }
  if ((f.kind === "scale10" || f.kind === "scale6") && !f.low) errors.low = "Skriv vad det lägsta värdet betyder.";
  if ((f.kind === "scale10" || f.kind === "scale6") && !f.high) errors.high = "Skriv vad det högsta värdet betyder.";
  if ((f.kind === "single" || f.kind === "multi") && parseOptions(f.options).length < 2) errors.options = "Skriv minst två svarsalternativ, ett per rad.";
  if (f.comment && !f.commentLabel) errors.commentLabel = "Skriv en rubrik för kommentarsfältet, till exempel Kommentera gärna ditt svar.";
  if (Object.keys(errors).length) return { ok: false, errors };
  const q = buildQuestion(f, before as Record<string, unknown>);
  return { ok: true, id: f.id, editable: await saveChange(ctx, e, (d) => replaceQuestion(d, oldId, q)) };
}

// ——— The editor's other moves ———

export type SettingsInput = { title: string; shortTitle: string; intro: string; respondentGroup: RespondentGroup; languages: string[]; otherLanguages: string[] };

/** Title, short title (empty: none), intro, respondent group and the languages to translate into (Swedish is always there). */
export function saveSettings(ctx: Ctx, user: ForbundUser, id: string, v: SettingsInput) {
  return changeDraft(ctx, user, id, ({ shortTitle, ...d }) => ({
    ...d,
    title: retext(d.title as AnyText, v.title), intro: retext(d.intro as AnyText, v.intro), respondentGroup: v.respondentGroup,
    ...(v.shortTitle ? { shortTitle: retext(shortTitle as AnyText | undefined, v.shortTitle) } : {}),
    languages: ["sv", ...new Set([...v.languages, ...v.otherLanguages].filter((l) => l !== "sv"))],
  }));
}

/** A new section at the end; its id is the next free `del-N`. */
export function addSection(ctx: Ctx, user: ForbundUser, id: string, title: string) {
  return changeDraft(ctx, user, id, (d) => {
    let n = d.sections.length + 1;
    while (d.sections.some((s) => s.id === `del-${n}`)) n++;
    return { ...d, sections: [...d.sections, { id: `del-${n}`, ...(title ? { title: { sv: title } } : {}), questions: [] }] };
  });
}

/** Renames a section (an empty title: the questionnaire's title is shown), or removes it when it has no questions. */
export function changeSection(ctx: Ctx, user: ForbundUser, id: string, index: number, v: { title: string; remove: boolean }) {
  return changeDraft(ctx, user, id, (d) => {
    const s = d.sections[index];
    if (!s) throw new NotFoundError("Avsnittet finns inte.");
    if (v.remove) {
      if (s.questions.length) throw new ConflictError("Avsnittet har frågor: flytta eller ta bort dem först.");
      if (d.sections.length === 1) throw new ConflictError("En enkät behöver minst ett avsnitt.");
      return { ...d, sections: d.sections.filter((_, i) => i !== index) };
    }
    const sections = [...d.sections];
    sections[index] = { ...s, title: v.title ? retext(s.title as AnyText | undefined, v.title) : undefined };
    if (!v.title) delete sections[index].title;
    return { ...d, sections };
  });
}

/** Adds a question of a kind at the end of a section, with the next free number; the editor opens it next. */
export async function addQuestionOf(ctx: Ctx, user: ForbundUser, id: string, kind: Definition["sections"][number]["questions"][number]["kind"], section: number) {
  let qid = "";
  await changeDraft(ctx, user, id, (d) => {
    const q = newQuestion(d, kind);
    qid = q.id;
    return addQuestion(d, section, q);
  });
  return qid;
}

export const moveQuestionIn = (ctx: Ctx, user: ForbundUser, id: string, qid: string, direction: "up" | "down") =>
  changeDraft(ctx, user, id, (d) => moveQuestion(d, qid, direction));

export const removeQuestionFrom = (ctx: Ctx, user: ForbundUser, id: string, qid: string) =>
  changeDraft(ctx, user, id, (d) => removeQuestion(d, qid));

/** The texts of one language from the translation form or a translator's file. */
export async function saveTranslations(ctx: Ctx, user: ForbundUser, id: string, byLanguage: Record<string, Record<string, string>>) {
  return changeDraft(ctx, user, id, (d) => {
    let next = d;
    for (const [lang, texts] of Object.entries(byLanguage)) {
      next = applyTranslations(next, lang, texts);
      if (lang !== "sv" && !(next.languages ?? []).includes(lang)) next = { ...next, languages: [...(next.languages ?? ["sv"]), lang] };
    }
    return next;
  });
}

// ——— Language versions (the translation API and page) and the förbund's enabled languages ———

export { enabledFromStart, enabledLanguages, peekEnabled, setLanguageEnabled, forbundWords, peekWords, setForbundWords, type ForbundWords } from "./languages.js";

export type TranslationOf = languages.LanguageVersion & { standard: boolean; title: string; draft: boolean };

/**
 * The questionnaire version a translation belongs to: a given version, or the one an insamling would open
 * now (a standard one, or the newest published version of an own one); an own questionnaire that has
 * never been published is translated in its draft.
 */
async function translatable(ctx: Ctx, user: ForbundUser, id: string, version?: number): Promise<{ def: Definition; draft: boolean }> {
  if (!isStandard(id) && version === undefined) {
    const row = await repo.find(ctx.db, user.forbundId, id);
    if (!row) throw new NotFoundError("Enkäten finns inte.");
    const latest = await repo.version(ctx.db, row.id);
    if (latest) return { def: checked(latest.definition), draft: false };
    const c = checkDraft(row.draft);
    if (!c.ok) throw new ConflictError("Utkastet har fel som måste rättas innan det kan översättas – se enkätens sida.");
    return { def: c.definition, draft: true };
  }
  const c = checkDraft(await definitionJson(ctx, user.forbundId, id, { version }));
  if (!c.ok) throw new ConflictError("Den versionen av enkäten följer inte schemat.");
  return { def: c.definition, draft: false };
}

/** One language version of a questionnaire version with every text, its Swedish and where it comes from. */
export async function translationOf(ctx: Ctx, user: ForbundUser, id: string, lang: string, version?: number): Promise<TranslationOf> {
  mayEdit(user);
  const { def, draft } = await translatable(ctx, user, id, version);
  // A draft's translations are in the draft itself (the editor's); a version's are the förbund's language version.
  const v = draft ? languages.versionFromDefinition(def, lang) : await languages.languageVersion(ctx, user.forbundId, def, lang);
  return { ...v, standard: isStandard(id), title: tr(def.title, "sv"), draft };
}

export type SavedTranslation = { ok: true; complete: boolean; missing: string[] } | { ok: false; unknown: string[] };

/** Sets texts of one language version by API key (an empty text removes it); an unknown key is refused by name. */
export const saveTranslationOf = transactional(async function saveTranslationOf(
  ctx: Ctx, user: ForbundUser, id: string, lang: string, version: number | undefined, texts: Record<string, string>, state: languages.TranslationState,
): Promise<SavedTranslation> {
  mayEdit(user);
  const { def, draft } = await translatable(ctx, user, id, version);
  if (draft) {
    const byApiKey = new Map(languages.versionFromDefinition(def, lang).entries.map((e) => [e.key, e.entryKey]));
    const unknown = Object.keys(texts).filter((k) => !byApiKey.has(k));
    if (unknown.length) return { ok: false, unknown };
    await saveTranslations(ctx, user, id, { [lang]: Object.fromEntries(Object.entries(texts).map(([k, v]) => [byApiKey.get(k)!, v])) });
    const after = await translationOf(ctx, user, id, lang);
    return { ok: true, complete: after.complete, missing: after.missing };
  }
  const saved = await languages.saveTexts(ctx, user.forbundId, def, lang, texts, state);
  if (!saved.ok) return saved;
  await audit.record(ctx, user, "questionnaire.translated", { questionnaire: id, version: def.version, lang, state });
  return { ok: true, complete: saved.version.complete, missing: saved.version.missing };
});

/** Every usual language of a questionnaire version as the förbund has it (for the questionnaire's page), and whether new insamlingar offer it. */
export async function languageVersionsOf(ctx: Ctx, forbundId: string, id: string) {
  const def = checked(await definitionJson(ctx, forbundId, id));
  const [enabled, own] = await Promise.all([languages.enabledLanguages(ctx, forbundId), languages.forbundWords(ctx, forbundId)]);
  const known = await languages.languageVersions(ctx, forbundId, def);
  const all = [...new Set([...languageCodes.filter((l) => l !== "sv"), ...known.map((v) => v.lang)])];
  return Promise.all(all.map(async (lang) => {
    const v = known.find((k) => k.lang === lang) ?? await languages.languageVersion(ctx, forbundId, def, lang);
    return { lang, complete: v.complete, missing: v.missing, state: v.state, offered: v.complete && offeredLanguage(lang, enabled, own) };
  }));
}
