/**
 * The one rule for who reads the whole förbund. A koordinator scoped to kommunområden reads what
 * belongs to them — their insamlingar and those insamlingars' results (page, CSV, API) — and nothing
 * förbund-wide: not the year view (it adds insamlingar together), the goals, Statistik, the bilagor or
 * their ZIP, on a page or through the API. A koordinator without a kommunområde, läsare and admins
 * read the whole förbund. Pure, so that services, guards and views ask the same question.
 */
import type { CurrentUser } from "./types.js";

/** Whether the user may read förbund-wide outputs. */
export function canReadForbundWide(user: Pick<CurrentUser, "role" | "areaIds">): boolean {
  return user.role !== "koordinator" || user.areaIds.length === 0;
}

/** Why a scoped koordinator is refused, on a page and in the API. */
export const FORBUND_WIDE_REFUSED =
  "Du är samverkanskoordinator för vissa kommunområden och ser resultaten för insamlingarna där, under Resultat. " +
  "Sammanställningar för hela förbundet – årets resultat, mål, statistik och bilagor – läses av förbundets läsare och administratörer.";
