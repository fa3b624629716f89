/**
 * The API's edge: parsing JSON bodies and queries, and the one shape of an issue in a 422 answer.
 *
 * Every issue has `path` (the field, dotted: `answers.q3`, `funding.0.amount`) and `message` (Swedish).
 * Where an earlier contract named the field `question` (the answering and questionnaire APIs), that field is
 * kept and `path` is added beside it: integrations rely on both.
 */
import type { z } from "zod";
import { ConflictError, ValidationError, type HttpError } from "../errors.js";
import type { FieldErrors, Refused } from "../result.js";

export type ApiIssue = { path: string; message: string; question?: string | null };

/** A field the client sent that the schema does not know. */
const UNKNOWN_FIELD = "okänt fält";

/** zod's issues as API issues; an unknown field gets one issue each; `whole` names an issue about the whole input. */
export function zodIssues(error: z.ZodError, whole = "(body)"): ApiIssue[] {
  return error.issues.flatMap((i) => i.code === "unrecognized_keys"
    ? i.keys.map((k) => ({ path: [...i.path, k].map(String).join("."), message: UNKNOWN_FIELD }))
    : [{ path: i.path.map(String).join(".") || whole, message: i.message }]);
}

/** A service's messages by form field as API issues, the form's field names renamed to the API's. */
export function fieldIssues(errors: FieldErrors, apiNames: Readonly<Record<string, string>> = {}): ApiIssue[] {
  return Object.entries(errors).map(([field, message]) => ({ path: apiNames[field] ?? field, message }));
}

/** Issues about questions (the answering and questionnaire APIs): `question` as the contract has it, and `path`. */
export function questionIssues(issues: readonly { question?: string | null; message: string }[], whole = "answers"): ApiIssue[] {
  return issues.map((i) => ({ question: i.question ?? null, path: i.question || whole, message: i.message }));
}

/** Parses a JSON body (absent counts as `{}`) or a query, or answers 422 with the issues. */
export function apiParse<S extends z.ZodType>(schema: S, input: unknown, message = "Uppgifterna är felaktiga.", whole?: string): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationError(message, zodIssues(r.error, whole));
  return r.data;
}

/** Answers 422 with a service's messages by field. */
export const invalidFields = (errors: FieldErrors, apiNames?: Readonly<Record<string, string>>, message = "Uppgifterna är felaktiga.") =>
  new ValidationError(message, fieldIssues(errors, apiNames));

/**
 * A service's refusal (result.ts) as the API's answer, to throw: 409 with the messages when the state of things
 * refused it, else 422 with the messages by field as issues.
 */
export function refusal(r: Refused, apiNames?: Readonly<Record<string, string>>, message?: string): HttpError {
  return r.reason === "conflict" ? new ConflictError(Object.values(r.errors).join(" ")) : invalidFields(r.errors, apiNames, message);
}
