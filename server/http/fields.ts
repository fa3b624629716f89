/** zod pieces that every feature's forms and queries share. Messages are Swedish. */
import { z } from "zod";

/** A route's `:id` that is a uuid (anything else is simply not found: http/forms.ts parseParams). */
export const idParam = z.object({ id: z.uuid() });

/** A missing field reads as empty, so it gets the same message as an empty one. */
export const text = (v: unknown) => (v === undefined || v === null ? "" : v);
/** An empty field is no value. */
export const blankToUndefined = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
export const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
/** A query parameter given twice arrives as an array: the last one counts. */
export const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

/** A year written with four digits (form or query), 1990–2100; `empty` is the message when none is given. */
export const yearText = (empty: string) => z.preprocess((v) => text(last(v)), z.union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().min(1, empty).regex(/^\d{4}$/, "Skriv året med fyra siffror, till exempel 2026.").transform(Number))
  .pipe(z.number().min(1990, "Året kan inte vara före 1990.").max(2100, "Året kan inte vara efter 2100.")));
