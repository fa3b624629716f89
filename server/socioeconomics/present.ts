/** What the statistik page and the API show. */
import { formatInteger } from "../results/format.js";
import { formatCell, type ReportModel } from "../reports/service.js";
import { monthlyTotal, yearlyTotal, type Schablon } from "./socioeconomics.pure.js";
import type { Statistik, StatistikRow } from "./service.js";
import { maskCounts } from "../interventionreports/outcome-threshold.pure.js";

/**
 * GET /api/v1/reports/:year/statistik (json): totals as numbers, the splits beside them. Under the
 * förbund's outcome threshold a hidden count is null, as the bilaga prints "dolt" (with the effect
 * and difference that would tell it), and `outcomeThreshold` names the threshold.
 */
export function statistikJson(s: Statistik) {
  const hidden = s.outcomeThreshold?.hidden ?? new Set<string>();
  return {
    outcomeThreshold: s.outcomeThreshold?.threshold ?? null,
    interventions: s.rows.map((r) => {
      const h = (key: string) => hidden.has(`${r.id}.${key}`);
      const n = <T>(key: string, v: T): T | null => (h(key) ? null : v);
      const g = (name: string, split: StatistikRow["participantsByGender"]) => maskCounts(`${r.id}.${name}`, split, hidden);
      return {
        id: r.id, name: r.name, kind: r.kind ?? "individinriktad",
        participants: n("participants.total", r.participants), finished: n("finishedTotal.total", r.finished),
        toWorkOrStudies: n("toWorkOrStudies.total", r.toWorkOrStudies),
        shareToWorkOrStudies: h("toWorkOrStudies.total") || h("finishedTotal.total") ? null : r.shareToWorkOrStudies,
        socioeconomicEffect: n("toWorkOrStudies.total", r.socioeconomicEffect), funding: r.funding, difference: n("toWorkOrStudies.total", r.difference),
        participantsByGender: g("participants", r.participantsByGender), newParticipants: n("newParticipants.total", r.newParticipants),
        finishedByGender: g("finishedTotal", r.finishedByGender),
        finishedByOutcome: { arbete: n("finished.arbete.total", r.finishedByOutcome.arbete), studier: n("finished.studier.total", r.finishedByOutcome.studier),
          annat: n("finished.annat.total", r.finishedByOutcome.annat) },
        toWorkOrStudiesByGender: g("toWorkOrStudies", r.toWorkOrStudiesByGender), efterstod: n("efterstod.total", r.efterstod), reported: r.reported,
        outcomes: r.counts ? maskCounts(r.id, r.counts, hidden) : null,
        ...(r.sharedWith ? { sharedWith: r.sharedWith } : {}),
      };
    }),
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
