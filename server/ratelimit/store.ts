/**
 * Rate limits counted in the database the app already has, so that one process or ten give the same limit
 * (PGlite and PostgreSQL alike): an express-rate-limit Store over rate_limit_hits.
 *
 * The maintained PostgreSQL store (@acpr/rate-limit-postgresql) opens its own pg Pool from connection
 * settings and runs its own migrations, so it cannot run on the embedded PGlite; this one uses the app's Db.
 *
 * A client's key (its address, as express-rate-limit's key generator gives it) is stored only as an HMAC
 * under a key derived from the anonymity key, which is kept outside the database: a database reader sees
 * opaque counters and cannot test guesses of an address (an unkeyed hash of an IPv4 address is reversed by
 * trying all 2^32). Every process that shares the anonymity key (ANONYMITY_KEY, SESSION_SECRET, or one
 * DATA_DIR) counts under the same keys.
 *
 * Times are the wall clock's, not the app's Clock: express-rate-limit compares the store's reset time with
 * Date.now() itself (to skip giving back a hit after the window), so a test clock would break it.
 */
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from "express-rate-limit";
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";
import { keyedDigest } from "../crypto.js";

/** express-rate-limit's Store on the rate_limit_hits table; one per limiter, named by `prefix`. */
export class DbRateLimitStore implements Store {
  /** Counts are shared with every other process on the database. */
  readonly localKeys = false;
  private windowMs = 60_000;
  // Derived at first use: building the route table (allRoutes) needs no key.
  private secret?: Buffer;

  constructor(private readonly ctx: Ctx, readonly prefix: string, private readonly now: () => Date = () => new Date()) {}

  init(options: Options) { this.windowMs = options.windowMs; }

  /** The stored key: this limit's name and the client, keyed-hashed. */
  keyOf(client: string): string {
    this.secret ??= keyedDigest(this.ctx.anonymityKey, "samspar:rate-limit:v1");
    return keyedDigest(this.secret, `${this.prefix}\n${client}`, "base64url");
  }

  async get(client: string): Promise<ClientRateLimitInfo | undefined> {
    const found = await repo.find(this.ctx.db, this.keyOf(client), this.now());
    return found && { totalHits: found.hits, resetTime: found.resetAt };
  }

  async increment(client: string): Promise<ClientRateLimitInfo> {
    const counted = await repo.hit(this.ctx.db, this.keyOf(client), this.now(), this.windowMs);
    return { totalHits: counted.hits, resetTime: counted.resetAt };
  }

  async decrement(client: string): Promise<void> {
    await repo.giveBack(this.ctx.db, this.keyOf(client), this.now());
  }

  async resetKey(client: string): Promise<void> {
    await repo.forget(this.ctx.db, this.keyOf(client));
  }
}

/** express-rate-limit's middleware, counting in the database under the limit's name (unique per limit). */
export function dbRateLimit(ctx: Ctx, name: string, options: Partial<Omit<Options, "store">>) {
  return rateLimit({ ...options, store: new DbRateLimitStore(ctx, name) });
}

/** Deletes the counters whose window has ended (for the housekeeping job); returns how many. */
export async function purgeExpiredRateLimits(ctx: Ctx, now = new Date()): Promise<number> {
  return repo.deleteExpired(ctx.db, now);
}
