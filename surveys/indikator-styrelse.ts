/**
 * NNS indicator questionnaire for the förbund's board (styrelse). The seeds name the group (004) and
 * say the indicators include how the förbund works strategically with jämställdhet, but do not print
 * the questions; the wording below is the closest faithful one. Every question is Samspår's
 * wording until NNS's national text is imported as a new version.
 */
import { defineSurvey } from "./define.js";

const freq = (id: string, sv: string, en: string) => ({ id, kind: "frequency6" as const, source: "samspar" as const, text: { sv, en } });

export default defineSurvey({
  id: "indikator-styrelse",
  version: 1,
  title: { sv: "Indikatorenkät – styrelse", en: "Indicator survey – board" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Hur fungerar förbundets arbete?", en: "How is the association's work going?" },
  respondentGroup: "styrelse",
  intro: {
    sv: "Enkäten riktar sig till ledamöter och ersättare i samordningsförbundets styrelse. Den är anonym: ingen kan se vad just du har svarat.",
    en: "The survey is for members and deputies of the coordination association's board. It is anonymous: no one can see what you answered.",
  },
  source: "samspar",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "styrning",
      title: { sv: "Förbundets arbete", en: "The association's work" },
      questions: [
        freq("q1", "Har du tillräcklig kunskap om målgruppens behov?", "Do you know enough about the target group's needs?"),
        freq("q2", "Har du tillräcklig kunskap om de andra parternas uppdrag?", "Do you know enough about the other parties' remits?"),
        freq("q3", "Har styrelsen en gemensam syn på förbundets uppdrag och mål?", "Does the board share a view of the association's remit and goals?"),
        freq("q4", "Bidrar förbundets arbete till att parterna tar ett gemensamt ansvar för målgruppen?", "Does the association's work lead the parties to take joint responsibility for the target group?"),
        freq("q5", "Får styrelsen underlag som gör det möjligt att följa upp förbundets insatser och resultat?", "Does the board get what it needs to follow up the association's programmes and results?"),
        freq("q6", "Tas resultat och erfarenheter från förbundets insatser tillvara i parternas ordinarie verksamhet?", "Are results and lessons from the programmes taken up in the parties' regular work?"),
        freq("q7", "Arbetar förbundet strategiskt med jämställdhet?", "Does the association work strategically with gender equality?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q8", kind: "text", source: "samspar", text: { sv: "Vad fungerar bra?", en: "What works well?" } },
        { id: "q9", kind: "text", source: "samspar", text: { sv: "Vad kan utvecklas?", en: "What could be developed?" } },
      ],
    },
  ],
});
