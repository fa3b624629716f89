/**
 * Answering: the public, anonymous form and the responses API. A response holds the insamling, the
 * date, the language, finished or not and the answers — never who, from where or at what time. An
 * unfinished response is found again only through the sha256 of a random token the respondent holds.
 */
import type { Ctx } from "../context.js";
import type { ForbundUser } from "../http/types.js";
import { questionIssues } from "../http/api.js";
import { ConflictError, ValidationError } from "../errors.js";
import * as collections from "../collections/service.js";
import * as invitations from "../collections/invitations.js";
import { answerIssue, validateAnswers, type AnswerIssue } from "../../surveys/answers.js";
import type { Definition } from "../../surveys/define.js";
import { chooseLanguage, mergePage, newlyAsked, pageInput, pageOf, pruneUnasked, resumePage, type RawAnswers } from "./paging.js";
import type { PageForm } from "./schema.js";
import * as held from "./held.js";
import { nextStep, previousStep, resumeStep, shownStep, stepCount, stepOf, stepSection } from "./steps.pure.js";
import { enabledLanguages, forbundWords, offeredOf, peekEnabled, peekWords } from "./languages.js";
import type { OwnWords } from "./words/index.js";
import * as repo from "./repo.js";
import { hasCatalog, uiFor } from "./words/index.js";
import { randomToken, sha256Hex } from "../crypto.js";
import { swedishDate } from "../dates.js";

/** An insamling as its respondents see it: with the languages offered now and the förbund's own interface words. */
export type Collection = collections.Collection & { words?: OwnWords };

/** A random token for a resume link, a submission key or a page; only its sha256 is ever stored. */
export const newToken = () => randomToken();
const hash = sha256Hex;

// Building the Stockholm date formatter is costly and this runs on every public page. The Swedish date
// cannot change within a UTC minute (Sweden's offsets are whole hours), so one value per minute is exact.
let todayMemo = { minute: NaN, date: "" };
function today(ctx: Ctx): string {
  const now = ctx.clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== todayMemo.minute) todayMemo = { minute, date: swedishDate(now) };
  return todayMemo.date;
}

export type Lookup =
  | { state: "unknown" }
  | { state: "closed" | "notYet"; collection: Collection }
  | { state: "open"; collection: Collection };

function stateOf(ctx: Ctx, collection: Collection | undefined): Lookup {
  if (!collection) return { state: "unknown" };
  const day = today(ctx);
  if (collections.isOpen(collection, day)) return { state: "open", collection };
  const notYet = collection.status === "utkast" || (collection.status === "oppen" && !!collection.opensOn && day < collection.opensOn);
  return { state: notYet ? "notYet" : "closed", collection };
}

// The insamling as its respondents see it: only the languages offered now (offered.pure.ts), with the
// förbund's own words. One object per cached insamling, offered languages and own words (the same object
// while they are unchanged, questionnaires/languages.ts), so that the recorded first pages (fast.ts, kept
// per insamling object) stay until one of them changes.
const offeredMemo = new WeakMap<collections.Collection, { offered: string; words: OwnWords; collection: Collection }>();
function asOffered(c: collections.Collection, enabled: ReadonlySet<string>, words: OwnWords): Collection {
  const offered = offeredOf(c.languages, enabled, words);
  const key = offered.join();
  const hit = offeredMemo.get(c);
  if (hit && hit.offered === key && hit.words === words) return hit.collection;
  const collection = key === c.languages.join() && !Object.keys(words).length ? c : { ...c, languages: offered, words };
  offeredMemo.set(c, { offered: key, words, collection });
  return collection;
}

/** The insamling at a public address and whether it takes answers today (from the insamlingar's cache). */
export async function lookup(ctx: Ctx, slug: string): Promise<Lookup> {
  const c = await collections.findBySlugCached(ctx, slug);
  if (!c) return stateOf(ctx, undefined);
  const [enabled, words] = await Promise.all([enabledLanguages(ctx, c.forbundId), forbundWords(ctx, c.forbundId)]);
  return stateOf(ctx, asOffered(c, enabled, words));
}

/** lookup when the insamling and its förbund's languages and words are in the caches already; undefined means "ask lookup". No database access. */
export function peek(ctx: Ctx, slug: string): Lookup | undefined {
  const c = collections.peekBySlug(ctx, slug);
  const enabled = c && peekEnabled(ctx, c.forbundId);
  const words = c && peekWords(ctx, c.forbundId);
  return c && enabled && words && stateOf(ctx, asOffered(c, enabled, words));
}

/** The languages an insamling's respondents are offered now (for its JSON): the same rule as its public pages. */
export async function offeredLanguages(ctx: Ctx, c: Pick<collections.Collection, "forbundId" | "languages">): Promise<string[]> {
  const [enabled, words] = await Promise.all([enabledLanguages(ctx, c.forbundId), forbundWords(ctx, c.forbundId)]);
  return offeredOf(c.languages, enabled, words);
}

export { chooseLanguage };

type InvitationState = { state: "none" } | { state: "answered" } | { state: "open"; invitationId: string };

/** A personal invitation link: none (no such invitation), answered (released or still held) or open. */
async function invitation(ctx: Ctx, c: Collection, token?: string): Promise<InvitationState> {
  if (!token) return { state: "none" };
  const found = await invitations.findInvitation(ctx, c.id, token);
  if (!found) return { state: "none" };
  if (found.answered || (await held.isWaiting(ctx, c.id, found.id))) return { state: "answered" };
  return { state: "open", invitationId: found.id };
}

/** Whether a personal invitation link has been used already ("none" when there is no such invitation). */
export async function invitationState(ctx: Ctx, c: Collection, token?: string): Promise<"none" | "open" | "answered"> {
  return (await invitation(ctx, c, token)).state;
}

/** The answers saved under a resume token so far; finished when that response is already sent. */
export async function progress(ctx: Ctx, c: Collection, token?: string): Promise<{ answers: RawAnswers; finished: boolean; language?: string; exists: boolean }> {
  const row = token ? await repo.findByToken(ctx.db, c.id, hash(token)) : undefined;
  if (!row) return { answers: {}, finished: false, exists: false };
  return { answers: row.answers, finished: row.finished, language: row.language, exists: true };
}

/**
 * How the form is laid out: "sidor", one page per section (the questionnaire's parts, as on paper), or
 * "steg", one question per page (see steps.pure.ts). The respondent chooses on the start page; the mode
 * lives in the address (/fraga/n or /steg/n) and in the resume link, never in the response.
 */
export type Mode = "sidor" | "steg";

/** Where a resume link continues, or undefined when the link leads to no saved response. */
export async function resume(ctx: Ctx, c: Collection, token: string, mode: Mode = "sidor"): Promise<{ page: number; language: string; finished: boolean } | undefined> {
  const p = await progress(ctx, c, token);
  if (!p.exists) return undefined;
  const page = mode === "steg" ? resumeStep(c.definition, p.answers) : resumePage(c.definition, p.answers);
  return { page, language: chooseLanguage(c, p.language), finished: p.finished };
}

/** What submitPage needs to know of a page or a step: its questions, where a key is, and where the buttons lead. */
type Layout = {
  section: ReturnType<typeof stepSection>;
  /** The page or step a form key is on. */
  unitOf: (key: string) => number;
  isLast: (answers: RawAnswers) => boolean;
  next: (answers: RawAnswers) => number;
  back: (answers: RawAnswers) => number;
  /** Whether an answer can open a follow-up on the same page (never on a step: it holds one question). */
  reveals: boolean;
};

function layoutOf(def: Definition, n: number, mode: Mode): Layout {
  if (mode === "steg") {
    return {
      section: stepSection(def, n), unitOf: (key) => stepOf(def, key), isLast: (a) => nextStep(def, n, a) === undefined,
      next: (a) => nextStep(def, n, a) ?? n, back: (a) => previousStep(def, n, a) ?? shownStep(def, 1, a), reveals: false,
    };
  }
  return {
    section: def.sections[n - 1], unitOf: (key) => pageOf(def, key), isLast: () => n === def.sections.length,
    next: () => n + 1, back: () => Math.max(1, n - 1), reveals: true,
  };
}

/**
 * The poster's and card's line under one language's QR code ("Skanna koden …"), in that language and in the
 * förbund's own words when it has written them (Språk page), as the respondent pages say it; a language
 * without interface words of its own (fi, pl) gets the Swedish line, marked Swedish.
 */
export const posterScanLine = (lang: string, own?: OwnWords): { text: string; lang: string } =>
  ({ text: uiFor(lang, own).posterScan, lang: hasCatalog(lang) ? (lang === "sv-lattlast" ? "sv" : lang) : "sv" });

export type ResumeMailOutcome = "sent" | "failed" | "unknown" | "finished" | "no-smtp";

/**
 * Sends a saved-answers link once, to an address the respondent typed. Straight to the SMTP server and
 * never through the outbox (mail_outbox keeps its recipients, and a queued row would also keep the link,
 * which opens the answers): the address is in no table, no file and no log line, and a failed delivery is
 * not retried — the respondent still has the link on the page. Without an SMTP server nothing is sent.
 */
export async function mailResumeLink(ctx: Ctx, c: Collection, token: string, mail: { to: string; subject: string; text: string }): Promise<ResumeMailOutcome> {
  const deliver = ctx.mailer.deliver;
  if (!deliver) return "no-smtp";
  const p = await progress(ctx, c, token);
  if (!p.exists) return "unknown";
  if (p.finished) return "finished";
  try {
    await deliver(mail);
    return "sent";
  } catch {
    // The SMTP server's error may name the address: only the fact is logged.
    ctx.log.error("En sparad svarslänk kunde inte skickas med e-post (SMTP-servern svarade inte eller avvisade mejlet).");
    return "failed";
  }
}

export type PageOutcome =
  /** Something on the page must be corrected: render it again with these issues and the values as typed. */
  | { kind: "invalid"; page: number; issues: AnswerIssue[]; values: RawAnswers }
  /** An answer opened a follow-up question on the same page (without the script): show the page again. */
  | { kind: "reveal"; page: number; values: RawAnswers; revealed: string[] }
  | { kind: "moved"; page: number }
  | { kind: "saved" }
  | { kind: "finished" }
  /** The insamling closed while the respondent was answering (the database says so on the final submit). */
  | { kind: "closed"; lookup: Exclude<Lookup, { state: "open" }> }
  /** The personal invitation link was used already. */
  | { kind: "answered" };

/**
 * One page sent: merges its fields into the answers so far, checks them (required answers only when
 * going forward; personal data always), and saves, moves, or finishes. Nothing invalid is stored.
 */
export async function submitPage(ctx: Ctx, c: Collection, n: number, form: PageForm, body: Record<string, unknown>, mode: Mode = "sidor"): Promise<PageOutcome> {
  const def = c.definition;
  const layout = layoutOf(def, n, mode);
  const { section } = layout;
  const language = chooseLanguage(c, form.lang);
  const tokenHash = hash(form.s);
  // One read: the answers saved under this token (a resent final page finds its response finished).
  const stored = await repo.findByToken(ctx.db, c.id, tokenHash);
  if (stored?.finished) return { kind: "finished" };
  const invited = await invitation(ctx, c, form.i);
  if (invited.state === "answered") return { kind: "answered" };

  const input = pageInput(section, body);
  const merged = pruneUnasked(def, mergePage(stored?.answers ?? {}, section, input));
  const forward = form.action === "next";
  const last = layout.isLast(merged);
  if (layout.reveals && forward && form.visible !== undefined) {
    const revealed = newlyAsked(def, n, merged, new Set(form.visible.split(/[\s,]+/)));
    if (revealed.length) return { kind: "reveal", page: n, values: merged, revealed };
  }
  const onPage = new Set(section.questions.map((q) => q.id));
  const { answers, issues } = validateAnswers(def, merged, { requireAnswers: forward, onlyQuestions: last && forward ? undefined : onPage });
  const pageIssues = issues.filter((i) => layout.unitOf(i.question) === n);
  if (pageIssues.length) return { kind: "invalid", page: n, issues: pageIssues, values: merged };
  const owner = { collectionId: c.id, forbundId: c.forbundId, language, answeredOn: today(ctx) };
  if (issues.length) {
    // A required answer on an earlier page is missing (say after "Spara och fortsätt senare"): keep this
    // page's answers and show that page.
    const kept = validateAnswers(def, merged, { requireAnswers: false });
    if (!(await repo.saveUnfinished(ctx.db, { ...owner, tokenHash, answers: kept.answers }))) return { kind: "finished" };
    const page = Math.min(...issues.map((i) => layout.unitOf(i.question) || n));
    return { kind: "invalid", page, issues: issues.filter((i) => layout.unitOf(i.question) === page), values: merged };
  }
  if (!(last && forward)) {
    const saved = await repo.saveUnfinished(ctx.db, { ...owner, tokenHash, answers });
    if (!saved) return { kind: "finished" };
    if (form.action === "save") return { kind: "saved" };
    return { kind: "moved", page: forward ? layout.next(answers) : layout.back(answers) };
  }
  if (invited.state === "open") {
    // Through a personal invitation: held apart until at least k such answers can be released together
    // (held.ts), so that nothing in the database ties the invitation to its answers.
    const outcome = await held.holdInvitedAnswers(ctx, { ...owner, invitationId: invited.invitationId, tokenHash, answers });
    if (outcome === "answered") return { kind: "answered" };
    if (outcome === "held") return { kind: "finished" };
    const now = await refreshed(ctx, c);
    return now.state === "open" ? { kind: "finished" } : { kind: "closed", lookup: now };
  }
  // One write, which also checks in the database that the insamling is still open: another process may
  // have closed it within the insamlingar cache's few seconds.
  const id = await repo.finish(ctx.db, { ...owner, tokenHash, submissionKey: form.key, answers });
  if (!id) {
    const now = await refreshed(ctx, c);
    return now.state === "open" ? { kind: "finished" } : { kind: "closed", lookup: now };
  }
  return { kind: "finished" };
}

/** The insamling as the database has it now (the cache may be a few seconds old); the cache learns of a change. */
async function refreshed(ctx: Ctx, c: Collection): Promise<Lookup> {
  const now = stateOf(ctx, await collections.findBySlug(ctx, c.slug));
  if (now.state !== "open") collections.forgetCollection(ctx, c);
  return now;
}

/** The insamling a token's user manages (404 another förbund, 403 another kommunområde), if it is open today (else 409). */
export async function openManaged(ctx: Ctx, user: ForbundUser, collectionId: string): Promise<Collection> {
  const c = await collections.getManagedCached(ctx, user, collectionId);
  if (!collections.isOpen(c, today(ctx))) throw notOpen();
  return c;
}
const notOpen = () => new ConflictError("Insamlingen tar inte emot svar i dag: den är inte öppen.");

/** Stores a finished response dated today from the API; every problem is reported by question (422). */
export async function storeApiResponse(ctx: Ctx, c: Collection, input: Record<string, unknown>): Promise<{ id: string }> {
  const { answers, issues } = validateAnswers(c.definition, input, { requireAnswers: true });
  if (!Object.keys(input).length) issues.push(answerIssue("answers", "no_answers", {}));
  if (issues.length) throw new ValidationError("Svaren innehåller fel; se issues.", questionIssues(issues));
  const id = await repo.insertFinished(ctx.db, {
    collectionId: c.id, forbundId: c.forbundId, answers, language: chooseLanguage(c), answeredOn: today(ctx),
  });
  if (!id) {
    // Closed in the database (by another process) although this process's cache still had it open.
    collections.forgetCollection(ctx, c);
    throw notOpen();
  }
  return { id };
}

/** Finished responses and, counted apart, ej slutförda. */
export async function countResponses(ctx: Ctx, collectionId: string) {
  return repo.countResponses(ctx.db, collectionId);
}

/** Number of pages (one per section), or of steps (one per question). */
export const pageCount = (def: Definition, mode: Mode = "sidor") => (mode === "steg" ? stepCount(def) : def.sections.length);

/** The step an address for step n shows, given the answers so far (a step whose question is not asked leads on). */
export const shownStepOf = (c: Collection, n: number, answers: RawAnswers) => shownStep(c.definition, n, answers);
