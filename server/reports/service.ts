/**
 * Bilagor: builds each bilaga's report model from the other features' services (results, goals,
 * deviations, organisation, collections; never their tables), renders it to a file, and records
 * every download as an export in the audit log.
 */
import { ZipArchive } from "archiver";
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import * as results from "../results/service.js";
import * as deviations from "../deviations/service.js";
import * as collections from "../collections/service.js";
import * as audit from "../audit/service.js";
import { effectiveK } from "../results/threshold.js";
import { atLeast } from "../accounts/roles.js";
import { ForbiddenError } from "../errors.js";
import { canReadForbundWide, FORBUND_WIDE_REFUSED } from "../http/scope.js";
import { questionsOf, respondentGroups, tr, type Question, type RespondentGroup } from "../../surveys/define.js";
import { findSurvey } from "../../surveys/index.js";
import { formatInteger, questionNumber } from "../results/format.js";
import * as goals from "../goals/service.js";
import type { BilagaTexts, ReportModel } from "./model.js";
import * as repo from "./repo.js";
import { avvikelserBilaga, indicatorTextKey, indikatorBilaga, maluppfyllelseBilaga, samverkanBilaga, type IndicatorGroup } from "./build.js";
import { renderHtml } from "./render/html.js";
import { renderCsv } from "./render/csv.js";
import { renderXlsx } from "./render/xlsx.js";
import { chartImages } from "./render/chart.js";
import { currentYear } from "../dates.js";

// The shape of a bilaga and how its cells are printed, for the features that build one (socioeconomics).
export type { Cell, ColumnKind, ReportModel, ReportSection, ReportTable } from "./model.js";
export { formatCell } from "./render/cells.js";

export const bilagor = [
  { slug: "utvardering-samverkan", api: "samverkan", file: "Bilaga 5 Utvärdering samverkan", title: "Utvärdering samverkan" },
  { slug: "avvikelser", api: "avvikelser", file: "Bilaga 6 Avvikelser i samverkan", title: "Avvikelser i samverkan – sammanställning och analys" },
  { slug: "maluppfyllelse", api: "maluppfyllelse", file: "Bilaga 2 Tabell måluppfyllelse", title: "Tabell måluppfyllelse" },
  { slug: "indikatorenkater", api: "indikatorer", file: "Indikatorenkäter per insats", title: "Indikatorenkäter per insats" },
] as const;
export type Bilaga = (typeof bilagor)[number];
export type BilagaSlug = Bilaga["slug"];
/**
 * The Statistik bilaga: built and rendered by socioeconomics (through render below), listed on /bilagor, numbered
 * and put in the ZIP here. Its files come from the route (reports/routes.ts), since socioeconomics renders through
 * this file and cannot be imported by it.
 */
export const statistikBilaga = { slug: "statistik", file: "Statistik", title: "Statistik" } as const;
/** Every bilaga the förbund numbers, in the order of /bilagor. */
export const numberedBilagor = [...bilagor, statistikBilaga] as const;
export type NumberedSlug = BilagaSlug | typeof statistikBilaga.slug;
export const fileFormats = ["html", "docx", "xlsx", "csv"] as const;
export type FileFormat = (typeof fileFormats)[number];
export const formatLabels: Record<FileFormat, string> = { html: "Utskrift (HTML)", docx: "Word", xlsx: "Excel", csv: "CSV" };

export const bySlug = (slug: string) => bilagor.find((b) => b.slug === slug);
export const byApiName = (name: string) => bilagor.find((b) => b.api === name);

/**
 * A year of one questionnaire for a bilaga, read as the user: yearResults refuses a koordinator scoped
 * to kommunområden (http/scope.ts), as buildModel does first — no role is swapped for another here.
 * A filter the year view turns down (a questionnaire or an insats the förbund does not have) means nothing
 * to report, so the bilaga says so: null.
 */
async function yearOf(ctx: Ctx, user: ForbundUser, filter: { year: number; questionnaire: string; interventionId?: string; respondentGroup?: string }) {
  const out = await results.yearResults(ctx, user, filter as Parameters<typeof results.yearResults>[2], { texts: true });
  return out.ok ? goals.withGoals(ctx, out.results, out.results.filter) : null;
}

// ——— Numbering: "Bilaga 5 Utvärdering samverkan", as the förbund's årsredovisning has it ———

/** report_texts.bilaga of the numbering; keys "<slug>_nummer" and "<slug>_titel". */
const NUMBERING = "numrering";
/** The numbers of 002's årsredovisning, used until the förbund sets its own (the titles built in build.ts carry them). */
const defaultNumbers: Partial<Record<NumberedSlug, number>> = { "utvardering-samverkan": 5, avvikelser: 6, maluppfyllelse: 2 };
/** A stored number "0": the förbund chose no number (an empty field goes back to the default). */
const NO_NUMBER = "0";
export const MAX_BILAGA_TITLE = 120;

export type BilagaName = {
  /** null: printed without a number. */
  number: number | null;
  title: string;
  /** "Bilaga 5 Utvärdering samverkan" (or the title alone). */
  label: string;
  /** Whether the förbund has set the number or title for the year (otherwise the bilaga keeps its built title). */
  set: boolean;
};

const nameOf = (slug: NumberedSlug, stored: Map<string, string>): BilagaName => {
  const b = numberedBilagor.find((x) => x.slug === slug)!;
  const n = stored.get(`${slug}_nummer`), t = stored.get(`${slug}_titel`);
  const number = n === undefined ? defaultNumbers[slug] ?? null : n === NO_NUMBER ? null : Number(n);
  const title = t ?? b.title;
  return { number, title, label: number === null ? title : `Bilaga ${number} ${title}`, set: n !== undefined || t !== undefined };
};

/** The number and title of each bilaga for the förbund's year. */
export async function bilagaNames(ctx: Ctx, forbundId: string, year: number): Promise<Record<NumberedSlug, BilagaName>> {
  const stored = new Map((await repo.listTexts(ctx.db, forbundId, year, NUMBERING)).map((r) => [r.key, r.text]));
  return Object.fromEntries(numberedBilagor.map((b) => [b.slug, nameOf(b.slug, stored)])) as Record<NumberedSlug, BilagaName>;
}

/** The model with the förbund's number and title for the year ("Bilaga 4 Utvärdering samverkan 2024"), when it has set them. */
export const numbered = (model: ReportModel, name: BilagaName, year: number): ReportModel => (name.set ? { ...model, title: `${name.label} ${year}` } : model);

/** A file's name without extension: the förbund's label when set, the built-in name otherwise. */
const fileBase = (b: { file: string }, name: BilagaName | undefined, year: number) => `${name?.set ? name.label : b.file} ${year}`;

/** Field names of the numbering form, per bilaga. */
export const numberingFields = numberedBilagor.map((b) => ({ slug: b.slug, title: b.title, number: `${b.slug}_nummer`, titleField: `${b.slug}_titel` }));

/**
 * Saves the numbering of a year (already checked by its schema): a number (null: no number, undefined: the
 * default) and a title (undefined: the bilaga's own) per bilaga.
 */
export async function saveNumbering(ctx: Ctx, user: ForbundUser, year: number, v: Record<string, { number: number | null | undefined; title: string | undefined }>) {
  const texts: Record<string, string> = {};
  for (const b of numberedBilagor) {
    const x = v[b.slug];
    if (!x) continue;
    texts[`${b.slug}_nummer`] = x.number === undefined || x.number === (defaultNumbers[b.slug] ?? null) ? "" : x.number === null ? NO_NUMBER : String(x.number);
    texts[`${b.slug}_titel`] = x.title === undefined || x.title === b.title ? "" : x.title;
  }
  await repo.saveTexts(ctx.db, user.forbundId, year, NUMBERING, texts, user.id, ctx.clock.now());
  await audit.record(ctx, user, "bilagor.numrering", { year });
}

// ——— The texts the förbund writes (a summary per question, the analysis) ———

/** The bilagor that carry written texts. */
export const textBilagor = ["utvardering-samverkan", "avvikelser", "indikatorenkater"] as const;
export type TextBilaga = (typeof textBilagor)[number];
/** A field of a text form; `noun` names it in an error message ("Sammanfattningen av fråga 3"). */
export type TextField = { key: string; label: string; noun: string; max: number; rows: number };

/** Longest text, in characters: a summary of one question, the year's analysis. */
export const MAX_SUMMARY = 4000;
export const MAX_ANALYSIS = 20000;

/**
 * The indicator groups of a year: each insats with its indikator insamlingar, one group per questionnaire and
 * respondent group (the newest insamling's definition, listCollections being newest first), in the insatser's order.
 */
async function indicatorScopes(ctx: Ctx, forbundId: string, year: number, org: Awaited<ReturnType<typeof results.organisationOf>>) {
  const all = (await collections.listCollections(ctx, forbundId)).filter((c) => c.year === year && c.questionnaireId.startsWith("indikator") && c.interventionId);
  const seen = new Set<string>();
  const scopes: { interventionId: string; intervention: string; questionnaireId: string; respondentGroup: string | null; definition: collections.Collection["definition"] }[] = [];
  for (const i of org.interventions) {
    for (const c of all.filter((c) => c.interventionId === i.id)) {
      const key = `${c.questionnaireId}|${c.respondentGroup ?? ""}|${i.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      scopes.push({ interventionId: i.id, intervention: i.name, questionnaireId: c.questionnaireId, respondentGroup: c.respondentGroup, definition: c.definition });
    }
  }
  return scopes;
}

/** Whether a question's answers include free text: the question is a text, or has a comment or an "Annat" text. */
export const takesFreeText = (q: Question): boolean => q.kind === "text" || !!q.comment || (q.kind === "multi" && !!q.other);

/**
 * The fields of a bilaga's text form: one summary per free-text question of the samverkan evaluation, the analysis, or
 * (indikatorenkäter) one summary per free-text question of each insats's questionnaire that year.
 */
export async function textFields(ctx: Ctx, forbundId: string, year: number, slug: TextBilaga): Promise<TextField[]> {
  if (slug === "avvikelser") return [{ key: "analys", label: "Samverkanskoordinatorns analys", noun: "Analysen", max: MAX_ANALYSIS, rows: 12 }];
  if (slug === "indikatorenkater") {
    const org = await results.organisationOf(ctx, forbundId);
    return (await indicatorScopes(ctx, forbundId, year, org)).flatMap((s) => questionsOf(s.definition).filter((q) => q.kind === "text").map((q) => ({
      key: indicatorTextKey(s.interventionId, s.questionnaireId, s.respondentGroup, q.id),
      label: `${s.intervention}, ${s.respondentGroup ? respondentGroups[s.respondentGroup as RespondentGroup] ?? s.respondentGroup : "alla svarsgrupper"}: fråga ${questionNumber(q.id)}. ${tr(q.text, "sv")}`,
      noun: `Sammanfattningen av fråga ${questionNumber(q.id)} (${s.intervention})`, max: MAX_SUMMARY, rows: 3,
    })));
  }
  // A summary is printed above its question's grouped free-text answers, so the form offers the questions that take
  // free text (a text question, a comment, an "Annat" text), in the wording of the year's newest insamling. A question
  // without free text that has a summary saved before (when every question was offered) keeps its field, marked, so
  // that the text can still be read and removed; it is not left in the bilaga out of reach.
  const newest = (await collections.listCollections(ctx, forbundId)).find((c) => c.year === year && c.questionnaireId === results.SAMVERKAN);
  const saved = new Set((await repo.listTexts(ctx.db, forbundId, year, slug)).filter((r) => r.text.trim()).map((r) => r.key));
  return questionsOf(newest?.definition ?? findSurvey(results.SAMVERKAN)!).filter((q) => takesFreeText(q) || saved.has(q.id)).map((q) => ({
    key: q.id,
    label: `Fråga ${questionNumber(q.id)}. ${tr(q.text, "sv")}${takesFreeText(q) ? "" : ` (${NO_FREE_TEXT})`}`,
    noun: `Sammanfattningen av fråga ${questionNumber(q.id)}`, max: MAX_SUMMARY, rows: 3,
  }));
}

/** The label's note on a saved summary of a question that takes no free text. */
export const NO_FREE_TEXT = "frågan har inga fritextsvar: töm rutan för att ta bort sammanfattningen";

async function textsOf(ctx: Ctx, forbundId: string, year: number, slug: TextBilaga): Promise<BilagaTexts> {
  return Object.fromEntries((await repo.listTexts(ctx.db, forbundId, year, slug)).map((r) => [r.key, r.text]));
}

/** Saves a bilaga's texts (already checked by the form's schema); an empty text removes it. */
export async function saveTexts(ctx: Ctx, user: ForbundUser, year: number, slug: TextBilaga, texts: BilagaTexts) {
  const known = new Set((await textFields(ctx, user.forbundId, year, slug)).map((f) => f.key));
  const wanted = Object.fromEntries(Object.entries(texts).filter(([k]) => known.has(k)));
  await repo.saveTexts(ctx.db, user.forbundId, year, slug, wanted, user.id, ctx.clock.now());
}

/**
 * A bilaga's report model for the user's förbund and a year. Every bilaga covers the whole förbund, so
 * a koordinator scoped to kommunområden is refused here too, whichever route asks (http/scope.ts).
 */
export async function buildModel(ctx: Ctx, user: ForbundUser, year: number, slug: BilagaSlug): Promise<ReportModel> {
  if (!canReadForbundWide(user)) throw new ForbiddenError(FORBUND_WIDE_REFUSED);
  const forbundId = user.forbundId;
  const org = await results.organisationOf(ctx, forbundId);
  const k = effectiveK(org.reportingThreshold);
  switch (slug) {
    case "utvardering-samverkan":
      return samverkanBilaga(org.name, year, k, await yearOf(ctx, user, { year, questionnaire: results.SAMVERKAN }), await textsOf(ctx, forbundId, year, slug));
    case "avvikelser":
      return avvikelserBilaga(org.name, year, k, await deviations.analysis(ctx, forbundId, year), await textsOf(ctx, forbundId, year, slug),
        await deviations.severityRules(ctx, forbundId));
    case "maluppfyllelse":
      return maluppfyllelseBilaga(org.name, year, k, await goals.goalOutcomes(ctx, forbundId, year), org.interventions);
    case "indikatorenkater": {
      const groups: IndicatorGroup[] = [];
      for (const sc of await indicatorScopes(ctx, forbundId, year, org)) {
        const r = await yearOf(ctx, user, { year, questionnaire: sc.questionnaireId, interventionId: sc.interventionId, ...(sc.respondentGroup ? { respondentGroup: sc.respondentGroup } : {}) });
        if (r) groups.push({ interventionId: sc.interventionId, intervention: sc.intervention, respondentGroup: sc.respondentGroup, results: r });
      }
      return indikatorBilaga(org.name, year, k, groups, await textsOf(ctx, forbundId, year, slug));
    }
  }
}

export type File = { filename: string; type: string; body: Buffer | string };

const types: Record<FileFormat | "zip", string> = {
  html: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

/**
 * A model in one format, by the one renderer family of every bilaga (render/*.ts), Statistik included;
 * charts are drawn only for the formats that show them.
 */
export async function render(model: ReportModel, format: FileFormat): Promise<Omit<File, "filename">> {
  switch (format) {
    case "html": return { type: types.html, body: renderHtml(model, await chartImages(model)) };
    case "csv": return { type: types.csv, body: renderCsv(model) };
    // docx at the first Word file, not at start: only staff download bilagor (BENCHMARKS.md, Minne).
    case "docx": return { type: types.docx, body: await (await import("./render/docx.js")).renderDocx(model, await chartImages(model)) };
    case "xlsx": return { type: types.xlsx, body: await renderXlsx(model) };
  }
}

/** A model as a file of one format, named as the bilaga is in the årsredovisning. */
export async function renderFile(model: ReportModel, b: { file: string }, year: number, format: FileFormat, name?: BilagaName): Promise<File> {
  return { filename: `${fileBase(b, name, year)}.${format}`, ...(await render(model, format)) };
}

/** A bilaga's model with the förbund's number and title (what every file, preview and the JSON API give). */
export async function numberedModel(ctx: Ctx, user: ForbundUser, year: number, slug: BilagaSlug): Promise<{ model: ReportModel; name: BilagaName }> {
  const model = await buildModel(ctx, user, year, slug);
  const name = (await bilagaNames(ctx, user.forbundId, year))[slug];
  return { model: numbered(model, name, year), name };
}

/** One bilaga as print HTML to look at in the browser: not a download, so not recorded as an export. */
export async function preview(ctx: Ctx, user: ForbundUser, year: number, slug: BilagaSlug): Promise<File> {
  const { model, name } = await numberedModel(ctx, user, year, slug);
  const bar = {
    back: { href: `/bilagor?year=${year}`, text: `Tillbaka till bilagorna ${year}` },
    downloads: fileFormats.map((f) => ({ href: `/bilagor/${year}/${slug}.${f}`, text: `Ladda ner som ${formatLabels[f]}` })),
  };
  return { filename: `${fileBase(bySlug(slug)!, name, year)}.html`, type: types.html, body: renderHtml(model, await chartImages(model), bar) };
}

/** One bilaga as a file; recorded in the audit log. */
export async function exportFile(ctx: Ctx, user: ForbundUser, year: number, slug: BilagaSlug, format: FileFormat): Promise<File> {
  const { model, name } = await numberedModel(ctx, user, year, slug);
  const file = await renderFile(model, bySlug(slug)!, year, format, name);
  await audit.record(ctx, user, "export", { what: "bilaga", bilaga: slug, year, format });
  return file;
}

/**
 * The Statistik bilaga as a file: socioeconomics builds its model, and it is numbered, titled and named here like
 * every other bilaga ("Bilaga 7 Statistik 2024.docx", or "Statistik 2024.csv" when the förbund has set nothing).
 */
export async function statistikFile(ctx: Ctx, forbundId: string, year: number, model: ReportModel, format: FileFormat): Promise<File> {
  const name = (await bilagaNames(ctx, forbundId, year)).statistik;
  return renderFile(numbered(model, name, year), statistikBilaga, year, format, name);
}

/** The Statistik bilaga of the year in one format, as socioeconomics renders it (given by the route). */
export type StatistikFile = (format: FileFormat) => Promise<File>;

/** Every bilaga of a year in every format as one ZIP, Statistik too when given; recorded in the audit log. */
export async function exportZip(ctx: Ctx, user: ForbundUser, year: number, statistik?: StatistikFile): Promise<File> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  zip.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { zip.on("end", () => resolve()); zip.on("error", reject); });
  const add = (file: File) => zip.append(typeof file.body === "string" ? Buffer.from(file.body, "utf8") : file.body, { name: file.filename });
  for (const b of bilagor) {
    const { model, name } = await numberedModel(ctx, user, year, b.slug);
    for (const f of fileFormats) add(await renderFile(model, b, year, f, name));
  }
  // Numbered and named by statistikFile, as when downloaded on its own.
  if (statistik) for (const f of fileFormats) add(await statistik(f));
  await zip.finalize();
  await done;
  await audit.record(ctx, user, "export", { what: "bilagor", year, format: "zip" });
  return { filename: `Bilagor ${year}.zip`, type: types.zip, body: Buffer.concat(chunks) };
}

const textHeadings: Record<TextBilaga, string> = {
  "utvardering-samverkan": "Sammanfattning per fråga till utvärderingen av samverkan",
  avvikelser: "Analys till avvikelsebilagan",
  indikatorenkater: "Sammanfattning av fritextfrågorna till indikatorenkäterna",
};

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

/**
 * The Bilagor page: the bilagor with their preview and download links, the text forms (for a
 * koordinator or admin), and the last export of bilagor in the audit log. `typed` is a text form
 * that failed: its fields show what was typed instead of what is saved.
 */
export async function page(ctx: Ctx, user: ForbundUser, year: number, typed?: { slug: TextBilaga | "numrering"; values: Record<string, unknown> }) {
  const entries = await audit.list(ctx, user.forbundId, 200);
  const last = entries.find((e) => e.action === "export" && ["bilaga", "bilagor"].includes(String((e.detail as Record<string, unknown> | null)?.what)));
  const canEdit = atLeast(user.role, "koordinator");
  const saved = canEdit ? await repo.listTexts(ctx.db, user.forbundId, year) : [];
  const fieldsOf = new Map<TextBilaga, TextField[]>(canEdit ? await Promise.all(textBilagor.map(async (slug) => [slug, await textFields(ctx, user.forbundId, year, slug)] as const)) : []);
  const textForms = canEdit ? textBilagor.filter((slug) => fieldsOf.get(slug)?.length).map((slug) => {
    const rows = saved.filter((r) => r.bilaga === slug);
    const latest = rows.reduce<typeof rows[number] | undefined>((a, r) => (!a || r.updatedAt > a.updatedAt ? r : a), undefined);
    const value = (key: string) => {
      const v = typed?.slug === slug ? typed.values[key] : rows.find((r) => r.key === key)?.text;
      return typeof v === "string" ? v : "";
    };
    return {
      slug, title: bySlug(slug)!.title, action: `/bilagor/${year}/${slug}/texter`,
      heading: textHeadings[slug],
      fields: fieldsOf.get(slug)!.map((f) => ({ ...f, hint: `Högst ${formatInteger(f.max)} tecken.`, value: value(f.key) })),
      updated: latest ? `Senast ändrad ${stamp(latest.updatedAt)} (UTC) av ${latest.updatedBy ?? "okänd"}.` : "Inget är skrivet än.",
    };
  }) : [];
  const names = await bilagaNames(ctx, user.forbundId, year);
  const list = [
    ...bilagor.map((b) => ({
      label: names[b.slug].label, preview: `/bilagor/${year}/${b.slug}/forhandsgranska`,
      files: fileFormats.map((f) => ({ format: f, href: `/bilagor/${year}/${b.slug}.${f}` })),
    })),
    {
      label: names.statistik.label, preview: `/statistik/bilaga?year=${year}&format=html`,
      files: fileFormats.map((f) => ({ format: f, href: `/statistik/bilaga?year=${year}&format=${f}` })),
    },
  ];
  const typedValue = (key: string, saved: string) => {
    const v = typed?.slug === "numrering" ? typed.values[key] : saved;
    return typeof v === "string" ? v : "";
  };
  const numberingForm = atLeast(user.role, "admin") ? {
    action: `/bilagor/${year}/numrering`,
    rows: numberingFields.map((f) => ({
      ...f,
      numberValue: typedValue(f.number, names[f.slug].number === null ? "" : String(names[f.slug].number)),
      titleValue: typedValue(f.titleField, names[f.slug].title),
    })),
  } : null;
  return {
    year, bilagor: list, formats: fileFormats, formatLabels, textForms, numberingForm,
    lastExport: last ? { at: last.at, by: last.actorEmail ?? "okänd" } : null,
    years: [year + 1, year, year - 1, year - 2].filter((y) => y <= currentYear(ctx.clock) + 1),
  };
}
