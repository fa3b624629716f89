CREATE TYPE "public"."goal_manual_verdict" AS ENUM('uppfyllt', 'delvis_uppfyllt', 'ej_uppfyllt');--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"text" text NOT NULL,
	"questionnaire_id" text,
	"intervention_id" uuid,
	"area_id" uuid,
	"rule" jsonb,
	"manual_verdict" "goal_manual_verdict",
	"comment" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"default_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_rule_or_verdict" CHECK (("goals"."rule" is null) <> ("goals"."manual_verdict" is null))
);
--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goals_forbund_year" ON "goals" USING btree ("forbund_id","year","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "goals_default_key" ON "goals" USING btree ("forbund_id","year","default_key");