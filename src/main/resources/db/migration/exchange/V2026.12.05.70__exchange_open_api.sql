-- A provider opens a data service as the open (anonymous) API of an entry open without
-- conditions (docs/exchange.md, "Open data calls"); the gateway serves it only while the entry is.
alter table exc_service add column open_api boolean not null default false;
