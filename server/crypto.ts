/** The app's few uses of node:crypto in one place: digests of secrets, random tokens, slugs for posters. */
import crypto from "node:crypto";

/** The SHA-256 digest of a string, hex: how a token or a key is kept, never the token itself. */
export const sha256Hex = (s: string): string => crypto.createHash("sha256").update(s).digest("hex");

/** The SHA-256 digest as bytes, for comparing secrets of any length in constant time. */
export const sha256Bytes = (s: string): Buffer => crypto.createHash("sha256").update(s).digest();

/** Whether two secrets are equal, compared in constant time (as digests, so their lengths do not show either). */
export const sameSecret = (a: string, b: string): boolean => crypto.timingSafeEqual(sha256Bytes(a), sha256Bytes(b));

/** A random secret for a link or a key, URL-safe: 24 bytes (192 bits) unless asked otherwise. */
export const randomToken = (bytes = 24): string => crypto.randomBytes(bytes).toString("base64url");

// 31 letters and digits without look-alikes (no i, l, o, 0, 1): what a person can type from a poster.
const SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A short random address part for a poster: 10 characters ≈ 50 bits, 12 ≈ 59 bits. */
export const randomSlug = (length: number): string =>
  Array.from({ length }, () => SLUG_ALPHABET[crypto.randomInt(SLUG_ALPHABET.length)]).join("");

/**
 * An HMAC-SHA256 of a text under a key that is never in the database (the anonymity key or one derived from
 * it): the server can compute it again, a database reader cannot, even for a guessable text such as an IP.
 */
export function keyedDigest(key: string | Buffer, text: string): Buffer;
export function keyedDigest(key: string | Buffer, text: string, encoding: "hex" | "base64url"): string;
export function keyedDigest(key: string | Buffer, text: string, encoding?: "hex" | "base64url"): Buffer | string {
  const mac = crypto.createHmac("sha256", key).update(text);
  return encoding ? mac.digest(encoding) : mac.digest();
}
