-- The audit chain (module audit). Append-only: see docs/audit.md for the hash encoding.
create table audit_entry (
    sequence       bigint       primary key check (sequence > 0),
    recorded_at    timestamptz  not null,
    actor          text         not null,
    agency_code    text,
    division_code  text,
    action         text         not null,
    subject_type   text         not null,
    subject_id     text         not null,
    details        text         not null check (details::jsonb is not null),
    previous_hash  char(64)     not null,
    hash           char(64)     not null unique
);

create index audit_entry_subject on audit_entry (subject_type, subject_id);
create index audit_entry_actor on audit_entry (actor);
create index audit_entry_division on audit_entry (division_code text_pattern_ops);
create index audit_entry_recorded_at on audit_entry (recorded_at);

-- The head of the chain: the last sequence and hash. Appenders lock this row, which serialises
-- appends and lets the verifier notice entries cut off the end.
create table audit_head (
    id        int       primary key check (id = 1),
    sequence  bigint    not null,
    hash      char(64)  not null
);
insert into audit_head (id, sequence, hash) values (1, 0, repeat('0', 64));

create function audit_entry_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();

-- The head only moves forward, one entry at a time, and is never deleted.
create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.sequence <> old.sequence + 1 then
        raise exception 'audit_head only moves forward by one entry' using errcode = 'insufficient_privilege';
    end if;
    if not exists (select 1 from audit_entry where sequence = new.sequence and hash = new.hash) then
        raise exception 'audit_head must point at an existing entry' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger audit_head_forward before update or delete on audit_head
    for each row execute function audit_head_forward_only();
