/** The few typed errors the app throws; the error handler turns them into pages or JSON. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues?: unknown) {
    super(message);
  }
}
export class NotFoundError extends HttpError {
  constructor(message = "Sidan eller posten finns inte.") { super(404, "not_found", message); }
}
export class ForbiddenError extends HttpError {
  constructor(message = "Du har inte behörighet till detta.") { super(403, "forbidden", message); }
}
export class UnauthorizedError extends HttpError {
  constructor(message = "Inloggning krävs.") { super(401, "unauthorized", message); }
}
export class ValidationError extends HttpError {
  constructor(message: string, issues?: unknown) { super(422, "validation", message, issues); }
}
export class ConflictError extends HttpError {
  constructor(message: string) { super(409, "conflict", message); }
}
