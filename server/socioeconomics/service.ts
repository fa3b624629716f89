/**
 * Socioekonomisk effekt and the Statistik bilaga: the schablon per förbund and year, the money put
 * into each insats per year, and per insats its year's figures from the insatsrapporter with the
 * effect and the difference.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import * as audit from "../audit/service.js";
import * as organisation from "../organisation/service.js";
import * as shared from "../sharedinterventions/service.js";
import * as reports from "../interventionreports/service.js";
import * as goals from "../goals/service.js";
import { completeCounts, finishedSplit, workOrStudiesSplit, zeroCounts, type GenderSplit, type ReportCounts } from "../interventionreports/outcomes.pure.js";
import * as repo from "./repo.js";
import { DEFAULT_SCHABLON, effectRow, type Schablon } from "./socioeconomics.pure.js";
import { statistikBilaga } from "./bilaga.js";
import * as bilagor from "../reports/service.js";
import { transactional } from "../unit-of-work.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { EconomyLine, EconomyYear } from "./economy.pure.js";
import { hiddenCounts, matrixCells } from "../interventionreports/outcome-threshold.pure.js";
import { categories, matrixEffect, type EffectResult, type Matrix, type Nyckeltal, type SectorAmounts } from "./movements.pure.js";
import { wholeMatrix, type ShownMatrix } from "./movements-whole.pure.js";
import type { Movements, StoredNyckeltal } from "../../models/socioeconomics.js";


/** The year's schablon: the förbund's own, or 002's defaults. */
export async function getSchablon(ctx: Ctx, forbundId: string, year: number): Promise<{ schablon: Schablon; isDefault: boolean }> {
  const own = await repo.findRate(ctx.db, forbundId, year);
  return own ? { schablon: own, isDefault: false } : { schablon: { ...DEFAULT_SCHABLON }, isDefault: true };
}

export const saveSchablon = transactional(async function saveSchablon(ctx: Ctx, user: ForbundUser, year: number, s: Schablon) {
  await repo.upsertRate(ctx.db, user.forbundId, year, s, ctx.clock.now());
  await audit.record(ctx, user, "socioeconomics.schablon_changed", { year, ...s });
});

/**
 * The insatser whose money can be entered for a year: those running that year, and any that already has an amount;
 * after the förbund's own, the shared insatser it co-funds (its own share of the funding), marked `sharedFrom`.
 */
export async function fundingChoices(ctx: Ctx, forbundId: string, year: number) {
  const [org, coFunded, funding] = await Promise.all([
    organisation.getOrganisation(ctx, forbundId), shared.coFunded(ctx, forbundId, year), repo.fundingOf(ctx.db, forbundId, year),
  ]);
  return [...org.interventions, ...coFunded]
    .filter((i) => funding.has(i.id) || ((i.fromYear ?? year) <= year && (i.toYear ?? year) >= year))
    .map((i) => ({ id: i.id, name: i.name, amount: funding.get(i.id) ?? null, sharedFrom: "ownerName" in i ? i.ownerName : null }));
}

/** An insats of the förbund, or a shared insats it co-funds; 404 for any other. */
async function ownOrCoFunded(ctx: Ctx, forbundId: string, interventionId: string) {
  return (await shared.findCoFunded(ctx, forbundId, interventionId)) ?? organisation.getIntervention(ctx, forbundId, interventionId);
}

/** ownOrCoFunded for a change of one year: 409 for a co-funding that ended before it (its history stays as it was). */
async function writableFor(ctx: Ctx, forbundId: string, interventionId: string, year: number) {
  const i = await ownOrCoFunded(ctx, forbundId, interventionId);
  if (shared.isCoFunded(i) && !shared.covers(i, year)) throw new ConflictError(shared.endedMessage(i));
  return i;
}

/** Sets (or, with null, removes) the förbund's money in an insats in a year (a co-funder: its own share); 404 for another förbund's insats. */
export const setFunding = transactional(async function setFunding(ctx: Ctx, user: ForbundUser, interventionId: string, year: number, amount: number | null) {
  const i = await writableFor(ctx, user.forbundId, interventionId, year);
  if (amount === null) await repo.deleteFunding(ctx.db, user.forbundId, interventionId, year);
  else await repo.upsertFunding(ctx.db, user.forbundId, interventionId, year, amount, ctx.clock.now());
  await audit.record(ctx, user, "socioeconomics.funding_changed", { interventionId, name: i.name, year, amount });
  return { interventionId, year, amount };
});

/** The funding form: every changed amount saved (null removes it). */
export async function saveFunding(ctx: Ctx, user: ForbundUser, year: number, amounts: Map<string, number | null>) {
  const current = await repo.fundingOf(ctx.db, user.forbundId, year);
  for (const [id, amount] of amounts) {
    if ((current.get(id) ?? null) !== amount) await setFunding(ctx, user, id, year, amount);
  }
}

/** Every förbund's money in one insats and year, by förbund id (a shared insats: the owner's and each co-funder's). */
export const fundingByForbund = (ctx: Ctx, interventionId: string, year: number) => repo.fundingByForbund(ctx.db, interventionId, year);

/** Checks an insats of the förbund, or a shared insats it co-funds, before anything else (404 for any other). */
export const checkIntervention = (ctx: Ctx, forbundId: string, id: string) => ownOrCoFunded(ctx, forbundId, id);

export type StatistikRow = {
  id: string;
  name: string;
  /** Only an individinriktad insats (the default) gets a socioekonomisk effect; a strukturövergripande one shows its funding apart. */
  kind?: "individinriktad" | "strukturovergripande";
  /** Whether the figures rest on at least one insatsrapport for the year. */
  reported: boolean;
  participants: number;
  participantsByGender: GenderSplit;
  newParticipants: number;
  finished: number;
  finishedByGender: GenderSplit;
  finishedByOutcome: { arbete: number; studier: number; annat: number };
  toWorkOrStudies: number;
  toWorkOrStudiesByGender: GenderSplit;
  shareToWorkOrStudies: number | null;
  efterstod: number;
  /** Every count of the year figure (reasons, age bands, time, referrals), filled in. */
  counts?: ReturnType<typeof completeCounts>;
  /** null for a strukturövergripande insats: the model measures people who move, which such an insats has none of. */
  socioeconomicEffect: number | null;
  /** A shared insats (issue 20): that it is shared and with whom; the row is the förbund's own part against its own funding. */
  sharedWith?: string;
  funding: number | null;
  difference: number | null;
};

export type Statistik = {
  year: number;
  forbundName: string;
  schablon: Schablon;
  schablonIsDefault: boolean;
  rows: StatistikRow[];
  attendance: goals.AttendanceSummary;
  /** Stegförflyttning: every insats with a matrix for the year, with its effect (issue 19). */
  movements?: InsatsEffect[];
  /** Resultat för finansierade insatser (issue 19). */
  economy?: Economy;
  /**
   * The förbund's threshold for the insatser's counts and the cells hidden under it (keys of
   * interventionreports/outcome-threshold.pure.ts: "<insats id>.participants.women", "total.…",
   * "mv.<insats id>.<from>.<to>", "ya.…" for one year after); absent or null: every count shown.
   */
  outcomeThreshold?: { threshold: number; hidden: ReadonlySet<string> } | null;
};

const sum = (s: GenderSplit) => s.women + s.men + s.other;

/** Every insats with a report or money for the year: participants, outcomes, effect, funding and difference. */
export async function statistik(ctx: Ctx, forbundId: string, year: number): Promise<Statistik> {
  const [org, figures, funding, { schablon, isDefault }, groupAttendance, movements, coFunded, sharedLines] = await Promise.all([
    organisation.getOrganisation(ctx, forbundId), reports.yearFigures(ctx, forbundId, year), repo.fundingOf(ctx.db, forbundId, year),
    getSchablon(ctx, forbundId, year),
    goals.attendanceSummary(ctx, forbundId, year),
    movementsOfYear(ctx, forbundId, year),
    shared.coFunded(ctx, forbundId), shared.sharedLines(ctx, forbundId),
  ]);
  const money = await economy(ctx, forbundId, year);
  const ids = new Set([...figures.map((f) => f.interventionId), ...funding.keys()]);
  // A shared insats is the förbund's own part: its reports and its funding only (issue 20).
  const rows = [...org.interventions, ...coFunded].filter((i) => ids.has(i.id)).map((i): StatistikRow => {
    const f = figures.find((x) => x.interventionId === i.id);
    const c: ReportCounts = f?.counts ?? zeroCounts();
    const toWork = workOrStudiesSplit(c), finished = finishedSplit(c);
    const money = funding.get(i.id) ?? null;
    const effect = i.kind === "individinriktad"
      ? effectRow(sum(toWork), money, schablon)
      : { toWorkOrStudies: sum(toWork), socioeconomicEffect: null, funding: money, difference: null };
    return {
      id: i.id, name: i.name, kind: i.kind, reported: !!f, counts: completeCounts(c),
      participants: sum(c.participants), participantsByGender: c.participants, newParticipants: sum(c.newParticipants),
      finished: sum(finished), finishedByGender: finished,
      finishedByOutcome: { arbete: sum(c.finished.arbete), studier: sum(c.finished.studier), annat: sum(c.finished.annat) },
      toWorkOrStudiesByGender: toWork,
      shareToWorkOrStudies: sum(finished) ? sum(toWork) / sum(finished) : null,
      efterstod: sum(c.efterstod),
      ...effect,
      ...(sharedLines.has(i.id) ? { sharedWith: sharedLines.get(i.id) } : {}),
    };
  });
  const counts = await reports.hiddenOfYear(ctx, forbundId, year, figures);
  return {
    year, forbundName: org.name, schablon, schablonIsDefault: isDefault, rows, attendance: groupAttendance, movements, economy: money,
    outcomeThreshold: counts && { threshold: counts.threshold, hidden: new Set([...counts.hidden, ...hiddenMovements(movements, counts.threshold)]) },
  };
}

/**
 * The year's insatser whose matrix has a cell hidden under the förbund's outcome threshold (their
 * moved, stayed and effect would tell it); empty without a threshold.
 */
export async function insatserWithHiddenMovements(ctx: Ctx, forbundId: string, list: readonly InsatsEffect[]): Promise<Set<string>> {
  const { outcomeThreshold } = await organisation.getOrganisation(ctx, forbundId);
  if (!outcomeThreshold) return new Set();
  const hidden = hiddenMovements(list, outcomeThreshold);
  return new Set(list.filter((e) => [...hidden].some((k) => k.startsWith(`mv.${e.interventionId}.`))).map((e) => e.interventionId));
}

/** The matrices' cells hidden under the threshold: each matrix (at the end "mv.", one year after "ya.") on its own rows and columns. */
function hiddenMovements(list: readonly InsatsEffect[], threshold: number): Set<string> {
  const out = new Set<string>();
  for (const e of list) {
    for (const [prefix, m] of [[`mv.${e.interventionId}`, e.matrix], [`ya.${e.interventionId}`, e.oneYearAfter]] as const) {
      if (!m) continue;
      const { values, lines } = matrixCells(prefix, m, categories);
      for (const k of hiddenCounts(values, lines, threshold)) out.add(k);
    }
  }
  return out;
}

export const formats = ["json", "html", "csv", "docx", "xlsx"] as const;
export type Format = (typeof formats)[number];

/** The Statistik bilaga as a file, by the renderers of every bilaga (reports); recorded in the audit log as an export. */
export async function exportBilaga(ctx: Ctx, user: ForbundUser, year: number, format: Exclude<Format, "json">): Promise<bilagor.File> {
  const model = statistikBilaga(await statistik(ctx, user.forbundId, year));
  const file = await bilagor.statistikFile(ctx, user.forbundId, year, model, format);
  await audit.record(ctx, user, "export", { what: "statistik", year, format });
  return file;
}

// ——— Stegförflyttning (RISE's model): matrices per insats and year, nyckeltal per year, the effect ———

/** The year's nyckeltal, or null when the förbund has entered none. */
export async function getNyckeltal(ctx: Ctx, forbundId: string, year: number): Promise<Nyckeltal | null> {
  return (await repo.findNyckeltal(ctx.db, forbundId, year)) as Nyckeltal | undefined ?? null;
}

export const saveNyckeltal = transactional(async function saveNyckeltal(ctx: Ctx, user: ForbundUser, year: number, data: StoredNyckeltal) {
  await repo.upsertNyckeltal(ctx.db, user.forbundId, year, data, ctx.clock.now());
  await audit.record(ctx, user, "socioeconomics.nyckeltal_changed", { year });
  return data;
});

/**
 * An insats whose matrix the user may change: the förbund's own, or a shared insats it co-funds (its own participants'
 * movements, issue 20). 404 for another förbund's, 403 outside the koordinator's kommunområden; with a year, 409 for a
 * co-funding that ended before it.
 */
export async function movableIntervention(ctx: Ctx, user: ForbundUser, interventionId: string, year?: number) {
  const org = await organisation.getOrganisation(ctx, user.forbundId);
  const i: organisation.Organisation["interventions"][number] | shared.CoFunded | undefined =
    org.interventions.find((x) => x.id === interventionId) ?? await shared.findCoFunded(ctx, user.forbundId, interventionId);
  if (!i) throw new NotFoundError("Insatsen finns inte.");
  if (!reports.mayReport(user, i, null)) throw new ForbiddenError("Du kan bara föra in förflyttningar för insatser i dina kommunområden.");
  if (year !== undefined && shared.isCoFunded(i) && !shared.covers(i, year)) throw new ConflictError(shared.endedMessage(i));
  return i;
}

export const saveMatrix = transactional(async function saveMatrix(ctx: Ctx, user: ForbundUser, interventionId: string, year: number, movements: Movements) {
  const i = await movableIntervention(ctx, user, interventionId, year);
  await repo.upsertMatrix(ctx.db, user.forbundId, interventionId, year, movements, ctx.clock.now());
  await audit.record(ctx, user, "socioeconomics.movements_changed", { interventionId, name: i.name, year, oneYearAfter: movements.oneYearAfter !== null });
  return movements;
});

export type InsatsEffect = EffectResult & {
  interventionId: string; name: string; year: number; matrix: Matrix;
  /** The same participants one year after the end, where known. */
  oneYearAfter: Matrix | null;
  funding: number | null; nyckeltal: Nyckeltal | null;
};

/** The effect of one insats's matrix with the year's nyckeltal (the second year with next year's when entered), beside its funding. */
export async function insatsEffect(ctx: Ctx, forbundId: string, interventionId: string, year: number): Promise<InsatsEffect> {
  // A shared insats the förbund co-funds: its own participants' matrix, its own nyckeltal and its own funding.
  const i = await ownOrCoFunded(ctx, forbundId, interventionId);
  const [movements, n1, n2, funding] = await Promise.all([
    repo.findMovements(ctx.db, forbundId, interventionId, year), getNyckeltal(ctx, forbundId, year), getNyckeltal(ctx, forbundId, year + 1),
    repo.fundingOf(ctx.db, forbundId, year),
  ]);
  const m = movements?.matrix ?? {};
  return {
    ...matrixEffect(m, n1, n2), interventionId, name: i.name, year, matrix: m, oneYearAfter: movements?.oneYearAfter ?? null,
    funding: funding.get(interventionId) ?? null, nyckeltal: n1,
  };
}

/** The cells of one insats's matrices hidden under the förbund's outcome threshold (keys "mv.<id>.…", "ya.<id>.…"). */
export type HiddenMovements = { threshold: number; hidden: ReadonlySet<string>; effectHidden: boolean };

/**
 * The insats's movements and effect as the user may see them (issue 19): whoever may enter them (the
 * rule of movableIntervention) sees every count; anyone else, under the förbund's outcome threshold,
 * gets `hidden` with the cells 1..T−1, the sums that would tell them, and whether the effect (a sum of
 * count × amount) is hidden too. 404 for another förbund's insats.
 */
export async function insatsEffectFor(ctx: Ctx, user: ForbundUser, interventionId: string, year: number): Promise<{ effect: InsatsEffect; mayEdit: boolean; hidden: HiddenMovements | null; whole: SharedMovements | null }> {
  const [effect, org] = await Promise.all([insatsEffect(ctx, user.forbundId, interventionId, year), organisation.getOrganisation(ctx, user.forbundId)]);
  const own = org.interventions.find((x) => x.id === interventionId) ?? await shared.findCoFunded(ctx, user.forbundId, interventionId, year);
  const mayEdit = !!own && reports.mayReport(user, own, null);
  const hidden: HiddenMovements | null = mayEdit || !org.outcomeThreshold ? null : (() => {
    const h = hiddenMovements([effect], org.outcomeThreshold);
    return { threshold: org.outcomeThreshold, hidden: h, effectHidden: [...h].some((k) => k.startsWith(`mv.${interventionId}.`)) };
  })();
  return { effect, mayEdit, hidden, whole: await sharedWhole(ctx, user.forbundId, effect, !!hidden?.hidden.size) };
}

/** A shared insats's movements as a whole (issue 20): every förbund's own matrix summed, as the viewer may see it. */
export type SharedMovements = {
  role: "owner" | "cofunder";
  /** The förbund whose matrices make the whole (the owner and the co-funders whose co-funding covers the year). */
  forbundCount: number;
  matrix: ShownMatrix;
  oneYearAfter: ShownMatrix | null;
  /** Each förbund's effect with its own nyckeltal, summed; null when one lacks nyckeltal, or a hidden count would be told by it. */
  perYear: SectorAmounts | null;
  twoYears: SectorAmounts | null;
  /** Every förbund's money in the insats that year (money is no personal data); null when none is entered. */
  funding: number | null;
};

const hideAll = (m: ShownMatrix): ShownMatrix => ({
  cells: Object.fromEntries(Object.entries(m.cells).map(([f, row]) => [f, Object.fromEntries(Object.keys(row).map((t) => [t, null]))])),
  rowSums: Object.fromEntries(Object.keys(m.rowSums).map((f) => [f, null])), columnSums: Object.fromEntries(Object.keys(m.columnSums).map((t) => [t, null])), total: null,
});
const addAmounts = (xs: (SectorAmounts | null)[]): SectorAmounts | null =>
  xs.some((x) => x === null) ? null : xs.reduce<SectorAmounts>((a, x) => ({ kommun: a.kommun + x!.kommun, region: a.region + x!.region, stat: a.stat + x!.stat, total: a.total + x!.total }), { kommun: 0, region: 0, stat: 0, total: 0 });

/**
 * The whole of a shared insats's movements for the viewer (null for an insats that is not shared that year). The
 * viewer's own part is `own`, never mixed with the others'; the whole hides what would tell another förbund's counts
 * (movements-whole.pure.ts). A viewer that does not see all of its own counts (under its own outcome threshold) gets
 * no count of the whole either, since the whole would then tell its own hidden ones.
 */
async function sharedWhole(ctx: Ctx, forbundId: string, own: InsatsEffect, ownHidden: boolean): Promise<SharedMovements | null> {
  const { interventionId, year } = own;
  const a = await shared.access(ctx, forbundId, interventionId);
  const members = [a.owner, ...a.cofunders.filter((c) => c.accepted && shared.covers(c, year))];
  if (members.length < 2 || !members.some((m) => m.id === forbundId)) return null;
  const others = await Promise.all(members.filter((m) => m.id !== forbundId).map(async (m) => {
    const [mv, org, n1, n2] = await Promise.all([
      repo.findMovements(ctx.db, m.id, interventionId, year), organisation.getOrganisation(ctx, m.id), getNyckeltal(ctx, m.id, year), getNyckeltal(ctx, m.id, year + 1),
    ]);
    // A förbund without a matrix moved nobody in the whole: its effect is 0, not missing.
    const effect = mv ? matrixEffect(mv.matrix, n1, n2) : null;
    return { mv, threshold: Math.max(m.k, org.outcomeThreshold ?? 0), perYear: effect ? effect.perYear : ZERO, twoYears: effect ? effect.twoYears : ZERO };
  }));
  const funding = await repo.fundingByForbund(ctx.db, interventionId, year);
  const end = wholeMatrix(own.matrix, others.map((o) => ({ matrix: o.mv?.matrix ?? null, threshold: o.threshold })));
  const followed = own.oneYearAfter || others.some((o) => o.mv?.oneYearAfter);
  const after = followed ? wholeMatrix(own.oneYearAfter, others.map((o) => ({ matrix: o.mv?.oneYearAfter ?? null, threshold: o.threshold }))) : null;
  const effectHidden = ownHidden || end.hiddenAny;
  const ownEmpty = !Object.keys(own.matrix).length;
  const strip = ({ hiddenAny: _, ...m }: ShownMatrix & { hiddenAny: boolean }): ShownMatrix => (ownHidden ? hideAll(m) : m);
  return {
    role: a.role, forbundCount: members.length,
    matrix: strip(end), oneYearAfter: after && strip(after),
    perYear: effectHidden ? null : addAmounts([ownEmpty ? ZERO : own.perYear, ...others.map((o) => o.perYear)]),
    twoYears: effectHidden ? null : addAmounts([ownEmpty ? ZERO : own.twoYears, ...others.map((o) => o.twoYears)]),
    funding: funding.size ? [...funding.values()].reduce((x, y) => x + y, 0) : null,
  };
}
const ZERO: SectorAmounts = { kommun: 0, region: 0, stat: 0, total: 0 };

/** Every insats with a matrix for the year, with its effect. */
export async function movementsOfYear(ctx: Ctx, forbundId: string, year: number): Promise<InsatsEffect[]> {
  const [org, coFunded, matrices, n1, n2, funding] = await Promise.all([
    organisation.getOrganisation(ctx, forbundId), shared.coFunded(ctx, forbundId), repo.matricesOf(ctx.db, forbundId, year), getNyckeltal(ctx, forbundId, year),
    getNyckeltal(ctx, forbundId, year + 1), repo.fundingOf(ctx.db, forbundId, year),
  ]);
  // A shared insats it co-funds: its own participants' matrix against its own funding (issue 20).
  return [...org.interventions, ...coFunded].filter((i) => matrices.has(i.id)).map((i) => {
    const { matrix, oneYearAfter } = matrices.get(i.id)!;
    return { ...matrixEffect(matrix, n1, n2), interventionId: i.id, name: i.name, year, matrix, oneYearAfter, funding: funding.get(i.id) ?? null, nyckeltal: n1 };
  });
}

// ——— The insatser's economy (002 Bilaga 2 "Resultat för finansierade insatser") ———

export type Economy = { year: number; lines: EconomyLine[]; yearFigures: EconomyYear };

export async function economy(ctx: Ctx, forbundId: string, year: number): Promise<Economy> {
  const [lines, y] = await Promise.all([repo.economyLinesOf(ctx.db, forbundId, year), repo.findEconomyYear(ctx.db, forbundId, year)]);
  return {
    year, lines: lines.map((l) => ({ category: l.category, label: l.label, budget: l.budget, utfall: l.utfall, comment: l.comment })),
    yearFigures: y ?? { egetKapitalIn: null, egetKapitalUt: null, medlemsbidrag: null },
  };
}

export const saveEconomy = transactional(async function saveEconomy(ctx: Ctx, user: ForbundUser, year: number, lines: EconomyLine[], y: EconomyYear) {
  await repo.replaceEconomyLines(ctx.db, user.forbundId, year, lines, ctx.clock.now());
  await repo.upsertEconomyYear(ctx.db, user.forbundId, year, y, ctx.clock.now());
  await audit.record(ctx, user, "socioeconomics.economy_changed", { year, lines: lines.length });
});
