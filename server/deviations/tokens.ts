/**
 * The private links of a case: the reporter's follow link and each party's answer link carry a random
 * 256-bit token; only its sha256 is stored, so the database alone opens no case.
 */
import crypto from "node:crypto";
import type { Ctx } from "../context.js";

/** A new token for a link, shown or mailed once. */
export const newToken = () => crypto.randomBytes(32).toString("base64url");
/** What is stored of a token, and what a token from a link is looked up by. */
export const tokenHash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The reporter's page for one case. */
export const followUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/uppfoljning/${token}`;
/** A party's page to read the case and answer, without an account. */
export const answerUrl = (ctx: Ctx, token: string) => `${ctx.config.baseUrl}/a/svar/${token}`;
