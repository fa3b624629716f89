/** zod schemas for the results pages and API (filters). Messages are Swedish. */
import { z } from "zod";
import { blankToUndefined, idParam, last, text, yearText } from "../http/fields.js";

export { idParam };
import { respondentGroups, type RespondentGroup } from "../../surveys/define.js";


const groupKeys = Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]];



/** The year view's filters (GET form and API query). */
export const yearFilter = z.object({
  year: yearText("Välj år."),
  questionnaire: z.preprocess((v) => text(last(v)), z.string().trim().min(1, "Välj enkät: bara svar på samma enkät kan läggas ihop.").max(100)),
  interventionId: z.preprocess((v) => blankToUndefined(last(v)), z.uuid({ message: "Välj en insats i listan." }).optional()),
  areaId: z.preprocess((v) => blankToUndefined(last(v)), z.uuid({ message: "Välj ett kommunområde i listan." }).optional()),
  respondentGroup: z.preprocess((v) => blankToUndefined(last(v)), z.enum(groupKeys, { message: "Välj en svarsgrupp i listan." }).optional()),
});
export type YearFilterInput = z.output<typeof yearFilter>;

