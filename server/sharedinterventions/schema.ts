/** zod schemas of shared insatser (forms, queries and the API). Messages are Swedish. */
import { z } from "zod";
import { last, text } from "../http/fields.js";

export const interventionParam = z.object({ id: z.uuid() });
/** POST /api/v1/shared-interventions/:id/cofunders/:forbundId/end. */
export const cofunderParams = z.object({ id: z.uuid(), forbundId: z.uuid() });
/** ?forbundId= of the page that asks before a co-funding is ended. */
export const endQuery = z.object({ forbundId: z.preprocess((v) => text(last(v)), z.uuid()) });
export const interventionYearParams = z.object({
  id: z.uuid(),
  year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)),
});
/** ?year= on the page; a missing or odd year falls back to this year. */
export const pageYearQuery = z.object({
  year: z.preprocess((v) => text(last(v)), z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100))).optional().catch(undefined),
});

/** The owner's form: the förbund to invite (or whose invitation to withdraw). */
export const cofunderForm = z.object({
  forbundId: z.preprocess((v) => text(last(v)), z.uuid({ message: "Välj ett förbund i listan." })),
});

/** POST /api/v1/shared-interventions/:id/cofunders. */
export const apiCofunder = z.strictObject({
  forbundId: z.uuid({ message: "forbundId ska vara ett förbunds id (uuid)." }),
});
