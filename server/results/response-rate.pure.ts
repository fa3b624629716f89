/**
 * Svarsfrekvens: how many of those asked have answered ("11 av 15 (73 %)"), where the number asked
 * is known: the number typed for each insamling (collections.asked), the personal invitations of the
 * insamlingar, or the insats's participants of the year from its insatsrapport (finished participants
 * for a questionnaire given at avslut). Pure.
 *
 * Only printed above the reporting threshold (n ≥ k), so it never shows a figure the view hides; and
 * only when the number asked covers everyone who answered — more answers than invitations means the
 * public link was used too, and then nobody knows how many were asked.
 */
import { formatInteger, formatPercent } from "./format.js";

export type ResponseRateBasis = "angivet" | "inbjudningar" | "deltagare" | "avslutade";

export type ResponseRate = {
  /** Finished answers in the figures (the released snapshot). */
  answered: number;
  /** How many were asked. */
  asked: number;
  /** answered / asked, 0–1. */
  share: number;
  basis: ResponseRateBasis;
  /** Where the number asked comes from, in words ("inbjudningar", "deltagare i insatsen 2024 enligt insatsrapporten"). */
  basisText: string;
};

/** `withInvitations`: a typed number summed with other insamlingar's invitations. */
export type Asked = { asked: number; basis: ResponseRateBasis; year?: number; withInvitations?: boolean };

/** One insamling of a view: the number typed for it (null: none) and how many personal invitations it sent. */
export type CollectionAsked = { typed: number | null; invited: number };

/**
 * The number asked of a view: when every insamling of it has a number — the one typed for it, or else
 * its invitations when it sent some — their sum; otherwise the insatsrapport's figure when there is
 * one; otherwise unknown (null). A typed number goes first: staff type it because they know better
 * (invitations sent to a group that was also given the public link, say).
 */
export function askedOf(perCollection: readonly CollectionAsked[], reported: Asked | null): Asked | null {
  const known = perCollection.map((c) => c.typed ?? (c.invited > 0 ? c.invited : null));
  if (known.length && known.every((n) => n !== null)) {
    const asked = known.reduce<number>((a, b) => a + b!, 0);
    const typed = perCollection.filter((c) => c.typed !== null).length;
    if (!typed) return { asked, basis: "inbjudningar" };
    return { asked, basis: "angivet", ...(typed < perCollection.length && { withInvitations: true }) };
  }
  return reported && reported.asked > 0 ? reported : null;
}

const basisTexts: Record<ResponseRateBasis, (year?: number, withInvitations?: boolean) => string> = {
  angivet: (_y, withInvitations) => (withInvitations ? "antal tillfrågade angivet för insamlingen och personliga inbjudningar" : "antal tillfrågade angivet för insamlingen"),
  inbjudningar: () => "personliga inbjudningar",
  deltagare: (y) => `deltagare i insatsen${y ? ` ${y}` : ""} enligt insatsrapporten`,
  avslutade: (y) => `avslutade deltagare i insatsen${y ? ` ${y}` : ""} enligt insatsrapporten`,
};

/** The response rate, or null when the number asked is unknown, does not cover the answers, or n is below k. */
export function responseRate(answered: number, k: number, asked: Asked | null): ResponseRate | null {
  if (!asked || answered < k || asked.asked < answered) return null;
  return { answered, asked: asked.asked, share: answered / asked.asked, basis: asked.basis, basisText: basisTexts[asked.basis](asked.year, asked.withInvitations) };
}

/** "11 av 15 (73 %)". */
export const responseRateText = (r: ResponseRate): string => `${formatInteger(r.answered)} av ${formatInteger(r.asked)} (${formatPercent(r.share)})`;
