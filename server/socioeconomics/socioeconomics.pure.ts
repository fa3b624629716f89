/**
 * Socioekonomisk effekt, pure (model of Samordningsförbundet Göteborg Centrum, as 002 uses it).
 *
 * - Schablon per person and month: offentlig försörjning (10 000 kr) + administrativ kostnad
 *   (500 kr) + ny samhällsintäkt (5 700 kr) = 16 200 kr; per year × 12 = 194 400 kr.
 * - Effect of an insats = finished participants to arbete or studier × the yearly schablon.
 * - Difference = effect − the money put into the insats that year; negative when the insats cost more
 *   (002: IT-spåret 2 → 388 800 kr against 2 400 000 kr = −2 011 200 kr). Without an amount entered
 *   there is no difference (null), never a made-up zero.
 * Whole kronor throughout, so every figure is exact.
 */

export type Schablon = { publicSupport: number; adminCost: number; newRevenue: number };

/** 002's figures, used for a year the förbund has not set its own. */
export const DEFAULT_SCHABLON: Readonly<Schablon> = Object.freeze({ publicSupport: 10_000, adminCost: 500, newRevenue: 5_700 });

export const schablonLabels: Record<keyof Schablon, string> = {
  publicSupport: "Genomsnittlig ersättning för offentlig försörjning",
  adminCost: "Genomsnittlig administrativ kostnad",
  newRevenue: "Ny samhällsintäkt när deltagaren börjar arbeta",
};

/** Kronor per person and month. */
export const monthlyTotal = (s: Schablon): number => s.publicSupport + s.adminCost + s.newRevenue;
/** Kronor per person and year. */
export const yearlyTotal = (s: Schablon): number => monthlyTotal(s) * 12;

/** The effect in kronor of `toWorkOrStudies` persons going from offentlig to egen försörjning. */
export const socioeconomicEffect = (toWorkOrStudies: number, s: Schablon): number => toWorkOrStudies * yearlyTotal(s);

/** Effect − funding; null when no funding is entered. */
export const difference = (effect: number, funding: number | null): number | null => (funding === null ? null : effect - funding);

export type EffectRow = { toWorkOrStudies: number; socioeconomicEffect: number; funding: number | null; difference: number | null };

/** One insats's line of the table. */
export function effectRow(toWorkOrStudies: number, funding: number | null, s: Schablon): EffectRow {
  const effect = socioeconomicEffect(toWorkOrStudies, s);
  return { toWorkOrStudies, socioeconomicEffect: effect, funding, difference: difference(effect, funding) };
}

/** The model's caveats, as 002 prints them beside the table. */
export const caveats: readonly string[] = [
  "Varje person som går från offentlig till egen försörjning genom arbete eller studier innebär en minskad kostnad " +
    "(offentlig försörjning och administrativ kostnad) och ökade samhällsintäkter. Effekten beräknas för ett år.",
  "Det finns dessutom positiva effekter för individens eget välbefinnande och känsla av delaktighet i samhället när " +
    "individen förvärvsarbetar och därmed bidrar till samhället.",
  "Många argument kan ställas mot denna typ av schablonisering. Det finns flera positiva effekter som inte mäts, till " +
    "exempel effekter för alla som inte når ända fram till anställning under mätperioden, samtidigt som det finns faktorer " +
    "som anställningsstöd, fortsatt behov av till exempel sjukersättning på deltid och annat som begränsar vinsten för samhället. " +
    "Det finns dock anledning att tro att de positiva och negativa effekterna till stor del tar ut varandra.",
  "Den ekonomiska effekten jämförs med insatta medel till respektive insats samma år. En negativ differens betyder att " +
    "insatsen under året kostade mer än den beräknade effekten.",
];
