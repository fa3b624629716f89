/**
 * The embedded database shares the server's one thread (models/db.ts): each statement first lets the
 * event loop turn, so other requests are read between a request's statements, and statements run
 * behindOthers() (the staff's results) let the statements others have queued go first, for a bounded time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { BEHIND_MAX_MS, behindOthers, fromPglite, type Database } from "../../models/db.js";

let database: Database;
beforeAll(async () => { database = fromPglite(await PGlite.create()); });
afterAll(async () => { await database?.close(); });

const statement = (i: number) => database.db.execute(sql`select ${i}::int`);

describe("PGlite i serverns tråd", () => {
  it("när en förfrågan kör många satser i följd så hinner händelseslingan köra mellan dem", async () => {
    let turns = 0;
    let running = true;
    const count = () => { if (running) { turns++; setImmediate(count); } };
    setImmediate(count);
    for (let i = 0; i < 30; i++) await statement(i);
    running = false;
    // Without a turn before each statement the chain runs in microtasks only and no turn comes (0).
    expect(turns).toBeGreaterThanOrEqual(25);
  });

  it("när en läsning går bakom andra så körs satser som andra köat efter den ändå före den", async () => {
    const order: string[] = [];
    const staff = behindOthers(() => statement(0).then(() => order.push("personal")));
    const others = [1, 2, 3].map((i) => statement(i).then(() => order.push(`svarande ${i}`)));
    await Promise.all([staff, ...others]);
    expect(order).toEqual(["svarande 1", "svarande 2", "svarande 3", "personal"]);
  });

  it("när andra köar satser hela tiden så körs en sats bakom andra ändå, inom sin gräns", async () => {
    let flowing = true, ran = 0;
    const stream = async () => { for (let i = 0; flowing; i++) { await statement(i); ran++; } };
    const streams = [stream(), stream(), stream(), stream()];
    const t0 = performance.now();
    await behindOthers(() => statement(0));
    const waited = performance.now() - t0, before = ran;
    flowing = false;
    await Promise.all(streams);
    expect(before).toBeGreaterThanOrEqual(4);
    expect(waited).toBeLessThan(BEHIND_MAX_MS + 1_000);
  });

  it("när två läsningar båda går bakom andra så väntar de inte på varandra", async () => {
    // Waiting for each other, all of one chain's statements would run before the other's first.
    const order: string[] = [];
    const chain = (name: string) => behindOthers(async () => { for (let i = 0; i < 10; i++) { await statement(i); order.push(name); } });
    await Promise.all([chain("a"), chain("b")]);
    expect(order.indexOf("b")).toBeLessThan(order.lastIndexOf("a"));
  });
});
