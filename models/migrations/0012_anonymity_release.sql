CREATE TABLE "held_invitation_marks" (
	"collection_id" uuid NOT NULL,
	"mark" text NOT NULL,
	CONSTRAINT "held_invitation_marks_collection_id_mark_pk" PRIMARY KEY("collection_id","mark")
);
--> statement-breakpoint
CREATE TABLE "held_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collection_id" uuid NOT NULL,
	"forbund_id" uuid NOT NULL,
	"answered_on" date NOT NULL,
	"language" text DEFAULT 'sv' NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "released" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "held_invitation_marks" ADD CONSTRAINT "held_invitation_marks_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_responses" ADD CONSTRAINT "held_responses_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_responses" ADD CONSTRAINT "held_responses_forbund_id_forbund_id_fk" FOREIGN KEY ("forbund_id") REFERENCES "public"."forbund"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "held_responses_collection" ON "held_responses" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "responses_unreleased" ON "responses" USING btree ("collection_id") WHERE finished and not released;--> statement-breakpoint
-- Everything finished so far was shown already: it is the first snapshot.
UPDATE "responses" SET "released" = true WHERE "finished";
--> statement-breakpoint
-- The tallies are the released snapshot: only finished answers that a release has let in are counted.
create or replace function "response_tallies_on_write"() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished" and r."released"));
  elsif tg_op = 'UPDATE' then
    -- Every old counted row taken away, every new one added: what did not change cancels out (having sum <> 0).
    perform "response_tallies_apply"(array(
      select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished" and r."released"
      union all
      select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished" and r."released"));
  elsif tg_op = 'DELETE' then
    perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished" and r."released"));
    -- Responses deleted with their insamling (on delete cascade): its definition is gone already, so all its counts go.
    delete from "response_tallies" t where t."collection_id" in (select distinct r."collection_id" from old_rows r)
      and not exists (select 1 from "collections" col where col.id = t."collection_id");
  end if;
  return null;
end
$$;
--> statement-breakpoint
create or replace function "response_tallies_on_definition"() returns trigger
language plpgsql as $$
begin
  delete from "response_tallies" where "collection_id" = new.id;
  perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from "responses" r where r."collection_id" = new.id and r."finished" and r."released"));
  return null;
end
$$;
--> statement-breakpoint
-- A snapshot is released when at least k finished answers (k = the förbund's reporting threshold, never
-- below 3) wait in an insamling: all of them are let in at once. Two readings of the figures therefore
-- differ by at least k answers. Every write path goes through here (the form, the API, the import, the
-- release of invitation answers). The advisory lock per insamling makes concurrent writers take turns,
-- so two transactions cannot each release a part of the same k.
create function "responses_release_snapshot"() returns trigger
language plpgsql as $$
declare
  c record;
  waiting bigint;
begin
  for c in
    select distinct n."collection_id" as id, greatest(f."reporting_threshold", 3) as k
    from new_rows n join "collections" col on col.id = n."collection_id" join "forbund" f on f.id = col."forbund_id"
    where n."finished" and not n."released"
    order by 1
  loop
    select count(*) into waiting from "responses" r where r."collection_id" = c.id and r."finished" and not r."released";
    if waiting >= c.k then
      perform pg_advisory_xact_lock(hashtext('samspar:snapshot:' || c.id::text));
      -- Counted again under the lock: another transaction may have released some of them meanwhile.
      select count(*) into waiting from "responses" r where r."collection_id" = c.id and r."finished" and not r."released";
      if waiting >= c.k then
        update "responses" set "released" = true where "collection_id" = c.id and "finished" and not "released";
      end if;
    end if;
  end loop;
  return null;
end
$$;
--> statement-breakpoint
create trigger "responses_snapshot_insert" after insert on "responses" referencing new table as new_rows for each statement execute function "responses_release_snapshot"();
--> statement-breakpoint
create trigger "responses_snapshot_update" after update on "responses" referencing new table as new_rows for each statement execute function "responses_release_snapshot"();
