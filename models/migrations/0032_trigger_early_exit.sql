-- The same two triggers as in 0012, with nothing done for a statement that has nothing to do: a respondent's
-- page saved (an unfinished row) fires both on every write (an upsert fires the insert and the update
-- triggers), and each call of response_tallies_apply (SET jit = off) costs even when it returns at once.
-- What they do when there is something to do is unchanged.
create or replace function "response_tallies_on_write"() returns trigger
language plpgsql as $$
declare
  "changes" "response_tally_change"[];
begin
  if tg_op = 'INSERT' then
    "changes" := array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished" and r."released");
  elsif tg_op = 'UPDATE' then
    -- Every old counted row taken away, every new one added: what did not change cancels out (having sum <> 0).
    "changes" := array(
      select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished" and r."released"
      union all
      select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished" and r."released");
  elsif tg_op = 'DELETE' then
    "changes" := array(select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished" and r."released");
    -- Responses deleted with their insamling (on delete cascade): its definition is gone already, so all its counts go.
    delete from "response_tallies" t where t."collection_id" in (select distinct r."collection_id" from old_rows r)
      and not exists (select 1 from "collections" col where col.id = t."collection_id");
  end if;
  if cardinality("changes") > 0 then
    perform "response_tallies_apply"("changes");
  end if;
  return null;
end
$$;
--> statement-breakpoint
-- A snapshot is released when at least k finished answers (k = the förbund's reporting threshold, never
-- below 3) wait in an insamling: all of them are let in at once (see 0012). A statement that wrote no
-- finished, unreleased row cannot make any insamling reach k: it returns at once.
create or replace function "responses_release_snapshot"() returns trigger
language plpgsql as $$
declare
  c record;
  waiting bigint;
begin
  if not exists (select 1 from new_rows n where n."finished" and not n."released") then
    return null;
  end if;
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
