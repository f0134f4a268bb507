-- Applications for conditionally open public data (有条件开放) by signed-in citizens and
-- enterprises. The providing department replies within the same 10 working days as a conditional
-- sharing request (S2); an overdue reply goes to the coordinator of its level.

create sequence shr_open_application_number;

create table shr_open_application (
    id                  uuid primary key,
    number              text not null unique,
    entry_id            uuid not null references cat_entry (id),
    entry_code          text not null,
    entry_name          text not null,
    entry_revision      integer not null,
    provider_agency_id  uuid not null,
    provider_division   text not null,
    applicant_account   uuid not null,
    applicant_username  text not null,
    applicant_kind      text not null check (applicant_kind in ('person', 'organization')),
    applicant_name      text not null,
    organization_code   text,
    contact             text not null,
    purpose             text not null,
    items               text[] not null,
    period_from         date not null,
    period_to           date not null,
    status              text not null check (status in ('submitted', 'approved', 'refused', 'withdrawn')),
    filed_at            timestamptz not null,
    reply_days          integer not null,
    reply_due           date not null,
    reply_provisional   boolean not null default false,
    replied_at          timestamptz,
    replied_by          text,
    reply               text,
    escalated_at        timestamptz,
    version             bigint not null default 0
);

create index shr_open_application_applicant on shr_open_application (applicant_account, filed_at desc);
create index shr_open_application_provider on shr_open_application (provider_agency_id, filed_at desc);
create index shr_open_application_open on shr_open_application (reply_due) where status = 'submitted';
