/**
 * NNS indicator questionnaire for participants when they finish an insats. Seed 003 prints questions
 * 5–7 ("Indikatorer för finansiell samordning (avslutade Enter 2024)"): those are word for word. 004
 * quotes only fragments of 1 and 7 in its goals. 1–3, 4a/4b and 8–10 follow the questionnaire for ongoing
 * participants in the past tense: Samspår's wording, until NNS's text is imported as a new version.
 */
import { defineSurvey } from "./define.js";

const PRINTED = { verbatim: "seed 003, medlemssamråd 2025-02-28 (Indikatorer för finansiell samordning, avslutade Enter 2024)" };
const freq = (id: string, sv: string, en: string, lattlast: string, source: "samspar" | typeof PRINTED = "samspar") =>
  ({ id, kind: "frequency6" as const, source, text: { sv, en, "sv-lattlast": lattlast } });

export default defineSurvey({
  id: "indikator-deltagare-avslut",
  version: 1,
  title: {
    sv: "Indikatorenkät – deltagare vid avslut",
    en: "Indicator survey – participants at the end of a programme",
    "sv-lattlast": "Enkät när du slutar i insatsen",
  },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Vad tyckte du om stödet du fick?", en: "What did you think of the support you had?", "sv-lattlast": "Vad tyckte du om stödet du fick?" },
  respondentGroup: "deltagare-avslut",
  intro: {
    sv: "Du har avslutat insatsen. Enkäten är anonym och frivillig. Ingen kan se vad just du har svarat. Svara utifrån hur du har upplevt stödet i insatsen.",
    en: "You have finished the programme. The survey is anonymous and voluntary. No one can see what you answered. Answer from your own experience of the support.",
    "sv-lattlast": "Du har slutat i insatsen. Enkäten handlar om stödet du har fått. Du skriver inte ditt namn. Ingen kan se vad du svarar. Du väljer själv om du vill svara.",
  },
  source: "paraphrased",
  readOnly: true,
  languages: ["sv", "en", "sv-lattlast"],
  sections: [
    {
      id: "stodet",
      title: { sv: "Stödet du har fått", en: "The support you have had", "sv-lattlast": "Stödet du har fått" },
      questions: [
        freq("q1", "Har du fått stöd på ett sätt som är till stor nytta för dig?", "Have you had support in a way that was very useful to you?",
          "Har du fått stöd som har hjälpt dig mycket?"),
        freq("q2", "Har du varit med och bestämt vilket stöd du skulle få?", "Did you take part in deciding what support you got?",
          "Har du fått vara med och bestämma vilket stöd du fick?"),
        freq("q3", "Har du fått tillräckligt med tid i insatsen?", "Did you get enough time in the programme?",
          "Har du fått tillräckligt med tid?"),
        {
          id: "q4a", kind: "yesno", source: "samspar",
          text: {
            sv: "Har du haft behov av stöd i kontakten med myndigheter eller vården?",
            en: "Did you need support in your contacts with authorities or health care?",
            "sv-lattlast": "Har du behövt hjälp när du har haft kontakt med myndigheter eller vården?",
          },
        },
        {
          ...freq("q4b", "Har du fått stöd från insatsen i dina kontakter med myndigheter eller vården?", "Did you get support from the programme in your contacts with authorities or health care?",
            "Har du fått hjälp av oss när du har haft kontakt med myndigheter eller vården?"),
          condition: { question: "q4a", equals: ["ja"] },
        },
        freq("q5", "Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?", "Has the support helped you develop ways to handle your situation?",
          "Har stödet hjälpt dig att hitta sätt att klara din situation?", PRINTED),
        freq("q6", "Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du fick kontakt med oss?", "Do you feel more ready to work or study than before you came into contact with us?",
          "Känner du dig mer redo att arbeta eller studera nu än innan du kom till oss?", PRINTED),
        freq("q7", "Upplever du att personalen tar tillvara dina erfarenheter, kunskaper och synpunkter?", "Do you feel that the staff made use of your experience, knowledge and views?",
          "Har personalen tagit vara på det du kan och det du tycker?", PRINTED),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words", "sv-lattlast": "Skriv med egna ord" },
      questions: [
        { id: "q8", kind: "text", source: "samspar", text: { sv: "Vad är viktigt för dig för att kunna arbeta eller studera?", en: "What is important for you to be able to work or study?", "sv-lattlast": "Vad behöver du för att kunna arbeta eller studera?" } },
        { id: "q9", kind: "text", source: "samspar", text: { sv: "Hur har stödet du fått gjort skillnad för dig? (Beskriv gärna vad och varför)", en: "How has the support made a difference to you? (Describe what and why if you like)", "sv-lattlast": "Vad har stödet betytt för dig? Skriv gärna vad och varför." } },
        { id: "q10", kind: "text", source: "samspar", text: { sv: "Vad kunde ha gjorts annorlunda?", en: "What could have been done differently?", "sv-lattlast": "Vad kunde vi ha gjort bättre?" } },
      ],
    },
  ],
});
