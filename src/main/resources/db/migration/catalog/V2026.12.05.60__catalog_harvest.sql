-- Harvesting external catalogues (docs/catalog.md, "Harvest"): a source is a catalogue that one
-- agency imports as draft entries, uploaded or fetched from a URL on a schedule; a job is one dry
-- run or real run over one document; a record ties a dataset of a source (by its identifier in
-- that source) to the entry it became, and keeps everything the source said about it, including
-- what the entry has no field for (licence, publisher, distributions, issued/modified).

create table cat_harvest_source (
    id              uuid primary key,
    agency_id       uuid not null,
    division_code   text not null,
    name            text not null check (length(name) between 1 and 100),
    url             text check (url is null or length(url) <= 2000),
    -- hours between scheduled fetches of url; null: only when someone starts a run
    interval_hours  integer check (interval_hours is null or interval_hours between 1 and 720),
    next_run_at     timestamptz,
    defaults        jsonb not null,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    last_run_at     timestamptz,
    version         bigint not null default 0,
    check (interval_hours is null or url is not null),
    unique (agency_id, name)
);

create index cat_harvest_source_due on cat_harvest_source (next_run_at) where next_run_at is not null;

create table cat_harvest_job (
    id              uuid primary key,
    source_id       uuid not null references cat_harvest_source (id) on delete cascade,
    dry_run         boolean not null,
    state           text not null check (state in ('running', 'done', 'failed')),
    document_name   text not null,
    document_format text,
    document        bytea not null,
    total           integer not null default 0,
    processed       integer not null default 0,
    created         integer not null default 0,
    updated         integer not null default 0,
    unchanged       integer not null default 0,
    skipped         integer not null default 0,
    problems        integer not null default 0,
    results         jsonb not null default '[]',
    failure         text,
    started_by      text not null,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz
);

create index cat_harvest_job_source on cat_harvest_job (source_id, started_at desc);

create table cat_harvest_record (
    source_id         uuid not null references cat_harvest_source (id) on delete cascade,
    source_identifier text not null,
    entry_id          uuid not null unique,
    metadata          jsonb not null,
    fingerprint       text not null,
    harvested_at      timestamptz not null default now(),
    primary key (source_id, source_identifier)
);
