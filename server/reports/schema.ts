/** zod schemas of the bilagor pages and API. Messages are Swedish. */
import { z } from "zod";
import { piiMessage } from "../privacy/pii.js";
import { formatInteger } from "../results/format.js";
import { bilagor, fileFormats, MAX_BILAGA_TITLE, numberingFields, textBilagor, type BilagaSlug, type TextField } from "./service.js";

const last = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
const year = z.coerce.number({ message: "Skriv året med fyra siffror." }).int("Skriv året med fyra siffror.").min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100.");

/** GET /bilagor?year= : the year, or nothing for this year. */
export const yearQuery = z.object({
  year: z.preprocess((v) => { const s = last(v); return s === "" || s === undefined ? undefined : s; }, year.optional()),
});

export const yearParam = z.object({ year });

/** /bilagor/:year/:file — "utvardering-samverkan.docx" or "alla.zip". */
export const fileParams = z.object({
  year,
  file: z.union([
    z.literal("alla.zip").transform(() => ({ zip: true as const })),
    z.string().regex(/^[a-z-]+\.[a-z]+$/, "Okänd fil.").transform((s, c) => {
      const [slug, format] = s.split(".");
      const b = bilagor.find((x) => x.slug === slug);
      const f = fileFormats.find((x) => x === format);
      if (!b || !f) { c.addIssue({ code: "custom", message: "Okänd bilaga eller format." }); return z.NEVER; }
      return { zip: false as const, slug: b.slug, format: f };
    }),
  ]),
});

/** /bilagor/:year/:bilaga/forhandsgranska — any bilaga's slug. */
export const previewParams = z.object({ year, bilaga: z.enum(bilagor.map((b) => b.slug) as [string, ...string[]]).transform((s) => s as BilagaSlug) });

/** /bilagor/:year/:bilaga/texter — only the bilagor that carry written texts. */
export const textParams = z.object({ year, bilaga: z.enum(textBilagor) });

/** One written text: line breaks as \n, trimmed; empty removes it. Personal data is refused (and masked in the bilaga should any slip through). */
const writtenText = ({ max, noun }: TextField) => z.preprocess(
  (v) => { const s = last(v); return typeof s === "string" ? s.replace(/\r\n?/g, "\n").trim() : ""; },
  z.string().max(max, `${noun} får vara högst ${formatInteger(max)} tecken.`).superRefine((s, c) => {
    const message = piiMessage(s);
    if (message) c.addIssue({ code: "custom", message: `${noun}: ${message}` });
  }),
);

/** The text form of a bilaga: one field per key (question id or "analys"); other fields (_csrf) are dropped. */
export const textsForm = (fields: TextField[]) => z.object(Object.fromEntries(fields.map((f) => [f.key, writtenText(f)])));

export const apiParams = z.object({ year, bilaga: z.enum(bilagor.map((b) => b.api) as [string, ...string[]], { message: "Okänd bilaga." }) });
export const apiFormat = z.object({ format: z.preprocess(last, z.enum(["json", ...fileFormats], { message: "Okänt format." }).default("json")) });
export const apiZipFormat = z.object({ format: z.preprocess(last, z.literal("zip", { message: "Formatet ska vara zip." })) });


const trimmed = (v: unknown) => { const s = last(v); return typeof s === "string" ? s.trim() : ""; };
const numberMessage = "Skriv bilagans nummer som ett heltal från 1 till 99, eller lämna rutan tom för en bilaga utan nummer.";
/** A bilaga's number: empty is no number. */
const bilagaNumber = z.preprocess(trimmed, z.string()
  .refine((s) => s === "" || (/^\d{1,2}$/.test(s) && Number(s) >= 1), numberMessage)
  .transform((s) => (s === "" ? null : Number(s))));
/** A bilaga's title: empty is the bilaga's own; it becomes a file name in the ZIP, so no characters a file name cannot hold. */
const bilagaTitle = z.preprocess(trimmed, z.string()
  .max(MAX_BILAGA_TITLE, `Titeln får vara högst ${MAX_BILAGA_TITLE} tecken.`)
  .regex(/^[^/\\:*?"<>|]*$/, 'Titeln blir ett filnamn och kan inte innehålla / \\ : * ? " < > |.')
  .transform((s) => s || undefined));

/** POST /bilagor/:year/numrering: a number and a title per bilaga, by field (<slug>_nummer, <slug>_titel). */
export const numberingForm = z.object(Object.fromEntries(numberingFields.flatMap((f) => [[f.number, bilagaNumber], [f.titleField, bilagaTitle]])))
  .transform((v) => Object.fromEntries(numberingFields.map((f) => [f.slug, { number: v[f.number] as number | null, title: v[f.titleField] as string | undefined }])));
