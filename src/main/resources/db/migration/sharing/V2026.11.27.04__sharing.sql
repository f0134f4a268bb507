-- Sharing requests, grants, disputes and data-quality checks under the 2025 regulation (S1-S11).
-- Deadlines are stored as dates (computed on the working calendar) and recomputed when the
-- calendar changes; the start of each clock is stored so that they can be.

create sequence shr_request_number;

create table shr_request (
    id                     uuid primary key,
    number                 text not null unique,
    kind                   text not null default 'request' check (kind in ('request', 'renewal', 'return')),
    requester_agency_id    uuid not null,
    requester_division     text not null,
    consumer_system_id     uuid not null,
    entry_id               uuid not null references cat_entry (id),
    entry_code             text not null,
    entry_revision         integer not null,
    sharing_type           text not null,
    provider_agency_id     uuid not null,
    provider_division      text not null,
    items                  text[] not null,
    legal_basis            text not null,
    use_case               text not null,
    use_scope              text not null,
    sharing_method         text not null,
    period_from            date not null,
    period_to              date not null,
    expected_volume        text not null,
    renews_grant_id        uuid,
    status                 text not null check (status in ('submitted', 'incomplete', 'approved', 'refused', 'withdrawn')),
    filed_at               timestamptz not null,
    filed_by               text not null,
    -- S2: the reply clock (restarts when an incomplete request is supplemented)
    clock_start            date not null,
    reply_days             integer not null,
    extension_requested    integer,
    extension_days         integer not null default 0,   -- counted only once approved
    extension_state        text check (extension_state in ('requested', 'approved', 'rejected', 'lapsed')),
    extension_reason       text,
    reply_due              date not null,
    reply_provisional      boolean not null default false,
    replied_at             timestamptz,
    replied_on             date,
    reply_working_days     integer,
    replied_by             text,
    -- S3
    incomplete_notice      jsonb,
    incomplete_at          timestamptz,
    refusal_category       text,
    refusal_reasons        text,
    refusal_condition      integer,
    -- S5: the delivery clock starts on approval
    delivery_start         date,
    delivery_due           date,
    delivered_at           timestamptz,
    delivered_on           date,
    delivery_method        text,
    delivery_note          text,
    -- an overdue reply or delivery handed to the coordinator by itself
    escalated_at           timestamptz,
    delivery_escalated_at  timestamptz,
    version                bigint not null default 0,
    updated_at             timestamptz not null default now()
);

create index shr_request_requester on shr_request (requester_agency_id);
create index shr_request_provider on shr_request (provider_agency_id);
create index shr_request_open on shr_request (reply_due) where status in ('submitted', 'incomplete');
create index shr_request_delivery on shr_request (delivery_due) where status = 'approved' and delivered_at is null;
create index shr_request_entry on shr_request (entry_id);

create table shr_grant (
    id                     uuid primary key,
    request_id             uuid not null references shr_request (id),
    consumer_system_id     uuid not null,
    consumer_agency_id     uuid not null,
    consumer_division      text not null,
    provider_agency_id     uuid not null,
    provider_division      text not null,
    entry_id               uuid not null references cat_entry (id),
    entry_code             text not null,
    items                  text[] not null,
    purpose                text not null,
    valid_from             date not null,
    valid_to               date not null,
    rate_limit_per_minute  integer not null check (rate_limit_per_minute between 1 and 1000000),
    status                 text not null check (status in ('active', 'suspended', 'ended', 'expired')),
    issued_at              timestamptz not null default now(),
    -- S7: suspension for misuse, until corrected by a deadline
    suspended_at           timestamptz,
    suspension_reason      text,
    correction_due         date,
    correction_reported    text,
    -- S7: ending, with reasons, consultation and filing
    ended_at               timestamptz,
    end_kind               text check (end_kind in ('misuse_uncorrected', 'provider_ended', 'consumer_ended', 'purpose_met')),
    end_reason             text,
    consultation_note      text,
    filed_at               timestamptz,
    -- S7/S10: disposal of the data once the grant is over
    disposal_method        text,
    disposal_on            date,
    disposal_note          text,
    disposal_recorded_at   timestamptz,
    version                bigint not null default 0,
    updated_at             timestamptz not null default now()
);

create index shr_grant_consumer on shr_grant (consumer_agency_id);
create index shr_grant_provider on shr_grant (provider_agency_id);
create index shr_grant_entry on shr_grant (entry_id) where status in ('active', 'suspended');

create table shr_dispute (
    id                     uuid primary key,
    request_id             uuid not null references shr_request (id),
    tier                   text not null check (tier in ('negotiation', 'coordinator', 'higher-coordinator', 'government')),
    coordinator_division   text not null,
    status                 text not null check (status in ('open', 'resolved')),
    opened_at              timestamptz not null default now(),
    opened_by              text not null,
    grounds                text not null,
    outcome                text check (outcome in ('refusal-upheld', 'sharing-ordered', 'settled', 'withdrawn')),
    resolution             text,
    resolved_at            timestamptz,
    resolved_by            text,
    version                bigint not null default 0
);

create unique index shr_dispute_one_open on shr_dispute (request_id) where status = 'open';

create table shr_quality_check (
    id                     uuid primary key,
    entry_id               uuid not null references cat_entry (id),
    entry_code             text not null,
    provider_agency_id     uuid not null,
    provider_division      text not null,
    requester_agency_id    uuid not null,
    grant_id               uuid references shr_grant (id),
    items                  text[] not null,
    description            text not null,
    filed_at               timestamptz not null default now(),
    filed_by               text not null,
    filed_on               date not null,
    due                    date not null,
    status                 text not null check (status in ('open', 'corrected', 'verified-correct')),
    answer                 text,
    answered_at            timestamptz,
    answered_on            date,
    answered_by            text,
    version                bigint not null default 0
);

create index shr_quality_entry on shr_quality_check (entry_id);
