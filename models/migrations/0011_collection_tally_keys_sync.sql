-- The keys to count per insamling, kept beside its definition: counting a write then reads a few rows of
-- collection_tally_keys instead of parsing the definition's JSON three times in every statement.
create function "collection_tally_keys_sync"() returns trigger
language plpgsql as $$
begin
  delete from "collection_tally_keys" where "collection_id" = new.id;
  insert into "collection_tally_keys" ("collection_id", "key", "mode")
    select new.id, k."key", k."mode" from "response_tally_keys"(new."definition") k on conflict do nothing;
  return null;
end
$$;
--> statement-breakpoint
-- Fires before collections_tallies_definition (triggers of one event run in name order), so a recount uses the new keys.
create trigger "collections_keys_for_tallies" after insert or update of "definition" on "collections" for each row execute function "collection_tally_keys_sync"();
--> statement-breakpoint
insert into "collection_tally_keys" ("collection_id", "key", "mode")
  select c.id, k."key", k."mode" from "collections" c cross join lateral "response_tally_keys"(c."definition") k on conflict do nothing;
--> statement-breakpoint
create or replace function "response_tallies_apply"("changes" "response_tally_change"[]) returns void
language plpgsql set jit = off as $$
declare
  fell boolean;
begin
  if coalesce(cardinality("changes"), 0) = 0 then return; end if;
  -- The query is here rather than in an SQL function so that PL/pgSQL keeps its plan between statements.
  with d ("collection_id", "question", "value", "n") as (
    with c as materialized (select * from unnest("changes")),
    keys as materialized (
      select k."collection_id" as id, k."key", k."mode" from "collection_tally_keys" k
      where k."collection_id" in (select distinct c."collection_id" from c)
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
