CREATE TYPE "public"."attendance_status" AS ENUM('ordinarie', 'ersattare', 'franvarande');--> statement-breakpoint
CREATE TABLE "intervention_funding" (
	"intervention_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"forbund_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_funding_intervention_id_year_pk" PRIMARY KEY("intervention_id","year")
);
--> statement-breakpoint
CREATE TABLE "intervention_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"intervention_id" uuid NOT NULL,
	"area_id" uuid,
	"year" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"counts" jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"status" "attendance_status" NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_party_id_pk" PRIMARY KEY("meeting_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "socioeconomic_rates" (
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"public_support" integer NOT NULL,
	"admin_cost" integer NOT NULL,
	"new_revenue" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "socioeconomic_rates_forbund_id_year_pk" PRIMARY KEY("forbund_id","year")
);
--> statement-breakpoint
ALTER TABLE "intervention_funding" ADD CONSTRAINT "intervention_funding_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_funding" ADD CONSTRAINT "intervention_funding_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "socioeconomic_rates" ADD CONSTRAINT "socioeconomic_rates_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intervention_reports_forbund_year" ON "intervention_reports" USING btree ("forbund_id","year");--> statement-breakpoint
CREATE INDEX "intervention_reports_intervention" ON "intervention_reports" USING btree ("intervention_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_group_day" ON "meetings" USING btree ("group_id","held_on");--> statement-breakpoint
CREATE INDEX "meetings_forbund_day" ON "meetings" USING btree ("forbund_id","held_on");