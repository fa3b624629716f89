import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  answerDeadline, answeredInTime, caseNumber, effectDateAllowed, isOverdue, monthNotInFuture,
  onMeetingList, reminderDue, retentionDue, statusChangeProblem,
} from "../../../server/deviations/cases.pure.js";
import { addDays, addMonths, daysBetween, isDate, swedishDate } from "../../../server/dates.js";

describe("ärendenummer", () => {
  it.each([
    [2024, 1, "AV-2024-001"],
    [2024, 7, "AV-2024-007"],
    [2024, 42, "AV-2024-042"],
    [2025, 999, "AV-2025-999"],
    [2025, 1000, "AV-2025-1000"],
  ])("när år %i och löpnummer %i så blir numret %s", (year, seq, want) => {
    expect(caseNumber(year, seq)).toBe(want);
  });

  it("när löpnumren ökar så sorteras numren i samma ordning upp till 999", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 998 }), (n) => caseNumber(2024, n) < caseNumber(2024, n + 1)));
  });
});

describe("datum i Sverige", () => {
  it.each([
    ["2024-03-15T10:00:00Z", "2024-03-15"],
    ["2024-03-15T23:30:00Z", "2024-03-16"], // after midnight in Stockholm (CET)
    ["2024-06-30T22:30:00Z", "2024-07-01"], // summer time (CEST)
    ["2024-12-31T22:59:00Z", "2024-12-31"],
  ])("när klockan är %s så är dagens datum %s", (iso, want) => {
    expect(swedishDate(new Date(iso))).toBe(want);
  });

  it.each([
    ["2024-03-15", 60, "2024-05-14"],
    ["2024-12-20", 14, "2025-01-03"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-03-31", -14, "2024-03-17"],
  ])("när %s plus %i dagar så blir det %s", (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
  });

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-08-31", 3, "2024-11-30"],
    ["2024-10-15", 3, "2025-01-15"],
    ["2027-03-15", -36, "2024-03-15"],
  ])("när %s plus %i månader så blir det %s", (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });

  it("när man lägger till dagar så är avståndet lika många dagar", () => {
    const date = fc.date({ min: new Date("2000-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(date, fc.integer({ min: -2000, max: 2000 }), (d, n) => daysBetween(d, addDays(d, n)) === n && isDate(addDays(d, n))));
  });

  it.each([["2024-02-29", true], ["2023-02-29", false], ["2024-13-01", false], ["2024-3-1", false]])("när datumet är %s så är det giltigt: %s", (d, ok) => {
    expect(isDate(d)).toBe(ok);
  });

  it.each([["2024-03", "2024-03-15", true], ["2024-04", "2024-03-31", false], ["2023-12", "2024-01-01", true]])(
    "när månaden är %s och i dag %s så är den inte i framtiden: %s", (m, today, ok) => {
      expect(monthNotInFuture(m, today)).toBe(ok);
    });
});

describe("svarstider med injicerad klocka", () => {
  const today = swedishDate(new Date("2024-03-15T09:00:00Z"));
  const request = answerDeadline(today, 60);

  it("när svar begärs 2024-03-15 med 60 dagars svarstid så är sista dag 2024-05-14", () => {
    expect(request).toBe("2024-05-14");
  });

  it.each([
    ["2024-05-14", null, false, "sista dagen är ännu i tid"],
    ["2024-05-15", null, true, "dagen efter är försenad"],
    ["2024-06-01", "2024-05-10", false, "besvarad är aldrig försenad"],
  ] as [string, string | null, boolean, string][])("när det är %s och svaret kom %s så är begäran försenad: %s (%s)", (now, answeredOn, overdue) => {
    expect(isOverdue({ requestedOn: today, deadline: request, answeredOn }, now)).toBe(overdue);
  });

  it.each([["2024-05-14", true], ["2024-05-15", false]])("när svaret kom %s så är det i tid: %s", (answeredOn, ok) => {
    expect(answeredInTime({ requestedOn: today, deadline: request, answeredOn })).toBe(ok);
  });

  it.each([
    ["2024-05-06", null, null, false, "för tidigt"],
    ["2024-05-07", null, null, true, "sju dagar före"],
    ["2024-05-14", null, null, true, "sista dagen"],
    ["2024-05-15", null, null, false, "efter sista dagen: då är den försenad i stället"],
    ["2024-05-10", null, "2024-05-08", false, "redan påmind"],
    ["2024-05-10", "2024-05-09", null, false, "redan besvarad"],
  ] as [string, string | null, string | null, boolean, string][])("när det är %s (svar %s, påmind %s) så ska en påminnelse gå: %s (%s)", (now, answeredOn, remindedOn, due) => {
    expect(reminderDue({ requestedOn: today, deadline: request, answeredOn, remindedOn }, now, 7)).toBe(due);
  });
});

describe("beredningsgruppens lista, effektuppföljning och gallring", () => {
  it.each([
    ["2024-03-01", "2024-03-15", true],
    ["2024-03-02", "2024-03-15", false],
    ["2024-02-10", "2024-03-15", true],
  ])("när ärendet lyftes %s och mötet är %s så är det med på listan: %s", (lifted, meeting, ok) => {
    expect(onMeetingList(lifted, meeting)).toBe(ok);
  });

  it.each([
    ["2024-06-14", false], ["2024-06-15", true], ["2024-09-15", true], ["2024-09-16", false],
  ])("när ärendet avslutades 2024-03-15 och uppföljningen sätts till %s så är det tillåtet: %s", (d, ok) => {
    expect(effectDateAllowed("2024-03-15", d)).toBe(ok);
  });

  it.each([
    [{ status: "avslutad", closedOn: "2021-03-15", anonymisedOn: null }, true],
    [{ status: "hanvisad", closedOn: "2021-03-15", anonymisedOn: null }, true],
    [{ status: "avslutad", closedOn: "2021-03-16", anonymisedOn: null }, false],
    [{ status: "avslutad", closedOn: "2020-01-01", anonymisedOn: "2023-01-01" }, false],
    [{ status: "under_handlaggning", closedOn: null, anonymisedOn: null }, false],
  ] as const)("när ärendet är %o och gallringsfristen 36 månader så ska det gallras 2024-03-15: %s", (c, due) => {
    expect(retentionDue(c, "2024-03-15", 36)).toBe(due);
  });
});

describe("statusbyten", () => {
  it.each([
    ["ny", "under_handlaggning", null, undefined],
    ["ny", "ny", null, "Ärendet har redan den statusen."],
    ["ny", "avvisad", null, "skälet"],
    ["ny", "avvisad", "Gäller inte samverkan", undefined],
    ["besvarad", "hanvisad", null, "hänvisas"],
    ["besvarad", "avslutad", null, "beslutet"],
    ["besvarad", "avslutad", "Dialog mellan parterna", undefined],
    ["avslutad", "under_handlaggning", null, undefined],
  ] as const)("när status går från %s till %s med anteckning %s så blir svaret %s", (from, to, note, want) => {
    const got = statusChangeProblem(from, to, note);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(want);
  });
});
