/** Input of the import page and API. */
import { z } from "zod";

export const collectionIdParam = z.object({ id: z.uuid() });

export const importForm = z.object({
  csv: z.string().trim().min(1, "Klistra in CSV-texten eller välj en fil."),
  action: z.enum(["preview", "import"], { message: "Välj Förhandsgranska eller Importera." }).default("preview"),
});
export type ImportForm = z.infer<typeof importForm>;
