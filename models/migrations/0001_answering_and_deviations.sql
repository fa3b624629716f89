CREATE TYPE "public"."collection_status" AS ENUM('utkast', 'oppen', 'stangd');--> statement-breakpoint
CREATE TYPE "public"."deviation_code_kind" AS ENUM('cause', 'consequence');--> statement-breakpoint
CREATE TYPE "public"."deviation_frequency" AS ENUM('forsta_gangen', 'hant_forut', 'aterkommande');--> statement-breakpoint
CREATE TYPE "public"."deviation_severity" AS ENUM('allvarlig', 'mindre_allvarlig');--> statement-breakpoint
CREATE TYPE "public"."deviation_status" AS ENUM('ny', 'under_handlaggning', 'besvarad', 'avslutad', 'avvisad', 'hanvisad');--> statement-breakpoint
CREATE TABLE "collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"questionnaire_version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"intervention_id" uuid,
	"area_id" uuid,
	"respondent_group" text,
	"opens_on" date,
	"closes_on" date,
	"languages" jsonb DEFAULT '["sv"]'::jsonb NOT NULL,
	"status" "collection_status" DEFAULT 'utkast' NOT NULL,
	"slug" text NOT NULL,
	"invitation_retention_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collection_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"email" text,
	"token_hash" text NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"sent_on" date,
	"reminded_on" date
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collection_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"answered_on" date NOT NULL,
	"language" text DEFAULT 'sv' NOT NULL,
	"finished" boolean DEFAULT false NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submission_key" text,
	"resume_token_hash" text
);
--> statement-breakpoint
CREATE TABLE "deviation_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"kind" "deviation_code_kind" NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deviation_concerned" (
	"deviation_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"unit_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "deviation_concerned_deviation_id_party_id_position_pk" PRIMARY KEY("deviation_id","party_id","position")
);
--> statement-breakpoint
CREATE TABLE "deviation_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deviation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"kind" text NOT NULL,
	"from_status" "deviation_status",
	"to_status" "deviation_status",
	"note" text,
	"visible_to_reporter" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deviation_party_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deviation_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"contact_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"requested_on" date NOT NULL,
	"deadline" date NOT NULL,
	"reminded_on" date,
	"answered_on" date,
	"answer" text,
	"approved" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deviation_settings" (
	"forbund_id" uuid PRIMARY KEY NOT NULL,
	"answer_days" integer DEFAULT 60 NOT NULL,
	"reminder_days" integer DEFAULT 7 NOT NULL,
	"retention_months" integer DEFAULT 36 NOT NULL,
	"party_contacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public_slug" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deviations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"case_number" text NOT NULL,
	"occurred_month" text NOT NULL,
	"area_id" uuid,
	"intervention_id" uuid,
	"reporter_party_id" uuid,
	"reporter_unit_id" uuid,
	"reporter_role" text,
	"reporter_name" text,
	"reporter_email" text,
	"description" text NOT NULL,
	"consequences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consequence_other" text,
	"causes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cause_other" text,
	"proposal" text,
	"action_taken" text,
	"severity" "deviation_severity" NOT NULL,
	"frequency" "deviation_frequency",
	"status" "deviation_status" DEFAULT 'ny' NOT NULL,
	"status_reason" text,
	"follow_token_hash" text NOT NULL,
	"reported_on" date NOT NULL,
	"answer_deadline" date,
	"lifted_to" text,
	"lifted_on" date,
	"lift_note" text,
	"decision" text,
	"closed_on" date,
	"effect_follow_up_on" date,
	"effect_note" text,
	"effect_worked" boolean,
	"analysis_note" text,
	"public_summary" text,
	"public_summary_approved" boolean DEFAULT false NOT NULL,
	"anonymised_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collections" ADD CONSTRAINT "collections_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections" ADD CONSTRAINT "collections_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections" ADD CONSTRAINT "collections_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_codes" ADD CONSTRAINT "deviation_codes_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_concerned" ADD CONSTRAINT "deviation_concerned_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_concerned" ADD CONSTRAINT "deviation_concerned_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_concerned" ADD CONSTRAINT "deviation_concerned_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_events" ADD CONSTRAINT "deviation_events_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_events" ADD CONSTRAINT "deviation_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_party_requests" ADD CONSTRAINT "deviation_party_requests_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_party_requests" ADD CONSTRAINT "deviation_party_requests_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_settings" ADD CONSTRAINT "deviation_settings_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_reporter_party_id_parties_id_fk" FOREIGN KEY ("reporter_party_id") REFERENCES "public"."parties"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_reporter_unit_id_units_id_fk" FOREIGN KEY ("reporter_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "collections_slug" ON "collections" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "collections_forbund_year" ON "collections" USING btree ("forbund_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_collection" ON "invitations" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "responses_collection" ON "responses" USING btree ("collection_id","finished");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_submission_key" ON "responses" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_resume_token" ON "responses" USING btree ("resume_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "deviation_codes_unique" ON "deviation_codes" USING btree ("forbund_id","kind","code");--> statement-breakpoint
CREATE INDEX "deviation_events_deviation" ON "deviation_events" USING btree ("deviation_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "deviation_party_requests_token" ON "deviation_party_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "deviation_party_requests_deviation" ON "deviation_party_requests" USING btree ("deviation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deviation_settings_slug" ON "deviation_settings" USING btree ("public_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "deviations_case_number" ON "deviations" USING btree ("forbund_id","case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "deviations_seq" ON "deviations" USING btree ("forbund_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "deviations_follow_token" ON "deviations" USING btree ("follow_token_hash");--> statement-breakpoint
CREATE INDEX "deviations_forbund_year" ON "deviations" USING btree ("forbund_id","year");