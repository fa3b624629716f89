/**
 * Uploads: one file in memory (multer), with a too-large or malformed upload told in Swedish instead of
 * failing the request; and what lets an upload be refused before its body is read — the declared size,
 * and the first field of the form (where the page's form puts its CSRF token).
 */
import type { IncomingMessage } from "node:http";
import multer from "multer";
import type { RequestHandler } from "express";
import { HttpError } from "../errors.js";

export function uploadOne(field: string, maxBytes: number): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 20 } }).single(field);
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err) {
        const tooLarge = err instanceof multer.MulterError && err.code === "LIMIT_FILE_SIZE";
        res.locals.uploadError = tooLarge ? `Filen är för stor: högst ${Math.round(maxBytes / 1024 / 1024)} MB.` : "Filen kunde inte läsas. Välj filen igen.";
      }
      next();
    });
  };
}

/**
 * Refuses a body whose declared length (Content-Length) is over `maxBytes`, before a byte of it is read
 * (a body parser's own limit answers only after it has read the whole body off the connection). A browser
 * always declares the length of a form, so there a body without one is refused too; an API client may
 * stream, and its parser's limit then holds.
 */
export function declaredAtMost(maxBytes: number, tooLarge: string, opts: { lengthRequired: boolean } = { lengthRequired: true }): RequestHandler {
  return (req, _res, next) => {
    const declared = req.get("content-length");
    if (declared === undefined) return next(opts.lengthRequired ? new HttpError(411, "length_required", "Begäran saknar längd (Content-Length).") : undefined);
    if (!(Number(declared) <= maxBytes)) return next(new HttpError(413, "too_large", tooLarge));
    next();
  };
}

/**
 * The first field of a form body from the body's start `text` (`complete` when that is the whole body):
 * its name as soon as it can be read, and `done` once its value is whole too, or when the body is not a
 * form whose first field can be read at all.
 */
export function firstField(text: string, contentType: string, complete: boolean): { done: boolean; name?: string; value?: string } {
  const decode = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch { return ""; } };
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    const end = text.indexOf("&");
    const pair = end < 0 ? text : text.slice(0, end);
    const eq = pair.indexOf("=");
    const name = eq < 0 ? (end < 0 && !complete ? undefined : decode(pair)) : decode(pair.slice(0, eq));
    if (end < 0 && !complete) return { done: false, name };
    return { done: true, name, value: eq < 0 ? "" : decode(pair.slice(eq + 1)) };
  }
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return { done: true };
  const dash = `--${boundary[1] ?? boundary[2]}`;
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return { done: complete || text.length > 4096 };
  const head = text.slice(0, split);
  if (!head.startsWith(`${dash}\r\n`)) return { done: true };
  const name = /^content-disposition:\s*form-data\s*;(?:[^\r\n]*?;)?\s*name="([^"]*)"/im.exec(head)?.[1];
  if (name === undefined) return { done: true };
  const end = text.indexOf(`\r\n${dash}`, split);
  if (end < 0) return { done: complete, name };
  return { done: true, name, value: text.slice(split + 4, end) };
}

/**
 * Reads the start of a body until `enough` says so, or `max` bytes, and puts it back for the parser that
 * follows (urlencoded or multer read the whole body as if nothing had happened). Never reads past the
 * declared length, so the stream does not end before the parser has had it.
 */
export function peekBody(req: IncomingMessage, max: number, enough: (head: Buffer, complete: boolean) => boolean): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? Infinity);
  const limit = Math.min(max, declared);
  // A parser earlier in the chain has read the body already: waiting for it would never end.
  if (req.readableFlowing || req.readableEnded) return Promise.reject(new Error("peekBody: kroppen har redan lästs"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const detach = () => { req.off("readable", onReadable); req.off("error", onError); req.off("end", onEnd); };
    // A sender that gives up half-way is not the server's error: a 400, not a logged 500.
    const onError = () => { detach(); reject(new HttpError(400, "bad_request", "Begäran tog slut innan hela formuläret kom.")); };
    const onEnd = onError;
    const done = () => {
      detach();
      const head = Buffer.concat(chunks);
      if (head.length) req.unshift(head);
      resolve(head);
    };
    function onReadable() {
      let chunk: Buffer | null;
      while (size < limit && (chunk = req.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        size += chunk.length;
        if (enough(Buffer.concat(chunks), size >= declared)) return done();
      }
      if (size >= limit) done();
    }
    req.on("readable", onReadable);
    req.once("error", onError);
    req.once("end", onEnd);
  });
}

/** The value of the form's first field if it is `name` (read with peekBody, stopping as soon as the answer is known), otherwise undefined. */
export async function leadingField(req: IncomingMessage, name: string): Promise<string | undefined> {
  const type = req.headers["content-type"] ?? "";
  let field: ReturnType<typeof firstField> = { done: false };
  await peekBody(req, 16 * 1024, (head, complete) => {
    field = firstField(head.toString("latin1"), type, complete);
    return field.done || (field.name !== undefined && field.name !== name);
  });
  return field.done && field.name === name ? field.value : undefined;
}
