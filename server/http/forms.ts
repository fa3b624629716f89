/** Form parsing: a failed form comes back with messages by field and every value the user typed. */
import type { Request, Response } from "express";
import type { z } from "zod";
import { NotFoundError } from "../errors.js";
import type { FieldErrors, Refused } from "../result.js";

export type { FieldErrors } from "../result.js";
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The status of a page whose command a service refused: 409 when the state of things refused it, else 422. */
export const refusedStatus = (r: Refused): 409 | 422 => (r.reason === "conflict" ? 409 : 422);

/** Renders the form again after a service refused its command: its status (422 or 409), errors and the values as typed. */
export function renderRefused(res: Response, view: string, r: Refused, values: unknown, locals: object = {}) {
  res.status(refusedStatus(r)).render(view, { ...locals, errors: r.errors, values });
}

/** Renders the form again with 422, its errors and the values as typed. */
export function renderInvalid(res: Response, view: string, errors: FieldErrors, values: unknown, locals: object = {}) {
  res.status(422).render(view, { ...locals, errors, values });
}

/** Route parameters that fail their schema (say a malformed id) are simply not found. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const r = schema.safeParse(params);
  if (!r.success) throw new NotFoundError();
  return r.data;
}

/** A session with nothing stored in it but its cookie settings (never saved: an anonymous visit leaves no row). */
const isEmpty = (s: object) => Object.keys(s).every((k) => k === "cookie");

/**
 * 303 See Other, once the session is saved. express-session saves after it has written the headers, and a
 * browser follows a redirect on the headers alone: on a PostgreSQL server the next request could read the
 * session on another connection before the write (a fresh login bounced back to /login).
 */
export async function seeOther(req: Request, res: Response, url: string): Promise<void> {
  const session = req.session;
  if (session && !isEmpty(session)) await new Promise<void>((resolve, reject) => session.save((err) => (err ? reject(err) : resolve())));
  res.redirect(303, url);
}
