/**
 * NNS indicator questionnaire for participants in an ongoing insats, as printed in seed 002
 * (questions 1–3 and 5–10 verbatim; 4a and 4b are described there, not printed, hence "paraphrased").
 */
import { defineSurvey } from "./define.js";

const freq = (id: string, sv: string, en: string) => ({ id, kind: "frequency6" as const, text: { sv, en } });

export default defineSurvey({
  id: "indikator-deltagare-pagaende",
  version: 1,
  title: { sv: "Indikatorenkät – deltagare i pågående insats", en: "Indicator survey – participants in an ongoing programme" },
  respondentGroup: "deltagare-pagaende",
  intro: {
    sv: "Enkäten är anonym och frivillig. Ingen kan se vad just du har svarat. Svara utifrån hur du upplever stödet i insatsen.",
    en: "The survey is anonymous and voluntary. No one can see what you answered. Answer from your own experience of the support.",
  },
  source: "paraphrased",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "stodet",
      title: { sv: "Stödet du får", en: "The support you get" },
      questions: [
        freq("q1", "Får du stöd på ett sätt som är till stor nytta för dig?", "Do you get support in a way that is very useful to you?"),
        freq("q2", "Är du med och bestämmer vilket stöd du ska få?", "Do you take part in deciding what support you get?"),
        freq("q3", "Får du tillräckligt med tid i insatsen?", "Do you get enough time in the programme?"),
        {
          id: "q4a", kind: "yesno",
          text: { sv: "Har du behov av stöd i kontakten med myndigheter eller vården?", en: "Do you need support in your contacts with authorities or health care?" },
        },
        {
          ...freq("q4b", "Får du stöd från insatsen i dina kontakter med myndigheter eller vården?", "Do you get support from the programme in your contacts with authorities or health care?"),
          condition: { question: "q4a", equals: ["ja"] },
        },
        freq("q5", "Har stödet du fått i insatsen hjälpt dig hantera din livssituation?", "Has the support helped you handle your life situation?"),
        freq("q6", "Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du fick kontakt med oss?", "Do you feel more ready to work or study than before you came into contact with us?"),
        freq("q7", "Upplever du att personalen tar tillvara dina erfarenheter, såsom kunskaper och synpunkter?", "Do you feel that the staff make use of your experience, such as knowledge and views?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q8", kind: "text", text: { sv: "Vad är viktigt för dig för att kunna arbeta eller studera?", en: "What is important for you to be able to work or study?" } },
        { id: "q9", kind: "text", text: { sv: "Hur gör stödet du får skillnad för dig? (Beskriv gärna vad och varför)", en: "How does the support make a difference to you? (Describe what and why if you like)" } },
        { id: "q10", kind: "text", text: { sv: "Vad kan göras annorlunda?", en: "What could be done differently?" } },
      ],
    },
  ],
});
