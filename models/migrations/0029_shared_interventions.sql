CREATE TABLE "intervention_cofunders" (
	"intervention_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "intervention_cofunders_pk" PRIMARY KEY("intervention_id","forbund_id")
);
--> statement-breakpoint
ALTER TABLE "intervention_cofunders" ADD CONSTRAINT "intervention_cofunders_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_cofunders" ADD CONSTRAINT "intervention_cofunders_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intervention_cofunders_forbund" ON "intervention_cofunders" USING btree ("forbund_id");--> statement-breakpoint
ALTER TABLE "intervention_funding" DROP CONSTRAINT "intervention_funding_intervention_id_year_pk";--> statement-breakpoint
ALTER TABLE "intervention_funding" ADD CONSTRAINT "intervention_funding_intervention_id_year_forbund_id_pk" PRIMARY KEY("intervention_id","year","forbund_id");
