/**
 * The sign-in throttle and the reset-mail limit as pure rules over one counter each (OWASP
 * Authentication Cheat Sheet: throttle, never lock out). Failures of an account from one source
 * address make that source wait longer and longer; a source that has not failed is never held up
 * for someone else's guesses, so nobody can lock an account holder out by knowing their address.
 */

/** One stored counter (the auth_throttle row without its key). */
export type Counter = { count: number; windowStart: Date; expiresAt: Date; blockedUntil: Date | null; notifiedAt: Date | null };
/** Let the attempt through and store `next` (null: forget the counter), or hold it for `retryAfter` seconds. */
export type Decision = { allow: true; next: Counter | null; notify?: boolean } | { allow: false; retryAfter: number };
export type Rule = (c: Counter | undefined, now: Date) => Decision;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const limits = {
  /** Failures of one account from one source before the delays begin (typing errors). */
  freeFailures: 3,
  maxDelay: 15 * MINUTE,
  /** An account's failures from one source are forgotten this long after the last one. */
  pairMemory: HOUR,
  /** Failures from one source, whatever the accounts, in a fixed window. */
  addressFailures: 30,
  addressWindow: 15 * MINUTE,
  /** The account holder is told once per window when the account has this many failures from anywhere. */
  notifyAfter: 10,
  accountWindow: HOUR,
  /** Reset mails to one e-mail address per window. */
  resetMails: 3,
  resetWindow: HOUR,
  /** Reset requests from one source address, whatever the e-mail addresses, in a fixed window. */
  resetsFromSource: 20,
  resetSourceWindow: 15 * MINUTE,
} as const;

const live = (c: Counter | undefined, now: Date) => (c && c.expiresAt > now ? c : undefined);
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);
const secondsUntil = (t: Date, now: Date) => Math.max(1, Math.ceil((t.getTime() - now.getTime()) / SECOND));
const fresh = (now: Date, window: number, count: number): Counter =>
  ({ count, windowStart: now, expiresAt: later(now, window), blockedUntil: null, notifiedAt: null });

/** The wait after the n-th failure of an account from one source: none for the first few, then 1 s, 2 s, 4 s … at most 15 minutes. */
export const delayAfter = (n: number): number =>
  n <= limits.freeFailures ? 0 : Math.min(SECOND * 2 ** (n - limits.freeFailures - 1), limits.maxDelay);

/**
 * An attempt at one account from one source. It is counted as a failure before the password is
 * checked, so that parallel guesses cannot all slip through before the first failure is stored; a
 * success forgets the counter. While the last failure's delay runs, every attempt from that source
 * is held, the right password too: that source has failed.
 */
export const pairAttempt: Rule = (c, now) => {
  const cur = live(c, now);
  if (cur?.blockedUntil && cur.blockedUntil > now) return { allow: false, retryAfter: secondsUntil(cur.blockedUntil, now) };
  const count = (cur?.count ?? 0) + 1;
  return {
    allow: true,
    next: { count, windowStart: cur?.windowStart ?? now, expiresAt: later(now, limits.pairMemory), blockedUntil: later(now, delayAfter(count)), notifiedAt: null },
  };
};

/** At most `limit` counted in a fixed window from the first; the window's end says when to come back. */
export const fixedWindow = (limit: number, window: number): Rule => (c, now) => {
  const cur = live(c, now);
  if (cur && cur.count >= limit) return { allow: false, retryAfter: secondsUntil(cur.expiresAt, now) };
  return { allow: true, next: cur ? { ...cur, count: cur.count + 1 } : fresh(now, window, 1) };
};

/** An attempt from one source address: counted before the check like pairAttempt, and given back on success (successes are not limited). */
export const addressAttempt: Rule = fixedWindow(limits.addressFailures, limits.addressWindow);
export const addressSuccess: Rule = (c, now) => {
  const cur = live(c, now);
  return { allow: true, next: cur && cur.count > 1 ? { ...cur, count: cur.count - 1 } : null };
};

/** Forgets a counter (a successful login from that source). */
export const forget: Rule = () => ({ allow: true, next: null });

/** A failure of an account from anywhere: never holds anyone up, but says when to tell the holder (once per window). */
export const accountFailure: Rule = (c, now) => {
  const cur = live(c, now) ?? fresh(now, limits.accountWindow, 0);
  const count = cur.count + 1;
  const notify = count >= limits.notifyAfter && !cur.notifiedAt;
  return { allow: true, next: { ...cur, count, notifiedAt: notify ? now : cur.notifiedAt }, notify };
};

/** A request for a reset mail to one e-mail address, and one from a source address. */
export const resetRequest: Rule = fixedWindow(limits.resetMails, limits.resetWindow);
export const resetFromSource: Rule = fixedWindow(limits.resetsFromSource, limits.resetSourceWindow);

/**
 * The source an attempt is counted for: an IPv4 address as it is, an IPv6 address by its /64
 * network (one host usually holds a whole /64, and would otherwise get a fresh count per address).
 */
export function sourceOf(ip: string | undefined): string {
  if (!ip) return "okänd";
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
