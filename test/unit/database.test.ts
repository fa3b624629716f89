/**
 * The embedded database shares the server's one thread (models/db.ts): each statement first lets the
 * event loop turn, so other requests are read between a request's statements, and a long read in
 * parts lets the statements others have queued go first (makeWay).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { fromPglite, makeWay, type Database } from "../../models/db.js";

let database: Database;
beforeAll(async () => { database = fromPglite(await PGlite.create()); });
afterAll(async () => { await database?.close(); });

describe("PGlite i serverns tråd", () => {
  it("när en förfrågan kör många satser i följd så hinner händelseslingan köra mellan dem", async () => {
    let turns = 0;
    let running = true;
    const count = () => { if (running) { turns++; setImmediate(count); } };
    setImmediate(count);
    for (let i = 0; i < 30; i++) await database.db.execute(sql`select ${i}::int`);
    running = false;
    // Without a turn before each statement the chain runs in microtasks only and no turn comes (0).
    expect(turns).toBeGreaterThanOrEqual(25);
  });

  it("när en lång läsning gör plats så körs satser som andra köat innan dess nästa del", async () => {
    let done = false;
    const other = database.db.execute(sql`select 1`).then(() => { done = true; });
    await makeWay(database.db);
    expect(done).toBe(true);
    await other;
  });

  it("när andra köar satser hela tiden så väntar den långa läsningen högst sin gräns", async () => {
    let flowing = true;
    const stream = (async () => { while (flowing) await database.db.execute(sql`select 1`); })();
    const t0 = performance.now();
    await makeWay(database.db, 30);
    const waited = performance.now() - t0;
    flowing = false;
    await stream;
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(1_000);
  });

  it("när ingen annan sats väntar så gör den långa läsningen plats direkt", async () => {
    const t0 = performance.now();
    await makeWay(database.db);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
