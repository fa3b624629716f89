/**
 * Earlier cases from a förbund's own log (CSV, UTF-8, `;` or `,`), read against its organisation and codes:
 * every line becomes a case or a list of Swedish messages with its line number. No I/O; import.ts stores them.
 */
import { parse } from "csv-parse/sync";
import { detectDelimiter, startLine } from "../../surveys/csv.js";
import { piiMessage } from "../privacy/pii.js";
import { isDate } from "../dates.js";
import { closedStatuses, statusLabels, statuses, type Severity, type Status } from "./cases.pure.js";
import type { Code, Codes, Organisation } from "./settings.js";

/** The file's columns (header names, Swedish), and whether a line must fill it. */
export const importColumns = [
  { name: "ar", required: true, text: "Året ärendet räknas till (rapportåret), till exempel 2024" },
  { name: "rapporterad", required: false, text: "Datum då avvikelsen rapporterades, ÅÅÅÅ-MM-DD, inom året; tomt ger årets sista dag" },
  { name: "inträffade", required: false, text: "Månad då det hände, ÅÅÅÅ-MM; tomt ger rapportmånaden" },
  { name: "kommunområde", required: true, text: "Kommunområdets namn som i Samspår" },
  { name: "insats", required: false, text: "Insatsens namn (valfritt)" },
  { name: "rapportör_part", required: true, text: "Parten där den som rapporterade arbetar" },
  { name: "berörda_parter", required: true, text: "Parter åtskilda med |, var och en gärna Part/Enhet, till exempel Region/Psykiatri|Kommun" },
  { name: "beskrivning", required: true, text: "Vad som hände i samverkan – inga personuppgifter" },
  { name: "konsekvenser", required: true, text: "Koder eller texter åtskilda med |" },
  { name: "orsaker", required: true, text: "Koder eller texter åtskilda med |" },
  { name: "förslag", required: false, text: "Förslag på lösning (valfritt)" },
  { name: "åtgärd", required: false, text: "Vidtagen åtgärd (valfritt)" },
  { name: "allvarlighet", required: true, text: "allvarlig eller mindre allvarlig" },
  { name: "status", required: false, text: `${statuses.map((s) => statusLabels[s]).join(", ")}; tomt ger Avslutad` },
  { name: "beslut", required: false, text: "Beslutet (valfritt)" },
] as const;
type Column = (typeof importColumns)[number]["name"];

export type ImportedCase = {
  line: number; year: number; reportedOn: string; occurredMonth: string; areaId: string; interventionId: string | null;
  reporterPartyId: string; concerned: { partyId: string; unitId: string | null }[]; description: string;
  consequences: string[]; causes: string[]; proposal: string | null; actionTaken: string | null;
  severity: Severity; status: Status; decision: string | null; closedOn: string | null;
};
export type LineErrors = { line: number; errors: string[] };
export type ParsedImport = { cases: ImportedCase[]; rejected: LineErrors[] };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const byName = <T extends { name: string }>(list: T[], name: string) => list.find((x) => norm(x.name) === norm(name));
const split = (cell: string) => cell.split("|").map((s) => s.trim()).filter(Boolean);
const severities: Record<string, Severity> = { "allvarlig": "allvarlig", "mindre allvarlig": "mindre_allvarlig", "mindre_allvarlig": "mindre_allvarlig" };

function statusOf(cell: string): Status | undefined {
  const v = norm(cell);
  return statuses.find((s) => s === v.replace(/ /g, "_") || norm(statusLabels[s]) === v);
}

/** Codes from codes or labels; unknown ones are named in the message. */
function codesOf(cell: string, list: Code[], what: string, errors: string[]): string[] {
  const out: string[] = [];
  for (const part of split(cell)) {
    const found = list.find((c) => c.code === norm(part) || norm(c.label) === norm(part));
    if (found) out.push(found.code);
    else errors.push(`${what}: okänt värde ”${part}” – använd en kod eller text från listan under Inställningar för avvikelser.`);
  }
  if (!split(cell).length) errors.push(`${what} saknas: ange minst en, åtskilda med |.`);
  return [...new Set(out)];
}

/** One line of the file as a case, or its messages. */
function caseOf(cells: Record<Column, string>, line: number, org: Organisation, codes: Codes, today: string): ImportedCase | LineErrors {
  const errors: string[] = [];
  const yearText = cells.ar.trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const thisYear = Number(today.slice(0, 4));
  if (!(year >= 2000 && year <= thisYear)) errors.push(`ar: skriv rapportåret med fyra siffror, 2000–${thisYear}.`);
  let reportedOn = cells.rapporterad.trim() || `${year}-12-31`;
  if (cells.rapporterad.trim() && !isDate(reportedOn)) errors.push("rapporterad: skriv datumet som ÅÅÅÅ-MM-DD.");
  else if (!Number.isNaN(year) && reportedOn.slice(0, 4) !== String(year)) errors.push(`rapporterad: datumet ska ligga inom året ${yearText}.`);
  if (reportedOn > today) { errors.push("rapporterad: datumet har inte kommit än."); reportedOn = today; }
  const occurredMonth = cells.inträffade.trim() || reportedOn.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(occurredMonth)) errors.push("inträffade: skriv månaden som ÅÅÅÅ-MM.");
  else if (occurredMonth > reportedOn.slice(0, 7)) errors.push("inträffade: månaden ligger efter rapportdatumet.");

  const area = byName(org.areas, cells.kommunområde);
  if (!area) errors.push(`kommunområde: ”${cells.kommunområde.trim()}” finns inte i förbundet.`);
  const intervention = cells.insats.trim() ? byName(org.interventions, cells.insats) : undefined;
  if (cells.insats.trim() && !intervention) errors.push(`insats: ”${cells.insats.trim()}” finns inte i förbundet.`);
  const reporter = byName(org.parties, cells.rapportör_part);
  if (!reporter) errors.push(`rapportör_part: ”${cells.rapportör_part.trim()}” finns inte bland förbundets parter.`);

  const concerned: ImportedCase["concerned"] = [];
  for (const part of split(cells.berörda_parter)) {
    const [partyName, unitName] = part.split("/").map((s) => s.trim());
    const party = byName(org.parties, partyName);
    const unit = party && unitName ? byName(party.units, unitName) : undefined;
    if (!party) errors.push(`berörda_parter: ”${partyName}” finns inte bland förbundets parter.`);
    else if (unitName && !unit) errors.push(`berörda_parter: ${party.name} har ingen enhet ”${unitName}”.`);
    else if (!concerned.some((c) => c.partyId === party.id)) concerned.push({ partyId: party.id, unitId: unit?.id ?? null });
  }
  if (!split(cells.berörda_parter).length) errors.push("berörda_parter saknas: ange minst en part.");

  const consequences = codesOf(cells.konsekvenser, codes.consequences, "konsekvenser", errors);
  const causes = codesOf(cells.orsaker, codes.causes, "orsaker", errors);
  const severity = severities[norm(cells.allvarlighet)];
  if (!severity) errors.push("allvarlighet: skriv allvarlig eller mindre allvarlig.");
  const status = cells.status.trim() ? statusOf(cells.status) : "avslutad";
  if (!status) errors.push(`status: skriv en av ${statuses.map((s) => statusLabels[s]).join(", ")}.`);

  const text = (col: Column, max: number, required = false) => {
    const v = cells[col].trim();
    if (!v) { if (required) errors.push(`${col} saknas.`); return null; }
    if (v.length > max) errors.push(`${col}: högst ${max} tecken.`);
    const pii = piiMessage(v);
    if (pii) errors.push(`${col}: ${pii}`);
    return v;
  };
  const description = text("beskrivning", 10_000, true);
  const proposal = text("förslag", 3000), actionTaken = text("åtgärd", 3000), decision = text("beslut", 3000);

  if (errors.length) return { line, errors };
  return {
    line, year, reportedOn, occurredMonth, areaId: area!.id, interventionId: intervention?.id ?? null, reporterPartyId: reporter!.id,
    concerned, description: description!, consequences, causes, proposal, actionTaken, severity: severity!, status: status!, decision,
    closedOn: closedStatuses.includes(status!) ? reportedOn : null,
  };
}

/** Reads a whole file: the header names the columns (any order), then one case per line; empty lines are skipped. */
export function parseDeviationsCsv(text: string, org: Organisation, codes: Codes, today: string): ParsedImport {
  const body = text.replace(/^\uFEFF/, "");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ends in the file (csv-parse types only the plain shape).
    records = parse(body, { delimiter: detectDelimiter(body), relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 100_000 }) as unknown as typeof records;
  } catch (err) {
    return { cases: [], rejected: [{ line: (err as { lines?: number }).lines ?? 1, errors: ["Filen går inte att läsa som CSV: kontrollera citattecknen."] }] };
  }
  if (!records.length) return { cases: [], rejected: [{ line: 1, errors: ["Filen är tom: första raden ska vara en rubrikrad."] }] };
  const header = records[0].record.map((h) => norm(h));
  const known = importColumns.map((c) => c.name as string);
  const headerErrors = [
    ...header.filter((h) => h && !known.includes(h)).map((h) => `Okänd kolumn ”${h}”. Kolumnerna är: ${known.join(", ")}.`),
    ...importColumns.filter((c) => c.required && !header.includes(c.name)).map((c) => `Kolumnen ${c.name} saknas.`),
  ];
  if (headerErrors.length) return { cases: [], rejected: [{ line: 1, errors: headerErrors }] };
  const cases: ImportedCase[] = [], rejected: LineErrors[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((c) => !c.trim())) continue;
    const cells = Object.fromEntries(known.map((name) => [name, record[header.indexOf(name)] ?? ""])) as Record<Column, string>;
    const out = caseOf(cells, startLine(record, info.lines), org, codes, today);
    if ("errors" in out) rejected.push(out);
    else cases.push(out);
  }
  if (!cases.length && !rejected.length) rejected.push({ line: 2, errors: ["Filen har inga ärenden efter rubrikraden."] });
  return { cases, rejected };
}
