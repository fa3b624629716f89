/**
 * NNS indicator questionnaire for participants in an ongoing insats. Seed 002 prints questions 1–3 and
 * 5–7 (under IT-spåret and SE-Höglandet) and 8–10 (SE-Höglandet's free-text questions): those are word
 * for word. 4a and 4b are only described there ("två nya frågor"), so their wording is Samspår's own.
 * The English and easy-to-read Swedish are Samspår's translations; the source is that of the Swedish.
 */
import { defineSurvey } from "./define.js";

const PRINTED = { verbatim: "seed 002, årsredovisning 2024 (IT-spåret och SE-Höglandet)" };
const PRINTED_FREE_TEXT = { verbatim: "seed 002, årsredovisning 2024 (SE-Höglandet, fritextfrågorna)" };
const freq = (id: string, sv: string, en: string, lattlast: string) =>
  ({ id, kind: "frequency6" as const, source: PRINTED, text: { sv, en, "sv-lattlast": lattlast } });

export default defineSurvey({
  id: "indikator-deltagare-pagaende",
  version: 1,
  title: {
    sv: "Indikatorenkät – deltagare i pågående insats",
    en: "Indicator survey – participants in an ongoing programme",
    "sv-lattlast": "Enkät om stödet du får",
  },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Vad tycker du om stödet du får?", en: "What do you think of the support you get?", "sv-lattlast": "Vad tycker du om stödet du får?" },
  respondentGroup: "deltagare-pagaende",
  intro: {
    sv: "Enkäten är anonym och frivillig. Ingen kan se vad just du har svarat. Svara utifrån hur du upplever stödet i insatsen.",
    en: "The survey is anonymous and voluntary. No one can see what you answered. Answer from your own experience of the support.",
    "sv-lattlast": "Enkäten handlar om stödet du får. Du skriver inte ditt namn. Ingen kan se vad du svarar. Du väljer själv om du vill svara.",
  },
  source: "paraphrased",
  readOnly: true,
  languages: ["sv", "en", "sv-lattlast"],
  sections: [
    {
      id: "stodet",
      title: { sv: "Stödet du får", en: "The support you get", "sv-lattlast": "Stödet du får" },
      questions: [
        freq("q1", "Får du stöd på ett sätt som är till stor nytta för dig?", "Do you get support in a way that is very useful to you?",
          "Får du stöd som hjälper dig mycket?"),
        freq("q2", "Är du med och bestämmer vilket stöd du ska få?", "Do you take part in deciding what support you get?",
          "Får du vara med och bestämma vilket stöd du får?"),
        freq("q3", "Får du tillräckligt med tid i insatsen?", "Do you get enough time in the programme?",
          "Får du tillräckligt med tid?"),
        {
          id: "q4a", kind: "yesno", source: "samspar",
          text: {
            sv: "Har du behov av stöd i kontakten med myndigheter eller vården?",
            en: "Do you need support in your contacts with authorities or health care?",
            "sv-lattlast": "Behöver du hjälp när du har kontakt med myndigheter eller vården?",
          },
        },
        {
          ...freq("q4b", "Får du stöd från insatsen i dina kontakter med myndigheter eller vården?", "Do you get support from the programme in your contacts with authorities or health care?",
            "Får du hjälp av oss när du har kontakt med myndigheter eller vården?"),
          source: "samspar",
          condition: { question: "q4a", equals: ["ja"] },
        },
        freq("q5", "Har stödet du fått i insatsen hjälpt dig hantera din livssituation?", "Has the support helped you handle your life situation?",
          "Har stödet hjälpt dig att klara din situation i livet?"),
        freq("q6", "Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du fick kontakt med oss?", "Do you feel more ready to work or study than before you came into contact with us?",
          "Känner du dig mer redo att arbeta eller studera nu än innan du kom till oss?"),
        freq("q7", "Upplever du att personalen tar tillvara dina erfarenheter, såsom kunskaper och synpunkter?", "Do you feel that the staff make use of your experience, such as knowledge and views?",
          "Tar personalen vara på det du kan och det du tycker?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words", "sv-lattlast": "Skriv med egna ord" },
      questions: [
        { id: "q8", kind: "text", source: PRINTED_FREE_TEXT, text: { sv: "Vad är viktigt för dig för att kunna arbeta eller studera?", en: "What is important for you to be able to work or study?", "sv-lattlast": "Vad behöver du för att kunna arbeta eller studera?" } },
        { id: "q9", kind: "text", source: PRINTED_FREE_TEXT, text: { sv: "Hur gör stödet du får skillnad för dig? (Beskriv gärna vad och varför)", en: "How does the support make a difference to you? (Describe what and why if you like)", "sv-lattlast": "Vad betyder stödet för dig? Skriv gärna vad och varför." } },
        { id: "q10", kind: "text", source: PRINTED_FREE_TEXT, text: { sv: "Vad kan göras annorlunda?", en: "What could be done differently?", "sv-lattlast": "Vad kan vi göra bättre?" } },
      ],
    },
  ],
});
