/** Närvaro and arbete/studier goals (goals/report-metrics.pure.ts): Underlag saknas says what is missing, distinct from För få svar. */
import { describe, expect, it } from "vitest";
import { attendanceGoal, positiveMovementsGoal, workOrStudiesGoal } from "../../../server/goals/report-metrics.pure.js";
import type { NamedGroupAttendance } from "../../../server/attendance/attendance.pure.js";

const group = (name: string, share: number | null): NamedGroupAttendance => ({
  groupId: name, name, share, meetings: share === null ? 0 : 4, partyNames: { p: "Region" }, parties: [{ partyId: "p", share }],
} as unknown as NamedGroupAttendance);

describe("attendanceGoal", () => {
  it("när 2 av 4 grupper haft möten över gränsen och 2 inga möten så är det Underlag saknas, med de två utan möten namngivna", () => {
    const g = attendanceGoal([group("Styrelse", 0.9), group("Beredningsgrupp", 0.8), group("Samverk Eksjö", null), group("Samverk Vetlanda", null)]);
    expect(g.verdict).toBe("underlag_saknas");
    expect(g.label).toBe("Underlag saknas");
    expect(g.missing).toEqual([
      { text: "Inga möten registrerade för Samverk Eksjö", href: "/narvaro" }, { text: "Inga möten registrerade för Samverk Vetlanda", href: "/narvaro" },
    ]);
    expect(g.goalFiguresText).toContain(". Inga möten registrerade för 2 av 4 grupper: Samverk Eksjö och Samverk Vetlanda");
  });

  it("när en grupp med möten är under gränsen så är det Ej uppfyllt även om andra saknar möten", () => {
    expect(attendanceGoal([group("Styrelse", 0.5), group("Samverk Eksjö", null)]).verdict).toBe("ej_uppfyllt");
  });

  it("när varje grupp haft möten över gränsen så är det Uppfyllt; utan grupper eller möten Underlag saknas", () => {
    expect(attendanceGoal([group("Styrelse", 0.9), group("Beredningsgrupp", 0.75)])).toMatchObject({ verdict: "uppfyllt", missing: [] });
    expect(attendanceGoal([])).toMatchObject({ verdict: "underlag_saknas", missing: [{ text: "Inga grupper registrerade", href: "/narvaro" }] });
    expect(attendanceGoal([group("Styrelse", null)]).goalFiguresText).toBe("Inga möten registrerade för Styrelse");
  });

  it("när flera grupper saknar möten så säger en enda mening vilka, i stället för en mening per grupp", () => {
    const names = ["Styrelse", "Beredningsgrupp", "Samverk Eksjö"];
    const none = attendanceGoal(names.map((n) => group(n, null))).goalFiguresText;
    expect(none).toBe("Inga möten registrerade för någon av de 3 grupperna: Styrelse, Beredningsgrupp och Samverk Eksjö");
    expect(none.match(/Inga möten registrerade/g)).toHaveLength(1);
    const some = attendanceGoal([group("Styrelse", 0.9), ...names.slice(1).map((n) => group(n, null))]).goalFiguresText;
    expect(some.match(/[Ii]nga möten registrerade/g)).toHaveLength(1);
    expect(some).toContain("Inga möten registrerade för 2 av 3 grupper: Beredningsgrupp och Samverk Eksjö");
  });
});

describe("workOrStudiesGoal", () => {
  it("när insatsen saknar rapport för året så är det Underlag saknas med insatsen och året, inte För få svar", () => {
    const g = workOrStudiesGoal(undefined, { comparison: ">=", threshold: 0.35 }, 2024, "SE-Höglandet");
    expect(g).toMatchObject({ verdict: "underlag_saknas", label: "Underlag saknas", figuresText: "Ingen insatsrapport för SE-Höglandet 2024" });
    expect(g.missing).toEqual([{ text: "Ingen insatsrapport för SE-Höglandet 2024", href: "/insatsrapporter" }]);
  });
});

describe("positiveMovementsGoal", () => {
  const rule = { comparison: ">=" as const, threshold: 5 };
  it("när ingen matris är registrerad så är det Underlag saknas, med var den registreras", () => {
    const g = positiveMovementsGoal([], rule, 2025, { insats: "SE-Höglandet", positiveRule: "" });
    expect(g).toMatchObject({ verdict: "underlag_saknas", value: null, figuresText: "Ingen förflyttningsmatris för SE-Höglandet 2025",
      missing: [{ text: "Ingen förflyttningsmatris för SE-Höglandet 2025", href: "/stegforflyttning?year=2025" }] });
  });
  it("när två insatsers matriser har 3 + 2 positiva förflyttningar så är målet ≥ 5 uppfyllt, och ≥ 6 inte", () => {
    const list = [{ name: "A", positive: 3, people: 10 }, { name: "B", positive: 2, people: 4 }];
    expect(positiveMovementsGoal(list, rule, 2025, { positiveRule: "Regeln." })).toMatchObject({
      verdict: "uppfyllt", value: 5, ruleText: "Antal deltagare med positiv förflyttning ≥ 5 enligt förflyttningsmatrisen",
      figuresText: "5 av 14 deltagare i förflyttningsmatrisen för 2 insatser 2025 med positiv förflyttning. Regeln.",
    });
    expect(positiveMovementsGoal(list, { ...rule, threshold: 6 }, 2025).verdict).toBe("ej_uppfyllt");
  });
  it("när förbundet har en gräns för små antal och antalet är under den så skrivs det inte ut, men bedömningen står", () => {
    const g = positiveMovementsGoal([{ name: "A", positive: 2, people: 10 }], rule, 2025, { outcomeThreshold: 3, positiveRule: "" });
    expect(g).toMatchObject({ verdict: "ej_uppfyllt", value: null, figuresText: "färre än 3 av 10 deltagare i förflyttningsmatrisen för A 2025 med positiv förflyttning." });
  });
});
