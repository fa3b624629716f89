ALTER TABLE "deviations" ADD COLUMN "receipt_shown_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deviations" ADD COLUMN "follow_seed" text;--> statement-breakpoint
ALTER TABLE "deviations" ADD COLUMN "imported_at" timestamp with time zone;