/** zod schemas for the statistik page's forms (schablon, medel per insats) and the API. Messages are Swedish. */
import { z } from "zod";
import type { FieldErrors } from "../http/forms.js";
import type { Schablon } from "./socioeconomics.pure.js";
import type { MovementMatrix, Movements, StoredNyckeltal } from "../../models/socioeconomics.js";
import { economyCategories, type EconomyCategory, type EconomyLine, type EconomyYear } from "./economy.pure.js";
import { categories, categoryLabels, followUpIssues, rateKeys, rateLabels, sectors, supportCategories, type Category, type RateKey, type SupportCategory } from "./movements.pure.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A query parameter given twice arrives as an array: the last one counts. */
const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

const MAX_MONTHLY = 1_000_000;
const MAX_AMOUNT = 1_000_000_000;

const yearValue = (invalid: string) => z.coerce.number({ message: invalid }).int(invalid).min(1990, invalid).max(2100, invalid);

/** ?year= on the page: a bad value falls back to this year. */
export const yearQuery = z.object({ year: z.preprocess((v) => blankToUndefined(last(v)), yearValue("Välj ett år.").optional()).catch(undefined) });

/** /statistik/bilaga?year=&format= */
export const bilagaQuery = z.object({
  year: z.preprocess((v) => blankToUndefined(last(v)), yearValue("Välj ett år.").optional()).catch(undefined),
  format: z.preprocess((v) => last(v) ?? "html", z.enum(["html", "csv", "docx", "xlsx"])).catch("html" as const),
});

/** GET /api/v1/reports/:year/statistik?format= */
export const apiYearParam = z.object({ year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)) });
export const apiFormatQuery = z.object({
  format: z.preprocess((v) => blankToUndefined(last(v)) ?? "json",
    z.enum(["json", "html", "csv", "docx", "xlsx"], { message: "format ska vara json, html, csv, docx eller xlsx" })),
});

/** PUT /api/v1/interventions/:id/funding/:year */
export const fundingParams = z.object({ id: z.uuid(), year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)) });
export const apiFunding = z.object({
  amount: z.number({ message: "ska vara ett belopp i hela kronor (ett tal), eller null för att ta bort" })
    .int("ska vara ett belopp i hela kronor").min(0, "kan inte vara negativt").max(MAX_AMOUNT, "är orimligt stort").nullable(),
}, { error: "ska vara ett JSON-objekt {\"amount\": 3975750}" }).strict();

/** Kronor as typed: "3 975 750", "3975750 kr" → 3975750; blank → null. */
function kronor(typed: string): number | null | undefined {
  const t = typed.replace(/\s|\u00A0|\u202F/g, "").replace(/kr$/i, "");
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

const monthly = (label: string) => z.preprocess(text, z.string().transform((s, ctx) => {
  const n = kronor(s);
  if (n === null || n === undefined || n > MAX_MONTHLY) {
    ctx.addIssue({ code: "custom", message: `${label}: skriv ett belopp i hela kronor per månad, till exempel 10 000.` });
    return z.NEVER;
  }
  return n;
}));

/** The schablon form (kronor per person and month). */
export const schablonForm = z.object({
  year: z.preprocess(text, yearValue("Välj ett år.")),
  publicSupport: monthly("Offentlig försörjning"),
  adminCost: monthly("Administrativ kostnad"),
  newRevenue: monthly("Ny samhällsintäkt"),
}).transform((v): { year: number; schablon: Schablon } => ({
  year: v.year, schablon: { publicSupport: v.publicSupport, adminCost: v.adminCost, newRevenue: v.newRevenue },
}));

export const fundingYear = z.object({ year: z.preprocess(text, yearValue("Välj ett år.")) });

/**
 * The funding form: one field funding.<insatsId> per insats shown; blank removes the amount. Returns
 * the amounts by insats id, or messages by field.
 */
export function parseFunding(body: Record<string, unknown>, insatser: { id: string; name: string }[]):
  { ok: true; data: Map<string, number | null> } | { ok: false; errors: FieldErrors } {
  const data = new Map<string, number | null>(), errors: FieldErrors = {};
  for (const i of insatser) {
    const typed = String(last(body[`funding.${i.id}`]) ?? "");
    const n = kronor(typed);
    if (n === undefined || (n !== null && n > MAX_AMOUNT)) errors[`funding.${i.id}`] = `${i.name}: skriv beloppet i hela kronor, till exempel 3 975 750, eller lämna tomt.`;
    else data.set(i.id, n);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data };
}

/** zod issues as the API lists them: the field and a message. */

// ——— Stegförflyttning ———

const MAX_PEOPLE = 1_000_000;
const MAX_SOURCE = 500;
const categoryList = categories.join(", ");

const apiPeople = z.number({ message: "ska vara ett heltal" }).int("ska vara ett heltal").min(0, "kan inte vara negativt").max(MAX_PEOPLE, "är orimligt stort");
const row = z.object(Object.fromEntries(categories.map((c) => [c, apiPeople.optional()])) as Record<Category, z.ZodOptional<typeof apiPeople>>,
  { error: `ska vara ett objekt med antal per läge vid slutet: ${categoryList}` }).strict();

/** Only the counts above 0 are kept: an empty cell and a 0 are the same. */
export const compactMatrix = (m: Partial<Record<Category, Partial<Record<Category, number | undefined>> | undefined>>): MovementMatrix => {
  const out: MovementMatrix = {};
  for (const from of categories) for (const to of categories) {
    const n = m[from]?.[to] ?? 0;
    if (n > 0) (out[from] ??= {})[to] = n;
  }
  return out;
};

/** :id/:year of the per-insats paths, the same as funding's. */
export const movementParams = fundingParams;
/** :year of the nyckeltal path. */
export const nyckeltalParams = z.object({ year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)) });

const apiMatrix = z.object(Object.fromEntries(categories.map((c) => [c, row.optional()])) as Record<Category, z.ZodOptional<typeof row>>,
  { error: `ska vara ett objekt per ersättning vid start: ${categoryList}` }).strict();

/** A one-year-after row that holds more people than started there, in Swedish. */
export const followUpMessage = (i: { from: Category; followed: number; started: number }) =>
  `Ett år efter: ${i.followed} följs upp från ${categoryLabels[i.from].toLowerCase()}, men bara ${i.started} började med ${categoryLabels[i.from].toLowerCase()}.`;

/**
 * PUT /api/v1/interventions/:id/movements/:year {"matrix":{"<from>":{"<to>":count}},"oneYearAfter":{…}|null}.
 * The body replaces what is stored: oneYearAfter left out or null means not followed up.
 */
export const apiMovements = z.object({
  matrix: apiMatrix,
  oneYearAfter: apiMatrix.nullish(),
}, { error: "ska vara ett JSON-objekt {\"matrix\": {\"forsorjningsstod\": {\"arbete\": 2}}, \"oneYearAfter\": null}" }).strict()
  .transform((v): Movements => ({ matrix: compactMatrix(v.matrix), oneYearAfter: v.oneYearAfter ? compactMatrix(v.oneYearAfter) : null }))
  .superRefine((v, ctx) => {
    if (!v.oneYearAfter) return;
    for (const i of followUpIssues(v.matrix, v.oneYearAfter)) ctx.addIssue({ code: "custom", path: ["oneYearAfter", i.from], message: followUpMessage(i) });
  });

const share = z.number({ message: "ska vara en andel mellan 0 och 1, till exempel 0.2138" }).min(0, "ska vara en andel mellan 0 och 1").max(1, "ska vara en andel mellan 0 och 1, till exempel 0.2138");
const kronorPerYear = z.number({ message: "ska vara ett belopp i hela kronor per år" }).int("ska vara ett belopp i hela kronor").min(0, "kan inte vara negativt").max(MAX_AMOUNT, "är orimligt stort");
const source = z.string({ message: "ska vara en text" }).trim().min(1, "skriv källan i ord, till exempel \"Socialstyrelsen, ekonomiskt bistånd 2024\"").max(MAX_SOURCE, `får vara högst ${MAX_SOURCE} tecken`);
const support = z.object({
  amount: kronorPerYear,
  payer: z.enum(sectors, { message: "ska vara kommun, region eller stat" }),
  taxable: z.boolean({ message: "ska vara true eller false" }),
  source,
}, { error: "ska vara ett objekt {amount, payer, taxable, source}" }).strict();

/** PUT /api/v1/nyckeltal/:year. A rate left out (or null) is missing, and an effect that needs it says so. */
export const apiNyckeltal = z.object({
  supports: z.object(Object.fromEntries(supportCategories.map((c) => [c, support.optional()])) as Record<SupportCategory, z.ZodOptional<typeof support>>,
    { error: `ska vara ett objekt per ersättning: ${supportCategories.join(", ")}` }).strict().default({}),
  wage: kronorPerYear.nullish(),
  wageSubsidyShare: share.nullish(),
  taxKommun: share.nullish(),
  taxRegion: share.nullish(),
  employerContribution: share.nullish(),
  sources: z.object(Object.fromEntries(rateKeys.map((k) => [k, source.optional()])) as Record<RateKey, z.ZodOptional<typeof source>>,
    { error: `ska vara ett objekt med källan per nyckeltal: ${rateKeys.join(", ")}` }).strict().default({}),
}, { error: "ska vara ett JSON-objekt med supports, wage, wageSubsidyShare, taxKommun, taxRegion, employerContribution" }).strict()
  .transform((v): StoredNyckeltal => {
    const out: StoredNyckeltal = { supports: Object.fromEntries(Object.entries(v.supports).filter(([, s]) => s)) as StoredNyckeltal["supports"], sources: v.sources };
    for (const k of rateKeys) if (typeof v[k] === "number") out[k] = v[k];
    return out;
  });

/** One grid of the matrix form: one field <prefix>.<from>.<to> per cell; blank is 0. */
function parseGrid(body: Record<string, unknown>, prefix: string, when: string, errors: FieldErrors): { matrix: MovementMatrix; typed: boolean } {
  const m: Partial<Record<Category, Partial<Record<Category, number>>>> = {};
  let typedAny = false;
  for (const from of categories) for (const to of categories) {
    const typed = String(last(body[`${prefix}.${from}.${to}`]) ?? "").replace(/\s/g, "");
    if (!typed) continue;
    typedAny = true;
    if (!/^\d+$/.test(typed) || Number(typed) > MAX_PEOPLE) {
      errors[`${prefix}.${from}.${to}`] = `${when} ${categoryLabels[from].toLowerCase()} till ${categoryLabels[to].toLowerCase()}: skriv ett heltal som är 0 eller större, eller lämna tomt.`;
    } else (m[from] ??= {})[to] = Number(typed);
  }
  return { matrix: compactMatrix(m), typed: typedAny };
}

/**
 * The matrix form: m.<from>.<to> at the end, y.<from>.<to> one year after (all blank: not followed
 * up). A one-year-after row with more people than started there is named at its first cell.
 */
export function parseMatrixForm(body: Record<string, unknown>): { ok: true; data: Movements } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const end = parseGrid(body, "m", "Från", errors);
  const after = parseGrid(body, "y", "Ett år efter, från", errors);
  const oneYearAfter = after.typed ? after.matrix : null;
  if (oneYearAfter && !Object.keys(errors).length) {
    for (const i of followUpIssues(end.matrix, oneYearAfter)) {
      const first = categories.find((to) => oneYearAfter[i.from]?.[to]) ?? "ingen";
      errors[`y.${i.from}.${first}`] = followUpMessage(i);
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: { matrix: end.matrix, oneYearAfter } };
}

/** A share typed as a percentage ("21,38" or "21,38 %") or a fraction ("0,2138"). */
function percent(typed: string): number | null | undefined {
  const t = typed.replace(/\s|%/g, "").replace(",", ".");
  if (!t) return null;
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return n > 1 ? (n <= 100 ? n / 100 : undefined) : n;
}

/** The nyckeltal form: s.<code>.amount|payer|taxable|source per support, and the rates with their sources. */
export function parseNyckeltalForm(body: Record<string, unknown>): { ok: true; data: StoredNyckeltal } | { ok: false; errors: FieldErrors } {
  const get = (k: string) => String(last(body[k]) ?? "").trim();
  const errors: FieldErrors = {};
  const out: StoredNyckeltal = { supports: {}, sources: {} };
  for (const c of supportCategories) {
    const label = categoryLabels[c];
    const amount = get(`s.${c}.amount`), payer = get(`s.${c}.payer`), src = get(`s.${c}.source`);
    if (!amount && !src) continue; // not entered: missing until it is
    const n = kronor(amount);
    if (n === null || n === undefined || n > MAX_AMOUNT) errors[`s.${c}.amount`] = `${label}: skriv beloppet per person och år i hela kronor, till exempel 120 000.`;
    if (!(sectors as readonly string[]).includes(payer)) errors[`s.${c}.payer`] = `${label}: välj vem som betalar.`;
    if (!src) errors[`s.${c}.source`] = `${label}: skriv källan i ord.`;
    else if (src.length > MAX_SOURCE) errors[`s.${c}.source`] = `${label}: källan får vara högst ${MAX_SOURCE} tecken.`;
    if (!errors[`s.${c}.amount`] && !errors[`s.${c}.payer`] && !errors[`s.${c}.source`]) {
      out.supports[c] = { amount: n!, payer: payer as (typeof sectors)[number], taxable: get(`s.${c}.taxable`) === "ja", source: src };
    }
  }
  for (const k of rateKeys) {
    const typed = get(k), src = get(`sources.${k}`);
    const value = k === "wage" ? kronor(typed) : percent(typed);
    if (value === undefined || (k === "wage" && value !== null && value > MAX_AMOUNT)) {
      errors[k] = k === "wage" ? `${rateLabels[k]}: skriv ett belopp i hela kronor, till exempel 300 000, eller lämna tomt.` : `${rateLabels[k]}: skriv en procentsats, till exempel 21,38, eller lämna tomt.`;
    } else if (value !== null) out[k] = value;
    if (src.length > MAX_SOURCE) errors[`sources.${k}`] = `Källan får vara högst ${MAX_SOURCE} tecken.`;
    else if (src) out.sources![k] = src;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: out };
}

// ——— The insatser's economy ———

const MAX_LABEL = 200;
/** How many empty lines the economy form offers below the stored ones. */
export const EMPTY_ECONOMY_LINES = 3;

/** The economy form: line.<i>.category|label|budget|utfall|comment, and the year's eget kapital and medlemsbidrag. A line with nothing typed is left out. */
export function parseEconomyForm(body: Record<string, unknown>): { ok: true; data: { lines: EconomyLine[]; year: EconomyYear } } | { ok: false; errors: FieldErrors } {
  const get = (k: string) => String(last(body[k]) ?? "").trim();
  const errors: FieldErrors = {}, lines: EconomyLine[] = [];
  const indexes = [...new Set(Object.keys(body).map((k) => /^line\.(\d{1,3})\./.exec(k)?.[1]).filter((x): x is string => !!x))].map(Number).sort((a, b) => a - b);
  for (const i of indexes) {
    const p = `line.${i}`;
    const label = get(`${p}.label`), budget = kronorOrMinus(get(`${p}.budget`)), utfall = kronorOrMinus(get(`${p}.utfall`)), comment = get(`${p}.comment`);
    const category = get(`${p}.category`);
    if (!label && !get(`${p}.budget`) && !get(`${p}.utfall`) && !comment) continue;
    const name = label || `Rad ${i + 1}`;
    if (!label) errors[`${p}.label`] = `Rad ${i + 1}: skriv vad raden gäller, till exempel insatsens namn.`;
    else if (label.length > MAX_LABEL) errors[`${p}.label`] = `Rad ${i + 1}: högst ${MAX_LABEL} tecken.`;
    if (!(economyCategories as readonly string[]).includes(category)) errors[`${p}.category`] = `${name}: välj individinriktad, strukturövergripande eller administration.`;
    if (budget === undefined) errors[`${p}.budget`] = `${name}: skriv budgeten i hela kronor, till exempel 3 980 000, eller lämna tomt.`;
    if (utfall === undefined) errors[`${p}.utfall`] = `${name}: skriv utfallet i hela kronor, till exempel 3 975 750, eller lämna tomt.`;
    if (comment.length > MAX_SOURCE) errors[`${p}.comment`] = `${name}: kommentaren får vara högst ${MAX_SOURCE} tecken.`;
    if (budget !== undefined && utfall !== undefined) lines.push({ category: category as EconomyCategory, label, budget, utfall, comment });
  }
  const y: Record<string, number | null> = {};
  for (const [k, label] of [["egetKapitalIn", "Eget kapital vid årets början"], ["egetKapitalUt", "Eget kapital vid årets slut"], ["medlemsbidrag", "Medlemsbidrag"]] as const) {
    const v = kronorOrMinus(get(k));
    if (v === undefined) errors[k] = `${label}: skriv ett belopp i hela kronor, eller lämna tomt.`;
    else y[k] = v;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: { lines, year: y as EconomyYear } };
}

/** Kronor that may be negative (an utfall over budget, a negative eget kapital): "−34 667", "-34667"; blank → null. */
function kronorOrMinus(typed: string): number | null | undefined {
  const t = typed.replace(/\s|\u00A0|\u202F/g, "").replace(/kr$/i, "").replace(/^[\u2212–]/, "-");
  if (!t) return null;
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Math.abs(n) > MAX_AMOUNT ? undefined : n;
}
