/**
 * Text as the database can store it. PostgreSQL refuses U+0000 in text and jsonb, and jsonb refuses a
 * lone surrogate, so a stray control character pasted into a form used to lose the whole request with a
 * 500. Every input is cleaned once, at the edge (cleanInput on every route, and the CSV, XLSX and JSON
 * parsers): C0 control characters other than tab, newline and carriage return are dropped, and a lone
 * surrogate becomes U+FFFD, as an invalid UTF-8 byte already does when a body is decoded.
 */
import type { RequestHandler } from "express";
import { HttpError } from "../errors.js";

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** How deep cleanDeep follows objects and arrays; deeper input is refused rather than overflowing the stack. */
export const MAX_DEPTH = 64;

/** The text without C0 control characters (tab, newline and carriage return stay) and with lone surrogates as U+FFFD. */
export function cleanText(s: string): string {
  return s.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}

export class TooDeepError extends HttpError {
  constructor() { super(400, "too_deep", "Begäran kunde inte tolkas: den är för djupt nästlad."); }
}

const isPlainObject = (v: object) => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype;
};

/**
 * A copy of a parsed body, query or file with every string cleaned (object keys too); anything that
 * is not a string, array or plain object (numbers, Buffers) is kept as it is.
 */
export function cleanDeep<T>(v: T, depth = 0): T {
  if (typeof v === "string") return cleanText(v) as T;
  if (v === null || typeof v !== "object") return v;
  if (depth >= MAX_DEPTH) throw new TooDeepError();
  if (Array.isArray(v)) return v.map((x) => cleanDeep(x, depth + 1)) as T;
  if (!isPlainObject(v)) return v;
  // Keys defined, not assigned: a "__proto__" key from JSON stays a plain key instead of setting the prototype.
  const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, cleanText(k), { value: cleanDeep(x, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

/**
 * Cleans what a route reads: its body (forms, JSON, an upload's fields), query string and parameters.
 * Mounted in front of every route's guard. Express 5's req.query is a getter that parses the URL on
 * each read, so the cleaned query is set as the request's own property.
 */
export const cleanInput: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined) req.body = cleanDeep(req.body);
  Object.defineProperty(req, "query", { value: cleanDeep(req.query), enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(req.params ?? {})) req.params[k] = cleanDeep(req.params[k]);
  next();
};
