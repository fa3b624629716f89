import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questionsOf } from "../../../surveys/define.js";
import indikator from "../../../surveys/indikator-deltagare-pagaende.js";
import samverkan from "../../../surveys/samverkan-utvardering.js";
import {
  checkRule, evaluateGoal, goalMetrics, GoalRuleError, isSurveyMetric, manualVerdicts, ruleText, scopeIssues, verdictLabels, type GoalRule,
} from "../../../server/goals/rules.pure.js";
import { questionStats, type Counts } from "../../../server/results/stats.js";
import { reportQuestion, type QuestionResult } from "../../../server/results/threshold.js";

const nbsp = "\u00A0";
const K = 5;
const byId = (def: typeof samverkan) => new Map(questionsOf(def).map((q) => [q.id, q]));
const samverkanQ = byId(samverkan);
const indikatorQ = byId(indikator);

/** Per-question results through the threshold, as the results service will hand them over. */
function results(questions: Map<string, ReturnType<typeof questionsOf>[number]>, counts: Record<string, Counts>, k = K) {
  const out: Record<string, QuestionResult> = {};
  for (const [id, c] of Object.entries(counts)) out[id] = reportQuestion(questionStats(questions.get(id)!, c), k);
  return out;
}

// Bilaga 5 of seed 002: q3 mean 7,9; q9a–q9d medians 7, 7, 6, 6 (84 answers).
const bilaga5 = results(samverkanQ, {
  q3: { 3: 1, 5: 4, 6: 8, 7: 17, 8: 26, 9: 18, 10: 10 },
  q9a: { 4: 5, 5: 10, 6: 15, 7: 20, 8: 20, 9: 10, 10: 4 },
  q9b: { 3: 3, 4: 4, 5: 9, 6: 14, 7: 22, 8: 18, 9: 10, 10: 4 },
  q9c: { 2: 4, 3: 6, 4: 10, 5: 12, 6: 20, 7: 14, 8: 10, 9: 6, 10: 2 },
  q9d: { 1: 2, 2: 3, 3: 6, 4: 10, 5: 12, 6: 20, 7: 15, 8: 9, 9: 5, 10: 2 },
});
const trust: GoalRule = { metric: "median", comparison: ">", threshold: 7, questions: ["q9a", "q9b", "q9c", "q9d"] };
const cooperation: GoalRule = { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] };
const positive = (questions: string[]): GoalRule => ({ metric: "sharePositive", comparison: ">=", threshold: 0.7, questions });

describe("måluppfyllelse", () => {
  it("när medianerna per part är 7, 7, 6, 6 och målet är median > 7 så är målet ej uppfyllt, med regeln och siffrorna utskrivna", () => {
    const e = evaluateGoal(trust, bilaga5);
    expect(e.verdict).toBe("ej_uppfyllt");
    expect(e.label).toBe("Ej uppfyllt");
    expect(e.ruleText).toBe("Median > 7 på var och en av frågorna 9a, 9b, 9c och 9d");
    expect(e.figures.map((f) => [f.question, f.value, f.verdict])).toEqual([
      ["q9a", 7, "ej_uppfyllt"], ["q9b", 7, "ej_uppfyllt"], ["q9c", 6, "ej_uppfyllt"], ["q9d", 6, "ej_uppfyllt"],
    ]);
    expect(e.figuresText).toBe("9a: 7, 9b: 7, 9c: 6, 9d: 6");
    expect(e.value).toBe(6);
    expect(e.threshold).toBe(7);
  });

  it("när målet i stället är median ≥ 7 så är det fortfarande ej uppfyllt, för 9c och 9d har 6", () => {
    const e = evaluateGoal({ ...trust, comparison: ">=" }, bilaga5);
    expect(e.verdict).toBe("ej_uppfyllt");
    expect(e.figures.map((f) => f.verdict)).toEqual(["uppfyllt", "uppfyllt", "ej_uppfyllt", "ej_uppfyllt"]);
    expect(evaluateGoal({ ...trust, comparison: ">=", questions: ["q9a", "q9b"] }, bilaga5).verdict).toBe("uppfyllt");
  });

  it("när medelvärdet på q3 är 7,9 och målet är minst 7 så är målet uppfyllt", () => {
    const e = evaluateGoal(cooperation, bilaga5);
    expect(e).toMatchObject({ verdict: "uppfyllt", label: "Uppfyllt", ruleText: "Medelvärde ≥ 7 på fråga 3", figuresText: "7,9", value: 660 / 84 });
    expect(e.figures[0]).toMatchObject({ question: "q3", n: 84, text: "7,9" });
  });

  it("när en fråga har för få svar och ingen annan missar målet så blir det för få svar", () => {
    const r = results(indikatorQ, { q1: { 4: 10, 5: 5, 1: 2 }, q2: { 6: 3 }, q3: { 5: 9, 2: 1 } });
    const e = evaluateGoal(positive(["q1", "q2", "q3"]), r);
    expect(e.verdict).toBe("for_fa_svar");
    expect(e.label).toBe("För få svar");
    expect(e.figures.map((f) => [f.question, f.verdict, f.text, f.n])).toEqual([
      ["q1", "uppfyllt", `88${nbsp}%`, 17], ["q2", "for_fa_svar", "För få svar", null], ["q3", "uppfyllt", `90${nbsp}%`, 10],
    ]);
    expect(e.ruleText).toBe(`Andel ofta/för det mesta/alltid ≥ 70${nbsp}% på var och en av frågorna 1, 2 och 3`);
    expect(e.value).toBe(15 / 17);
  });

  it("när en fråga har för få svar men en annan missar målet så är målet ej uppfyllt", () => {
    const r = results(indikatorQ, { q1: { 4: 3, 1: 7 }, q2: { 6: 3 } });
    expect(evaluateGoal(positive(["q1", "q2"]), r).verdict).toBe("ej_uppfyllt");
  });

  it("när ingen fråga har tillräckligt många svar så blir det för få svar utan värde", () => {
    const r = results(indikatorQ, { q1: { 0: 20, 6: 4 } });
    expect(evaluateGoal(positive(["q1"]), r)).toMatchObject({ verdict: "for_fa_svar", value: null, figuresText: "För få svar" });
  });

  it("när andelen är exakt 70 % så är målet ≥ 70 % uppfyllt men inte > 70 %", () => {
    const r = results(indikatorQ, { q1: { 4: 14, 2: 6 } });
    expect(evaluateGoal(positive(["q1"]), r).verdict).toBe("uppfyllt");
    expect(evaluateGoal({ ...positive(["q1"]), comparison: ">" }, r).verdict).toBe("ej_uppfyllt");
  });

  it("när avrundningen skulle visa gränsvärdet fast målet missas så skrivs fler decimaler", () => {
    const r = results(indikatorQ, { q1: { 4: 1399, 2: 601 } }); // 69,95 %
    const e = evaluateGoal(positive(["q1"]), r);
    expect(e.verdict).toBe("ej_uppfyllt");
    expect(e.figuresText).toBe(`69,95${nbsp}%`);
    const mean = results(samverkanQ, { q3: { 7: 24, 6: 1 } }); // 6,96
    expect(evaluateGoal(cooperation, mean).figuresText).toBe("6,96");
    const above = results(samverkanQ, { q3: { 7: 24, 8: 1 } }); // 7,04 under "> 7"
    expect(evaluateGoal({ ...cooperation, comparison: ">" }, above)).toMatchObject({ verdict: "uppfyllt", figuresText: "7,04" });
  });

  it("när andelen ja är målet så jämförs ja / (ja + nej)", () => {
    const r = results(samverkanQ, { q6: { ja: 79, nej: 5 } });
    const e = evaluateGoal({ metric: "shareYes", comparison: ">=", threshold: 0.9, questions: ["q6"] }, r);
    expect(e).toMatchObject({ verdict: "uppfyllt", ruleText: `Andel ja ≥ 90${nbsp}% på fråga 6`, figuresText: `94${nbsp}%` });
  });

  it("när regeln inte passar enkäten så säger checkRule varför och evaluateGoal vägrar", () => {
    const questions = questionsOf(samverkan);
    expect(checkRule(trust, questions)).toEqual([]);
    expect(checkRule({ ...trust, metric: "sharePositive", threshold: 0.7 }, questions)).toEqual([
      'fråga 9a har inget mått "andel ofta/för det mesta/alltid"', 'fråga 9b har inget mått "andel ofta/för det mesta/alltid"',
      'fråga 9c har inget mått "andel ofta/för det mesta/alltid"', 'fråga 9d har inget mått "andel ofta/för det mesta/alltid"',
    ]);
    expect(checkRule({ ...cooperation, questions: ["q99"] }, questions)).toEqual(["frågan q99 finns inte i enkäten"]);
    expect(checkRule({ ...cooperation, questions: [] }, questions)).toEqual(["välj minst en fråga"]);
    expect(checkRule({ metric: "shareYes", comparison: ">=", threshold: 70, questions: ["q6"] }, questions)).toEqual(["en andel anges mellan 0 och 100 %"]);
    expect(() => evaluateGoal({ ...cooperation, questions: ["q99"] }, bilaga5)).toThrow(GoalRuleError);
    expect(() => evaluateGoal({ ...cooperation, metric: "shareYes" }, bilaga5)).toThrow(GoalRuleError);
    expect(() => evaluateGoal({ ...cooperation, questions: [] }, bilaga5)).toThrow(GoalRuleError);
  });

  it("när bedömningen görs för hand så finns etiketterna, och Delvis uppfyllt bara där", () => {
    expect(verdictLabels).toEqual({ uppfyllt: "Uppfyllt", delvis_uppfyllt: "Delvis uppfyllt", ej_uppfyllt: "Ej uppfyllt", for_fa_svar: "För få svar", underlag_saknas: "Underlag saknas" });
    expect(manualVerdicts).toEqual(["uppfyllt", "delvis_uppfyllt", "ej_uppfyllt"]);
  });

  it("när regeln har ett gränsvärde med decimaler så skrivs det exakt", () => {
    expect(ruleText({ metric: "sharePositive", comparison: ">", threshold: 0.755, questions: ["q4b"] })).toBe(`Andel ofta/för det mesta/alltid > 75,5${nbsp}% på fråga 4b`);
    expect(ruleText({ metric: "mean", comparison: ">=", threshold: 7.5, questions: ["q7", "q8"] })).toBe("Medelvärde ≥ 7,5 på var och en av frågorna 7 och 8");
  });

  it("när figurer är slumpade så följer domen regeln: ej uppfyllt före för få svar före uppfyllt", () => {
    const fig = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 10 }));
    fc.assert(fc.property(fc.array(fig, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 10 }), (medians, threshold) => {
      const ids = medians.map((_, i) => `q${i + 1}`);
      const r: Record<string, QuestionResult> = {};
      medians.forEach((m, i) => {
        r[ids[i]] = reportQuestion(questionStats({ kind: "scale10" }, m === null ? { 5: 2 } : { [m]: 5 }), K);
      });
      const e = evaluateGoal({ metric: "median", comparison: ">=", threshold, questions: ids }, r);
      const expected = medians.some((m) => m !== null && m < threshold) ? "ej_uppfyllt"
        : medians.some((m) => m === null) ? "for_fa_svar" : "uppfyllt";
      expect(e.verdict).toBe(expected);
    }));
  });
});

describe("mål som inte räknas på enkätsvar: närvaro och andel till arbete eller studier", () => {
  const work: GoalRule = { metric: "shareToWorkOrStudies", comparison: ">=", threshold: 0.35, questions: [] };
  const attendance: GoalRule = { metric: "attendance", comparison: ">=", threshold: 0.75, questions: [] };

  it("när målet är närvaro eller arbete/studier så skrivs regeln utan frågor, i procent", () => {
    expect(ruleText(attendance)).toBe(`Närvaro ≥ 75${nbsp}% i varje grupp över året`);
    expect(ruleText(work)).toBe(`Andel avslutade deltagare till arbete eller studier ≥ 35${nbsp}% enligt insatsrapporten`);
    expect(goalMetrics).toEqual(["sharePositive", "shareYes", "mean", "median", "shareToWorkOrStudies", "attendance", "deviationReports", "positiveMovements"]);
    expect(ruleText({ metric: "deviationReports", comparison: ">=", threshold: 12 })).toBe("Antal rapporterade avvikelser i samverkan ≥ 12 under året");
    expect(goalMetrics.filter(isSurveyMetric)).toEqual(["sharePositive", "shareYes", "mean", "median"]);
  });

  it("när en sådan regel har frågor eller en andel över 100 % så säger checkRule det", () => {
    expect(checkRule(work, [])).toEqual([]);
    expect(checkRule(attendance, [])).toEqual([]);
    expect(checkRule({ ...attendance, questions: ["q1"] }, [])[0]).toContain("räknas inte på enkätfrågor");
    expect(checkRule({ ...work, threshold: 35 }, [])).toEqual(["en andel anges mellan 0 och 100 %"]);
    const reports: GoalRule = { metric: "deviationReports", comparison: ">=", threshold: 12, questions: [] };
    expect(checkRule(reports, [])).toEqual([]);
    expect(checkRule({ ...reports, threshold: 12.5 }, [])).toEqual(["ett antal rapporter anges som ett heltal, 0 eller mer"]);
  });

  it("när en sådan regel hamnar i evaluateGoal så vägrar den, för siffrorna kommer inte från enkätsvar", () => {
    expect(() => evaluateGoal(work, bilaga5)).toThrow(GoalRuleError);
  });

  it("när närvaromålet får enkät, insats eller kommunområde, eller arbete/studier saknar insats, så säger scopeIssues vilket fält", () => {
    const none = { questionnaire: null, interventionId: null, areaId: null, questions: [] };
    expect(scopeIssues("attendance", none)).toEqual({});
    expect(Object.keys(scopeIssues("attendance", { questionnaire: "x", interventionId: "i", areaId: "a", questions: ["q1"] })).sort())
      .toEqual(["areaId", "interventionId", "questionnaire", "questions"]);
    expect(scopeIssues("shareToWorkOrStudies", none)).toEqual({ interventionId: expect.stringContaining("Välj vilken insats") });
    expect(scopeIssues("shareToWorkOrStudies", { ...none, interventionId: "i" })).toEqual({});
    expect(scopeIssues("shareToWorkOrStudies", { ...none, interventionId: "i", areaId: "a" })).toEqual({ areaId: expect.stringContaining("hela insatsens") });
    expect(scopeIssues("mean", { questionnaire: "x", interventionId: null, areaId: "a", questions: ["q3"] })).toEqual({});
  });
});
