DROP INDEX "responses_collection";--> statement-breakpoint
CREATE INDEX "responses_collection" ON "responses" USING btree ("collection_id","finished","answered_on");