/** A route is a line in a table: method, path, the guard that protects it, and its handlers. */
import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * public: anyone · account: any signed-in account · signedIn: any account of a förbund · koordinator / admin: that role or higher
 * in the user's förbund · superadmin: the platform · api: a Bearer token (any role) ·
 * apiKoordinator / apiAdmin: a Bearer token whose user has that role or higher · metrics: the Bearer
 * METRICS_TOKEN of the configuration (no account; unset, the route is as if it did not exist) ·
 * national: a signed-in nationell läsare · apiNational / apiSuperadmin: a Bearer token of a nationell läsare, or of the
 * platform's superadmin (neither needs a förbund).
 */
export type Guard = "public" | "account" | "signedIn" | "koordinator" | "admin" | "superadmin" | "national" | "api" | "apiKoordinator" | "apiAdmin"
  | "apiNational" | "apiSuperadmin" | "metrics";
export type Method = "get" | "post" | "patch" | "put";
export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
export type Route = { method: Method; path: string; guard: Guard; handlers: RequestHandler[] };

export const get = (path: string, guard: Guard, ...handlers: Handler[]): Route =>
  ({ method: "get", path, guard, handlers: handlers as RequestHandler[] });
export const post = (path: string, guard: Guard, ...handlers: Handler[]): Route =>
  ({ method: "post", path, guard, handlers: handlers as RequestHandler[] });
export const patch = (path: string, guard: Guard, ...handlers: Handler[]): Route =>
  ({ method: "patch", path, guard, handlers: handlers as RequestHandler[] });
export const put = (path: string, guard: Guard, ...handlers: Handler[]): Route =>
  ({ method: "put", path, guard, handlers: handlers as RequestHandler[] });
