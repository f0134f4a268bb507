-- Files of open datasets (dcat:Distribution) uploaded by the provider's staff and stored in
-- PostgreSQL, cut into chunks of at most 1 MiB so that a download streams chunk by chunk instead
-- of holding the whole file in memory (docs/decisions.md).

create table cat_distribution (
    id            uuid primary key,
    entry_id      uuid not null references cat_entry (id),
    title         text not null,
    file_name     text not null,
    media_type    text not null,
    byte_size     bigint not null check (byte_size >= 0),
    sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz not null,
    created_by    text not null,
    updated_at    timestamptz not null,
    updated_by    text not null,
    version       bigint not null default 0
);

create index cat_distribution_entry on cat_distribution (entry_id);

create table cat_distribution_chunk (
    distribution_id uuid not null references cat_distribution (id) on delete cascade,
    seq             integer not null check (seq >= 0),
    bytes           bytea not null,
    primary key (distribution_id, seq)
);
