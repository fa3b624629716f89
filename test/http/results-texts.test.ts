/**
 * Free text on the results pages, read in parts and kept per released snapshot (issue 13: a staff page
 * that reads a large insamling must not hold up respondents). Reading in id ranges gives exactly the
 * list one statement gives, and a kept list is never shown after a new snapshot has been released.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as collections from "../../server/collections/service.js";
import * as results from "../../server/results/service.js";
import * as repo from "../../server/results/repo.js";
import { responses } from "../../models/schema.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

const IND = "indikator-deltagare-pagaende";

async function setup() {
  const f = await makeForbund(t.ctx);
  const admin = await makeUser(t.ctx, { forbundId: f.forbund.id, role: "admin" });
  const user = (await accounts.loadForbundUser(t.ctx, admin.id))!;
  const insamling = (areaId = f.areas[0].id) => collections.createCollection(t.ctx, f.forbund.id, {
    questionnaire: IND, year: 2026, name: `Fritext ${crypto.randomBytes(3).toString("hex")}`, areaId,
  });
  return { ...f, user, insamling };
}

/**
 * n finished answers in one statement (released together by the trigger): q8 from a small set of
 * texts, so some are equal, or empty; q9 a text of its own each, on every third answer.
 */
async function answer(c: { id: string; forbundId: string }, n: number, tag: string, finished = true) {
  await t.ctx.db.execute(sql`insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers)
    select ${c.id}::uuid, ${c.forbundId}::uuid, '2026-03-02', 'sv', ${finished}, jsonb_strip_nulls(jsonb_build_object(
      'q1', g % 7,
      'q8', case when g % 11 = 0 then '' else 'Text ' || (g % 97) end,
      'q9', case when g % 3 = 0 then ${tag} || ' nummer ' || g end))
    from generate_series(1, ${n}::int) g`);
}

/** The rule the counts follow, computed here: every non-empty text with how many wrote it, by text in code-unit order. */
const naive = (texts: string[]) => {
  const m = new Map<string, number>();
  for (const s of texts) if (s !== "") m.set(s, (m.get(s) ?? 0) + 1);
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([text, n]) => ({ text, n }));
};

describe("fritext i delar och per ögonblicksbild", () => {
  it("när fritexten räknas i delar så är räkningen exakt densamma som i en sats och som regeln säger", async () => {
    const s = await setup();
    const a = await s.insamling(), b = await s.insamling(s.areas[1].id);
    await answer(a, 1_700, "A");
    await answer(b, 900, "B");
    await answer(a, 40, "Ej slutförd", false);
    const stored = async (key: string) => ((await t.ctx.db.execute(sql`select answers ->> ${key} as v from ${responses}
      where collection_id in (${a.id}, ${b.id}) and finished and released and answers ? ${key}`)) as unknown as { rows: { v: string }[] }).rows.map((r) => r.v);
    const both = [{ id: a.id, released: 1_700 }, { id: b.id, released: 900 }];
    const whole = await repo.textCounts(t.ctx.db, both, ["q8", "q9"]);
    for (const perStatement of [1_000, 250, 1]) {
      expect(await repo.textCounts(t.ctx.db, both, ["q8", "q9"], perStatement)).toEqual(whole);
    }
    for (const key of ["q8", "q9"]) {
      expect(whole.filter((r) => r.key === key).map(({ text, n }) => ({ text, n }))).toEqual(naive(await stored(key)));
    }
    // Only the finished and released answers: nothing of the unfinished ones.
    expect((await repo.textCounts(t.ctx.db, both, ["q9"], 300)).some((r) => r.text.startsWith("Ej slutförd"))).toBe(false);
  });

  it("när en ny ögonblicksbild släpps så visar resultaten dess fritexter, inte de som hölls i minnet", async () => {
    const s = await setup();
    const c = await s.insamling();
    await answer(c, 30, "Första");
    const first = await results.collectionResults(t.ctx, s.user, c.id, { texts: true });
    const q9 = (r: typeof first) => r.texts.find((g) => g.question.id === "q9")!.texts!.map((l) => l.text);
    expect(q9(first)).toHaveLength(10);
    // The same snapshot: the same list.
    expect(q9(await results.collectionResults(t.ctx, s.user, c.id, { texts: true }))).toEqual(q9(first));
    // Fewer than k new answers wait (one at a time, none released): no new snapshot, no new text.
    for (let i = 0; i < 3; i++) {
      await t.ctx.db.insert(responses).values({ collectionId: c.id, forbundId: c.forbundId, answeredOn: "2026-03-02", finished: true, answers: { q1: 3, q9: `Väntande ${i}` } });
    }
    const waiting = await results.collectionResults(t.ctx, s.user, c.id, { texts: true });
    expect(waiting.view.n).toBe(30);
    expect(q9(waiting)).toEqual(q9(first));
    // With these the waiting answers reach k and are released together: the list is that of the new snapshot.
    await answer(c, 6, "Andra");
    const second = await results.collectionResults(t.ctx, s.user, c.id, { texts: true });
    expect(second.view.n).toBe(39);
    expect(q9(second)).toHaveLength(15);
    expect(q9(second).filter((x) => x.startsWith("Väntande"))).toHaveLength(3);
    expect(q9(second).filter((x) => x.startsWith("Andra"))).toHaveLength(2);
  });

  it("när två sidor läser samma ögonblicksbild samtidigt så visar båda samma fritexter", async () => {
    const s = await setup();
    const c = await s.insamling();
    await answer(c, 600, "Samtidigt");
    const [x, y] = await Promise.all([1, 2].map(() => results.collectionResults(t.ctx, s.user, c.id, { texts: true })));
    expect(x.texts).toEqual(y.texts);
    expect(x.texts.find((g) => g.question.id === "q9")!.texts).toHaveLength(200);
  });
});
