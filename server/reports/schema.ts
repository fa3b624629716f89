/** zod schemas of the bilagor pages and API. Messages are Swedish. */
import { z } from "zod";
import { bilagor, fileFormats } from "./service.js";

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

export const apiParams = z.object({ year, bilaga: z.enum(bilagor.map((b) => b.api) as [string, ...string[]], { message: "Okänd bilaga." }) });
export const apiFormat = z.object({ format: z.preprocess(last, z.enum(["json", ...fileFormats], { message: "Okänt format." }).default("json")) });
export const apiZipFormat = z.object({ format: z.preprocess(last, z.literal("zip", { message: "Formatet ska vara zip." })) });

export function apiIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(query)", message: i.message }));
}
