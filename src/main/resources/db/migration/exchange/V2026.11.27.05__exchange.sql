-- The exchange gateway (module exchange): data services, the systems that call through it, the
-- access log (S10) and its daily roll-up. docs/exchange.md describes the log's hash encoding.

-- A provider's endpoint serving a catalog resource: one active service per resource code.
create table exc_service (
    id                  uuid primary key,
    entry_id            uuid not null references cat_entry (id),
    entry_code          text not null,
    system_id           uuid not null references reg_system (id),
    provider_agency_id  uuid not null references org_agency (id),
    provider_division   text not null,
    name                text not null check (length(name) between 1 and 200),
    base_url            text not null check (base_url ~ '^https?://'),
    operations          jsonb not null,   -- [{"method":"GET","path":"/persons/{id}"}]
    field_map           jsonb not null,   -- {"name":"姓名","address.city":"住所","members[].id":"..."}
    subject_param       text,             -- the request parameter naming the data subject
    timeout_ms          integer not null check (timeout_ms between 100 and 60000),
    max_concurrent      integer not null check (max_concurrent between 1 and 1000),
    status              text not null check (status in ('active', 'disabled')),
    created_at          timestamptz not null default now(),
    created_by          text not null,
    updated_at          timestamptz not null default now(),
    version             bigint not null default 0
);

create unique index exc_service_one_active on exc_service (entry_code) where status = 'active';
create index exc_service_provider on exc_service (provider_agency_id);

-- Which registered system an OAuth2 client (client_credentials) calls for.
create table exc_client (
    client_id      text primary key,
    system_id      uuid not null references reg_system (id),
    agency_id      uuid not null references org_agency (id),
    division_code  text not null,
    xroad_client   text unique,          -- optional X-Road identifier: INSTANCE/CLASS/MEMBER/SUBSYSTEM
    bound_at       timestamptz not null default now(),
    bound_by       text not null
);

-- One entry per call, chained by hash (S10). Partitioned by month; append-only.
create table exc_access_log (
    seq                 bigint not null,
    at                  timestamptz not null,
    request_id          uuid not null,
    client_id           text,
    consumer_system_id  uuid,
    consumer_agency_id  uuid,
    provider_agency_id  uuid,
    service_id          uuid,
    resource_code       text not null,
    grant_id            uuid,
    purpose             text not null,
    method              text not null,
    path                text not null,
    items               text[] not null,
    status              smallint not null,
    outcome             text not null,
    latency_us          integer not null,
    bytes               integer not null,
    subject_key         text,
    subject_hmac        bytea,
    previous_hash       bytea not null,
    hash                bytea not null,
    primary key (seq, at)
) partition by range (at);

create index exc_access_log_subject on exc_access_log (subject_hmac) where subject_hmac is not null;
create index exc_access_log_consumer on exc_access_log (consumer_agency_id, at);
create index exc_access_log_provider on exc_access_log (provider_agency_id, at);

create table exc_log_head (
    id    int primary key check (id = 1),
    seq   bigint not null,
    hash  bytea not null
);
insert into exc_log_head (id, seq, hash) values (1, 0, decode(repeat('00', 32), 'hex'));

-- Months archived (detached and handed to long-term storage): the verifier starts after them.
create table exc_log_archive (
    month        date primary key,
    table_name   text not null,
    first_seq    bigint,
    last_seq     bigint,
    last_hash    bytea,
    archived_at  timestamptz not null default now(),
    archived_by  text not null
);

create function exc_access_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'exc_access_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger exc_access_log_no_update before update or delete on exc_access_log
    for each row execute function exc_access_log_refuse_change();
create trigger exc_access_log_no_truncate before truncate on exc_access_log
    for each statement execute function exc_access_log_refuse_change();

create function exc_log_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq <= old.seq then
        raise exception 'exc_log_head only moves forward' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger exc_log_head_forward before update or delete on exc_log_head
    for each row execute function exc_log_head_forward_only();

-- Traffic per day, resource and consumer system, maintained with each log batch.
create table exc_traffic_daily (
    day                 date not null,
    resource_code       text not null,
    consumer_system_id  uuid not null,
    consumer_agency_id  uuid not null,
    provider_agency_id  uuid not null,
    calls               bigint not null default 0,
    errors              bigint not null default 0,
    denied              bigint not null default 0,
    latency_us_sum      bigint not null default 0,
    latency_us_max      bigint not null default 0,
    under_5ms           bigint not null default 0,
    under_50ms          bigint not null default 0,
    under_500ms         bigint not null default 0,
    bytes               bigint not null default 0,
    primary key (day, resource_code, consumer_system_id)
);

create index exc_traffic_provider on exc_traffic_daily (provider_agency_id, day);
create index exc_traffic_consumer on exc_traffic_daily (consumer_agency_id, day);

-- One batch of entries in one statement (one round trip, one commit): the entries go in, the
-- daily traffic adds up, and last the head moves from where the writer expected it to the batch's
-- last entry. Writing the head last lets the next batch insert while this one commits; it then
-- waits only for the head row. When another writer moved the head first, the statement fails
-- with SQLSTATE 40001 and nothing of the batch remains; the writer re-reads the head and chains
-- the batch again.
create function exc_log_append(prev_seq bigint, prev_hash bytea, last_seq bigint, last_hash bytea,
        s bigint[], a bigint[], r uuid[], c text[], cs uuid[], ca uuid[], pa uuid[], sv uuid[], rc text[], g uuid[],
        pu text[], m text[], p text[], i text[], st int[], o text[], l int[], b int[], sk text[], sh text[],
        ph text[], h text[],
        d_day text[], d_resource text[], d_system uuid[], d_consumer uuid[], d_provider uuid[], d_calls bigint[],
        d_errors bigint[], d_denied bigint[], d_latency bigint[], d_max bigint[], d_5 bigint[], d_50 bigint[],
        d_500 bigint[], d_bytes bigint[])
    returns boolean language plpgsql as $$
begin
    insert into exc_access_log (seq, at, request_id, client_id, consumer_system_id, consumer_agency_id,
        provider_agency_id, service_id, resource_code, grant_id, purpose, method, path, items, status, outcome,
        latency_us, bytes, subject_key, subject_hmac, previous_hash, hash)
    select t.s, timestamptz 'epoch' + t.a * interval '1 microsecond', t.r, t.c, t.cs, t.ca, t.pa, t.sv, t.rc, t.g,
        t.pu, t.m, t.p, string_to_array(t.i, chr(31)), t.st::smallint, t.o, t.l, t.b, t.sk, decode(t.sh, 'hex'),
        decode(t.ph, 'hex'), decode(t.h, 'hex')
    from unnest(s, a, r, c, cs, ca, pa, sv, rc, g, pu, m, p, i, st, o, l, b, sk, sh, ph, h)
        as t(s, a, r, c, cs, ca, pa, sv, rc, g, pu, m, p, i, st, o, l, b, sk, sh, ph, h);
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
