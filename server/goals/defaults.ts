/**
 * The default goals of a year, as data (seed 002, Tabell måluppfyllelse): what an admin may create
 * for a year without goals (after a preview, service.ts yearPlan), and what the demo förbund starts
 * with. Pure: the service passes in the förbund's insatser.
 */
import indikator from "../../surveys/indikator-deltagare-pagaende.js";
import samverkan from "../../surveys/samverkan-utvardering.js";
import { questionsOf } from "../../surveys/define.js";
import type { GoalRule } from "./rules.pure.js";
import { judgedByShare } from "../results/roles.pure.js";

/** The threshold when the year has no närvaro goal (and the default goal's): 75 % närvaro on helår. */
export const ATTENDANCE_THRESHOLD = 0.75;

/** The questionnaire of the default indikator goals. */
export const INDIKATOR_PAGAENDE = indikator.id;

/** The demo förbund's insats with 002's goal of 35 % of finished participants to arbete or studier. */
export const DEMO_WORK_OR_STUDIES = { intervention: "SE-Höglandet", threshold: 0.35 } as const;

/** A default goal as it is stored (defaultKey makes creating them idempotent). */
export type DefaultGoal = {
  forbundId: string; year: number; defaultKey: string; sortOrder: number; text: string;
  questionnaireId: string | null; interventionId?: string; rule: GoalRule & { questions: string[] };
};

const frequencyQuestions = questionsOf(indikator).filter((q) => q.kind === "frequency6" && judgedByShare(indikator.id, q)).map((q) => q.id);

/**
 * The default goals of a year: for each insats given (those with an insamling or an insatsrapport
 * that year; at the demo förbund's first start, the individinriktade active that year), share positive ≥ 70 % on each frequency question of
 * the indikatorenkät for deltagare i pågående insats; samverkan q3 mean ≥ 7; samverkan q9a–q9d
 * median > 7 ("över 7"); närvaro ≥ 75 % in every grupp over the year. With `demo`, the demo
 * förbund's insats (SE-Höglandet) also gets ≥ 35 % of finished participants to arbete or studier
 * (a goal of that insats in 002, not one every förbund has).
 */
export function defaultGoals(
  forbundId: string, year: number, insatser: readonly { id: string; name: string }[], demo?: { id: string; name: string },
): DefaultGoal[] {
  const rows: DefaultGoal[] = insatser.map((i, n) => ({
    forbundId, year, defaultKey: `indikator:${i.id}`, sortOrder: 10 * (n + 1),
    text: `Minst 70 % av deltagarna i ${i.name} ska svara ofta, för det mesta eller alltid på frågorna i den nationella indikatorenkäten.`,
    questionnaireId: INDIKATOR_PAGAENDE, interventionId: i.id,
    rule: { metric: "sharePositive", comparison: ">=", threshold: 0.7, questions: frequencyQuestions },
  }));
  rows.push({
    forbundId, year, defaultKey: "samverkan:q3", sortOrder: 900, questionnaireId: samverkan.id,
    text: "Hög upplevelse av väl fungerande samverkan mellan parterna, minst 7 (av 10) i snitt baserat på resultat i genomförda enkäter.",
    rule: { metric: "mean", comparison: ">=", threshold: 7, questions: ["q3"] },
  }, {
    forbundId, year, defaultKey: "samverkan:q9", sortOrder: 910, questionnaireId: samverkan.id,
    text: "Högt förtroende för parterna, övervägande positiva svar (över 7 av 10) baserat på resultat i enkäter.",
    rule: { metric: "median", comparison: ">", threshold: 7, questions: ["q9a", "q9b", "q9c", "q9d"] },
  }, {
    forbundId, year, defaultKey: "narvaro", sortOrder: 920, questionnaireId: null,
    text: "God representation i samtliga samverkansgrupper (minst 75 % närvaro på helår).",
    rule: { metric: "attendance", comparison: ">=", threshold: ATTENDANCE_THRESHOLD, questions: [] },
  });
  if (demo) {
    rows.push({
      forbundId, year, defaultKey: `arbete-studier:${demo.id}`, sortOrder: 930, questionnaireId: null, interventionId: demo.id,
      text: `Minst 35 % av deltagarna i ${demo.name} ska efter avslutad insats gå vidare till arbete eller studier.`,
      rule: { metric: "shareToWorkOrStudies", comparison: ">=", threshold: DEMO_WORK_OR_STUDIES.threshold, questions: [] },
    });
  }
  return rows;
}
