import { PGlite } from "@electric-sql/pglite";
import { openEmbedded } from "../models/db.js";
import { loadConfig } from "../server/config.js";
import { createMailer } from "../server/mail.js";
import { createLogger } from "../server/log.js";
import { systemClock } from "../server/clock.js";
import * as accounts from "../server/accounts/service.js";
import * as results from "../server/results/service.js";
import { sql } from "drizzle-orm";

const times: { ms: number; q: string }[] = [];
const orig = PGlite.prototype.query;
PGlite.prototype.query = async function (this: PGlite, q: string, ...rest: unknown[]) {
  const t0 = performance.now();
  try { return await (orig as any).call(this, q, ...rest); } finally { times.push({ ms: performance.now() - t0, q: q.replace(/\s+/g, " ").slice(0, 160) }); }
} as typeof orig;
const dir = process.argv[2];
const database = await openEmbedded(dir);
await database.db.execute(sql`drop index if exists responses_released_tmp`);
await database.migrate();
const config = loadConfig({ DATA_DIR: dir, BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "silent", SEED_DEMO: "false" });
const ctx = { config, database, db: database.db, clock: systemClock, log: createLogger("silent"), anonymityKey: "x", mailer: createMailer({ db: database.db, clock: systemClock, from: config.mailFrom }) };
const u = (await database.db.execute(sql`select id from users limit 1`) as any).rows[0].id;
const user = (await accounts.loadCurrentUser(ctx, u))!;
const large = (await database.db.execute(sql`select id from collections where name = 'Stor insamling'`) as any).rows[0].id;
for (let i = 0; i < 3; i++) {
  times.length = 0;
  let last = performance.now(), maxGap = 0, ticks = 0;
  const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; ticks++; }, 1);
  const t0 = performance.now();
  await results.collectionResults(ctx, user, large, { texts: process.env.TEXTS !== "0" });
  const total = performance.now() - t0;
  clearInterval(iv);
  console.log(`  event loop: ${ticks} ticks, longest gap ${maxGap.toFixed(1)} ms`);
  const dbms = times.reduce((a, t) => a + t.ms, 0);
  console.log(`run ${i}: total ${total.toFixed(1)} ms, ${times.length} queries, db ${dbms.toFixed(1)} ms`);
  if (i === 0 || i === 2) for (const t of [...times].sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`  ${t.ms.toFixed(1)} ms  ${t.q}`);
}
await database.close();
