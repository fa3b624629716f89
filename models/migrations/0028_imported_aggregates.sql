CREATE TABLE "imported_aggregates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"forbund_name" text NOT NULL,
	"year" integer NOT NULL,
	"questionnaire_id" text NOT NULL,
	"version" integer NOT NULL,
	"k" integer NOT NULL,
	"content" jsonb NOT NULL,
	"checksum" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid
);
--> statement-breakpoint
ALTER TABLE "imported_aggregates" ADD CONSTRAINT "imported_aggregates_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imported_aggregates_key" ON "imported_aggregates" USING btree ("forbund_id","year","questionnaire_id","version");--> statement-breakpoint
CREATE INDEX "imported_aggregates_year" ON "imported_aggregates" USING btree ("questionnaire_id","year");
