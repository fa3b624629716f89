/**
 * Work the answer must not wait for: a mail whose sending time would tell whether an e-mail address
 * has an account. It starts after the current request has been answered; a failure is logged, never
 * shown to the person who asked.
 */
import type { Logger } from "./log.js";
import { loggable } from "./http/error-handler.js";

const running = new Set<Promise<void>>();

/** Runs `work` once the current request's answer is on its way; `what` names it in the log. */
export function later(log: Logger, what: string, work: () => Promise<void>): void {
  const done = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((err: unknown) => log.error(`${what} misslyckades`, loggable(err)))
    .finally(() => running.delete(done));
  running.add(done);
}

/** Resolves when all work started by later() has finished, including work it started in turn (tests; a graceful stop). */
export async function settled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}
