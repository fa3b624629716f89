/** express-session store on the sessions table, so sessions survive restarts on both databases. */
import session from "express-session";
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";

const DAY = 24 * 60 * 60 * 1000;

export class DbSessionStore extends session.Store {
  constructor(private ctx: Ctx) { super(); }

  private expiry(sess: session.SessionData): Date {
    const e = sess.cookie?.expires;
    return e ? new Date(e) : new Date(this.ctx.clock.now().getTime() + DAY);
  }

  get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void) {
    repo.getSession(this.ctx.db, sid, this.ctx.clock.now())
      .then((d) => cb(null, (d as session.SessionData) ?? null), cb);
  }
  set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    repo.putSession(this.ctx.db, sid, sess, this.expiry(sess)).then(() => cb?.(), (e) => cb?.(e));
  }
  destroy(sid: string, cb?: (err?: unknown) => void) {
    repo.deleteSession(this.ctx.db, sid).then(() => cb?.(), (e) => cb?.(e));
  }
  touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    repo.touchSession(this.ctx.db, sid, this.expiry(sess)).then(() => cb?.(), (e) => cb?.(e));
  }
}
