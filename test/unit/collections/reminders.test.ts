/** When an insamling's one automatic reminder is due for an invitation (reminders.pure.ts). */
import { describe, expect, it } from "vitest";
import { autoReminderDue } from "../../../server/collections/reminders.pure.js";

describe("automatisk påminnelse", () => {
  const cases: [string, { sentOn: string | null; remindedOn: string | null }, string, number, boolean][] = [
    ["före dag N", { sentOn: "2026-03-02", remindedOn: null }, "2026-03-08", 7, false],
    ["på dag N", { sentOn: "2026-03-02", remindedOn: null }, "2026-03-09", 7, true],
    ["efter dag N (en missad körning)", { sentOn: "2026-03-02", remindedOn: null }, "2026-03-12", 7, true],
    ["redan automatiskt påmind", { sentOn: "2026-03-02", remindedOn: "2026-03-09" }, "2026-03-20", 7, false],
    ["påmind för hand efter dag N räknas som påminnelsen", { sentOn: "2026-03-02", remindedOn: "2026-03-10" }, "2026-03-30", 7, false],
    ["påmind för hand före dag N: N dagar efter den", { sentOn: "2026-03-02", remindedOn: "2026-03-06" }, "2026-03-12", 7, false],
    ["påmind för hand före dag N: på dagen N efter den", { sentOn: "2026-03-02", remindedOn: "2026-03-06" }, "2026-03-13", 7, true],
    ["avstängd (0 dagar)", { sentOn: "2026-03-02", remindedOn: null }, "2026-04-01", 0, false],
    ["inbjudan utan datum", { sentOn: null, remindedOn: null }, "2026-04-01", 7, false],
    ["1 dag, över månadsskifte", { sentOn: "2026-02-28", remindedOn: null }, "2026-03-01", 1, true],
  ];
  it.each(cases)("när %s så avgörs påminnelsen rätt", (_name, inv, today, days, due) => {
    expect(autoReminderDue(inv, today, days)).toBe(due);
  });
});
