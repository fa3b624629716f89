/**
 * What a question is for, by questionnaire and question id. "experience": a satisfaction or
 * experience question, to which a share-positive (or share-yes) goal and the 70 % line apply; "need":
 * a question about a need ("Har du behov av stöd …", 4a), whose yes is neither good nor bad — it is
 * reported as a distribution only, in no share-positive goal and under no line. Everything else is
 * "experience" when its kind has a share, "background" otherwise (who answers, which groups).
 *
 * Kept here as a table until the definitions (surveys/) can carry a role per question; it belongs there.
 */
import type { Question } from "../../surveys/define.js";

export type QuestionRole = "experience" | "need" | "background";

/** The questions whose role is not what their kind suggests, per questionnaire id. */
const roles: Record<string, Record<string, QuestionRole>> = {
  "indikator-deltagare-pagaende": { q4a: "need" },
  "indikator-deltagare-avslut": { q4a: "need" },
};

export function questionRole(questionnaireId: string, q: Pick<Question, "id" | "kind">): QuestionRole {
  return roles[questionnaireId]?.[q.id] ?? (q.kind === "frequency6" || q.kind === "yesno" || q.kind === "scale6" || q.kind === "scale10" ? "experience" : "background");
}

/** Whether a share-positive goal and the 70 % line apply to the question. */
export const judgedByShare = (questionnaireId: string, q: Pick<Question, "id" | "kind">): boolean =>
  (q.kind === "frequency6" || q.kind === "yesno") && questionRole(questionnaireId, q) === "experience";
