/** What the statistik page and the API show. */
import { formatInteger } from "../results/format.js";
import { formatCell, type ReportModel } from "../reports/service.js";
import { monthlyTotal, yearlyTotal, type Schablon } from "./socioeconomics.pure.js";
import type { Statistik } from "./service.js";

/** GET /api/v1/reports/:year/statistik (json): totals as numbers, the splits beside them. */
export function statistikJson(s: Statistik) {
  return {
    interventions: s.rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind ?? "individinriktad",
      participants: r.participants, finished: r.finished, toWorkOrStudies: r.toWorkOrStudies, shareToWorkOrStudies: r.shareToWorkOrStudies,
      socioeconomicEffect: r.socioeconomicEffect, funding: r.funding, difference: r.difference,
      participantsByGender: r.participantsByGender, newParticipants: r.newParticipants, finishedByGender: r.finishedByGender,
      finishedByOutcome: r.finishedByOutcome, toWorkOrStudiesByGender: r.toWorkOrStudiesByGender, efterstod: r.efterstod, reported: r.reported,
      outcomes: r.counts ?? null,
      ...(r.sharedWith ? { sharedWith: r.sharedWith } : {}),
    })),
  };
}

/** A report model with every cell as printed, for the page. */
export function modelView(model: ReportModel) {
  return {
    ...model,
    sections: model.sections.map((s) => ({
      ...s,
      tables: s.tables.map((t) => ({ caption: t.caption, head: t.head, rows: t.rows.map((r) => r.map((c, i) => formatCell(c, t.kinds?.[i] ?? "text"))) })),
    })),
  };
}

/** The schablon form's values and the totals beside it. */
export function schablonValues(s: Schablon) {
  return {
    publicSupport: formatInteger(s.publicSupport), adminCost: formatInteger(s.adminCost), newRevenue: formatInteger(s.newRevenue),
  };
}
export const schablonTotals = (s: Schablon) => ({ monthly: formatInteger(monthlyTotal(s)), yearly: formatInteger(yearlyTotal(s)) });

export const fundingValues = (choices: { id: string; amount: number | null }[]) =>
  Object.fromEntries(choices.map((c) => [`funding.${c.id}`, c.amount === null ? "" : formatInteger(c.amount)]));
