/** zod schemas for the platform forms. Messages are Swedish and shown beside the field. */
import { z } from "zod";

export const createForbundForm = z.object({
  name: z.string().trim().min(1, "Skriv förbundets namn.").max(200, "Namnet får vara högst 200 tecken."),
  adminEmail: z.string().trim().toLowerCase()
    .pipe(z.email({ message: "Skriv administratörens e-postadress, t.ex. namn@forbund.se." })),
  adminName: z.string().trim().min(1, "Skriv administratörens namn.").max(200, "Namnet får vara högst 200 tecken."),
});
export type CreateForbundInput = z.output<typeof createForbundForm>;
