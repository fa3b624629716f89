CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"summary" text,
	"detail" jsonb DEFAULT '{"total":{},"forbund":{}}'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "job_runs_outcome" CHECK ("job_runs"."outcome" in ('ok', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "collections" ADD COLUMN "auto_reminder_days" integer;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD COLUMN "retention_accepted_by" uuid;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD COLUMN "retention_accepted_by_label" text;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD COLUMN "retention_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD COLUMN "retention_accepted_months" integer;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD COLUMN "overdue_list_sent_on" date;--> statement-breakpoint
CREATE INDEX "job_runs_job_started" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "job_runs_started" ON "job_runs" USING btree ("started_at");--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD CONSTRAINT "deviation_settings_retention_accepted_by_users_id_fk" FOREIGN KEY ("retention_accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;