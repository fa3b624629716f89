/** A tiny logger: one line per event, never request bodies or respondents' data. */
export type Logger = { info(msg: string): void; error(msg: string, err?: unknown): void };
export function createLogger(level: "silent" | "info", out: (line: string) => void = (l) => console.log(l)): Logger {
  return {
    info: (msg) => { if (level !== "silent") out(msg); },
    error: (msg, err) => console.error(msg, err instanceof Error ? err.stack ?? err.message : (err ?? "")),
  };
}
