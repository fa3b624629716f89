/** zod schemas for single sign-on: the provider in the address, and the admin's settings form. */
import { z } from "zod";

export const providerParam = z.object({ provider: z.string().regex(/^[1-9]\d{0,2}$/) });

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const settingsForm = z.object({
  requireSso: z.preprocess((v) => v === "ja", z.boolean()),
  jitDomains: z.preprocess(list, z.array(z.string().trim().toLowerCase().max(253)).max(100, "Välj högst 100 domäner.")),
});
