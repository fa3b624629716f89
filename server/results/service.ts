/**
 * Results: the figures of one insamling, or of a year of one questionnaire filtered by insats,
 * kommunområde and respondent group, with last year's figures and the free text. This file is the
 * surface other features use; the work is done in
 *   tallies.ts  counting answers (response_tallies → figures per question; the year's suppressed sets),
 *   views.ts    the result views of an insamling, a year filter and the goals' scopes,
 *   texts.ts    free text (text-cache.ts),
 * with the pure stats.ts, threshold.ts and format.ts.
 *
 * The path of a figure: SQL counts per insamling, question and value (repo.ts) → stats.ts per
 * question → threshold.ts (n < k, and complementary suppression below) → present.ts; goals
 * (goals/) are checked on the same views.
 *
 * Disclosure by subtraction. Every view shown anywhere — an insamling, or a year view over the
 * insamlingar of one questionnaire that match a filter — is a union of insamlingar, so a small
 * insamling hidden on its own page could be worked out as "the year minus the others". For each
 * question, the year's insamlingar are therefore treated as the cells of every breakdown the pages
 * can show (each filter combination split into its insamlingar, and into the next finer filter),
 * and suppressBreakdown decides each of them with hasTotal = true; a view is suppressed when any
 * breakdown it is a cell of says so (suppressedSets, threshold.ts). Decided per member set, so the
 * same figures are hidden on every page that could show them. Free text is disaggregated data and
 * cannot be protected by hiding totals, so a view lists only the texts of insamlingar that may show
 * their own texts.
 *
 * Counts per insamling are not computed at request time: PostgreSQL keeps them in response_tallies
 * as responses are written (triggers on responses, whichever path writes them), and a call reads the
 * few hundred counts of the insamlingar it needs. Nothing is cached in the process, so every call
 * (and every process on the same database) sees the committed responses.
 */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import * as organisation from "../organisation/service.js";
import * as questionnaires from "../questionnaires/service.js";
import * as audit from "../audit/service.js";

export { DIMENSIONS, type Pattern } from "./tallies.js";
export {
  collectionResults, countsByVersion, forbundYearViews, overview, yearResults, yearViews, type Results, type Snapshot, type VersionCounts, type View, type YearOutcome, type YearResults,
} from "./views.js";
export { TEXT_LIMIT, type TextGroup } from "./texts.js";

/** The samverkan questionnaire (Bilaga 5). */
export const SAMVERKAN = "samverkan-utvardering";

/** The förbund's organisation (names of insatser and kommunområden, the reporting threshold). */
export const organisationOf = (ctx: Ctx, forbundId: string): Promise<organisation.Organisation> => organisation.getOrganisation(ctx, forbundId);

/** The questionnaires results can be asked for: the standard ones and the förbund's own published ones. */
export const questionnaireChoices = (ctx: Ctx, forbundId: string) => questionnaires.choices(ctx, forbundId);

/** Records a CSV download of figures in the audit log (who and what, never an answer). */
export async function recordExport(ctx: Ctx, user: CurrentUser, what: Record<string, unknown>) {
  await audit.record(ctx, user, "export", { what: "resultat", ...what });
}

