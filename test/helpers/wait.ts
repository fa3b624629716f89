/** Waiting in tests: for a condition, with a bound, never for a fixed time. */

/**
 * Polls `check` until it returns something other than false/undefined (or stops throwing) and returns that;
 * after `timeout` ms fails with `what` and the last error. For what happens outside the test's reach (another
 * process, a log line written after the response, a periodic worker) — an event the test can await is better.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, opts: { timeout?: number; interval?: number } = {}): Promise<Exclude<T, false | undefined>> {
  const { timeout = 10_000, interval = 20 } = opts;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined) return v as Exclude<T, false | undefined>;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`väntade förgäves i ${timeout} ms på: ${what}${last instanceof Error ? ` (${last.message})` : ""}`, { cause: last });
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
