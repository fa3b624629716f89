-- Keeps response_tallies up to date from every write to responses (see models/answering.ts).
-- One statement-level trigger per operation: the changed finished rows of the whole statement are
-- counted together and added in one upsert, so a batch of a thousand answers costs one upsert.
create type "response_tally_change" as ("collection_id" uuid, "answers" jsonb, "d" integer);
--> statement-breakpoint
-- The answer keys of a definition that results count, each with how: 'value' (a question with fixed values: scales,
-- ja/nej, single choice), 'multi' (a multi choice), 'text' (a free-text question, a comment `<id>_kommentar`, a multi
-- choice's "Annat" `<id>_annat`): the keys server/results/service.ts (planOf) asks for, and only those.
create function "response_tally_keys"("definition" jsonb) returns table("key" text, "mode" text)
language sql immutable as $$
  select q ->> 'id', case q ->> 'kind' when 'multi' then 'multi' when 'text' then 'text' else 'value' end
  from jsonb_path_query("definition", '$.sections[*].questions[*] ? (@.kind == "frequency6" || @.kind == "scale6" || @.kind == "scale10" || @.kind == "yesno" || @.kind == "single" || @.kind == "multi" || @.kind == "text")') q
  union all
  select (q ->> 'id') || '_kommentar', 'text' from jsonb_path_query("definition", '$.sections[*].questions[*] ? (@.comment.type() == "object")') q
  union all
  select (q ->> 'id') || '_annat', 'text' from jsonb_path_query("definition", '$.sections[*].questions[*] ? (@.kind == "multi" && @.other.type() == "object")') q
$$;
--> statement-breakpoint
-- The counts a set of responses adds (d = 1) or takes away (d = -1), summed per insamling, question and value:
-- ('', '') the response itself; ('text' and 'multi' keys) (key, '') answered: a non-empty text (`->>` ≠ ''), a
-- non-empty array; ('value' keys) (key, value) for a number, or a string that looks like a code (`^[a-z0-9_]+$`),
-- of at most 100 characters: scale values, ja/nej, option codes; ('multi' keys) (key, code) for each code the
-- array holds, once per response. Free text is never a value. Each answer is extracted once (`offset 0`) and
-- every count is one hash aggregation: 100 000 imported rows cost one pass, not a query per row or per answer.
-- The counts above are added in one upsert (in key order, so that two concurrent statements take the row locks in the same order), and deletes counts that fell to 0.
create function "response_tallies_apply"("changes" "response_tally_change"[]) returns void
language plpgsql set jit = off as $$
declare
  fell boolean;
begin
  if coalesce(cardinality("changes"), 0) = 0 then return; end if;
  -- The query is here rather than in an SQL function so that PL/pgSQL keeps its plan between statements.
  with d ("collection_id", "question", "value", "n") as (
    with c as materialized (select * from unnest("changes")),
    keys as materialized (
      select col.id, k."key", k."mode" from "collections" col cross join lateral "response_tally_keys"(col."definition") k
      where col.id in (select distinct c."collection_id" from c)
    )
    select c."collection_id", '' as "question", '' as "value", sum(c."d")::bigint from c
    group by 1 having sum(c."d") <> 0
    union all
    select g.* from (
      select a."collection_id", a."key", case a."mode"
          when 'value' then case when a."type" in ('string', 'number') and length(a."text") <= 100 and (a."type" = 'number' or a."text" ~ '^[a-z0-9_]+$') then a."text" end
          when 'text' then case when a."text" <> '' then '' end
          else case when a."type" = 'array' and a."text" <> '[]' then '' end
        end as "value", sum(a."d")::bigint as "n"
      from (
        select c."collection_id", k."key", k."mode", c."answers" ->> k."key" as "text", jsonb_typeof(c."answers" -> k."key") as "type", c."d"
        from c join keys k on k.id = c."collection_id" offset 0
      ) a
      group by 1, 2, 3 offset 0
    ) g where g."value" is not null and g."n" <> 0
    union all
    select c."collection_id", k."key", x."code", sum(c."d")::bigint
    from c join keys k on k.id = c."collection_id" and k."mode" = 'multi'
    cross join lateral (select distinct el #>> '{}' as "code" from jsonb_array_elements(c."answers" -> k."key") el where jsonb_typeof(el) = 'string') x
    where jsonb_typeof(c."answers" -> k."key") = 'array' and x."code" ~ '^[a-z0-9_]+$' and length(x."code") <= 100
    group by 1, 2, 3 having sum(c."d") <> 0
  ),
  up as (
    insert into "response_tallies" as t ("collection_id", "question", "value", "n")
    select d."collection_id", d."question", d."value", d."n" from d order by 1, 2, 3
    on conflict ("collection_id", "question", "value") do update set "n" = t."n" + excluded."n"
    returning t."n"
  )
  select coalesce(bool_or(up."n" <= 0), false) into fell from up;
  if fell then
    delete from "response_tallies" t where t."n" <= 0 and t."collection_id" in (select distinct x."collection_id" from unnest("changes") x);
  end if;
end
$$;
--> statement-breakpoint
create function "response_tallies_on_write"() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished"));
  elsif tg_op = 'UPDATE' then
    -- Every old finished row taken away, every new one added: what did not change cancels out (having sum <> 0).
    perform "response_tallies_apply"(array(
      select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished"
      union all
      select row(r."collection_id", r."answers", 1)::"response_tally_change" from new_rows r where r."finished"));
  elsif tg_op = 'DELETE' then
    perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", -1)::"response_tally_change" from old_rows r where r."finished"));
    -- Responses deleted with their insamling (on delete cascade): its definition is gone already, so all its counts go.
    delete from "response_tallies" t where t."collection_id" in (select distinct r."collection_id" from old_rows r)
      and not exists (select 1 from "collections" col where col.id = t."collection_id");
  end if;
  return null;
end
$$;
--> statement-breakpoint
create function "response_tallies_on_truncate"() returns trigger
language plpgsql as $$
begin
  truncate "response_tallies";
  return null;
end
$$;
--> statement-breakpoint
create trigger "responses_tallies_insert" after insert on "responses" referencing new table as new_rows for each statement execute function "response_tallies_on_write"();
--> statement-breakpoint
create trigger "responses_tallies_update" after update on "responses" referencing old table as old_rows new table as new_rows for each statement execute function "response_tallies_on_write"();
--> statement-breakpoint
create trigger "responses_tallies_delete" after delete on "responses" referencing old table as old_rows for each statement execute function "response_tallies_on_write"();
--> statement-breakpoint
create trigger "responses_tallies_truncate" after truncate on "responses" for each statement execute function "response_tallies_on_truncate"();
--> statement-breakpoint
-- Which answers are counted by value depends on the insamling's definition (a snapshot that is never changed); should it change, its counts are made again.
create function "response_tallies_on_definition"() returns trigger
language plpgsql as $$
begin
  delete from "response_tallies" where "collection_id" = new.id;
  perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from "responses" r where r."collection_id" = new.id and r."finished"));
  return null;
end
$$;
--> statement-breakpoint
create trigger "collections_tallies_definition" after update of "definition" on "collections" for each row when (old."definition" is distinct from new."definition") execute function "response_tallies_on_definition"();
--> statement-breakpoint
-- The responses already there, one insamling at a time.
do $$
declare
  c uuid;
begin
  for c in select distinct r."collection_id" from "responses" r where r."finished" loop
    perform "response_tallies_apply"(array(select row(r."collection_id", r."answers", 1)::"response_tally_change" from "responses" r where r."collection_id" = c and r."finished"));
  end loop;
end
$$;
