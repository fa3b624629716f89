/** SQL for the audit log. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { auditLog } from "../../models/schema.js";

export type AuditEntry = { forbundId: string | null; actorId: string | null; actorEmail: string | null; action: string; detail: Record<string, unknown> };

export async function insertEntry(db: Db, e: AuditEntry, at: Date) {
  await db.insert(auditLog).values({ ...e, at });
}

export async function listEntries(db: Db, forbundId: string, limit: number) {
  return db.select().from(auditLog).where(eq(auditLog.forbundId, forbundId)).orderBy(desc(auditLog.at)).limit(limit);
}
