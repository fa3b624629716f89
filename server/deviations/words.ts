/**
 * The public deviation form's interface words (/a/:publicSlug, its receipt and its error messages), in Swedish,
 * lättläst svenska and English, read through i18next like the respondent pages (answering/words/).
 *
 * A catalog of their own, not keys in the respondent catalogs: those are offered in eight languages and each
 * key there can be overridden by a förbund on its Språk page; the deviation form is a staff member's form in
 * three languages whose words no förbund rewrites. Kept apart, neither list grows keys the other never uses.
 *
 * Swedish is the source; lättläst and English are written in the project and not checked: *utkast*.
 */
import i18next from "i18next";
import Negotiator from "negotiator";
import { findPii, type PiiKind } from "../privacy/pii.js";

const sv = {
  skip: "Hoppa till innehållet",
  footer: "Samspår – uppföljning för samordningsförbund. Svar i enkäter är anonyma.",
  chooseLanguage: "Språk",
  title: "Rapportera avvikelse i samverkan",
  errorTitle: "Fel: {{title}}",
  intro: "Här rapporterar du när samverkan mellan parterna inte har fungerat för en person (Lex Heller). Du behöver inget konto.",
  publicRecord: "Rapporten blir en allmän handling.",
  publicRecordText: "Beskriv vad som hände i samverkan, men skriv aldrig namn, personnummer, telefonnummer, e-postadress eller annat som pekar ut personen.",
  otherLaws: "Gäller det ett missförhållande i socialtjänsten (lex Sarah) eller en vårdskada i hälso- och sjukvården (lex Maria)? Anmäl det enligt din egen organisations rutin – inte här.",
  whenWhere: "När och var",
  whenHappened: "När hände det?",
  month: "Månad", chooseMonth: "Välj månad", year: "År", chooseYear: "Välj år",
  area: "Kommunområde", chooseArea: "Välj kommunområde",
  intervention: "Insats (valfritt)", interventionHint: "Om avvikelsen hör till en insats som förbundet finansierar.", noIntervention: "Ingen särskild insats",
  aboutYou: "Om dig som rapporterar",
  reporterParty: "Part du arbetar hos", chooseParty: "Välj part",
  reporterUnit: "Din enhet (valfritt)", noUnit: "Ingen enhet vald",
  reporterRole: "Din roll (valfritt)", reporterRoleHint: "Till exempel SE-coach, handläggare eller arbetsterapeut.",
  feedback: "Återkoppling via e-post (valfritt)",
  feedbackHint: "Fyll bara i om du vill få länken till ärendet och besked via e-post. Du får alltid en personlig länk efter att du skickat rapporten.",
  reporterName: "Ditt namn", reporterEmail: "Din e-postadress",
  whatHappened: "Vad hände",
  concerned: "Vilka parter gäller avvikelsen?", concernedHint: "Kryssa för en eller flera parter. Välj enhet om du vet vilken.",
  concernedUnit: "Enhet hos {{party}} (valfritt)",
  description: "Beskriv vad som hände i samverkan", descriptionHint: "Beskriv händelsen och vad som brast mellan parterna – inte personen.",
  consequences: "Konsekvenser för individen", chooseOneOrMore: "Välj en eller flera.",
  consequenceOther: "Annan konsekvens", fillIfOther: "Fyll i om du valde Annat.",
  causes: "Orsaker", causeOther: "Annan orsak",
  proposal: "Förslag på lösning (valfritt)", actionTaken: "Åtgärd som redan är vidtagen (valfritt)",
  assessment: "Bedömning",
  severity: "Hur allvarlig är avvikelsen?", allvarlig: "Allvarlig", mindre_allvarlig: "Mindre allvarlig",
  frequency: "Hur ofta händer det? (valfritt)", forsta_gangen: "Första gången", hant_forut: "Har hänt förut", aterkommande: "Återkommande",
  confirm: "Jag bekräftar att texten inte innehåller namn, personnummer eller annat som pekar ut personen.",
  submit: "Skicka rapporten",
  answered: "Läs besvarade avvikelser",
  errorSummary: "Något behöver rättas", errorPrefix: "Fel:",
  months: "januari,februari,mars,april,maj,juni,juli,augusti,september,oktober,november,december",
  // The form's error messages (schema.ts's reportForm).
  "msg.month": "Välj månad.", "msg.year": "Välj år.", "msg.area": "Välj kommunområde.", "msg.intervention": "Välj en insats i listan.",
  "msg.party": "Välj vilken part du arbetar hos.", "msg.unit": "Välj en enhet i listan.",
  "msg.email": "Skriv en giltig e-postadress, eller lämna fältet tomt.",
  "msg.concerned": "Välj minst en part som avvikelsen gäller.", "msg.description": "Beskriv vad som hände i samverkan.",
  "msg.consequences": "Välj minst en konsekvens för individen (eller Annat).", "msg.causes": "Välj minst en orsak (eller Annat).",
  "msg.otherConsequence": "Du valde Annat: skriv vilken konsekvens.", "msg.otherCause": "Du valde Annat: skriv vilken orsak.",
  "msg.severity": "Välj om avvikelsen är allvarlig eller mindre allvarlig.", "msg.frequency": "Välj hur ofta det händer.",
  "msg.future": "Avvikelsen kan inte ha hänt i en kommande månad.",
  "msg.confirm": "Bekräfta att texten inte innehåller namn, personnummer eller annat som pekar ut personen.",
  "msg.tooLong": "Texten får vara högst {{max}} tecken.",
  "msg.pii": "Texten verkar innehålla {{kinds, list}}. Ta bort det – svaren ska inte kunna kopplas till en person.",
  "msg.expired": "Formuläret hade gått ut. Kontrollera uppgifterna och skicka igen.",
  "pii.personnummer": "personnummer", "pii.telefon": "telefonnummer", "pii.epost": "e-postadress",
  // The receipt.
  thanks: "Tack för din rapport",
  registered: "Avvikelsen är registrerad hos {{forbund}} med ärendenummer {{caseNumber}}.",
  followTitle: "Din personliga länk till ärendet",
  followText: "Med länken kan du följa ärendet, läsa parternas svar och beslutet, och lägga till information.",
  saveNow: "Spara den nu", saveNowRest: "– den visas bara den här gången och är personlig. Dela den inte.",
  followLabel: "Länk till ärendet", mailed: "Vi har också skickat länken till din e-postadress.",
  openCase: "Öppna ärendet {{caseNumber}}",
  already: "Rapporten är redan registrerad – inget har skickats in en gång till.",
  shownOnce: "Den personliga länken till ärendet visades när du skickade rapporten. Av säkerhetsskäl visas den inte igen.",
  shownOnceMailed: "Den personliga länken till ärendet visades när du skickade rapporten och finns i mejlet som skickades till din e-postadress. Av säkerhetsskäl visas den inte igen.",
  newReport: "Rapportera en ny avvikelse",
};
export type DeviationKey = keyof typeof sv;
type Catalog = Record<DeviationKey, string>;

/** Lättläst: short sentences, one thing at a time. State: utkast, ej granskad. */
const svLattlast: Catalog = {
  skip: "Hoppa till innehållet",
  footer: "Samspår används av samordningsförbund. Svar i enkäter är anonyma.",
  chooseLanguage: "Språk",
  title: "Berätta när samverkan inte fungerade",
  errorTitle: "Fel: {{title}}",
  intro: "Ibland fungerar det inte när flera verksamheter ska hjälpa en person tillsammans. Det kallas en avvikelse i samverkan. Här kan du berätta om det. Du behöver inte logga in.",
  publicRecord: "Alla kan få läsa det du skriver.",
  publicRecordText: "Skriv vad som hände. Skriv inte vem personen är. Skriv inte namn, personnummer, telefonnummer eller e-post.",
  otherLaws: "Har något blivit fel i socialtjänsten eller i vården? Då ska du inte skriva här. Gör som din arbetsplats säger.",
  whenWhere: "När och var",
  whenHappened: "När hände det?",
  month: "Månad", chooseMonth: "Välj en månad", year: "År", chooseYear: "Välj ett år",
  area: "Kommun", chooseArea: "Välj kommun",
  intervention: "Insats (du behöver inte svara)", interventionHint: "Välj om det hände i en insats som förbundet betalar för.", noIntervention: "Ingen insats",
  aboutYou: "Om dig",
  reporterParty: "Var arbetar du?", chooseParty: "Välj en",
  reporterUnit: "Din enhet (du behöver inte svara)", noUnit: "Ingen enhet",
  reporterRole: "Ditt jobb (du behöver inte svara)", reporterRoleHint: "Till exempel SE-coach, handläggare eller arbetsterapeut.",
  feedback: "Vill du få svar med e-post? (du behöver inte svara)",
  feedbackHint: "Skriv bara här om du vill få svar med e-post. Du får alltid en egen länk när du har skickat.",
  reporterName: "Ditt namn", reporterEmail: "Din e-post",
  whatHappened: "Vad hände?",
  concerned: "Vilka verksamheter gäller det?", concernedHint: "Kryssa för en eller flera. Välj enhet om du vet.",
  concernedUnit: "Enhet hos {{party}} (du behöver inte svara)",
  description: "Skriv vad som hände", descriptionHint: "Skriv vad som inte fungerade mellan verksamheterna. Skriv inte om personen.",
  consequences: "Vad blev det för personen?", chooseOneOrMore: "Du kan välja flera.",
  consequenceOther: "Något annat som hände personen", fillIfOther: "Skriv här om du valde Annat.",
  causes: "Varför blev det så?", causeOther: "Någon annan orsak",
  proposal: "Hur kan det bli bättre? (du behöver inte svara)", actionTaken: "Har någon redan gjort något? (du behöver inte svara)",
  assessment: "Hur illa var det?",
  severity: "Hur allvarligt var det?", allvarlig: "Allvarligt", mindre_allvarlig: "Mindre allvarligt",
  frequency: "Hur ofta händer det? (du behöver inte svara)", forsta_gangen: "Första gången", hant_forut: "Det har hänt förut", aterkommande: "Det händer ofta",
  confirm: "Jag har inte skrivit något som visar vem personen är.",
  submit: "Skicka",
  answered: "Läs svar på andra avvikelser",
  errorSummary: "Du behöver ändra något", errorPrefix: "Fel:",
  months: "januari,februari,mars,april,maj,juni,juli,augusti,september,oktober,november,december",
  "msg.month": "Välj en månad.", "msg.year": "Välj ett år.", "msg.area": "Välj en kommun.", "msg.intervention": "Välj en insats i listan.",
  "msg.party": "Välj var du arbetar.", "msg.unit": "Välj en enhet i listan.",
  "msg.email": "Skriv din e-post rätt. Du kan också låta bli att skriva den.",
  "msg.concerned": "Välj minst en verksamhet.", "msg.description": "Skriv vad som hände.",
  "msg.consequences": "Välj minst en sak som hände personen. Du kan välja Annat.", "msg.causes": "Välj minst en orsak. Du kan välja Annat.",
  "msg.otherConsequence": "Du valde Annat. Skriv vad som hände personen.", "msg.otherCause": "Du valde Annat. Skriv vilken orsak.",
  "msg.severity": "Välj hur allvarligt det var.", "msg.frequency": "Välj hur ofta det händer.",
  "msg.future": "Månaden har inte kommit än. Välj en annan månad.",
  "msg.confirm": "Kryssa i rutan. Den visar att du inte har skrivit vem personen är.",
  "msg.tooLong": "Texten är för lång. Du får skriva {{max}} tecken.",
  "msg.pii": "Det ser ut som att du har skrivit {{kinds, list}}. Ta bort det. Ingen ska kunna veta vem personen är.",
  "msg.expired": "Det tog för lång tid. Titta på det du har skrivit och skicka igen.",
  "pii.personnummer": "ett personnummer", "pii.telefon": "ett telefonnummer", "pii.epost": "en e-post",
  thanks: "Tack! Vi har fått det du skrev",
  registered: "{{forbund}} har fått det du skrev. Det har numret {{caseNumber}}.",
  followTitle: "Din egen länk",
  followText: "Med länken kan du se vad som händer. Du kan läsa svaren. Du kan skriva mer.",
  saveNow: "Spara länken nu.", saveNowRest: "Du ser den bara nu. Länken är bara din. Ge den inte till någon annan.",
  followLabel: "Din länk", mailed: "Vi har också skickat länken till din e-post.",
  openCase: "Öppna {{caseNumber}}",
  already: "Vi har redan fått det du skrev. Det har inte skickats två gånger.",
  shownOnce: "Du såg din länk när du skickade. Vi visar den inte igen. Det är för att skydda den.",
  shownOnceMailed: "Du såg din länk när du skickade. Den finns också i ett mejl till dig. Vi visar den inte igen. Det är för att skydda den.",
  newReport: "Berätta om något nytt",
};

/** English. State: utkast, ej granskad. */
const en: Catalog = {
  skip: "Skip to content",
  footer: "Samspår – follow-up for coordination associations. Answers to questionnaires are anonymous.",
  chooseLanguage: "Language",
  title: "Report a deviation in cooperation",
  errorTitle: "Error: {{title}}",
  intro: "Here you report when cooperation between the parties has not worked for a person (the Heller act). You do not need an account.",
  publicRecord: "The report becomes an official document that anyone may ask to read.",
  publicRecordText: "Describe what happened in the cooperation, but never write names, personal identity numbers, phone numbers, e-mail addresses or anything else that identifies the person.",
  otherLaws: "Is it about wrongdoing in social services (lex Sarah) or an injury in health care (lex Maria)? Report it as your own organisation's routine says – not here.",
  whenWhere: "When and where",
  whenHappened: "When did it happen?",
  month: "Month", chooseMonth: "Choose month", year: "Year", chooseYear: "Choose year",
  area: "Municipal area", chooseArea: "Choose municipal area",
  intervention: "Intervention (optional)", interventionHint: "If the deviation belongs to an intervention the association funds.", noIntervention: "No particular intervention",
  aboutYou: "About you, the reporter",
  reporterParty: "The party you work for", chooseParty: "Choose party",
  reporterUnit: "Your unit (optional)", noUnit: "No unit chosen",
  reporterRole: "Your role (optional)", reporterRoleHint: "For example job coach, case officer or occupational therapist.",
  feedback: "Feedback by e-mail (optional)",
  feedbackHint: "Fill in only if you want the link to the case and news by e-mail. You always get a personal link after you have sent the report.",
  reporterName: "Your name", reporterEmail: "Your e-mail address",
  whatHappened: "What happened",
  concerned: "Which parties does the deviation concern?", concernedHint: "Tick one or more parties. Choose a unit if you know which.",
  concernedUnit: "Unit at {{party}} (optional)",
  description: "Describe what happened in the cooperation", descriptionHint: "Describe the event and what failed between the parties – not the person.",
  consequences: "Consequences for the individual", chooseOneOrMore: "Choose one or more.",
  consequenceOther: "Other consequence", fillIfOther: "Fill in if you chose Other (Annat).",
  causes: "Causes", causeOther: "Other cause",
  proposal: "Proposed solution (optional)", actionTaken: "Action already taken (optional)",
  assessment: "Assessment",
  severity: "How serious is the deviation?", allvarlig: "Serious", mindre_allvarlig: "Less serious",
  frequency: "How often does it happen? (optional)", forsta_gangen: "The first time", hant_forut: "Has happened before", aterkommande: "Recurring",
  confirm: "I confirm that the text contains no names, personal identity numbers or anything else that identifies the person.",
  submit: "Send the report",
  answered: "Read answered deviations",
  errorSummary: "Something needs to be corrected", errorPrefix: "Error:",
  months: "January,February,March,April,May,June,July,August,September,October,November,December",
  "msg.month": "Choose a month.", "msg.year": "Choose a year.", "msg.area": "Choose a municipal area.", "msg.intervention": "Choose an intervention from the list.",
  "msg.party": "Choose the party you work for.", "msg.unit": "Choose a unit from the list.",
  "msg.email": "Write a valid e-mail address, or leave the field empty.",
  "msg.concerned": "Choose at least one party the deviation concerns.", "msg.description": "Describe what happened in the cooperation.",
  "msg.consequences": "Choose at least one consequence for the individual (or Other).", "msg.causes": "Choose at least one cause (or Other).",
  "msg.otherConsequence": "You chose Other: write which consequence.", "msg.otherCause": "You chose Other: write which cause.",
  "msg.severity": "Choose whether the deviation is serious or less serious.", "msg.frequency": "Choose how often it happens.",
  "msg.future": "The deviation cannot have happened in a coming month.",
  "msg.confirm": "Confirm that the text contains no names, personal identity numbers or anything else that identifies the person.",
  "msg.tooLong": "The text may be at most {{max}} characters.",
  "msg.pii": "The text seems to contain {{kinds, list}}. Remove it – the report must not be linked to a person.",
  "msg.expired": "The form had expired. Check the details and send again.",
  "pii.personnummer": "a personal identity number", "pii.telefon": "a phone number", "pii.epost": "an e-mail address",
  thanks: "Thank you for your report",
  registered: "The deviation is registered with {{forbund}} under case number {{caseNumber}}.",
  followTitle: "Your personal link to the case",
  followText: "With the link you can follow the case, read the parties' answers and the decision, and add information.",
  saveNow: "Save it now", saveNowRest: "– it is shown only this once and it is personal. Do not share it.",
  followLabel: "Link to the case", mailed: "We have also sent the link to your e-mail address.",
  openCase: "Open case {{caseNumber}}",
  already: "The report is already registered – nothing has been sent in again.",
  shownOnce: "The personal link to the case was shown when you sent the report. For security reasons it is not shown again.",
  shownOnceMailed: "The personal link to the case was shown when you sent the report and is in the e-mail sent to your address. For security reasons it is not shown again.",
  newReport: "Report a new deviation",
};

export const deviationCatalogs = { sv, "sv-lattlast": svLattlast, en } as const satisfies Record<string, Catalog>;
export type FormLanguage = keyof typeof deviationCatalogs;
export const formLanguages = Object.keys(deviationCatalogs) as FormLanguage[];
/** Only a translator's or lättläst editor's check makes a catalog granskad. */
export const deviationCatalogStates: Readonly<Record<FormLanguage, "granskad" | "utkast">> = { sv: "granskad", "sv-lattlast": "utkast", en: "utkast" };
/** Each language in its own name, for the switch at the top of the form. */
export const languageNames: Readonly<Record<FormLanguage, string>> = { sv: "Svenska", "sv-lattlast": "Lättläst svenska", en: "English" };
/** The html lang of a language: lättläst is Swedish. */
export const htmlLang = (lang: FormLanguage) => (lang === "en" ? "en" : "sv");
export const isFormLanguage = (v: unknown): v is FormLanguage => typeof v === "string" && Object.hasOwn(deviationCatalogs, v);

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: Object.fromEntries(Object.entries(deviationCatalogs).map(([lang, c]) => [lang, { avvikelser: c }])),
  ns: ["avvikelser"], defaultNS: "avvikelser", fallbackLng: "sv",
  keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false }, returnNull: false,
});

/** The form's words in one language: `t` for a key, and the texts the pages and the schema build from several. */
export function deviationWords(lang: FormLanguage) {
  const fixed = i18n.getFixedT(lang, "avvikelser");
  // Only catalog keys are asked for: a misspelt key is a type error, not a key shown to a reporter.
  const t = (key: DeviationKey, values?: Record<string, unknown>): string => fixed(key, values ?? {});
  return {
    lang, htmlLang: htmlLang(lang), t,
    months: t("months").split(","),
    tooLong: (max: number) => t("msg.tooLong", { max }),
    /** The personal-data message for a text, or undefined when it holds none. */
    pii: (text: string) => {
      const kinds = [...new Set(findPii(text).map((h) => h.kind))];
      return kinds.length ? t("msg.pii", { kinds: kinds.map((k: PiiKind) => t(`pii.${k}`)) }) : undefined;
    },
    /** The receipt's sentence split around the case number, which the page writes in bold. */
    registered: (forbund: string) => t("registered", { forbund, caseNumber: "\u0000" }).split("\u0000"),
  };
}
export type DeviationWords = ReturnType<typeof deviationWords>;

/**
 * The form's language: the one asked for (the switch's ?lang=, or the form's hidden lang field when it is sent),
 * else the one the browser prefers among the three (Accept-Language, negotiated as Express does), else Swedish.
 */
export function chooseFormLanguage(asked: unknown, acceptLanguage?: string): FormLanguage {
  if (isFormLanguage(asked)) return asked;
  return (new Negotiator({ headers: { "accept-language": acceptLanguage } }).language(formLanguages) as FormLanguage | undefined) ?? "sv";
}
