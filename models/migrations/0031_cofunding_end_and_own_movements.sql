ALTER TABLE "intervention_movements" DROP CONSTRAINT "intervention_movements_intervention_id_year_pk";--> statement-breakpoint
ALTER TABLE "intervention_movements" ADD CONSTRAINT "intervention_movements_intervention_id_year_forbund_id_pk" PRIMARY KEY("intervention_id","year","forbund_id");--> statement-breakpoint
ALTER TABLE "intervention_cofunders" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "intervention_cofunders" ADD COLUMN "last_year" integer;