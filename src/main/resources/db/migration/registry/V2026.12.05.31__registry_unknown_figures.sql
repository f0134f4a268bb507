-- Costs and user figures may be unknown (issue 16): an empty cell in an import, or an empty field,
-- is recorded as NULL, not as zero, and left out of sums. Existing figures stay as they are.
alter table reg_system
    alter column build_cost_fen drop not null,
    alter column build_cost_fen drop default,
    alter column annual_om_cost_fen drop not null,
    alter column annual_om_cost_fen drop default,
    alter column registered_users drop not null,
    alter column registered_users drop default,
    alter column monthly_active_users drop not null,
    alter column monthly_active_users drop default;
