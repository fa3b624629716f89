/**
 * The private links of a case: the reporter's follow link and each party's answer link carry a random
 * 256-bit token; only its sha256 is stored, so the database alone opens no case.
 */
import type { Ctx } from "../context.js";
import { keyedDigest, randomToken, sha256Hex } from "../crypto.js";

/** A new token for a link, shown or mailed once. */
export const newToken = () => randomToken(32);
/**
 * The follow token of a report sent from the public form, derived from the form's random submission key
 * under the anonymity key (never in the database): the same form sent twice gives the same token, and a
 * database reader who sees a key in a log or history cannot compute the link from it.
 */
export const receiptToken = (ctx: Ctx, submissionKey: string) => keyedDigest(ctx.anonymityKey, `samspar:deviation-follow:v1\n${submissionKey}`, "base64url");
/** What is stored of a token, and what a token from a link is looked up by. */
export const tokenHash = sha256Hex;

/** The reporter's page for one case. */
export const followUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/uppfoljning/${token}`;
/** A party's page to read the case and answer, without an account. */
export const answerUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/svar/${token}`;
