/**
 * CSV import of answers, pure: a header row of question ids (plus `<id>_kommentar` and `<id>_annat`),
 * then one response per line. Comma or semicolon separated (decided by the header line), UTF-8 with or
 * without BOM. Cells hold codes (`1`–`6`, `0` = vet inte, `1`–`10`) or Swedish labels in any case
 * (`Ofta`, `Vet inte / ej aktuellt`, `ja`, an option's text or code); a multi choice cell lists its
 * choices separated by `;`; an empty cell is not answered. Each row is then checked by validateAnswers
 * without enforcing required questions (older tools allowed blanks). Line numbers are those of the
 * file, the header being line 1.
 *
 * parseResponsesCsv does it all for a string (the import page); the service streams big files through
 * csv-parse's stream API with the same options and the same record reader.
 */
import { parse } from "csv-parse/sync";
import type { Options } from "csv-parse";
import { maskPii } from "../server/privacy/pii.js";
import { commentKey, DONT_KNOW, frequencyLabels, otherKey, questionsOf, type Definition, type Question } from "./define.js";
import { coerceValue, isAsked, validateAnswers, type Answers } from "./answers.js";

export type CsvDelimiter = "," | ";";
export type ImportRow = { line: number; answers: Answers };
export type LineErrors = { line: number; errors: string[] };
export type CsvParseResult = { delimiter: CsvDelimiter; columns: string[]; rows: ImportRow[]; errors: LineErrors[] };

/** What one record of the file turned out to be. */
export type RecordOutcome =
  | { kind: "header"; line: number; columns: string[]; errors: string[] }
  | { kind: "row"; line: number; answers: Answers }
  | { kind: "invalid"; line: number; errors: string[] }
  | { kind: "blank" };

/** The separator of a file, from its first line: whichever of `;` and `,` occurs more often outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  let semi = 0, comma = 0, quoted = false;
  for (const ch of text) {
    if (ch === "\"") quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semi++;
    else if (!quoted && ch === ",") comma++;
  }
  return semi > comma ? ";" : ",";
}

/** csv-parse options shared by the string parser and the stream in the import service. */
export function csvOptions(delimiter: CsvDelimiter): Options {
  return {
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // An unclosed quote would otherwise swallow the rest of a big file into one record.
    max_record_size: 100_000,
  };
}

/** The first line of the file in a record's line count: the parser counts where a record ends. */
export function startLine(record: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const cell of record) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return Math.max(1, endLine - breaks);
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s*\/\s*/g, "/").replace(/\s+/g, " ");
const dontKnowWords = new Set(["vet inte", "vet ej", "ej aktuellt", "vet inte/ej aktuellt", "vet ej/ej aktuellt"]);
const frequencyCodes = new Map(frequencyLabels.map((t, i) => [norm(t.sv), i + 1]));

const shown = (cell: string) => {
  const masked = maskPii(cell.trim());
  return masked.length > 40 ? `${masked.slice(0, 40)}…` : masked;
};

/** A cell as validateAnswers takes it: codes and labels become stored values; anything else is passed on to be refused. */
function cellValue(q: Question, cell: string): unknown {
  const n = norm(cell);
  switch (q.kind) {
    case "frequency6":
      return /^\d+$/.test(n) ? Number(n) : dontKnowWords.has(n) ? DONT_KNOW : frequencyCodes.get(n) ?? cell;
    case "scale6": case "scale10":
      return /^\d+$/.test(n) ? Number(n) : dontKnowWords.has(n) ? DONT_KNOW : cell;
    case "yesno": return n;
    case "single": return optionCode(q, n) ?? cell;
    case "multi": return cell.split(";").map((part) => norm(part)).filter(Boolean).map((part) => optionCode(q, part) ?? part);
    case "text": return cell;
  }
}

function optionCode(q: Extract<Question, { kind: "single" | "multi" }>, n: string): string | undefined {
  const found = q.options.find((o) => o.code === n || norm(o.text.sv) === n);
  if (found) return found.code;
  if (q.kind === "multi" && q.other && (n === "annat" || n === norm(q.other.sv))) return "annat";
  return undefined;
}

function csvErrorMessage(code: string | undefined, lastLine: number): string {
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED": return `ett citattecken (") efter rad ${lastLine} stängs aldrig, så resten av filen kunde inte läsas`;
    case "CSV_MAX_RECORD_SIZE": return "raden är för lång – stängs ett citattecken (\") aldrig?";
    case "CSV_INVALID_CLOSING_QUOTE": return "efter ett avslutande citattecken (\") kommer något annat än en avgränsare";
    default: return "raden kunde inte läsas som CSV";
  }
}

/**
 * Reads a file's records one at a time: the first non-blank one is the header, every later one a
 * response. Keeps the header between calls; `skipped` turns a record csv-parse could not read into
 * that line's error.
 */
export function createRecordReader(def: Definition, delimiter: CsvDelimiter = ",") {
  const questions = new Map(questionsOf(def).map((q) => [q.id, q]));
  const allowed = new Map<string, Question>();
  for (const q of questions.values()) {
    allowed.set(q.id, q);
    if (q.comment) allowed.set(commentKey(q.id), q);
    if (q.kind === "multi" && q.other) allowed.set(otherKey(q.id), q);
  }
  let columns: string[] | undefined;
  let lastLine = 1;

  function readHeader(cells: string[], line: number): RecordOutcome {
    const errors: string[] = [];
    const seen = new Set<string>();
    columns = cells.map((c) => c.trim().toLowerCase());
    for (const col of columns) {
      if (!col) continue;
      if (seen.has(col)) errors.push(`kolumnen ”${shown(col)}” finns två gånger`);
      seen.add(col);
      if (allowed.has(col)) continue;
      const base = col.replace(/_(kommentar|annat)$/, "");
      if (base !== col && questions.has(base)) errors.push(`kolumnen ”${shown(col)}” finns inte: ${base} har inget sådant fält`);
      else errors.push(`kolumnen ”${shown(col)}” är ingen fråga i enkäten (frågorna heter ${[...questions.keys()].join(", ")})`);
    }
    if (!seen.size) errors.push("rubrikraden saknar frågor: första raden ska ha frågornas id, t.ex. q1;q2;q3");
    return { kind: "header", line, columns, errors };
  }

  function readRow(cols: string[], cells: string[], line: number): RecordOutcome {
    if (cells.every((c) => !c.trim())) return { kind: "blank" };
    const extra = cells.slice(cols.length).some((c) => c.trim());
    const missing = cols.slice(cells.length).some((name) => name);
    if (missing || extra) {
      const hint = delimiter === ";" ? ` (flerval i en semikolonavgränsad fil måste stå inom citattecken: "1;3")` : "";
      return { kind: "invalid", line, errors: [`raden har ${cells.length} värden men rubrikraden har ${cols.length} kolumner${hint}`] };
    }
    if (cells.some((c) => c.includes("\uFFFD"))) {
      return { kind: "invalid", line, errors: ["raden har tecken som inte kunde läsas – spara filen som CSV UTF-8"] };
    }
    const input: Record<string, unknown> = {};
    const errors: string[] = [];
    const refused = new Map<string, string>();
    cols.forEach((col, i) => {
      const cell = cells[i] ?? "";
      if (!cell.trim()) return;
      if (!col) { errors.push(`kolumn ${i + 1} saknar rubrik men har ett värde`); return; }
      const q = questions.get(col);
      if (!q) { input[col] = cell; return; }
      const value = cellValue(q, cell);
      input[col] = value;
      if (q.kind !== "text" && coerceValue(q, value) === undefined) refused.set(col, cell);
    });
    const { answers, issues } = validateAnswers(def, input, { requireAnswers: false });
    for (const issue of issues) {
      // The refused value is shown when it is the problem, not when the question was not to be answered at all.
      const q = questions.get(issue.question);
      const cell = q && isAsked(q, answers) ? refused.get(issue.question) : undefined;
      errors.push(`${issue.question}: ${issue.message}${cell !== undefined ? `, inte ”${shown(cell)}”` : ""}`);
    }
    return errors.length ? { kind: "invalid", line, errors } : { kind: "row", line, answers };
  }

  return {
    /** Feeds one record with the line where the parser says it ends. */
    read(record: string[], endLine: number): RecordOutcome {
      const line = startLine(record, endLine);
      lastLine = endLine;
      if (!columns) return readHeader(record, line);
      return readRow(columns, record, line);
    },
    /** A record csv-parse refused (bad quotes), as that line's error. */
    skipped(err: { code?: string; lines?: number } | undefined): LineErrors {
      const line = err?.code === "CSV_QUOTE_NOT_CLOSED" ? lastLine + 1 : err?.lines ?? lastLine + 1;
      return { line, errors: [csvErrorMessage(err?.code, lastLine)] };
    },
    get columns() { return columns ?? []; },
  };
}

/** Parses a whole CSV text (the import page's textarea): every good row and every bad line's errors. */
export function parseResponsesCsv(def: Definition, text: string): CsvParseResult {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body);
  const reader = createRecordReader(def, delimiter);
  const rows: ImportRow[] = [];
  const errors: LineErrors[] = [];
  let badHeader = false;
  // Records are read as the parser meets them, so that a refused record's line is known in order.
  parse(body, {
    ...csvOptions(delimiter),
    on_skip: (err) => { if (!badHeader) errors.push(reader.skipped(err)); return undefined; },
    on_record: (record: string[], ctx: { lines: number }) => {
      if (badHeader) return null;
      const out = reader.read(record, ctx.lines);
      if (out.kind === "header" && out.errors.length) { badHeader = true; errors.push({ line: out.line, errors: out.errors }); }
      if (out.kind === "row") rows.push({ line: out.line, answers: out.answers });
      if (out.kind === "invalid") errors.push({ line: out.line, errors: out.errors });
      return null;
    },
  });
  errors.push(...emptyFileErrors(reader.columns, rows.length, errors.length));
  errors.sort((a, b) => a.line - b.line);
  return { delimiter, columns: reader.columns, rows, errors };
}

/** A file with no header, or a header and no answers, is refused as a whole. */
export function emptyFileErrors(columns: string[], rows: number, errors: number): LineErrors[] {
  if (errors) return [];
  if (!columns.length) return [{ line: 1, errors: ["filen är tom: första raden ska ha frågornas id, t.ex. q1;q2;q3"] }];
  if (!rows) return [{ line: 2, errors: ["filen har en rubrikrad men inga svar"] }];
  return [];
}
