/** The registry of standard questionnaires; every definition is checked by zod when this module loads. */
import type { Definition } from "./define.js";
import indikatorDeltagarePagaende from "./indikator-deltagare-pagaende.js";
import indikatorDeltagareAvslut from "./indikator-deltagare-avslut.js";
import indikatorPersonal from "./indikator-personal.js";
import indikatorChefer from "./indikator-chefer.js";
import indikatorStyrelse from "./indikator-styrelse.js";
import indikatorRemittenter from "./indikator-remittenter.js";
import samverkanUtvardering from "./samverkan-utvardering.js";
import evenemangUtvardering from "./evenemang-utvardering.js";

export const standardSurveys: readonly Definition[] = [
  indikatorDeltagarePagaende,
  indikatorDeltagareAvslut,
  indikatorPersonal,
  indikatorChefer,
  indikatorStyrelse,
  indikatorRemittenter,
  samverkanUtvardering,
  evenemangUtvardering,
];

const byId = new Map(standardSurveys.map((d) => [d.id, d]));

/** The current version of a standard questionnaire, or undefined. */
export const findSurvey = (id: string): Definition | undefined => byId.get(id);

/** The NNS indicator questionnaires, one per respondent group: the ones reported nationally. */
export const indicatorSurveys: readonly Definition[] = standardSurveys.filter((d) => d.id.startsWith("indikator-"));
