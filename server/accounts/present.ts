/** Words for the account pages. */

/** A wait in Swedish: "1 sekund", "40 sekunder", "1 minut", "15 minuter" (minutes rounded up). */
export function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 sekund" : `${seconds} sekunder`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minut" : `${minutes} minuter`;
}
