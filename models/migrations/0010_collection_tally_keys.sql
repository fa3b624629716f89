CREATE TABLE "collection_tally_keys" (
	"collection_id" uuid NOT NULL,
	"key" text NOT NULL,
	"mode" text NOT NULL,
	CONSTRAINT "collection_tally_keys_collection_id_key_pk" PRIMARY KEY("collection_id","key")
);
--> statement-breakpoint
ALTER TABLE "collection_tally_keys" ADD CONSTRAINT "collection_tally_keys_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;