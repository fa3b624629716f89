/**
 * The respondent pages' interface words in Swedish: the source every other catalog translates, as an
 * i18next resource (see index.ts). Placeholders are i18next's {{name}}; a value that depends on a number
 * is an object of CLDR plural forms (one, other; Arabic also zero, two, few, many), flattened to
 * i18next's key_one, key_other. Every catalog has the type Catalog, so a missing key fails tsc.
 */

/** The forms of a counted text, by CLDR plural category; each catalog gives every category its language has (a unit test checks). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const sv = {
  skip: "Hoppa till innehållet",
  footer: "Svaren är anonyma. Vi sparar inte vem du är, varifrån du svarar eller vilken tid – bara dagens datum.",
  anonymity: "Dina svar är anonyma. Vi sparar inte ditt namn, din e-postadress, din IP-adress eller vilken tid du svarade – bara datumet. Ingen kan se vad just du har svarat.",
  chooseLanguage: "Välj språk",
  start: "Börja",
  questionCount: "{{questions}} på {{pages}}.",
  questionsCounted: { one: "{{count}} fråga", other: "{{count}} frågor" },
  pagesCounted: { one: "{{count}} sida", other: "{{count}} sidor" },
  followUps: { one: "Beroende på dina svar kan en följdfråga tillkomma.", other: "Beroende på dina svar kan {{count}} följdfrågor tillkomma." },
  part: "Del {{n}} av {{total}}",
  questionOf: "fråga {{first}} av {{asked}}",
  questionsOf: "fråga {{first}}–{{last}} av {{asked}}",
  question: "Fråga {{num}}",
  requiredMark: "(måste besvaras)",
  next: "Nästa",
  send: "Skicka svaren",
  back: "Tillbaka",
  save: "Spara och fortsätt senare",
  yes: "Ja",
  no: "Nej",
  frequency1: "Aldrig",
  frequency2: "Sällan",
  frequency3: "Ibland",
  frequency4: "Ofta",
  frequency5: "För det mesta",
  frequency6: "Alltid",
  dontKnow: "Vet inte / ej aktuellt",
  scaleHint: "1 betyder {{low}}, {{max}} betyder {{high}}.",
  errorTitle: "Något behöver rättas",
  errorPrefix: "Fel:",
  errorPageTitle: "Fel",
  what: "fråga {{num}}",
  commentOf: "kommentaren till fråga {{num}}",
  otherOf: "”Annat” i fråga {{num}}",
  "issue.required.choice": "Välj ett svar på {{what}}.",
  "issue.required.text": "Skriv ett svar på {{what}}.",
  "issue.choose": "Välj ett av svarsalternativen på {{what}}.",
  "issue.too_long": { one: "Svaret på {{what}} får vara högst {{count}} tecken. Korta texten.", other: "Svaret på {{what}} får vara högst {{count}} tecken. Korta texten." },
  "issue.contains_pii": "Det du skrev i {{what}} verkar innehålla {{kinds, list}}. Ta bort det – svaren ska vara anonyma och inte gå att koppla till en person.",
  "pii.personnummer": "ett personnummer",
  "pii.telefon": "ett telefonnummer",
  "pii.epost": "en e-postadress",
  otherLabel: "Annat, nämligen:",
  revealed: "Ditt svar ledde till en följdfråga. Svara på den och tryck sedan på knappen igen.",
  answerQuestion: "Svara på fråga {{num}}",
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
  notYetOn: "Du kan svara från och med {{date}}. Välkommen tillbaka då!",
  notYetText: "Det går inte att svara på den här enkäten ännu. Försök igen senare.",
  unknownTitle: "Vi hittar ingen enkät här",
  unknownText: "Det finns ingen enkät på den här adressen. Kontrollera att adressen är rätt skriven – den står på affischen eller i meddelandet du fick.",
  answeredTitle: "Du har redan svarat",
  answeredText: "Svaren från din personliga länk är redan skickade. Tack för att du tog dig tid!",
  badLinkTitle: "Länken fungerar inte",
  badLinkText: "Vi hittar inga sparade svar för den här länken. Kontrollera att hela länken kom med när du kopierade den.",
  expiredTitle: "Sidan hade gått ut",
  expiredText: "Formuläret saknade uppgifter som behövs. Börja om från enkätens första sida.",
  toStart: "Till enkätens början",
  // One question per page (the start page's second choice and the steps' progress).
  stepCount: "{{questions}}, en fråga på varje sida: {{steps}}.",
  stepsCounted: { one: "{{count}} steg", other: "{{count}} steg" },
  chooseSteps: "Svara på en fråga i taget ({{steps}})",
  choosePages: "Svara på flera frågor per sida ({{pages}})",
  step: "Steg {{n}} av {{total}}",
};

/** The shape every language's catalog has: each of Swedish's keys, a text or plural forms where Swedish has them. */
export type Catalog = { [K in keyof typeof sv]: (typeof sv)[K] extends string ? string : PluralForms };
export type MessageKey = keyof Catalog;
