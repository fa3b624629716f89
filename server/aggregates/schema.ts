/** zod at the aggregate routes' edges; the file itself is checked against docs/aggregat.schema.json (service.ts). */
import { z } from "zod";

/** GET /api/v1/aggregates/:year: four digits (anything else is not a route: 404). */
export const aggregateYearParam = z.object({ year: z.string().regex(/^\d{4}$/).transform(Number).pipe(z.number().min(1990).max(2100)) });
