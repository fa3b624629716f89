/** Form parsing: a failed form comes back with messages by field and every value the user typed. */
import type { Response } from "express";
import type { z } from "zod";
import { NotFoundError } from "../errors.js";

export type FieldErrors = Record<string, string>;
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
