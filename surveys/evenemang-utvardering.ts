/**
 * A short evaluation of an event (inspirationsdag, utbildning, föreläsning), answered on a 1–6 scale.
 * Seed 002 reports "medel på 5 av 6 för helhetsintrycket, innehållet och arbetssättet" from such an
 * evaluation but prints no form; the wording below is ours ("paraphrased"), and a förbund may adapt it.
 */
import { defineSurvey } from "./define.js";

const grade = {
  low: { sv: "Mycket dåligt", en: "Very poor" },
  high: { sv: "Mycket bra", en: "Very good" },
};

export default defineSurvey({
  id: "evenemang-utvardering",
  version: 1,
  title: { sv: "Utvärdering av evenemang", en: "Event evaluation" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Vad tyckte du om evenemanget?", en: "What did you think of the event?" },
  respondentGroup: "evenemang",
  intro: {
    sv: "Tack för att du deltog! Svara gärna på några korta frågor om dagen. Enkäten är anonym.",
    en: "Thank you for taking part! Please answer a few short questions about the day. The survey is anonymous.",
  },
  source: "samspar",
  readOnly: false,
  languages: ["sv", "en"],
  sections: [
    {
      id: "betyg",
      title: { sv: "Ditt betyg (1–6)", en: "Your rating (1–6)" },
      questions: [
        { id: "q1", kind: "scale6", source: "samspar", ...grade, text: { sv: "Vilket är ditt helhetsintryck?", en: "What is your overall impression?" } },
        { id: "q2", kind: "scale6", source: "samspar", ...grade, text: { sv: "Vad tycker du om innehållet?", en: "What do you think of the content?" } },
        { id: "q3", kind: "scale6", source: "samspar", ...grade, text: { sv: "Vad tycker du om arbetssättet (föreläsning, workshop, diskussioner)?", en: "What do you think of the format (lecture, workshop, discussions)?" } },
        {
          id: "q4", kind: "scale6", source: "samspar", dontKnow: true,
          low: { sv: "Inte alls användbart", en: "Not useful at all" }, high: { sv: "Mycket användbart", en: "Very useful" },
          text: { sv: "Hur användbart är det du har fått med dig i ditt arbete?", en: "How useful is what you learnt for your work?" },
        },
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q5", kind: "text", source: "samspar", maxLength: 1000, text: { sv: "Vad var bäst?", en: "What was best?" } },
        { id: "q6", kind: "text", source: "samspar", maxLength: 1000, text: { sv: "Vad kan bli bättre till nästa gång?", en: "What could be better next time?" } },
      ],
    },
  ],
});
