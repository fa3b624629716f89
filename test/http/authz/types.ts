/** Shared vocabulary of the authorization matrix; each feature adds its rows in a file beside this one. */
import type { TestApp } from "../../helpers/app.js";
import type { makeForbund } from "../../helpers/factories.js";

export const callers = ["anonym", "lasare", "koordinator", "admin", "superadmin", "annat"] as const;
export type Caller = (typeof callers)[number];
/** "login": redirected to the login page · "ok": let through (any answer but 401/403/404/500 and the login redirect) · a number: exactly that status. */
export type Expect = "login" | "ok" | number;
export type Row = [anonym: Expect, lasare: Expect, koordinator: Expect, admin: Expect, superadmin: Expect, annat: Expect];

/**
 * What a feature's params function gets: the app, förbund A (where läsare, koordinator, admin and
 * superadmin belong; the koordinator's kommunområde is areas[0]) and the other förbund's admin ("annat").
 */
export type Fixtures = { t: TestApp; forbundA: Awaited<ReturnType<typeof makeForbund>>; userIds: Record<Exclude<Caller, "anonym">, string> };

/** A feature's rows, and fresh route parameters for one request (undefined when the path is not the feature's). */
export type FeatureMatrix = {
  rows: Record<string, Row>;
  params?: (path: string, f: Fixtures) => Promise<Record<string, string> | undefined>;
};

export const everyone: Row = ["ok", "ok", "ok", "ok", "ok", "ok"];
export const signedIn: Row = ["login", "ok", "ok", "ok", "ok", "ok"];
export const koordinator: Row = ["login", 403, "ok", "ok", "ok", "ok"];
export const admin: Row = ["login", 403, 403, "ok", "ok", "ok"];
/** ids of förbund A: another förbund's admin must not find them */
export const adminOfThisForbund: Row = ["login", 403, 403, "ok", "ok", 404];
export const superadminOnly: Row = ["login", 403, 403, 403, "ok", 403];
export const api: Row = [401, 200, 200, 200, 200, 200];
/**
 * Förbund-wide outputs (year view, goals, Statistik, bilagor, ZIP; issue 12 finding 6): the matrix's
 * koordinator is scoped to one kommunområde and is refused, on pages and in the API alike.
 */
export const forbundWide: Row = ["login", "ok", 403, "ok", "ok", "ok"];
export const apiForbundWide: Row = [401, 200, 403, 200, 200, 200];
export const apiKoordinator: Row = [401, 403, "ok", "ok", "ok", "ok"];
