-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 2.0, schema v2 for
-- PostgreSQL, as shipped in the jar): every event handed to an @ApplicationModuleListener is written
-- here in the publishing transaction and marked completed when the listener succeeds, so a listener
-- that must not lose an event (e.g. the deadline recompute after a calendar change) is resubmitted
-- after a crash between commit and completion.
create table if not exists event_publication
(
  id                     uuid not null,
  listener_id            text not null,
  event_type             text not null,
  serialized_event       text not null,
  publication_date       timestamp with time zone not null,
  completion_date        timestamp with time zone,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamp with time zone,
  primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash(serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
