/** SQL for insamlingar. */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../models/db.js";
import { collections } from "../../models/schema.js";

export type CollectionRow = typeof collections.$inferSelect;
export type NewCollection = typeof collections.$inferInsert;

export async function insertCollection(db: Db, v: NewCollection): Promise<CollectionRow> {
  const [row] = await db.insert(collections).values(v).returning();
  return row;
}

export async function findCollection(db: Db, forbundId: string, id: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(and(eq(collections.forbundId, forbundId), eq(collections.id, id)));
  return row;
}

export async function findBySlug(db: Db, slug: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(eq(collections.slug, slug));
  return row;
}

export async function listCollections(db: Db, forbundId: string): Promise<CollectionRow[]> {
  return db.select().from(collections).where(eq(collections.forbundId, forbundId)).orderBy(desc(collections.year), desc(collections.createdAt));
}

export async function updateCollection(db: Db, id: string, v: Partial<NewCollection>) {
  const [row] = await db.update(collections).set(v).where(eq(collections.id, id)).returning();
  return row;
}
