/**
 * CSV import of old answers into an insamling, all or nothing.
 *
 * Memory stays bounded at any file size: the body is parsed as a stream (csv-parse), each good row is
 * validated and spooled as JSON to a temporary file, and only when every line is good are the rows
 * inserted, in batches, in one transaction. Validating before opening the transaction matters on the
 * embedded database: PGlite has a single connection, and a transaction held open while a slow upload
 * trickles in would stall every other request of the app.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, type Options } from "csv-parse";
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { HttpError } from "../errors.js";
import { cleanText } from "../http/clean.js";
import * as collections from "../collections/service.js";
import * as audit from "../audit/service.js";
import type { Definition } from "../../surveys/define.js";
import type { Answers } from "../../surveys/answers.js";
import { createRecordReader, csvOptions, detectDelimiter, emptyFileErrors, parseResponsesCsv, type LineErrors } from "../../surveys/csv.js";
import * as repo from "./repo.js";
import { unitOfWork } from "../unit-of-work.js";

export const MAX_BYTES = 50 * 1024 * 1024;
/** Bad lines listed in an answer; the count says how many there were in all. */
export const MAX_REPORTED = 1000;
export const BATCH_SIZE = 1000;
const PREVIEW_ROWS = 20;

export type Collection = collections.Collection;
export type ImportResult = { imported: number; rejected: LineErrors[]; rejectedCount: number };

export class TooLargeError extends HttpError {
  constructor(maxBytes: number) { super(413, "too_large", `Filen är för stor: högst ${Math.round(maxBytes / 1024 / 1024)} MB.`); }
}
export class UnsupportedTypeError extends HttpError {
  constructor() { super(415, "unsupported_media_type", "Skicka filen som text/csv (UTF-8), med en rubrikrad av frågornas id."); }
}

/** The insamling the user may import into (404 another förbund, 403 another kommunområde). */
export const collectionFor = (ctx: Ctx, user: ForbundUser, id: string): Promise<Collection> => collections.getManaged(ctx, user, id);

/** Imported answers are dated to the insamling: its close date, else its open date, else the last day of its year. */
export const answeredOnFor = (c: Pick<Collection, "closesOn" | "opensOn" | "year">): string => c.closesOn ?? c.opensOn ?? `${c.year}-12-31`;

/** The first rows and every bad line of a pasted CSV text, for the preview on the import page. */
export function preview(c: Collection, text: string) {
  const parsed = parseResponsesCsv(c.definition, text);
  return {
    columns: parsed.columns,
    delimiter: parsed.delimiter,
    rows: parsed.rows.slice(0, PREVIEW_ROWS),
    total: parsed.rows.length,
    errors: parsed.errors.slice(0, MAX_REPORTED),
    errorCount: parsed.errors.length,
  };
}

type Chunk = Buffer | string;
/** A request, a file stream, or simply [text]. */
export type CsvSource = AsyncIterable<Chunk> | Iterable<Chunk>;
const toBuffer = (c: Chunk) => (typeof c === "string" ? Buffer.from(c, "utf8") : c);

/**
 * Reads the source once: every good row goes to `onRow` (in file order), every bad line is counted and
 * the first MAX_REPORTED are kept. The separator is taken from the header line before parsing starts.
 */
async function readCsv(def: Definition, source: CsvSource, maxBytes: number, onRow: (answers: Answers) => Promise<void>) {
  const it = (async function* () { yield* source; })();
  let bytes = 0;
  const next = async (): Promise<Buffer | undefined> => {
    const r = await it.next();
    if (r.done) return undefined;
    const b = toBuffer(r.value);
    bytes += b.length;
    if (bytes > maxBytes) throw new TooLargeError(maxBytes);
    return b;
  };
  const head: Buffer[] = [];
  for (let b = await next(); b; b = await next()) {
    head.push(b);
    if (b.includes(0x0a) || b.includes(0x0d) || bytes > 65_536) break;
  }
  const delimiter = detectDelimiter(Buffer.concat(head).toString("utf8").replace(/^\uFEFF/, ""));
  async function* chunks() {
    yield* head;
    for (let b = await next(); b; b = await next()) yield b;
  }

  const reader = createRecordReader(def, delimiter);
  const rejected: LineErrors[] = [];
  let rejectedCount = 0, rows = 0, badHeader = false;
  const reject = (e: LineErrors) => { rejectedCount++; if (rejected.length < MAX_REPORTED) rejected.push(e); };
  // Records are judged inside the parser's callbacks, in file order; only good rows flow on.
  const options: Options<Answers, string[]> = {
    ...csvOptions(delimiter),
    on_skip: (err) => { if (!badHeader) reject(reader.skipped(err)); return undefined; },
    on_record: (record: string[], info: { lines: number }) => {
      if (badHeader) return null;
      const out = reader.read(record.map(cleanText), info.lines);
      if (out.kind === "header" && out.errors.length) { badHeader = true; reject({ line: out.line, errors: out.errors }); }
      if (out.kind === "invalid") reject({ line: out.line, errors: out.errors });
      return out.kind === "row" ? out.answers : null;
    },
  };
  const parser = parse(options as unknown as Options); // csv-parse types only the default record shape
  await pipeline(Readable.from(chunks()), parser, async (good: AsyncIterable<Answers>) => {
    for await (const answers of good) {
      rows++;
      if (!rejectedCount) await onRow(answers);
    }
  });
  for (const e of emptyFileErrors(reader.columns, rows, rejectedCount)) reject(e);
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected, rejectedCount };
}

/** Writes rows as JSON arrays of BATCH_SIZE, one batch per line, so the insert pass reads batches ready to send. */
function spool(file: string) {
  const out = fs.createWriteStream(file, { encoding: "utf8" });
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const line = `[${batch.join(",")}]\n`;
    batch = [];
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  return {
    async add(answers: Answers) { batch.push(JSON.stringify(answers)); if (batch.length >= BATCH_SIZE) await flush(); },
    async close() { await flush(); await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))); },
  };
}

/**
 * Imports a CSV (a stream of bytes or strings) into an insamling the user manages: every line good →
 * all rows stored as finished responses in one transaction, dated to the insamling, language "sv";
 * any bad line → nothing stored, and the bad lines by number.
 */
export async function importCsv(ctx: Ctx, user: ForbundUser, c: Collection, source: CsvSource, opts: { maxBytes?: number } = {}): Promise<ImportResult> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "samspar-import-"));
  try {
    const file = path.join(dir, "rows.ndjson");
    const out = spool(file);
    let read;
    try {
      read = await readCsv(c.definition, source, opts.maxBytes ?? MAX_BYTES, (a) => out.add(a));
    } finally {
      await out.close();
    }
    if (read.rejectedCount) return { imported: 0, rejected: read.rejected, rejectedCount: read.rejectedCount };
    const target = { collectionId: c.id, forbundId: c.forbundId, answeredOn: answeredOnFor(c) };
    // The answers and the audit line are one unit of work: an import is all there, or not at all.
    await unitOfWork(ctx, async (ctx) => {
      const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
      for await (const batch of lines) if (batch) await repo.insertFinishedBatch(ctx.db, target, batch);
      await audit.record(ctx, user, "import", { collectionId: c.id, imported: read.rows });
    });
    return { imported: read.rows, rejected: [], rejectedCount: 0 };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Checks an API upload before reading it: CSV or plain text, and not announced as too large. */
export function checkUpload(type: string | false | null, contentLength: number) {
  if (type === false) throw new UnsupportedTypeError();
  if (contentLength > MAX_BYTES) throw new TooLargeError(MAX_BYTES);
}

/** The API's answer: `{imported, rejected}`, plus the total when the list of bad lines was cut. */
export function apiAnswer(r: ImportResult) {
  return r.rejectedCount > r.rejected.length
    ? { imported: r.imported, rejected: r.rejected, rejectedCount: r.rejectedCount, truncated: true }
    : { imported: r.imported, rejected: r.rejected };
}
