/** What the user pages show: labels and names instead of codes and ids, and never a password hash. */
import { roleLabels } from "../accounts/roles.js";
import type { Role } from "../http/types.js";

type UserWithAreas = { id: string; name: string; email: string; role: Role; active: boolean; passwordHash: string | null; ssoProvider: string | null; areaIds: string[] };

/** How the account signs in, in words: a password, a provider, or not yet (its invitation is still waiting). */
export function signInText(u: Pick<UserWithAreas, "passwordHash" | "ssoProvider">) {
  if (u.passwordHash && u.ssoProvider) return `Lösenord valt; enkel inloggning (${u.ssoProvider})`;
  if (u.passwordHash) return "Lösenord valt";
  if (u.ssoProvider) return `Enkel inloggning (${u.ssoProvider})`;
  return "Inbjudan väntar";
}
type Area = { id: string; name: string };

/** The roles an admin can give inside a förbund, in the order the form shows them. */
export const roleChoices = (["admin", "koordinator", "lasare"] as const).map((value) => ({ value, label: roleLabels[value] }));

/** One user as a table row or the head of the edit page. */
export function userView(u: UserWithAreas, areas: Area[]) {
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  return {
    id: u.id, name: u.name, email: u.email, role: u.role, roleLabel: roleLabels[u.role], active: u.active,
    // Neither a password nor a sign-in through a provider means the invitation has not been used.
    invitationPending: !u.passwordHash && !u.ssoProvider,
    signIn: signInText(u),
    areaIds: u.areaIds,
    areaNames: u.areaIds.map((id) => areaName.get(id) ?? "").filter(Boolean).join(", "),
  };
}

export const usersView = (users: UserWithAreas[], areas: Area[]) => users.map((u) => userView(u, areas));

/** Checkbox values come as nothing, one string or several; the form needs a list. */
export const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
