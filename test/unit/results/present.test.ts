/** The API shape of one question (present.ts), pure. The CSV writer is tested in test/unit/reports/csv.test.ts. */
import { describe, expect, it } from "vitest";
import { questionJson } from "../../../server/results/present.js";
import { questionStats } from "../../../server/results/stats.js";
import { reportQuestion, suppressedResult } from "../../../server/results/threshold.js";

describe("questionJson", () => {
  it("när frågan döljs så är varje siffra null, och options finns bara för val-frågor", () => {
    expect(questionJson(suppressedResult("single"))).toEqual({
      kind: "single", n: null, dontKnow: null, counts: null, mean: null, median: null, sharePositive: null, shareYes: null, options: null, suppressed: true,
    });
    expect(Object.keys(questionJson(suppressedResult("scale10")))).not.toContain("options");
    const r = reportQuestion(questionStats({ kind: "yesno" }, { ja: 3, nej: 2 }), 5);
    expect(questionJson(r)).toEqual({ kind: "yesno", n: 5, dontKnow: null, counts: { ja: 3, nej: 2 }, mean: null, median: null, sharePositive: null, shareYes: 0.6, suppressed: false });
  });
});
