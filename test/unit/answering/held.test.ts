import { describe, expect, it } from "vitest";
import { releasePlan, shuffled } from "../../../server/answering/held.js";

describe("när inbjudnas svar släpps (releasePlan)", () => {
  const k = 5;
  it.each([
    // held, matched, unanswered, closing → plan
    [4, 4, 10, false, null],
    [5, 5, 10, false, { mark: true }], // 5 left unmarked: at least k
    [5, 5, 5, false, { mark: true }], // none left unmarked
    [5, 5, 8, false, null], // 3 would be left unmarked: their later answers would point at 3 people
    [8, 8, 8, false, { mark: true }],
    [3, 3, 10, true, { mark: false }], // at the close: released, kept out of the bookkeeping
    [5, 5, 8, true, { mark: false }],
    [6, 6, 6, true, { mark: true }],
    [0, 0, 10, true, null],
  ])("när %i väntar, %i märken känns igen och %i inbjudningar är obesvarade (stänger: %s) så blir planen %j", (held, matched, unanswered, closing, plan) => {
    expect(releasePlan({ k, held, matched, unanswered, closing })).toEqual(plan);
  });

  it("när svaren blandas så är det samma svar i en annan ordning", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s = shuffled(items);
    expect([...s].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
