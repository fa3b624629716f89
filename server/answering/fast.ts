/**
 * The two pages everyone who scans a poster's QR code asks for — the start page and the first question
 * page of an open insamling, on a first visit — are the same for every respondent except the question
 * page's two random hidden fields (the resume token and the submission key); so is the thanks page every
 * finished response ends on (without any random field). The Express route renders
 * such a page once and records it (status, the headers helmet and the route set, the HTML with the two
 * fields as slots); after that, and for as long as the insamling stays in the insamlingar cache, the
 * app's entry point sends the recording with fresh random values straight from node:http, before
 * Express (whose own cost per request is several times that of sending the page).
 *
 * Both ways send the same bytes: the Express route also sends through `send` below. Anything else —
 * another query string, a resume token, an invitation, HEAD, a closed insamling, one not in the cache
 * — goes through Express as before.
 */
import crypto from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Response } from "express";
import type { Ctx } from "../context.js";
import * as answering from "./service.js";
import * as present from "./present.js";

type Recording = { status: number; headers: OutgoingHttpHeaders; parts: Buffer[]; slots: Slot[]; length: number };
type Slot = "token" | "key";
type PageKind = "start" | "page" | "step" | "thanks";

// Stand-ins for the random values while rendering: as long as a real token, so the length is known.
const SLOT_TEXT: Record<Slot, string> = { token: "samsparSlotForTheResumeTokenXX01", key: "samsparSlotForTheSubmissionKey01" };
const SLOTS = new RegExp(`(${Object.values(SLOT_TEXT).join("|")})`);
const slotOf = (text: string) => (Object.keys(SLOT_TEXT) as Slot[]).find((s) => SLOT_TEXT[s] === text)!;
if (Object.values(SLOT_TEXT).some((t) => t.length !== answering.newToken().length)) throw new Error("platshållarna ska vara lika långa som en token");

/** The slots' stand-in values, to render a recordable page with. */
export const slotValues = { token: SLOT_TEXT.token, key: SLOT_TEXT.key };

// Per app (its ctx) and per insamling as read into the cache: a changed insamling is a new object,
// and its recordings go with the old one.
const stores = new WeakMap<Ctx, WeakMap<object, Map<string, Recording>>>();
function recordings(ctx: Ctx, c: answering.Collection): Map<string, Recording> {
  let perApp = stores.get(ctx);
  if (!perApp) stores.set(ctx, perApp = new WeakMap());
  let m = perApp.get(c);
  if (!m) perApp.set(c, m = new Map());
  return m;
}
const keyOf = (kind: PageKind, lang: string) => `${kind}:${lang}`;

// Random bytes for the slots, drawn from the system in blocks of 128 tokens rather than one call each.
const TOKEN_BYTES = 24;
let pool = Buffer.alloc(0), used = 0;
function writeToken(into: Buffer, at: number): number {
  if (used + TOKEN_BYTES > pool.length) { pool = crypto.randomFillSync(Buffer.allocUnsafe(TOKEN_BYTES * 128)); used = 0; }
  const token = pool.toString("base64url", used, used += TOKEN_BYTES);
  return into.write(token, at, "latin1");
}

/** Sends a recording with a fresh random value in each slot, or the respondent's own token in the token slots when given. */
function send(res: ServerResponse, r: Recording, token?: string) {
  const tokens = token === undefined ? 0 : r.slots.filter((s) => s === "token").length;
  const length = r.length + tokens * (Buffer.byteLength(token ?? "") - SLOT_TEXT.token.length);
  const body = Buffer.allocUnsafe(length);
  let at = r.parts[0].copy(body, 0);
  for (let i = 0; i < r.slots.length; i++) {
    at += token !== undefined && r.slots[i] === "token" ? body.write(token, at, "latin1") : writeToken(body, at);
    at += r.parts[i + 1].copy(body, at);
  }
  res.writeHead(r.status, length === r.length ? r.headers : { ...r.headers, "content-length": length });
  res.end(body);
}

/**
 * Renders a recordable page through Express (with the slots' stand-ins in the model), records it, and
 * sends it with fresh values. The model must not depend on anything but the insamling, kind and language.
 */
export async function renderAndRecord(ctx: Ctx, res: Response, c: answering.Collection, kind: PageKind, lang: string, view: string, model: object) {
  const r = await record(res, view, model);
  if (res.statusCode === 200) recordings(ctx, c).set(keyOf(kind, lang), r);
  send(res, r);
}

async function record(res: Response, view: string, model: object): Promise<Recording> {
  const html = await new Promise<string>((resolve, reject) => res.render(view, model, (err, out) => (err ? reject(err) : resolve(out))));
  res.type("html");
  const [first, ...rest] = html.split(SLOTS);
  const parts = [Buffer.from(first)], slots: Slot[] = [];
  for (let i = 0; i < rest.length; i += 2) { slots.push(slotOf(rest[i])); parts.push(Buffer.from(rest[i + 1])); }
  const length = Buffer.byteLength(html);
  const headers = { ...res.getHeaders(), "content-length": length };
  return { status: res.statusCode, headers, parts, slots, length };
}

type FormKey = { mode: answering.Mode; n: number; lang: string; shape: string };
const formKeyOf = (f: FormKey) => `form:${f.mode}:${f.n}:${f.lang}:${f.shape}`;

// A page's shapes (formShape) are few (which follow-ups show); an insamling keeps at most this many recorded.
const MAX_FORMS = 500;

/**
 * A question page or step of a response under way, shown without errors and with none of its own fields
 * saved yet (the common case: the page after the one just sent): the same for every respondent with the
 * same `shape` (present.formShape) but for the resume token and a fresh submission key. Recorded once per
 * shape from Express's rendering of `model` (built with the slots' stand-ins), then sent with this
 * respondent's token. Only stand-ins are ever recorded, never a respondent's token or answers.
 */
export async function renderForm(ctx: Ctx, res: Response, c: answering.Collection, form: FormKey, token: string, view: string, model: () => object) {
  const m = recordings(ctx, c);
  const key = formKeyOf(form);
  let r = m.get(key);
  if (!r) {
    r = await record(res, view, model());
    if (r.status === 200 && m.size < MAX_FORMS) m.set(key, r);
  }
  send(res, r, token);
}

// The start page, the first page of either mode: /fraga/1 (a part at a time) or /steg/1 (a question at a time),
// and the thanks page that every finished response is sent to (the same for all, and no random field).
const FIRST_VISIT = /^\/e\/([A-Za-z0-9]{4,40})(?:\/(fraga\/1|steg\/1|tack))?(?:\?lang=([A-Za-z-]{1,20}))?$/;
const patterns = { start: "/e/:slug", page: "/e/:slug/fraga/:n", step: "/e/:slug/steg/:n", thanks: "/e/:slug/tack" } as const;
const kinds: Record<string, PageKind> = { "fraga/1": "page", "steg/1": "step", tack: "thanks" };

/**
 * Sends a recorded page for a first visit when there is one for this insamling (open today, in the
 * cache) and language, and returns the pattern of the Express route it stands for (for the access log);
 * false when the request must go through Express.
 */
export function serveRecorded(ctx: Ctx, req: IncomingMessage, res: ServerResponse): (typeof patterns)[PageKind] | false {
  if (req.method !== "GET") return false;
  const m = FIRST_VISIT.exec(req.url ?? "");
  if (!m) return false;
  const found = answering.peek(ctx, m[1].toLowerCase());
  if (found?.state !== "open") return false;
  const c = found.collection;
  // Keyed by the language the Express route would choose, the browser's Accept-Language included.
  const kind: PageKind = m[2] ? kinds[m[2]] : "start";
  const r = recordings(ctx, c).get(keyOf(kind, answering.chooseLanguage(c, m[3], req.headers["accept-language"])));
  if (!r) return false;
  send(res, r);
  return patterns[kind];
}

// A page or step of a response under way as the form's own redirect gives it (hrefs.page, hrefs.step without an invitation).
const UNDER_WAY = /^\/e\/([A-Za-z0-9]{4,40})\/(fraga|steg)\/([1-9][0-9]{0,2})\?s=([A-Za-z0-9_-]{20,100})&lang=([A-Za-z-]{1,20})$/;

/** Whether serveUnderWay may be able to answer this request (a GET of that exact form, for an insamling open in the cache). */
export function isUnderWay(ctx: Ctx, req: IncomingMessage): boolean {
  if (req.method !== "GET") return false;
  const m = UNDER_WAY.exec(req.url ?? "");
  return !!m && answering.peek(ctx, m[1].toLowerCase())?.state === "open";
}

/**
 * The page after the one just sent (GET /e/:slug/fraga/:n?s=…&lang=…), before Express: the same steps as the
 * Express route (routes.ts, showPage) for this one case — the insamling open in the cache, the page within
 * the form, the response under way not finished, the step one that is asked — and then the recording of
 * the page's shape (renderForm) with the respondent's token. The pattern of the route it stands for, or
 * false when anything else applies (or the recording is not made yet): then Express answers it as before.
 */
export async function serveUnderWay(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<(typeof patterns)["page" | "step"] | false> {
  const m = UNDER_WAY.exec(req.url ?? "");
  const found = m && answering.peek(ctx, m[1].toLowerCase());
  if (!m || found?.state !== "open") return false;
  const c = found.collection;
  const mode: answering.Mode = m[2] === "steg" ? "steg" : "sidor";
  const n = Number(m[3]), token = m[4];
  if (n > 200 || n > answering.pageCount(c.definition, mode)) return false; // pageParam's bounds, and the form's
  const lang = answering.chooseLanguage(c, m[5], req.headers["accept-language"]);
  const saved = await answering.progress(ctx, c, token);
  if (saved.finished) return false;
  if (mode === "steg" && answering.shownStepOf(c, n, saved.answers) !== n) return false;
  const shape = present.formShape(c, mode, n, lang, saved.answers);
  const r = shape && recordings(ctx, c).get(formKeyOf({ mode, n, lang, shape }));
  if (!r) return false;
  send(res, r, token);
  return mode === "steg" ? patterns.step : patterns.page;
}
