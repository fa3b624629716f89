/** zod schemas for the audit log page. */
import { z } from "zod";
import { actionLabels } from "./service.js";

/** The optional action filter; an unknown or empty value means "all actions". */
export const auditQuery = z.object({
  action: z.string().optional().transform((v) => (v && v in actionLabels ? v : undefined)).catch(undefined),
});
