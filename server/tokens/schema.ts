import { z } from "zod";
export const createTokenForm = z.object({
  name: z.string().trim().min(1, "Ge nyckeln ett namn, t.ex. vad den ska användas till.").max(100, "Namnet får vara högst 100 tecken."),
});
export const tokenIdParam = z.object({ id: z.uuid() });
