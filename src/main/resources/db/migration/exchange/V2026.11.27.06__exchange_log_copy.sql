-- The access-log writer now sends each batch's entries with COPY in binary form (parsing arrays of
-- text cost PostgreSQL about 25 µs per entry; docs/decisions.md 20), then calls exc_log_advance in
-- the same transaction: the daily traffic of the batch and the chain's head, moved only from where
-- the writer expects it. The transaction commits without waiting for the WAL flush: the writer
-- answers no call of the batch before a later synchronous commit on another connection has
-- returned, which flushes the WAL past it. A crash of PostgreSQL thus loses only batches whose
-- calls were not answered, and always a suffix of the chain.
drop function exc_log_append(bigint, bytea, bigint, bytea, bigint[], bigint[], uuid[], text[], uuid[], uuid[],
    uuid[], uuid[], text[], uuid[], text[], text[], text[], text[], int[], text[], int[], int[], text[], text[],
    text[], text[], text[], text[], uuid[], uuid[], uuid[], bigint[], bigint[], bigint[], bigint[], bigint[],
    bigint[], bigint[], bigint[], bigint[]);

create function exc_log_advance(prev_seq bigint, prev_hash bytea, last_seq bigint, last_hash bytea,
        d_day text[], d_resource text[], d_system uuid[], d_consumer uuid[], d_provider uuid[], d_calls bigint[],
        d_errors bigint[], d_denied bigint[], d_latency bigint[], d_max bigint[], d_5 bigint[], d_50 bigint[],
        d_500 bigint[], d_bytes bigint[])
    returns boolean language plpgsql as $$
begin
    -- for this transaction only (is_local): its commit does not wait for the flush
    perform set_config('synchronous_commit', 'off', true);
    insert into exc_traffic_daily as t (day, resource_code, consumer_system_id, consumer_agency_id,
        provider_agency_id, calls, errors, denied, latency_us_sum, latency_us_max, under_5ms, under_50ms,
        under_500ms, bytes)
    select x.day::date, x.resource, x.system, x.consumer, x.provider, x.calls, x.errors, x.denied, x.latency, x.max,
        x.u5, x.u50, x.u500, x.bytes
    from unnest(d_day, d_resource, d_system, d_consumer, d_provider, d_calls, d_errors, d_denied, d_latency, d_max,
        d_5, d_50, d_500, d_bytes)
        as x(day, resource, system, consumer, provider, calls, errors, denied, latency, max, u5, u50, u500, bytes)
    on conflict (day, resource_code, consumer_system_id) do update set calls = t.calls + excluded.calls,
        errors = t.errors + excluded.errors, denied = t.denied + excluded.denied,
        latency_us_sum = t.latency_us_sum + excluded.latency_us_sum,
        latency_us_max = greatest(t.latency_us_max, excluded.latency_us_max),
        under_5ms = t.under_5ms + excluded.under_5ms, under_50ms = t.under_50ms + excluded.under_50ms,
        under_500ms = t.under_500ms + excluded.under_500ms, bytes = t.bytes + excluded.bytes;
    update exc_log_head set seq = last_seq, hash = last_hash where id = 1 and seq = prev_seq and hash = prev_hash;
    if not found then
        raise exception 'exc_log_head moved: expected %', prev_seq using errcode = '40001';
    end if;
    return true;
end
$$;
