/** Role ranks: a superadmin acts as admin in its home förbund. */
import type { Role } from "../http/types.js";

const rank: Record<Role, number> = { lasare: 1, koordinator: 2, admin: 3, superadmin: 4 };
export const roleLabels: Record<Role, string> = {
  superadmin: "Plattformsadministratör", admin: "Administratör (förbundschef)",
  koordinator: "Samverkanskoordinator", lasare: "Läsare",
};
export const atLeast = (role: Role, minimum: Role) => rank[role] >= rank[minimum];
