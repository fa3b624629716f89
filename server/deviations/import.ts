/**
 * Import of earlier cases from a förbund's own log (CSV), all or nothing like the answers import: any bad
 * line and nothing is stored. Imported cases take case numbers of their report year after any that exist,
 * are marked imported, have no follow link, and count in that year's analysis and trend.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { HttpError } from "../errors.js";
import { cleanText } from "../http/clean.js";
import * as audit from "../audit/service.js";
import * as repo from "./repo.js";
import { caseNumber } from "./cases.pure.js";
import { actorOf, today } from "./cases.js";
import { formOptions } from "./settings.js";
import { transactional } from "../unit-of-work.js";
import { newToken, tokenHash } from "./tokens.js";
import { parseDeviationsCsv, type LineErrors, type ParsedImport } from "./import.pure.js";

/** A log of a few thousand cases is well under this; the body is read whole. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export type ImportResult = { imported: number; rejected: LineErrors[] };

/** The file read against the förbund's organisation and codes, nothing stored: the preview page. */
export async function previewImport(ctx: Ctx, forbundId: string, text: string): Promise<ParsedImport> {
  const { org, codes } = await formOptions(ctx, forbundId);
  return parseDeviationsCsv(text, org, codes, today(ctx));
}

/** Imports every line or none; the audit line names how many and which years. */
export const importCases = transactional(async function importCases(ctx: Ctx, user: ForbundUser, text: string): Promise<ImportResult> {
  const { cases, rejected } = await previewImport(ctx, user.forbundId, text);
  if (rejected.length) return { imported: 0, rejected };
  const now = ctx.clock.now(), actor = actorOf(user);
  for (const c of cases) {
    const values: repo.NewDeviation = {
      forbundId: user.forbundId, year: c.year, occurredMonth: c.occurredMonth, areaId: c.areaId, interventionId: c.interventionId,
      reporterPartyId: c.reporterPartyId, description: c.description, consequences: c.consequences, causes: c.causes,
      proposal: c.proposal, actionTaken: c.actionTaken, severity: c.severity, status: c.status, decision: c.decision, closedOn: c.closedOn,
      // No one holds a follow link to an imported case: the stored hash is of a token nobody keeps.
      followTokenHash: tokenHash(newToken()), reportedOn: c.reportedOn, createdAt: now, importedAt: now,
    };
    const event = { at: now, ...actor, kind: "imported", visibleToReporter: false };
    for (let attempt = 0, done = false; !done; attempt++) {
      try {
        await repo.insertDeviation(ctx.db, values, c.concerned, event, caseNumber);
        done = true;
      } catch (err) {
        // A report filed at the same moment took the number: the savepoint is undone and the next number tried.
        if (!repo.isUniqueViolation(err) || attempt >= 9) throw err;
      }
    }
  }
  await audit.record(ctx, user, "deviations.imported", { imported: cases.length, years: [...new Set(cases.map((c) => c.year))].sort() });
  return { imported: cases.length, rejected: [] };
});

export class ImportTooLargeError extends HttpError {
  constructor() { super(413, "too_large", `Filen är för stor: högst ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`); }
}
export class ImportTypeError extends HttpError {
  constructor() { super(415, "unsupported_media_type", "Skicka filen som text/csv (UTF-8) med rubrikraden först."); }
}

/** The request body as UTF-8 text, refused before reading when it is not CSV or is announced too large, and while reading past the limit. */
export async function readCsvBody(type: string | false | null, contentLength: number, body: AsyncIterable<Buffer | string>): Promise<string> {
  if (type === false || type === null) throw new ImportTypeError();
  if (contentLength > MAX_IMPORT_BYTES) throw new ImportTooLargeError();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    bytes += b.length;
    if (bytes > MAX_IMPORT_BYTES) throw new ImportTooLargeError();
    chunks.push(b);
  }
  return cleanText(Buffer.concat(chunks).toString("utf8")); // as every other input is cleaned (http/clean.ts) before a route sees it
}
