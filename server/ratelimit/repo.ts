/** SQL for the rate-limit counters (rate_limit_hits). */
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { rateLimitHits } from "../../models/schema.js";

export type Hits = { hits: number; resetAt: Date };

/**
 * Counts one hit in one statement: a new key, or one whose window has ended, starts over at 1 with a new
 * window; otherwise its count goes up by one. The upsert locks the row, so concurrent hits from any number
 * of processes each count exactly once.
 */
export async function hit(db: Db, key: string, now: Date, windowMs: number): Promise<Hits> {
  const resetAt = new Date(now.getTime() + windowMs);
  const expired = sql`${rateLimitHits.resetAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db.insert(rateLimitHits).values({ key, hits: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitHits.hits} + 1 end`,
        resetAt: sql`case when ${expired} then excluded.reset_at else ${rateLimitHits.resetAt} end`,
      },
    })
    .returning({ hits: rateLimitHits.hits, resetAt: rateLimitHits.resetAt });
  return row;
}

/** Gives one hit back (a request the limit does not count after all), within the current window only. */
export async function giveBack(db: Db, key: string, now: Date): Promise<void> {
  await db.update(rateLimitHits).set({ hits: sql`greatest(${rateLimitHits.hits} - 1, 0)` })
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.resetAt, now)));
}

/** The key's count in its current window, if it has one. */
export async function find(db: Db, key: string, now: Date): Promise<Hits | undefined> {
  const [row] = await db.select({ hits: rateLimitHits.hits, resetAt: rateLimitHits.resetAt }).from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.resetAt, now)));
  return row;
}

export async function forget(db: Db, key: string): Promise<void> {
  await db.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

/** Deletes the counters whose window has ended; returns how many. */
export async function deleteExpired(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(rateLimitHits).where(lte(rateLimitHits.resetAt, now)).returning({ key: rateLimitHits.key });
  return gone.length;
}
