/**
 * The Statistik bilaga as a report model of the same shape as every other bilaga (reports/model.ts),
 * rendered by the same renderers (reports/render/): participants and outcomes per insats, the
 * socioekonomisk effekt against the money put in (as 002 prints it, with the model's caveats), and
 * närvaro in the samverkansgrupper against the goal. Pure: figures in, plain data out.
 */
import { formatInteger, formatPercent } from "../results/format.js";
import { partyRangeText } from "../attendance/attendance.pure.js";
import type { ReportModel, ReportSection } from "../reports/service.js";
import { caveats, monthlyTotal, schablonLabels, yearlyTotal } from "./socioeconomics.pure.js";
import type { Statistik } from "./service.js";

const kr = (n: number) => `${formatInteger(n)} kr`;

function participantsSection(s: Statistik): ReportSection {
  return {
    heading: `Deltagare och resultat per insats ${s.year}`,
    paragraphs: [
      "Uppgifterna kommer från insatsernas helårs- och delårsrapporter. Avslutade deltagare redovisas efter vart de gick: " +
      "till arbete (med eller utan lönebidrag), till studier eller av annat skäl. Andelen till arbete eller studier räknas på de avslutade deltagarna.",
    ],
    tables: [{
      caption: `Deltagare och avslutade per insats ${s.year}`,
      head: ["Insats", "Deltagare", "varav kvinnor", "varav män", "varav annat", "Avslutade", "Till arbete", "Till studier", "Annat skäl",
        "Till arbete eller studier", "Andel till arbete eller studier", "I strukturerat efterstöd"],
      kinds: ["text", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "percent", "integer"],
      rows: s.rows.filter((r) => r.reported).map((r) => [
        r.name, r.participants, r.participantsByGender.women, r.participantsByGender.men, r.participantsByGender.other, r.finished,
        r.finishedByOutcome.arbete, r.finishedByOutcome.studier, r.finishedByOutcome.annat, r.toWorkOrStudies, r.shareToWorkOrStudies, r.efterstod,
      ]),
    }],
    notes: s.rows.some((r) => !r.reported) ? [`Ingen rapport för ${s.year}: ${s.rows.filter((r) => !r.reported).map((r) => r.name).join(", ")}.`] : [],
  };
}

function effectSection(s: Statistik): ReportSection {
  const sch = s.schablon;
  return {
    heading: `Socioekonomisk effekt ${s.year}`,
    paragraphs: [
      "Förbundet använder en modell framtagen av Samordningsförbundet Göteborg Centrum för att redovisa socioekonomiska effekter av " +
      "insatser finansierade av förbundet. Effekterna beräknas utifrån schabloner per person och månad: " +
      `${schablonLabels.publicSupport.toLowerCase()} ${kr(sch.publicSupport)}, ${schablonLabels.adminCost.toLowerCase()} ${kr(sch.adminCost)} ` +
      `och ${schablonLabels.newRevenue.toLowerCase()} ${kr(sch.newRevenue)}.`,
      `Total ekonomisk effekt är ${kr(monthlyTotal(sch))} per person och månad eller ${kr(yearlyTotal(sch))} per år` +
      `${s.schablonIsDefault ? " (modellens standardvärden)" : ""}. Effekten = avslutade deltagare till arbete eller studier × ${kr(yearlyTotal(sch))}; ` +
      "differens = effekt − medel till insatsen.",
    ],
    tables: [
      {
        caption: `Socioekonomisk effekt ${s.year} per insats (kronor)`,
        head: ["Insats", "Avslutade deltagare till arbete/studier", "Ekonomisk effekt totalt per år", "Medel till insatsen", "Differens"],
        kinds: ["text", "integer", "kronor", "kronor", "kronor"],
        rows: s.rows.map((r) => [r.name, r.toWorkOrStudies, r.socioeconomicEffect, r.funding, r.difference]),
      },
      {
        caption: `Schablon ${s.year} per person (kronor)`,
        head: ["Post", "Per månad", "Per år"],
        kinds: ["text", "kronor", "kronor"],
        rows: [
          [schablonLabels.publicSupport, sch.publicSupport, sch.publicSupport * 12],
          [schablonLabels.adminCost, sch.adminCost, sch.adminCost * 12],
          [schablonLabels.newRevenue, sch.newRevenue, sch.newRevenue * 12],
          ["Total ekonomisk effekt", monthlyTotal(sch), yearlyTotal(sch)],
        ],
      },
    ],
    notes: [...caveats],
  };
}

function attendanceSection(s: Statistik): ReportSection {
  const a = s.attendance;
  const met = a.groups.filter((g) => g.meetings > 0);
  return {
    heading: `Närvaro i samverkansgrupperna ${s.year}`,
    paragraphs: [
      `Mål: ${a.goal.ruleText}. Bedömning: ${a.goal.label}. Utfall: ${a.goal.figuresText}.`,
      a.goal.partiesBelow.length
        ? `Parter under ${formatPercent(a.goal.threshold)}: ${a.goal.partiesBelow.map((p) => `${p.party} i ${p.group} (${formatPercent(p.share)})`).join(", ")}.`
        : `Ingen part har lägre närvaro än ${formatPercent(a.goal.threshold)} i någon grupp.`,
    ],
    tables: met.length ? [{
      caption: `Närvaro per grupp ${s.year}: möten där parten var representerad (ordinarie eller ersättare) av hållna möten`,
      head: ["Grupp", "Möten", "Närvaro", "Parternas närvaro"],
      kinds: ["text", "integer", "percent", "text"],
      rows: met.map((g) => [g.name, g.meetings, g.share, partyRangeText(g)]),
    }] : [],
    notes: a.goal.groupsWithoutMeetings.length ? [`Inga möten registrerade: ${a.goal.groupsWithoutMeetings.join(", ")}.`] : [],
  };
}

/** The whole bilaga. */
export function statistikBilaga(s: Statistik): ReportModel {
  return {
    title: `Statistik ${s.year}`,
    subtitle: s.forbundName, forbund: s.forbundName, year: s.year,
    sections: [participantsSection(s), effectSection(s), attendanceSection(s)],
  };
}
