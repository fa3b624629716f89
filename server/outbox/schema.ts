/** zod schemas for the outbox pages. */
import { z } from "zod";

/** Only a plain file name as the mailer writes it: no slashes, no dots before ".eml", so no path traversal. */
export const fileParam = z.object({ file: z.string().max(100).regex(/^[0-9A-Za-z-]+\.eml$/) });
