/** zod schemas for the results pages and API (filters). Messages are Swedish. */
import { z } from "zod";
import { respondentGroups, type RespondentGroup } from "../../surveys/define.js";

/** A missing field reads as empty, so it gets the same message as an empty one. */
const text = (v: unknown) => (v === undefined || v === null ? "" : v);
const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A query parameter given twice arrives as an array: the last one counts. */
const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

const groupKeys = Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]];

export const idParam = z.object({ id: z.uuid() });

/** A year written with four digits (form or query), 1990–2100; `empty` is the message when none is given. */
export const yearText = (empty: string) => z.preprocess((v) => text(last(v)), z.union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().min(1, empty).regex(/^\d{4}$/, "Skriv året med fyra siffror, till exempel 2026.").transform(Number))
  .pipe(z.number().min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100.")));

/** The year view's filters (GET form and API query). */
export const yearFilter = z.object({
  year: yearText("Välj år."),
  questionnaire: z.preprocess((v) => text(last(v)), z.string().trim().min(1, "Välj enkät: bara svar på samma enkät kan läggas ihop.").max(100)),
  interventionId: z.preprocess((v) => blankToUndefined(last(v)), z.uuid({ message: "Välj en insats i listan." }).optional()),
  areaId: z.preprocess((v) => blankToUndefined(last(v)), z.uuid({ message: "Välj ett kommunområde i listan." }).optional()),
  respondentGroup: z.preprocess((v) => blankToUndefined(last(v)), z.enum(groupKeys, { message: "Välj en svarsgrupp i listan." }).optional()),
});
export type YearFilterInput = z.output<typeof yearFilter>;

