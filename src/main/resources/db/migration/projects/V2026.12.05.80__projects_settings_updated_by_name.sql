-- The settings page names who changed the thresholds last (their name, not their username).
alter table prj_settings add column updated_by_name text;
