-- Calls answered 4xx other than a refusal under a grant (401, 403, 429 count as denied) were
-- counted only as calls, so a view showed "0 failed" for calls a provider rejected (422) or a
-- consumer addressed wrongly (400, 404). They now have their own class, rejected: calls =
-- ok + errors (5xx) + denied + rejected. Existing days are recounted from the log once.
alter table exc_traffic_daily add column rejected bigint not null default 0;

update exc_traffic_daily t set rejected = x.rejected
from (
    select (e.at at time zone 'Asia/Shanghai')::date as day, e.resource_code, e.consumer_system_id,
        count(*) as rejected
    from exc_access_log e
    where e.status between 400 and 499 and e.status not in (401, 403, 429)
      and e.consumer_system_id is not null and e.consumer_agency_id is not null and e.provider_agency_id is not null
    group by 1, 2, 3) x
where t.day = x.day and t.resource_code = x.resource_code and t.consumer_system_id = x.consumer_system_id;

create or replace function exc_log_chain() returns trigger language plpgsql as $$
declare
    entries bigint;
    first_seq bigint;
    last_seq bigint;
    first_previous bytea;
    last_hash bytea;
begin
    -- for this transaction only (is_local), whatever the server's default: the writer answers the
    -- batch's calls once its commit has returned, so the commit must wait for the WAL flush
    perform set_config('synchronous_commit', 'on', true);
    select count(*), min(seq), max(seq) into entries, first_seq, last_seq from new_entries;
    if entries = 0 then
        return null;
    end if;
    if last_seq - first_seq + 1 <> entries then
        raise exception 'access-log entries of one insert must be consecutive' using errcode = '23514';
    end if;
    select previous_hash into first_previous from new_entries where seq = first_seq;
    select hash into last_hash from new_entries where seq = last_seq;
    -- the head first: every writer locks it before the traffic rows, so writers cannot deadlock
    update exc_log_head set seq = last_seq, hash = last_hash
    where id = 1 and seq = first_seq - 1 and hash = first_previous;
    if not found then
        raise exception 'exc_log_head moved: expected %', first_seq - 1 using errcode = '40001';
    end if;
    insert into exc_traffic_daily as t (day, resource_code, consumer_system_id, consumer_agency_id,
        provider_agency_id, calls, errors, denied, rejected, latency_us_sum, latency_us_max, under_5ms, under_50ms,
        under_500ms, bytes)
    select (e.at at time zone 'Asia/Shanghai')::date, e.resource_code, e.consumer_system_id,
        (array_agg(e.consumer_agency_id))[1], (array_agg(e.provider_agency_id))[1], count(*),
        count(*) filter (where e.status >= 500), count(*) filter (where e.status in (401, 403, 429)),
        count(*) filter (where e.status between 400 and 499 and e.status not in (401, 403, 429)),
        sum(e.latency_us), max(e.latency_us), count(*) filter (where e.latency_us < 5000),
        count(*) filter (where e.latency_us < 50000), count(*) filter (where e.latency_us < 500000), sum(e.bytes)
    from new_entries e
    where e.consumer_system_id is not null and e.consumer_agency_id is not null and e.provider_agency_id is not null
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (day, resource_code, consumer_system_id) do update set calls = t.calls + excluded.calls,
        errors = t.errors + excluded.errors, denied = t.denied + excluded.denied, rejected = t.rejected + excluded.rejected,
        latency_us_sum = t.latency_us_sum + excluded.latency_us_sum,
        latency_us_max = greatest(t.latency_us_max, excluded.latency_us_max),
        under_5ms = t.under_5ms + excluded.under_5ms, under_50ms = t.under_50ms + excluded.under_50ms,
        under_500ms = t.under_500ms + excluded.under_500ms, bytes = t.bytes + excluded.bytes;
    return null;
end
$$;

