/** One uploaded file in memory (multer), with a too-large or malformed upload told in Swedish instead of failing the request. */
import multer from "multer";
import type { RequestHandler } from "express";

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
