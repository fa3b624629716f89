ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'nationell';--> statement-breakpoint
CREATE TABLE "forbund_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "forbund_groups_name" ON "forbund_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE TABLE "forbund_group_members" (
	"group_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forbund_group_members_pk" PRIMARY KEY("group_id","forbund_id")
);
--> statement-breakpoint
ALTER TABLE "forbund_group_members" ADD CONSTRAINT "forbund_group_members_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."forbund_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forbund_group_members" ADD CONSTRAINT "forbund_group_members_forbund_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forbund_group_members_forbund" ON "forbund_group_members" USING btree ("forbund_id");--> statement-breakpoint
CREATE TABLE "group_sharing" (
	"group_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"year" integer NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_sharing_pk" PRIMARY KEY("group_id","forbund_id","questionnaire_id","year")
);
--> statement-breakpoint
ALTER TABLE "group_sharing" ADD CONSTRAINT "group_sharing_member_fk" FOREIGN KEY ("group_id","forbund_id") REFERENCES "public"."forbund_group_members"("group_id","forbund_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "national_sharing" (
	"forbund_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"year" integer NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "national_sharing_pk" PRIMARY KEY("forbund_id","questionnaire_id","year")
);
--> statement-breakpoint
ALTER TABLE "national_sharing" ADD CONSTRAINT "national_sharing_forbund_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_sharing_year" ON "national_sharing" USING btree ("questionnaire_id","year");
