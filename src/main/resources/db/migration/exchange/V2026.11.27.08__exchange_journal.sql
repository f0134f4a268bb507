-- The access log is first written to each instance's local journal, flushed before a call is
-- answered, and shipped into exc_access_log behind the calls (docs/decisions.md 18). This is how
-- far each instance's journal is in the database; it moves in the same transaction as the entries
-- it covers, so after a crash the journal is shipped on from exactly there.
create table exc_journal (
    instance_id uuid primary key,
    shipped     bigint not null check (shipped >= 0),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
