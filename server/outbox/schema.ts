/** zod schemas for the outbox pages. */
import { z } from "zod";

/** A message is addressed by its uuid; anything else is simply not found. */
export const messageParam = z.object({ id: z.uuid() });

/** The page of the list; a missing or odd value means the first page. */
export const listQuery = z.object({
  sida: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
