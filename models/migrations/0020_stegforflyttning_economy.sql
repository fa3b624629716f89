CREATE TABLE "intervention_movements" (
	"intervention_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"forbund_id" uuid NOT NULL,
	"matrix" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_movements_intervention_id_year_pk" PRIMARY KEY("intervention_id","year")
);
--> statement-breakpoint
CREATE TABLE "nyckeltal" (
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nyckeltal_forbund_id_year_pk" PRIMARY KEY("forbund_id","year")
);
--> statement-breakpoint
CREATE TABLE "economy_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"intervention_id" uuid,
	"label" text NOT NULL,
	"budget" bigint,
	"utfall" bigint,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_lines_category_check" CHECK ("category" in ('individinriktad', 'strukturovergripande', 'administration'))
);
--> statement-breakpoint
CREATE TABLE "economy_years" (
	"forbund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"eget_kapital_in" bigint,
	"eget_kapital_ut" bigint,
	"medlemsbidrag" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_years_forbund_id_year_pk" PRIMARY KEY("forbund_id","year")
);
--> statement-breakpoint
ALTER TABLE "intervention_movements" ADD CONSTRAINT "intervention_movements_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_movements" ADD CONSTRAINT "intervention_movements_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nyckeltal" ADD CONSTRAINT "nyckeltal_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_lines" ADD CONSTRAINT "economy_lines_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_lines" ADD CONSTRAINT "economy_lines_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_years" ADD CONSTRAINT "economy_years_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intervention_movements_forbund_year" ON "intervention_movements" USING btree ("forbund_id","year");--> statement-breakpoint
CREATE INDEX "economy_lines_forbund_year" ON "economy_lines" USING btree ("forbund_id","year");
