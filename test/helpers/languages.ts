/** Enabling respondent languages for a test förbund, as its admin would (PUT /api/v1/languages/:code). */
import type { Ctx } from "../../server/context.js";
import * as languages from "../../server/answering/languages.js";
import { makeAdmin, type Forbund } from "./factories.js";

export async function enableLanguages(ctx: Ctx, f: Forbund, codes: string[]): Promise<void> {
  const admin = await makeAdmin(ctx, f);
  for (const code of codes) await languages.setEnabled(ctx, admin, code, true);
}
