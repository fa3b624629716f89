/** The registry of standard questionnaires; every definition is checked by zod when this module loads. */
import type { Definition } from "./define.js";
import indikatorDeltagarePagaende from "./indikator-deltagare-pagaende.js";

export const standardSurveys: readonly Definition[] = [
  indikatorDeltagarePagaende,
];

const byId = new Map(standardSurveys.map((d) => [d.id, d]));

/** The current version of a standard questionnaire, or undefined. */
export const findSurvey = (id: string): Definition | undefined => byId.get(id);
