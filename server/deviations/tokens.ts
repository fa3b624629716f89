/**
 * The private links of a case: the reporter's follow link and each party's answer link carry a random
 * 256-bit token; only its sha256 is stored, so the database alone opens no case.
 */
import type { Ctx } from "../context.js";
import { randomToken, sha256Hex } from "../crypto.js";

/** A new token for a link, shown or mailed once. */
export const newToken = () => randomToken(32);
/** What is stored of a token, and what a token from a link is looked up by. */
export const tokenHash = sha256Hex;

/** The reporter's page for one case. */
export const followUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/uppfoljning/${token}`;
/** A party's page to read the case and answer, without an account. */
export const answerUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/svar/${token}`;
