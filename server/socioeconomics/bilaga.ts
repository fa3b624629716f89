/**
 * The Statistik bilaga as a report model of the same shape as every other bilaga (reports/model.ts),
 * rendered by the same renderers (reports/render/): participants and outcomes per insats, the
 * socioekonomisk effekt against the money put in (as 002 prints it, with the model's caveats), and
 * närvaro in the samverkansgrupper against the goal. Pure: figures in, plain data out.
 */
import { formatInteger, formatPercent } from "../results/format.js";
import { partyRangeText } from "../attendance/attendance.pure.js";
import type { Cell, ReportModel, ReportSection, ReportTable } from "../reports/service.js";
import { ageBands, ageLabel, genderLabels, genders, reasonShort, reasons, referrerLabels, referrers, type Gender } from "../interventionreports/outcomes.pure.js";
import { caveats, monthlyTotal, schablonLabels, yearlyTotal } from "./socioeconomics.pure.js";
import type { InsatsEffect, Statistik, StatistikRow } from "./service.js";
import { categories, categoryLabels, cells, missingLabel, movementRules, sectorLabels, sectors } from "./movements.pure.js";
import { nyckeltalLines } from "./movements-present.js";
import { categoryShares, economyCategories, economyCategoryLabels, economyRows, egetKapitalShare } from "./economy.pure.js";

const kr = (n: number) => `${formatInteger(n)} kr`;

const TOTAL = "Förbundet totalt";
const add = <R>(rows: R[], f: (r: R) => number) => rows.reduce((a, r) => a + f(r), 0);
/** Sum of the figures that are there; null when none is. */
const addKnown = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);
const share = (part: number, whole: number) => (whole ? part / whole : null);

/** Rows with the full counts (every row the service builds; a hand-made model may leave them out). */
const detailed = (rows: StatistikRow[]) => rows.filter((r): r is StatistikRow & { counts: NonNullable<StatistikRow["counts"]> } => r.reported && !!r.counts);

function byReasonTable(s: Statistik): ReportTable | null {
  const rows = detailed(s.rows);
  if (!rows.length) return null;
  const line = (name: string, list: typeof rows): Cell[] => {
    const finished = add(list, (r) => r.finished);
    const timed = list.filter((r) => r.counts.averageMonths !== null && r.finished > 0);
    const weight = add(timed, (r) => r.finished);
    return [name, finished, ...reasons.map((x) => add(list, (r) => r.counts.finished[x].women + r.counts.finished[x].men + r.counts.finished[x].other)),
      weight ? timed.reduce((a, r) => a + r.counts.averageMonths! * r.finished, 0) / weight : null];
  };
  return {
    caption: `Avslutade per orsak ${s.year}`,
    head: ["Insats", "Avslutade", ...reasons.map((r) => reasonShort[r]), "Tid i insatsen (mån)"],
    kinds: ["text", "integer", ...reasons.map(() => "integer" as const), "decimal"],
    rows: [...rows.map((r) => line(r.name, [r])), ...(rows.length > 1 ? [line(TOTAL, rows)] : [])],
  };
}

function byGenderTable(s: Statistik): ReportTable | null {
  const rows = detailed(s.rows);
  if (!rows.length) return null;
  const lines = (name: string, list: typeof rows): Cell[][] => genders.map((g: Gender) => {
    const finished = add(list, (r) => r.finishedByGender[g]), toWork = add(list, (r) => r.toWorkOrStudiesByGender[g]);
    return [name, genderLabels[g], add(list, (r) => r.participantsByGender[g]), add(list, (r) => r.counts.newParticipants[g]), finished, toWork, share(toWork, finished)];
  });
  return {
    caption: `Deltagare och avslutade per kön ${s.year}`,
    head: ["Insats", "Kön", "Deltagare", "Nya", "Avslutade", "Till arbete eller studier", "Andel till arbete eller studier"],
    kinds: ["text", "text", "integer", "integer", "integer", "integer", "percent"],
    rows: [...rows.flatMap((r) => lines(r.name, [r])), ...(rows.length > 1 ? lines(TOTAL, rows) : [])],
  };
}

function byAgeTable(s: Statistik): ReportTable | null {
  const rows = detailed(s.rows).filter((r) => ageBands.some((b) => r.counts.ages[b].women + r.counts.ages[b].men + r.counts.ages[b].other > 0));
  if (!rows.length) return null;
  const line = (name: string, list: typeof rows): Cell[] =>
    [name, ...ageBands.map((b) => add(list, (r) => r.counts.ages[b].women + r.counts.ages[b].men + r.counts.ages[b].other)), add(list, (r) => r.participants)];
  return {
    caption: `Deltagare per åldersgrupp ${s.year}`,
    head: ["Insats", ...ageBands.map(ageLabel), "Deltagare"],
    kinds: ["text", ...ageBands.map(() => "integer" as const), "integer"],
    rows: [...rows.map((r) => line(r.name, [r])), ...(rows.length > 1 ? [line(TOTAL, rows)] : [])],
  };
}

function referralsTable(s: Statistik): ReportTable | null {
  const rows = detailed(s.rows).filter((r) => referrers.some((x) => r.counts.referrals[x] > 0) || r.counts.aterremisser > 0);
  if (!rows.length) return null;
  const line = (name: string, list: typeof rows): Cell[] =>
    [name, ...referrers.map((x) => add(list, (r) => r.counts.referrals[x])), add(list, (r) => referrers.reduce((a, x) => a + r.counts.referrals[x], 0)), add(list, (r) => r.counts.aterremisser)];
  return {
    caption: `Remisser per remittent ${s.year}`,
    head: ["Insats", ...referrers.map((r) => referrerLabels[r]), "Remisser totalt", "Återremisser"],
    kinds: ["text", ...referrers.map(() => "integer" as const), "integer", "integer"],
    rows: [...rows.map((r) => line(r.name, [r])), ...(rows.length > 1 ? [line(TOTAL, rows)] : [])],
  };
}

/** A line per shared insats (issue 20): shared, with whom, and that the figures are the förbund's own part against its own funding. */
const sharedNotes = (s: Statistik): string[] => s.rows.flatMap((r) => (r.sharedWith ? [`${r.name}. ${r.sharedWith}`] : []));

function participantsSection(s: Statistik): ReportSection {
  const reported = s.rows.filter((r) => r.reported);
  const line = (name: string, list: StatistikRow[]): Cell[] => {
    const finished = add(list, (r) => r.finished), toWork = add(list, (r) => r.toWorkOrStudies);
    return [name, add(list, (r) => r.participants), add(list, (r) => r.participantsByGender.women), add(list, (r) => r.participantsByGender.men),
      add(list, (r) => r.participantsByGender.other), finished, add(list, (r) => r.finishedByOutcome.arbete), add(list, (r) => r.finishedByOutcome.studier),
      add(list, (r) => r.finished - r.finishedByOutcome.arbete - r.finishedByOutcome.studier), toWork, share(toWork, finished), add(list, (r) => r.efterstod)];
  };
  return {
    heading: `Deltagare och resultat per insats ${s.year}`,
    paragraphs: [
      "Uppgifterna kommer från insatsernas helårs- och delårsrapporter. Avslutade deltagare redovisas efter orsak: " +
      "till arbete (med eller utan lönebidrag), till studier, till arbetslivsinriktad rehabilitering, på grund av sjukdom, på egen begäran, " +
      "åter till remittent eller av annat skäl. Arbete och studier räknas som arbete eller studier; övriga orsaker redovisas som de är. " +
      "Andelen till arbete eller studier räknas på de avslutade deltagarna.",
      "Antalen är inga enkätsvar utan insatsernas egna räkningar och redovisas även när de är små.",
    ],
    tables: [
      {
        caption: `Deltagare och avslutade per insats ${s.year}`,
        head: ["Insats", "Deltagare", "varav kvinnor", "varav män", "varav annat/okänt", "Avslutade", "Till arbete", "Till studier", "Övriga orsaker",
          "Till arbete eller studier", "Andel till arbete eller studier", "I strukturerat efterstöd"],
        kinds: ["text", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "integer", "percent", "integer"],
        rows: [...reported.map((r) => line(r.name, [r])), ...(reported.length > 1 ? [line(TOTAL, reported)] : [])],
      },
      ...[byGenderTable(s), byReasonTable(s), byAgeTable(s), referralsTable(s)].filter((t): t is ReportTable => t !== null),
    ],
    notes: [...(s.rows.some((r) => !r.reported && r.kind !== "strukturovergripande")
      ? [`Ingen rapport för ${s.year}: ${s.rows.filter((r) => !r.reported && r.kind !== "strukturovergripande").map((r) => r.name).join(", ")}.`] : []), ...sharedNotes(s)],
  };
}

function effectSection(s: Statistik): ReportSection {
  const sch = s.schablon;
  const individual = s.rows.filter((r) => r.kind !== "strukturovergripande");
  const structural = s.rows.filter((r) => r.kind === "strukturovergripande");
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
        rows: [...individual.map((r): Cell[] => [r.name, r.toWorkOrStudies, r.socioeconomicEffect, r.funding, r.difference]),
          ...(individual.length > 1 ? [[TOTAL, add(individual, (r) => r.toWorkOrStudies), addKnown(individual.map((r) => r.socioeconomicEffect)),
            addKnown(individual.map((r) => r.funding)), addKnown(individual.map((r) => r.difference))]] : [])],
      },
      ...(structural.length ? [{
        caption: `Strukturövergripande insatser ${s.year}: medel (ingen socioekonomisk effekt beräknas)`,
        head: ["Insats", "Medel till insatsen"],
        kinds: ["text", "kronor"] as ("text" | "kronor")[],
        rows: structural.map((r): Cell[] => [r.name, r.funding]),
      }] : []),
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
    notes: [...sharedNotes(s), ...caveats, ...(structural.length ? [
      "Strukturövergripande insatser riktar sig till samverkan mellan parterna, inte till deltagare som går till arbete eller studier. " +
      "Modellen ger dem därför ingen effekt, och deras medel redovisas för sig i stället för som en negativ differens.",
    ] : [])],
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

/** A matrix as a table: only the rows and columns that hold someone, so it fits a page. */
function matrixTable(e: InsatsEffect, year: number): ReportTable {
  const filled = cells(e.matrix);
  const from = categories.filter((c) => filled.some((x) => x.from === c)), to = categories.filter((c) => filled.some((x) => x.to === c));
  return {
    caption: `Förflyttningar ${e.name} ${year}: ersättning vid start (rader), läge vid avslut (kolumner)`,
    head: ["Vid start", ...to.map((c) => categoryLabels[c]), "Summa"],
    kinds: ["text", ...to.map(() => "integer" as const), "integer"],
    rows: from.map((f) => [categoryLabels[f], ...to.map((t) => e.matrix[f]?.[t] ?? 0), to.reduce((a, t) => a + (e.matrix[f]?.[t] ?? 0), 0)]),
  };
}

function movementsSection(s: Statistik): ReportSection | null {
  const list = s.movements ?? [];
  if (!list.length) return null;
  const computed = list.filter((e) => e.perYear && e.twoYears);
  const missing = [...new Set(list.flatMap((e) => e.missing))];
  const effectRows = computed.flatMap((e): Cell[][] => [
    [e.name, "Per år", ...sectors.map((x) => e.perYear![x]), e.perYear!.total, e.funding],
    [e.name, "Två år", ...sectors.map((x) => e.twoYears![x]), e.twoYears!.total, null],
  ]);
  if (computed.length > 1) {
    const sum = (k: "perYear" | "twoYears", x: (typeof sectors)[number] | "total") => computed.reduce((a, e) => a + e[k]![x], 0);
    effectRows.push([TOTAL, "Per år", ...sectors.map((x) => sum("perYear", x)), sum("perYear", "total"), addKnown(computed.map((e) => e.funding))]);
    effectRows.push([TOTAL, "Två år", ...sectors.map((x) => sum("twoYears", x)), sum("twoYears", "total"), null]);
  }
  return {
    heading: `Stegförflyttning ${s.year}`,
    paragraphs: [
      "Förflyttningarna följs upp med RISE:s ekonomiska modell för stegförflyttning, som de tre förbunden i Jönköpings län kom överens om på medlemssamrådet 2025-02-28. " +
      "Varje insats redovisar hur många deltagare som gick från sin huvudsakliga ersättning vid start till ett läge vid avslut; effekten räknas per sektor med förbundets nyckeltal.",
      ...(missing.length ? [`Nyckeltal saknas för ${s.year}, så effekten räknas inte för ${list.length - computed.length} av ${list.length} insatser: ${missing.map(missingLabel).join("; ")}.`] : []),
    ],
    tables: [
      ...list.map((e) => matrixTable(e, s.year)),
      ...(computed.length ? [{
        caption: `Finansiell effekt av förflyttningarna ${s.year} per sektor (kronor)`,
        head: ["Insats", "Period", ...sectors.map((x) => sectorLabels[x]), "Totalt", "Medel till insatsen"],
        kinds: ["text", "text", "kronor", "kronor", "kronor", "kronor", "kronor"] as ("text" | "kronor")[],
        rows: effectRows,
      }] : []),
    ],
    notes: [...movementRules, ...nyckeltalLines(computed[0]?.nyckeltal ?? list[0].nyckeltal)],
  };
}

function economySection(s: Statistik): ReportSection | null {
  const e = s.economy;
  if (!e || (!e.lines.length && e.yearFigures.egetKapitalUt === null)) return null;
  const shares = categoryShares(e.lines, "utfall");
  const kapital = egetKapitalShare(e.yearFigures);
  return {
    heading: `Resultat för finansierade insatser ${s.year}`,
    paragraphs: [
      "Budget, utfall och avvikelse (budget − utfall) per insats och post, uppdelat på individinriktade insatser, strukturövergripande insatser och administration.",
      ...(e.lines.length ? [`Utfallet fördelas: ${economyCategories.filter((c) => shares[c] !== null && e.lines.some((l) => l.category === c))
        .map((c) => `${economyCategoryLabels[c].toLowerCase()} ${formatPercent(shares[c])}`).join(", ")}.`] : []),
      ...(e.yearFigures.egetKapitalUt !== null ? [`Förbundets eget kapital vid årets slut: ${kr(e.yearFigures.egetKapitalUt)}` +
        `${e.yearFigures.egetKapitalIn !== null ? ` (vid årets början ${kr(e.yearFigures.egetKapitalIn)})` : ""}` +
        `${kapital !== null ? `, ${formatPercent(kapital)} av årets medlemsbidrag` : ""}.`] : []),
    ],
    tables: e.lines.length ? [{
      caption: `Resultat för finansierade insatser ${s.year} (kronor)`,
      head: ["Post", "Budget", "Utfall", "Avvikelse", "Kommentar"],
      kinds: ["text", "kronor", "kronor", "kronor", "text"],
      rows: economyRows(e.lines).map((r): Cell[] => [r.label, r.budget, r.utfall, r.avvikelse, r.comment]),
    }] : [],
  };
}

/** The whole bilaga. */
export function statistikBilaga(s: Statistik): ReportModel {
  return {
    title: `Statistik ${s.year}`,
    subtitle: s.forbundName, forbund: s.forbundName, year: s.year,
    sections: [participantsSection(s), effectSection(s), ...[movementsSection(s), economySection(s)].filter((x): x is ReportSection => x !== null), attendanceSection(s)],
  };
}
