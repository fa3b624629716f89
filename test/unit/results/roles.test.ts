/** Question roles (results/roles.pure.ts): a need question is judged by no share and drawn under no line. */
import { describe, expect, it } from "vitest";
import { judgedByShare, questionRole } from "../../../server/results/roles.pure.js";
import indikator from "../../../surveys/indikator-deltagare-pagaende.js";
import { questionsOf } from "../../../surveys/define.js";

describe("questionRole", () => {
  it("när frågan är 4a (behov av stöd) så är den en behovsfråga och bedöms inte med andel positiva", () => {
    const q4a = questionsOf(indikator).find((q) => q.id === "q4a")!;
    expect(questionRole(indikator.id, q4a)).toBe("need");
    expect(judgedByShare(indikator.id, q4a)).toBe(false);
  });

  it("när frågan är en frekvensfråga om upplevt stöd så bedöms den; en textfråga är bakgrund", () => {
    const judged = questionsOf(indikator).filter((q) => judgedByShare(indikator.id, q)).map((q) => q.id);
    expect(judged).toContain("q1");
    expect(judged).toContain("q4b");
    expect(judged).not.toContain("q4a");
    expect(questionRole(indikator.id, { id: "q8", kind: "text" })).toBe("background");
  });
});
