/** What the deviation pages and the API show: labels, Swedish dates and numbers, and the JSON contracts. */
import { maskPii } from "../privacy/pii.js";
import type { FieldErrors } from "../http/forms.js";
import { groupTexts, type Analysis, type Tally } from "./analysis.pure.js";
import { liftLabels, statusLabels, type Frequency, type LiftTarget, type Severity, type Status } from "./cases.pure.js";
import type { CaseDetail, CaseSummary, Codes, FollowView, Organisation, RetentionAcceptance, SeverityRules } from "./service.js";
import type { ImportedCase } from "./import.pure.js";
import { deviationCatalogs, deviationWords, type DeviationKey, type DeviationWords } from "./words.js";

export { statusLabels };

export const severityLabels: Record<Severity, string> = { allvarlig: "Allvarlig", mindre_allvarlig: "Mindre allvarlig" };
export const frequencyLabels: Record<Frequency, string> = { forsta_gangen: "Första gången", hant_forut: "Har hänt förut", aterkommande: "Återkommande" };
/** The two severities, each with the förbund's own rule as its hint. */
export const severityChoices = (rules: SeverityRules) => [
  { value: "allvarlig", label: "Allvarlig", hint: rules.allvarlig },
  { value: "mindre_allvarlig", label: "Mindre allvarlig", hint: rules.mindreAllvarlig },
];
export const frequencyChoices = Object.entries(frequencyLabels).map(([value, label]) => ({ value, label }));
export const statusChoices = Object.entries(statusLabels).map(([value, label]) => ({ value, label }));
export const liftChoices = (Object.entries(liftLabels) as [LiftTarget, string][]).map(([value, label]) => ({ value, label: label[0].toUpperCase() + label.slice(1) }));
export const monthNames = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/** "mars 2024" for "2024-03". */
export const monthText = (ym: string) => `${monthNames[Number(ym.slice(5, 7)) - 1] ?? ""} ${ym.slice(0, 4)}`;

const stockholm = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
/** "2024-03-05 14:07", Swedish time. */
export const dateTime = (d: Date) => stockholm.format(d);
const one = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });
/** "12,5". */
export const decimal = (n: number) => one.format(n);
/** "75 %". */
export const percent = (share: number) => `${Math.round(share * 100)}\u00a0%`;

const str = (v: unknown) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v.at(-1) ?? "") : String(v));
const list = (v: unknown): string[] => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The report form's values: defaults for a new form, or everything the user typed. */
export function reportFormValues(body: Record<string, unknown> | undefined, today: string) {
  const b = body ?? {};
  const units: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (k.startsWith("concernedUnit_")) units[k.slice("concernedUnit_".length)] = str(v);
  return {
    occurredMonthNumber: body ? str(b.occurredMonthNumber) : String(Number(today.slice(5, 7))),
    occurredYear: body ? str(b.occurredYear) : today.slice(0, 4),
    areaId: str(b.areaId), interventionId: str(b.interventionId),
    reporterPartyId: str(b.reporterPartyId), reporterUnitId: str(b.reporterUnitId), reporterRole: str(b.reporterRole),
    reporterName: str(b.reporterName), reporterEmail: str(b.reporterEmail),
    concerned: list(b.concerned), concernedUnits: units,
    description: str(b.description), consequences: list(b.consequences), consequenceOther: str(b.consequenceOther),
    causes: list(b.causes), causeOther: str(b.causeOther), proposal: str(b.proposal), actionTaken: str(b.actionTaken),
    severity: str(b.severity), frequency: str(b.frequency), confirm: str(b.confirm),
  };
}

/** The service names problems like the API ("reporter.partyId", "concerned.0.unitId"); the form has its own field names. */
export function formErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  const field = (k: string) => k === "reporter.partyId" ? "reporterPartyId" : k === "reporter.unitId" ? "reporterUnitId"
    : k === "reporter.role" ? "reporterRole" : k.startsWith("concerned") ? "concerned" : k === "occurredMonth" ? "occurredMonthNumber" : k;
  for (const [k, v] of Object.entries(errors)) out[field(k)] ??= v;
  return out;
}

/** Problems as the API's issues list. */

/** The years offered on the form: this year and the two before. */
export const yearChoices = (today: string) => [0, 1, 2].map((n) => String(Number(today.slice(0, 4)) - n));

/**
 * The public form's choices, from the förbund's organisation and codes, with the labels in the form's language.
 * The förbund's own texts (its codes, its severity rules) are in Swedish: on a page in another language they
 * carry lang="sv", so that a screen reader reads them as Swedish.
 */
export function formChoices(org: Organisation, codes: Codes, today: string, rules: SeverityRules, w: DeviationWords = deviationWords("sv")) {
  const own = w.htmlLang === "sv" ? undefined : "sv";
  const coded = (list: Codes["causes"]) => list.map((c) => ({ value: c.code, label: c.label, lang: own }));
  return {
    areas: org.areas, parties: org.parties, interventions: org.interventions.map((i) => ({ id: i.id, name: i.name })),
    causeChoices: coded(codes.causes), consequenceChoices: coded(codes.consequences),
    months: w.months.map((name, i) => ({ value: String(i + 1), label: name })), years: yearChoices(today),
    severityChoices: severityChoices(rules).map((c) => ({ ...c, label: w.t(c.value as Severity), hintLang: own })),
    frequencyChoices: frequencyChoices.map((c) => ({ ...c, label: w.t(c.value as Frequency) })),
  };
}

const concernedText = (c: CaseSummary["concerned"]) => c.map((x) => (x.unitName ? `${x.partyName} (${x.unitName})` : x.partyName)).join(", ");

/** A row of the staff list. */
export function caseRow(c: CaseSummary) {
  return {
    id: c.id, caseNumber: c.caseNumber, reportedOn: c.reportedOn, occurred: monthText(c.occurredMonth), areaName: c.areaName ?? "–",
    status: statusLabels[c.status], severity: severityLabels[c.severity], concerned: concernedText(c.concerned),
    answerDeadline: c.answerDeadline ?? "", overdue: c.overdue, effectDue: c.effectDue,
    lifted: c.liftedTo ? `${liftLabels[c.liftedTo as LiftTarget] ?? c.liftedTo} ${c.liftedOn ?? ""}`.trim() : "", decision: c.decision ? maskPii(c.decision) : "",
  };
}

/** An event as the staff page (Swedish) or the reporter's follow page (the reporter's language) names it. */
function eventLabel(e: { kind: string; fromStatus: Status | null; toStatus: Status | null }, w: DeviationWords = deviationWords("sv")) {
  if (e.kind === "status" && e.toStatus) return `${w.t("statusLabel")}: ${e.fromStatus ? `${w.status(e.fromStatus)} → ` : ""}${w.status(e.toStatus)}`;
  const key = `event.${e.kind}` as DeviationKey;
  return Object.hasOwn(deviationCatalogs.sv, key) ? w.t(key) : e.kind;
}

/** The case detail page. */
export function caseView(d: CaseDetail) {
  return {
    ...caseRow(d),
    intervention: d.interventionName ?? "–",
    reporter: [d.reporterPartyName, d.reporterUnitName, d.reporterRole].filter(Boolean).join(", ") || "–",
    reporterContact: [d.reporterName, d.reporterEmail].filter(Boolean).join(", "),
    description: maskPii(d.description),
    consequences: d.consequenceLabels.map(maskPii), causes: d.causeLabels.map(maskPii),
    proposal: d.proposal ? maskPii(d.proposal) : "", actionTaken: d.actionTaken ? maskPii(d.actionTaken) : "",
    frequency: d.frequency ? frequencyLabels[d.frequency] : "Ej angivet",
    statusValue: d.status, statusReason: d.statusReason ? maskPii(d.statusReason) : "",
    closedOn: d.closedOn ?? "", liftNote: d.liftNote ? maskPii(d.liftNote) : "",
    effectFollowUpOn: d.effectFollowUpOn ?? "", effectWorked: d.effectWorked === null ? "" : d.effectWorked ? "ja" : "nej",
    effectNote: d.effectNote ?? "", analysisNote: d.analysisNote ?? "",
    publicSummary: d.publicSummary ?? "", publicSummaryApproved: d.publicSummaryApproved,
    anonymised: !!d.anonymisedOn,
    concernedPartyIds: [...new Set(d.concerned.map((c) => c.partyId))],
    requests: d.requests.map((q) => ({
      id: q.id, partyName: q.partyName, contactEmail: q.contactEmail, requestedOn: q.requestedOn, deadline: q.deadline,
      answeredOn: q.answeredOn ?? "", answer: q.answer ? maskPii(q.answer) : "", approved: q.approved, overdue: q.overdue, remindedOn: q.remindedOn ?? "",
    })),
    events: d.events.map((e) => ({
      at: dateTime(e.at), label: eventLabel(e), actor: e.actorLabel, note: e.note ? maskPii(e.note) : "", visible: e.visibleToReporter,
    })),
  };
}

/** What the reporter's follow-up page shows, its labels in the reporter's language. */
export function followPage(f: FollowView, w: DeviationWords = deviationWords("sv")) {
  return {
    caseNumber: f.caseNumber, status: w.status(f.status), reportedOn: f.reportedOn,
    statusReason: f.statusReason ? maskPii(f.statusReason) : "", decision: f.decision ? maskPii(f.decision) : "",
    answers: f.answers.map((a) => ({ ...a, answer: maskPii(a.answer) })),
    events: f.events.map((e) => ({ at: dateTime(e.at).slice(0, 10), label: eventLabel(e, w), note: e.note ? maskPii(e.note) : "" })),
  };
}

/**
 * What a party's answer page shows of the case, its labels in the page's language. The förbund's own codes
 * (consequences, causes) stay Swedish and carry lang="sv" on a page in another language, as on the form.
 */
export function answerCase(d: CaseDetail, w: DeviationWords = deviationWords("sv")) {
  const c = caseView(d);
  return {
    ...c, occurred: w.month(d.occurredMonth), severity: w.t(d.severity), frequency: d.frequency ? w.t(d.frequency) : w.t("notGiven"),
    ownLang: w.htmlLang === "sv" ? undefined : "sv",
  };
}

/** A published summary as the public page lists it: the month and status in the page's language. */
export const publishedRow = (s: { caseNumber: string; occurredMonth: string; status: Status; summary: string }, w: DeviationWords = deviationWords("sv")) =>
  ({ caseNumber: s.caseNumber, occurred: w.month(s.occurredMonth), status: w.status(s.status), summary: s.summary });

/** "Region 5 varav Psykiatri 3 och Annan specialistvård 1", as Bilaga 6 writes it. */
export function partyLine(party: string, n: number, units: Tally | undefined): string {
  const parts = Object.entries(units ?? {}).map(([u, k]) => `${u} ${k}`);
  if (!parts.length) return `${party} ${n}`;
  const joined = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} och ${parts.at(-1)}`;
  return `${party} ${n} varav ${joined}`;
}

const rows = (t: Tally) => Object.entries(t).map(([label, n]) => ({ label, n }));

/** The analysis page. */
export function analysisPage(a: Analysis, year: number) {
  const diff = a.total - a.previousYear;
  return {
    year, total: a.total, rejected: a.rejected, previousYear: a.previousYear,
    trend: a.previousYear === 0 && a.total === 0 ? "Inga avvikelser rapporterades något av åren."
      : diff === 0 ? `Lika många som ${year - 1} (${a.previousYear}).`
      : `${Math.abs(diff)} ${diff > 0 ? "fler" : "färre"} än ${year - 1} (${a.previousYear}).`,
    severity: [{ label: "Allvarlig", n: a.bySeverity.allvarlig }, { label: "Mindre allvarlig", n: a.bySeverity.mindreAllvarlig }],
    frequency: [
      { label: "Första gången", n: a.byFrequency.forstaGangen }, { label: "Har hänt förut", n: a.byFrequency.hantForut },
      { label: "Återkommande", n: a.byFrequency.aterkommande }, ...(a.byFrequency.okand ? [{ label: "Ej angivet", n: a.byFrequency.okand }] : []),
    ],
    parties: Object.entries(a.byParty).map(([label, n]) => ({ label, n, line: partyLine(label, n, a.byUnit[label]) })),
    areas: rows(a.byArea), causes: rows(a.byCause), consequences: rows(a.byConsequence),
    proposals: groupTexts(a.proposals).map((g) => ({ text: maskPii(g.text), cases: g.cases })),
    actions: groupTexts(a.actions).map((g) => ({ text: maskPii(g.text), cases: g.cases })),
    requestsDue: a.requestsDue,
    answeredWithinDeadline: a.answeredWithinDeadline === null ? "–" : percent(a.answeredWithinDeadline),
    medianAnswerDays: a.medianAnswerDays === null ? "–" : `${decimal(a.medianAnswerDays)} dagar`,
    lifted: a.lifted,
  };
}

/** One case in the API. The reporter's name and e-mail are for feedback only and never leave through the API. */
export function caseJson(d: CaseDetail) {
  return {
    ...caseSummaryJson(d),
    interventionId: d.interventionId,
    reporter: { partyId: d.reporterPartyId, unitId: d.reporterUnitId, role: d.reporterRole },
    description: d.description, consequences: d.consequences, consequenceOther: d.consequenceOther,
    causes: d.causes, causeOther: d.causeOther, proposal: d.proposal, actionTaken: d.actionTaken, frequency: d.frequency,
    statusReason: d.statusReason, decision: d.decision, closedOn: d.closedOn, liftedTo: d.liftedTo, liftedOn: d.liftedOn,
    effectFollowUpOn: d.effectFollowUpOn, effectWorked: d.effectWorked,
    requests: d.requests.map((q) => ({
      id: q.id, partyId: q.partyId, requestedOn: q.requestedOn, deadline: q.deadline, answeredOn: q.answeredOn, approved: q.approved, overdue: q.overdue,
    })),
    history: d.events.map((e) => ({ at: e.at.toISOString(), by: e.actorLabel, kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note })),
  };
}

export function caseSummaryJson(c: CaseSummary) {
  return {
    id: c.id, caseNumber: c.caseNumber, year: c.year, occurredMonth: c.occurredMonth, reportedOn: c.reportedOn,
    areaId: c.areaId, status: c.status, severity: c.severity, answerDeadline: c.answerDeadline, overdue: c.overdue,
    concerned: c.concerned.map((x) => ({ partyId: x.partyId, unitId: x.unitId })),
  };
}

/** The settings page's automatic retention: whether it is accepted (by whom, when) and today's dry run. */
export function retentionView(a: RetentionAcceptance, retentionMonths: number, cases: { id: string; caseNumber: string; closedOn: string | null; status: Status }[]) {
  const given = a.at ? `${a.by ?? "en administratör"} ${dateTime(a.at)}` : "";
  return {
    accepted: a.accepted,
    state: a.accepted ? `Godkänd av ${given} för en gallringsfrist på ${a.months} månader.`
      : a.stale ? `Inte godkänd: ${given} godkände gallring efter ${a.months} månader, men gallringsfristen är nu ${retentionMonths} månader. Granska listan och godkänn igen.`
        : "Inte godkänd: ärenden gallras bara när en administratör gör det för hand.",
    cases: cases.map((c) => ({ id: c.id, caseNumber: c.caseNumber, closedOn: c.closedOn ?? "", status: statusLabels[c.status] })),
  };
}

/** The import preview: each case as the list shows it (names and labels), its free texts masked and clipped. */
export function importPreview(cases: ImportedCase[], o: { org: Organisation; codes: Codes }) {
  const name = (list: { id: string; name: string }[], id: string | null) => list.find((x) => x.id === id)?.name ?? "";
  const party = (id: string) => o.org.parties.find((p) => p.id === id);
  const shown = cases.slice(0, 50).map((c) => ({
    line: c.line, year: c.year, reportedOn: c.reportedOn, area: name(o.org.areas, c.areaId),
    concerned: c.concerned.map((x) => [party(x.partyId)?.name, name(party(x.partyId)?.units ?? [], x.unitId)].filter(Boolean).join("/")).join(", "),
    severity: c.severity === "allvarlig" ? "Allvarlig" : "Mindre allvarlig", status: statusLabels[c.status],
    description: clipText(maskPii(c.description)),
  }));
  const years = [...new Set(cases.map((c) => c.year))].sort();
  return { rows: shown, total: cases.length, years };
}
const clipText = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
