/** zod schemas for the platform forms. Messages are Swedish and shown beside the field. */
import { z } from "zod";

export const createForbundForm = z.object({
  name: z.string().trim().min(1, "Skriv förbundets namn.").max(200, "Namnet får vara högst 200 tecken."),
  adminEmail: z.string().trim().toLowerCase()
    .pipe(z.email({ message: "Skriv administratörens e-postadress, t.ex. namn@forbund.se." })),
  adminName: z.string().trim().min(1, "Skriv administratörens namn.").max(200, "Namnet får vara högst 200 tecken."),
});
export type CreateForbundInput = z.output<typeof createForbundForm>;

/** POST /api/v1/platform/forbund: a förbund without an administrator yet (one is invited on /plattform, or an integration gets a key). */
export const apiCreateForbund = z.strictObject({
  name: z.string({ message: "name ska vara en text." }).trim().min(1, "Skriv förbundets namn.").max(200, "Namnet får vara högst 200 tecken."),
});

export const forbundParam = z.object({ id: z.uuid({ message: "Förbundets id ska vara ett uuid." }) });

/** The roles an integration's key can have in a förbund (a koordinator needs kommunområden, which a platform key cannot name). */
export const integrationRoles = ["admin", "lasare"] as const;

/** POST /api/v1/platform/forbund/:id/tokens. */
export const apiCreateForbundToken = z.strictObject({
  name: z.string({ message: "name ska vara en text." }).trim().min(1, "Ge nyckeln ett namn, t.ex. vad den ska användas till.").max(100, "Namnet får vara högst 100 tecken."),
  role: z.enum(integrationRoles, { message: "role ska vara admin eller lasare." }),
});
