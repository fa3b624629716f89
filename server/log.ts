/**
 * The logger: JSON lines through pino (LOG_FORMAT=pretty: readable lines for a developer). One access line
 * per request (http/observe.ts) and the app's own events, each carrying the id of the request it happened
 * in. Never a path, query string, body, cookie, token or answer: the access line names the route's pattern,
 * and an error is logged as `loggable` makes it (no query parameters).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { prettyFactory } from "pino-pretty";

export type LogLevel = "silent" | "warn" | "info" | "debug";
export type LogFormat = "json" | "pretty";

/** What an access line holds: nothing from the URL but the route's pattern (`/e/:slug/fraga/:n`). */
export type AccessLine = { requestId: string; method: string; route: string; status: number; ms: number; aborted: boolean };

/**
 * `info(msg)` and `error(msg, err)` are what the app calls; `access` is optional so that a hand-made logger
 * in a test still fits (the app then writes no access lines).
 */
export type Logger = {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
  access?(line: AccessLine): void;
};

/** Where a line goes: anything with write(string) (stdout by default; a test passes its own). */
export type LogDestination = { write(line: string): unknown };

/** The request a piece of work belongs to, for the request id on the app's own log lines. */
const current = new AsyncLocalStorage<{ requestId: string }>();

/** Runs fn (a request's handling) with its request id on every line logged within it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return current.run({ requestId }, fn);
}

/**
 * An error as it may be logged: its name, message and stack frames, and for a database error the
 * database's own message and code — never the failed query's parameters, which Drizzle puts in the
 * message and which may hold a respondent's answers.
 */
export function loggable(err: unknown): Error | unknown {
  if (!(err instanceof Error)) return err;
  const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).join("\n");
  const cause = err.cause as { message?: unknown; code?: unknown } | undefined;
  const isQuery = err.message.startsWith("Failed query:");
  const message = isQuery
    ? `Databasfrågan misslyckades: ${typeof cause?.message === "string" ? cause.message : "okänt fel"}${typeof cause?.code === "string" ? ` (${cause.code})` : ""}`
    : err.message;
  const safe = new Error(message);
  safe.name = err.name;
  safe.stack = `${err.name}: ${message}\n${frames}`;
  return safe;
}

/** Only name, message and stack: pino's own serializer would add every enumerable field (a query's `params`). */
function errFields(err: unknown) {
  if (err === undefined) return {};
  const safe = loggable(err);
  if (safe instanceof Error) return { err: { type: safe.name, message: safe.message, stack: safe.stack } };
  return { err: { message: String(safe).slice(0, 500) } };
}

/**
 * Pretty lines written synchronously, so that the last line before process.exit is not lost. An access
 * line's fields are in its message already.
 */
function prettyTo(out: LogDestination): LogDestination {
  const prettify = prettyFactory({ colorize: false, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,requestId,method,route,status,ms,aborted" });
  return { write: (line) => out.write(prettify(line)) };
}

/**
 * A logger at `level` ("silent": nothing, not even errors; "warn": errors only; "info": also events and
 * access lines). `format` defaults to JSON; `destination` to stdout, written synchronously.
 */
export function createLogger(level: LogLevel, opts: { format?: LogFormat; destination?: LogDestination } = {}): Logger {
  const out = opts.destination ?? pino.destination({ dest: 1, sync: true });
  const p = pino({
    level,
    // The request id of the request this line was logged within, if any.
    mixin: () => {
      const store = current.getStore();
      return store ? { requestId: store.requestId } : {};
    },
  }, (opts.format === "pretty" ? prettyTo(out) : out) as pino.DestinationStream);
  return {
    info: (msg) => p.info(msg),
    error: (msg, err) => p.error(errFields(err), msg),
    access: p.isLevelEnabled("info")
      ? (l) => p.info({ requestId: l.requestId, method: l.method, route: l.route, status: l.status, ms: l.ms, ...(l.aborted ? { aborted: true } : {}) },
        `${l.method} ${l.route} ${l.status} ${l.ms} ms${l.aborted ? " (avbruten)" : ""}`)
      : undefined,
  };
}
