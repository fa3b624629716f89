/**
 * The private links of a case: the reporter's follow link and each party's answer link carry a random
 * 256-bit token; only its sha256 is stored, so the database alone opens no case.
 */
import type { Ctx } from "../context.js";
import { keyedDigest, randomToken, sha256Hex } from "../crypto.js";

/** A new token for a link, shown or mailed once. */
export const newToken = () => randomToken(32);
/**
 * The reporter's follow token, derived from a random seed (the public form's submission key, or a new token
 * for the API) under the anonymity key, which is never in the database: the same form sent twice gives the
 * same token, a notice can carry the link again from the stored seed, and a database reader cannot.
 */
export const followToken = (ctx: Ctx, seed: string) => keyedDigest(ctx.anonymityKey, `samspar:deviation-follow:v1\n${seed}`, "base64url");
/** What is stored of a token, and what a token from a link is looked up by. */
export const tokenHash = sha256Hex;

/** The reporter's page for one case. */
export const followUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/uppfoljning/${token}`;
/** A party's page to read the case and answer, without an account. */
export const answerUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/svar/${token}`;

/**
 * A party's first answer link, derived from the request's id under the anonymity key: without SMTP the case
 * page can show it again for the koordinator to pass on (a reminder's new link is random and is only mailed).
 */
export const answerToken = (ctx: Ctx, requestId: string) => keyedDigest(ctx.anonymityKey, `samspar:deviation-answer:v1\n${requestId}`, "base64url");
