/**
 * Role ranks: a superadmin acts as admin in its home förbund. The nationell läsare ranks below every förbund
 * role: it belongs to no förbund and reads only the national view (server/groups/), never a förbund's pages.
 */
import type { Role } from "../http/types.js";

const rank: Record<Role, number> = { nationell: 0, lasare: 1, koordinator: 2, admin: 3, superadmin: 4 };
export const roleLabels: Record<Role, string> = {
  superadmin: "Plattformsadministratör", admin: "Administratör (förbundschef)",
  koordinator: "Samverkanskoordinator", lasare: "Läsare", nationell: "Nationell läsare",
};
export const atLeast = (role: Role, minimum: Role) => rank[role] >= rank[minimum];
