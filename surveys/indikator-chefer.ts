/**
 * NNS indicator questionnaire for the parties' managers in samverkan (chefsgrupper, for example the
 * beredningsgrupp). The seeds name the group (004) but do not print its questions; the wording below
 * follows what the indicators are said to measure — whether the parties get better at samverkan
 * around the target group, share responsibility, and work strategically with jämställdhet. Every
 * question is Samspår's wording until NNS's national text is imported as a new version.
 */
import { defineSurvey } from "./define.js";

const freq = (id: string, sv: string, en: string) => ({ id, kind: "frequency6" as const, source: "samspar" as const, text: { sv, en } });

export default defineSurvey({
  id: "indikator-chefer",
  version: 1,
  title: { sv: "Indikatorenkät – chefer i samverkan", en: "Indicator survey – managers in cooperation" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Hur fungerar samverkan mellan parterna?", en: "How is cooperation between the parties working?" },
  respondentGroup: "chefer",
  intro: {
    sv: "Enkäten riktar sig till dig som är chef hos en av parterna och deltar i samordningsförbundets samverkan, till exempel i beredningsgruppen. Den är anonym: ingen kan se vad just du har svarat.",
    en: "The survey is for managers of the parties who take part in the coordination association's cooperation, for example in the preparatory group. It is anonymous: no one can see what you answered.",
  },
  source: "samspar",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "samverkan",
      title: { sv: "Samverkan mellan parterna", en: "Cooperation between the parties" },
      questions: [
        freq("q1", "Har du tillräcklig kunskap om de andra parternas uppdrag och arbetssätt?", "Do you know enough about the other parties' remits and ways of working?"),
        freq("q2", "Har parterna en gemensam bild av målgruppens behov?", "Do the parties share a picture of the target group's needs?"),
        freq("q3", "Tar parterna ett gemensamt ansvar för personer i behov av samordnade rehabiliteringsinsatser?", "Do the parties take joint responsibility for people who need coordinated rehabilitation?"),
        freq("q4", "Ger din organisation medarbetarna förutsättningar att arbeta i samverkan med de andra parterna?", "Does your organisation give its staff the means to work together with the other parties?"),
        freq("q5", "Bidrar samordningsförbundets arbete till att samverkan mellan parterna utvecklas?", "Does the coordination association's work help develop cooperation between the parties?"),
        freq("q6", "Tas erfarenheter från förbundets insatser tillvara i parternas ordinarie verksamhet?", "Are lessons from the association's programmes taken up in the parties' regular work?"),
        freq("q7", "Beaktas ett jämställdhetsperspektiv i förbundets insatser och i samverkan?", "Is a gender equality perspective taken into account in the programmes and in the cooperation?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q8", kind: "text", source: "samspar", text: { sv: "Vad fungerar bra i samverkan?", en: "What works well in the cooperation?" } },
        { id: "q9", kind: "text", source: "samspar", text: { sv: "Vad kan utvecklas?", en: "What could be developed?" } },
      ],
    },
  ],
});
