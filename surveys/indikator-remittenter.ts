/**
 * Samspår's own questionnaire for remittenter: staff at the parties who refer people to a financed
 * insats. Remittenter are not one of NNS's five respondent groups, so this is no indicator survey; the
 * seeds mention referrals and the feedback to the remittent (004) but print no questions. Every
 * question is Samspår's wording. The id keeps its old name so that existing insamlingar still work.
 */
import { defineSurvey } from "./define.js";

const freq = (id: string, sv: string, en: string) => ({ id, kind: "frequency6" as const, source: "samspar" as const, text: { sv, en } });

export default defineSurvey({
  id: "indikator-remittenter",
  version: 1,
  title: { sv: "Samspårs enkät till remittenter", en: "Samspår survey for referrers" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Hur fungerar insatsen för dem du remitterar?", en: "How does the programme work for the people you refer?" },
  respondentGroup: "remittenter",
  intro: {
    sv: "Enkäten riktar sig till dig som har remitterat eller hänvisat personer till insatsen. Den är anonym: ingen kan se vad just du har svarat.",
    en: "The survey is for you who have referred people to the programme. It is anonymous: no one can see what you answered.",
  },
  source: "samspar",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "insatsen",
      title: { sv: "Insatsen och samverkan", en: "The programme and cooperation" },
      questions: [
        freq("q1", "Har du tillräcklig kunskap om insatsen för att veta vilka personer som kan ha nytta av den?", "Do you know enough about the programme to tell who could benefit from it?"),
        freq("q2", "Är det enkelt att remittera en person till insatsen?", "Is it easy to refer a person to the programme?"),
        freq("q3", "Får de personer du har remitterat det stöd de behöver i insatsen?", "Do the people you have referred get the support they need in the programme?"),
        freq("q4", "Blir de personer du har remitterat mer redo att kunna arbeta eller studera?", "Do the people you have referred become more ready to work or study?"),
        freq("q5", "Får du återkoppling från insatsen om hur det har gått för personen?", "Do you get feedback from the programme on how things went for the person?"),
        freq("q6", "Underlättar insatsen samverkan mellan din verksamhet och de andra parterna?", "Does the programme make cooperation between your service and the other parties easier?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q7", kind: "text", source: "samspar", text: { sv: "Vad fungerar bra?", en: "What works well?" } },
        { id: "q8", kind: "text", source: "samspar", text: { sv: "Vad kan göras annorlunda?", en: "What could be done differently?" } },
      ],
    },
  ],
});
