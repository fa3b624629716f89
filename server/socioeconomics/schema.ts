/** zod schemas for the statistik page's forms (schablon, medel per insats) and the API. Messages are Swedish. */
import { z } from "zod";
import type { FieldErrors } from "../http/forms.js";
import type { Schablon } from "./socioeconomics.pure.js";

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
