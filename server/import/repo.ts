/** SQL for the CSV import: finished responses inserted in batches, inside one transaction. */
import { sql } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { responses } from "../../models/schema.js";

export type ImportTarget = { collectionId: string; forbundId: string; answeredOn: string };

/**
 * Inserts one batch of finished responses, given as a JSON array of answer objects. The whole batch
 * is one parameter expanded by jsonb_array_elements: a thousand rows cost one statement and one
 * parameter instead of six thousand, on PGlite and on a server alike. No submission key or resume
 * token: an imported response is finished and cannot be continued.
 */
export async function insertFinishedBatch(db: Db, to: ImportTarget, answersJsonArray: string): Promise<void> {
  await db.execute(sql`
    insert into ${responses} (collection_id, forbund_id, answered_on, language, finished, answers)
    select ${to.collectionId}::uuid, ${to.forbundId}::uuid, ${to.answeredOn}::date, 'sv', true, a
    from jsonb_array_elements(${answersJsonArray}::jsonb) as a`);
}
