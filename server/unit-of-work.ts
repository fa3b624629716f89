/**
 * A unit of work: a state-changing service call runs in one transaction together with its history and
 * audit rows and the mail it causes (a mail_outbox row, written with ctx.db). Either all of it commits or
 * none of it does, so nothing is mailed for a change that did not happen and nothing committed is left
 * unmailed. A call made inside another unit of work joins it.
 *
 * Inside, every query must go through the ctx it is given: on the embedded PGlite a query on the outer
 * handle would wait for this very transaction.
 */
import type { Ctx } from "./context.js";
import type { Db } from "../models/db.js";

const open = new WeakSet<object>();

export function unitOfWork<T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (open.has(ctx.db)) return work(ctx);
  return ctx.db.transaction(async (tx) => {
    open.add(tx);
    return work({ ...ctx, db: tx as unknown as Db });
  });
}

/** The service function `fn`, each call of it a unit of work. */
export function transactional<A extends unknown[], R>(fn: (ctx: Ctx, ...args: A) => Promise<R>): (ctx: Ctx, ...args: A) => Promise<R> {
  return (ctx, ...args) => unitOfWork(ctx, (inner) => fn(inner, ...args));
}

/**
 * Runs `work` so that an error it throws, and its caller catches (a unique or foreign key violation that
 * becomes a field message), undoes only its own writes: inside a unit of work that is a savepoint, since
 * PostgreSQL refuses every further statement of a transaction after an error.
 */
export function savepoint<T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    open.add(tx);
    return work({ ...ctx, db: tx as unknown as Db });
  });
}
