/** What the questionnaire pages and the API show: lists, the editor, a question's form, translations, the preview. */
import { comparabilityNote, isNational, isSourceWording, languageNames, respondentGroups, shortTitleSource, sourceLabel, sourceOf, type Definition, type Question, type Text } from "../../surveys/define.js";
import { checkDraft, earlierQuestions, missingTranslations, textEntries, type Draft } from "../../surveys/edit.js";
// eslint-disable-next-line no-restricted-syntax -- the preview is the respondent's page, drawn by the same presenter
import { startPage, questionPage } from "../answering/present.js";
import type { Editable, NnsEverywhere, Preview, Summary, TranslationOf } from "./service.js";
import { questionKinds } from "./schema.js";

export const kindLabels: Record<Question["kind"], string> = {
  frequency6: "Hur ofta (aldrig … alltid)", scale10: "Skala 1–10", scale6: "Skala 1–6", yesno: "Ja eller nej",
  single: "Ett svarsalternativ", multi: "Flera svarsalternativ", text: "Fritext",
};
export const kindChoices = questionKinds.map((k) => ({ value: k, label: kindLabels[k] }));

/** The usual languages, offered as checkboxes; any other code can be written. */
const usualLanguages = ["en", "sv-lattlast", "ar", "so", "ti", "fa", "uk"];
const languageName = (code: string) => languageNames[code] ?? code;
const groupLabel = (g: string) => respondentGroups[g as keyof typeof respondentGroups] ?? g;

type DraftQuestion = Draft["sections"][number]["questions"][number];

/** The list page: standard questionnaires (read-only) and the förbund's own. */
export function listView(list: Summary[]) {
  const row = (q: Summary) => ({
    id: q.id, title: q.title, group: groupLabel(q.respondentGroup), href: `/enkater/${q.id}`,
    versions: q.versions.length ? q.versions.map((v) => `version ${v}`).join(", ") : "ingen publicerad version",
    state: q.standard ? "Standard (kan inte ändras)" : q.hasDraft ? (q.versions.length ? "Publicerad, med ändringar som inte är publicerade" : "Utkast") : "Publicerad",
    wording: wordingLabel(q),
  });
  return { standard: list.filter((q) => q.standard).map(row), own: list.filter((q) => !q.standard).map(row) };
}

/** Whose words a standard questionnaire has, in the list: only NNS's or printed words promise comparability. */
export function wordingLabel(q: Pick<Summary, "standard" | "national" | "samspar" | "questions">): string {
  if (!q.standard) return "Förbundets egen";
  if (q.national) return "NNS nationella text: jämförbar med NNS nationella siffror";
  const share = q.samspar.length === q.questions ? "alla frågor" : `${q.samspar.length} av ${q.questions} frågor (${q.samspar.join(", ")})`;
  return `Samspårs formulering i ${share}: inte jämförbar med NNS nationella siffror`;
}

/** The choices of the new-questionnaire form: start from scratch, or from any questionnaire. */
export const fromChoices = (list: Summary[]) => list.map((q) => ({ value: q.id, label: `${q.title}${q.standard ? " (standard)" : " (egen)"}` }));
export const groupChoices = Object.entries(respondentGroups).map(([value, label]) => ({ value, label }));

const conditionText = (q: DraftQuestion) => (q.condition ? `Visas bara om ${q.condition.question} = ${q.condition.equals.join(" eller ")}` : "");

/** The editor's overview: the questionnaire's settings, its sections and questions with their buttons, the problems, the versions. */
export function editorView(e: Editable) {
  const d = e.draft;
  const flat = d.sections.flatMap((s) => s.questions);
  const issuesByQuestion = new Map<string, string[]>();
  for (const i of e.issues) if (i.question) issuesByQuestion.set(i.question, [...(issuesByQuestion.get(i.question) ?? []), i.message]);
  const languages = (d.languages ?? ["sv"]).filter((l) => l !== "sv").map((l) => {
    const missing = missingTranslations(d, l).length;
    return { code: l, name: languageName(l), missing, complete: missing === 0, href: `/enkater/${e.row.key}/oversattning?lang=${encodeURIComponent(l)}` };
  });
  return {
    id: e.row.key, title: d.title?.sv ?? e.row.key, version: d.version, saved: e.saved,
    issues: e.issues.map((i) => ({ message: i.message, href: i.question ? `#fraga-${i.question}` : undefined })),
    sections: d.sections.map((s, si) => ({
      index: si, id: s.id, title: s.title?.sv ?? "", number: si + 1,
      questions: s.questions.map((q) => ({
        id: q.id, anchor: `fraga-${q.id}`, text: q.text?.sv ?? "", kind: kindLabels[q.kind] ?? q.kind, required: !!q.required,
        condition: conditionText(q), issues: issuesByQuestion.get(q.id) ?? [],
        first: flat[0] === q, last: flat.at(-1) === q, href: `/enkater/${e.row.key}/fragor/${q.id}`,
      })),
    })),
    languages,
    versions: e.versions.map((v) => ({
      version: v.version, publishedAt: v.publishedAt.toISOString().slice(0, 10),
      changed: v.changed.length ? `Ändrade frågor (jämförs inte med tidigare år): ${v.changed.join(", ")}` : "",
      href: `/enkater/${e.row.key}/versioner/${v.version}`,
    })),
    canPublish: e.saved && e.issues.length === 0,
    kindChoices,
  };
}

/** The settings form of the editor: the stored draft, or what the user typed. */
export function settingsValues(d: Draft) {
  const langs = (d.languages ?? []).filter((l) => l !== "sv");
  return {
    title: d.title?.sv ?? "", shortTitle: d.shortTitle?.sv ?? "", intro: d.intro?.sv ?? "", respondentGroup: d.respondentGroup ?? "",
    languages: langs.filter((l) => usualLanguages.includes(l)), otherLanguages: langs.filter((l) => !usualLanguages.includes(l)).join(", "),
  };
}
export const typedSettings = (body: Record<string, unknown> | undefined) => {
  const b = body ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
  return { title: String(b.title ?? ""), shortTitle: String(b.shortTitle ?? ""), intro: String(b.intro ?? ""), respondentGroup: String(b.respondentGroup ?? ""), languages: list(b.languages), otherLanguages: String(b.otherLanguages ?? "") };
};
export const languageCheckboxes = usualLanguages.map((code) => ({ value: code, label: languageName(code) }));

const sv = (t: Text | undefined) => t?.sv ?? "";

/** The question form filled with a stored question. */
export function questionValues(q: DraftQuestion) {
  const options = q.kind === "single" || q.kind === "multi" ? q.options.map((o) => `${o.code}: ${sv(o.text)}`).join("\n") : "";
  return {
    id: q.id, kind: q.kind, text: sv(q.text), help: sv(q.help), required: !!q.required,
    dontKnow: "dontKnow" in q ? q.dontKnow !== false : q.kind === "frequency6",
    low: "low" in q ? sv(q.low) : "", high: "high" in q ? sv(q.high) : "",
    options, other: q.kind === "multi" ? sv(q.other) : "", maxLength: q.kind === "text" ? String(q.maxLength ?? 2000) : "",
    comment: !!q.comment, commentLabel: sv(q.comment?.label),
    conditionQuestion: q.condition?.question ?? "", conditionValues: q.condition?.equals.join(", ") ?? "",
  };
}
export const typedQuestion = (body: Record<string, unknown> | undefined) => {
  const b = body ?? {};
  const s = (k: string) => String(b[k] ?? "");
  const on = (k: string) => b[k] === "on";
  return {
    id: s("id"), kind: s("kind"), text: s("text"), help: s("help"), required: on("required"), dontKnow: on("dontKnow"), low: s("low"), high: s("high"),
    options: s("options"), other: s("other"), maxLength: s("maxLength"), comment: on("comment"), commentLabel: s("commentLabel"),
    conditionQuestion: s("conditionQuestion"), conditionValues: s("conditionValues"),
  };
};

/** What the question page shows besides the form: which kind it is, and the earlier questions a condition may name. */
export function questionPageView(e: Editable, qid: string) {
  return {
    id: e.row.key, title: e.draft.title?.sv ?? e.row.key, qid,
    kindChoices,
    conditionChoices: earlierQuestions(e.draft, qid).map((q) => ({ value: q.id, label: `${q.id}: ${sv(q.text).slice(0, 80)}` })),
    issues: e.issues.filter((i) => i.question === qid).map((i) => i.message),
  };
}

/** The translation page: every text with its Swedish beside the field for the language. */
export function translationView(e: Editable, lang: string) {
  const entries = textEntries(e.draft).map((t) => ({ key: t.key, field: `t:${t.key}`, label: t.label, sv: t.text.sv, value: t.text[lang] ?? "", missing: !t.text[lang]?.trim() }));
  return {
    id: e.row.key, title: e.draft.title?.sv ?? e.row.key, lang, languageName: languageName(lang), dir: ["ar", "fa"].includes(lang) ? "rtl" : "ltr",
    entries, missing: entries.filter((x) => x.missing).length,
  };
}

/** The rows of the translator's XLSX: key, what the text is, Swedish, and one column per language. */
export function textsSheet(d: Draft) {
  const langs = (d.languages ?? ["sv"]).filter((l) => l !== "sv");
  return {
    head: ["nyckel", "text", "sv", ...langs],
    rows: textEntries(d).map((t) => [t.key, t.label, t.text.sv, ...langs.map((l) => t.text[l] ?? "")]),
    languages: langs,
  };
}

/** A definition as respondents would meet it, without an insamling: the start page (sida 0) or a question page. */
export function previewPage(def: Definition, key: string, lang: string, page: number, frame: string) {
  const c = { definition: def, slug: "forhandsvisning", languages: def.languages };
  const total = def.sections.length;
  if (page === 0) {
    const start = startPage(c, lang);
    return {
      view: "answering/start",
      model: {
        // The preview shows the paged form only: no second way to start.
        ...start, action: frame, hidden: [["lang", lang], ["sida", "1"]], alternative: undefined,
        languages: start.languages.map((l) => ({ ...l, href: `${frame}?lang=${encodeURIComponent(l.code)}&sida=0` })),
      },
    };
  }
  const n = Math.min(page, total);
  const model = questionPage(c, n, { lang, token: "forhandsvisning", key: key, values: {} });
  return {
    view: "answering/page",
    model: { ...model, action: frame, formMethod: "get", hidden: [["lang", lang], ["sida", String(n)]] as [string, string][] },
  };
}

/** The note on a standard questionnaire's page: national only when every question is NNS's words or verbatim. */
export function standardNote(d: Definition): string {
  const note = comparabilityNote(d);
  return note
    ? `En standardenkät som inte ändras här, så att svaren kan jämföras mellan år. ${note} Kopiera den för att göra en egen.`
    : "En standardenkät med NNS nationella text: frågorna ändras inte, så att svaren kan jämföras med NNS nationella siffror, mellan förbund och år.";
}

export const titleOf = (d: { title?: Text }) => d.title?.sv ?? "";

/** A definition read-only: sections and questions with their kind, options, scale ends and conditions. */
export function definitionView(d: Definition) {
  return {
    id: d.id, version: d.version, title: d.title.sv, intro: d.intro.sv, group: groupLabel(d.respondentGroup),
    shortTitle: d.shortTitle ? { text: d.shortTitle.sv, source: shortTitleSource(d) } : undefined,
    languages: d.languages.map(languageName).join(", "), national: isNational(d), comparability: comparabilityNote(d), edition: d.edition ?? "",
    source: { nns: "NNS nationella text", verbatim: "Ordagrant ur ett källdokument", paraphrased: "Delvis ordagrant ur ett källdokument, delvis Samspårs formulering", samspar: "Samspårs egen enkät", local: "Förbundets egen" }[d.source],
    sections: d.sections.map((s, i) => ({
      title: s.title?.sv ?? `Del ${i + 1}`,
      questions: s.questions.map((q) => ({
        id: q.id, text: q.text.sv, kind: kindLabels[q.kind], required: q.required, help: sv(q.help), condition: conditionText(q),
        source: sourceLabel(d, q), samspar: !isSourceWording(q),
        details: [
          q.kind === "scale10" || q.kind === "scale6" ? `1 = ${q.low.sv}, ${q.kind === "scale10" ? "10" : "6"} = ${q.high.sv}` : "",
          (q.kind === "frequency6" || q.kind === "scale10" || q.kind === "scale6") && q.dontKnow ? "med Vet inte / ej aktuellt" : "",
          q.kind === "single" || q.kind === "multi" ? `Alternativ: ${q.options.map((o) => o.text.sv).join(" · ")}${q.kind === "multi" && q.other ? ` · ${q.other.sv}` : ""}` : "",
          q.kind === "text" ? `Högst ${q.maxLength} tecken` : "",
          q.comment ? `Kommentarsfält: ${q.comment.label.sv}` : "",
        ].filter(Boolean),
      })),
    })),
  };
}

/** The flash after publishing: the version, the questions that changed, the languages left out. */
export function publishedMessage(p: { version: number; changed: string[]; incomplete: string[] }) {
  return [
    `Version ${p.version} är publicerad och kan användas i nya insamlingar. Öppna insamlingar behåller sin version.`,
    p.changed.length ? `Ändrade frågor jämförs inte med tidigare år: ${p.changed.join(", ")}.` : "",
    p.incomplete.length ? `Språk som inte är färdigöversatta erbjuds inte de svarande: ${p.incomplete.map(languageName).join(", ")}.` : "",
  ].filter(Boolean).join(" ");
}

/** The flash after NNS text became a new version of a standard questionnaire. */
export function nnsImportedMessage(p: { id: string; version: number; changed: string[] }) {
  return [
    `NNS text är inläst som version ${p.version} av ${p.id}. Nya insamlingar använder den; öppna insamlingar behåller sin version.`,
    p.changed.length ? `Frågor med ny lydelse jämförs inte med tidigare år: ${p.changed.join(", ")}.` : "",
  ].filter(Boolean).join(" ");
}

/** The superadmin's import for every förbund: where it was read in, and where not. */
export function nnsEverywhereMessage(id: string, all: NnsEverywhere) {
  const done = all.filter((a) => a.result.ok), failed = all.filter((a) => !a.result.ok);
  return `NNS text för ${id} är inläst i ${done.length} av ${all.length} förbund.${failed.length ? ` Inte i: ${failed.map((f) => f.forbund).join(", ")} (frågorna stämmer inte med deras senaste version).` : ""}`;
}
export const nnsIssues = (all: NnsEverywhere) =>
  all.flatMap((a) => (a.result.ok ? [] : a.result.issues.map((i) => `${a.forbund}: ${i.message}`)));

/** The staff page around the preview: the phone-wide frame, the languages and the pages. */
export function previewFrame(id: string, found: Preview, q: { lang?: string; sida?: number; version?: number }) {
  if (!found.def) return { id, issues: found.issues, frameSrc: "", languages: [], pages: [], backHref: `/enkater/${id}` };
  const def = found.def;
  const lang = q.lang && def.languages.includes(q.lang) ? q.lang : "sv";
  const sida = Math.min(q.sida ?? 0, def.sections.length);
  const qs = (l: string, s: number) => `?${new URLSearchParams({ ...(q.version ? { version: String(q.version) } : {}), lang: l, sida: String(s) }).toString()}`;
  return {
    id, issues: [], draft: found.draft, version: q.version ?? null, backHref: `/enkater/${id}`,
    frameSrc: `/enkater/${id}/forhandsvisning/sida${qs(lang, sida)}`,
    languages: def.languages.map((l) => ({ code: l, name: languageName(l), href: `/enkater/${id}/forhandsvisning${qs(l, sida)}`, current: l === lang })),
    pages: [0, ...def.sections.map((_, i) => i + 1)].map((n) => ({ label: n === 0 ? "Startsidan" : `Del ${n}`, href: `/enkater/${id}/forhandsvisning${qs(lang, n)}`, current: n === sida })),
  };
}

/** The end of a preview: nothing is stored. */
export function previewDone(def: Definition, lang: string, frame: string) {
  const start = startPage({ definition: def, slug: "forhandsvisning", languages: def.languages }, lang);
  return {
    ...start, status: 200, heading: "Slut på förhandsvisningen",
    text: "Här skulle den svarande få sitt tack. Inget av det du fyllt i har sparats.",
    link: { href: `${frame}${frame.includes("?") ? "&" : "?"}lang=${encodeURIComponent(lang)}&sida=0`, label: "Börja om från startsidan" },
  };
}

/**
 * A definition as the API and the JSON download give it: `national` for the whole and `source` on every
 * question (the förbund's own where none was recorded). A draft is given as saved, even when invalid.
 */
export function definitionJsonView(json: unknown, opts: { draft?: boolean } = {}): unknown {
  if (opts.draft) return json;
  const c = checkDraft(json);
  if (!c.ok) return json;
  const d = c.definition;
  return {
    ...(json as object), national: isNational(d),
    sections: d.sections.map((s, i) => ({
      ...(json as Definition).sections[i],
      questions: s.questions.map((q, j) => ({ ...(json as Definition).sections[i].questions[j], source: sourceOf(d, q) })),
    })),
  };
}

/** GET /api/v1/questionnaires: every questionnaire the förbund can use, with its versions. */
export const listJson = (list: Summary[]) => list.map((q) => ({
  id: q.id, title: q.title, respondentGroup: q.respondentGroup, standard: q.standard, source: q.source, national: q.national,
  versions: q.versions, latestVersion: q.versions[0] ?? null, hasDraft: q.hasDraft,
}));

/** POST /api/v1/questionnaires/:id/publish: the published version. */
export const publishedJson = (p: { id: string; version: number; definition: Definition; changed: string[]; incomplete: string[] }) => ({
  id: p.id, version: p.version, changed: p.changed, languages: p.definition.languages, incompleteLanguages: p.incomplete, definition: p.definition,
});

/** GET /api/v1/questionnaires/:id/translations/:lang: every text of the version by its stable key, with its Swedish. */
export function translationJson(t: TranslationOf) {
  return {
    lang: t.lang, version: t.version, complete: t.complete, state: t.state,
    texts: Object.fromEntries(t.entries.map((e) => [e.key, { sv: e.sv, text: e.text }])),
  };
}

const fromLabels: Record<string, string> = {
  forbund: "förbundets text",
  definition: "Samspårs översättning i enkätens definition (inte granskad av en översättare)",
  "samspar-utkast": "utkast: Samspårs förslag, inte granskat av en översättare",
};
const stateLabels = { granskad: "granskad av en översättare", utkast: "utkast (inte granskad)" } as const;

/** The translation page of a questionnaire version (a standard one): every text, its Swedish, where it comes from and the state. */
export function languageVersionView(t: TranslationOf) {
  const entries = t.entries.map((e) => ({
    key: e.key, field: `t:${e.key}`, label: e.label, sv: e.sv, value: e.text ?? "", missing: e.text === null,
    from: e.from ? fromLabels[e.from] : "", draft: e.from === "samspar-utkast" || e.from === "definition",
  }));
  return {
    id: t.id, title: t.title, lang: t.lang, languageName: languageName(t.lang), dir: ["ar", "fa"].includes(t.lang) ? "rtl" : "ltr",
    entries, missing: entries.filter((x) => x.missing).length, version: t.version, standard: true,
    state: t.state, stateLabel: stateLabels[t.state], drafts: entries.filter((x) => x.draft).length,
  };
}

/** The language versions on a standard questionnaire's page: one line per language, with its state and what is missing. */
export function languageVersionsList(id: string, versions: { lang: string; complete: boolean; missing: string[]; state: "granskad" | "utkast"; offered: boolean }[]) {
  return versions.map((v) => ({
    name: languageName(v.lang), lang: v.lang, href: `/enkater/${id}/oversattning?lang=${encodeURIComponent(v.lang)}`,
    status: v.complete ? "alla texter finns" : `${v.missing.length} texter saknas`, state: stateLabels[v.state],
    offered: v.offered ? "nya insamlingar erbjuder språket" : v.complete ? "språket är inte påslaget för förbundet" : "erbjuds inte förrän allt är översatt",
  }));
}
