/**
 * The four bilagor as report models (model.ts), built from what the other features' services return
 * (results, goals, deviations analysis). Pure: figures in, plain data out. Every survey figure comes
 * through the results service's threshold: a suppressed question shows SUPPRESSED_TEXT in each of
 * its figure cells, never a number.
 */
import { comparabilityNote, type Definition, type Question, type RespondentGroup, dontKnowLabel, questionsOf, respondentGroups, tr } from "../../surveys/define.js";
import { SUPPRESSED_TEXT, type QuestionResult } from "../results/threshold.js";
import { formatDecimal, formatInteger, formatPercent, questionNumber } from "../results/format.js";
import type { TextGroup } from "../results/service.js";
import type { GoalOutcome, ResultsWithGoals as Results } from "../goals/service.js";
import type { Analysis } from "../deviations/analysis.pure.js";
import type { SeverityRules } from "../deviations/service.js";
import { maskPii } from "../privacy/pii.js";
import { groupTexts, textLine } from "../results/text-groups.pure.js";
import { distributionOf } from "../results/distribution.pure.js";
import { judgedByShare } from "../results/roles.pure.js";
import { responseRateText } from "../results/response-rate.pure.js";
import type { BilagaTexts, Cell, ReportModel, ReportSection, ReportTable } from "./model.js";

export const POSITIVE_LINE = 0.7;
/** The fewest bars a chart is drawn with: one bar compares nothing, and its figure is in the table beside it. */
export const MIN_BARS = 2;

export function thresholdRules(k: number): string[] {
  return [
    `Rapporteringsgräns: en grupp med färre än ${k} svar redovisas inte. I stället står "${SUPPRESSED_TEXT}", i varje tabellcell och i varje format.`,
    "Grupper som tillsammans med andra redovisade grupper skulle avslöja en dold grupp döljs också.",
    "Fritextsvar visas bara över rapporteringsgränsen och med personuppgifter maskerade.",
    "Andel positiva: andelen som svarat ofta, för det mesta eller alltid av dem som svarat (vet inte räknas inte).",
    "Medelvärde och median räknas på svaren utan vet inte. Procent avrundas till hela procent.",
    "Bedömning av mål: Uppfyllt när regeln nås, Ej uppfyllt när den inte nås, För få svar när svaren är färre än rapporteringsgränsen, Underlag saknas när det inte finns något att bedöma (ingen insamling, inga registrerade möten, ingen insatsrapport) och vad som saknas; Delvis uppfyllt sätts för hand.",
  ];
}

/** The highest answer of a scale question: the top of its chart's axis. */
const scaleTop = (q: Question) => (q.kind === "scale6" ? 6 : 10);
const qLabel = (q: Question) => `${questionNumber(q.id)}. ${tr(q.text, "sv")}`;
const hidden = (r: QuestionResult | undefined): boolean => !r || r.suppressed;
/** The figure, or the suppression text when the question's group is below the threshold. */
const fig = (r: QuestionResult | undefined, v: (r: Extract<QuestionResult, { suppressed: false }>) => number | null): Cell =>
  !r || r.suppressed ? SUPPRESSED_TEXT : v(r);
const positive = (r: Extract<QuestionResult, { suppressed: false }>) => r.sharePositive ?? r.shareYes;

/** A written text as lines (blank lines dropped), with personal data masked as in every other free text. */
export const textLines = (text: string): string[] => text.split(/\r?\n/).map((l) => maskPii(l.trim())).filter(Boolean);

// ——— Utvärdering samverkan ———

/**
 * Count and share per answer option of each question, one table for all of them (one sheet in Excel), the
 * question's words once above its options in print and Word (grouped); a suppressed question is one row saying so; "vet inte" is its own row, outside the shares; a multi
 * choice says that its shares can add up to more than 100 %.
 */
export function distributionTable(caption: string, questions: Question[], v: { results: Record<string, QuestionResult> }): ReportTable {
  const rows: Cell[][] = [];
  for (const q of questions) {
    const x = v.results[q.id];
    if (!x || q.kind === "text") continue;
    const label = q.kind === "multi" ? `${qLabel(q)} (flera val: andelarna kan bli mer än 100 %)` : qLabel(q);
    if (hidden(x)) { rows.push([label, SUPPRESSED_TEXT, null, null]); continue; }
    for (const d of distributionOf(q, x)) rows.push([label, d.label, d.count, d.share]);
    if (x.dontKnow) rows.push([label, tr(dontKnowLabel, "sv"), x.dontKnow, null]);
  }
  return { caption, head: ["Fråga", "Svarsalternativ", "Antal", "Andel"], kinds: ["text", "text", "integer", "percent"], rows, grouped: true };
}

/** Written lines (proposals, actions) masked, each sentence once with its count, most frequent first. */
const onceEach = (texts: string[]): Cell[][] => groupTexts(texts.map((text) => ({ text, count: 1 }))).map((t) => [textLine(t)]);

/** A written summary as a lead row of a free-text table: labelled, printed above the question's grouped answers. */
const summaryRow = (label: string, lines: string[]): Cell[] => [label, `Sammanfattning: ${lines.join("\n")}`];

/**
 * The free text per question, in the questionnaire's order: the question's words, then the koordinator's summary
 * (when written) as a lead, then the grouped answers with their counts. A summary of a question with no free text
 * to show (none written this year, or one saved when the form offered every question) stands alone under the
 * question's words, so that no written summary is lost.
 */
function textsSection(questions: Question[], groups: TextGroup[], texts: BilagaTexts): ReportSection {
  const rows: Cell[][] = [];
  const leads: number[] = [];
  for (const q of questions) {
    const summary = textLines(texts[q.id] ?? "");
    const own = groups.filter((g) => g.question.id === q.id);
    if (!own.length && summary.length) { leads.push(rows.length); rows.push(summaryRow(qLabel(q), summary)); }
    own.forEach((g, i) => {
      const what = g.part === "answer" ? qLabel(g.question) : `${qLabel(g.question)} (${g.part === "comment" ? "kommentarer" : "Annat"})`;
      if (i === 0 && summary.length) { leads.push(rows.length); rows.push(summaryRow(what, summary)); }
      if (!g.texts) rows.push([what, SUPPRESSED_TEXT]);
      else if (!g.texts.length) rows.push([what, "Inga svar."]);
      else for (const t of g.texts) rows.push([what, textLine(t)]);
    });
  }
  return {
    heading: "Svar i fritext",
    paragraphs: [
      "Per fråga står först samverkanskoordinatorns sammanfattning, där en är skriven, och sedan svaren grupperade, med personuppgifter maskerade och bara där rapporteringsgränsen tillåter.",
      "Svar med samma ord (oavsett stora bokstäver, skiljetecken och mellanrum) står en gång, med antalet som skrev det inom parentes, vanligast först.",
    ],
    tables: rows.length ? [{ caption: "Fritextsvar per fråga", head: ["Fråga", "Svar"], rows, prose: "list", leads }] : [],
  };
}

/**
 * A survey goal with too few answers shows no figures. Närvaro and arbete/studier goals count meetings
 * and people, not anonymous answers: their reason ("Ingen insatsrapport för 2024") is printed.
 */
const hidesFigures = (g: GoalOutcome) =>
  g.verdict === "for_fa_svar" && !!g.ruleText && g.goal.rule?.metric !== "attendance" && g.goal.rule?.metric !== "shareToWorkOrStudies";

export function goalsTable(caption: string, goals: GoalOutcome[], scopeName?: (g: GoalOutcome) => string): ReportTable {
  const head = ["Mål", ...(scopeName ? ["Gäller"] : []), "Regel", "Resultat", "Bedömning", "Kommentar"];
  return {
    caption, head,
    rows: goals.map((g) => [
      g.goal.text, ...(scopeName ? [scopeName(g)] : []), g.ruleText ?? "Bedömd för hand",
      hidesFigures(g) ? SUPPRESSED_TEXT : g.figuresText || null, g.label, g.goal.comment || null,
    ]),
  };
}

/** The sentence that says which questions are Samspår's wording (issue 17), when not every question is NNS's or verbatim. */
const nonNational = (d: Definition): string[] => { const note = comparabilityNote(d); return note ? [note] : []; };

export function samverkanBilaga(forbund: string, year: number, k: number, r: Results | null, texts: BilagaTexts = {}): ReportModel {
  const title = `Bilaga 5 Utvärdering samverkan ${year}`;
  if (!r || !r.view.collections.length) {
    return { title, subtitle: forbund, forbund, year, rules: thresholdRules(k), sections: [{ heading: "Utvärderingen", paragraphs: [`Ingen utvärdering av samverkan gjordes ${year}.`], tables: [] }] };
  }
  const v = r.view;
  const qs = questionsOf(v.definition).filter((q) => q.kind !== "text");
  const periods = v.collections.map((c) => `${c.name}${c.opensOn || c.closesOn ? ` (${c.opensOn ?? "…"}–${c.closesOn ?? "…"})` : ""}`);
  const shareQs = qs.filter((q) => q.kind === "frequency6" || q.kind === "yesno");
  const meanQs = qs.filter((q) => q.kind === "scale6" || q.kind === "scale10");
  const prev = r.previous;
  const about: ReportSection = {
    heading: "Om utvärderingen",
    paragraphs: [
      `Utvärderingen gjordes med enkäten ${tr(v.definition.title, "sv")} i insamlingarna ${periods.join(", ")}.`,
      ...nonNational(v.definition),
      v.n >= k ? `Totalt ingår ${formatInteger(v.n)} svar (+ ${formatInteger(v.partial)} ej slutförda).` : `Totalt ingår för få svar för att redovisa (färre än ${k}).`,
    ],
    tables: [],
  };
  // Single and multi choice have no mean or share: their figures are the distribution below, not a row of "–".
  const figureQs = qs.filter((q) => q.kind !== "single" && q.kind !== "multi");
  // Last year's column only when there is a last year to print (a column of "–" is deleted by hand).
  const withPrev = !!prev;
  // The share's column is named by what it holds: the evaluation's only share is question 6's "ja" (002: "94 % ja").
  const frequencies = qs.some((q) => q.kind === "frequency6");
  const shareHead = frequencies ? "Andel positiva / ja" : "Andel ja";
  const figures: ReportSection = {
    heading: "Resultat per fråga",
    paragraphs: [`Medelvärde och median för skalfrågor, ${frequencies ? "andel positiva för frekvensfrågor och " : ""}andel ja för ja/nej-frågor.`],
    tables: [{
      caption: `Resultat per fråga ${year}`,
      head: ["Fråga", "Antal svar", "Medelvärde", "Median", shareHead, ...(withPrev ? [`${shareHead} ${year - 1}`] : [])],
      kinds: ["text", "integer", "decimal", "median", "percent", ...(withPrev ? ["percent" as const] : [])],
      rows: figureQs.map((q) => {
        const x = v.results[q.id];
        const p = prev?.results[q.id];
        return [qLabel(q), fig(x, (s) => s.n), fig(x, (s) => s.mean), fig(x, (s) => s.median), fig(x, positive), ...(withPrev ? [fig(p, positive)] : [])];
      }),
    }],
    // No chart of the share yes: the evaluation has one ja/nej question (6), and a chart of one bar says nothing that
    // its row above does not; 002 prints it as a figure beside the question ("94 % ja"). A questionnaire with two or
    // more such questions (a förbund's own copy) gets the chart.
    charts: [
      ...(shareQs.length >= MIN_BARS ? [{
        title: `Andel positiva eller ja per fråga ${year}`,
        alt: `Stapeldiagram: ${shareQs.map((q) => `fråga ${questionNumber(q.id)} ${hidden(v.results[q.id]) ? "för få svar" : formatPercent(positive(v.results[q.id] as Extract<QuestionResult, { suppressed: false }>))}`).join(", ")}.`,
        labels: shareQs.map((q) => questionNumber(q.id)),
        series: [{ label: String(year), values: shareQs.map((q) => { const x = v.results[q.id]; return x && !x.suppressed ? positive(x) : null; }) }],
        percent: true,
      }] : []),
      ...(meanQs.length >= MIN_BARS ? [{
        title: `Medelvärde per skalfråga ${year}`,
        alt: `Stapeldiagram över medelvärdet per skalfråga ${year} på skalan upp till ${Math.max(...meanQs.map(scaleTop))}: ${meanQs.map((q) => `fråga ${questionNumber(q.id)} ${hidden(v.results[q.id]) ? "för få svar" : formatDecimal((v.results[q.id] as Extract<QuestionResult, { suppressed: false }>).mean)}`).join(", ")}.`,
        labels: meanQs.map((q) => questionNumber(q.id)),
        series: [{ label: String(year), values: meanQs.map((q) => { const x = v.results[q.id]; return x && !x.suppressed ? x.mean : null; }) }],
        max: Math.max(...meanQs.map(scaleTop)),
      }] : []),
    ],
  };
  const distribution: ReportSection = {
    heading: "Fördelning per svarsalternativ",
    paragraphs: ["Antal och andel för varje svarsalternativ. Andelen räknas av dem som svarat på frågan; vet inte står för sig."],
    tables: [distributionTable(`Fördelning per svarsalternativ ${year}`, qs, v)],
  };
  const goals: ReportSection = {
    heading: "Måluppfyllelse",
    paragraphs: r.goals.length ? [] : ["Inga mål är satta för utvärderingen i år."],
    tables: r.goals.length ? [goalsTable(`Mål för samverkan ${year}`, r.goals)] : [],
  };
  return { title, subtitle: forbund, forbund, year, rules: thresholdRules(k), sections: [about, figures, distribution, textsSection(questionsOf(v.definition), r.texts, texts), goals] };
}

// ——— Avvikelser ———

const tallyTable = (caption: string, first: string, t: Record<string, number>): ReportTable => ({
  caption, head: [first, "Ärenden"], kinds: ["text", "integer"], rows: Object.entries(t).map(([k, n]) => [k, n]),
});

/**
 * Bilaga 6. `rules` is the förbund's own rule for allvarlig and mindre allvarlig (its deviation
 * settings), printed beside the counts so a reader knows what the split means (002 defines it).
 */
export function avvikelserBilaga(forbund: string, year: number, k: number, a: Analysis, texts: BilagaTexts = {}, rules?: SeverityRules): ReportModel {
  const analysis = textLines(texts.analys ?? "");
  const units: Cell[][] = Object.entries(a.byUnit).flatMap(([party, t]) => Object.entries(t).map(([unit, n]) => [party, unit, n]));
  const title = `Bilaga 6 Avvikelser i samverkan – sammanställning och analys ${year}`;
  const analysisSection: ReportSection[] = analysis.length ? [{
    heading: "Analys",
    paragraphs: ["Samverkanskoordinatorns analys av årets avvikelser."],
    tables: [{ caption: `Samverkanskoordinatorns analys ${year}`, head: ["Analys"], rows: analysis.map((l) => [l]), prose: "text" as const }],
  }] : [];
  // A year without cases is one sentence, not a page of empty and zero tables to delete by hand.
  if (!a.total) {
    return {
      title, subtitle: forbund, forbund, year, rules: thresholdRules(k),
      sections: [{
        heading: "Avvikelser",
        paragraphs: [
          `Inga avvikelser rapporterades ${year} (${formatInteger(a.previousYear)} året före)${a.rejected ? `; ${plural(a.rejected, "anmälan", "anmälningar")} avvisades` : ""}.`,
          NOTHING_TO_REPORT,
        ],
        tables: [],
      }, ...analysisSection],
    };
  }
  return {
    title, subtitle: forbund, forbund, year, rules: thresholdRules(k),
    sections: withoutEmptyTables([
      {
        heading: "Antal ärenden och allvarlighet",
        paragraphs: [
          `${formatInteger(a.total)} avvikelser rapporterades ${year} (${formatInteger(a.previousYear)} året före).`,
          ...(rules ? [`Allvarlig avvikelse: ${rules.allvarlig}`, `Mindre allvarlig avvikelse: ${rules.mindreAllvarlig}`] : []),
        ],
        tables: [{
          caption: `Avvikelser ${year} jämfört med ${year - 1}`, head: ["Uppgift", "Antal"], kinds: ["text", "integer"],
          rows: [
            ["Ärenden", a.total], [`Ärenden ${year - 1}`, a.previousYear], ["Avvisade", a.rejected],
            ["Allvarliga", a.bySeverity.allvarlig], ["Mindre allvarliga", a.bySeverity.mindreAllvarlig],
            ["Första gången", a.byFrequency.forstaGangen], ["Hänt förut", a.byFrequency.hantForut],
            ["Återkommande", a.byFrequency.aterkommande], ["Okänd frekvens", a.byFrequency.okand], ["Lyfta vidare", a.lifted],
          ],
        }],
      },
      {
        heading: "Berörda parter och enheter",
        paragraphs: [],
        tables: [
          tallyTable(`Berörda parter ${year}`, "Part", a.byParty),
          { caption: `Berörda enheter ${year}`, head: ["Part", "Enhet", "Ärenden"], kinds: ["text", "text", "integer"], rows: units },
          tallyTable(`Kommunområden ${year}`, "Kommunområde", a.byArea),
        ],
      },
      {
        heading: "Orsaker och konsekvenser",
        paragraphs: [],
        tables: [tallyTable(`Orsaker ${year}`, "Orsak", a.byCause), tallyTable(`Konsekvenser ${year}`, "Konsekvens", a.byConsequence)],
      },
      {
        heading: "Lösningar och åtgärder",
        paragraphs: [],
        tables: [
          { caption: `Förslag till lösning ${year}`, head: ["Förslag"], rows: onceEach(a.proposals) },
          { caption: `Vidtagna åtgärder ${year}`, head: ["Åtgärd"], rows: onceEach(a.actions) },
        ],
      },
      {
        heading: "Svarstider",
        // No request for an answer fell due: a sentence, not a table of 0 and "–".
        paragraphs: a.requestsDue ? [] : [`Ingen begäran om svar till parterna förföll eller besvarades ${year}.`],
        tables: a.requestsDue === 0 ? [] : [{
          // A count prints as a whole number ("1", not "1,0"); a median of days only has a decimal when it is a half.
          caption: `Svar från parterna ${year}`, head: ["Uppgift", "Värde"], kinds: ["text", "integer"],
          rows: [
            ["Begäran om svar som förfallit eller besvarats", a.requestsDue],
            ["Andel besvarade i tid", a.answeredWithinDeadline === null ? null : formatPercent(a.answeredWithinDeadline)],
            ["Median svarstid (dagar)", a.medianAnswerDays === null || Number.isInteger(a.medianAnswerDays) ? a.medianAnswerDays : formatDecimal(a.medianAnswerDays, 1)],
          ],
        }],
      },
    ]).concat(analysisSection),
  };
}

/** What a section with nothing in it says. */
export const NOTHING_TO_REPORT = "Inget att redovisa.";
const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** Tables without rows left out (no empty table to delete by hand); a section left with nothing says so. */
const withoutEmptyTables = (sections: ReportSection[]): ReportSection[] => sections.map((sec) => {
  const tables = sec.tables.filter((t) => t.rows.length);
  return { ...sec, tables, paragraphs: tables.length || sec.paragraphs.length ? sec.paragraphs : [NOTHING_TO_REPORT] };
});

// ——— Tabell måluppfyllelse ———

export function maluppfyllelseBilaga(forbund: string, year: number, k: number, goals: GoalOutcome[], interventions: { id: string; name: string }[]): ReportModel {
  const name = (id: string | null) => (id ? interventions.find((i) => i.id === id)?.name ?? "Okänd insats" : "Förbundet");
  const scopes = [null, ...interventions.map((i) => i.id)].filter((id) => goals.some((g) => g.goal.interventionId === id));
  return {
    title: `Bilaga 2 Tabell måluppfyllelse ${year}`, subtitle: forbund, forbund, year, rules: thresholdRules(k),
    sections: scopes.length ? scopes.map((id) => ({
      heading: name(id), paragraphs: [],
      tables: [goalsTable(`Måluppfyllelse ${year}: ${name(id)}`, goals.filter((g) => g.goal.interventionId === id))],
    })) : [{ heading: "Mål", paragraphs: [`Inga mål är satta för ${year}.`], tables: [] }],
  };
}

// ——— Indikatorenkäter per insats ———

export type IndicatorGroup = { interventionId: string; intervention: string; respondentGroup: string | null; results: Results };

/**
 * The key of a free-text question's summary in an indicator group (report_texts.key): insats, questionnaire,
 * respondent group and question, joined with "_" (none of them holds one), so that it is also a form field's name.
 */
export const indicatorTextKey = (interventionId: string, questionnaireId: string, respondentGroup: string | null, questionId: string) =>
  [interventionId, questionnaireId, respondentGroup || "alla", questionId].join("_");

/**
 * The free text of an indicator group: per question, the förbund's summary (if written) above the grouped
 * answers; the summary is one row marked as a lead (printed as a paragraph, not a bullet), the answers one row each.
 */
function indicatorTexts(g: IndicatorGroup, texts: BilagaTexts): ReportTable | null {
  const v = g.results.view;
  const rows: Cell[][] = [];
  const leads: number[] = [];
  for (const q of questionsOf(v.definition).filter((x) => x.kind === "text")) {
    const summary = textLines(texts[indicatorTextKey(g.interventionId, v.questionnaireId, g.respondentGroup, q.id)] ?? "");
    if (summary.length) { leads.push(rows.length); rows.push(summaryRow(qLabel(q), summary)); }
    const t = g.results.texts.find((x) => x.question.id === q.id && x.part === "answer");
    if (!t || !t.texts) rows.push([qLabel(q), SUPPRESSED_TEXT]);
    else if (!t.texts.length) rows.push([qLabel(q), "Inga svar."]);
    else for (const line of t.texts) rows.push([qLabel(q), textLine(line)]);
  }
  if (!rows.length) return null;
  const group = groupName(g);
  return { caption: `Fritextsvar: ${g.intervention}, ${group}`, sheet: `${g.intervention} fritext`, head: ["Fråga", "Svar"], rows, prose: "list", leads };
}

const groupName = (g: IndicatorGroup) => (g.respondentGroup ? respondentGroups[g.respondentGroup as RespondentGroup] ?? g.respondentGroup : "Alla svarsgrupper");

/** How many of those asked have answered, per insats and respondent group: a table of its own, so that it is in every format. */
function responseRatesSection(year: number, groups: IndicatorGroup[]): ReportSection {
  return {
    heading: "Svarsfrekvens",
    paragraphs: [
      "Hur många av dem som tillfrågades som har svarat, där antalet tillfrågade är känt: personliga inbjudningar, eller deltagarna i insatsen under året enligt insatsrapporten.",
      "Svarsfrekvensen visas bara när svaren når rapporteringsgränsen och när antalet tillfrågade räcker till alla svar.",
    ],
    tables: [{
      caption: `Svarsfrekvens per insats ${year}`,
      head: ["Insats", "Svarsgrupp", "Svar", "Tillfrågade", "Svarsfrekvens", "Tillfrågade enligt"],
      kinds: ["text", "text", "integer", "integer", "percent", "text"],
      rows: groups.map((g) => {
        const r = g.results.responseRate;
        const n = g.results.view.n >= g.results.k ? g.results.view.n : SUPPRESSED_TEXT;
        return r ? [g.intervention, groupName(g), r.answered, r.asked, r.share, r.basisText] : [g.intervention, groupName(g), n, null, null, "Okänt"];
      }),
    }],
  };
}

export function indikatorBilaga(forbund: string, year: number, k: number, groups: IndicatorGroup[], texts: BilagaTexts = {}): ReportModel {
  const sections: ReportSection[] = groups.map((g) => {
    const v = g.results.view;
    const prev = g.results.previous;
    const all = questionsOf(v.definition).filter((q) => q.kind === "frequency6" || q.kind === "yesno");
    // A need question (4a) has no good or bad answer: in the distribution, not in the share positive or under the line.
    const qs = all.filter((q) => judgedByShare(v.questionnaireId, q));
    const needs = all.filter((q) => !qs.includes(q));
    const group = groupName(g);
    const rate = g.results.responseRate;
    const reached = (r: QuestionResult | undefined): Cell => (hidden(r) ? SUPPRESSED_TEXT : (positive(r as Extract<QuestionResult, { suppressed: false }>) ?? 0) >= POSITIVE_LINE ? "Ja" : "Nej");
    const free = indicatorTexts(g, texts);
    return {
      heading: `${g.intervention}: ${group}`,
      paragraphs: [
        `${tr(v.definition.title, "sv")}. ${v.n >= k ? `${formatInteger(v.n)} svar ${year}` : `För få svar för att redovisa ${year}`}` +
        `${prev ? (prev.n >= k ? `, ${formatInteger(prev.n)} svar ${year - 1}` : `, för få svar ${year - 1}`) : ""}.`,
        ...(rate ? [`Svarsfrekvens: ${responseRateText(rate)} har svarat (${rate.basisText}).`] : []),
        ...nonNational(v.definition),
        ...(needs.length ? [`${needs.length === 1 ? "Fråga" : "Frågorna"} ${needs.map((q) => questionNumber(q.id)).join(", ")} gäller behov, inte hur stödet upplevs: de redovisas i fördelningen men ingår inte i andelen positiva eller målet om ${formatPercent(POSITIVE_LINE)}.`] : []),
      ],
      tables: [{
        caption: `Andel positiva per fråga: ${g.intervention}, ${group} ${year}`, sheet: `${g.intervention} andel positiva`,
        head: ["Fråga", "Antal svar", `Andel positiva ${year}`, `Andel positiva ${year - 1}`, `Når ${formatPercent(POSITIVE_LINE)}`],
        kinds: ["text", "integer", "percent", "percent", "text"],
        rows: qs.map((q) => {
          const x = v.results[q.id];
          return [qLabel(q), fig(x, (s) => s.n), fig(x, positive), prev ? fig(prev.results[q.id], positive) : null, reached(x)];
        }),
      }, { ...distributionTable(`Fördelning per svarsalternativ: ${g.intervention}, ${group} ${year}`, all, v), sheet: `${g.intervention} fördelning` }, ...(free ? [free] : [])],
      charts: qs.length ? [{
        title: `Andel positiva per fråga: ${g.intervention}, ${group}`,
        alt: `Stapeldiagram: andel positiva per fråga ${year} bredvid ${year - 1} mot linjen ${formatPercent(POSITIVE_LINE)}; frågor under rapporteringsgränsen saknar stapel.`,
        labels: qs.map((q) => questionNumber(q.id)),
        series: [
          { label: String(year), values: qs.map((q) => { const x = v.results[q.id]; return x && !x.suppressed ? positive(x) : null; }) },
          ...(prev ? [{ label: String(year - 1), values: qs.map((q) => { const x = prev.results[q.id]; return x && !x.suppressed ? positive(x) : null; }) }] : []),
        ],
        percent: true,
        line: { label: `Mål ${formatPercent(POSITIVE_LINE)}`, value: POSITIVE_LINE },
      }] : [],
    };
  });
  if (sections.length) sections.push(responseRatesSection(year, groups));
  return {
    title: `Indikatorenkäter per insats ${year}`, subtitle: forbund, forbund, year,
    rules: [...thresholdRules(k), `Målet för indikatorfrågorna är att minst ${formatPercent(POSITIVE_LINE)} svarar positivt.`],
    sections: sections.length ? sections : [{ heading: "Indikatorenkäter", paragraphs: [`Inga indikatorenkäter gjordes ${year}.`], tables: [] }],
  };
}
