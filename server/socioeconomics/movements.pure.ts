/**
 * Stegförflyttning, pure: RISE's economic model (Älv & Kust 2024, presented to the three förbund of
 * Jönköpings län on 2025-02-28, seed 003) as one calculation. The förbund's own nyckeltal go in; no
 * figure is built into the code.
 *
 * A participant who moves from category a (main support at the start) to b (state at the end) is
 * compared with status quo (staying in a). Per sector s (kommun, region, stat) and year:
 * - expenditure saved = pays(s, a) − pays(s, b), where pays(s, x) is the support's amount when s pays
 *   it, and for arbete med lönestöd the state's share of the wage (wageSubsidyShare × wage);
 * - income gained, kommun and region: (taxable(b) − taxable(a)) × the sector's tax rate, where
 *   taxable(x) is the wage for arbete and arbete med lönestöd, the amount of a taxable support, else 0;
 * - income gained, stat: employer's contribution × (wage(b) − wage(a)), wage(x) the wage for arbete
 *   and arbete med lönestöd, else 0;
 * - effect(s) = expenditure saved + income gained.
 * The two-year effect is the first year's plus the second's; the second year uses next year's nyckeltal
 * when the förbund has entered them, otherwise the same (no growth is assumed). An insats's effect is
 * the sum over its matrix of count × effect. Kronor are rounded to whole kronor per sector at the end;
 * the total is the sum of the rounded sectors, so a printed table adds up.
 * Nothing is assumed silently: a nyckeltal the matrix needs and the förbund has not entered is listed
 * in `missing`, and then nothing is computed.
 */

export const categories = [
  "forsorjningsstod", "a_kassa", "aktivitetsstod", "sjukpenning", "aktivitetsersattning", "sjukersattning",
  "etableringsersattning", "studiemedel", "arbete", "arbete_lonestod", "ingen",
] as const;
export type Category = (typeof categories)[number];
/** The categories that are a support (ersättning) with an amount per person and year. */
export const supportCategories = categories.slice(0, 8) as readonly SupportCategory[];
export type SupportCategory = Exclude<Category, "arbete" | "arbete_lonestod" | "ingen">;
export const isSupport = (c: Category): c is SupportCategory => (supportCategories as readonly string[]).includes(c);

export const categoryLabels: Record<Category, string> = {
  forsorjningsstod: "Försörjningsstöd",
  a_kassa: "A-kassa",
  aktivitetsstod: "Aktivitetsstöd",
  sjukpenning: "Sjukpenning/rehabiliteringspenning",
  aktivitetsersattning: "Aktivitetsersättning",
  sjukersattning: "Sjukersättning",
  etableringsersattning: "Etableringsersättning",
  studiemedel: "Studiemedel",
  arbete: "Arbete",
  arbete_lonestod: "Arbete med lönestöd",
  ingen: "Ingen ersättning",
};

export const sectors = ["kommun", "region", "stat"] as const;
export type Sector = (typeof sectors)[number];
export const sectorLabels: Record<Sector, string> = { kommun: "Kommun", region: "Region", stat: "Stat" };

export type Support = { amount: number; payer: Sector; taxable: boolean; source: string };
/** The rates of the income side; each may be missing until the förbund enters it. */
export const rateKeys = ["wage", "wageSubsidyShare", "taxKommun", "taxRegion", "employerContribution"] as const;
export type RateKey = (typeof rateKeys)[number];
export const rateLabels: Record<RateKey, string> = {
  wage: "Lön vid arbete (kronor per år)",
  wageSubsidyShare: "Statens andel av lönen vid arbete med lönestöd",
  taxKommun: "Kommunal skattesats",
  taxRegion: "Regional skattesats",
  employerContribution: "Arbetsgivaravgift",
};
export type Nyckeltal = {
  supports: Partial<Record<SupportCategory, Support>>;
  sources?: Partial<Record<RateKey, string>>;
} & Partial<Record<RateKey, number>>;

/** Counts of people by category at the start (rows) and at the end (columns). */
export type Matrix = Partial<Record<Category, Partial<Record<Category, number>>>>;
export type SectorAmounts = Record<Sector | "total", number>;
export type EffectResult = {
  perYear: SectorAmounts | null;
  twoYears: SectorAmounts | null;
  /** What the matrix needs and the nyckeltal lack: "supports.<code>" or a rate's key. */
  missing: string[];
  /** People who moved (off the diagonal) and who stayed. */
  moved: number;
  stayed: number;
  /** Which nyckeltal the second year used: next year's (complete) or this year's again. */
  secondYear: "next" | "same";
};

/** The cells of a matrix with a count, diagonal included. */
export function cells(m: Matrix): { from: Category; to: Category; count: number }[] {
  return categories.flatMap((from) => categories.map((to) => ({ from, to, count: m[from]?.[to] ?? 0 }))).filter((c) => c.count > 0);
}

/** What the moves of a matrix need from the nyckeltal and do not find there, in a stable order. */
export function missingFor(m: Matrix, n: Nyckeltal | null): string[] {
  const moves = cells(m).filter((c) => c.from !== c.to);
  if (!moves.length) return [];
  const need = new Set<string>(["taxKommun", "taxRegion", "employerContribution"]);
  for (const { from, to } of moves) {
    for (const c of [from, to]) {
      if (isSupport(c)) need.add(`supports.${c}`);
      if (c === "arbete" || c === "arbete_lonestod") need.add("wage");
      if (c === "arbete_lonestod") need.add("wageSubsidyShare");
    }
  }
  const has = (k: string) => (k.startsWith("supports.") ? !!n?.supports[k.slice(9) as SupportCategory] : typeof n?.[k as RateKey] === "number");
  const order = [...supportCategories.map((c) => `supports.${c}`), ...rateKeys];
  return order.filter((k) => need.has(k) && !has(k));
}

const wageIn = (c: Category, n: Nyckeltal) => (c === "arbete" || c === "arbete_lonestod" ? n.wage! : 0);
const pays = (s: Sector, c: Category, n: Nyckeltal): number => {
  if (isSupport(c)) return n.supports[c]!.payer === s ? n.supports[c]!.amount : 0;
  if (c === "arbete_lonestod") return s === "stat" ? n.wageSubsidyShare! * n.wage! : 0;
  return 0;
};
const taxable = (c: Category, n: Nyckeltal): number => {
  if (isSupport(c)) return n.supports[c]!.taxable ? n.supports[c]!.amount : 0;
  return wageIn(c, n);
};

/**
 * The effect in kronor (unrounded) of one person moving from a to b, per sector, for one year. The
 * nyckeltal must hold what missingFor asks for.
 */
export function moveEffect(a: Category, b: Category, n: Nyckeltal): Record<Sector, { saved: number; gained: number; effect: number }> {
  const out = {} as Record<Sector, { saved: number; gained: number; effect: number }>;
  for (const s of sectors) {
    if (a === b) { out[s] = { saved: 0, gained: 0, effect: 0 }; continue; }
    const saved = pays(s, a, n) - pays(s, b, n);
    const gained = s === "stat"
      ? n.employerContribution! * (wageIn(b, n) - wageIn(a, n))
      : (taxable(b, n) - taxable(a, n)) * (s === "kommun" ? n.taxKommun! : n.taxRegion!);
    out[s] = { saved, gained, effect: saved + gained };
  }
  return out;
}

function yearOf(m: Matrix, n: Nyckeltal): Record<Sector, number> {
  const sum: Record<Sector, number> = { kommun: 0, region: 0, stat: 0 };
  for (const { from, to, count } of cells(m)) {
    const e = moveEffect(from, to, n);
    for (const s of sectors) sum[s] += count * e[s].effect;
  }
  return sum;
}

const rounded = (x: Record<Sector, number>): SectorAmounts => {
  const r = { kommun: Math.round(x.kommun), region: Math.round(x.region), stat: Math.round(x.stat) };
  // `+ 0` turns a −0 into 0, so a rounded nothing prints as 0.
  return { kommun: r.kommun + 0, region: r.region + 0, stat: r.stat + 0, total: r.kommun + r.region + r.stat + 0 };
};

/**
 * The effect of an insats's matrix: the year's (with `year1` nyckeltal) and over two years (the second
 * with `year2` when given, else `year1` again). Nothing is computed while anything is missing.
 */
export function matrixEffect(m: Matrix, year1: Nyckeltal | null, year2: Nyckeltal | null = null): EffectResult {
  const all = cells(m);
  const moved = all.filter((c) => c.from !== c.to).reduce((a, c) => a + c.count, 0);
  const stayed = all.filter((c) => c.from === c.to).reduce((a, c) => a + c.count, 0);
  const missing = missingFor(m, year1);
  const useNext = !!year2 && !missingFor(m, year2).length;
  const second = useNext ? year2 : year1;
  const secondYear = useNext ? "next" as const : "same" as const;
  if (missing.length || !year1) return { perYear: null, twoYears: null, missing, moved, stayed, secondYear };
  const first = yearOf(m, year1), next = yearOf(m, second!);
  return {
    perYear: rounded(first),
    twoYears: rounded({ kommun: first.kommun + next.kommun, region: first.region + next.region, stat: first.stat + next.stat }),
    missing, moved, stayed, secondYear,
  };
}

/** A missing key in Swedish, for the page: "Nyckeltal saknas: Aktivitetsstöd (belopp, betalare, skattepliktig)". */
export function missingLabel(key: string): string {
  if (key.startsWith("supports.")) return `${categoryLabels[key.slice(9) as Category]} (belopp per person och år, vem som betalar, om den är skattepliktig)`;
  return rateLabels[key as RateKey] ?? key;
}

/** The model's rule in words, printed under every effect table. */
export const movementRules: readonly string[] = [
  "Effekten av att en deltagare går från ersättning a till läge b jämförs med status quo, att deltagaren hade haft kvar a. Per sektor (kommun, region, stat) och år:",
  "Minskade utgifter = beloppet för a om sektorn betalar a, minus beloppet för b om sektorn betalar b. Vid arbete med lönestöd betalar staten sin andel av lönen.",
  "Ökade intäkter för kommun och region = (beskattningsbar inkomst i b − beskattningsbar inkomst i a) × sektorns skattesats. Beskattningsbar inkomst är lönen vid arbete och arbete med lönestöd, beloppet för en skattepliktig ersättning, annars 0.",
  "Ökade intäkter för staten = arbetsgivaravgiften på lönen i b minus den i a.",
  "Effekt = minskade utgifter + ökade intäkter. Tvåårseffekten är första årets effekt plus andra årets; andra året räknas med nästa års nyckeltal när de finns, annars med samma (ingen ökning antas). Insatsens effekt är summan över matrisen av antal × effekt.",
  "Modellen är RISE:s ekonomiska modell för stegförflyttning (framtagen 2024 med Samordningsförbundet Älv & Kust, CC BY 4.0), med förbundets egna nyckeltal.",
  "Observera att verktyget endast är lämpligt för beräkning av finansiella effekter av en grupps förflyttning, inte för en enskild individs.",
];

// ——— One year after, and positive movements (issue 19) ———

/** People per category at the start (a matrix row's sum). */
export const startedIn = (m: Matrix, from: Category): number => categories.reduce((a, to) => a + (m[from]?.[to] ?? 0), 0);

/**
 * The one-year-after matrix follows the same participants as the end matrix, by the same category at
 * the start, so a row can hold at most the people who started there (fewer when some were not
 * followed up: "where known"). Returns every row that holds more, for a message naming it.
 */
export function followUpIssues(m: Matrix, oneYearAfter: Matrix): { from: Category; followed: number; started: number }[] {
  return categories
    .map((from) => ({ from, followed: startedIn(oneYearAfter, from), started: startedIn(m, from) }))
    .filter((r) => r.followed > r.started);
}

/** The states that are work or studies: moving into one of them from anything else is positive. */
const workOrStudies: readonly Category[] = ["arbete", "arbete_lonestod", "studiemedel"];

/**
 * Whether moving from a to b is a positive movement (a step towards self-support), as RISE's model
 * counts a step: into arbete, arbete med lönestöd or studier (studiemedel) from anything else, or
 * from a support other than studiemedel to ingen ersättning. Staying is no movement; between two supports (a-kassa to
 * försörjningsstöd, aktivitetsstöd to sjukpenning) is a change of payer, not a step, and from work or
 * studies to anything but work or studies is a step back.
 */
export function isPositiveMovement(a: Category, b: Category): boolean {
  if (a === b) return false;
  if (workOrStudies.includes(b)) return !workOrStudies.includes(a) || (a !== "arbete" && b === "arbete");
  return b === "ingen" && isSupport(a) && !workOrStudies.includes(a);
}

/** The number of people in a matrix whose movement is positive. */
export const positiveMovements = (m: Matrix): number =>
  cells(m).filter((c) => isPositiveMovement(c.from, c.to)).reduce((a, c) => a + c.count, 0);

/** The rule of a positive movement in words, printed with the goal and the matrix. */
export const positiveMovementRule =
  "En förflyttning räknas som positiv när deltagaren går till arbete, arbete med lönestöd eller studier (studiemedel) från något annat läge, " +
  "från arbete med lönestöd eller studier till arbete, eller från en annan ersättning än studiemedel till ingen ersättning. Byte mellan två ersättningar räknas inte.";
