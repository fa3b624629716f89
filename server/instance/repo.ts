/** SQL for what belongs to the installation as a whole (instance_secrets). */
import { eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { instanceSecrets } from "../../models/schema.js";

/**
 * The stored secret of this name, stored first as `candidate` if there is none. Insert-or-nothing and then a
 * read: processes starting at the same moment all read the one value that won (the losing inserts wait for
 * the winner's commit on the primary key and then do nothing; the read that follows sees it).
 */
export async function keepSecret(db: Db, name: string, candidate: string): Promise<string> {
  await db.insert(instanceSecrets).values({ name, value: candidate }).onConflictDoNothing();
  const [row] = await db.select({ value: instanceSecrets.value }).from(instanceSecrets).where(eq(instanceSecrets.name, name));
  return row.value;
}
