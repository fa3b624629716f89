CREATE TABLE "forbund_words" (
	"forbund_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forbund_words_forbund_id_lang_key_pk" PRIMARY KEY("forbund_id","lang","key")
);
--> statement-breakpoint
ALTER TABLE "forbund_words" ADD CONSTRAINT "forbund_words_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;
