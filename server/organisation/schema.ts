/** zod schemas for the organisation forms. Messages are Swedish and shown beside the field. */
import { z } from "zod";

/** Checkbox values arrive as nothing, one string or several; the service checks that each id is the förbund's. */
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(100)).max(500).transform((ids) => [...new Set(ids)]),
);

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);

const name = (empty: string) => z.preprocess(text, z.string().trim()
  .min(1, empty)
  .max(200, "Namnet får vara högst 200 tecken."));

const year = (empty: string) => z.preprocess(text, z.string().trim()
  .min(1, empty)
  .regex(/^\d{4}$/, "Skriv året med fyra siffror, till exempel 2024.")
  .transform(Number)
  .pipe(z.number().min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100.")));

export { idParam } from "../http/fields.js";

export const areaForm = z.object({ name: name("Skriv kommunområdets namn.") });
export const partyForm = z.object({ name: name("Skriv partens namn.") });
export const unitForm = z.object({ name: name("Skriv enhetens namn.") });
/** Adding a unit happens on the party page, beside the party's own name field, hence its own field name. */
export const newUnitForm = z.object({ unitName: name("Skriv enhetens namn.") });

export const interventionForm = z.object({
  name: name("Skriv insatsens namn."),
  kind: z.enum(["individinriktad", "strukturovergripande"], { message: "Välj om insatsen är individinriktad eller strukturövergripande." }),
  areaIds: idList,
  fromYear: year("Skriv året insatsen startade."),
  toYear: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), year("").optional()),
}).refine((v) => v.toYear === undefined || v.toYear >= v.fromYear, {
  message: "Slutåret kan inte vara före startåret.", path: ["toYear"],
  // Checked as soon as both years are valid, even when another field (say the kind) is missing.
  when: (payload) => !payload.issues.some((i) => i.path?.[0] === "fromYear" || i.path?.[0] === "toYear"),
});

export const groupForm = z.object({
  name: name("Skriv gruppens namn."),
  kind: z.enum(["styrelse", "beredningsgrupp", "samverk_styrgrupp", "samverk_arbetsgrupp", "annan"], { message: "Välj vilken sorts grupp det är." }),
  areaId: z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(100).nullable()),
  partyIds: idList,
});

export const settingsForm = z.object({
  name: name("Skriv förbundets namn."),
  reportingThreshold: z.preprocess(text, z.string().trim()
    .min(1, "Skriv rapporteringsgränsen.")
    .regex(/^\d+$/, "Skriv rapporteringsgränsen som ett heltal, till exempel 5.")
    .transform(Number)
    .pipe(z.number()
      .min(3, "Rapporteringsgränsen får inte vara lägre än 3: med färre svar kan enskilda svarande kännas igen.")
      .max(1000, "Rapporteringsgränsen får vara högst 1000."))),
  // Blank: the insatser's counts are shown even when small (issue 19).
  outcomeThreshold: z.preprocess(text, z.string().trim()
    .regex(/^\d*$/, "Skriv gränsen för insatsernas antal som ett heltal, till exempel 5, eller lämna tomt.")
    .transform((t) => (t === "" ? null : Number(t)))
    .pipe(z.number()
      .min(2, "Gränsen för insatsernas antal är minst 2, eller tom: med 1 döljs ingenting.")
      .max(1000, "Gränsen för insatsernas antal får vara högst 1000.").nullable())),
});

export type InterventionInput = z.output<typeof interventionForm>;
export type GroupInput = z.output<typeof groupForm>;
export type SettingsInput = z.output<typeof settingsForm>;
