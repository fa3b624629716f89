/** What the audit log page shows: Swedish time, a label for the action, and the detail as short text. */
import { roleLabels } from "../accounts/roles.js";
import type { Role } from "../http/types.js";
import { actionLabels } from "./service.js";

const dateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "medium" });

type Entry = { id: string; at: Date; actorEmail: string | null; action: string; label: string; detail: unknown };

const isRole = (v: unknown): v is Role => typeof v === "string" && v in roleLabels;

/** The detail as a few readable words; ids become e-mail addresses where known and are otherwise left out. */
export function detailText(detail: unknown, emailOf: Map<string, string>): string {
  if (!detail || typeof detail !== "object") return "";
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.email === "string") parts.push(d.email);
  else if (typeof d.userId === "string" && emailOf.has(d.userId)) parts.push(emailOf.get(d.userId)!);
  if (isRole(d.role)) parts.push(`roll: ${roleLabels[d.role]}`);
  if (typeof d.name === "string") parts.push(`”${d.name}”`);
  if (typeof d.via === "string") parts.push(`via ${d.via}`);
  if (d.resent === true) parts.push("ny inbjudan");
  for (const [k, v] of Object.entries(d)) {
    if (["email", "userId", "role", "name", "via", "resent"].includes(k) || /id$/i.test(k)) continue;
    if (typeof v === "string" || typeof v === "number") parts.push(`${k}: ${v}`);
  }
  return parts.join(", ");
}

/** Rows for the log table, filtered by action when one is chosen. */
export function auditView(entries: Entry[], users: { id: string; email: string }[], action?: string) {
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return entries
    .filter((e) => !action || e.action === action)
    .map((e) => ({ id: e.id, time: dateTime.format(e.at), actor: e.actorEmail ?? "–", label: e.label, detail: detailText(e.detail, emailOf) }));
}

/** The choices of the action filter, in the order of the labels. */
export const actionChoices = Object.entries(actionLabels).map(([value, label]) => ({ value, label }));
