-- The access-log writer now sends each batch's entries with one binary COPY in its own transaction
-- (parsing arrays of text cost PostgreSQL about 25 µs per entry; docs/decisions.md 18). What the
-- writer's function did besides inserting now happens in a statement trigger on the same insert,
-- from the inserted rows themselves: the chain's head is moved from where the batch says it
-- starts, or the batch fails with SQLSTATE 40001 (several instances share one chain), and the
-- batch's daily traffic is added. Every insert into the log thus moves the head consistently.
-- The transaction commits without waiting for the WAL flush: the writer answers no call of the
-- batch before a later synchronous commit on another connection has returned, which flushes the
-- WAL past it. A crash of PostgreSQL loses only batches whose calls were not answered, and always a
-- suffix of the chain.
drop function exc_log_append(bigint, bytea, bigint, bytea, bigint[], bigint[], uuid[], text[], uuid[], uuid[],
    uuid[], uuid[], text[], uuid[], text[], text[], text[], text[], int[], text[], int[], int[], text[], text[],
    text[], text[], text[], text[], uuid[], uuid[], uuid[], bigint[], bigint[], bigint[], bigint[], bigint[],
    bigint[], bigint[], bigint[], bigint[]);

create function exc_log_chain() returns trigger language plpgsql as $$
declare
    entries bigint;
    first_seq bigint;
    last_seq bigint;
    first_previous bytea;
    last_hash bytea;
begin
    -- for this transaction only (is_local): the writer confirms durability with a later flush
    perform set_config('synchronous_commit', 'off', true);
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
        provider_agency_id, calls, errors, denied, latency_us_sum, latency_us_max, under_5ms, under_50ms,
        under_500ms, bytes)
    select (e.at at time zone 'Asia/Shanghai')::date, e.resource_code, e.consumer_system_id,
        (array_agg(e.consumer_agency_id))[1], (array_agg(e.provider_agency_id))[1], count(*),
        count(*) filter (where e.status >= 500), count(*) filter (where e.status in (401, 403, 429)),
        sum(e.latency_us), max(e.latency_us), count(*) filter (where e.latency_us < 5000),
        count(*) filter (where e.latency_us < 50000), count(*) filter (where e.latency_us < 500000), sum(e.bytes)
    from new_entries e
    where e.consumer_system_id is not null and e.consumer_agency_id is not null and e.provider_agency_id is not null
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (day, resource_code, consumer_system_id) do update set calls = t.calls + excluded.calls,
        errors = t.errors + excluded.errors, denied = t.denied + excluded.denied,
        latency_us_sum = t.latency_us_sum + excluded.latency_us_sum,
        latency_us_max = greatest(t.latency_us_max, excluded.latency_us_max),
        under_5ms = t.under_5ms + excluded.under_5ms, under_50ms = t.under_50ms + excluded.under_50ms,
        under_500ms = t.under_500ms + excluded.under_500ms, bytes = t.bytes + excluded.bytes;
    return null;
end
$$;

create trigger exc_access_log_chain after insert on exc_access_log
    referencing new table as new_entries for each statement execute function exc_log_chain();
