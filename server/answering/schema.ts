/** Input schemas of the public answering pages and the responses API. */
import { z } from "zod";

/** Random tokens we hand out are base64url; anything else is not one of ours. */
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const optionalToken = z.preprocess((v) => (v === "" ? undefined : v), token.optional().catch(undefined));
const lang = z.string().max(20).optional().catch(undefined);

/** The short code: case-insensitive, since people type it from a poster (/e/Shasqcrjdf is /e/shasqcrjdf). */
export const slugParam = z.object({ slug: z.string().toLowerCase().regex(/^[a-z0-9]{4,40}$/) });
export const pageParam = slugParam.extend({ n: z.coerce.number().int().min(1).max(200) });
export const resumeParam = slugParam.extend({ token });

/** ?lang=en&i=<invitation token> on the start page; ?s=<resume token> on a question page. */
export const startQuery = z.object({ lang, i: optionalToken });
/** The resume link's ?vy=steg: continue with one question per page. */
export const resumeQuery = startQuery.extend({ vy: z.enum(["steg", "sidor"]).optional().catch(undefined) });
export const pageQuery = z.object({ lang, i: optionalToken, s: optionalToken });
export const thanksQuery = z.object({ lang });

/**
 * The fields every question page carries besides the answers: the resume token, the language, the
 * invitation token, a fresh submission key, which questions were visible, and the button pressed.
 */
export const pageForm = z.object({
  s: token,
  key: token,
  lang,
  i: optionalToken,
  visible: z.string().max(2000).optional().catch(undefined),
  action: z.enum(["next", "back", "save"]).catch("next"),
});
export type PageForm = z.output<typeof pageForm>;

/** "Skicka länken till mig" on the saved page: the resume token, the language and the invitation token. */
export const resumeMailForm = z.object({ s: token, lang, i: optionalToken, vy: z.enum(["steg", "sidor"]).optional().catch(undefined) });
/** The address the link goes to: used once for that mail, never stored or logged. */
export const resumeMailAddress = z.string().trim().max(254).pipe(z.email());

export const collectionIdParam = z.object({ id: z.uuid() });
export const responsesBody = z.object({
  answers: z.record(z.string(), z.unknown(), { message: "answers ska vara ett objekt med svar per fråga, t.ex. {\"q1\": 5}" }),
});

/** PUT /api/v1/languages/:code {"enabled": true} */
export const languageParam = z.object({ code: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "språkkoder skrivs som ar, so eller sv-lattlast") });
export const languageBody = z.object({ enabled: z.boolean({ message: "enabled ska vara true eller false" }) }).strict();

/** PUT /api/v1/languages/:code/words {"words": {"<key>": "text" | null}}: null (or an empty text) removes the förbund's own. */
export const wordsBody = z.object({
  words: z.record(z.string().max(100), z.string().max(2000, "högst 2 000 tecken").nullable(), { message: "words ska vara ett objekt med en text (eller null) per nyckel" }),
}).strict();
