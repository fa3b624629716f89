/**
 * The aggregate file (docs/aggregat.schema.json): what a förbund on another Samspår instance sends for the national
 * view, and its checksum. Pure: no I/O.
 */
import { sha256Hex } from "../crypto.js";
import type { FileCounts } from "./suppression.pure.js";

export const AGGREGATE_FORMAT = "samspar-aggregat";
export const AGGREGATE_FORMAT_VERSION = 1;

export type AggregateQuestion = {
  id: string;
  kind: string;
  /** The question's Swedish wording: NNS's national text or a source's printed words (checked on import). */
  text: string;
  /** Count per answer value ("0" is "vet inte / ej aktuellt"); null where hidden. */
  counts: FileCounts;
};

export type AggregateQuestionnaire = {
  id: string;
  version: number;
  /** The questionnaire's source as its definition records it (nns, verbatim, paraphrased, samspar). */
  source: string;
  respondentGroup: string;
  /** Finished answers behind the figures (at least k). */
  n: number;
  questions: AggregateQuestion[];
};

export type AggregateFile = {
  format: typeof AGGREGATE_FORMAT;
  formatVersion: typeof AGGREGATE_FORMAT_VERSION;
  forbund: { id: string; name: string };
  year: number;
  /** The förbund's reporting threshold: no count below it is in the file. */
  k: number;
  questionnaires: AggregateQuestionnaire[];
  checksum: string;
};

/**
 * Canonical JSON: object keys sorted by UTF-16 code units at every level, no whitespace, arrays in their order. For a
 * document of strings, integers, booleans and null (no fractions) this is RFC 8785 (JCS), so any language can
 * recompute the checksum.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** sha256 (lowercase hex) of the canonical JSON of the file without its `checksum`. */
export function checksumOf(file: Omit<AggregateFile, "checksum"> | Record<string, unknown>): string {
  const { checksum: _ignored, ...content } = file as Record<string, unknown>;
  return sha256Hex(canonicalJson(content));
}
