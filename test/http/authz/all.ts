/** Every feature's rows and route parameters in one place, for the authorization matrix and the route fuzz test. */
import type { Fixtures, Row } from "./types.js";
import { matrix as skeleton } from "./skeleton.js";
import { matrix as collections } from "./collections.js";
import { matrix as answering } from "./answering.js";
import { matrix as deviations } from "./deviations.js";
import { matrix as importing } from "./import.js";
import { matrix as results } from "./results.js";
import { matrix as attendanceReportsStatistik } from "./attendance-reports-statistik.js";
import { matrix as reports } from "./reports.js";
import { matrix as questionnaires } from "./questionnaires.js";
import { matrix as groups } from "./groups.js";
import { matrix as sso } from "./sso.js";
import { matrix as sharedInterventions } from "./sharedinterventions.js";
import { matrix as aggregates } from "./aggregates.js";

export const features = [skeleton, collections, answering, deviations, importing, results, attendanceReportsStatistik, reports, questionnaires, groups, sso, sharedInterventions, aggregates];
export const matrix: Record<string, Row> = Object.assign({}, ...features.map((f) => f.rows));

/** Fresh records of förbund A for each request, so one caller's change never decides the next caller's answer. */
export async function paramsFor(path: string, fx: Fixtures): Promise<Record<string, string>> {
  for (const f of features) {
    const p = await f.params?.(path, fx);
    if (p) return p;
  }
  return {};
}

/** A route's path with its parameters filled in (each encoded as the caller gives it), and the query under "?" when a page needs one. */
export const fill = (path: string, params: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_, k: string) => {
    if (!(k in params)) throw new Error(`ingen parameter ${k} för ${path}: lägg till den i featurens params()`);
    return params[k];
  }) + (params["?"] ? `?${params["?"]}` : "");
