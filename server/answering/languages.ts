/**
 * The languages a förbund offers its respondents. Every language with interface words (./words) is
 * listed with its review state; sv, sv-lattlast and en are enabled from the start, the others when the
 * förbund's admin has reviewed them and enables them (which languages are enabled is kept with the
 * questionnaires' language versions, questionnaires/languages.ts, which a new insamling reads). An
 * insamling offers a language only when it is enabled, the insamling has it (every text of its
 * questionnaire version translated) and it has interface words.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { atLeast } from "../accounts/roles.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import * as audit from "../audit/service.js";
import { transactional } from "../unit-of-work.js";
import * as questionnaires from "../questionnaires/service.js";
import { languageNames } from "../../surveys/define.js";
import { catalogStates, hasCatalog, type UiLanguage } from "./words/index.js";

export const { enabledLanguages, peekEnabled } = questionnaires;

export type LanguageInfo = { code: string; name: string; state: "granskad" | "utkast"; enabled: boolean };

/** Every language with interface words, with its name in its own script, review state and whether the förbund enabled it. */
export async function listLanguages(ctx: Ctx, forbundId: string): Promise<LanguageInfo[]> {
  const enabled = await enabledLanguages(ctx, forbundId);
  return (Object.keys(catalogStates) as UiLanguage[]).map((code) => ({ code, name: languageNames[code] ?? code, state: catalogStates[code], enabled: enabled.has(code) }));
}

/** The admin enables or disables a language for the förbund's respondents (Swedish stays). */
export const setEnabled = transactional(async function setEnabled(ctx: Ctx, user: ForbundUser, code: string, enabled: boolean): Promise<LanguageInfo> {
  if (!atLeast(user.role, "admin")) throw new ForbiddenError("Bara förbundets administratör kan slå på och av språk.");
  if (!hasCatalog(code)) throw new NotFoundError(`Språket ${code} finns inte. Språken som finns: ${Object.keys(catalogStates).join(", ")}.`);
  if (code === "sv" && !enabled) throw new ValidationError("Svenska kan inte stängas av: det är enkäternas källspråk.", [{ path: "enabled", message: "Svenska är alltid påslaget." }]);
  await questionnaires.setLanguageEnabled(ctx, user.forbundId, code, enabled);
  await audit.record(ctx, user, "language.changed", { language: code, enabled });
  return (await listLanguages(ctx, user.forbundId)).find((l) => l.code === code)!;
});

/** The languages an insamling offers now: its own, enabled by the förbund, with interface words (Swedish always). */
export const offeredOf = (languages: readonly string[], enabled: ReadonlySet<string>): string[] =>
  languages.filter((l) => l === "sv" || (enabled.has(l) && hasCatalog(l)));
