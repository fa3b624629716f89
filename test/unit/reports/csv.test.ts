/**
 * The one CSV writer (reports/render/csv.ts, csv-stringify) and its one rule against formula injection,
 * checked on every CSV export: the results of an insamling or a year, the four bilagor and Statistik.
 */
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { renderCsv } from "../../../server/reports/render/csv.js";
import { csvDocument, decimal } from "../../../server/spreadsheet.js";
import { resultsCsv } from "../../../server/results/present.js";
import { avvikelserBilaga, indikatorBilaga, maluppfyllelseBilaga, samverkanBilaga } from "../../../server/reports/build.js";
import { statistikBilaga } from "../../../server/socioeconomics/bilaga.js";
import { DEFAULT_SCHABLON } from "../../../server/socioeconomics/socioeconomics.pure.js";
import { attendanceGoal } from "../../../server/goals/report-metrics.pure.js";
import { findSurvey } from "../../../surveys/index.js";
import { questionsOf } from "../../../surveys/define.js";
import { SUPPRESSED_TEXT, suppressedResult, type QuestionResult } from "../../../server/results/threshold.js";
import type { View } from "../../../server/results/service.js";
import type { GoalOutcome, ResultsWithGoals } from "../../../server/goals/service.js";
import type { Analysis } from "../../../server/deviations/analysis.pure.js";
import type { Statistik } from "../../../server/socioeconomics/service.js";

const FORMULA = "=HYPERLINK(\"http://ond.example\",\"Klicka\")";
const DANGER = [FORMULA, "+46 70 123", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"];

/** Every field of a CSV document that a spreadsheet would run as a formula (a negative figure is a number, not a formula). */
function unsafeFields(csv: string): string[] {
  const rows: string[][] = parse(csv, { bom: true, delimiter: ";", relax_column_count: true, skip_empty_lines: true });
  return rows.flat().filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-\d+(,\d+)?$/.test(f));
}

describe("CSV-skrivaren", () => {
  it("när ett dokument skrivs så har det BOM, semikolon, CRLF och citat enligt RFC 4180", () => {
    expect(csvDocument([["a", "b;c"], ["1", "2"]])).toBe('\uFEFFa;"b;c"\r\n1;2\r\n');
    expect(csvDocument([["rad 1\nrad 2", "a\rb"]])).toBe('\uFEFF"rad 1\nrad 2";"a\rb"\r\n');
    expect(csvDocument([['sa "hej"', "rad 1\r\nrad 2", " kant ", null, undefined, ""]])).toBe('\uFEFF"sa ""hej""";"rad 1\r\nrad 2";" kant ";;;\r\n');
    expect(csvDocument([["Rubrik"], [], ["a", "b"]])).toBe("\uFEFFRubrik\r\n\r\na;b\r\n");
  });

  it("när en text börjar som en formel så får den en apostrof före, för vart och ett av = + - @ tabb och CR", () => {
    const rows = parse(csvDocument([DANGER]), { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(DANGER.map((d) => `'${d}`));
    expect(csvDocument([["Text med = inuti", "–3 (tankstreck)"]])).toBe("\uFEFFText med = inuti;–3 (tankstreck)\r\n");
  });

  it("när en siffra skrivs så lämnas den orörd: decimalkomma, inga tusentalsavgränsare, avrundning uppåt vid exakt hälft, negativa tal utan apostrof", () => {
    expect(csvDocument([[12345, -2_011_200, 6.5, decimal(6.5, 2), decimal(12345.678, 2), decimal(0.945 * 100, 1), decimal(189 / 200 * 100, 0), decimal(-2.25, 1), decimal(null, 1)]]))
      .toBe("\uFEFF12345;-2011200;6,5;6,50;12345,68;94,5;95;-2,3;\r\n");
  });
});

describe("formler i varje CSV-export", () => {
  it("när en enkätfråga heter som en formel så neutraliseras den i resultatens CSV (insamling och år)", () => {
    const definition = structuredClone(findSurvey("indikator-deltagare-pagaende")!);
    const questions = questionsOf(definition);
    questions[0].text = { sv: FORMULA };
    questions[1].text = { sv: "-2+3" };
    const results: Record<string, QuestionResult> = Object.fromEntries(questions.map((q) => [q.id, suppressedResult(q.kind)]));
    results[questions[1].id] = { kind: "frequency6", suppressed: false, n: 5, dontKnow: 0, counts: { ofta: 5 }, mean: 4, median: 4, sharePositive: 1, shareYes: null, options: null } as QuestionResult;
    const csv = resultsCsv({ definition, results } as unknown as View);
    expect(csv).toContain(`"'=HYPERLINK(""http://ond.example"",""Klicka"")";${SUPPRESSED_TEXT}`);
    expect(csv).toContain("2;'-2+3;;;;5;0;4,00;4,0;100,0;\r\n");
    expect(unsafeFields(csv)).toEqual([]);
  });

  it("när en bilaga har text som börjar som en formel så neutraliseras den i bilagans CSV, i alla fyra bilagorna", () => {
    // Where a formula-like text can start a cell: free text, summaries, the analysis, tallies by party or cause, goals, collection names.
    const definition = findSurvey("samverkan-utvardering")!;
    const qs = questionsOf(definition);
    const texts = qs.filter((q) => q.kind === "text").map((question, i) => ({ question, part: "answer" as const, texts: [DANGER[i % DANGER.length], ...DANGER].map((text) => ({ text, count: 1 })), total: 7, someHidden: false }));
    const results = {
      k: 5, org: {}, previous: null, goals: [], texts, snapshot: { released: 5, waiting: 0, nextAfter: 5, invitationsWaiting: 0 },
      view: {
        year: 2026, questionnaireId: definition.id, definition, n: 5, partial: 0, answered: new Map(),
        results: Object.fromEntries(qs.map((q) => [q.id, suppressedResult(q.kind)])),
        collections: [{ name: FORMULA, opensOn: null, closesOn: null }],
      },
    } as unknown as ResultsWithGoals;
    const goal = (text: string) => ({
      goal: { text, comment: "@kommentar", interventionId: null, rule: null }, verdict: "uppfyllt", label: "Uppfyllt", ruleText: null, value: null, threshold: null, figures: [], figuresText: "+1",
    }) as unknown as GoalOutcome;
    const analysis: Analysis = {
      total: 1, rejected: 0, bySeverity: { allvarlig: 1, mindreAllvarlig: 0 }, byFrequency: { forstaGangen: 1, hantForut: 0, aterkommande: 0, okand: 0 },
      byParty: { [FORMULA]: 1 }, byUnit: { [FORMULA]: { "-enhet": 1 } }, byArea: { "@område": 1 }, byCause: { "+orsak": 1 }, byConsequence: { "\tföljd": 1 },
      proposals: [FORMULA], actions: ["-åtgärd"], requestsDue: 0, answeredWithinDeadline: null, medianAnswerDays: null, lifted: 0, previousYear: 0,
    };
    const models = [
      samverkanBilaga(FORMULA, 2026, 5, results, { [qs[0].id]: FORMULA }),
      avvikelserBilaga(FORMULA, 2026, 5, analysis, { analys: `${FORMULA}\n-rad två` }),
      maluppfyllelseBilaga(FORMULA, 2026, 5, [goal(FORMULA), goal("-minus")], []),
      indikatorBilaga(FORMULA, 2026, 5, [{ interventionId: "x", intervention: FORMULA, respondentGroup: null, results }]),
    ];
    for (const m of models) {
      const csv = renderCsv(m);
      // The indikator bilaga names the insats only inside a caption, where it cannot start a cell.
      expect(csv, m.title).toContain(m.title.startsWith("Indikator") ? "=HYPERLINK" : "'=HYPERLINK");
      expect(unsafeFields(csv), m.title).toEqual([]);
    }
  });

  it("när en insats heter som en formel så neutraliseras den i Statistik-bilagans CSV, men en negativ differens förblir ett tal", () => {
    const zero = { women: 0, men: 0, other: 0 };
    const row = (name: string, funding: number | null) => ({
      id: name, name, reported: true, participants: 1, participantsByGender: zero, newParticipants: 0, finished: 0, finishedByGender: zero,
      finishedByOutcome: { arbete: 0, studier: 0, annat: 0 }, toWorkOrStudies: 0, toWorkOrStudiesByGender: zero, shareToWorkOrStudies: null,
      efterstod: 0, socioeconomicEffect: 0, funding, difference: funding === null ? null : -funding,
    });
    const s: Statistik = {
      year: 2024, forbundName: FORMULA, schablon: { ...DEFAULT_SCHABLON }, schablonIsDefault: false,
      rows: [...DANGER.map((d) => row(d, null)), row("IT-spåret", 2_400_000)], attendance: { year: 2024, groups: [], goal: attendanceGoal([]), goalId: null },
    };
    const csv = renderCsv(statistikBilaga(s));
    expect(csv).toContain(`"'=HYPERLINK(""http://ond.example"",""Klicka"")";0;0;;`);
    expect(csv).toContain("IT-spåret;0;0;2400000;-2400000");
    expect(unsafeFields(csv)).toEqual([]);
  });
});
