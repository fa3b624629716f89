/**
 * The förbund's aggregate file and its import into the national view (issue 20): förbund on other Samspår instances
 * contribute by file. No answer row leaves the förbund: the file holds counts per answer value of the questions whose
 * wording is national, a question's counts only when none is between 1 and k − 1 (suppression.pure.ts), and a
 * checksum (file.pure.ts). The schema is docs/aggregat.schema.json (json-schema.ts).
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Ctx } from "../context.js";
import type { CurrentUser, ForbundUser } from "../http/types.js";
import { refused, type Done } from "../result.js";
import { ForbiddenError } from "../errors.js";
import { atLeast } from "../accounts/roles.js";
import * as results from "../results/service.js";
import * as organisation from "../organisation/service.js";
import * as audit from "../audit/service.js";
import * as questionnaires from "../questionnaires/service.js";
import * as collections from "../collections/service.js";
import { effectiveK, reportQuestion, type QuestionResult } from "../results/threshold.js";
import { questionStats } from "../results/stats.js";
import { transactional } from "../unit-of-work.js";
import { indicatorSurveys } from "../../surveys/index.js";
import { isSourceWording, questionsOf, tr, type Definition, type Question } from "../../surveys/define.js";
import { AGGREGATE_FORMAT, AGGREGATE_FORMAT_VERSION, checksumOf, type AggregateFile, type AggregateQuestionnaire } from "./file.pure.js";
import { fileCounts, followsRule } from "./suppression.pure.js";
import { aggregateJsonSchema } from "./json-schema.js";
import * as repo from "./repo.js";

// ——— Which questions and values ———

/** The kinds a file carries: each answer is one value, so the counts add up to the question's answers. */
const FILE_KINDS = new Set(["frequency6", "scale6", "scale10", "yesno", "single"]);

/** A question of a national questionnaire whose wording is NNS's or printed verbatim (surveys/define.ts). */
const nationalQuestions = (def: Definition): Question[] =>
  def.source === "local" ? [] : questionsOf(def).filter((q) => FILE_KINDS.has(q.kind) && isSourceWording(q));

/** Every value a question can take ("0": vet inte / ej aktuellt, where the question has it). */
function valuesOf(q: Question): string[] {
  const range = (max: number) => Array.from({ length: max }, (_, i) => String(i + 1));
  switch (q.kind) {
    case "frequency6": return [...range(6), ...(q.dontKnow ? ["0"] : [])];
    case "scale6": return [...range(6), ...(q.dontKnow ? ["0"] : [])];
    case "scale10": return [...range(10), ...(q.dontKnow ? ["0"] : [])];
    case "yesno": return ["ja", "nej"];
    case "single": return q.options.map((o) => o.code);
    default: return [];
  }
}

// ——— The file out ———

/**
 * The förbund's aggregate of a year: per indicator questionnaire version and respondent group with at least k finished
 * answers, the counts of the national questions through suppression.pure.ts. The admin's (it is what the förbund
 * shares); the download is audited.
 */
export async function forbundAggregate(ctx: Ctx, user: ForbundUser, year: number): Promise<AggregateFile> {
  if (!atLeast(user.role, "admin")) throw new ForbiddenError("Bara förbundets administratör hämtar förbundets aggregat.");
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  const k = effectiveK(org.reportingThreshold);
  const questionnaires: AggregateQuestionnaire[] = [];
  for (const standard of indicatorSurveys) {
    for (const group of await results.countsByVersion(ctx, user.forbundId, year, standard.id)) {
      const def = group.definition;
      if (group.finished < k || def.source === "local") continue;
      questionnaires.push({
        id: standard.id, version: def.version, source: def.source, respondentGroup: group.respondentGroup, n: group.finished,
        questions: nationalQuestions(def).map((q) => {
          const counted = group.values.get(q.id);
          const counts = Object.fromEntries(valuesOf(q).map((v) => [v, counted?.get(v) ?? 0]));
          return { id: q.id, kind: q.kind, text: tr(q.text, "sv"), counts: fileCounts(counts, k) };
        }),
      });
    }
  }
  const content = { format: AGGREGATE_FORMAT, formatVersion: AGGREGATE_FORMAT_VERSION, forbund: { id: org.id, name: org.name }, year, k, questionnaires } as const;
  await audit.record(ctx, user, "aggregate.exported", { year, questionnaires: questionnaires.length });
  return { ...content, checksum: checksumOf(content) };
}

// ——— The file in ———

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validateFile = ajv.compile(aggregateJsonSchema);

/** ajv's issue in Swedish, with the place in the file as a dotted path. */
function schemaIssue(e: ErrorObject): [string, string] {
  const path = ["(fil)", ...e.instancePath.split("/").filter(Boolean)].slice(e.instancePath ? 1 : 0).join(".");
  const p = e.params as Record<string, unknown>;
  const says: Record<string, () => string> = {
    required: () => `Fältet ${String(p.missingProperty)} saknas.`,
    additionalProperties: () => `Fältet ${String(p.additionalProperty)} finns inte i schemat.`,
    type: () => `Värdet ska vara av typen ${String(p.type)}.`,
    const: () => `Värdet ska vara ${JSON.stringify(p.allowedValue)}.`,
    enum: () => `Värdet ska vara ett av ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`,
    pattern: () => "Värdet har fel form.",
    format: () => `Värdet ska vara ett ${String(p.format)}.`,
    minimum: () => `Värdet får inte vara under ${String(p.limit)}.`,
    maximum: () => `Värdet får inte vara över ${String(p.limit)}.`,
  };
  return [path, `Filen följer inte schemat (docs/aggregat.schema.json): ${says[e.keyword]?.() ?? "värdet följer inte schemat."}`];
}

export type ImportOutcome = Done<{ forbund: { id: string; name: string }; year: number; questionnaires: number }>;

/**
 * Imports a förbund's aggregate file into the national view (superadmin). Refused, with the reason by place in the
 * file: one that does not follow the schema, whose checksum does not match its content, from a förbund of this
 * instance (it shares from here), of a questionnaire that is not an indicator questionnaire here, with a question whose
 * wording is not the national text of a version this instance knows (knownDefinitions), or with a count below its own k. A förbund's
 * file of a year imported again replaces everything its earlier file of that year brought.
 */
export const importAggregate = transactional(async function importAggregate(ctx: Ctx, actor: CurrentUser, body: unknown): Promise<ImportOutcome> {
  if (actor.role !== "superadmin") throw new ForbiddenError("Bara plattformsadministratören läser in aggregat.");
  if (!validateFile(body)) return refused(Object.fromEntries((validateFile.errors ?? []).map(schemaIssue)));
  const file = body as unknown as AggregateFile;
  if (checksumOf(file) !== file.checksum) {
    return refused({ checksum: "Kontrollsumman stämmer inte med filens innehåll: filen har ändrats efter att den skrevs, eller kontrollsumman är fel räknad." });
  }
  if ((await organisation.listForbund(ctx)).some((f) => f.id === file.forbund.id)) {
    return refused({ "forbund.id": "Förbundet finns på den här installationen och delar nationellt härifrån; dess fil läses inte in." });
  }
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const known = new Map<string, Definition[]>();
  for (const [i, q] of file.questionnaires.entries()) {
    const key = JSON.stringify([q.id, q.version, q.respondentGroup]);
    if (seen.has(key)) errors[`questionnaires.${i}`] = `Enkäten ${q.id} version ${q.version} för ${q.respondentGroup} finns två gånger i filen.`;
    seen.add(key);
    if (!known.has(q.id)) known.set(q.id, await knownDefinitions(ctx, q.id));
    Object.assign(errors, wordingIssues(known.get(q.id)!, q, i, file.k));
  }
  if (Object.keys(errors).length) return refused(errors);
  const byVersion = new Map<string, AggregateQuestionnaire[]>();
  for (const q of file.questionnaires) byVersion.set(JSON.stringify([q.id, q.version]), [...(byVersion.get(JSON.stringify([q.id, q.version])) ?? []), q]);
  // The file is the förbund's whole year: a new one replaces every version the last one brought, so a förbund is never
  // counted twice (once under each of two files' version numbers) and a version the new file leaves out is gone.
  await repo.deleteImported(ctx.db, file.forbund.id, file.year);
  for (const entries of byVersion.values()) {
    await repo.upsertImported(ctx.db, {
      forbundId: file.forbund.id, forbundName: file.forbund.name, year: file.year, questionnaireId: entries[0].id, version: entries[0].version,
      k: file.k, content: entries, checksum: file.checksum, importedBy: actor.id,
    }, ctx.clock.now());
  }
  await audit.record(ctx, { ...actor, forbundId: null }, "aggregate.imported", { forbundId: file.forbund.id, name: file.forbund.name, year: file.year, questionnaires: file.questionnaires.length });
  return { ok: true, forbund: file.forbund, year: file.year, questionnaires: file.questionnaires.length };
});

// ——— Which versions are known ———

/**
 * A questionnaire version is known here when this instance holds a definition with the same national wording: the
 * code's standard (surveys/), an NNS version a förbund here imported (questionnaire_versions), or one an insamling here
 * opened with (an older release's standard, kept in its snapshot). The version *number* does not decide: each förbund
 * numbers the NNS versions it imports itself (questionnaires/service.ts importNnsVersion: the förbund's previous + 1),
 * so the same NNS text is version 2 on one instance and 3 on another, and a number says nothing about wording. What
 * decides is what makes figures comparable: every question in the file has, in one known definition, national wording
 * with the same kind, the same Swedish text and the same answer values. A file from a förbund elsewhere on the same
 * national questionnaire is therefore accepted whatever it numbers its version, and changed wording is refused.
 */
async function knownDefinitions(ctx: Ctx, id: string): Promise<Definition[]> {
  if (!indicatorSurveys.some((d) => d.id === id)) return [];
  const all = [...await questionnaires.standardVersions(ctx, id), ...await collections.snapshotDefinitions(ctx, id)];
  // One of each national wording (many insamlingar share a definition).
  const seen = new Set<string>();
  return all.filter((d) => {
    const key = JSON.stringify(nationalQuestions(d).map((q) => [q.id, q.kind, tr(q.text, "sv"), valuesOf(q)]));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What is wrong with one questionnaire of a file against one known definition: wording, values and counts, by place in the file. */
function issuesAgainst(def: Definition, q: AggregateQuestionnaire, at: string, k: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (q.n < k) errors[`${at}.n`] = `n = ${q.n} är under filens rapporteringsgräns k = ${k}.`;
  const national = new Map(nationalQuestions(def).map((x) => [x.id, x]));
  q.questions.forEach((fq, j) => {
    const here = `${at}.questions.${j}`;
    const ours = national.get(fq.id);
    if (!ours) { errors[here] = `Frågan ${fq.id} har inte nationell formulering i ${q.id} (version ${def.version} här) och kan inte läsas in.`; return; }
    const text = tr(ours.text, "sv");
    if (ours.kind !== fq.kind || text !== fq.text) {
      errors[here] = `Frågan ${fq.id} är ändrad: den nationella texten i ${q.id} (version ${def.version} här) är ”${text}” (${ours.kind}), filen har ”${fq.text}” (${fq.kind}). ` +
        "Ingen version av enkäten på den här installationen har filens formulering, så siffrorna kan inte jämföras.";
      return;
    }
    const legal = new Set(valuesOf(ours));
    const unknown = Object.keys(fq.counts).filter((v) => !legal.has(v));
    const missing = [...legal].filter((v) => !(v in fq.counts));
    if (unknown.length) errors[`${here}.counts`] = `Frågan ${fq.id} kan inte ha svarsvärdet ${unknown.join(", ")}.`;
    else if (missing.length) errors[`${here}.counts`] = `Frågan ${fq.id} saknar antal för svarsvärdet ${missing.join(", ")}.`;
    if (!followsRule(fq.counts, k)) errors[`${here}.counts`] = `Frågan ${fq.id} har antal under filens rapporteringsgräns k = ${k} bland andra: då ska alla frågans antal vara null.`;
  });
  return errors;
}

/**
 * One questionnaire of a file against the versions this instance knows (knownDefinitions): none of its issues when one
 * known definition has all of its questions' wording; else the issues against the closest one (the same version number
 * if the instance has one, else the one with the fewest issues), so that the reason names the question that differs.
 */
function wordingIssues(known: Definition[], q: AggregateQuestionnaire, i: number, k: number): Record<string, string> {
  const at = `questionnaires.${i}`;
  if (!known.length) return { [`${at}.id`]: `${q.id} är ingen av indikatorenkäterna på den här installationen, så dess formulering kan inte jämföras.` };
  const tried = known.map((def) => ({ def, errors: issuesAgainst(def, q, at, k) }));
  const fits = tried.find((x) => !Object.keys(x.errors).length);
  if (fits) return {};
  const sameNumber = tried.find((x) => x.def.version === q.version);
  return (sameNumber ?? [...tried].sort((a, b) => Object.keys(a.errors).length - Object.keys(b.errors).length)[0]).errors;
}

// ——— In the national view ———

/** One imported förbund's column for the national view: the same shape as a förbund's own (groups/comparison.pure.ts ColumnInput). */
export type ImportedColumn = { id: string; name: string; k: number; n: number; questions: Record<string, QuestionResult | undefined>; imported: true };

/**
 * The imported förbund's columns of one questionnaire and year: one per file entry (förbund, version, respondent
 * group). A question enters with its figures only when its wording is the definition's national text and none of its
 * counts is hidden (a hidden count makes its figures unknown); else it is hidden in that column.
 */
export async function importedColumns(ctx: Ctx, def: Definition, year: number): Promise<ImportedColumn[]> {
  const rows = await repo.importedOf(ctx.db, def.id, year);
  const national = new Map(nationalQuestions(def).map((q) => [q.id, q]));
  const perForbund = new Map<string, number>();
  for (const r of rows) perForbund.set(r.forbundId, (perForbund.get(r.forbundId) ?? 0) + (r.content as AggregateQuestionnaire[]).length);
  return rows.flatMap((r) => (r.content as AggregateQuestionnaire[]).map((entry) => {
    const questions: Record<string, QuestionResult | undefined> = {};
    for (const fq of entry.questions) {
      const ours = national.get(fq.id);
      if (!ours || ours.kind !== fq.kind || tr(ours.text, "sv") !== fq.text) continue;
      const values = Object.entries(fq.counts);
      if (values.some(([, n]) => n === null)) continue;
      questions[fq.id] = reportQuestion(questionStats(ours, new Map(values.map(([v, n]) => [v, n as number]))), r.k);
    }
    const several = (perForbund.get(r.forbundId) ?? 0) > 1;
    return {
      id: r.forbundId, name: `${r.forbundName} (inläst fil${several ? `, version ${entry.version}, ${entry.respondentGroup}` : ""})`,
      k: r.k, n: entry.n, questions, imported: true as const,
    };
  }));
}

/** The number of förbund with an imported file per questionnaire for a year (the national page's overview). */
export const importedCounts = (ctx: Ctx, year: number) => repo.importedCounts(ctx.db, year);
/** The years any file is imported for. */
export const importedYears = (ctx: Ctx) => repo.importedYears(ctx.db);
