-- Batched appends (an import of thousands of records): the head may move forward by several
-- entries at once, as long as every entry in between exists and the head points at the last one.
create or replace function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.sequence <= old.sequence then
        raise exception 'audit_head only moves forward' using errcode = 'insufficient_privilege';
    end if;
    if not exists (select 1 from audit_entry where sequence = new.sequence and hash = new.hash) then
        raise exception 'audit_head must point at an existing entry' using errcode = 'insufficient_privilege';
    end if;
    if (select count(*) from audit_entry where sequence > old.sequence and sequence <= new.sequence)
            <> new.sequence - old.sequence then
        raise exception 'audit_head cannot skip entries' using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
