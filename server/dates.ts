/**
 * Calendar dates as Samspår keeps them: "YYYY-MM-DD" strings in Swedish time. Responses, cases and
 * deadlines carry a date, never a time, so arithmetic is on whole calendar days (in UTC, free of DST).
 */
import type { Clock } from "./clock.js";

const SWEDISH_DATE = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** The date in Sweden at an instant. */
export const swedishDate = (now: Date): string => SWEDISH_DATE.format(now);

/** Today's date in Sweden. */
export const today = (clock: Clock): string => swedishDate(clock.now());

/** This year in Sweden (the default year of results, reports and bilagor). */
export const currentYear = (clock: Clock): number => Number(today(clock).slice(0, 4));

const toUtc = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date n calendar days later (n may be negative). */
export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * 86_400_000);

/** The date n months later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** A real calendar date "YYYY-MM-DD". */
export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && fromUtc(toUtc(s)) === s;
