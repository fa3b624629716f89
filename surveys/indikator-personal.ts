/**
 * NNS indicator questionnaire for staff in a financed insats (insatspersonal). The seeds name this
 * respondent group (004) but do not print its questions: the wording below mirrors the participants'
 * indicators (benefit, say in the support, time, experience taken into account, readiness for work)
 * from the staff's side, plus knowledge of the other parties and the conditions for samverkan. Every
 * question is Samspår's wording until NNS's national text is imported as a new version.
 */
import { defineSurvey } from "./define.js";

const freq = (id: string, sv: string, en: string) => ({ id, kind: "frequency6" as const, source: "samspar" as const, text: { sv, en } });

export default defineSurvey({
  id: "indikator-personal",
  version: 1,
  title: { sv: "Indikatorenkät – insatspersonal", en: "Indicator survey – programme staff" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Hur fungerar stödet och samverkan i insatsen?", en: "How are the support and cooperation working in the programme?" },
  respondentGroup: "personal",
  intro: {
    sv: "Enkäten riktar sig till dig som arbetar i en insats som samordningsförbundet finansierar. Den är anonym: ingen kan se vad just du har svarat.",
    en: "The survey is for you who work in a programme financed by the coordination association. It is anonymous: no one can see what you answered.",
  },
  source: "samspar",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "deltagarna",
      title: { sv: "Stödet till deltagarna", en: "The support to participants" },
      questions: [
        freq("q1", "Får deltagarna stöd på ett sätt som är till stor nytta för dem?", "Do the participants get support in a way that is very useful to them?"),
        freq("q2", "Är deltagarna med och bestämmer vilket stöd de ska få?", "Do the participants take part in deciding what support they get?"),
        freq("q3", "Har du tillräckligt med tid för deltagarna i insatsen?", "Do you have enough time for the participants in the programme?"),
        freq("q4", "Tar ni tillvara deltagarnas erfarenheter, såsom kunskaper och synpunkter?", "Do you make use of the participants' experience, such as knowledge and views?"),
        freq("q5", "Blir deltagarna mer redo att kunna arbeta eller studera genom insatsen?", "Do the participants become more ready to work or study through the programme?"),
      ],
    },
    {
      id: "samverkan",
      title: { sv: "Samverkan med parterna", en: "Working with the parties" },
      questions: [
        freq("q6", "Har du tillräcklig kunskap om de andra parternas uppdrag och arbetssätt?", "Do you know enough about the other parties' remits and ways of working?"),
        freq("q7", "Samverkar du med de andra parterna på ett sätt som gör nytta för deltagarna?", "Do you work with the other parties in a way that benefits the participants?"),
        freq("q8", "Ger din organisation dig förutsättningar att arbeta i samverkan med de andra parterna?", "Does your organisation give you the means to work together with the other parties?"),
      ],
    },
    {
      id: "egna-ord",
      title: { sv: "Med egna ord", en: "In your own words" },
      questions: [
        { id: "q9", kind: "text", source: "samspar", text: { sv: "Vad fungerar bra i samverkan kring deltagarna?", en: "What works well in the cooperation around the participants?" } },
        { id: "q10", kind: "text", source: "samspar", text: { sv: "Vad kan göras annorlunda?", en: "What could be done differently?" } },
      ],
    },
  ],
});
