/** What the insamling pages and the collections API show, built from the service's Collection. */
import type { Ctx } from "../context.js";
import { standardSurveys } from "../../surveys/index.js";
import { isNational, languageNames, questionsOf, respondentGroups, rtlLanguages, samsparWording, shortTitleSource, tr, type Definition, type Text } from "../../surveys/define.js";
import { languageUrl, publicUrl, statusLabels, type Collection, type ResponseCounts } from "./service.js";
import { posterScanLine } from "../answering/service.js";
import type { OwnWords } from "../answering/words/index.js";
import { addressDeletion, DEFAULT_RETENTION_DAYS, type InvitationCounts } from "./invitations.js";

type Names = { areas: Map<string, string>; interventions: Map<string, string> };

/** The contract of GET /api/v1/collections/:id (and each item of the list); `languages`: those its respondents are offered now. */
export function collectionJson(ctx: Ctx, c: Collection, responses: ResponseCounts, languages: string[]) {
  return {
    id: c.id,
    slug: c.slug,
    url: publicUrl(ctx, c.slug),
    name: c.name,
    questionnaire: c.questionnaireId,
    questionnaireVersion: c.questionnaireVersion,
    year: c.year,
    interventionId: c.interventionId,
    areaId: c.areaId,
    respondentGroup: c.respondentGroup,
    opensAt: c.opensOn,
    closesAt: c.closesOn,
    languages,
    // The start page offers one question per page first.
    onePerPage: c.onePerPage,
    status: c.status,
    // null: the förbund's standard (DEFAULT_RETENTION_DAYS).
    invitationRetentionDays: c.invitationRetentionDays,
    // How many were asked, typed by staff: the response rate's denominator before invitations and the insatsrapport; null: unknown.
    asked: c.asked,
    responses: { finished: responses.finished, unfinished: responses.unfinished },
  };
}

/** The status as a person reads it: "Öppen" only when answers are actually taken today. */
export function statusText(c: Pick<Collection, "status" | "opensOn" | "closesOn">, today: string): string {
  if (c.status === "oppen" && c.opensOn && today < c.opensOn) return `Öppnar ${c.opensOn}`;
  if (c.status === "oppen" && c.closesOn && today > c.closesOn) return "Stängd (slutdatumet har passerat)";
  return statusLabels[c.status];
}

const languageList = (codes: string[]) => codes.map((l) => languageNames[l] ?? l).join(", ");
const groupLabel = (g: string | null) => (g ? respondentGroups[g as keyof typeof respondentGroups] ?? g : "");

/** A row of the insamlingar list. */
export function listRow(c: Collection, names: Names, counts: ResponseCounts, today: string) {
  return {
    id: c.id, name: c.name, questionnaireTitle: tr(c.definition.title, "sv"), year: c.year,
    interventionName: c.interventionId ? names.interventions.get(c.interventionId) ?? "" : "",
    areaName: c.areaId ? names.areas.get(c.areaId) ?? "" : "",
    statusText: statusText(c, today), opensOn: c.opensOn ?? "", closesOn: c.closesOn ?? "",
    finished: counts.finished, unfinished: counts.unfinished,
  };
}

/** Everything the insamling's own page shows. */
export function detailView(ctx: Ctx, c: Collection, names: Names, counts: ResponseCounts, invitations: InvitationCounts, today: string) {
  const row = listRow(c, names, counts, today);
  const open = row.statusText === statusLabels.oppen;
  return {
    ...row,
    url: publicUrl(ctx, c.slug),
    questionnaireVersion: c.questionnaireVersion,
    respondentGroup: groupLabel(c.respondentGroup),
    languages: languageList(c.languages),
    onePerPage: c.onePerPage ? "En fråga per sida (de svarande kan välja flera frågor per sida)" : "Flera frågor per sida (de svarande kan välja en fråga per sida)",
    status: c.status,
    isOpen: open,
    // The buttons that make sense from here: open a draft, close an open one, reopen a closed one.
    statusActions: c.status === "utkast" ? [{ status: "oppen", label: "Öppna insamlingen" }]
      : c.status === "oppen" ? [{ status: "stangd", label: "Stäng insamlingen" }]
      : [{ status: "oppen", label: "Öppna insamlingen igen" }],
    languageChoices: c.definition.languages.filter((l) => l !== "sv").map((l) => ({ value: l, label: languageNames[l] ?? l })),
    invitations,
    retention: retentionView(c, today, invitations.withAddress),
    autoReminder: c.autoReminderDays
      ? `Påminnelse skickas automatiskt ${c.autoReminderDays} ${c.autoReminderDays === 1 ? "dag" : "dagar"} efter inbjudan, en gång, till den som inte har svarat.`
      : "Inga automatiska påminnelser.",
  };
}

/** How long invitation addresses are kept, and the day they go, in words. */
export function retentionView(c: Pick<Collection, "status" | "closedOn" | "closesOn" | "invitationRetentionDays">, today: string, withAddress: number) {
  const days = c.invitationRetentionDays ?? DEFAULT_RETENTION_DAYS;
  const standard = c.invitationRetentionDays === null;
  const rule = days === 0 ? "dagen efter att insamlingen har stängts" : `när insamlingen har varit stängd i mer än ${days} ${days === 1 ? "dag" : "dagar"}`;
  const d = addressDeletion(c, today);
  const when = !d ? "Dagen bestäms när insamlingen stängs."
    : d.planned ? `Om insamlingen stänger på slutdatumet raderas de ${d.on} (tidigare om den stängs före slutdatumet).`
    : d.on <= today ? (withAddress ? "De raderas vid nästa automatiska gallring, inom en timme." : "Inga adresser finns sparade.")
    : `De raderas ${d.on}.`;
  return {
    rule: `E-postadresserna till inbjudningarna raderas automatiskt ${rule}${standard ? " (förbundets standard)" : ""}.`,
    when,
    standardDays: DEFAULT_RETENTION_DAYS,
  };
}

// Without the scheme the address is shorter to type, and every browser still finds it.
const withoutScheme = (url: string) => url.replace(/^https?:\/\//, "");
const htmlLang = (code: string) => (code === "sv-lattlast" ? "sv" : code);

/** A questionnaire text in one language, or its Swedish marked as Swedish where that language has none. */
function inLanguage(t: Text | undefined, code: string): { text: string; lang: string } {
  const own = t?.[code];
  return own ? { text: own, lang: htmlLang(code) } : { text: t?.sv ?? "", lang: "sv" };
}

/** One QR code for one language on the poster or card: its name, the short title and the scan line in that language. */
export type LanguageQr = {
  code: string; name: string; lang: string; dir: "rtl" | "ltr"; title: { text: string; lang: string }; scan: { text: string; lang: string };
  url: string; shortUrl: string; qrDataUri: string;
};

/** The languages one can answer in, each in its own name and script (lang/dir), so a passer-by sees theirs. */
export const offeredLanguages = (c: Pick<Collection, "languages">) => c.languages.map((code) => ({
  code, name: languageNames[code] ?? code, lang: htmlLang(code), dir: rtlLanguages.has(code) ? "rtl" as const : "ltr" as const,
}));

/** A QR code per offered language (pure: the codes' SVG is made by the service and passed in by language). */
export function languageQrs(ctx: Ctx, c: Collection, svgByLanguage: ReadonlyMap<string, string>, own?: OwnWords): LanguageQr[] {
  const def = c.definition;
  return offeredLanguages(c).map((l) => {
    const url = languageUrl(ctx, c.slug, l.code);
    return {
      ...l, title: inLanguage(def.shortTitle ?? def.title, l.code), scan: posterScanLine(l.code, own),
      url, shortUrl: withoutScheme(url), qrDataUri: svgDataUri(svgByLanguage.get(l.code) ?? ""),
    };
  });
}

export const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

/**
 * The printable poster and card: the short title a respondent reads first (Samspår's wording in a standard
 * questionnaire, so never called national), the formal title beside it, the offered languages in their own
 * names, and one QR code, or one per language when asked (`perLanguage`).
 */
export function posterView(ctx: Ctx, c: Collection, interventionName: string, opts: { perLanguage: boolean; qrs: LanguageQr[]; qrDataUri: string }) {
  const url = publicUrl(ctx, c.slug);
  const def = c.definition;
  const many = c.languages.length > 1;
  return {
    id: c.id, title: tr(def.title, "sv"), shortTitle: def.shortTitle ? tr(def.shortTitle, "sv") : "", shortTitleSource: shortTitleSource(def), interventionName, closesOn: c.closesOn ?? "",
    shortUrl: withoutScheme(url), url, qrDataUri: opts.qrDataUri,
    languages: many ? offeredLanguages(c) : [],
    perLanguage: many && opts.perLanguage, qrs: many && opts.perLanguage ? opts.qrs : [],
    canChoose: many,
  };
}

/** The card sheet: eight cards on an A4 page to cut out; with a QR code per language, the languages in turn. */
export function cardView(poster: ReturnType<typeof posterView>) {
  const CARDS = 8;
  const n = poster.qrs.length;
  const count = n ? Math.ceil(n / CARDS) * CARDS : CARDS;
  return { ...poster, cards: Array.from({ length: count }, (_, i) => (n ? poster.qrs[i % n] : undefined)) };
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const asList = (v: unknown): string[] => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
type Input = Record<string, unknown> | undefined;
/** A checkbox as typed ("ja") or a stored boolean. */
const ticked = (v: unknown) => v === true || v === "ja" || (Array.isArray(v) && v.includes("ja"));

/** What the new-insamling form shows: defaults, or what the user typed. */
export function newFormValues(v: Input, defaults: { year: number; areaId?: string }) {
  return {
    questionnaire: str(v?.questionnaire), year: v ? str(v.year) : String(defaults.year), name: str(v?.name),
    interventionId: str(v?.interventionId), areaId: v ? str(v.areaId) : defaults.areaId ?? "", respondentGroup: str(v?.respondentGroup),
    opensOn: str(v?.opensOn), closesOn: str(v?.closesOn), languages: asList(v?.languages), onePerPage: ticked(v?.onePerPage), status: v ? str(v.status) : "oppen",
  };
}

/** What the edit form on the insamling's page shows: the stored insamling, or what the user typed. */
export function editFormValues(v: Input) {
  return {
    name: str(v?.name), opensOn: str(v?.opensOn), closesOn: str(v?.closesOn), languages: asList(v?.languages), onePerPage: ticked(v?.onePerPage),
    invitationRetentionDays: str(v?.invitationRetentionDays), asked: str(v?.asked),
  };
}

/** The questionnaire choices of the new-insamling form: the standard ones, then the förbund's own published ones. */
export const questionnaireChoices = (defs: readonly Definition[] = standardSurveys) => defs.map((d) => ({
  value: d.id, label: `${tr(d.title, "sv")}${d.source === "local" ? " (egen)" : ""} (version ${d.version})${wordingNote(d)}`, group: d.respondentGroup,
}));
/** Only a national questionnaire promises comparability with NNS's figures; the others say whose words they have. */
const wordingNote = (d: Definition) => {
  if (d.source === "local") return "";
  if (isNational(d)) return " – NNS nationella text";
  return samsparWording(d).length === questionsOf(d).length ? " – Samspårs formulering" : " – delvis Samspårs formulering";
};
export const respondentGroupChoices = Object.entries(respondentGroups).map(([value, label]) => ({ value, label }));
/** Every language some questionnaire has, Swedish aside (it is always on). */
export const languageChoices = (defs: readonly Definition[] = standardSurveys) => [...new Set(defs.flatMap((d) => d.languages))]
  .filter((l) => l !== "sv").map((l) => ({ value: l, label: languageNames[l] ?? l }));
