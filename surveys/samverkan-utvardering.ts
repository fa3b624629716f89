/**
 * Utvärdering samverkan: the survey of Samverk Höglandet, as in Bilaga 5 of seed 002 (answered by the
 * parties' representatives in styrelse, beredningsgrupp and Samverk's styr- and arbetsgrupper).
 * The question texts are printed there and kept word for word; where 002 names "Höglandets
 * samordningsförbund" (3 and 6) the placeholder {förbund} is filled with the förbund's name when an
 * insamling opens it. Question 9's stem is printed before 9a–9d and is their section's title. The
 * answer options of q1–q2, the end labels of the 1–10 scales, q7's help and the comment labels are not
 * printed (the charts were lost): they are Samspår's own (samsparParts), editable in a förbund's copy.
 * Numbering as printed: 9a kommunen, 9b Regionen, 9c Försäkringskassan, 9d Arbetsförmedlingen.
 * Free-text questions (marked * in the bilaga) are q4, q5, and the comments on q8 and q9a–q9d.
 */
import { defineSurvey, FORBUND_NAME } from "./define.js";

const PRINTED = { verbatim: "seed 002, Bilaga 5 Utvärdering samverkan 2024" };

const extent = {
  low: { sv: "I mycket liten utsträckning", en: "To a very small extent" },
  high: { sv: "I mycket stor utsträckning", en: "To a very large extent" },
};
const comment = { label: { sv: "Kommentera gärna ditt svar", en: "Feel free to comment on your answer" }, maxLength: 2000 };

const party = (id: string, sv: string, en: string) => ({
  id, kind: "scale10" as const, ...extent, comment, source: PRINTED, samsparParts: ["scale" as const, "comment" as const],
  text: {
    sv: `I vilken utsträckning tror du att personer i behov av samordnade rehabiliteringsinsatser får det stöd de behöver av ${sv}?`,
    en: `To what extent do you think people who need coordinated rehabilitation get the support they need from ${en}?`,
  },
});

export default defineSurvey({
  id: "samverkan-utvardering",
  version: 1,
  title: { sv: "Utvärdering samverkan", en: "Evaluation of cooperation" },
  // Samspår's own wording for respondents (start page, poster), never NNS's.
  shortTitle: { sv: "Hur fungerar samverkan där du arbetar?", en: "How is cooperation working where you work?" },
  respondentGroup: "samverkan",
  intro: {
    sv: "Enkäten riktar sig till parternas representanter (ordinarie och ersättare) i samordningsförbundets styrelse och beredningsgrupp och i styr- och arbetsgrupperna för Samverk. Den är anonym: ingen kan se vad just du har svarat.",
    en: "The survey is for the parties' representatives (members and deputies) in the coordination association's board and preparatory group and in Samverk's steering and working groups. It is anonymous: no one can see what you answered.",
  },
  source: "paraphrased",
  readOnly: true,
  languages: ["sv", "en"],
  sections: [
    {
      id: "om-dig",
      title: { sv: "Om dig", en: "About you" },
      questions: [
        {
          id: "q1", kind: "single", required: true, source: PRINTED, samsparParts: ["options"],
          text: { sv: "Arbets-/uppdragsgivare", en: "Employer or principal" },
          options: [
            { code: "kommun", text: { sv: "Kommun", en: "Municipality" } },
            { code: "region", text: { sv: "Region", en: "Region" } },
            { code: "arbetsformedlingen", text: { sv: "Arbetsförmedlingen", en: "Public Employment Service" } },
            { code: "forsakringskassan", text: { sv: "Försäkringskassan", en: "Social Insurance Agency" } },
            { code: "annan", text: { sv: "Annan", en: "Other" } },
          ],
        },
        {
          id: "q2", kind: "multi", source: PRINTED, samsparParts: ["options", "help"],
          text: { sv: "I vilken/vilka samverkansgrupper representerar du din arbetsgivare?", en: "In which cooperation group(s) do you represent your employer?" },
          help: { sv: "Välj alla som stämmer.", en: "Choose all that apply." },
          options: [
            { code: "styrelse", text: { sv: "Styrelse", en: "Board" } },
            { code: "beredningsgrupp", text: { sv: "Beredningsgrupp", en: "Preparatory group" } },
            { code: "styrgrupp_samverk", text: { sv: "Styrgrupp Samverk", en: "Samverk steering group" } },
            { code: "arbetsgrupp_samverk", text: { sv: "Arbetsgrupp Samverk", en: "Samverk working group" } },
          ],
          other: { sv: "Annan samverkansgrupp", en: "Other cooperation group" },
        },
      ],
    },
    {
      id: "samverkan",
      title: { sv: "Samverkan mellan parterna", en: "Cooperation between the parties" },
      questions: [
        {
          id: "q3", kind: "scale10", source: PRINTED, samsparParts: ["scale"],
          text: {
            sv: `Hur väl upplever du att samverkan mellan parterna fungerar i ${FORBUND_NAME}?`,
            en: `How well do you feel that cooperation between the parties works in ${FORBUND_NAME}?`,
          },
          low: { sv: "Mycket dåligt", en: "Very badly" }, high: { sv: "Mycket väl", en: "Very well" },
        },
        { id: "q4", kind: "text", source: PRINTED, text: { sv: "Vad fungerar bra?", en: "What works well?" } },
        { id: "q5", kind: "text", source: PRINTED, text: { sv: "Vad fungerar mindre bra?", en: "What works less well?" } },
        {
          id: "q6", kind: "yesno", source: PRINTED,
          text: {
            sv: `Upplever du att samverkan mellan parterna ökar (eller underlättas) genom arbetet i ${FORBUND_NAME}?`,
            en: `Do you feel that cooperation between the parties increases (or becomes easier) through the work of ${FORBUND_NAME}?`,
          },
        },
        {
          id: "q7", kind: "scale10", ...extent, source: PRINTED, samsparParts: ["scale", "help"],
          text: { sv: "I vilken utsträckning?", en: "To what extent?" },
          help: { sv: "Hur mycket samverkan ökar eller underlättas genom samordningsförbundets arbete.", en: "How much cooperation increases or becomes easier through the association's work." },
          condition: { question: "q6", equals: ["ja"] },
        },
        {
          id: "q8", kind: "scale10", ...extent, comment, source: PRINTED, samsparParts: ["scale", "comment"],
          text: { sv: "I vilken utsträckning upplever du att du har förutsättningar att samverka?", en: "To what extent do you feel that you have the means to cooperate?" },
        },
      ],
    },
    {
      id: "parterna",
      // question 9's stem as 002 prints it; 9a–9d each name one party
      title: {
        sv: "I vilken utsträckning tror du att personer i behov av samordnade rehabiliteringsinsatser får det stöd de behöver av parterna?",
        en: "To what extent do you think people who need coordinated rehabilitation get the support they need from the parties?",
      },
      questions: [
        party("q9a", "kommunen", "the municipality"),
        party("q9b", "Regionen", "the Region"),
        party("q9c", "Försäkringskassan", "the Social Insurance Agency"),
        party("q9d", "Arbetsförmedlingen", "the Public Employment Service"),
      ],
    },
  ],
});
