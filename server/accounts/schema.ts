/** zod schemas for the account forms. Messages are Swedish and shown beside the field. */
import { z } from "zod";

const email = z.string().trim().toLowerCase().pipe(z.email({ message: "Skriv en giltig e-postadress." }));
const newPassword = z.string().min(12, "Lösenordet ska ha minst 12 tecken.").max(200, "Lösenordet är för långt.");

export const loginForm = z.object({
  email: z.string().trim().min(1, "Skriv din e-postadress.").max(320),
  password: z.string().min(1, "Skriv ditt lösenord.").max(200),
});

export const forgotForm = z.object({ email });

export const setPasswordForm = z.object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Lösenorden är inte lika.", path: ["confirm"] });

export const changePasswordForm = z.object({ current: z.string().min(1, "Skriv ditt nuvarande lösenord."), password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Lösenorden är inte lika.", path: ["confirm"] });

const areaIds = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid()));
const roleInForbund = z.enum(["admin", "koordinator", "lasare"], { message: "Välj en roll." });

export const inviteForm = z.object({
  email,
  name: z.string().trim().min(1, "Skriv personens namn.").max(200),
  role: roleInForbund,
  areaIds,
});

export const editUserForm = z.object({
  name: z.string().trim().min(1, "Skriv personens namn.").max(200),
  role: roleInForbund,
  areaIds,
});

export { idParam } from "../http/fields.js";
export const tokenParam = z.object({ token: z.string().min(10).max(200) });
