-- The access-log writer's batches, committed without waiting for the WAL flush (docs/decisions.md 20):
-- the writer answers no call of a batch before a later synchronous commit on another connection
-- has returned, which flushes the WAL past this batch's commit record. The inserting connection
-- thus goes on to the next batch while the previous one is being flushed; a crash of PostgreSQL
-- loses only batches whose calls were not answered, and always a suffix of the chain.
create function exc_log_append_deferred(prev_seq bigint, prev_hash bytea, last_seq bigint, last_hash bytea,
        s bigint[], a bigint[], r uuid[], c text[], cs uuid[], ca uuid[], pa uuid[], sv uuid[], rc text[], g uuid[],
        pu text[], m text[], p text[], i text[], st int[], o text[], l int[], b int[], sk text[], sh text[],
        ph text[], h text[],
        d_day text[], d_resource text[], d_system uuid[], d_consumer uuid[], d_provider uuid[], d_calls bigint[],
        d_errors bigint[], d_denied bigint[], d_latency bigint[], d_max bigint[], d_5 bigint[], d_50 bigint[],
        d_500 bigint[], d_bytes bigint[])
    returns boolean language plpgsql as $$
begin
    -- for this transaction only (is_local): its commit does not wait for the flush
    perform set_config('synchronous_commit', 'off', true);
    return exc_log_append(prev_seq, prev_hash, last_seq, last_hash, s, a, r, c, cs, ca, pa, sv, rc, g, pu, m, p, i,
        st, o, l, b, sk, sh, ph, h, d_day, d_resource, d_system, d_consumer, d_provider, d_calls, d_errors, d_denied,
        d_latency, d_max, d_5, d_50, d_500, d_bytes);
end
$$;
