CREATE TABLE "forbund_languages" (
	"forbund_id" uuid NOT NULL,
	"code" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forbund_languages_forbund_id_code_pk" PRIMARY KEY("forbund_id","code")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_translations" (
	"forbund_id" uuid NOT NULL,
	"questionnaire_key" text NOT NULL,
	"version" integer NOT NULL,
	"lang" text NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'utkast' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_translations_pk" PRIMARY KEY("forbund_id","questionnaire_key","version","lang"),
	CONSTRAINT "questionnaire_translations_state" CHECK ("state" in ('granskad', 'utkast'))
);
--> statement-breakpoint
ALTER TABLE "forbund_languages" ADD CONSTRAINT "forbund_languages_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_translations" ADD CONSTRAINT "questionnaire_translations_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;
