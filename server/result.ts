/**
 * The one result of a service command: done, with what the caller needs, or refused with messages by field.
 *
 * The convention, for every service:
 * - "not found" and "not allowed" are thrown (NotFoundError, ForbiddenError in errors.ts): nothing on the page
 *   can put them right, and the error handler answers 404 or 403;
 * - a command the user can correct returns `Refused` with Swedish messages by field (`_form` for the whole
 *   form), and the page comes back with them and every value the user typed;
 * - `reason: "conflict"` says the state of things refused it (a closed insamling, an answer already
 *   approved), not the input.
 * No HTTP here: routes turn a Refused into an answer (http/forms.ts refusedStatus for pages: 422, or 409 for a
 * conflict; http/api.ts refusal for the API).
 */

/** Messages by field: the form's field name (or `_form`) → a Swedish sentence. */
export type FieldErrors = Record<string, string>;

/** A command the user can correct, refused: messages by field; `conflict` when the state of things refused it. */
export type Refused = { ok: false; errors: FieldErrors; reason?: "conflict" };

/** Done, with what the caller needs (`T`), or refused. */
export type Done<T extends object = object> = ({ ok: true } & T) | Refused;

/** Refused because of the input: the user corrects the fields named. */
export const refused = (errors: FieldErrors): Refused => ({ ok: false, errors });

/** Refused because of the state of things (say a closed insamling), whatever the input. */
export const conflict = (errors: FieldErrors): Refused => ({ ok: false, errors, reason: "conflict" });
