/**
 * The insatser's economy, pure: "Resultat för finansierade insatser" (002 Bilaga 2). Per line budget,
 * utfall and avvikelse = budget − utfall, as 002 prints it (SE-Höglandet 3 980 000 − 3 975 750 = 4 250;
 * Ny verksamhet 47 000 − 81 667 = −34 667). Lines are grouped individinriktat / strukturövergripande /
 * administration, each with a subtotal, then the förbund's total and its eget kapital. A missing
 * budget or utfall leaves the avvikelse empty (never a made-up zero); a sum adds the figures that are there.
 */

export const economyCategories = ["individinriktad", "strukturovergripande", "administration"] as const;
export type EconomyCategory = (typeof economyCategories)[number];
export const economyCategoryLabels: Record<EconomyCategory, string> = {
  individinriktad: "Individinriktade insatser", strukturovergripande: "Strukturövergripande insatser", administration: "Administration",
};

export type EconomyLine = { category: EconomyCategory; label: string; budget: number | null; utfall: number | null; comment: string };
export type EconomyYear = { egetKapitalIn: number | null; egetKapitalUt: number | null; medlemsbidrag: number | null };

/** budget − utfall; null when either is missing. */
export const avvikelse = (budget: number | null, utfall: number | null): number | null => (budget === null || utfall === null ? null : budget - utfall);
const addKnown = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);

export type EconomyRow = { label: string; kind: "line" | "subtotal" | "total"; budget: number | null; utfall: number | null; avvikelse: number | null; comment: string };

/** The table: each category's lines and subtotal (categories without lines left out), then the total. */
export function economyRows(lines: readonly EconomyLine[]): EconomyRow[] {
  const out: EconomyRow[] = [];
  for (const c of economyCategories) {
    const mine = lines.filter((l) => l.category === c);
    if (!mine.length) continue;
    for (const l of mine) out.push({ label: l.label, kind: "line", budget: l.budget, utfall: l.utfall, avvikelse: avvikelse(l.budget, l.utfall), comment: l.comment });
    const budget = addKnown(mine.map((l) => l.budget)), utfall = addKnown(mine.map((l) => l.utfall));
    out.push({ label: `Summa ${economyCategoryLabels[c].toLowerCase()}`, kind: "subtotal", budget, utfall, avvikelse: avvikelse(budget, utfall), comment: "" });
  }
  if (lines.length) {
    const budget = addKnown(lines.map((l) => l.budget)), utfall = addKnown(lines.map((l) => l.utfall));
    out.push({ label: "Förbundet totalt", kind: "total", budget, utfall, avvikelse: avvikelse(budget, utfall), comment: "" });
  }
  return out;
}

/** Each category's share of the total utfall (002: 55 % individinriktade, 24 % strukturövergripande, 18,5 % administration of the budget). */
export function categoryShares(lines: readonly EconomyLine[], of: "budget" | "utfall"): Record<EconomyCategory, number | null> {
  const whole = lines.reduce((a, l) => a + (l[of] ?? 0), 0);
  return Object.fromEntries(economyCategories.map((c) => [c, whole ? lines.filter((l) => l.category === c).reduce((a, l) => a + (l[of] ?? 0), 0) / whole : null])) as Record<EconomyCategory, number | null>;
}

/** Eget kapital as a share of the year's medlemsbidrag (002: 1 483 897 of 8 036 000 = 18,5 %); null without both. */
export const egetKapitalShare = (y: EconomyYear): number | null =>
  (y.egetKapitalUt === null || !y.medlemsbidrag ? null : y.egetKapitalUt / y.medlemsbidrag);
