/** zod schemas for groups, sharing, the comparison and the national view (forms, queries and the API). Messages are Swedish. */
import { z } from "zod";
import { last, text, yearText } from "../http/fields.js";

const name = z.preprocess((v) => text(last(v)), z.string().trim().min(1, "Skriv gruppens namn, t.ex. ”Jönköpings län”.").max(200, "Namnet får vara högst 200 tecken."));
/** Checkboxes: none, one (a string) or several (an array). */
const ids = z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.uuid({ message: "Välj förbund i listan." })).max(500, "Högst 500 förbund åt gången."));
const questionnaire = z.preprocess((v) => text(last(v)), z.string().trim().min(1, "Välj enkät.").max(100, "Välj enkät i listan."));

export const groupParam = z.object({ id: z.uuid() });
export const sharingParam = z.object({ groupId: z.uuid() });

/** The superadmin's form: a new group and the förbund invited to it. */
export const createGroupForm = z.object({
  name,
  forbundIds: ids.pipe(z.array(z.uuid()).min(1, "Välj minst ett förbund att bjuda in.")),
});
export type CreateGroupInput = z.output<typeof createGroupForm>;

/** POST /api/v1/platform/groups. */
export const apiCreateGroup = z.strictObject({
  name: z.string({ message: "name ska vara en text." }).trim().min(1, "Skriv gruppens namn.").max(200, "Namnet får vara högst 200 tecken."),
  forbundIds: z.array(z.uuid({ message: "Varje förbunds id ska vara ett uuid." }), { message: "forbundIds ska vara en lista med förbunds id." })
    .min(1, "Bjud in minst ett förbund.").max(500, "Högst 500 förbund åt gången."),
});

export const inviteForm = z.object({ forbundIds: ids.pipe(z.array(z.uuid()).min(1, "Välj minst ett förbund att bjuda in.")) });

/** The förbund admin's form: share (or withdraw) one questionnaire and year. */
export const sharingForm = z.object({
  questionnaire,
  year: yearText("Skriv året."),
  share: z.preprocess((v) => text(last(v)), z.enum(["ja", "nej"], { message: "Välj dela eller sluta dela." })).transform((v) => v === "ja"),
});
export type SharingInput = z.output<typeof sharingForm>;

/** PUT /api/v1/sharing/:groupId and PUT /api/v1/sharing/national. */
export const apiSharing = z.strictObject({
  questionnaire: z.string({ message: "questionnaire ska vara en enkäts id." }).trim().min(1, "Ange enkätens id.").max(100),
  year: z.number({ message: "year ska vara ett årtal." }).int("year ska vara ett helt årtal.").min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100."),
  share: z.boolean({ message: "share ska vara true eller false." }),
});

/** ?questionnaire=&year= of a comparison or the national view. */
export const comparisonQuery = z.object({ questionnaire, year: yearText("Välj år.") });
export type ComparisonInput = z.output<typeof comparisonQuery>;

export const fileFormats = ["html", "docx", "xlsx", "csv"] as const;
export const fileQuery = comparisonQuery.extend({
  format: z.preprocess((v) => text(last(v)) || "html", z.enum(fileFormats, { message: "Välj format: html, docx, xlsx eller csv." })),
});

/** The national view's choice of year (the page lists every indicator questionnaire). */
export const nationalYearQuery = z.object({ year: z.preprocess((v) => (v === undefined || v === "" ? undefined : v), yearText("Välj år.").optional()) });

/** GET /api/v1/national/indicators: JSON, or the same as a file. */
export const nationalApiQuery = comparisonQuery.extend({
  format: z.preprocess((v) => text(last(v)) || "json", z.enum(["json", ...fileFormats], { message: "Välj format: json, html, docx, xlsx eller csv." })),
});

/** The superadmin's form: invite a nationell läsare (NNS). */
export const nationalReaderForm = z.object({
  readerName: z.preprocess((v) => text(last(v)), z.string().trim().min(1, "Skriv den nationella läsarens namn.").max(200, "Namnet får vara högst 200 tecken.")),
  readerEmail: z.preprocess((v) => text(last(v)), z.string().trim().toLowerCase().pipe(z.email({ message: "Skriv en e-postadress, t.ex. namn@nns.se." }))),
});
