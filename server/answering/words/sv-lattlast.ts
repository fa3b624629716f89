/**
 * The respondent pages' interface words in lättläst svenska: short sentences, one thing at a time, no
 * words like "IP-adress", "tillkomma" or "ej aktuellt". Words that are already plain stay the Swedish
 * ones; the answer scale (Aldrig … Alltid) stays the same so that the answers mean the same.
 * State: utkast, ej granskad (written in the project, not checked by a lättläst editor).
 */
import type { PiiKind } from "../../privacy/pii.js";
import { list, sv, type IssueTexts, type Ui } from "./sv.js";

const pii: Record<PiiKind, string> = { personnummer: "ett personnummer", telefon: "ett telefonnummer", epost: "en e-postadress" };
const choose = (what: string) => `Välj ett av svaren på ${what}.`;
const issues: IssueTexts = {
  required: (what, _, q) => (q?.kind === "text" ? `Skriv ett svar på ${what}.` : `Välj ett svar på ${what}.`),
  too_long: (what, { max }) => `Svaret på ${what} är för långt. Du får skriva högst ${max} tecken.`,
  contains_pii: (what, { kinds }) => `Du har skrivit ${list(kinds.map((k) => pii[k]), "och")} i ${what}. Ta bort det. Ingen ska kunna veta vem som har svarat.`,
  unknown_question: choose, not_asked: choose, out_of_range: choose, not_yes_or_no: choose,
  not_an_option: choose, not_text: choose, no_answers: choose,
};

export const svLattlast: Ui = {
  ...sv,
  footer: "Dina svar är anonyma. Ingen kan veta att svaren är dina. Vi sparar bara dagens datum.",
  anonymity: "Dina svar är anonyma. Det betyder att ingen kan veta vad du har svarat. Vi sparar inte ditt namn. Vi sparar inte din e-post. Vi sparar inte var du är eller när du svarar. Vi sparar bara dagens datum.",
  questionCount: (n, pages, followUps) => `Det finns ${n} ${n === 1 ? "fråga" : "frågor"} på ${pages} ${pages === 1 ? "sida" : "sidor"}.${
    followUps ? ` Ibland kommer ${followUps === 1 ? "en fråga" : "några frågor"} till. Det beror på vad du svarar.` : ""}`,
  requiredMark: "(du måste svara)",
  save: "Spara och svara mer senare",
  dontKnow: "Vet inte / passar inte för mig",
  scaleHint: (max, low, high) => `1 betyder ${low}. ${max} betyder ${high}.`,
  errorTitle: "Du behöver ändra något",
  issues,
  revealed: "Ditt svar gav en fråga till. Svara på den frågan. Tryck sedan på knappen igen.",
  savedIntro: "Spara den här länken. Du kan till exempel skicka länken till dig själv. Med länken kan du svara mer senare.",
  savedWarning: "Den som har länken kan se och ändra dina svar. Ge inte länken till någon annan.",
  savedLinkLabel: "Din länk",
  continueNow: "Svara mer nu",
  thanksText: "Vi har fått dina svar. Du kan stänga sidan nu.",
  closedText: "Du kan inte svara på den här enkäten längre. Tack för att du ville svara!",
  notYetText: (date) => (date ? `Du kan svara från ${date}. Välkommen tillbaka då!` : "Du kan inte svara på den här enkäten än. Försök igen senare."),
  unknownText: "Det finns ingen enkät på den här adressen. Titta på adressen igen. Adressen finns på affischen eller i meddelandet du fick.",
  answeredText: "Du har redan skickat dina svar. Tack för att du svarade!",
  badLinkText: "Vi hittar inga sparade svar för den här länken. Kanske kom inte hela länken med. Titta på länken igen.",
  expiredTitle: "Sidan fungerar inte längre",
  expiredText: "Något saknas på sidan. Börja om från enkätens första sida.",
};
