CREATE TABLE "response_tallies" (
	"collection_id" uuid NOT NULL,
	"question" text NOT NULL,
	"value" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "response_tallies_collection_id_question_value_pk" PRIMARY KEY("collection_id","question","value")
);
