ALTER TABLE "intervention_movements" ADD COLUMN "one_year_after" jsonb;--> statement-breakpoint
ALTER TABLE "forbund" ADD COLUMN "outcome_threshold" integer;--> statement-breakpoint
ALTER TABLE "forbund" ADD CONSTRAINT "forbund_outcome_threshold_check" CHECK ("outcome_threshold" IS NULL OR ("outcome_threshold" >= 2 AND "outcome_threshold" <= 1000));
