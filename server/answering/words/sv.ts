/**
 * The respondent pages' interface words in Swedish: the source every other catalog translates. Each
 * catalog is one object of the same shape (Ui), so a missing key is a type error; wording that depends
 * on a number goes through `plural` (CLDR rules from Intl.PluralRules: Arabic has six forms).
 */
import type { PiiKind } from "../../privacy/pii.js";
import type { AnswerIssueCode, AnswerIssueParams } from "../../../surveys/answers.js";
import type { Question } from "../../../surveys/define.js";

/**
 * How a respondent is told about each issue from validateAnswers, by its code and parameters: `what` names the
 * field ("fråga 4a", "kommentaren till fråga 3"), `q` is its question. One table per language.
 */
export type IssueTexts = { [C in AnswerIssueCode]: (what: string, params: AnswerIssueParams[C], q?: Question) => string };

// The page offers only valid choices and asks only asked questions: the other codes come from a value the page
// did not offer (a stale or altered form), so the respondent is asked to choose one of the answers shown.
const svPii: Record<PiiKind, string> = { personnummer: "ett personnummer", telefon: "ett telefonnummer", epost: "en e-postadress" };
const svChoose = (what: string) => `Välj ett av svarsalternativen på ${what}.`;
const svIssues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `Skriv ett svar på ${what}.` : `Välj ett svar på ${what}.`),
  too_long: (what, { max }) => `Svaret på ${what} får vara högst ${max} tecken. Korta texten.`,
  contains_pii: (what, { kinds }) => `Det du skrev i ${what} verkar innehålla ${list(kinds.map((k) => svPii[k]), "och")}. Ta bort det – svaren ska vara anonyma och inte gå att koppla till en person.`,
  unknown_question: svChoose, not_asked: svChoose, out_of_range: svChoose, not_yes_or_no: svChoose,
  not_an_option: svChoose, not_text: svChoose, no_answers: svChoose,
};

export const sv = {
  locale: "sv-SE",
  skip: "Hoppa till innehållet",
  footer: "Svaren är anonyma. Vi sparar inte vem du är, varifrån du svarar eller vilken tid – bara dagens datum.",
  anonymity: "Dina svar är anonyma. Vi sparar inte ditt namn, din e-postadress, din IP-adress eller vilken tid du svarade – bara datumet. Ingen kan se vad just du har svarat.",
  chooseLanguage: "Välj språk",
  start: "Börja",
  questionCount: (n: number, pages: number, followUps: number) => `${n} ${n === 1 ? "fråga" : "frågor"} på ${pages} ${pages === 1 ? "sida" : "sidor"}.${
    followUps ? ` Beroende på dina svar kan ${followUps === 1 ? "en följdfråga" : `${followUps} följdfrågor`} tillkomma.` : ""}`,
  part: (n: number, total: number) => `Del ${n} av ${total}`,
  /** The page's questions among the asked ones; lower case, since it may follow the part. */
  questions: (first: number, last: number, asked: number) => `fråga ${first === last ? first : `${first}–${last}`} av ${asked}`,
  question: (num: string) => `Fråga ${num}`,
  requiredMark: "(måste besvaras)",
  next: "Nästa",
  send: "Skicka svaren",
  back: "Tillbaka",
  save: "Spara och fortsätt senare",
  yes: "Ja",
  no: "Nej",
  /** The six steps of the frequency scale, Aldrig … Alltid (the same words as surveys/define.ts's frequencyLabels). */
  frequency: ["Aldrig", "Sällan", "Ibland", "Ofta", "För det mesta", "Alltid"] as readonly string[],
  dontKnow: "Vet inte / ej aktuellt",
  scaleHint: (max: number, low: string, high: string) => `1 betyder ${low}, ${max} betyder ${high}.`,
  errorTitle: "Något behöver rättas",
  errorPrefix: "Fel:",
  errorPageTitle: "Fel",
  /** The respondent's message for each issue code. */
  issues: svIssues,
  what: (num: string) => `fråga ${num}`,
  commentOf: (num: string) => `kommentaren till fråga ${num}`,
  otherOf: (num: string) => `”Annat” i fråga ${num}`,
  otherLabel: "Annat, nämligen:",
  revealed: "Ditt svar ledde till en följdfråga. Svara på den och tryck sedan på knappen igen.",
  /** The link under "revealed" to a follow-up question the answer led to. */
  answerQuestion: (num: string) => `Svara på fråga ${num}`,
  savedTitle: "Dina svar är sparade",
  savedIntro: "Spara den här länken, till exempel som bokmärke eller genom att skicka den till dig själv. Med länken kan du fortsätta där du slutade.",
  savedWarning: "Den som har länken kan se och ändra dina svar innan de skickas. Dela den inte med någon.",
  savedLinkLabel: "Din länk för att fortsätta",
  continueNow: "Fortsätt svara nu",
  thanksTitle: "Tack för dina svar!",
  thanksText: "Dina svar är skickade. Du kan stänga sidan nu.",
  closedTitle: "Enkäten är stängd",
  closedText: "Det går inte längre att svara på den här enkäten. Tack för att du ville svara!",
  notYetTitle: "Enkäten är inte öppen ännu",
  notYetText: (date?: string) => (date ? `Du kan svara från och med ${date}. Välkommen tillbaka då!` : "Det går inte att svara på den här enkäten ännu. Försök igen senare."),
  unknownTitle: "Vi hittar ingen enkät här",
  unknownText: "Det finns ingen enkät på den här adressen. Kontrollera att adressen är rätt skriven – den står på affischen eller i meddelandet du fick.",
  answeredTitle: "Du har redan svarat",
  answeredText: "Svaren från din personliga länk är redan skickade. Tack för att du tog dig tid!",
  badLinkTitle: "Länken fungerar inte",
  badLinkText: "Vi hittar inga sparade svar för den här länken. Kontrollera att hela länken kom med när du kopierade den.",
  expiredTitle: "Sidan hade gått ut",
  expiredText: "Formuläret saknade uppgifter som behövs. Börja om från enkätens första sida.",
  toStart: "Till enkätens början",
};
/** The shape every language's catalog has. */
export type Ui = typeof sv;

/** "a, b and c" with the language's own comma and "and". */
export function list(items: string[], and: string, comma = ", "): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(comma)} ${and} ${items[items.length - 1]}`;
}

const pluralRules = new Map<string, Intl.PluralRules>();
/** The form of a counted word for n in a language (CLDR plural categories); `other` when the language has no such form. */
export function plural(locale: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, rules = new Intl.PluralRules(locale));
  return forms[rules.select(n)] ?? forms.other;
}
